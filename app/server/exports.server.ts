import type { LoaderFunctionArgs } from "@remix-run/node";
import type { TFunction } from "i18next";
import { adviceFilterFrom } from "~/domain/advice-filters";
import { stockholmDate, stockholmTime } from "~/domain/deadlines";
import { hiddenFootnote, hiddenMark } from "~/domain/stats-marks";
import { periodFrom } from "~/domain/stats-period";
import { reportSources } from "~/domain/vocabulary";
import { audit } from "~/lib/audit.server";
import { csvTableResponse } from "~/lib/csv.server";
import type { Cell, ExportTable, Sheet } from "~/lib/export-table";
import { detectLocale, getFixedT } from "~/lib/i18n.server";
import type { Action, CurrentUser } from "~/lib/permissions.server";
import { xlsxResponse } from "~/lib/xlsx.server";
import { listConsultations } from "~/models/advice.server";
import { coverageFor } from "~/models/coverage.server";
import { statsOverview } from "~/models/stats.server";
import { requirePermission } from "./auth.server";

/**
 * The downloads of /stats, /advice and /trainings/coverage, each as CSV and as an Excel workbook. One function per
 * export reads the figures and builds the table; the format only decides how it is written (~/lib/export-table), so
 * the two files hold the same cells. Both are guarded and audited alike: a list, with `export` saying which file.
 */
type Format = "csv" | "xlsx";

interface Export {
  /** The permission the page itself needs. */
  action: Action;
  recordType: string;
  /** The file's name without its extension, the table in the reader's language, and what the audit log records. */
  build(
    user: CurrentUser,
    request: Request,
  ): Promise<{ name: string; table: ExportTable; details: Record<string, unknown> }>;
}

/** An export's loader in `format`; its route: `export function loader(args) { return statsExport("csv", args); }`. */
function exportLoader(spec: Export) {
  return async (format: Format, args: LoaderFunctionArgs) => {
    const user = await requirePermission(args, spec.action);
    const { name, table, details } = await spec.build(user, args.request);
    await audit({
      action: "list",
      user,
      recordType: spec.recordType,
      requestId: args.context.requestId,
      details: { export: format, ...details },
    });
    return format === "csv" ? csvTableResponse(`${name}.csv`, table) : xlsxResponse(`${name}.xlsx`, table);
  };
}

/** The header of a table: the CSV's machine names, and the same columns translated for the workbook. */
const header = (t: TFunction, columns: readonly string[]) => ({
  columns,
  headers: columns.map((c) => t(`export.columns.${c}`)),
});

/** Text someone typed; nothing when empty, so the workbook's cell is empty too. */
const free = (text: string | null): Cell => (text ? { free: text } : null);

const statsColumns = ["figure", "month", "group", "value"] as const;

/**
 * The same figures as /stats, suppressed the same way and written with the same marks (~/domain/stats-marks), in the
 * reader's language: one for a hidden count, another for a share or median of too few. A sheet per table of the
 * page, in the CSV's order; the last ("note") says what the marks mean, in the same four columns. Months stay the
 * text "2025-03": a month is not a day, and the column also holds "period".
 */
