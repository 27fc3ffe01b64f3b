import { z } from "zod";
import { formDate, formTime } from "./dates";
import { need as needRule, pastDate as pastDateRule } from "./form-rules";
import { parsePersonalNumber } from "./personal-number";

/** Error messages are translation keys in locales/<lang>/reports.json. */
const e = (key: string) => `reports:errors.${key}`;

// Required fields are checked in superRefine, not in the shape: zod runs refinements only when the shape
// passes, and a form should show every error at once, not one round at a time.
const text = (max: number) => z.string().trim().max(max, e("tooLong")).default("");
// Empty is allowed here (conform does not turn "" into undefined inside a default); need() decides.
const date = formDate.default("");
const PHONE = /^[0-9+ ()-]{5,30}$/;
const need = (ctx: z.RefinementCtx, value: unknown, path: string, key: string) => needRule(ctx, value, path, e(key));
const pastDate = (ctx: z.RefinementCtx, value: string, path: string, today: string) =>
  pastDateRule(ctx, value, path, today, e);

export const guardianKeys = ["guardian1", "guardian2"] as const;
export const observedByValues = ["me", "colleague", "other"] as const;

const guardianFields = Object.fromEntries(
  guardianKeys.flatMap((g) => [
    [`${g}Name`, text(200)],
    [`${g}Informed`, z.enum(["yes", "no"]).optional()],
    [`${g}Reason`, text(2000)],
  ]),
) as Record<`${(typeof guardianKeys)[number]}${"Name" | "Reason"}`, ReturnType<typeof text>> &
  Record<`${(typeof guardianKeys)[number]}Informed`, z.ZodOptional<z.ZodEnum<["yes", "no"]>>>;

/** The part of a report every channel shares: the child and the concern. */
const contentShape = {
  childName: text(200),
  childPersonalNumber: text(20),
  childBirthDate: date,
  childGroup: text(100),
  observations: text(20_000),
  childWords: text(10_000),
  ...guardianFields,
  interpreterNeeded: z.boolean().default(false),
  interpreterLanguage: text(100),
  acute: z.boolean().default(false),
  otherAgencies: text(2_000),
  wantsFeedback: z.boolean().default(false),
  adviceCode: text(20),
};

type ContentValues = z.infer<z.ZodObject<typeof contentShape>>;

/** Rules across fields, shared by the portal form and reception's registration form. */
function checkContent(v: ContentValues & { observedOn: string }, ctx: z.RefinementCtx, today: string) {
  need(ctx, v.childName, "childName", "childNameRequired");
  need(ctx, v.observations, "observations", "observationsRequired");
  if (v.childPersonalNumber) {
    const parsed = parsePersonalNumber(v.childPersonalNumber);
    if (!parsed.ok)
      ctx.addIssue({ code: "custom", path: ["childPersonalNumber"], message: e(`personalNumber.${parsed.error}`) });
  } else {
    need(ctx, v.childBirthDate, "childBirthDate", "birthDateRequired");
    pastDate(ctx, v.childBirthDate, "childBirthDate", today);
  }
  pastDate(ctx, v.observedOn, "observedOn", today);
  for (const g of guardianKeys) {
    if (!v[`${g}Name`]) continue;
    if (!v[`${g}Informed`])
      ctx.addIssue({ code: "custom", path: [`${g}Informed`], message: e("guardianInformedRequired") });
    if (v[`${g}Informed`] === "no" && !v[`${g}Reason`])
      ctx.addIssue({ code: "custom", path: [`${g}Reason`], message: e("guardianReasonRequired") });
  }
  if (v.interpreterNeeded && !v.interpreterLanguage)
    ctx.addIssue({ code: "custom", path: ["interpreterLanguage"], message: e("interpreterLanguageRequired") });
  if (v.adviceCode && !/^R-[A-Z0-9]{4}$/i.test(v.adviceCode))
    ctx.addIssue({ code: "custom", path: ["adviceCode"], message: e("adviceCodeInvalid") });
}

/** From validated form values to what the report stores. */
export function reportContent(v: ContentValues & { observedOn: string; unitId: string }) {
  const personal = v.childPersonalNumber ? parsePersonalNumber(v.childPersonalNumber) : null;
  return {
    unitId: v.unitId || null,
    childName: v.childName,
    childPersonalNumber: personal?.ok ? personal.normalized : null,
    childBirthDate: personal?.ok ? personal.birthDate : v.childBirthDate || null,
    childGroup: v.childGroup,
    observedOn: v.observedOn || null,
    observations: v.observations,
    childWords: v.childWords,
    guardians: guardianKeys
      .filter((g) => v[`${g}Name`])
      // The reason is asked for (and shown) only after "no": one typed before switching to "yes" is not kept.
      .map((g) => ({
        name: v[`${g}Name`],
        informed: v[`${g}Informed`] === "yes",
        notInformedReason: v[`${g}Informed`] === "no" ? v[`${g}Reason`] : "",
      })),
    interpreterNeeded: v.interpreterNeeded,
    interpreterLanguage: v.interpreterNeeded ? v.interpreterLanguage : "",
    acute: v.acute,
    otherAgencies: v.otherAgencies,
    wantsFeedback: v.wantsFeedback,
    adviceCode: v.adviceCode ? v.adviceCode.toUpperCase() : null,
  };
}

