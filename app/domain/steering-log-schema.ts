import { z } from "zod";
import { isCalendarDate } from "./dates";
import { messagesOf } from "./form-messages";
import { isUuid } from "./ids";
import { looksLikePersonalNumber } from "./personal-number";
import { STEERING_LIMITS, steeringFigures } from "./steering-log";

/**
 * The steering log's forms (app/routes/steering.*.tsx), read on the server; each works without JavaScript. Messages
 * are translation keys in locales/<lang>/steering.json. The log is about the collaboration, never a child: a
 * personal identity number is refused in every text.
 */
const { e, says } = messagesOf("steering");

const text = (max: number) =>
  z
    .string(says("tooLong"))
    .trim()
    .max(max, e("tooLong"))
    .refine((v) => !looksLikePersonalNumber(v), e("personalNumber"));
const requiredText = (max: number, required: string) => text(max).refine((v) => v.length > 0, e(required));
const day = (required: string) =>
  z
    .string(says(required))
    .trim()
    .min(1, e(required))
    .refine((v) => v === "" || isCalendarDate(v), e("dateInvalid"));
const key = z.string().refine(isUuid);

export const meetingSchema = z.object({
  heldOn: day("heldOnRequired"),
  title: requiredText(STEERING_LIMITS.title, "titleRequired"),
  submissionKey: key,
});

export const agendaItemSchema = z.object({
  intent: z.literal("item"),
  title: requiredText(STEERING_LIMITS.title, "titleRequired"),
  figure: z.union([z.literal(""), z.enum(steeringFigures)], says("figureInvalid")).default(""),
  notes: text(STEERING_LIMITS.notes).default(""),
  decision: text(STEERING_LIMITS.decision).default(""),
  submissionKey: key,
});

export const actionSchema = z.object({
  intent: z.literal("action"),
  description: requiredText(STEERING_LIMITS.action, "descriptionRequired"),
  ownerId: z.string(says("ownerRequired")).trim().min(1, e("ownerRequired")),
  dueOn: day("dueOnRequired"),
  agendaItemId: z.string().trim().default(""),
  submissionKey: key,
});

export const closeActionSchema = z.object({
  intent: z.literal("close"),
  actionId: z.string().refine(isUuid),
  closingNote: text(STEERING_LIMITS.closingNote).default(""),
});

/** Every error key the forms can give (the test checks both languages have them). */
export const steeringErrorKeys = [
  "tooLong",
  "personalNumber",
  "titleRequired",
  "heldOnRequired",
  "dueOnRequired",
  "dateInvalid",
  "figureInvalid",
  "descriptionRequired",
  "ownerRequired",
  "ownerInvalid",
  "itemInvalid",
].map(e);

/** The first error of each field of a refused form (zod's issues), as translation keys. */
export function fieldErrors(error: z.ZodError) {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return errors;
}
