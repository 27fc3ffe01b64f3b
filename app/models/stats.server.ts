import { and, eq, gte, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { fromReadReplica, getDb } from "#db/client.server";
import { agreementDeviations, consents, reporterSurveyTallies, units } from "#db/schema";
import { addCalendarDays, nextMonth, stockholmDate } from "~/domain/deadlines";
import { agreementDeviationKinds } from "~/domain/agreement-deviation";
import { surveyAnswers, surveyQuestions } from "~/domain/reporter-survey";
import { count, grid, isSmall, parts, protectLinked, share, type Sum } from "~/domain/suppression";
import type { CurrentUser } from "~/lib/permissions.server";
import { findingsOf, findingsQuery } from "~/models/quality-review.server";
import { showFindings, showQuality, type QualityCounts } from "~/models/stats-quality.server";
import {
  activityOf,
  activityPart,
  adviceKinds,
  readParts,
  reportMonths,
  reportMonthsOf,
  reportPart,
  type StatsPart,
  type StatsWindow,
  trainedPart,
  unitTotalsOf,
  unitPart,
  value,
  windowOf,
  windowValues,
  windowValuesBetween,
  type Period,
  type ReportMonth,
} from "~/models/stats-summary.server";
import { countOf, frozen } from "~/models/stats-sql.server";
import { COVERED_UNIT_KINDS, monthsBefore, TRAINED_WITHIN_MONTHS } from "~/models/coverage.server";
import { adviceGiven, noMeetingReasons, reportSources, unitKindsWithChildren } from "~/domain/vocabulary";

export type { Period } from "./stats-summary.server";

/** The months a period touches, "YYYY-MM", in order. */
export function monthsOf(period: Period) {
  const months: string[] = [];
  for (let m = period.from.slice(0, 7); m <= period.to.slice(0, 7); m = nextMonth(m)) months.push(m);
  return months;
}

/** Where deviations from the agreement were filed: a school's kind of unit, or "other" (social services, say). */
const deviationUnitKinds = ["preschool", "school", "student_health", "other"] as const;

type ReportCounts = Pick<
  ReportMonth,
  "n" | "decided" | "opened" | "assessed" | "assessedInTime" | "decidedInTime" | "heardKnown" | "heard"
> & { medianDays: number | null };
const NO_REPORTS: ReportCounts = {
  n: 0,
  decided: 0,
  opened: 0,
  assessed: 0,
  assessedInTime: 0,
  decidedInTime: 0,
  medianDays: null,
  heardKnown: 0,
  heard: 0,
};

/** The figures of a set of reports: shares, deadlines kept, median days to a decision. */
function reportFigures(row: ReportCounts) {
  return {
    investigationShare: share(row.opened, row.decided),
    protectionInTime: share(row.assessedInTime, row.assessed),
    decisionsInTime: share(row.decidedInTime, row.decided),
    // A median of fewer than five decisions could be one child's case: hidden like a small count.
    medianDaysToDecision: row.decided >= 5 && row.medianDays !== null ? Math.round(row.medianDays * 10) / 10 : null,
    childHeard: share(row.heard, row.heardKnown),
  };
}

/** The median as percentile_cont(0.5) computes it: between the two middle values when their number is even. */
export function median(values: ArrayLike<number>) {
  const n = values.length;
  if (!n) return null;
  // Selected, not sorted: a year holds thousands of decisions. A given Float64Array is reordered in place.
  const a = values instanceof Float64Array ? values : Float64Array.from(values);
  const high = select(a, Math.floor(n / 2));
  if (n % 2) return high;
  // The lower middle is the largest value left of the upper one after the selection.
  let low = a[0];
  for (let i = 1; i < n / 2; i++) if (a[i] > low) low = a[i];
  return low + (high - low) * 0.5;
}

/** The k-th smallest value (from 0), by quickselect: `a` is reordered so that a[i] ≤ a[k] for every i < k. */
function select(a: Float64Array, k: number) {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const swap = a[i];
        a[i] = a[j];
        a[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k];
}

type Counted = { [K in keyof ReportMonth]: ReportMonth[K] extends number ? K : never }[keyof ReportMonth];
/** A count over rows of months and sources (stats-summary.server.ts). */
const total = (rows: ReportMonth[], key: Counted) => rows.reduce((sum, row) => sum + row[key], 0);

/** The days to a decision of several rows, in one typed array (a year holds thousands). */
function decisionDaysOf(rows: ReportMonth[]) {
  const days = new Float64Array(rows.reduce((n, row) => n + row.decisionDays.length, 0));
  let at = 0;
  for (const row of rows) {
    days.set(row.decisionDays, at);
    at += row.decisionDays.length;
  }
  return days;
}

/** The counts of several rows of a month and source as one set of reports. */
function together(rows: ReportMonth[]): ReportCounts & QualityCounts {
  const add = (key: Counted) => total(rows, key);
  return {
    n: add("n"),
    decided: add("decided"),
    opened: add("opened"),
    assessed: add("assessed"),
    assessedInTime: add("assessedInTime"),
    decidedInTime: add("decidedInTime"),
    medianDays: median(decisionDaysOf(rows)),
    heardKnown: add("heardKnown"),
    heard: add("heard"),
    notOpenedAnswered: add("notOpenedAnswered"),
    notOpenedConcern: add("notOpenedConcern"),
    knownBefore: add("knownBefore"),
    violentDecided: add("violentDecided"),
    policeConsidered: add("policeConsidered"),
    secondLooked: add("secondLooked"),
    returned: add("returned"),
  };
}

/** The report meetings of the period's reports: offered, held, held with the one who had the concern, why not. */
function meetingCounts(rows: ReportMonth[]) {
  return {
    withMeeting: total(rows, "withMeeting"),
    held: total(rows, "meetingsHeld"),
    concernAttended: total(rows, "concernAttended"),
    noMeeting: noMeetingReasons.map((_, i) => rows.reduce((n, r) => n + (r.noMeeting[i] ?? 0), 0)),
  };
}

/**
 * The report counts for a period, as they are in the database (never returned from this module unsuppressed): rows
 * per month and source (stats-summary.server.ts: summaries where they hold, the reports themselves elsewhere), added
 * up here per month × source (the counts), per source (the figures per kind of unit) and over the whole period.
 */
function reportCounts(rows: ReportMonth[], period: Period) {
  const months = monthsOf(period);
  const matrix = months.map(() => reportSources.map(() => 0));
  for (const row of rows) {
    const m = months.indexOf(row.month);
    const s = (reportSources as readonly string[]).indexOf(row.source);
    if (m >= 0 && s >= 0) matrix[m][s] += row.n;
  }
  return {
    months,
    matrix,
    whole: together(rows),
    perSource: reportSources.map((s) => {
      const ofSource = rows.filter((r) => r.source === s);
      return ofSource.length ? together(ofSource) : undefined;
    }),
  };
}

/** The report figures, suppressed: reports per month by source with totals, shares and deadlines, also per source. */
function showReports(counts: ReturnType<typeof reportCounts>) {
  const figures = reportFigures(counts.whole);
  const perSource = counts.perSource.map((row, i) => ({
    source: reportSources[i],
    ...reportFigures(row ?? NO_REPORTS),
  }));
  return {
    months: counts.months,
    bySource: grid(counts.matrix),
    ...figures,
    quality: showQuality(counts.whole),
    investigationShare: {
      all: figures.investigationShare,
      schools: perSource[reportSources.indexOf("school")].investigationShare,
    },
    perSource,
  };
}

/**
 * The report figures for a period, computed in the database and suppressed before they leave this module: reports per
 * month by source (with totals), the share leading to an investigation (schools and all), deadlines kept, the median
 * days to a decision and the share of pre-assessments where the child was heard — for all reports and per source —
 * and the pre-assessments' quality (stats-quality.server.ts).
 */
export async function reportStats(user: CurrentUser, period: Period, now = new Date()) {
  return showReports(reportCounts(await reportMonths(user.municipalityId, period, now), period));
}

export type ReportStats = Awaited<ReturnType<typeof reportStats>>;

/** A breakdown over a known list of keys as one FILTER count per key, columns `${name}_0`, `${name}_1`, … */
function countsPerKey(name: string, of: SQL, keys: readonly string[]) {
  return Object.fromEntries(
    keys.map((key, i) => [`${name}_${i}`, frozen(countOf(sql`${of} = ${key}`)).as(`${name}_${i}`)]),
  );
}
/** The counts of `countsPerKey`, in the order of its keys. */
function perKey(row: Record<string, number>, name: string, keys: readonly string[]) {
  return keys.map((_, i) => row[`${name}_${i}`]);
}

/**
 * The counts behind the rest of the follow-up for a period: advice calls (per month, per caller unit kind, per advice
 * given, and the share a report later quoted), basic feedback on the period's decisions (delivered, within the
 * response time), extended feedback sent and trainings held (with participants) — per month from `activityMonths`
 * (stats-summary.server.ts) — and, from the rows, consents in force at the end of the period, the internal review's
 * findings (the samples of the period's months, quality-review.server.ts), the reporters' survey answers and the
 * deviations from the agreement filed (per kind, per kind of unit, closed).
 *
 * The rows are read by one statement: each small table once by a one-row aggregate (no GROUP BY, so exactly one row,
 * zeros included), the four rows cross-joined. A breakdown is a FILTER count per key of its known list, which is all
 * that is shown of it. Column names are unique across the subqueries: drizzle selects them unqualified.
 */
function followUpPart(): StatsPart {
  const db = getDb();
  const m = sql`${value("municipality")}`;
  const from = sql`${value("from")}::timestamptz`;
  const to = sql`${value("to")}::timestamptz`;
  const consentsInForce = db
    .select({ n: countOf().as("consents_in_force") })
    .from(consents)
    .where(
      and(
        eq(consents.municipalityId, m),
        lt(consents.validFrom, to),
        gte(consents.validUntil, to),
        or(isNull(consents.withdrawnAt), gte(consents.withdrawnAt, to)),
      ),
    )
    .as("consents_in_force");

  const review = findingsQuery(m, sql`${value("fromMonth")}`, sql`${value("toMonth")}`).as("review");

  // The survey is kept as tallies, per month (app/domain/reporter-survey.ts): those of the months the period touches.
  // Each answer adds one to one answer of every question, so the answers are the sum over any one question's answers.
  // The questions and answers are written in, so that only the request's own values are parameters.
  const tally = (where: SQL) => frozen(sql`coalesce(sum(${reporterSurveyTallies.count}) filter (where ${where}), 0)`);
  const survey = db
    .select({
      answers: tally(sql`${reporterSurveyTallies.question} = ${surveyQuestions[0]}`).as("survey_answers"),
      ...Object.assign(
        {},
        ...surveyQuestions.map((q) =>
          Object.fromEntries(
            surveyAnswers[q].map((answer, i) => [
              `survey_${q}_${i}`,
              tally(sql`${reporterSurveyTallies.question} = ${q} and ${reporterSurveyTallies.answer} = ${answer}`).as(
                `survey_${q}_${i}`,
              ),
            ]),
          ),
        ),
      ),
    })
    .from(reporterSurveyTallies)
    .where(
      and(
        eq(reporterSurveyTallies.municipalityId, m),
        gte(reporterSurveyTallies.month, sql`${value("fromMonth")}`),
        lte(reporterSurveyTallies.month, sql`${value("toMonth")}`),
      ),
    )
    .as("survey");

  const deviationsFiled = db
    .select({
      filed: countOf().as("deviations_filed"),
      closed: countOf(sql`${agreementDeviations.status} = 'closed'`).as("deviations_closed"),
      ...countsPerKey("deviation_kind", sql`${agreementDeviations.kind}::text`, agreementDeviationKinds),
      ...countsPerKey(
        "deviation_unit_kind",
        sql`case when ${units.kind} in ('preschool', 'school', 'student_health') then ${units.kind}::text
          else 'other' end`,
        deviationUnitKinds,
      ),
    })
    .from(agreementDeviations)
    .leftJoin(units, and(eq(units.id, agreementDeviations.unitId), eq(units.municipalityId, m)))
    .where(
      and(
        eq(agreementDeviations.municipalityId, m),
        gte(agreementDeviations.filedAt, from),
        lt(agreementDeviations.filedAt, to),
      ),
    )
    .as("deviations");

  return {
    query: sql`${db.select().from(consentsInForce).crossJoin(review).crossJoin(survey).crossJoin(deviationsFiled)}`,
  };
}

/** The values of `followUpPart` beside a window's (`windowValues`): the months the period touches. */
const followUpValues = (period: Period) => ({ fromMonth: period.from.slice(0, 7), toMonth: period.to.slice(0, 7) });

/** A follow-up row (`followUpPart`, keys as its columns) and the period's activity months, added up. */
function followUpCounts(period: Period, followUp: Record<string, unknown>[], activityRows: Record<string, unknown>[]) {
  const months = monthsOf(period);
  const row = followUp[0] as Record<string, number>;
  const activity = activityOf(activityRows);
  const add = (key: "adviceTotal" | "adviceFollowed" | "basicDue" | "basicDelivered" | "basicOnTime") =>
    activity.reduce((n, a) => n + a[key], 0);
  const addUp = (key: "adviceKind" | "adviceGiven", length: number) =>
    Array.from({ length }, (_, i) => activity.reduce((n, a) => n + a[key][i], 0));
  const calls = {
    total: add("adviceTotal"),
    followed: add("adviceFollowed"),
    perMonth: months.map((mo) => activity.find((a) => a.month === mo)?.adviceTotal ?? 0),
    perKind: addUp("adviceKind", adviceKinds.length),
    perAdvice: addUp("adviceGiven", adviceGiven.length),
  };
  const feedback = { due: add("basicDue"), delivered: add("basicDelivered"), onTime: add("basicOnTime") };
  const sum = (key: "extendedSent" | "trainingsHeld" | "trainingParticipants") =>
    activity.reduce((n, a) => n + a[key], 0);
  return {
    months,
    row,
    calls,
    feedback,
    extendedSent: sum("extendedSent"),
    training: { held: sum("trainingsHeld"), participants: sum("trainingParticipants") },
  };
}

/** The follow-up figures, suppressed. */
function showFollowUp(raw: ReturnType<typeof followUpCounts>, reportRows: ReportMonth[]) {
  const meeting = meetingCounts(reportRows);
  const { row, calls, feedback, training } = raw;
  return {
    advice: {
      perMonth: parts(calls.perMonth),
      byUnitKind: { kinds: adviceKinds, ...parts(calls.perKind) },
      byAdvice: { advice: adviceGiven, ...parts(calls.perAdvice) },
      followedByReport: share(calls.followed, calls.total),
    },
    meetings: {
      offered: count(meeting.withMeeting),
      noMeeting: { reasons: noMeetingReasons, ...parts(meeting.noMeeting) },
      concernAttended: share(meeting.concernAttended, meeting.held),
    },
    feedback: {
      decidedDue: count(feedback.due),
      delivered: share(feedback.delivered, feedback.due),
      onTime: share(feedback.onTime, feedback.due),
      extendedSent: count(raw.extendedSent),
      activeConsents: count(row.consents_in_force),
    },
    trainings: { held: count(training.held), participants: count(training.participants) },
    review: showFindings(findingsOf({ ...row, reviewCases: row.review_cases })),
    deviations: {
      filed: count(row.deviations_filed),
      closed: share(row.deviations_closed, row.deviations_filed),
      // Two breakdowns of the same deviations, each suppressed as parts of the one total they share.
      byKind: {
        kinds: agreementDeviationKinds,
        ...parts(perKey(row, "deviation_kind", agreementDeviationKinds)),
      },
      byUnitKind: {
        kinds: deviationUnitKinds,
        ...parts(perKey(row, "deviation_unit_kind", deviationUnitKinds)),
      },
    },
    survey: {
      answers: count(row.survey_answers),
      questions: surveyQuestions.map((question) => ({
        question,
        answers: surveyAnswers[question],
        ...parts(perKey(row, `survey_${question}`, surveyAnswers[question])),
      })),
    },
  };
}

/**
 * The rest of the follow-up for a period — advice, report meetings, feedback and trainings — counted in the database
 * and suppressed before it leaves this module.
 */
export async function followUpStats(user: CurrentUser, period: Period, now = new Date()) {
  const read = await readParts(
    "follow-up",
    () => {
      const w = windowOf();
      return { windows: [w], parts: { reports: reportPart(w), activity: activityPart(w), followUp: followUpPart() } };
    },
    { municipality: user.municipalityId, ...windowValues(period, now), ...followUpValues(period) },
  );
  return showFollowUp(followUpCounts(period, read.followUp, read.activity), reportMonthsOf(read.reports));
}

export type FollowUpStats = Awaited<ReturnType<typeof followUpStats>>;

/** P(X ≤ k) for X ~ Poisson(λ), summed term by term (k is a unit's yearly report count: small). */
export function poissonCdf(k: number, lambda: number) {
  let term = Math.exp(-lambda);
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term *= lambda / i;
    sum += term;
  }
  return Math.min(sum, 1);
}

