import { and, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import { getDb, type Database } from "#db/client.server";
import { statsChanges } from "#db/schema";
import { addCalendarDays, nextMonth, startOfStockholmDay, stockholmDate } from "~/domain/deadlines";
import { logger } from "~/lib/logger.server";
import { noMeetingReasons } from "~/domain/vocabulary";
import { knownBeforeCondition } from "./earlier-reports.server";
import type { QualityCounts } from "./stats-quality.server";
import { countOf } from "./stats-sql.server";

/**
 * Exact summaries for /stats (issue 23, item 7; docs/PERFORMANCE.md, "Statistics from summaries"). The report figures
 * of a whole past month are read from `stats_report_months` unless a change is recorded for that month
 * (`stats_changes`, written by triggers in the transaction of every change that can move it, migration 0042); such
 * months, the current one and the ragged ends of a custom period are counted from the reports themselves, in the same
 * statement, so the page never shows a figure the rows would not give. The job below rebuilds changed months.
 */

export interface Period {
  /** First day, "YYYY-MM-DD" (Stockholm). */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

const monthStart = (month: string) => startOfStockholmDay(`${month}-01`);

/** The first instant of the period and the first after it. */
export function bounds(period: Period) {
  return { from: startOfStockholmDay(period.from), to: startOfStockholmDay(addCalendarDays(period.to, 1)) };
}

/** The whole months of the period that are over by `now`: the ones a summary can stand for. */
export function summarisableMonths(period: Period, now: Date) {
  const current = stockholmDate(now).slice(0, 7);
  const months: string[] = [];
  let m = period.from.endsWith("-01") ? period.from.slice(0, 7) : nextMonth(period.from.slice(0, 7));
  for (; m < current && addCalendarDays(`${nextMonth(m)}-01`, -1) <= period.to; m = nextMonth(m)) months.push(m);
  return months;
}

// ------------------------------------------------------------------------------------------- the report figures

const received = sql`"reports"."received_at"`;
const monthOfReceipt = sql`to_char(${received} at time zone 'Europe/Stockholm', 'YYYY-MM')`;
/** Where a report came from: a portal report by its unit's kind, any other channel as one. */
const source = sql`case
  when "reports"."channel" = 'portal' and "units"."kind" in ('preschool', 'school', 'student_health')
  then "units"."kind"::text else 'other_channel' end`;

// The outer report named by hand, as in every correlated subquery here.
const outer = { id: sql`"reports"."id"`, municipalityId: sql`"reports"."municipality_id"` };
const violent = sql`exists (select 1 from report_concern_kinds rk
  join concern_kinds k on k.id = rk.kind_id and k.violence
  where rk.report_id = ${outer.id} and rk.municipality_id = ${outer.municipalityId})`;
const reviewsOf = (status: "approved" | "returned") =>
  sql`(select count(*) from decision_reviews dr
    where dr.report_id = ${outer.id} and dr.municipality_id = ${outer.municipalityId} and dr.status = ${status})`;
const decided = sql`"reports"."decision" is not null`;
// A count, not exists: the planner may turn an exists into a hash of every meeting; a count is looked up per report.
const meetingOf = (where: SQL) =>
  sql`(select count(*) from meetings x where x.report_id = ${outer.id} and ${where}) > 0`;
const notOpened = sql`"reports"."decision" = 'not_opened'`;

/**
 * The additive counts of a set of reports, by the column names of `stats_report_months`, and the days from receipt to
 * decision of those decided (for medians over any run of months: a median does not add up).
 */
const reportColumns: Record<string, SQL> = {
  n: countOf(),
  decided: countOf(decided),
  opened: countOf(sql`"reports"."decision" = 'opened'`),
  assessed: countOf(sql`"reports"."protection_assessed_at" is not null`),
  assessed_in_time: countOf(sql`"reports"."protection_assessed_at" < "reports"."protection_due_at"`),
  decided_in_time: countOf(sql`"reports"."decided_at" < "reports"."decision_due_at"`),
  heard_known: countOf(sql`"reports"."child_heard" is not null`),
  heard: countOf(sql`"reports"."child_heard"`),
  not_opened_answered: countOf(sql`${notOpened} and "reports"."remaining_concern" is not null`),
  not_opened_concern: countOf(sql`${notOpened} and "reports"."remaining_concern"`),
  known_before: countOf(knownBeforeCondition({ ...outer, receivedAt: received })),
  violent_decided: countOf(sql`${decided} and ${violent}`),
  police_considered: countOf(sql`${decided} and ${violent} and "reports"."police_considered"`),
  second_looked: countOf(sql`${decided} and ${reviewsOf("approved")} > 0`),
  returned: sql`coalesce(sum(${reviewsOf("returned")}), 0)`,
  with_meeting: countOf(meetingOf(sql`x.status <> 'cancelled'`)),
  meetings_held: countOf(meetingOf(sql`x.status = 'held'`)),
  // The one with the concern: the observer a report was made on behalf of, or the reporter.
  concern_attended: countOf(
    meetingOf(sql`x.status = 'held' and exists (select 1 from meeting_invitations i
      where i.meeting_id = x.id and i.attended
        and i.invitee_id = coalesce("reports"."observer_id", "reports"."reporter_id"))`),
  ),
  no_meeting: sql`array[${sql.join(
    noMeetingReasons.map((reason) => countOf(sql`"reports"."no_meeting_reason" = ${reason}`)),
    sql`, `,
  )}]::int[]`,
  decision_days: sql`coalesce(array_agg((extract(epoch from "reports"."decided_at" - ${received}) / 86400)::float8)
    filter (where "reports"."decided_at" is not null), '{}')`,
};
const counted = sql.join(
  Object.entries(reportColumns).map(([name, value]) => sql`${value} as ${sql.identifier(name)}`),
  sql`, `,
);
const summaryColumns = sql.join(
  Object.keys(reportColumns).map((name) => sql`s.${sql.identifier(name)}`),
  sql`, `,
);
const fromReports = sql`from reports
  left join units on units.id = "reports"."unit_id" and units.municipality_id = "reports"."municipality_id"`;

/** The counts of a month's reports from one source (the report figures', the quality's and the meetings'). */
export interface ReportMonth extends QualityCounts {
  month: string;
  source: string;
  opened: number;
  assessed: number;
  assessedInTime: number;
  decidedInTime: number;
  heardKnown: number;
  heard: number;
  withMeeting: number;
  meetingsHeld: number;
  concernAttended: number;
  /** Per reason, in the order of noMeetingReasons. */
  noMeeting: number[];
  decisionDays: number[];
}

const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The rows as ReportMonths: counts may come as text. */
async function rowsOf(db: Database, query: SQL) {
  return (await rowsLike(db, query)).map((row) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row))
      out[camel(key)] =
        key === "month" || key === "source"
          ? value
          : key === "decision_days" || key === "no_meeting"
            ? (value as unknown[]).map(Number)
            : Number(value);
    return out as unknown as ReportMonth;
  });
}

