import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BarChart, HorizontalBarChart } from "~/components/bar-chart";
import { SteeringYearReport } from "~/components/steering-report";
import { AsOf } from "~/components/stats-period";
import { reviewItems } from "~/domain/review-checklist";
import { hiddenFootnote, hiddenMark } from "~/domain/stats-marks";
import { reportSources } from "~/domain/vocabulary";
import { formatDate, isLocale } from "~/lib/i18n";
import { useNonce } from "~/lib/nonce";
import { useHydrated } from "~/lib/use-hydrated";
import type { loader } from "~/routes/stats.report";

/** What the yearly report's loader gives the page. */
export type StatsReportData = SerializeFrom<typeof loader>;
type Figure = StatsReportData["figures"][number];
type Summary = StatsReportData["summary"][number];
type FigureKey = Figure["key"];

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
  const monthOf = (month: string, style: "short" | "long") =>
    new Intl.DateTimeFormat(tag, { month: style, timeZone: "UTC" }).format(new Date(`${month}-15T12:00:00Z`));
  return {
    t,
    locale,
    percent,
    value,
    change,
    summaryChange,
    count: (v: number | null) => value("count", v),
    share: (v: number | null) => value("share", v),
    days: (v: number | null) => value("days", v),
    /** A month of the report's year: "jan." under a bar, "januari" in a table (the year is the report's). */
    monthLabel: (month: string) => monthOf(month, "short"),
    monthName: (month: string) => monthOf(month, "long"),
  };
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