/** How unlikely a count must be, given the unit kind's rate, for the radar to list the unit. */
export const RADAR_LEVEL = 0.05;

/**
 * Where to act, over the last 12 months. Under-reporting: preschools and schools whose number of reports is
 * improbably low for their number of children at the rate of their kind of unit (Poisson, P(X ≤ observed) < 5 %),
 * and units with neither a report nor an advice call. Check-in candidates: units with improbably many reports
 * (P(X ≥ observed) < 5 %) or where at least a third of five or more reports needed supplementing. Counts come from
 * the database (`unitCounts`); only the test on them is done here.
 */
function radarOf(units: ReturnType<typeof unitCounts>) {
  const rows = units.filter((r) => r.active && (unitKindsWithChildren as readonly string[]).includes(r.kind));
  const rate = new Map<string, number>();
  for (const kind of unitKindsWithChildren) {
    const ofKind = rows.filter((r) => r.kind === kind && (r.children ?? 0) > 0);
    const children = ofKind.reduce((a, r) => a + (r.children ?? 0), 0);
    rate.set(kind, children ? ofKind.reduce((a, r) => a + r.yearReports, 0) / children : 0);
  }
  const view = rows.map((r) => {
    const expected = (rate.get(r.kind) ?? 0) * (r.children ?? 0);
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      reports: count(r.yearReports),
      perHundred: r.children && !isSmall(r.yearReports) ? Math.round((1000 * r.yearReports) / r.children) / 10 : null,
      expected: Math.round(expected * 10) / 10,
      low: expected > 0 && poissonCdf(r.yearReports, expected) < RADAR_LEVEL,
      high: expected > 0 && r.yearReports > 0 && 1 - poissonCdf(r.yearReports - 1, expected) < RADAR_LEVEL,
      silent: r.yearReports === 0 && r.yearCalls === 0,
      supplementShare: r.yearReports >= 5 ? share(r.yearSupplemented, r.yearReports) : null,
      manySupplemented: r.yearReports >= 5 && r.yearSupplemented * 3 >= r.yearReports,
    };
  });
  return {
    underReporting: view.filter((u) => u.low || u.silent),
    checkIn: view.filter((u) => u.high || u.manySupplemented),
  };
}