/**
 * The period's reports as rows per month of receipt and source. One statement, so one snapshot: the summaries of
 * the whole past months no change is recorded for, and for the rest of the period (changed months, this month, the
 * ragged ends) the reports themselves, each range found through reports_received_idx: a lateral scan per range,
 * kept from being flattened by `offset 0` (flattened, the planner reads every report of the municipality).
 */
export async function reportMonths(municipalityId: string, period: Period, now = new Date()) {
  const { from, to } = bounds(period);
  const months = summarisableMonths(period, now);
  // Without whole months the summarised stretch is empty and everything is counted from the rows.
  const first = months.length ? monthStart(months[0]) : to;
  const end = months.length ? monthStart(nextMonth(months[months.length - 1])) : to;
  const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;
  const monthList = sql`array[${sql.join(
    months.map((m) => sql`${m}`),
    sql`, `,
  )}]::text[]`;
  const localStart = (month: SQL) => sql`((${month} || '-01')::timestamp at time zone 'Europe/Stockholm')`;
  const query = sql`with changed as (
      select distinct c.month from stats_changes c
      where c.municipality_id = ${municipalityId} and c.month = any(${monthList})
    ),
    ranges as (
      select ${at(from)} as lo, ${at(first)} as hi
      union all select ${at(end)}, ${at(to)}
      union all select ${localStart(sql`changed.month`)},
        ${localStart(sql`to_char((changed.month || '-01')::date + interval '1 month', 'YYYY-MM')`)} from changed
    )
    select s.month, s.source, ${summaryColumns} from stats_report_months s
    where s.municipality_id = ${municipalityId} and s.month = any(${monthList})
      and not exists (select 1 from changed where changed.month = s.month)
    union all
    select ${monthOfReceipt} as month, ${source} as source, ${counted}
    from ranges cross join lateral (
      select r.* from reports r
      where r.municipality_id = ${municipalityId} and r.received_at >= ranges.lo and r.received_at < ranges.hi
      offset 0
    ) as reports
      left join units on units.id = "reports"."unit_id" and units.municipality_id = "reports"."municipality_id"
    group by 1, 2`;
  return rowsOf(getDb(), query);
}

