import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hiddenMark } from "~/domain/stats-marks";
import { isLocale } from "~/lib/i18n";
import { useHydrated } from "~/lib/use-hydrated";
import type { loader } from "~/routes/stats.report";

/** What the yearly report's loader gives the page. */
export type StatsReportData = SerializeFrom<typeof loader>;
type Figure = StatsReportData["figures"][number];
type Summary = StatsReportData["summary"][number];

/** Numbers as the report writes them, in the page's language; hidden figures with their mark, never as a number. */
function useReportFormat() {
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

  /** One figure's value; `null` as the mark of its kind, the same as on /stats and in its CSV. */
  const value = (kind: Figure["kind"], v: number | null) => {
    if (v === null) return t(hiddenMark(kind));
    if (kind === "share") return percent.format(v);
    if (kind === "days") return t("value.days", { count: v, value: number.format(v) });
    return number.format(v);
  };
  const change = (f: Figure) => {
    if (!f.change) return t("change.none");
    const { difference, relative } = f.change;
    if (f.kind === "share")
      return t("change.points", { count: Math.abs(difference), value: signed.format(difference) });
    if (f.kind === "days") return t("change.days", { count: Math.abs(difference), value: signed.format(difference) });
    return relative === null
      ? signed.format(difference)
      : `${signed.format(difference)} (${signedPercent.format(relative)})`;
  };
  /** A summary sentence's change: the difference in the figure's unit, then the per cent where there is one. */
  const summaryChange = (item: Summary) => {
    const { difference, relative } = item;
    const absolute =
      item.kind === "share"
        ? t("change.points", { count: Math.abs(difference), value: signed.format(difference) })
        : item.kind === "days"
          ? t("change.days", { count: Math.abs(difference), value: signed.format(difference) })
          : signed.format(difference);
    return relative === null ? absolute : `${absolute}, ${signedPercent.format(relative)}`;
  };
  return { t, percent, value, change, summaryChange };
}

/** The year picker (this year and the nine before, and the year shown) and the hint, and button, to print. */
export function ReportYearControls({ year, thisYear }: Pick<StatsReportData, "year" | "thisYear">) {
  const { t } = useReportFormat();
  const hydrated = useHydrated();
  const firstOffered = Math.min(year, thisYear - 9);
  const years = Array.from({ length: thisYear - firstOffered + 1 }, (_, i) => thisYear - i);
  return (
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
  );
}

/** The biggest changes from last year, in words. */
export function ReportYearSummary({ summary, previousYear }: Pick<StatsReportData, "summary" | "previousYear">) {
  const { t, value, summaryChange } = useReportFormat();
  return (
    <section aria-labelledby="report-summary-heading" className="stats-report__summary">
      <h2 id="report-summary-heading">{t("summary.heading")}</h2>
      {summary.length ? (
        <ul>
          {summary.map((item) => (
            <li key={item.key}>
              {t(`summary.${item.direction}`, {
                figure: t(`figures.${item.key}`),
                change: summaryChange(item),
                previousYear,
                previous: value(item.kind, item.previous),
                current: value(item.kind, item.current),
              })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("summary.none", { previousYear })}</p>
      )}
      <p className="muted">{t("summary.rule")}</p>
    </section>
  );
}

/** Every key figure beside last year's, with the change. */
export function ReportYearFigures({
  year,
  previousYear,
  figures,
}: Pick<StatsReportData, "year" | "previousYear" | "figures">) {
  const { t, percent, value, change } = useReportFormat();
  return (
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
          {figures.map((f) => (
            <tr key={f.key} data-figure={f.key}>
              <th scope="row">
                {t(`figures.${f.key}`)}
                {f.baseline ? (
                  <span className="stats-report__baseline">
                    {f.baseline.source === "stockholmReview2023"
                      ? t("baseline.stockholmReview2023", { value: percent.format(f.baseline.value) })
                      : t("baseline.stockholmReview2023Cases", f.baseline)}
                  </span>
                ) : null}
              </th>
              <td className="numeric">{value(f.kind, f.previous)}</td>
              <td className="numeric">{value(f.kind, f.current)}</td>
              <td className="numeric">{change(f)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