const perUnitKinds = ["preschool", "school", "student_health"] as const;
const isCovered = (kind: string) => (COVERED_UNIT_KINDS as readonly string[]).includes(kind);

/** The last 12 months, for the radar: today and the 365 days before it. */
function lastYear(now: Date): Period {
  const today = stockholmDate(now);
  return { from: addCalendarDays(today, -365), to: today };
}

/**
 * The units a period's per-unit figures are about (preschools, schools, student health), in order, and whether
 * someone on the staff attended a reporting-duty training in the 12 months before now (window `t`).
 */
function unitListPart(t: StatsWindow): StatsPart {
  return {
    query: sql`select u.id, u.name, u.kind, u.active, u.enrolled_children as children,
        u.id in (select trained.unit_id from (${trainedPart(t).query}) trained) as trained
      from units u
      where u.municipality_id = ${value("municipality")} and u.kind in ('preschool', 'school', 'student_health')`,
    orderBy: sql`x.kind, x.name, x.id`,
  };
}

/** The window of `unitListPart`: training counts within the 12 months before now. */
const trainedWindowValues = (now: Date) =>
  windowValuesBetween(monthsBefore(now, TRAINED_WITHIN_MONTHS), now, now, "_trained");

interface UnitRow {
  id: string;
  name: string;
  kind: (typeof perUnitKinds)[number];
  active: boolean;
  children: number | null;
  trained: boolean;
}

