import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { audit } from "~/lib/audit.server";
import { requirePermission } from "~/server/auth.server";
import { stockholmDate } from "~/domain/deadlines";
import { formatDate, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { param, readQuery } from "~/domain/query";
import { useHydrated } from "~/lib/use-hydrated";
import { yearlyReport, type KeyFigure, type SummaryItem } from "~/models/stats-report.server";
import statsStyles from "~/styles/stats.css";
import reportStyles from "~/styles/stats-report.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: statsStyles },
  { rel: "stylesheet", href: reportStyles },
];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "statsReport:title");

export const handle: RouteTexts = { i18n: ["statsReport"] };

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
  return { ...report, thisYear, today };
}

/** Numbers as the report writes them, in the page's language; hidden figures in words, never as a number. */
function useFormat() {
  const { t, i18n } = useTranslation("statsReport");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const tag = locale === "sv" ? "sv-SE" : "en-GB";
  const number = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(tag, { maximumFractionDigits: 1, signDisplay: "exceptZero" });
  const percent = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 0 });
  const signedPercent = new Intl.NumberFormat(tag, {
    style: "percent",
    maximumFractionDigits: 0,
    signDisplay: "exceptZero",
  });

  /** One figure's value; `null` in words: "< 5" where only a small count can be meant, else "hidden" / "too few". */
  const value = (kind: KeyFigure["kind"], v: number | null, hiddenAs: KeyFigure["hiddenAs"]) => {
    if (v === null)
      return kind === "count" ? t(hiddenAs === "small" ? "value.small" : "value.hidden") : t("value.tooFew");
    if (kind === "share") return percent.format(v);
    if (kind === "days") return t("value.days", { count: v, value: number.format(v) });
    return number.format(v);
  };
  const change = (f: KeyFigure) => {
    if (!f.change) return t("change.none");
    const { difference, relative } = f.change;
    if (f.kind === "share")
      return t("change.points", { count: Math.abs(difference), value: signed.format(difference) });
    if (f.kind === "days") return t("change.days", { count: Math.abs(difference), value: signed.format(difference) });
    return relative === null
      ? signed.format(difference)
      : `${signed.format(difference)} (${signedPercent.format(relative)})`;
  };
  const size = (item: SummaryItem) =>
    item.unit === "points" ? t("summary.points", { count: item.size }) : percent.format(item.size / 100);
  return { t, locale, number, percent, value, change, size };
}

export default function StatsReport() {
  const data = useLoaderData<typeof loader>();
  const { t, locale, percent, value, change, size } = useFormat();
  const hydrated = useHydrated();
  const { year, previousYear } = data;
  const firstOffered = Math.min(year, data.thisYear - 9);
  const years = Array.from({ length: data.thisYear - firstOffered + 1 }, (_, i) => data.thisYear - i);
  const label = (key: KeyFigure["key"]) => t(`figures.${key}`);

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

      <div className="stats-report__controls">
        <Form method="get" className="stats-report__form" aria-label={t("form.label")}>
          <div className="field">
            <label htmlFor="report-year">{t("form.year")}</label>
            <select id="report-year" name="year" defaultValue={String(year)} key={year}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--secondary">
            {t("form.show")}
          </button>
        </Form>
        <p className="stats-report__print-hint">
          {t("print.hint")}
          {hydrated ? (
            <>
              {" "}
              <button type="button" className="button button--secondary" onClick={() => window.print()}>
                {t("print.button")}
              </button>
            </>
          ) : null}
        </p>
      </div>

      <section aria-labelledby="report-summary-heading" className="stats-report__summary">
        <h2 id="report-summary-heading">{t("summary.heading")}</h2>
        {data.summary.length ? (
          <ul>
            {data.summary.map((item) => (
              <li key={item.key}>
                {t(`summary.${item.direction}`, {
                  figure: label(item.key),
                  size: size(item),
                  previousYear,
                  previous: value(item.kind, item.previous, "hidden"),
                  current: value(item.kind, item.current, "hidden"),
                })}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("summary.none", { previousYear })}</p>
        )}
        <p className="muted">{t("summary.rule")}</p>
      </section>

      <div className="table-scroll">
        <table className="stats-table stats-report__table">
          <caption>{t("table.caption", { year, previousYear })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("table.figure")}</th>
              <th scope="col" className="num">
                {previousYear}
              </th>
              <th scope="col" className="num">
                {year}
              </th>
              <th scope="col" className="num">
                {t("table.change")}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.figures.map((f) => (
              <tr key={f.key} data-figure={f.key}>
                <th scope="row">
                  {label(f.key)}
                  {f.baseline ? (
                    <span className="stats-report__baseline">
                      {t(`baseline.${f.baseline.source}`, { value: percent.format(f.baseline.value) })}
                    </span>
                  ) : null}
                </th>
                <td className="numeric">{value(f.kind, f.previous, f.hiddenAs)}</td>
                <td className="numeric">{value(f.kind, f.current, f.hiddenAs)}</td>
                <td className="numeric">{change(f)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="report-notes-heading" className="stats-report__notes">
        <h2 id="report-notes-heading">{t("notes.heading")}</h2>
        <p>{t("notes.suppression")}</p>
        <p>{t("notes.change")}</p>
        <p>{t("notes.period")}</p>
      </section>
    </article>
  );
}
