import type { LoaderFunctionArgs } from "@remix-run/node";
import { periodFrom } from "~/domain/stats-period";
import { audit } from "~/lib/audit.server";
import { statsOverview } from "~/models/stats.server";
import { requirePermission } from "./auth.server";

/**
 * What /stats and /stats/units read: the period asked for and the whole suppressed overview (each page shows a part
 * of it, so a figure hidden on one is hidden on the other), for those who may read statistics, the read audited.
 */
export async function readStatsPage(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "stats:read");
  const url = new URL(args.request.url);
  const period = periodFrom(url.searchParams);
  const overview = await statsOverview(user, period);
  await audit({
    action: "list",
    user,
    recordType: "stats",
    requestId: args.context.requestId,
    details: { from: period.from, to: period.to },
  });
  return { user, period, query: url.search, overview };
}
