import { and, eq, gte, lt, sql } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { reports, units } from "#db/schema";
import { addCalendarDays, startOfStockholmDay } from "~/lib/deadlines";
import { grid, share } from "~/lib/suppression";
import type { CurrentUser } from "~/lib/permissions.server";
import { reportSources, type ReportSource } from "~/lib/vocabulary";


export interface Period {
  /** First day, "YYYY-MM-DD" (Stockholm). */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

/** The months a period touches, "YYYY-MM", in order. */
export function monthsOf(period: Period) {
  const months: string[] = [];
  for (let m = period.from.slice(0, 7); m <= period.to.slice(0, 7); m = addCalendarDays(`${m}-28`, 7).slice(0, 7)) months.push(m);
  return months;
}

function bounds(period: Period) {
  return { from: startOfStockholmDay(period.from), to: startOfStockholmDay(addCalendarDays(period.to, 1)) };
}

const stockholmMonth = sql<string>`to_char(${reports.receivedAt} at time zone 'Europe/Stockholm', 'YYYY-MM')`;
const source = sql<ReportSource>`case when ${reports.channel} = 'portal' and ${units.kind} in ('preschool', 'school', 'student_health') then ${units.kind}::text else 'other_channel' end`;

/**
 * The report figures for a period, computed in the database and suppressed before they leave this module: reports per
 * month by source (with totals), the share leading to an investigation (schools and all), deadlines kept, the median
 * days to a decision and the share of pre-assessments where the child was heard.
 */
export async function reportStats(user: CurrentUser, period: Period) {
  const db = getDb();
  const { from, to } = bounds(period);
  const inPeriod = and(eq(reports.municipalityId, user.municipalityId), gte(reports.receivedAt, from), lt(reports.receivedAt, to));

  const perMonth = await db
    .select({ month: stockholmMonth, source, n: sql<number>`count(*)`.mapWith(Number) })
    .from(reports)
    .leftJoin(units, eq(units.id, reports.unitId))
    .where(inPeriod)
    .groupBy(stockholmMonth, source);
  const months = monthsOf(period);
  const matrix = months.map((m) => reportSources.map((s) => perMonth.find((r) => r.month === m && r.source === s)?.n ?? 0));

  const [figures] = await db
    .select({
      decided: sql<number>`count(*) filter (where ${reports.decision} is not null)`.mapWith(Number),
      opened: sql<number>`count(*) filter (where ${reports.decision} = 'opened')`.mapWith(Number),
      schoolDecided: sql<number>`count(*) filter (where ${reports.decision} is not null and ${units.kind} = 'school' and ${reports.channel} = 'portal')`.mapWith(Number),
      schoolOpened: sql<number>`count(*) filter (where ${reports.decision} = 'opened' and ${units.kind} = 'school' and ${reports.channel} = 'portal')`.mapWith(Number),
      assessed: sql<number>`count(*) filter (where ${reports.protectionAssessedAt} is not null)`.mapWith(Number),
      assessedInTime: sql<number>`count(*) filter (where ${reports.protectionAssessedAt} < ${reports.protectionDueAt})`.mapWith(Number),
      decidedInTime: sql<number>`count(*) filter (where ${reports.decidedAt} < ${reports.decisionDueAt})`.mapWith(Number),
      medianDays: sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from ${reports.decidedAt} - ${reports.receivedAt}) / 86400) filter (where ${reports.decidedAt} is not null)`.mapWith(
        (v) => (v === null ? null : Number(v)),
      ),
      heardKnown: sql<number>`count(*) filter (where ${reports.childHeard} is not null)`.mapWith(Number),
      heard: sql<number>`count(*) filter (where ${reports.childHeard})`.mapWith(Number),
    })
    .from(reports)
    .leftJoin(units, eq(units.id, reports.unitId))
    .where(inPeriod);

  return {
    months,
    bySource: grid(matrix),
    investigationShare: { all: share(figures.opened, figures.decided), schools: share(figures.schoolOpened, figures.schoolDecided) },
    protectionInTime: share(figures.assessedInTime, figures.assessed),
    decisionsInTime: share(figures.decidedInTime, figures.decided),
    // A median of fewer than five decisions could be one child's case: hidden like a small count.
    medianDaysToDecision: figures.decided >= 5 && figures.medianDays !== null ? Math.round(figures.medianDays * 10) / 10 : null,
    childHeard: share(figures.heard, figures.heardKnown),
    decided: figures.decided,
  };
}

export type ReportStats = Awaited<ReturnType<typeof reportStats>>;
