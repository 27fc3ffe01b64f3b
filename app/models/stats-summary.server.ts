import { and, eq, fillPlaceholders, inArray, is, lt, Placeholder, sql, type SQL } from "drizzle-orm";
import { getDatabase, getDb, type Database } from "#db/client.server";
import { statsActivityMonths, statsChanges } from "#db/schema";
import { addCalendarDays, nextMonth, startOfStockholmDay, stockholmDate } from "~/domain/deadlines";
import { logger } from "~/lib/logger.server";
import { adviceGiven, noMeetingReasons, unitKindsWithChildren } from "~/domain/vocabulary";
import { knownBeforeCondition } from "./earlier-reports.server";
import type { QualityCounts } from "./stats-quality.server";
import { countOf, frozen, render } from "./stats-sql.server";

/**
 * Exact summaries for /stats (issue 23, item 7; docs/PERFORMANCE.md, "Statistics from exact summaries"). The figures
 * of a whole past month are read from `stats_report_months`, `stats_activity_months`, `stats_unit_months` and
 * `stats_trained_months` unless a change is recorded for that month (`stats_changes`, written by triggers in the
 * transaction of every change that can move it, migrations 0042–0047); such months, the current one and the ragged
 * ends of a period are counted from the rows themselves, in the same statement, so the page never shows a figure the
 * rows would not give. The job below rebuilds changed months.
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
  const { from, to } = bounds(period);
  return monthsBetween(from, to, now);
}

/** The whole months from the instant `from` to the instant `to` that are over by `now`. */
function monthsBetween(from: Date, to: Date, now: Date) {
  const current = stockholmDate(now).slice(0, 7);
  const months: string[] = [];
  let m = stockholmDate(from).slice(0, 7);
  if (monthStart(m) < from) m = nextMonth(m);
  for (let next = nextMonth(m); m < current && monthStart(next) <= to; m = next, next = nextMonth(m)) months.push(m);
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
  decision_seconds: sql`coalesce(array_agg(round(extract(epoch from "reports"."decided_at" - ${received}))::int)
    filter (where "reports"."decided_at" is not null), '{}')`,
};
/**
 * The columns as a read sends them: the seconds to decisions (thousands a year) as the array's text, which costs
 * PostgreSQL a fraction of turning each into a JSON number (`secondsAsDays` reads it).
 */
const sent = (name: string, value: SQL) => (name === "decision_seconds" ? sql`${value}::text` : value);
const columnsOf = (value: (name: string, column: SQL) => SQL) =>
  frozen(
    sql.join(
      Object.entries(reportColumns).map(([name, column]) => sql`${value(name, column)} as ${sql.identifier(name)}`),
      sql`, `,
    ),
  );
/** The columns counted from the reports, as stored (a rebuild) and as sent (a read). */
const counted = columnsOf((_, column) => column);
const countedSent = columnsOf(sent);
const summaryColumns = columnsOf((name) => sent(name, sql`s.${sql.identifier(name)}`));

/**
 * An int[] of seconds as PostgreSQL writes it ("{1,2}") as days: read digit by digit, since a year holds thousands
 * (splitting into strings first cost half a millisecond a request).
 */
export function secondsAsDays(text: string) {
  const days: number[] = [];
  let seconds = 0;
  let sign = 1;
  let digits = false;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      seconds = seconds * 10 + c - 48;
      digits = true;
    } else if (c === 45) sign = -1;
    else {
      if (digits) days.push((sign * seconds) / 86_400);
      seconds = 0;
      sign = 1;
      digits = false;
    }
  }
  return days;
}
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
  /** Receipt to decision of each decided report, in days (kept as whole seconds). */
  decisionDays: number[];
}

const camelNames = new Map<string, string>();
/** snake_case to camelCase, remembered: every row of every statement here has the same few column names. */
function camel(name: string) {
  let out = camelNames.get(name);
  if (out === undefined) {
    out = name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    camelNames.set(name, out);
  }
  return out;
}