/**
 * Per unit for a period: portal reports (and those made on someone else's behalf), advice calls and trained staff;
 * and for the radar, the reports, supplemented reports and calls of the last 12 months. Active units, and closed ones
 * that still have reports or calls in the period (so each kind adds up to its column in the other tables).
 */
function unitCounts(
  list: Record<string, unknown>[],
  inPeriod: Record<string, unknown>[],
  inYear: Record<string, unknown>[],
) {
  const period = unitTotalsOf(inPeriod);
  const year = unitTotalsOf(inYear);
  const none = { reports: 0, onBehalf: 0, supplemented: 0, calls: 0 };
  return (list as unknown as UnitRow[])
    .map((unit) => {
      const ofPeriod = period.get(unit.id) ?? none;
      const ofYear = year.get(unit.id) ?? none;
      return {
        id: unit.id,
        name: unit.name,
        kind: unit.kind,
        active: unit.active,
        children: unit.children,
        trained: unit.trained,
        reports: ofPeriod.reports,
        calls: ofPeriod.calls,
        onBehalf: ofPeriod.onBehalf,
        yearReports: ofYear.reports,
        yearSupplemented: ofYear.supplemented,
        yearCalls: ofYear.calls,
      };
    })
    .filter((r) => r.active || r.reports > 0 || r.calls > 0);
}