/** The report form of a mandatory reporter. `today` is the Stockholm date, for "not in the future". */
export function portalReportSchema(today: string) {
  return z
    .object({
      ...contentShape,
      unitId: text(36),
      observedOn: date,
      reporterPhone: text(30),
      reporterEmail: z.string().trim().max(254).email(e("emailInvalid")).optional(),
      observedBy: z.enum(observedByValues).default("me"),
      observerId: text(36),
      observerName: text(200),
      onBehalfReason: text(2_000),
      coSignerId: text(36),
      // Optional: the kind of concern the reporter would name; reception decides (whether it is one: the route's check).
      suggestedKindId: text(36),
      // A threatened reporter may ask that their identity be kept from the family; social services decide (OSL 26 kap. 5 §).
      identityProtectionRequested: z.boolean().default(false),
      identityProtectionReason: text(2_000),
    })
    .superRefine((v, ctx) => {
      checkContent(v, ctx, today);
      need(ctx, v.unitId, "unitId", "unitRequired");
      need(ctx, v.observedOn, "observedOn", "observedOnRequired");
      need(ctx, v.reporterPhone, "reporterPhone", "phoneRequired");
      if (v.reporterPhone && !PHONE.test(v.reporterPhone))
        ctx.addIssue({ code: "custom", path: ["reporterPhone"], message: e("phoneInvalid") });
      if (v.observedBy === "colleague" && !v.observerId)
        ctx.addIssue({ code: "custom", path: ["observerId"], message: e("observerRequired") });
      if (v.observedBy === "other" && !v.observerName)
        ctx.addIssue({ code: "custom", path: ["observerName"], message: e("observerNameRequired") });
      if (v.observedBy !== "me" && !v.onBehalfReason)
        ctx.addIssue({ code: "custom", path: ["onBehalfReason"], message: e("onBehalfReasonRequired") });
      protectionNeedsReason(v, ctx);
    });
}

/** Social services weigh the risk the reporter describes: a request without one gives them nothing to weigh. */
function protectionNeedsReason(
  v: { identityProtectionRequested: boolean; identityProtectionReason: string },
  ctx: z.RefinementCtx,
) {
  if (v.identityProtectionRequested && !v.identityProtectionReason)
    ctx.addIssue({
      code: "custom",
      path: ["identityProtectionReason"],
      message: e("identityProtectionReasonRequired"),
    });
}

/**
 * The request for identity protection as the report stores it. The reason field is shown only once the box is ticked,
 * but the browser sends what it holds: a reason typed before unticking is not kept.
 */
export function identityProtectionOf(v: { identityProtectionRequested: boolean; identityProtectionReason: string }) {
  return {
    identityProtectionRequested: v.identityProtectionRequested,
    identityProtectionReason: v.identityProtectionRequested ? v.identityProtectionReason : null,
  };
}

export const externalChannels = ["e_service", "paper", "phone", "police", "other"] as const;

/** Reception's form for a report that arrived another way. */
export function registeredReportSchema(today: string) {
  return z
    .object({
      ...contentShape,
      channel: z.enum(externalChannels, { invalid_type_error: e("channelRequired") }).optional(),
      receivedOn: date,
      receivedTime: formTime.default(""),
      unitId: text(36),
      observedOn: date,
      reporterName: text(200),
      reporterPhone: text(30),
      reporterEmail: z.string().trim().max(254).email(e("emailInvalid")).optional(),
      // Someone who reports as a private person is whom OSL 26 kap. 5 § protects first: reception records their request.
      identityProtectionRequested: z.boolean().default(false),
      identityProtectionReason: text(2_000),
    })
    .superRefine((v, ctx) => {
      checkContent(v, ctx, today);
      protectionNeedsReason(v, ctx);
      need(ctx, v.channel, "channel", "channelRequired");
      need(ctx, v.receivedOn, "receivedOn", "receivedOnRequired");
      need(ctx, v.receivedTime, "receivedTime", "timeRequired");
      need(ctx, v.reporterName, "reporterName", "reporterNameRequired");
      if (v.reporterPhone && !PHONE.test(v.reporterPhone))
        ctx.addIssue({ code: "custom", path: ["reporterPhone"], message: e("phoneInvalid") });
      pastDate(ctx, v.receivedOn, "receivedOn", today);
    });
}