export const statsExport = exportLoader({
  action: "stats:read",
  recordType: "stats",
  async build(user, request) {
    const period = periodFrom(new URL(request.url).searchParams);
    const { reports: r, followUp: f, perUnit: u } = await statsOverview(user, period);
    const t = getFixedT(detectLocale(request, user), "stats");
    const marks = { count: t(hiddenMark("count")), tooFew: t(hiddenMark("share")) };
    const n = (v: number | null): Cell => (v === null ? { mark: marks.count } : v);
    const pct = (v: number | null): Cell => (v === null ? { mark: marks.tooFew } : { share: v, padded: true });
    const days = (v: number | null): Cell => (v === null ? { mark: marks.tooFew } : v);
    const sheet = (key: string, rows: Cell[][]): Sheet => ({ name: t(`export.sheets.${key}`), rows });
    /** A figure for the period split by `keys` (kinds of unit, reasons…), each group named `${prefix}${key}`. */
    const split = (figure: string, prefix: string, keys: readonly string[], parts: (number | null)[]) =>
      keys.map((k, i) => [figure, "period", `${prefix}${k}`, n(parts[i])]);
    const sheets = [
      sheet("reports", [
        ...r.months.flatMap((m, i) => [
          ...reportSources.map((s, j) => ["reports", m, s, n(r.bySource.cells[i][j])]),
          ["reports", m, "total", n(r.bySource.rowTotals[i])],
        ]),
        ...reportSources.map((s, j) => ["reports", "period", s, n(r.bySource.colTotals[j])]),
        ["reports", "period", "total", n(r.bySource.total)],
      ]),
      sheet("keyFigures", [
        ["investigation_share_percent", "period", "all", pct(r.investigationShare.all)],
        ["protection_in_time_percent", "period", "all", pct(r.protectionInTime)],
        ["decision_in_time_percent", "period", "all", pct(r.decisionsInTime)],
        ["median_days_to_decision", "period", "all", days(r.medianDaysToDecision)],
        ["child_heard_percent", "period", "all", pct(r.childHeard)],
        ...r.perSource.flatMap((p) => [
          ["investigation_share_percent", "period", p.source, pct(p.investigationShare)],
          ["protection_in_time_percent", "period", p.source, pct(p.protectionInTime)],
          ["decision_in_time_percent", "period", p.source, pct(p.decisionsInTime)],
          ["median_days_to_decision", "period", p.source, days(p.medianDaysToDecision)],
          ["child_heard_percent", "period", p.source, pct(p.childHeard)],
        ]),
      ]),
      sheet("advice", [
        ...r.months.map((m, i) => ["advice_calls", m, "all", n(f.advice.perMonth.parts[i])]),
        ["advice_calls", "period", "all", n(f.advice.perMonth.total)],
        ...split("advice_calls", "unit_kind:", f.advice.byUnitKind.kinds, f.advice.byUnitKind.parts),
        ...split("advice_calls", "advice:", f.advice.byAdvice.advice, f.advice.byAdvice.parts),
        ["advice_followed_by_report_percent", "period", "all", pct(f.advice.followedByReport)],
      ]),
      sheet("meetings", [
        ["reports_with_meeting", "period", "all", n(f.meetings.offered)],
        ["meeting_concern_attended_percent", "period", "all", pct(f.meetings.concernAttended)],
        ...split("no_meeting", "", f.meetings.noMeeting.reasons, f.meetings.noMeeting.parts),
      ]),
      sheet("feedback", [
        ["basic_feedback_due", "period", "all", n(f.feedback.decidedDue)],
        ["basic_feedback_delivered_percent", "period", "all", pct(f.feedback.delivered)],
        ["basic_feedback_on_time_percent", "period", "all", pct(f.feedback.onTime)],
        ["extended_feedback_sent", "period", "all", n(f.feedback.extendedSent)],
        ["consents_in_force_at_end", "period", "all", n(f.feedback.activeConsents)],
      ]),
      sheet("trainings", [
        ["trainings_held", "period", "all", n(f.trainings.held)],
        ["training_participants", "period", "all", n(f.trainings.participants)],
      ]),
      sheet("quality", [
        ["not_opened_remaining_concern_percent", "period", "all", pct(r.quality.remainingConcernNotOpened)],
        ["known_before_percent", "period", "all", pct(r.quality.knownBefore)],
        ["violence_police_considered_percent", "period", "all", pct(r.quality.policeConsidered)],
        ["second_look_percent", "period", "all", pct(r.quality.secondLook)],
        ["second_looks_returned", "period", "all", n(r.quality.secondLookReturned)],
      ]),
      sheet("review", [
        ["review_cases", "period", "all", n(f.review.cases)],
        ...f.review.items.map((i) => ["review_met_percent", "period", `item:${i.item}`, pct(i.met)]),
      ]),
      sheet("deviations", [
        ["agreement_deviations", "period", "all", n(f.deviations.filed)],
        ["agreement_deviations_closed_percent", "period", "all", pct(f.deviations.closed)],
        ...split("agreement_deviations", "kind:", f.deviations.byKind.kinds, f.deviations.byKind.parts),
        ...split("agreement_deviations", "unit_kind:", f.deviations.byUnitKind.kinds, f.deviations.byUnitKind.parts),
      ]),
      sheet("survey", [
        ["survey_answers", "period", "all", n(f.survey.answers)],
        ...f.survey.questions.flatMap((q) =>
          q.answers.map((a, i) => ["survey_answer", "period", `${q.question}:${a}`, n(q.parts[i])]),
        ),
      ]),
      sheet("units", [
        ["units_with_trained_staff_percent", "last_12_months", "all", pct(u.coverage.share)],
        ...u.kinds.flatMap((k) => [
          ...k.units.flatMap((unit) => [
            ["unit_reports", "period", `unit:${unit.name}`, n(unit.reports)],
            ["unit_reports_on_behalf_percent", "period", `unit:${unit.name}`, pct(unit.onBehalfShare)],
            ["unit_advice_calls", "period", `unit:${unit.name}`, n(unit.calls)],
          ]),
          ["unit_reports", "period", `unit_kind:${k.kind}`, n(k.reports)],
          ["unit_reports_on_behalf_percent", "period", `unit_kind:${k.kind}`, pct(k.onBehalfShare)],
          ["unit_advice_calls", "period", `unit_kind:${k.kind}`, n(k.calls)],
          ...(k.coverage
            ? [["units_with_trained_staff_percent", "last_12_months", `unit_kind:${k.kind}`, pct(k.coverage.share)]]
            : []),
        ]),
      ]),
      sheet("notes", [
        ["note", "", marks.count, t(hiddenFootnote("count"))],
        ["note", "", marks.tooFew, t(hiddenFootnote("share"))],
      ]),
    ];
    return {
      name: `statistik-${period.from}-${period.to}`,
      table: { ...header(t, statsColumns), sheets },
      details: { from: period.from, to: period.to },
    };
  },
});