/** Rows of the report part as ReportMonths (counts may come as text from a plain statement). */
export function reportMonthsOf(rows: Record<string, unknown>[]) {
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) {
      if (key === "decision_seconds") out.decisionDays = secondsAsDays(value as string);
      else
        out[camel(key)] =
          key === "month" || key === "source"
            ? value
            : key === "no_meeting"
              ? (value as unknown[]).map(Number)
              : Number(value);
    }
    return out as unknown as ReportMonth;
  });
}

const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;
const localStart = (month: SQL) => sql`((${month} || '-01')::timestamp at time zone 'Europe/Stockholm')`;

/** A value of a request in a statistics statement: the statement's text is built once and kept (`readParts`). */
export const value = (name: string) => sql.placeholder(name);
/** The municipality a statistics statement is about. */
const municipality = sql`${value("municipality")}`;
const instantOf = (name: string) => sql`${value(name)}::timestamptz`;

/**
 * A period as a statement reads it: the whole past months, whose summaries stand for them unless a change is
 * recorded, and as common table expressions `changed<name>` (those months with a recorded change) and
 * `ranges<name>` (what is counted from the rows: the changed months, this month, the ragged ends). `name` tells two
 * windows of one statement apart; the period itself comes as values (`windowValues`).
 */
export function windowOf(name = "") {
  const monthList = sql`string_to_array(${value(`months${name}`)}::text, ',')`;
  const changed = sql.identifier(`changed${name}`);
  const ranges = sql`${sql.identifier(`ranges${name}`)}`;
  const ctes = sql`${changed} as (
      select distinct c.month from stats_changes c
      where c.municipality_id = ${municipality} and c.month = any(${monthList})
    ),
    ${ranges} as (
      select ${instantOf(`from${name}`)} as lo, ${instantOf(`first${name}`)} as hi
      union all select ${instantOf(`end${name}`)}, ${instantOf(`to${name}`)}
      union all select ${localStart(sql`c.month`)},
        ${localStart(sql`to_char((c.month || '-01')::date + interval '1 month', 'YYYY-MM')`)} from ${changed} c
    )`;
  /** The summary rows (aliased `alias`) that stand for their month: whole past months without a change. */
  const clean = (alias: string) => {
    const s = sql.identifier(alias);
    return sql`${s}.municipality_id = ${municipality} and ${s}.month = any(${monthList})
      and not exists (select 1 from ${changed} c where c.month = ${s}.month)`;
  };
  return { ctes, clean, ranges };
}

export type StatsWindow = ReturnType<typeof windowOf>;

/** The values of a window of `windowOf(name)` for a period: its bounds and its whole past months. */
export function windowValues(period: Period, now: Date, name = "") {
  const { from, to } = bounds(period);
  return windowValuesBetween(from, to, now, name);
}

/** The values of a window of `windowOf(name)` from the instant `from` to the instant `to`. */
export function windowValuesBetween(from: Date, to: Date, now: Date, name = "") {
  const months = monthsBetween(from, to, now);
  // Without whole months the summarised stretch is empty and everything is counted from the rows.
  const first = months.length ? monthStart(months[0]) : to;
  const end = months.length ? monthStart(nextMonth(months[months.length - 1])) : to;
  return {
    [`from${name}`]: from.toISOString(),
    [`first${name}`]: first.toISOString(),
    [`end${name}`]: end.toISOString(),
    [`to${name}`]: to.toISOString(),
    [`months${name}`]: months.join(","),
  };
}

/** One month, as the `ranges` of a rebuild. */
function monthWindow(month: string) {
  const ranges = sql`ranges`;
  return {
    ctes: sql`${ranges} as (select ${at(monthStart(month))} as lo, ${at(monthStart(nextMonth(month)))} as hi)`,
    ranges,
  };
}

