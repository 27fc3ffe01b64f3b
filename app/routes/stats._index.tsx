import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatsFollowUp } from "~/components/stats-follow-up";
import { StatsPeriod } from "~/components/stats-period";
import { StatsQuality } from "~/components/stats-quality";
import { StatsRadar } from "~/components/stats-radar";
import { StatsReports } from "~/components/stats-reports";
import { StatsUnitKinds } from "~/components/stats-units";
import { can } from "~/lib/permissions.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { RADAR_LEVEL } from "~/models/stats.server";
import { readStatsPage } from "~/server/stats-page.server";
import statsStyles from "~/styles/stats.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: statsStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "stats:title");

export const handle: RouteTexts = {
  i18n: ["advice", "checkIns", "deviations", "meetings", "reviews", "stats", "survey"],
};

export async function loader(args: LoaderFunctionArgs) {
  const { user, period, query, overview } = await readStatsPage(args);
  const { reports, followUp, perUnit, radar } = overview;
  return {
    period,
    query,
    reports,
    followUp,
    // Each kind's totals and coverage, named one by one: the rows per unit go to /stats/units (issue 23, item 7).
    perUnit: {
      kinds: perUnit.kinds.map(({ kind, reports, calls, onBehalfShare, coverage }) => ({
        kind,
        reports,
        calls,
        onBehalfShare,
        coverage,
      })),
      coverage: perUnit.coverage,
    },
    radar,
    asOf: overview.asOf,
    // A value, not an import, in the component: a .server module is empty in the browser.
    radarLevel: RADAR_LEVEL,
    canSeeCoverage: can(user, "coverage:read"),
    canPlanTraining: can(user, "training:manage"),
    canPlanCheckIn: can(user, "checkIn:manage"),
  };
}

export default function Stats() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("stats");
  return (
    <div className="stats stack">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <StatsPeriod {...data} />
      <p className="alert">{t("suppression")}</p>
      <StatsReports {...data} />
      <StatsQuality {...data} />
      <StatsFollowUp {...data} />
      <StatsUnitKinds {...data} />
      <StatsRadar {...data} />
    </div>
  );
}