/** Exactly the de-identified fields of the list: no author, no caller as a person, no free text beyond the log's. */
export const adviceCsvColumns = [
  "code",
  "date",
  "time",
  "duration_minutes",
  "channel",
  "caller_unit",
  "caller_unit_kind",
  "caller_role",
  "concerns",
  "age_band",
  "acute",
  "summary",
  "advice",
  "advice_note",
  "follow_up",
  "followed_by_report",
] as const;

export const adviceExport = exportLoader({
  action: "advice:log",
  recordType: "advice",
  async build(user, request) {
    const filter = adviceFilterFrom(new URL(request.url).searchParams);
    const { rows } = await listConsultations(user, filter, { all: true });
    const t = getFixedT(detectLocale(request, user), "advice");
    const records = rows.map((r): Cell[] => [
      r.code,
      { day: stockholmDate(r.occurredAt) },
      { time: stockholmTime(r.occurredAt) },
      r.durationMinutes,
      r.channel,
      free(r.callerUnitName),
      r.callerUnitKind,
      r.callerRole,
      r.concerns.join(";"),
      r.ageBand,
      r.acute ? "yes" : "no",
      free(r.summary),
      r.advice,
      free(r.adviceNote),
      free(r.followUp),
      r.followedByReport ? "yes" : "no",
    ]);
    return {
      name: `radgivning-${stockholmDate(new Date())}`,
      table: { ...header(t, adviceCsvColumns), sheets: [{ name: t("export.sheet"), rows: records }] },
      details: { count: rows.length },
    };
  },
});

/** Figures per unit only: the names of new staff stay on the page, never in a file. */
const coverageCsvColumns = [
  "unit",
  "unit_kind",
  "staff",
  "trained_12_months",
  "share_percent",
  "none_trained",
] as const;

export const coverageExport = exportLoader({
  action: "coverage:read",
  recordType: "coverage",
  async build(user, request) {
    const { scope, units } = await coverageFor(user);
    const t = getFixedT(detectLocale(request, user), "coverage");
    const records = units.map((u): Cell[] => [
      free(u.name),
      u.kind,
      u.staff,
      u.trained,
      // Empty when the unit has no staff; in the CSV one decimal at most ("33.3", "50").
      u.share === null ? null : { share: u.share, padded: false },
      u.noneTrained ? "yes" : "no",
    ]);
    return {
      name: "utbildningstackning",
      table: { ...header(t, coverageCsvColumns), sheets: [{ name: t("export.sheet"), rows: records }] },
      details: { scope, units: units.length },
    };
  },
});
