import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { surveyAnswers, surveyUnitKinds } from "~/domain/reporter-survey";
import { municipalities, users } from "./organisation";
import { reports } from "./reports";

export const surveyTimely = pgEnum("survey_timely", surveyAnswers.timely);
export const surveyMeetingUseful = pgEnum("survey_meeting_useful", surveyAnswers.meetingUseful);
export const surveyCallAgain = pgEnum("survey_call_again", surveyAnswers.callAgain);
export const surveyUnitKind = pgEnum("survey_unit_kind", surveyUnitKinds);

/**
 * That a reporter has answered the survey on a report, so they answer once. Nothing of what they answered, and no
 * time: with a time it could be matched to an answer's row.
 */
export const reporterSurveyAnswered = pgTable(
  "reporter_survey_answered",
  {
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    reportId: uuid()
      .notNull()
      .references(() => reports.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.userId] })],
);

/**
 * One reporter's answers: with the month and the kind of unit to count them by, and deliberately nothing that leads
 * back to the report or the reporter — no report, no user, no unit, no time of day, a random id.
 */
export const reporterSurveyAnswers = pgTable(
  "reporter_survey_answers",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    /** "YYYY-MM", the Stockholm month it was answered. */
    month: text().notNull(),
    unitKind: surveyUnitKind().notNull(),
    timely: surveyTimely().notNull(),
    meetingUseful: surveyMeetingUseful().notNull(),
    callAgain: surveyCallAgain().notNull(),
  },
  (t) => [
    index("reporter_survey_answers_month_idx").on(t.municipalityId, t.month),
    check("reporter_survey_answers_month", sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);