// ------------------------------------------------------------------------------------------------------ the job

/** Months rebuilt per round at most, so that a backlog (a new database, a backfill) is worked off in slices. */
const ROUND = 24;

/**
 * Rebuilds the summaries of past months with recorded changes, each in a repeatable-read transaction: the changes it
 * saw are removed with it, and a change committed meanwhile is not seen, so it stays and its month is built again
 * next round. Two servers never build one month at once (a transaction-scoped advisory lock; the other skips it).
 * Returns the months rebuilt.
 */
export async function rebuildStatsSummaries(now = new Date()) {
  const current = stockholmDate(now).slice(0, 7);
  const due = await getDb()
    .selectDistinct({ municipalityId: statsChanges.municipalityId, month: statsChanges.month })
    .from(statsChanges)
    .where(lt(statsChanges.month, current))
    .limit(ROUND);
  let rebuilt = 0;
  for (const { municipalityId, month } of due) {
    try {
      if (await rebuildMonth(municipalityId, month)) rebuilt += 1;
    } catch (error) {
      // Another transaction changed the month meanwhile (a serialization failure): next round builds it again.
      logger.warn({ err: error, job: "stats summaries" }, "a month's summary was not rebuilt; retrying next round");
    }
  }
  return rebuilt;
}

/** Rebuilds one month's summaries (see above); false when another server is building it now. */
export async function rebuildMonth(municipalityId: string, month: string) {
  return getDb().transaction(
    async (tx) => {
      const [lock] = await rowsLike(
        tx,
        sql`select pg_try_advisory_xact_lock(hashtext(${`stats:${municipalityId}:${month}`})) as locked`,
      );
      if (!lock?.locked) return false;
      const seen = await tx
        .select({ id: statsChanges.id })
        .from(statsChanges)
        .where(and(eq(statsChanges.municipalityId, municipalityId), eq(statsChanges.month, month)));
      await tx.execute(
        sql`delete from stats_report_months where municipality_id = ${municipalityId} and month = ${month}`,
      );
      const lo = monthStart(month).toISOString();
      const hi = monthStart(nextMonth(month)).toISOString();
      await tx.execute(sql`insert into stats_report_months
          (municipality_id, month, source, ${sql.join(
            Object.keys(reportColumns).map((name) => sql.identifier(name)),
            sql`, `,
          )})
        select ${municipalityId}, ${month}, ${source}, ${counted}
        ${fromReports}
        where "reports"."municipality_id" = ${municipalityId}
          and ${received} >= ${lo}::timestamptz and ${received} < ${hi}::timestamptz
        group by 3`);
      if (seen.length)
        await tx.delete(statsChanges).where(
          inArray(
            statsChanges.id,
            seen.map((s) => s.id),
          ),
        );
      return true;
    },
    { isolationLevel: "repeatable read" },
  );
}

/** postgres-js gives the rows as the result, PGlite under `rows`. */
async function rowsLike(db: Database, query: SQL) {
  const result = (await db.execute(query)) as unknown as
    | Record<string, unknown>[]
    | { rows: Record<string, unknown>[] };
  return Array.isArray(result) ? result : result.rows;
}