/**
 * The rows of `table` (aliased `alias`) of one municipality whose `column` falls in one of `ranges`, each range found
 * through the index on (municipality_id, column): a lateral scan per range, kept from being flattened by `offset 0`
 * (flattened, the planner reads every row of the municipality).
 */
const inRanges = (
  ranges: SQL,
  municipalityId: SQL | string,
  table: string,
  alias: string,
  column: string,
  also?: SQL,
) => {
  const a = sql.identifier(alias);
  const c = sql`${a}.${sql.identifier(column)}`;
  return sql`${ranges} cross join lateral (
      select ${a}.* from ${sql.identifier(table)} ${a}
      where ${a}.municipality_id = ${municipalityId} and ${c} >= ${ranges}.lo and ${c} < ${ranges}.hi${also ? sql` and ${also}` : sql``}
      offset 0
    ) as ${a}`;
};

/** A part of a statement: a query whose rows come back as one JSON array, in the order of `orderBy` if given. */
export interface StatsPart {
  query: SQL;
  orderBy?: SQL;
}

/** The statements of `readParts`, built once each: their text and where each request's values go. */
const statements = new Map<string, { sql: string; params: unknown[] }>();

/**
 * Reads several parts in one statement, so in one snapshot: every figure of a page agrees with every other, and the
 * page costs one round trip. Each part's rows come back as a JSON array (keys are the parts' column names).
 *
 * The statement is built once per `key` (it has thousands of pieces) with placeholders for the request's values,
 * and runs as a prepared statement, so PostgreSQL plans it once per connection. Only placeholders may be kept: a
 * value of one request must never reach another's statement.
 */
export async function readParts<K extends string>(
  key: string,
  build: () => { windows: StatsWindow[]; parts: Record<K, StatsPart> },
  values: Record<string, unknown>,
) {
  let statement = statements.get(key);
  if (!statement) {
    const { windows, parts } = build();
    const columns = Object.entries<StatsPart>(parts).map(
      ([name, part]) =>
        // json, not jsonb: the array is only sent, never queried, and building jsonb cost /stats's statement a fifth
        // of its time (city dataset: 8.8 → 6.9 ms).
        sql`(select coalesce(json_agg(x${part.orderBy ? sql` order by ${part.orderBy}` : sql``}), '[]'::json)
          from (${part.query}) x) as ${sql.identifier(name)}`,
    );
    statement = render(
      sql`with ${sql.join(
        windows.map((w) => w.ctes),
        sql`, `,
      )} select ${sql.join(columns, sql`, `)}`,
    );
    if (statement.params.some((param) => !is(param, Placeholder)))
      throw new Error(`statistics statement ${key}: a value was written into the statement instead of a placeholder`);
    statements.set(key, statement);
  }
  const [row] = await getDatabase().prepared(statement.sql, fillPlaceholders(statement.params, values));
  return Object.fromEntries(
    Object.entries(row).map(([name, json]) => [name, typeof json === "string" ? JSON.parse(json) : json]),
  ) as Record<K, Record<string, unknown>[]>;
}

/** One part over one window (`windowValues` of a period, or `windowValuesBetween` two instants), as its own statement. */
async function readPart(
  key: string,
  part: (w: StatsWindow) => StatsPart,
  municipalityId: string,
  window: Record<string, unknown>,
) {
  const read = await readParts(
    key,
    () => {
      const w = windowOf();
      return { windows: [w], parts: { rows: part(w) } };
    },
    { municipality: municipalityId, ...window },
  );
  return read.rows;
}

/**
 * The reports of a window as rows per month of receipt and source: the summaries of the whole past months no change
 * is recorded for, and for the rest (changed months, this month, the ragged ends) the reports themselves.
 */
