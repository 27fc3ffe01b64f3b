import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { StatsReportPage } from "~/components/stats-report";
import { audit } from "~/lib/audit.server";
import { requirePermission } from "~/server/auth.server";
import { stockholmDate } from "~/domain/deadlines";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { param, readQuery } from "~/domain/query";
import { yearlyReport } from "~/models/stats-report.server";
import { steeringYear } from "~/models/steering-log.server";
import { can } from "~/lib/permissions.server";
import statsStyles from "~/styles/stats.css";
import reportStyles from "~/styles/stats-report.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: statsStyles },
  { rel: "stylesheet", href: reportStyles },
];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "statsReport:title");

// "stats": the marks of hidden figures (~/domain/stats-marks) and the sources' names, shared with /stats;
// "deviations" and "reviews": the kinds of deviation and the review's checklist items in the follow-up.
export const handle: RouteTexts = { i18n: ["deviations", "reviews", "stats", "statsReport", "steering"] };

/** The first year the picker offers; older years hold no data in the portal. */
const FIRST_YEAR = 2000;

/**
 * `?year=YYYY`, from FIRST_YEAR to this year. Without one (or with anything else) the report is for the previous
 * calendar year: a yearly report is about a finished year. This year can still be asked for; the page says it is
 * not over.
 */
function reportYear(params: URLSearchParams, today = stockholmDate(new Date())) {
  const thisYear = Number(today.slice(0, 4));
  const { year } = readQuery(params, { year: param.year(FIRST_YEAR, thisYear) });
  return { year: year ?? thisYear - 1, thisYear, today };
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "stats:read");
  const { year, thisYear, today } = reportYear(new URL(args.request.url).searchParams);
  const report = await yearlyReport(user, year);
  await audit({
    action: "list",
    user,
    recordType: "stats",
    requestId: args.context.requestId,
    details: { report: "yearly", year, from: `${year - 1}-01-01`, to: `${year}-12-31` },
  });
  // The steering group's meetings and open actions (issue 21, item 8), for those who may read its log.
  const steering = can(user, "steeringLog:read") ? await steeringYear(user, year) : null;
  return { ...report, thisYear, today, steering };
}

export default function StatsReport() {
  return <StatsReportPage {...useLoaderData<typeof loader>()} />;
}
