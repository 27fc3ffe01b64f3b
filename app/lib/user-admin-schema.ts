import { z } from "zod";
import { adminSetPassword, emailAddress, personName } from "~/components/admin-forms";
import { roles } from "~/lib/vocabulary";

/**
 * The administrator's user page: one schema per intent, the same in the browser (conform's validation) and in the
 * step route that takes the intent (app/routes/admin.users.$userId.<step>.tsx), which parses its discriminated union.
 * Messages are translation keys in locales/<lang>/admin.json.
 */

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

export type UserAdminStep = "profile" | "memberships" | "credentials" | "account";

/** A step route's `handle`: its texts, and the section of the page it renders (with its action's answer). */
export interface UserAdminStepHandle {
  i18n: ["admin"];
  step: UserAdminStep;
}

/** Fields the page sends but nobody types: an error in one is a forged or broken request, answered 400. */
export const UNTYPED_FIELDS = ["intent", "membershipId"] as const;