export const reportPart = (w: StatsWindow): StatsPart => ({
  query: sql`select s.month, s.source, ${summaryColumns} from stats_report_months s where ${w.clean("s")}
    union all
    select ${monthOfReceipt} as month, ${source} as source, ${countedSent}
    from ${inRanges(w.ranges, municipality, "reports", "reports", "received_at")}
      left join units on units.id = "reports"."unit_id" and units.municipality_id = "reports"."municipality_id"
    group by 1, 2`,
});

/** The period's reports as rows per month of receipt and source (`reportPart`), in one statement. */
export async function reportMonths(municipalityId: string, period: Period, now = new Date()) {
  return reportMonthsOf(await readPart("report months", reportPart, municipalityId, windowValues(period, now)));
}

// --------------------------------------------------------------------------------- the rest of the follow-up

/** Who called for advice, by the kind of their unit; "unknown" is any other unit or none, so the kinds add up to all calls. */
export const adviceKinds = [...unitKindsWithChildren, "student_health", "unknown"] as const;

const monthOf = (instant: SQL) => sql`to_char(${instant} at time zone 'Europe/Stockholm', 'YYYY-MM')`;
const counts = (name: string, value: SQL, keys: readonly string[]) =>
  sql`${name}::text, array[${sql.join(
    keys.map((key) => countOf(sql`${value} = ${key}`)),
    sql`, `,
  )}]::int[]`;

/** The counts of a month's advice calls, as `activityFromRows` gives them. */
const adviceCounts = frozen(sql`jsonb_build_object(
      'advice_total', count(*),
      'advice_followed', ${countOf(sql`exists (select 1 from reports r where r.advice_consultation_id = a.id)`)},
      ${counts(
        "advice_kind",
        sql`case when u.kind in ('preschool', 'school', 'student_health') then u.kind::text else 'unknown' end`,
        adviceKinds,
      )},
      ${counts("advice_given", sql`a.advice::text`, adviceGiven)})`);
/**
 * The follow-up's events in the window's ranges, as rows of (month, counts): each kind of event by its own date, its
 * counts as a JSON object keyed by the columns of `stats_activity_months`.
 */
const activityFromRows = (w: { ranges: SQL }, m: SQL | string) => sql`
    select ${monthOf(sql`a.occurred_at`)} as month, ${adviceCounts} as counts
    from ${inRanges(w.ranges, m, "advice_consultations", "a", "occurred_at")}
      left join units u on u.id = a.caller_unit_id and u.municipality_id = a.municipality_id
    group by 1
    union all
    select ${monthOf(sql`r.decided_at`)}, jsonb_build_object(
      'basic_due', count(*),
      'basic_delivered', ${countOf(sql`b.delivered_at is not null`)},
      'basic_on_time', ${countOf(sql`b.delivered_at < b.due_at`)})
    from ${inRanges(w.ranges, m, "reports", "r", "decided_at")}
      join basic_feedback b on b.report_id = r.id and b.municipality_id = r.municipality_id and b.stage = 'decided'
    group by 1
    union all
    select ${monthOf(sql`e.sent_at`)}, jsonb_build_object('extended_sent', count(*))
    from ${inRanges(w.ranges, m, "extended_feedback", "e", "sent_at")}
    group by 1
    union all
    select ${monthOf(sql`t.starts_at`)}, jsonb_build_object(
      'trainings_held', count(distinct t.id),
      'training_participants', ${countOf(sql`tr.attended`)})
    -- Held: published, and started by now.
    from ${inRanges(w.ranges, m, "trainings", "t", "starts_at", sql`t.status = 'published' and t.starts_at < now()`)}
      left join training_registrations tr on tr.training_id = t.id
    group by 1`;

/** A month of the rest of the follow-up (the columns of `stats_activity_months`). */
export interface ActivityMonth {
  month: string;
  adviceTotal: number;
  adviceFollowed: number;
  /** Per kind of the caller's unit, in the order of adviceKinds. */
  adviceKind: number[];
  /** Per advice given, in the order of adviceGiven. */
  adviceGiven: number[];
  basicDue: number;
  basicDelivered: number;
  basicOnTime: number;
  extendedSent: number;
  trainingsHeld: number;
  trainingParticipants: number;
}

