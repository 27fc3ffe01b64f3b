import { eq } from "drizzle-orm";
import { fromReadReplica, getDb } from "#db/client.server";
import { municipalities } from "#db/schema";
import type { CurrentUser } from "~/lib/permissions.server";
import { reviewItems } from "~/domain/review-checklist";
import { count } from "~/domain/suppression";
import { STOCKHOLM_REVIEW } from "~/domain/stockholm-review";
import { reportSources } from "~/domain/vocabulary";
import { checkInCounts, type CheckInCounts } from "~/models/check-in.server";
import { statsOverview } from "~/models/stats.server";

/**
 * The printable yearly report for the steering group: the key figures of /stats for a calendar year beside the year
 * before, a short automatic summary of the largest changes, the year's reports and calls month by month, its figures
 * per kind of unit and the agreement's follow-up. Every number comes from `statsOverview` for the calendar year —
 * computed in SQL and suppressed there, exactly as /stats shows that year — and `checkInCounts` (hidden here like any
 * count); this module only puts the two years side by side and picks what the report prints. A change is computed
 * only when both years' figures are shown: a difference against a hidden figure would give it away.
 */

export type FigureKind = "count" | "share" | "days";

export const keyFigureKeys = [
  "reportsTotal",
  "reportsPreschool",
  "reportsSchool",
  "reportsStudentHealth",
  "reportsOtherChannel",
  "investigationShare",
  "investigationShareSchools",
  "protectionInTime",
  "decisionsInTime",
  "medianDaysToDecision",
  "childHeard",
  "remainingConcernNotOpened",
  "knownBefore",
  "policeConsidered",
  "secondLookShare",
  "secondLooksReturned",
  "reviewCases",
  ...reviewItems.map((item) => `reviewMet.${item}` as const),
  "adviceCalls",
  "adviceFollowedByReport",
  "reportsWithMeeting",
  "concernAttended",
  "feedbackDelivered",
  "feedbackOnTime",
  "extendedFeedbackSent",
  "consentsInForce",
  "trainingsHeld",
  "trainingParticipants",
  "checkInsPlanned",
  "checkInsHeld",
  "deviationsFiled",
  "deviationsClosed",
] as const;
export type KeyFigureKey = (typeof keyFigureKeys)[number];

/**
 * From current minus previous, both as shown. `difference`: in reports, calls… for counts; in whole percentage points
 * for shares (each share rounded to a whole percent first, as the report prints it, so the column adds up to what the
 * reader sees); in days for the median. `relative`: the difference over the previous figure (null when that is 0).
 */
export interface FigureChange {
  difference: number;
  relative: number | null;
}

export interface KeyFigure {
  key: KeyFigureKey;
  kind: FigureKind;
  /**
   * Shares as fractions (0.42), counts as counts, the median in days; null = hidden (small, or would reveal one),
   * written with the mark of its kind (~/domain/stats-marks): the same for every hidden count, never "< 5".
   */
  current: number | null;
  previous: number | null;
  /** Null unless both years are shown. */
  change: FigureChange | null;
  /** A figure to compare with from outside the portal: a fraction, or a number of cases of those reviewed. */
  baseline?: Baseline;
}

export type Baseline =
  | { source: "stockholmReview2023"; value: number }
  | { source: "stockholmReview2023Cases"; cases: number; of: number };

/** One sentence of the summary: which figure moved, which way, and by how much, in absolute and relative terms. */
export interface SummaryItem {
  key: KeyFigureKey;
  kind: FigureKind;
  direction: "up" | "down";
  /** As in FigureChange: in reports, calls… for counts; whole percentage points for shares; days for the median. */
  difference: number;
  /** Over the previous year, as in FigureChange: null for shares and from zero. */
  relative: number | null;
  /**
   * The ranking key, 0–100, never negative: percentage points for shares; for counts and the median the change in
   * per cent of the larger of the two years (SUMMARY_THRESHOLDS says why).
   */
  size: number;
  current: number;
  previous: number;
}

