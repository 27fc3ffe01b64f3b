import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatsPeriod } from "~/components/stats-period";
import { StatsPerUnit } from "~/components/stats-units";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { readStatsPage } from "~/server/stats-page.server";
import statsStyles from "~/styles/stats.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: statsStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "stats:units.pageTitle");

export const handle: RouteTexts = { i18n: ["stats"] };

/**
 * The statistics per unit (issue 23, item 7): each unit's reports and advice calls for the period, moved off /stats
 * so that page stays light. The figures are /stats's own, suppressed together with its tables; only these are sent.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { period, query, overview } = await readStatsPage(args);
  return { period, query, perUnit: overview.perUnit, asOf: overview.asOf };
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
