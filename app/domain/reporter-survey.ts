import { z } from "zod";

/**
 * The reporter survey (issue 21): after a report's decision its reporter may answer three short questions. The answers
 * are anonymous: stored without the report, the person or the time of day (db/schema/reporter-survey.ts), and shown
 * only as counts, suppressed like every figure on /stats.
 */
export const surveyQuestions = ["timely", "meetingUseful", "callAgain"] as const;
export type SurveyQuestion = (typeof surveyQuestions)[number];

/** The answers each question offers, in the order shown. */
export const surveyAnswers = {
  timely: ["yes", "no", "unsure"],
  meetingUseful: ["yes", "no", "no_meeting"],
  callAgain: ["yes", "no", "unsure"],
} as const satisfies Record<SurveyQuestion, readonly string[]>;

/** The kind of unit an answer is counted under: a unit's kind, or "other" for any other. */
export const surveyUnitKinds = ["preschool", "school", "student_health", "other"] as const;
export type SurveyUnitKind = (typeof surveyUnitKinds)[number];

const answer = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { errorMap: () => ({ message: "survey:errors.answerRequired" }) });

export const surveySchema = z.object({
  timely: answer(surveyAnswers.timely),
  meetingUseful: answer(surveyAnswers.meetingUseful),
  callAgain: answer(surveyAnswers.callAgain),
});
export type SurveyForm = z.infer<typeof surveySchema>;