/** At most this many changes in the summary. */
export const SUMMARY_MAX = 5;
/**
 * Which changes are listed (issue 23, item 3: a change from or to zero is a change, and the summary never says
 * "nothing changed" above a row that moved by five or more):
 * - a count that moved by at least `countDifference`, from or to zero included (5 → 7, "+40 %", is not news; 0 → 14
 *   and 100 → 106 are listed);
 * - a share that moved by at least `sharePoints` percentage points (of the shares as printed, whole percent);
 * - the median when it moved by at least `daysDifference` day and `daysRelativePercent` per cent of the year before
 *   (from zero: by the day alone).
 * Biggest first by `SummaryItem.size`, a number from 0 to 100 for every kind: shares by percentage points; counts
 * and the median by the change in per cent of the larger of the two years. Measured against the larger year, a
 * change is defined from and to zero (100: the whole of it), a doubling and a halving weigh the same, and a few
 * more of a large count (100 → 106: 6) rank below a new figure (0 → 14: 100). Ties: the larger difference first (in
 * the figure's own unit), then the order of the figures. Fewer than SUMMARY_MAX may pass; then the summary lists
 * fewer rather than padding with noise, and says nothing changed much only when no figure passes — which is then
 * true of every shown figure.
 */
export const SUMMARY_THRESHOLDS = {
  sharePoints: 5,
  countDifference: 5,
  daysDifference: 1,
  daysRelativePercent: 10,
} as const;

/** Shares as the report prints them: whole percent. */
const wholePercent = (share: number) => Math.round(share * 100);
const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/** The change between two shown figures; null when either is hidden. */
export function changeOf(kind: FigureKind, current: number | null, previous: number | null): FigureChange | null {
  if (current === null || previous === null) return null;
  if (kind === "share") return { difference: wholePercent(current) - wholePercent(previous), relative: null };
  const difference = kind === "days" ? oneDecimal(current - previous) : current - previous;
  return { difference, relative: previous === 0 ? null : (current - previous) / previous };
}

/** Whether a shown change passes SUMMARY_THRESHOLDS. */
function isListed(kind: FigureKind, { difference, relative }: FigureChange): boolean {
  const moved = Math.abs(difference);
  if (kind === "share") return moved >= SUMMARY_THRESHOLDS.sharePoints;
  if (kind === "count") return moved >= SUMMARY_THRESHOLDS.countDifference;
  if (moved < SUMMARY_THRESHOLDS.daysDifference) return false;
  return relative === null || Math.abs(relative) * 100 >= SUMMARY_THRESHOLDS.daysRelativePercent;
}

/** The ranking key (SUMMARY_THRESHOLDS): points for shares, per cent of the larger year for counts and the median. */
function sizeOf(kind: FigureKind, current: number, previous: number, difference: number): number {
  if (kind === "share") return Math.abs(difference);
  const larger = Math.max(Math.abs(current), Math.abs(previous));
  return larger === 0 ? 0 : (Math.abs(current - previous) / larger) * 100;
}

/**
 * The largest changes, biggest first, at most SUMMARY_MAX, each passing SUMMARY_THRESHOLDS (which says how they are
 * ranked). Figures with a hidden year have no change and so never appear.
 */
export function summarize(figures: readonly KeyFigure[]): SummaryItem[] {
  const items: SummaryItem[] = [];
  for (const f of figures) {
    if (!f.change || f.current === null || f.previous === null) continue;
    const { difference, relative } = f.change;
    if (difference === 0 || !isListed(f.kind, f.change)) continue;
    items.push({
      key: f.key,
      kind: f.kind,
      direction: difference > 0 ? "up" : "down",
      difference,
      relative,
      size: sizeOf(f.kind, f.current, f.previous, difference),
      current: f.current,
      previous: f.previous,
    });
  }
  // Array.prototype.sort is stable: equal sizes and differences keep the figures' order.
  const larger = (a: SummaryItem, b: SummaryItem) => b.size - a.size || Math.abs(b.difference) - Math.abs(a.difference);
  return items.sort(larger).slice(0, SUMMARY_MAX);
}

const stockholm = (value: number): Baseline => ({ source: "stockholmReview2023", value });

/** One year as /stats shows it (suppressed), and its check-ins as counted. */
type Overview = Awaited<ReturnType<typeof statsOverview>>;
type YearFigures = { reports: Overview["reports"]; followUp: Overview["followUp"]; checkIns: CheckInCounts };
type Definition = {
  key: KeyFigureKey;
  kind: FigureKind;
  value: (y: YearFigures) => number | null;
  baseline?: Baseline;
};

const sourceColumn = (source: (typeof reportSources)[number]) => (y: YearFigures) =>
  y.reports.bySource.colTotals[reportSources.indexOf(source)] ?? null;

