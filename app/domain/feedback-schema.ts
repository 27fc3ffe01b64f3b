import type { SubmissionResult } from "@conform-to/react";
import { z } from "zod";
import { formDate } from "./dates";
import { isUuid } from "./ids";
import { TEXT_LIMITS } from "./text-limits";
import { consentForms, consentGivers, consentInfoKinds } from "./vocabulary";

/**
 * The forms of a report's feedback page, one schema per intent: the server parses with them (conform's parseWithZod)
 * and the page validates and sets its fields' constraints with the same ones. Each action route takes the union of
 * its own intents. Error messages are translation keys in locales/<lang>/feedback.json.
 */
const e = (key: string) => `feedback:errors.${key}`;
const says = (key: string) => ({ errorMap: () => ({ message: e(key) }) });

/** One of a fixed list (a radio, a select, a checkbox); anything else, or nothing, gets `key`'s message. */
const oneOf = <T extends readonly [string, ...string[]]>(values: T, key: string) => z.enum(values, says(key));
/** A text someone types: trimmed, and refused (never cut) past its limit. */
const text = (max: number) => z.string().trim().max(max, e("textTooLong"));
const requiredText = (max: number, key: string) => z.string(says(key)).trim().min(1, e(key)).max(max, e("textTooLong"));
const id = (key: string) => z.string(says(key)).refine(isUuid, e(key));
/** A day that must be given: a message of this form's own when it is missing, formDate's rule for the calendar. */
const day = z.string(says("datesRequired")).trim().min(1, e("datesRequired")).pipe(formDate);
/** A checkbox sent as "yes"; anything else is no. */
const yes = z
  .string()
  .optional()
  .transform((v) => v === "yes");
/** The page's key for a create form: a resend finds the first one's row. Only a client not the page lacks it. */
const submissionKey = z.string().refine(isUuid);

export const consentSchema = z.object({
  intent: z.literal("consent"),
  submissionKey,
  giver: oneOf(consentGivers, "giverRequired"),
  givenBy: requiredText(TEXT_LIMITS.consentGivenBy, "givenByRequired"),
  jointCustody: yes,
  bothGuardiansConsented: yes,
  form: oneOf(consentForms, "formRequired"),
  documentReference: text(TEXT_LIMITS.consentDocument).default(""),
  // Ticked from the lists the page offers; whether they may be named on this report is the model's rule.
  recipientUnitIds: z.array(id("unknownRecipient")).default([]),
  recipientUserIds: z.array(id("unknownRecipient")).default([]),
  infoKinds: z.array(oneOf(consentInfoKinds, "kindsRequired")).min(1, e("kindsRequired")),
  validFrom: day,
  validUntil: day,
});

export const withdrawSchema = z.object({
  intent: z.literal("withdraw"),
  consentId: id("cannotWithdraw"),
});

export const sendSchema = z.object({
  intent: z.literal("send"),
  submissionKey,
  // Chosen in the check before the form is shown, and sent with it as hidden fields.
  recipientId: id("chooseFirst"),
  kind: oneOf(consentInfoKinds, "chooseFirst"),
  body: requiredText(TEXT_LIMITS.extendedFeedback, "bodyRequired"),
});

/** reports.$reportId_.feedback.consents.tsx */
export const consentActions = z.discriminatedUnion("intent", [consentSchema, withdrawSchema]);
/** reports.$reportId_.feedback.extended.tsx */
export const extendedActions = z.discriminatedUnion("intent", [sendSchema]);

/** A refused form's answer: conform's reply (the form as sent, its errors) and what the messages name. */
export type FeedbackReply =
  | {
      intent: "consent";
      result: SubmissionResult<string[]>;
      /** The consent on record that a refused one repeats: its giver, first and last day. */
      duplicate?: { givenBy: string; from: string; until: string };
    }
  | { intent: "withdraw"; result: SubmissionResult<string[]> }
  | { intent: "send"; result: SubmissionResult<string[]>; at?: string | null };
