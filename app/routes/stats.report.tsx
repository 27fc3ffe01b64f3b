import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ReportYearControls, ReportYearFigures, ReportYearSummary } from "~/components/stats-report";
import { SteeringYearReport } from "~/components/steering-report";
import { audit } from "~/lib/audit.server";
import { requirePermission } from "~/server/auth.server";
import { stockholmDate } from "~/domain/deadlines";
import { formatDate, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
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

// "stats": the marks of hidden figures (~/domain/stats-marks), shared with /stats.
export const handle: RouteTexts = { i18n: ["stats", "statsReport", "steering"] };

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
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("statsReport");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const { year, previousYear } = data;
  return (
    <article className="stats-report stack">
      <h1>
        {data.municipalityName
          ? t("headingWithMunicipality", { year, municipality: data.municipalityName })
          : t("heading", { year })}
      </h1>
      <p>{t("intro", { year, previousYear })}</p>
      <p className="muted">{t("generated", { date: formatDate(data.today, locale) })}</p>
      {year === data.thisYear ? (
        <p className="alert alert--warning">{t("unfinished", { year, previousYear })}</p>
      ) : null}

      <ReportYearControls {...data} />
      <ReportYearSummary {...data} />
      <ReportYearFigures {...data} />
      {data.steering ? <SteeringYearReport year={year} steering={data.steering} /> : null}

      <section aria-labelledby="report-notes-heading" className="stats-report__notes">
        <h2 id="report-notes-heading">{t("notes.heading")}</h2>
        <p>{t("notes.suppression")}</p>
        <p>{t("notes.change")}</p>
        <p>{t("notes.period")}</p>
      </section>
    </article>
  );
}