/** Every key figure beside last year's, with the change; or those of `keys`, under `caption`. */
export function ReportYearFigures({
  year,
  previousYear,
  figures,
  keys,
  caption,
}: Pick<StatsReportData, "year" | "previousYear" | "figures"> & { keys?: readonly FigureKey[]; caption?: string }) {
  const { t, percent, value, change } = useReportFormat();
  const shown = keys ? keys.flatMap((key) => figures.filter((f) => f.key === key)) : figures;
  return (
    <div className="table-scroll">
      <table className="stats-table stats-report__table">
        <caption>{caption ?? t("table.caption", { year, previousYear })}</caption>
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
          {shown.map((f) => (
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

interface FigureRow {
  key: string;
  label: React.ReactNode;
  cells: readonly React.ReactNode[];
}

/**
 * A table of figures as the report prints them: a caption, the columns' header, a row header and numeric cells per
 * row, and a total row if given. Columns never move, so a cell's position is its key.
 */
function FigureTable({
  caption,
  head,
  rows,
  foot,
}: {
  caption: string;
  head: readonly React.ReactNode[];
  rows: readonly FigureRow[];
  foot?: Omit<FigureRow, "key">;
}) {
  const [first, ...columns] = head;
  const cells = (row: Omit<FigureRow, "key">) =>
    row.cells.map((cell, i) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: a fixed column
      <td key={i} className="numeric">
        {cell}
      </td>
    ));
  return (
    <div className="table-scroll">
      <table className="stats-table stats-report__table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            {columns.map((column, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed column
              <th key={i} scope="col" className="num">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              {cells(row)}
            </tr>
          ))}
        </tbody>
        {foot ? (
          <tfoot>
            <tr>
              <th scope="row">{foot.label}</th>
              {cells(foot)}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

/** A chart and, right after it, its table: printed together, never a chart without its figures. */
function ChartWithTable({ children }: { children: React.ReactNode }) {
  return <div className="stats-report__pair">{children}</div>;
}

/** The year's reports by month and source, and its advice calls by month: the same cells as /stats for the year. */
export function ReportYearMonths({ year, months }: Pick<StatsReportData, "year" | "months">) {
  const { t, count, monthLabel, monthName } = useReportFormat();
  const { reports, adviceCalls } = months;
  const reportsTitle = t("months.reportsTitle", { year });
  const adviceTitle = t("months.adviceTitle", { year });
  return (
    <section aria-labelledby="report-months-heading" className="stats-report__part stack">
      <h2 id="report-months-heading">{t("parts.reports", { year })}</h2>
      <ChartWithTable>
        <BarChart
          id="report-reports-by-month"
          title={reportsTitle}
          description={t("months.reportsDescription", { year, total: count(reports.total) })}
          categories={months.months.map(monthLabel)}
          series={reportSources.map((source, j) => ({
            name: t(`stats:sources.${source}`),
            values: reports.cells.map((row) => row[j]),
          }))}
          valueLabel={count}
          hiddenNote={t(hiddenFootnote("count"))}
          stacked
        />
        <FigureTable
          caption={reportsTitle}
          head={[t("months.month"), ...reportSources.map((source) => t(`stats:sources.${source}`)), t("stats:total")]}
          rows={months.months.map((month, i) => ({
            key: month,
            label: monthName(month),
            cells: [...reports.cells[i].map(count), count(reports.rowTotals[i])],
          }))}
          foot={{ label: t("stats:total"), cells: [...reports.colTotals.map(count), count(reports.total)] }}
        />
      </ChartWithTable>
      <ChartWithTable>
        <BarChart
          id="report-advice-by-month"
          title={adviceTitle}
          description={t("months.adviceDescription", { year, total: count(adviceCalls.total) })}
          categories={months.months.map(monthLabel)}
          series={[{ name: t("months.calls"), values: adviceCalls.parts }]}
          valueLabel={count}
          hiddenNote={t(hiddenFootnote("count"))}
        />
        <FigureTable
          caption={adviceTitle}
          head={[t("months.month"), t("months.calls")]}
          rows={months.months.map((month, i) => ({
            key: month,
            label: monthName(month),
            cells: [count(adviceCalls.parts[i])],
          }))}
          foot={{ label: t("stats:total"), cells: [count(adviceCalls.total)] }}
        />
      </ChartWithTable>
    </section>
  );
}

const kindShares = ["investigationShare", "protectionInTime", "decisionsInTime", "childHeard"] as const;

/** The year per kind of unit: reports, advice calls and deviations, and the key shares, as /stats shows them. */
export function ReportYearUnitKinds({ year, perUnitKind }: Pick<StatsReportData, "year" | "perUnitKind">) {
  const { t, count, share, days } = useReportFormat();
  const { kinds } = perUnitKind;
  const kindName = (kind: (typeof kinds)[number]) => t(`unitKinds.kinds.${kind}`);
  const countColumns = [
    { key: "reports", label: t("unitKinds.reports"), values: perUnitKind.reports, all: perUnitKind.all.reports },
    { key: "calls", label: t("unitKinds.calls"), values: perUnitKind.adviceCalls, all: perUnitKind.all.adviceCalls },
    {
      key: "deviations",
      label: t("unitKinds.deviations"),
      values: perUnitKind.deviations,
      all: perUnitKind.all.deviations,
    },
  ];
  const shareLabels = {
    investigationShare: t("unitKinds.investigationShare"),
    protectionInTime: t("unitKinds.protectionInTime"),
    decisionsInTime: t("unitKinds.decisionsInTime"),
    childHeard: t("unitKinds.childHeard"),
  };
  const shareRows = [
    ...kinds.map((kind, i) => ({ name: kindName(kind), figures: perUnitKind.shares[i] })),
    { name: t("unitKinds.all"), figures: perUnitKind.all.shares },
  ];
  const countsTitle = t("unitKinds.countsTitle", { year });
  const sharesTitle = t("unitKinds.sharesTitle", { year });
  return (
    <section aria-labelledby="report-kinds-heading" className="stats-report__part stack">
      <h2 id="report-kinds-heading">{t("parts.unitKinds", { year })}</h2>
      <p>{t("unitKinds.intro")}</p>
      <ChartWithTable>
        <BarChart
          id="report-kinds-counts"
          title={countsTitle}
          description={t("unitKinds.countsDescription", { year })}
          categories={kinds.map(kindName)}
          series={countColumns.map((c) => ({ name: c.label, values: c.values }))}
          valueLabel={count}
          hiddenNote={t(hiddenFootnote("count"))}
        />
        <FigureTable
          caption={countsTitle}
          head={[t("unitKinds.kind"), ...countColumns.map((c) => c.label)]}
          rows={kinds.map((kind, i) => ({
            key: kind,
            label: kindName(kind),
            cells: countColumns.map((c) => count(c.values[i])),
          }))}
          foot={{ label: t("unitKinds.all"), cells: countColumns.map((c) => count(c.all)) }}
        />
      </ChartWithTable>
      <p className="muted">{t("unitKinds.otherNote")}</p>
      <ChartWithTable>
        <HorizontalBarChart
          id="report-kinds-shares"
          title={sharesTitle}
          description={t("unitKinds.sharesDescription", { year })}
          categories={shareRows.map((r) => r.name)}
          series={kindShares.map((f) => ({ name: shareLabels[f], values: shareRows.map((r) => r.figures[f]) }))}
          valueLabel={share}
          hiddenNote={t(hiddenFootnote("share"))}
          shares
        />
        <FigureTable
          caption={sharesTitle}
          head={[t("unitKinds.kind"), ...kindShares.map((f) => shareLabels[f]), t("unitKinds.medianDays")]}
          rows={shareRows.map((r) => ({
            key: r.name,
            label: r.name,
            cells: [...kindShares.map((f) => share(r.figures[f])), days(r.figures.medianDaysToDecision)],
          }))}
        />
      </ChartWithTable>
    </section>
  );
}

/**
 * The agreement's own follow-up: check-ins with units planned and held, deviations from the agreement filed and
 * closed, the internal review's findings per checklist item (each year beside the one before), and the steering
 * group's meetings and actions. Counts and shares as /stats shows them; nothing names a child, a report or a unit.
 */
export function ReportYearFollowUp({
  year,
  previousYear,
  figures,
  deviationsByKind,
  steering,
}: Pick<StatsReportData, "year" | "previousYear" | "figures" | "deviationsByKind" | "steering">) {
  const { t, count, share } = useReportFormat();
  const figure = (key: FigureKey) => figures.find((f) => f.key === key) ?? null;
  const planned = figure("checkInsPlanned");
  const held = figure("checkInsHeld");
  const cases = figure("reviewCases");
  const met = reviewItems.map((item) => ({ item, figure: figure(`reviewMet.${item}`) }));
  const checkInsTitle = t("followUp.checkIns.title", { year, previousYear });
  const reviewTitle = t("followUp.review.title", { year, previousYear });
  const years = [String(previousYear), String(year)];
  /** Last year's and this year's value of a figure, written with `format`. */
  const pair = (
    format: (v: number | null) => string,
    f: { previous: number | null; current: number | null } | null | undefined,
  ) => [format(f?.previous ?? null), format(f?.current ?? null)];
  return (
    <section aria-labelledby="report-follow-up-heading" className="stats-report__part stack">
      <h2 id="report-follow-up-heading">{t("parts.followUp", { year })}</h2>
      <p>{t("followUp.intro")}</p>

      <section aria-labelledby="report-check-ins-heading" className="stack">
        <h3 id="report-check-ins-heading">{t("followUp.checkIns.heading")}</h3>
        <ChartWithTable>
          <BarChart
            id="report-check-ins"
            title={checkInsTitle}
            description={t("followUp.checkIns.description", { year, previousYear })}
            categories={years}
            series={[
              { name: t("followUp.checkIns.planned"), values: [planned?.previous ?? null, planned?.current ?? null] },
              { name: t("followUp.checkIns.held"), values: [held?.previous ?? null, held?.current ?? null] },
            ]}
            valueLabel={count}
            hiddenNote={t(hiddenFootnote("count"))}
          />
          <FigureTable
            caption={checkInsTitle}
            head={[t("table.figure"), ...years]}
            rows={[
              { key: "planned", label: t("followUp.checkIns.planned"), cells: pair(count, planned) },
              { key: "held", label: t("followUp.checkIns.held"), cells: pair(count, held) },
            ]}
          />
        </ChartWithTable>
        <p className="muted">{t("followUp.checkIns.rule")}</p>
      </section>

      <section aria-labelledby="report-deviations-heading" className="stack">
        <h3 id="report-deviations-heading">{t("followUp.deviations.heading")}</h3>
        <ReportYearFigures
          year={year}
          previousYear={previousYear}
          figures={figures}
          keys={["deviationsFiled", "deviationsClosed"]}
          caption={t("followUp.deviations.caption", { year, previousYear })}
        />
        <FigureTable
          caption={t("followUp.deviations.byKind", { year })}
          head={[t("followUp.deviations.kind"), year]}
          rows={deviationsByKind.kinds.map((kind, i) => ({
            key: kind,
            label: t(`deviations:kinds.${kind}`),
            cells: [count(deviationsByKind.parts[i])],
          }))}
        />
      </section>

      <section aria-labelledby="report-review-heading" className="stack">
        <h3 id="report-review-heading">{t("followUp.review.heading")}</h3>
        <p>{t("followUp.review.intro")}</p>
        <ChartWithTable>
          <HorizontalBarChart
            id="report-review"
            title={reviewTitle}
            description={t("followUp.review.description", { year, previousYear })}
            // Short names under the bars (a checklist question would be cut off there); the table has each in full.
            categories={met.map((m) => t(`followUp.review.short.${m.item}`))}
            series={[
              { name: String(previousYear), values: met.map((m) => m.figure?.previous ?? null) },
              { name: String(year), values: met.map((m) => m.figure?.current ?? null) },
            ]}
            valueLabel={share}
            hiddenNote={t(hiddenFootnote("share"))}
            shares
          />
          <FigureTable
            caption={reviewTitle}
            head={[t("followUp.review.item"), ...years]}
            rows={[
              { key: "cases", label: t("followUp.review.cases"), cells: pair(count, cases) },
              ...met.map((m) => ({ key: m.item, label: t(`reviews:items.${m.item}`), cells: pair(share, m.figure) })),
            ]}
          />
        </ChartWithTable>
      </section>

      {steering ? <SteeringYearReport year={year} steering={steering} /> : null}
    </section>
  );
}

/**
 * The running footer's rule: the text as a CSS string in the bottom-left page-margin box. Every character but letters,
 * digits and spaces is written as a CSS escape, so no name can end the string, the rule or the <style> element.
 */
export function printFooterCss(text: string) {
  const escaped = [...text]
    // A hex escape ends at the space after it, which CSS takes as part of the escape: one is written after each.
    .map((c) => (/[\p{L}\p{N} ]/u.test(c) ? c : `\\${c.codePointAt(0)?.toString(16)} `))
    .join("");
  return `@page { @bottom-left { content: "${escaped}"; } }`;
}

/** The CSP nonce of this page: the server's, or in the browser the one its scripts carry (as entry.client reads it). */
function usePageNonce() {
  const fromServer = useNonce();
  if (fromServer || typeof document === "undefined") return fromServer;
  return document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce;
}

/**
 * The municipality and the year at the foot of every printed page. A page-margin box takes only text from CSS, so the
 * rule is written for this page (stats-report.css numbers the pages).
 */
function ReportPrintFooter({ text }: { text: string }) {
  const nonce = usePageNonce();
  return (
    <style
      nonce={nonce}
      // The browser hides a nonce from the DOM once it has checked it; the server's and the client's are the same.
      suppressHydrationWarning
      // biome-ignore lint/security/noDangerouslySetInnerHtml: CSS built by printFooterCss, every character escaped
      dangerouslySetInnerHTML={{ __html: printFooterCss(text) }}
    />
  );
}

/**
 * The whole report. Printed: the first page is the summary for the steering group's agenda (the title, the key figures
 * in short and the largest changes); then each part starts a page: the year by month, per kind of unit, every key
 * figure beside last year's, and the agreement's follow-up. Each chart is printed with its table.
 */
export function StatsReportPage(data: StatsReportData) {
  const { t, locale } = useReportFormat();
  const { year, previousYear, municipalityName } = data;
  return (
    <article className="stats-report">
      <ReportPrintFooter
        text={municipalityName ? t("footer", { year, municipality: municipalityName }) : t("heading", { year })}
      />
      <section aria-labelledby="report-heading" className="stats-report__cover stack">
        <h1 id="report-heading">
          {municipalityName
            ? t("headingWithMunicipality", { year, municipality: municipalityName })
            : t("heading", { year })}
        </h1>
        <p>{t("intro", { year, previousYear })}</p>
        <p className="muted">
          {t("generated", { date: formatDate(data.today, locale) })}
          {data.asOf ? (
            <>
              {" "}
              · <AsOf asOf={data.asOf} />
            </>
          ) : null}
        </p>
        {year === data.thisYear ? (
          <p className="alert alert--warning">{t("unfinished", { year, previousYear })}</p>
        ) : null}
        <ReportYearControls {...data} />
        <ReportYearFigures {...data} keys={data.headline} caption={t("cover.keyFigures", { year, previousYear })} />
        <ReportYearSummary {...data} />
      </section>
      <ReportYearMonths {...data} />
      <ReportYearUnitKinds {...data} />
      <section aria-labelledby="report-figures-heading" className="stats-report__part stack">
        <h2 id="report-figures-heading">{t("parts.figures", { year, previousYear })}</h2>
        <ReportYearFigures {...data} />
      </section>
      <ReportYearFollowUp {...data} />
      <section aria-labelledby="report-notes-heading" className="stats-report__notes">
        <h2 id="report-notes-heading">{t("notes.heading")}</h2>
        <p>{t("notes.suppression")}</p>
        <p>{t("notes.change")}</p>
        <p>{t("notes.period")}</p>
        <p>{t("notes.unitKinds")}</p>
      </section>
    </article>
  );
}
