import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatsPeriod } from "~/components/stats-period";
import { StatsPerUnit } from "~/components/stats-units";
import { audit } from "~/lib/audit.server";
import { requirePermission } from "~/server/auth.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { periodFrom } from "~/domain/stats-period";
import { statsOverview } from "~/models/stats.server";
import statsStyles from "~/styles/stats.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: statsStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "stats:units.pageTitle");

export const handle: RouteTexts = { i18n: ["stats"] };

/**
 * The statistics per unit (issue 23, item 7): each unit's reports and advice calls for the period, moved off /stats
 * so that page stays light. The figures are /stats's own, suppressed together with its tables; only these are sent.
 */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "stats:read");
  const url = new URL(args.request.url);
  const period = periodFrom(url.searchParams);
  const { perUnit } = await statsOverview(user, period);
  await audit({
    action: "list",
    user,
    recordType: "stats",
    requestId: args.context.requestId,
    details: { from: period.from, to: period.to },
  });
  return { period, query: url.search, perUnit };
}

export default function StatsUnits() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("stats");
  return (
    <div className="stats stack">
      <p>
        <Link to={`/stats${data.query}`}>{t("units.back")}</Link>
      </p>
      <h1>{t("units.pageTitle")}</h1>
      <StatsPeriod {...data} />
      <p className="alert">{t("suppression")}</p>
      <StatsPerUnit {...data} />
    </div>
  );
}
