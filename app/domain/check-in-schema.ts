import { z } from "zod";
import { checkInReasons } from "./check-in";
import { DATE_INVALID, isCalendarDate } from "./dates";
import { messagesOf } from "./form-messages";
import { isUuid } from "./ids";
import { looksLikePersonalNumber } from "./personal-number";
import { TEXT_LIMITS } from "./text-limits";

/**
 * The forms of check-ins with units (app/routes/check-ins.*.tsx): the browser checks with the same schema the action
 * parses with. Messages are translation keys in locales/<lang>/check-ins.json (dates: "common").
 */
const { e, says } = messagesOf("checkIns");

/** A day typed in a date field: required, and one the calendar has. */
const requiredDate = (required: string) =>
  z.string(says(required)).trim().min(1, e(required)).refine(isCalendarDate, DATE_INVALID);

/** Free text about staff and what was agreed: never a child's identity number (a slip the form refuses). */
const staffText = (max: number, required: string) =>
  z
    .string(says(required))
    .trim()
    .min(1, e(required))
    .max(max, e("tooLong"))
    .refine((text) => !looksLikePersonalNumber(text), e("personalNumber"));

/** Planning a check-in: which unit (the route checks it is the municipality's), why, and for which day. */
export const planCheckInSchema = z.object({
  unitId: z.string(says("unitRequired")).refine(isUuid, e("unitRequired")),
  reason: z.enum(checkInReasons, says("reasonRequired")),
  plannedFor: requiredDate("dateRequired"),
  /** The page's key: a resent form finds the first one's check-in. Only a client not the page lacks it. */
  submissionKey: z.string().refine(isUuid),
});
export type PlanCheckInForm = z.output<typeof planCheckInSchema>;

/** Recording a planned check-in as held, or cancelling it. */
export const recordCheckInSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("held"),
    heldOn: requiredDate("heldOnRequired"),
    attendees: staffText(TEXT_LIMITS.checkInAttendees, "attendeesRequired"),
    agreedActions: staffText(TEXT_LIMITS.checkInActions, "actionsRequired"),
  }),
  // A cancelled check-in cannot be planned again: the coordinator confirms it (a box, so it works without JavaScript).
  z.object({ intent: z.literal("cancel"), confirm: z.literal("yes", says("confirmCancel")) }),
]);
export type RecordCheckInForm = z.output<typeof recordCheckInSchema>;

/** Every error key the forms and their actions can give (the test checks both languages have them). */
export const checkInErrorKeys = [
  "unitRequired",
  "reasonRequired",
  "dateRequired",
  "heldOnRequired",
  "heldInFuture",
  "attendeesRequired",
  "actionsRequired",
  "tooLong",
  "personalNumber",
  "confirmCancel",
  "alreadyRecorded",
].map(e);