/** The per-unit figures, each kind's units suppressed as parts of the kind's total; coverage among active units. */
function showUnits(rows: ReturnType<typeof unitCounts>) {
  const kinds = perUnitKinds.map((kind) => {
    const ofKind = rows.filter((r) => r.kind === kind);
    const active = ofKind.filter((r) => r.active);
    const reportsShown = parts(ofKind.map((r) => r.reports));
    const callsShown = parts(ofKind.map((r) => r.calls));
    const trained = active.filter((r) => r.trained).length;
    return {
      kind,
      units: ofKind.map((r, i) => ({
        id: r.id,
        name: r.name,
        active: r.active,
        reports: reportsShown.parts[i],
        calls: callsShown.parts[i],
        onBehalfShare: share(r.onBehalf, r.reports),
        trained: isCovered(kind) && r.active ? r.trained : null,
      })),
      reports: reportsShown.total,
      calls: callsShown.total,
      onBehalfShare: share(sum(ofKind.map((r) => r.onBehalf)), sum(ofKind.map((r) => r.reports))),
      // Units are not people: the count of units is shown, the share only when it rests on five units or more.
      coverage: isCovered(kind)
        ? { units: active.length, trained, share: active.length >= 5 ? trained / active.length : null }
        : null,
    };
  });
  const covered = rows.filter((r) => r.active && isCovered(r.kind));
  const trainedUnits = covered.filter((r) => r.trained).length;
  return {
    kinds,
    coverage: {
      units: covered.length,
      trained: trainedUnits,
      share: covered.length >= 5 ? trainedUnits / covered.length : null,
    },
  };
}

