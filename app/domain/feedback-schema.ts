import type { SubmissionResult } from "@conform-to/react";
import { z } from "zod";
import { formDate } from "./dates";
import { messagesOf } from "./form-messages";
import { isUuid } from "./ids";
import { looksLikePersonalNumber } from "./personal-number";
import { TEXT_LIMITS } from "./text-limits";
import { consentForms, consentGivers, consentInfoKinds, guardianAnswers, type GuardianAnswer } from "./vocabulary";

/**
 * The forms of a report's feedback page, one schema per intent: the server parses with them (conform's parseWithZod)
 * and the page validates and sets its fields' constraints with the same ones. Each action route takes the union of
 * its own intents. Error messages are translation keys in locales/<lang>/feedback.json.
 */
const { e, says } = messagesOf("feedback");

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

/**
 * The school's record of asking the guardians (reports.$reportId_.guardian-consent.tsx): when, who answered, yes or
 * no, what a yes covers and in what form. What the day and the answer require of each other is `guardianAnswerErrors`.
 */
export const guardianAnswerSchema = z.object({
  intent: z.literal("record"),
  submissionKey,
  askedOn: z.string(says("dateRequired")).trim().min(1, e("dateRequired")).pipe(formDate),
  giver: oneOf(consentGivers, "giverRequired"),
  givenBy: requiredText(TEXT_LIMITS.consentGivenBy, "givenByRequired"),
  answer: oneOf(guardianAnswers, "answerRequired"),
  infoKinds: z.array(oneOf(consentInfoKinds, "kindsRequired")).default([]),
  form: oneOf(consentForms, "formRequired"),
  // Read by reception only, yet a note about the child is not what it is for.
  note: text(TEXT_LIMITS.guardianAnswerNote)
    .default("")
    .refine((v) => !looksLikePersonalNumber(v), e("personalNumber")),
});

/** The field errors of an answer the schema let through: a day to come, a yes that covers nothing. */
export function guardianAnswerErrors(
  v: { askedOn: string; answer: GuardianAnswer; infoKinds: readonly string[] },
  today: string,
) {
  const errors: Record<string, string[]> = {};
  if (v.askedOn > today) errors.askedOn = [e("dateInFuture")];
  if (v.answer === "yes" && !v.infoKinds.length) errors.infoKinds = [e("kindsRequired")];
  return errors;
}

/** Reception confirms a yes into the register, until a day it chooses (the consent starts on the day asked). */
export const confirmGuardianAnswerSchema = z.object({
  intent: z.literal("confirm"),
  submissionKey,
  answerId: id("notFound"),
  validUntil: day,
  jointCustody: yes,
});

/** Or records why it does not. */
export const declineGuardianAnswerSchema = z.object({
  intent: z.literal("decline"),
  answerId: id("notFound"),
  reason: requiredText(TEXT_LIMITS.guardianAnswerNote, "reasonRequired"),
});

/** reports.$reportId_.guardian-consent.tsx */
export const guardianConsentActions = z.discriminatedUnion("intent", [
  guardianAnswerSchema,
  confirmGuardianAnswerSchema,
  declineGuardianAnswerSchema,
]);

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
