import { sql } from "drizzle-orm";
import { check, integer, pgEnum, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { surveyAnswers, surveyQuestions, surveyUnitKinds } from "~/domain/reporter-survey";
import { municipalities, users } from "./organisation";
import { reports } from "./reports";

export const surveyQuestion = pgEnum("survey_question", surveyQuestions);
export const surveyUnitKind = pgEnum("survey_unit_kind", surveyUnitKinds);

/** A check's list of literals: the answers are the code's own constants, never input. */
const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");

/**
 * That a reporter has answered the survey on a report, so they answer once. Nothing of what they answered, and no
 * time (not even the month the tallies keep): see docs/decisions/017 for what its transaction id still tells.
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
 * The answers as tallies (docs/decisions/017): per municipality, month and kind of unit, how many reporters chose each
 * answer of each question. No row per answer, so nothing to join to the marker, and nothing of the report, the
 * reporter, the unit or the time of day. Every answer touches every row of its cell (reporter-survey.server.ts).
 */
export const reporterSurveyTallies = pgTable(
  "reporter_survey_tallies",
  {
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    /** "YYYY-MM", the Stockholm month it was answered. */
    month: text().notNull(),
    unitKind: surveyUnitKind().notNull(),
    question: surveyQuestion().notNull(),
    /** One of the question's answers (surveyAnswers), checked below. */
    answer: text().notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.month, t.unitKind, t.question, t.answer] }),
    check("reporter_survey_tallies_month", sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check(
      "reporter_survey_tallies_answer",
      sql.join(
        surveyQuestions.map(
          (q) => sql`(${t.question} = ${sql.raw(`'${q}'`)} and ${t.answer} in (${sql.raw(quoted(surveyAnswers[q]))}))`,
        ),
        sql` or `,
      ),
    ),
    check("reporter_survey_tallies_count", sql`${t.count} >= 0`),
  ],
);
