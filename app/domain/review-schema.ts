import { z } from "zod";
import { formDate, isCalendarMonth } from "./dates";
import { messagesOf } from "./form-messages";
import { isUuid } from "./ids";
import { reviewAnswers, reviewItems, type ReviewItem } from "./review-checklist";
import { REVIEW_SAMPLE_MAX } from "./review-sample";

/**
 * The forms of the internal quality review (app/routes/reviews._index.tsx and reviews.$caseId.tsx), one schema per
 * intent; the server parses with them and the checklist page validates with the same one. Messages are translation
 * keys in locales/<lang>/reviews.json.
 */
const { e, says } = messagesOf("reviews");

/** The longest comment on an item, and the longest note closing a deviation. */
export const REVIEW_COMMENT_MAX = 2_000;
export const DEVIATION_NOTE_MAX = 2_000;

// ------------------------------------------------------------------------------------------- the month's page

/** Draws the sample of a month that is over (the model refuses any other too). */
export const drawSchema = z.object({
  intent: z.literal("draw"),
  month: z.string(says("monthInvalid")).trim().refine(isCalendarMonth, e("monthInvalid")),
});

export const sampleSizeSchema = z.object({
  intent: z.literal("size"),
  size: z.coerce
    .number(says("sizeInvalid"))
    .int(e("sizeInvalid"))
    .min(1, e("sizeInvalid"))
    .max(REVIEW_SAMPLE_MAX, e("sizeInvalid")),
});

export const closeDeviationSchema = z.object({
  intent: z.literal("close"),
  /** A deviation of the page's list; one that is not (or no uuid) is a 404 in the route. */
  deviationId: z.string(says("notFound")).max(36, e("notFound")),
  note: z.string(says("noteRequired")).trim().min(1, e("noteRequired")).max(DEVIATION_NOTE_MAX, e("noteTooLong")),
});

export const reviewMonthActions = z.discriminatedUnion("intent", [drawSchema, sampleSizeSchema, closeDeviationSchema]);
export type ReviewMonthIntent = z.infer<typeof reviewMonthActions>["intent"];

// ------------------------------------------------------------------------------------------- the checklist

const item = z.object({
  answer: z.enum(reviewAnswers, says("answerRequired")).optional(),
  comment: z.string(says("commentTooLong")).trim().max(REVIEW_COMMENT_MAX, e("commentTooLong")).default(""),
  // Asked for a "no" only, but checked whatever the answer: the page always sends them.
  ownerId: z
    .string(says("ownerRequired"))
    .trim()
    .refine((v) => v === "" || isUuid(v), e("ownerRequired"))
    .default(""),
  dueOn: formDate.default(""),
});

const items = Object.fromEntries(reviewItems.map((i) => [i, item])) as Record<ReviewItem, typeof item>;

/**
 * The reviewer's answers: every item answered yes, no or not applicable; a "no" is a deviation, so it needs a comment
 * saying what was wrong, an owner and a due date from `today` on.
 */
export function reviewAnswerSchema(today: string) {
  return z.object(items).superRefine((v, ctx) => {
    for (const i of reviewItems) {
      const need = (ok: unknown, field: string, key: string) => {
        if (!ok) ctx.addIssue({ code: "custom", path: [i, field], message: e(key) });
      };
      const a = v[i];
      need(a.answer, "answer", "answerRequired");
      if (a.answer !== "no") continue;
      need(a.comment, "comment", "commentRequired");
      need(a.ownerId, "ownerId", "ownerRequired");
      need(a.dueOn, "dueOn", "dueRequired");
      if (a.dueOn && a.dueOn < today) ctx.addIssue({ code: "custom", path: [i, "dueOn"], message: e("dueInPast") });
    }
  });
}
export type ReviewAnswerForm = z.output<ReturnType<typeof reviewAnswerSchema>>;
