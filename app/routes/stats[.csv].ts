import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit } from "~/lib/audit.server";
import { requirePermission } from "~/server/auth.server";
import { csvResponse } from "~/lib/csv.server";
import { detectLocale, getFixedT } from "~/lib/i18n.server";
import { hiddenFootnote, hiddenMark } from "~/domain/stats-marks";
import type { RouteTexts } from "~/lib/i18n";
import { periodFrom } from "~/domain/stats-period";
import { reportSources } from "~/domain/vocabulary";
import { statsOverview } from "~/models/stats.server";

// The marks of hidden figures and their notes, written into the file in the reader's language.
export const handle: RouteTexts = { i18n: ["stats"] };

/**
 * The same figures as /stats, suppressed the same way and written with the same marks (~/domain/stats-marks), in the
 * reader's language: one for a hidden count, another for a share or median of too few. The last lines ("note") say
 * what the marks mean, in the same four columns.
 */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "stats:read");
  const period = periodFrom(new URL(args.request.url).searchParams);
  const { reports: r, followUp: f, perUnit: u } = await statsOverview(user, period);
  await audit({
    action: "list",
    user,
    recordType: "stats",
    requestId: args.context.requestId,
    details: { export: "csv", from: period.from, to: period.to },
  });
  const t = getFixedT(detectLocale(args.request, user), "stats");
  const marks = { count: t(hiddenMark("count")), tooFew: t(hiddenMark("share")) };
  const n = (v: number | null) => (v === null ? marks.count : String(v));
  const pct = (v: number | null) => (v === null ? marks.tooFew : (Math.round(v * 1000) / 10).toFixed(1));
  const days = (v: number | null) => (v === null ? marks.tooFew : String(v));
  const rows: string[][] = [
    ...r.months.flatMap((m, i) => [
      ...reportSources.map((s, j) => ["reports", m, s, n(r.bySource.cells[i][j])]),
      ["reports", m, "total", n(r.bySource.rowTotals[i])],
    ]),
    ...reportSources.map((s, j) => ["reports", "period", s, n(r.bySource.colTotals[j])]),
    ["reports", "period", "total", n(r.bySource.total)],
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
    ...r.months.map((m, i) => ["advice_calls", m, "all", n(f.advice.perMonth.parts[i])]),
    ["advice_calls", "period", "all", n(f.advice.perMonth.total)],
    ...f.advice.byUnitKind.kinds.map((k, i) => [
      "advice_calls",
      "period",
      `unit_kind:${k}`,
      n(f.advice.byUnitKind.parts[i]),
    ]),
    ...f.advice.byAdvice.advice.map((a, i) => ["advice_calls", "period", `advice:${a}`, n(f.advice.byAdvice.parts[i])]),
    ["advice_followed_by_report_percent", "period", "all", pct(f.advice.followedByReport)],
    ["reports_with_meeting", "period", "all", n(f.meetings.offered)],
    ["meeting_concern_attended_percent", "period", "all", pct(f.meetings.concernAttended)],
    ...f.meetings.noMeeting.reasons.map((reason, i) => [
      "no_meeting",
      "period",
      reason,
      n(f.meetings.noMeeting.parts[i]),
    ]),
    ["basic_feedback_due", "period", "all", n(f.feedback.decidedDue)],
    ["basic_feedback_delivered_percent", "period", "all", pct(f.feedback.delivered)],
    ["basic_feedback_on_time_percent", "period", "all", pct(f.feedback.onTime)],
    ["extended_feedback_sent", "period", "all", n(f.feedback.extendedSent)],
    ["consents_in_force_at_end", "period", "all", n(f.feedback.activeConsents)],
    ["trainings_held", "period", "all", n(f.trainings.held)],
    ["training_participants", "period", "all", n(f.trainings.participants)],
    ["not_opened_remaining_concern_percent", "period", "all", pct(r.quality.remainingConcernNotOpened)],
    ["known_before_percent", "period", "all", pct(r.quality.knownBefore)],
    ["violence_police_considered_percent", "period", "all", pct(r.quality.policeConsidered)],
    ["second_look_percent", "period", "all", pct(r.quality.secondLook)],
    ["second_looks_returned", "period", "all", n(r.quality.secondLookReturned)],
    ["review_cases", "period", "all", n(f.review.cases)],
    ...f.review.items.map((i) => ["review_met_percent", "period", `item:${i.item}`, pct(i.met)]),
    ["agreement_deviations", "period", "all", n(f.deviations.filed)],
    ["agreement_deviations_closed_percent", "period", "all", pct(f.deviations.closed)],
    ...f.deviations.byKind.kinds.map((k, i) => [
      "agreement_deviations",
      "period",
      `kind:${k}`,
      n(f.deviations.byKind.parts[i]),
    ]),
    ...f.deviations.byUnitKind.kinds.map((k, i) => [
      "agreement_deviations",
      "period",
      `unit_kind:${k}`,
      n(f.deviations.byUnitKind.parts[i]),
    ]),
    ["survey_answers", "period", "all", n(f.survey.answers)],
    ...f.survey.questions.flatMap((q) =>
      q.answers.map((a, i) => ["survey_answer", "period", `${q.question}:${a}`, n(q.parts[i])]),
    ),
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
    ["note", "", marks.count, t(hiddenFootnote("count"))],
    ["note", "", marks.tooFew, t(hiddenFootnote("share"))],
  ];
  return csvResponse(`statistik-${period.from}-${period.to}.csv`, ["figure", "month", "group", "value"], rows);
}