/** Rows of (month, counts) added up per month: a kind of event missing from a month counts zero. */
export function activityOf(rows: Record<string, unknown>[]): ActivityMonth[] {
  const months = new Map<string, ActivityMonth>();
  for (const row of rows) {
    const month = row.month as string;
    let sum = months.get(month);
    if (!sum) {
      sum = {
        month,
        adviceTotal: 0,
        adviceFollowed: 0,
        adviceKind: adviceKinds.map(() => 0),
        adviceGiven: adviceGiven.map(() => 0),
        basicDue: 0,
        basicDelivered: 0,
        basicOnTime: 0,
        extendedSent: 0,
        trainingsHeld: 0,
        trainingParticipants: 0,
      };
      months.set(month, sum);
    }
    const target = sum as unknown as Record<string, number | number[]>;
    const parsed = typeof row.counts === "string" ? JSON.parse(row.counts) : row.counts;
    for (const [key, value] of Object.entries(parsed as Record<string, number | number[]>)) {
      const name = camel(key);
      const have = target[name];
      if (Array.isArray(have)) target[name] = have.map((v, i) => v + Number((value as number[])[i] ?? 0));
      else if (have !== undefined) target[name] = have + Number(value);
    }
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

/**
 * The rest of the follow-up of a window, as rows of (month, counts): advice calls, basic feedback on decisions,
 * extended feedback and trainings held; summaries of clean whole past months, the rows elsewhere (`activityOf` adds
 * them up per month).
 */
export const activityPart = (w: StatsWindow): StatsPart => ({
  query: sql`select s.month, to_jsonb(s) - 'municipality_id' - 'month' as counts from stats_activity_months s
    where ${w.clean("s")}
    union all ${activityFromRows(w, municipality)}`,
});

/** The rest of the follow-up for a period, per month (`activityPart`), in one statement. */
export async function activityMonths(municipalityId: string, period: Period, now = new Date()) {
  return activityOf(await readPart("activity months", activityPart, municipalityId, windowValues(period, now)));
}

// --------------------------------------------------------------------------------------------------- per unit

/** Portal reports by the month of receipt and advice calls by the month of the call, per unit and month. */
const unitsFromRows = (w: { ranges: SQL }, m: SQL | string) => sql`
    select r.unit_id, ${monthOf(sql`r.received_at`)} as month, count(*)::int as reports,
      ${countOf(sql`r.observer_id is not null or r.observer_name is not null`)} as on_behalf,
      ${countOf(sql`r.needed_supplement`)} as supplemented, 0 as calls
    from ${inRanges(w.ranges, m, "reports", "r", "received_at", sql`r.channel = 'portal' and r.unit_id is not null`)}
    group by 1, 2
    union all
    select a.caller_unit_id, ${monthOf(sql`a.occurred_at`)}, 0, 0, 0, count(*)::int
    from ${inRanges(w.ranges, m, "advice_consultations", "a", "occurred_at", sql`a.caller_unit_id is not null`)}
    group by 1, 2`;

export interface UnitTotals {
  /** Portal reports received from the unit, those made on someone else's behalf, those that needed a supplement. */
  reports: number;
  onBehalf: number;
  supplemented: number;
  /** Advice calls from the unit. */
  calls: number;
}

/** Per unit with anything in a window: its portal reports and advice calls (summaries where they hold). */
export const unitPart = (w: StatsWindow): StatsPart => ({
  query: sql`select x.unit_id, sum(x.reports) as reports, sum(x.on_behalf) as on_behalf,
      sum(x.supplemented) as supplemented, sum(x.calls) as calls
    from (
      select s.unit_id, s.month, s.reports, s.on_behalf, s.supplemented, s.calls from stats_unit_months s
      where ${w.clean("s")}
      union all ${unitsFromRows(w, municipality)}
    ) x
    group by 1`,
});

/** The rows of a `unitPart` by unit. */
export function unitTotalsOf(rows: Record<string, unknown>[]) {
  return new Map<string, UnitTotals>(
    rows.map((row) => [
      row.unit_id as string,
      {
        reports: Number(row.reports),
        onBehalf: Number(row.on_behalf),
        supplemented: Number(row.supplemented),
        calls: Number(row.calls),
      },
    ]),
  );
}

/** Per unit with anything in the period (`unitPart`), in one statement. */
export async function unitTotals(municipalityId: string, period: Period, now = new Date()) {
  return unitTotalsOf(await readPart("unit totals", unitPart, municipalityId, windowValues(period, now)));
}

// ---------------------------------------------------------------------------------------------- trained staff

/** Reporting-duty trainings attended by each unit's staff and principals (as they are now), per unit and month. */
const trainedFromRows = (w: { ranges: SQL }, m: SQL | string) => sql`
    select ms.unit_id, ${monthOf(sql`t.starts_at`)} as month, count(*)::int as attended
    from ${inRanges(w.ranges, m, "trainings", "t", "starts_at", sql`t.topic = 'reporting_duty'`)}
      join training_registrations tr on tr.training_id = t.id and tr.attended
      join users p on p.id = tr.user_id and p.active and p.municipality_id = ${m}
      -- Looked up per attendance (a few hundred in a window's ragged ends): joined as a whole, the planner read every
      -- membership of the municipality (1.5 ms of /stats's 7.5 at city scale).
      cross join lateral (
        select ms.unit_id from memberships ms
        where ms.user_id = tr.user_id and ms.municipality_id = ${m} and ms.role in ('staff', 'principal')
        offset 0
      ) ms
    group by 1, 2`;

/** The units with an attended reporting-duty training in a window (summaries where they hold). */
export const trainedPart = (w: StatsWindow): StatsPart => ({
  query: sql`select s.unit_id from stats_trained_months s where ${w.clean("s")} and s.attended > 0
    union select x.unit_id from (${trainedFromRows(w, municipality)}) x`,
});

/** The units with staff trained between two instants (`trainedPart`), in one statement. */
export async function trainedUnits(municipalityId: string, from: Date, to: Date, now = new Date()) {
  const rows = await readPart("trained units", trainedPart, municipalityId, windowValuesBetween(from, to, now));
  return rows.map((row) => row.unit_id as string).sort();
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
      await tx.execute(
        sql`delete from stats_activity_months where municipality_id = ${municipalityId} and month = ${month}`,
      );
      const w = monthWindow(month);
      const [activity] = activityOf(await rowsLike(tx, sql`with ${w.ctes} ${activityFromRows(w, municipalityId)}`));
      if (activity) await tx.insert(statsActivityMonths).values({ municipalityId, ...activity });
      await tx.execute(
        sql`delete from stats_unit_months where municipality_id = ${municipalityId} and month = ${month}`,
      );
      await tx.execute(sql`with ${w.ctes}
        insert into stats_unit_months (municipality_id, month, unit_id, reports, on_behalf, supplemented, calls)
        select ${municipalityId}, x.month, x.unit_id, sum(x.reports), sum(x.on_behalf), sum(x.supplemented), sum(x.calls)
        from (${unitsFromRows(w, municipalityId)}) x
        group by 2, 3`);
      await tx.execute(
        sql`delete from stats_trained_months where municipality_id = ${municipalityId} and month = ${month}`,
      );
      await tx.execute(sql`with ${w.ctes}
        insert into stats_trained_months (municipality_id, month, unit_id, attended)
        select ${municipalityId}, x.month, x.unit_id, x.attended from (${trainedFromRows(w, municipalityId)}) x`);
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
