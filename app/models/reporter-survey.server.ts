import { and, eq, sql } from "drizzle-orm";
import { getDb, type Database } from "#db/client.server";
import { reporterSurveyAnswered, reporterSurveyTallies, units } from "#db/schema";
import { stockholmDate } from "~/domain/deadlines";
import {
  surveyAnswers,
  surveyQuestions,
  surveyUnitKinds,
  type SurveyForm,
  type SurveyUnitKind,
} from "~/domain/reporter-survey";
import { can, type CurrentUser } from "~/lib/permissions.server";
import { reportResource, type ReadableReport } from "./report.server";

/**
 * The reporter survey (issue 21). The answers are kept only as tallies, apart from the report
 * (db/schema/reporter-survey.ts, docs/decisions/017): this file is the only writer, and it adds to the tallies in the
 * transaction that writes the "answered" marker. Figures come from the statistics (stats.server.ts), suppressed there.
 */

/** Where the survey stands for this user on this report: theirs to answer, answered, or not theirs (yet). */
export async function surveyState(user: CurrentUser, report: ReadableReport): Promise<"open" | "answered" | null> {
  if (!can(user, "survey:answer", reportResource(report)) || !report.decision) return null;
  const [row] = await getDb()
    .select({ one: sql`1` })
    .from(reporterSurveyAnswered)
    .where(
      and(
        eq(reporterSurveyAnswered.municipalityId, user.municipalityId),
        eq(reporterSurveyAnswered.reportId, report.id),
        eq(reporterSurveyAnswered.userId, user.id),
      ),
    );
  return row ? "answered" : "open";
}

export type SurveyResult = { ok: true } | { ok: false; error: "notOpen" | "answered" };

/**
 * Stores one reporter's answers, once: a second submit (a double click, a resent form) finds the marker and stores
 * nothing. The tallies keep the month and the kind of the report's unit, nothing else of it.
 */
export async function answerSurvey(
  user: CurrentUser,
  report: ReadableReport,
  form: SurveyForm,
  now = new Date(),
): Promise<SurveyResult> {
  if (!can(user, "survey:answer", reportResource(report)) || !report.decision) return { ok: false, error: "notOpen" };
  return getDb().transaction(async (tx) => {
    const [marked] = await tx
      .insert(reporterSurveyAnswered)
      .values({ municipalityId: user.municipalityId, reportId: report.id, userId: user.id })
      .onConflictDoNothing()
      .returning({ reportId: reporterSurveyAnswered.reportId });
    if (!marked) return { ok: false, error: "answered" } as const;
    // Why every (question, answer) row of the cell is upserted, the chosen ones +1 and the rest +0 (an update by 0
    // still writes a new row version): the marker and the rows this writes share the transaction id (xmin). Were only
    // the chosen answers' rows touched, `join on xmin` would pair the latest reporter with what they chose; touching
    // the whole cell, the shared xmin names the month and unit kind only, and with no row per answer there is nothing
    // else to join. One statement, the rows always in the same order: answers to one cell wait, never deadlock.
    const cell = {
      municipalityId: user.municipalityId,
      month: stockholmDate(now).slice(0, 7),
      unitKind: await unitKindOf(tx, report),
    };
    await tx
      .insert(reporterSurveyTallies)
      .values(
        surveyQuestions.flatMap((question) =>
          surveyAnswers[question].map((answer) => ({
            ...cell,
            question,
            answer,
            count: form[question] === answer ? 1 : 0,
          })),
        ),
      )
      .onConflictDoUpdate({
        target: [
          reporterSurveyTallies.municipalityId,
          reporterSurveyTallies.month,
          reporterSurveyTallies.unitKind,
          reporterSurveyTallies.question,
          reporterSurveyTallies.answer,
        ],
        set: { count: sql`${reporterSurveyTallies.count} + excluded.count` },
      });
    // No audit entry and no log line: either would hold the report beside the time of the answer.
    return { ok: true } as const;
  });
}

async function unitKindOf(tx: Database, report: Pick<ReadableReport, "unitId" | "municipalityId">) {
  if (!report.unitId) return "other";
  const [unit] = await tx
    .select({ kind: units.kind })
    .from(units)
    .where(and(eq(units.id, report.unitId), eq(units.municipalityId, report.municipalityId)));
  const kind = unit?.kind as SurveyUnitKind | undefined;
  return kind && surveyUnitKinds.includes(kind) ? kind : "other";
}