const definitions: Definition[] = [
  // The month × source table's totals: hidden together so that no part follows from the others and the total.
  { key: "reportsTotal", kind: "count", value: (y) => y.reports.bySource.total },
  { key: "reportsPreschool", kind: "count", value: sourceColumn("preschool") },
  { key: "reportsSchool", kind: "count", value: sourceColumn("school") },
  { key: "reportsStudentHealth", kind: "count", value: sourceColumn("student_health") },
  { key: "reportsOtherChannel", kind: "count", value: sourceColumn("other_channel") },
  { key: "investigationShare", kind: "share", value: (y) => y.reports.investigationShare.all },
  { key: "investigationShareSchools", kind: "share", value: (y) => y.reports.investigationShare.schools },
  { key: "protectionInTime", kind: "share", value: (y) => y.reports.protectionInTime },
  { key: "decisionsInTime", kind: "share", value: (y) => y.reports.decisionsInTime },
  { key: "medianDaysToDecision", kind: "days", value: (y) => y.reports.medianDaysToDecision },
  {
    key: "childHeard",
    kind: "share",
    value: (y) => y.reports.childHeard,
    baseline: stockholm(STOCKHOLM_REVIEW.childHeard),
  },
  {
    key: "remainingConcernNotOpened",
    kind: "share",
    value: (y) => y.reports.quality.remainingConcernNotOpened,
    baseline: stockholm(STOCKHOLM_REVIEW.remainingConcernNotOpened),
  },
  {
    key: "knownBefore",
    kind: "share",
    value: (y) => y.reports.quality.knownBefore,
    baseline: stockholm(STOCKHOLM_REVIEW.knownBefore),
  },
  {
    key: "policeConsidered",
    kind: "share",
    value: (y) => y.reports.quality.policeConsidered,
    baseline: { source: "stockholmReview2023Cases", ...STOCKHOLM_REVIEW.policeConsidered },
  },
  { key: "secondLookShare", kind: "share", value: (y) => y.reports.quality.secondLook },
  { key: "secondLooksReturned", kind: "count", value: (y) => y.reports.quality.secondLookReturned },
  { key: "reviewCases", kind: "count", value: (y) => y.followUp.review.cases },
  ...reviewItems.map(
    (item, i): Definition => ({
      key: `reviewMet.${item}`,
      kind: "share",
      value: (y) => y.followUp.review.items[i].met,
    }),
  ),
  { key: "adviceCalls", kind: "count", value: (y) => y.followUp.advice.perMonth.total },
  { key: "adviceFollowedByReport", kind: "share", value: (y) => y.followUp.advice.followedByReport },
  { key: "reportsWithMeeting", kind: "count", value: (y) => y.followUp.meetings.offered },
  { key: "concernAttended", kind: "share", value: (y) => y.followUp.meetings.concernAttended },
  // The Stockholm review counted whether basic feedback was given at all to reporters who asked: compare with that.
  {
    key: "feedbackDelivered",
    kind: "share",
    value: (y) => y.followUp.feedback.delivered,
    baseline: stockholm(STOCKHOLM_REVIEW.feedbackDelivered),
  },
  { key: "feedbackOnTime", kind: "share", value: (y) => y.followUp.feedback.onTime },
  { key: "extendedFeedbackSent", kind: "count", value: (y) => y.followUp.feedback.extendedSent },
  { key: "consentsInForce", kind: "count", value: (y) => y.followUp.feedback.activeConsents },
  { key: "trainingsHeld", kind: "count", value: (y) => y.followUp.trainings.held },
  { key: "trainingParticipants", kind: "count", value: (y) => y.followUp.trainings.participants },
  // Units are not people, but every count of the report follows the same rule.
  { key: "checkInsPlanned", kind: "count", value: (y) => count(y.checkIns.planned) },
  { key: "checkInsHeld", kind: "count", value: (y) => count(y.checkIns.held) },
  // Deviations filed in the year, and the share of them closed by now, as /stats shows them.
  { key: "deviationsFiled", kind: "count", value: (y) => y.followUp.deviations.filed },
  { key: "deviationsClosed", kind: "share", value: (y) => y.followUp.deviations.closed },
];

/** Side by side, in a fixed order; pure, so the pairing can be tested without a database. */
export function keyFigures(current: YearFigures, previous: YearFigures): KeyFigure[] {
  return definitions.map((d) => {
    const now = d.value(current);
    const before = d.value(previous);
    const figure: KeyFigure = {
      key: d.key,
      kind: d.kind,
      current: now,
      previous: before,
      change: changeOf(d.kind, now, before),
    };
    if (d.baseline) figure.baseline = d.baseline;
    return figure;
  });
}

