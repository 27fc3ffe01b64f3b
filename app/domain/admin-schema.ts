import { z } from "zod";
import { PASSWORD_MAX } from "~/domain/text-limits";
import { roles, unitKindsWithChildren, type UnitKind } from "~/domain/vocabulary";

/**
 * The administrator's user page: one schema per intent, the same in the browser (conform's validation) and in the
 * step route that takes the intent (app/routes/admin.users.$userId.<step>.tsx), which parses its discriminated union.
 * Messages are translation keys in locales/<lang>/admin.json.
 */

/** A user's name and e-mail, as the create and edit forms take them. */
export const personName = z
  .string({ required_error: "admin:errors.nameRequired" })
  .trim()
  .min(1, "admin:errors.nameRequired")
  .max(200, "admin:errors.nameTooLong");
export const emailAddress = z
  .string({ required_error: "admin:errors.emailRequired" })
  .trim()
  .max(254, "admin:errors.emailInvalid")
  .email("admin:errors.emailInvalid");

/** A password an administrator sets (new account or reset): the user replaces it at the next login. */
export const adminSetPassword = z
  .string({ required_error: "admin:errors.passwordRequired" })
  .min(12, "admin:errors.passwordTooShort")
  .max(PASSWORD_MAX, "admin:errors.passwordTooLong");

const unitName = z
  .string({ required_error: "admin:errors.unitNameRequired" })
  .trim()
  .min(1, "admin:errors.unitNameRequired")
  .max(200, "admin:errors.unitNameTooLong");

/**
 * One schema for creating and editing a unit, used in the browser and on the server. Preschools and schools
 * must give their number of enrolled children (a whole number from 0); other kinds ignore the field.
 */
export const unitSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.enum(unitKindsWithChildren),
      name: unitName,
      enrolledChildren: z
        .number({ required_error: "admin:errors.enrolledRequired", invalid_type_error: "admin:errors.enrolledInvalid" })
        .int("admin:errors.enrolledInvalid")
        .min(0, "admin:errors.enrolledInvalid")
        .max(1_000_000, "admin:errors.enrolledInvalid"),
    }),
    z.object({
      kind: z.enum(["student_health", "reception", "investigation", "coordination", "administration"]),
      name: unitName,
      enrolledChildren: z.any().transform((): number | null => null),
    }),
  ],
  { errorMap: () => ({ message: "admin:errors.kindRequired" }) },
);
// Fails to compile when a unit kind is added to the vocabulary but not to the schema above.
type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : never;
const _kindsInSchema: Exhaustive<UnitKind, z.infer<typeof unitSchema>["kind"]> = true;
void _kindsInSchema;

/** Reception's shared e-mail address (app/models/municipality.server.ts); left empty, it is cleared. */
export const receptionAddressSchema = z.object({
  intent: z.literal("receptionAddress"),
  receptionAddress: emailAddress.optional(),
});

export const profileSchema = z.object({
  intent: z.literal("profile"),
  name: personName,
  email: emailAddress,
});

export const addMembershipSchema = z.object({
  intent: z.literal("add-membership"),
  unitId: z.string({ required_error: "admin:errors.unitRequired" }).uuid("admin:errors.unitRequired"),
  role: z.enum(roles, { errorMap: () => ({ message: "admin:errors.roleRequired" }) }),
});

export const removeMembershipSchema = z.object({
  intent: z.literal("remove-membership"),
  membershipId: z.string().uuid(),
});

export const resetPasswordSchema = z.object({
  intent: z.literal("reset-password"),
  password: adminSetPassword,
});

export const resetSecondFactorSchema = z.object({ intent: z.literal("reset-second-factor") });

export const deactivateSchema = z.object({ intent: z.literal("deactivate") });

export const reactivateSchema = z.object({ intent: z.literal("reactivate") });

/** The intents of each step route. */
export const profileStep = z.discriminatedUnion("intent", [profileSchema]);
export const membershipsStep = z.discriminatedUnion("intent", [addMembershipSchema, removeMembershipSchema]);
export const credentialsStep = z.discriminatedUnion("intent", [resetPasswordSchema, resetSecondFactorSchema]);
export const accountStep = z.discriminatedUnion("intent", [deactivateSchema, reactivateSchema]);
/** A change that takes two administrators (app/models/admin-proposal.server.ts): decided by another, or withdrawn. */
export const proposalsStep = z.object({
  intent: z.enum(["approve", "reject", "withdraw"]),
  proposalId: z.string().uuid(),
});

export type UserAdminStep = "profile" | "memberships" | "credentials" | "account" | "proposals";

/** A step route's `handle`: its texts, and the section of the page it renders (with its action's answer). */
export interface UserAdminStepHandle {
  i18n: ["admin"];
  step: UserAdminStep;
}

/** Fields the page sends but nobody types: an error in one is a forged or broken request, answered 400. */
export const UNTYPED_FIELDS = ["intent", "membershipId", "proposalId"] as const;

/**
 * The municipality's identity provider (issue 25): its issuer (https; http only for a provider on this machine, as
 * in tests and the demo), this portal's client id there, the name on the login button, and whether passwords stay.
 */
export const identityProviderSchema = z.object({
  intent: z.literal("provider"),
  issuer: z
    .string({ required_error: "admin:errors.issuerRequired" })
    .trim()
    .max(500, "admin:errors.issuerInvalid")
    .url("admin:errors.issuerInvalid")
    .refine(
      (value) => /^https:\/\//.test(value) || /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/.test(value),
      "admin:errors.issuerInvalid",
    ),
  clientId: z
    .string({ required_error: "admin:errors.clientIdRequired" })
    .trim()
    .min(1, "admin:errors.clientIdRequired")
    .max(200, "admin:errors.clientIdTooLong"),
  displayName: z
    .string({ required_error: "admin:errors.displayNameRequired" })
    .trim()
    .min(1, "admin:errors.displayNameRequired")
    .max(100, "admin:errors.displayNameTooLong"),
  // A checkbox: "yes" when ticked, absent when not.
  passwordSignIn: z.literal("yes").optional(),
  /** The provider's `acr` values that mean more than one factor, separated by spaces or commas. */
  mfaAcrValues: z
    .string()
    .max(2000, "admin:errors.acrValuesTooLong")
    .optional()
    .transform((text) => [...new Set((text ?? "").split(/[\s,]+/).filter(Boolean))]),
  /** Roles that must also sign in with more than one factor (social services and administrators always do). */
  secondFactorRoles: z.array(z.enum(roles)).optional(),
});

/** A group at the provider that gives a role at a unit. */
export const groupRoleSchema = z.object({
  intent: z.literal("groupRole"),
  groupName: z
    .string({ required_error: "admin:errors.groupNameRequired" })
    .trim()
    .min(1, "admin:errors.groupNameRequired")
    .max(200, "admin:errors.groupNameTooLong"),
  unitId: z.string({ required_error: "admin:errors.unitRequired" }).uuid("admin:errors.unitRequired"),
  role: z.enum(roles, { errorMap: () => ({ message: "admin:errors.roleRequired" }) }),
});

/** A second administrator's approval of a mapping, or its removal. */
export const groupRoleDecisionSchema = z.object({
  intent: z.enum(["approveGroupRole", "removeGroupRole"]),
  groupRoleId: z.string().uuid(),
});
