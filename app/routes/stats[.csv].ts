import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit } from "~/lib/audit.server";
import { requirePermission } from "~/lib/auth.server";
import { csvResponse } from "~/lib/csv.server";
import { periodFrom } from "~/lib/stats-period";
import { reportSources } from "~/lib/vocabulary";
import { reportStats } from "~/models/stats.server";

/** The same figures as /stats, suppressed the same way: a hidden count is "< 5", a hidden share is empty. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "stats:read");
  const period = periodFrom(new URL(args.request.url).searchParams);
  const r = await reportStats(user, period);
  await audit({ action: "list", user, recordType: "stats", requestId: args.context.requestId, details: { export: "csv", from: period.from, to: period.to } });
  const n = (v: number | null) => (v === null ? "< 5" : String(v));
  const pct = (v: number | null) => (v === null ? "" : (Math.round(v * 1000) / 10).toFixed(1));
  const rows: string[][] = [
    ...r.months.flatMap((m, i) => [
      ...reportSources.map((s, j) => ["reports", m, s, n(r.bySource.cells[i][j])]),
      ["reports", m, "total", n(r.bySource.rowTotals[i])],
    ]),
    ...reportSources.map((s, j) => ["reports", "period", s, n(r.bySource.colTotals[j])]),
    ["reports", "period", "total", n(r.bySource.total)],
    ["investigation_share_percent", "period", "all", pct(r.investigationShare.all)],
    ["investigation_share_percent", "period", "school", pct(r.investigationShare.schools)],
    ["protection_in_time_percent", "period", "all", pct(r.protectionInTime)],
    ["decision_in_time_percent", "period", "all", pct(r.decisionsInTime)],
    ["median_days_to_decision", "period", "all", r.medianDaysToDecision === null ? "" : String(r.medianDaysToDecision)],
    ["child_heard_percent", "period", "all", pct(r.childHeard)],
  ];
  return csvResponse(`statistik-${period.from}-${period.to}.csv`, ["figure", "month", "group", "value"], rows);
}