/**
 * The figures on the report's first page, its summary for the steering group's agenda: the volume, the deadlines, the
 * advice, the feedback and the agreement's follow-up. All of them are in the full table too.
 */
export const HEADLINE_KEYS = [
  "reportsTotal",
  "investigationShare",
  "protectionInTime",
  "decisionsInTime",
  "medianDaysToDecision",
  "childHeard",
  "adviceCalls",
  "feedbackOnTime",
  "trainingParticipants",
  "checkInsHeld",
  "deviationsFiled",
] as const satisfies readonly KeyFigureKey[];

/** The kinds of unit the report breaks its year down by; "other" is what came from elsewhere (see `perUnitKind`). */
export const reportUnitKinds = ["preschool", "school", "student_health", "other"] as const;
export type ReportUnitKind = (typeof reportUnitKinds)[number];

/** Each of `reportUnitKinds`' figure in a breakdown listed by `kinds`, with "other" standing for `otherKey`. */
function byReportKind<T>(kinds: readonly string[], values: readonly T[], otherKey: string) {
  return reportUnitKinds.map((kind) => values[kinds.indexOf(kind === "other" ? otherKey : kind)] ?? null);
}

/**
 * The year per kind of unit, only as /stats shows it: no figure is computed here, each is one /stats already shows
 * (and hid where it had to). Reports per source (the month × source table's column totals, "other" = other
 * channels), their shares and median per source; advice calls per caller's kind of unit ("other" = another unit or
 * none); deviations per kind of unit ("other" = social services' units and the rest). "All" is each table's total.
 */
export function perUnitKind({ reports, followUp }: Pick<Overview, "reports" | "followUp">) {
  const { advice, deviations } = followUp;
  const shares = (f: (typeof reports.perSource)[number] | Overview["reports"]) => ({
    investigationShare: "source" in f ? f.investigationShare : f.investigationShare.all,
    protectionInTime: f.protectionInTime,
    decisionsInTime: f.decisionsInTime,
    childHeard: f.childHeard,
    medianDaysToDecision: f.medianDaysToDecision,
  });
  return {
    kinds: reportUnitKinds,
    reports: byReportKind(reportSources, reports.bySource.colTotals, "other_channel"),
    adviceCalls: byReportKind(advice.byUnitKind.kinds, advice.byUnitKind.parts, "unknown"),
    deviations: byReportKind(deviations.byUnitKind.kinds, deviations.byUnitKind.parts, "other"),
    // perSource is in the order of reportSources.
    shares: reportUnitKinds.map((kind) =>
      shares(reports.perSource[reportSources.indexOf(kind === "other" ? "other_channel" : kind)]),
    ),
    // The totals as /stats shows them: its own cells, never a sum of the parts above.
    all: {
      reports: reports.bySource.total,
      adviceCalls: advice.perMonth.total,
      deviations: deviations.filed,
      shares: shares(reports),
    },
  };
}

const yearPeriod = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/**
 * The year's report for the user's municipality: figures for `year` and `year - 1`, the summary of changes, and of
 * `year` the reports and calls per month, the breakdown per kind of unit and the deviations per kind. Nothing in it
 * names a child, a report or a unit.
 */
export async function yearlyReport(user: CurrentUser, year: number) {
  // Every figure from the read replica when there is one, as of one moment.
  const { result, asOf } = await fromReadReplica(() => yearlyFigures(user, year));
  return { ...result, asOf: asOf?.toISOString() ?? null };
}

async function yearlyFigures(user: CurrentUser, year: number) {
  const years = await Promise.all(
    [year, year - 1].map(async (y) => {
      const period = yearPeriod(y);
      const [overview, checkIns] = await Promise.all([statsOverview(user, period), checkInCounts(user, period)]);
      return { reports: overview.reports, followUp: overview.followUp, checkIns };
    }),
  );
  const [municipality] = await getDb()
    .select({ name: municipalities.name })
    .from(municipalities)
    .where(eq(municipalities.id, user.municipalityId));
  const figures = keyFigures(years[0], years[1]);
  const { reports, followUp } = years[0];
  return {
    year,
    previousYear: year - 1,
    municipalityName: municipality?.name ?? null,
    figures,
    summary: summarize(figures),
    headline: HEADLINE_KEYS,
    months: {
      months: reports.months,
      reports: reports.bySource,
      adviceCalls: followUp.advice.perMonth,
    },
    perUnitKind: perUnitKind(years[0]),
    deviationsByKind: followUp.deviations.byKind,
  };
}

export type YearlyReport = Awaited<ReturnType<typeof yearlyReport>>;