/**
 * Everything /stats and its CSV show for a period (and the radar, over the 12 months before `now`), suppressed
 * together. Each table first hides its own small counts and what would give them away; then, because the tables
 * share figures (a kind's total per unit is that source's column total among the reports, and that kind's count
 * among the advice calls), all their sums are checked as one system and more is hidden until no hidden figure can
 * be worked out from the shown ones. The quality figures (stats-quality.server.ts) are shares and lone counts that no
 * sum links to the tables: each is suppressed on its own.
 */
export async function statsOverview(user: CurrentUser, period: Period, now = new Date()) {
  // One statement: every figure from one snapshot, so the sums that link the tables hold between them too. On the
  // read replica when there is one (`asOf` says how fresh).
  const { result: read, asOf } = await fromReadReplica(() =>
    readParts(
      "overview",
      () => {
        const w = windowOf();
        const y = windowOf("_year");
        const t = windowOf("_trained");
        return {
          windows: [w, y, t],
          parts: {
            reports: reportPart(w),
            activity: activityPart(w),
            followUp: followUpPart(),
            units: unitListPart(t),
            unitsInPeriod: unitPart(w),
            unitsInYear: unitPart(y),
          },
        };
      },
      {
        municipality: user.municipalityId,
        ...windowValues(period, now),
        ...windowValues(lastYear(now), now, "_year"),
        ...followUpValues(period),
        ...trainedWindowValues(now),
      },
    ),
  );
  const reportRows = reportMonthsOf(read.reports);
  const followUpRaw = followUpCounts(period, read.followUp, read.activity);
  const unitRaw = unitCounts(read.units, read.unitsInPeriod, read.unitsInYear);
  const reportRaw = reportCounts(reportRows, period);
  const reportsShown = showReports(reportRaw);
  const followUp = showFollowUp(followUpRaw, reportRows);
  const perUnit = showUnits(unitRaw);
  protectLinkedTables(
    { matrix: reportRaw.matrix, calls: followUpRaw.calls, units: unitRaw },
    { bySource: reportsShown.bySource, advice: followUp.advice, kinds: perUnit.kinds },
  );
  return { reports: reportsShown, followUp, perUnit, radar: radarOf(unitRaw), asOf: asOf?.toISOString() ?? null };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

type ShownParts = { parts: (number | null)[]; total: number | null };

/**
 * The linked tables of /stats protected together, each already suppressed on its own (grid, parts): every figure two
 * tables share and every sum between them go through protectLinked, and what is finally shown is written back into
 * `shown`. Exported for tests/unit/suppression-property.test.ts, which checks it as an attacker would.
 */
export function protectLinkedTables(
  counts: {
    matrix: number[][];
    calls: { total: number; perMonth: number[]; perKind: number[]; perAdvice: number[] };
    units: { kind: string; reports: number; calls: number }[];
  },
  shown: {
    bySource: ReturnType<typeof grid>;
    advice: { perMonth: ShownParts; byUnitKind: ShownParts; byAdvice: ShownParts };
    kinds: {
      kind: (typeof perUnitKinds)[number];
      reports: number | null;
      calls: number | null;
      units: { reports: number | null; calls: number | null }[];
    }[];
  },
) {
  const { matrix, calls, units } = counts;
  const { bySource, advice, kinds } = shown;
  const ledger = new Ledger();

  // Reports: the month × source table; below, each kind's units are the parts of that kind's source column.
  const cells = matrix.map((row, i) =>
    row.map((v, j) => ledger.figure(v, bySource.cells[i][j], (shown) => (bySource.cells[i][j] = shown))),
  );
  const rowTotals = matrix.map((row, i) =>
    ledger.figure(sum(row), bySource.rowTotals[i], (shown) => (bySource.rowTotals[i] = shown)),
  );
  const colTotals = reportSources.map((_, j) =>
    ledger.figure(sum(matrix.map((row) => row[j])), bySource.colTotals[j], (shown) => (bySource.colTotals[j] = shown)),
  );
  const grand = ledger.figure(sum(matrix.flat()), bySource.total, (shown) => (bySource.total = shown));
  for (const [i, row] of cells.entries()) ledger.sum(rowTotals[i], row);
  for (const [j, total] of colTotals.entries()) {
    const column = cells.map((row) => row[j]);
    ledger.sum(total, column);
  }
  ledger.sum(grand, rowTotals);
  ledger.sum(grand, colTotals);

  // Advice: the same calls by month, by the caller's kind of unit and by the advice given.
  const callTotal = ledger.figure(calls.total, advice.perMonth.total, (shown) => (advice.perMonth.total = shown));
  // The two other breakdowns carry the same total to the page: hidden with it, or the page data would still hold it.
  ledger.also(callTotal, advice.byUnitKind.total, (shown) => (advice.byUnitKind.total = shown));
  ledger.also(callTotal, advice.byAdvice.total, (shown) => (advice.byAdvice.total = shown));
  const partsOf = (values: number[], shown: { parts: (number | null)[] }) =>
    values.map((v, i) => ledger.figure(v, shown.parts[i], (value) => (shown.parts[i] = value)));
  ledger.sum(callTotal, partsOf(calls.perMonth, advice.perMonth));
  const callKinds = partsOf(calls.perKind, advice.byUnitKind);
  ledger.sum(callTotal, callKinds);
  ledger.sum(callTotal, partsOf(calls.perAdvice, advice.byAdvice));

  for (const k of kinds) {
    const ofKind = units.filter((r) => r.kind === k.kind);
    // The kind's totals are the very figures of the other tables: hidden if either table hides them.
    const reportTotal = colTotals[reportSources.indexOf(k.kind)];
    const callsTotal = callKinds[adviceKinds.indexOf(k.kind)];
    ledger.also(reportTotal, k.reports, (shown) => (k.reports = shown));
    ledger.also(callsTotal, k.calls, (shown) => (k.calls = shown));
    ledger.sum(
      reportTotal,
      ofKind.map((r, i) => ledger.figure(r.reports, k.units[i].reports, (shown) => (k.units[i].reports = shown))),
    );
    ledger.sum(
      callsTotal,
      ofKind.map((r, i) => ledger.figure(r.calls, k.units[i].calls, (shown) => (k.units[i].calls = shown))),
    );
  }

  ledger.protect();
}

/**
 * The figures of a page and the sums between them, for `protectLinked`: each figure's true value, whether a table
 * already hides it, and where to write what is finally shown (the value, or null).
 */
class Ledger {
  private values: number[] = [];
  private hidden: boolean[] = [];
  private writers: ((shown: number | null) => void)[][] = [];
  private sums: Sum[] = [];

  figure(value: number, shown: number | null, write: (shown: number | null) => void) {
    this.values.push(value);
    this.hidden.push(shown === null);
    this.writers.push([write]);
    return this.values.length - 1;
  }
  /** The same figure shown in another table, as that table would show it. */
  also(figure: number, shown: number | null, write: (shown: number | null) => void) {
    this.hidden[figure] ||= shown === null;
    this.writers[figure].push(write);
  }
  sum(total: number, parts: number[]) {
    this.sums.push({ total, parts });
  }
  protect() {
    const hidden = protectLinked(this.values, this.hidden, this.sums);
    for (const [i, h] of hidden.entries()) for (const write of this.writers[i]) write(h ? null : this.values[i]);
  }
}
