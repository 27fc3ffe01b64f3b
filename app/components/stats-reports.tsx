import { BarChart, HorizontalBarChart } from "~/components/bar-chart";
import { hiddenFootnote } from "~/domain/stats-marks";
import { reportSources } from "~/domain/vocabulary";
import { type StatsData, useStatsFormat } from "./stats-format";

/** Reports per month and source, as a chart and a table, the key shares, and the same shares for each source. */
export function StatsReports({ reports }: Pick<StatsData, "reports">) {
  const { t, count, share, days, monthLabel } = useStatsFormat();
  return (
    <section aria-labelledby="reports-heading" className="card">
      <h2 id="reports-heading">{t("reports.heading")}</h2>
      <BarChart
        id="reports-by-source"
        title={t("reports.bySourceTitle")}
        description={t("reports.bySourceDescription", { total: count(reports.bySource.total) })}
        categories={reports.months.map(monthLabel)}
        series={reportSources.map((s, j) => ({
          name: t(`sources.${s}`),
          values: reports.bySource.cells.map((row) => row[j]),
        }))}
        valueLabel={count}
        hiddenNote={t(hiddenFootnote("count"))}
        stacked
      />
      <div className="table-scroll">
        <table className="stats-table">
          <caption>{t("reports.bySourceTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("reports.month")}</th>
              {reportSources.map((s) => (
                <th key={s} scope="col">
                  {t(`sources.${s}`)}
                </th>
              ))}
              <th scope="col">{t("total")}</th>
            </tr>
          </thead>
          <tbody>
            {reports.months.map((m, i) => (
              <tr key={m}>
                <th scope="row">{monthLabel(m)}</th>
                {reports.bySource.cells[i].map((v, j) => (
                  <td key={reportSources[j]} className="numeric">
                    {count(v)}
                  </td>
                ))}
                <td className="numeric">{count(reports.bySource.rowTotals[i])}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("total")}</th>
              {reports.bySource.colTotals.map((v, j) => (
                <td key={reportSources[j]} className="numeric">
                  {count(v)}
                </td>
              ))}
              <td className="numeric">{count(reports.bySource.total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <table className="stats-table">
        <caption>{t("reports.keyFigures")}</caption>
        <tbody>
          <tr>
            <th scope="row">{t("reports.investigationAll")}</th>
            <td className="numeric">{share(reports.investigationShare.all)}</td>
          </tr>
          <tr>
            <th scope="row">{t("reports.investigationSchools")}</th>
            <td className="numeric">{share(reports.investigationShare.schools)}</td>
          </tr>
          <tr>
            <th scope="row">{t("reports.protectionInTime")}</th>
            <td className="numeric">{share(reports.protectionInTime)}</td>
          </tr>
          <tr>
            <th scope="row">{t("reports.decisionsInTime")}</th>
            <td className="numeric">{share(reports.decisionsInTime)}</td>
          </tr>
          <tr>
            <th scope="row">{t("reports.medianDays")}</th>
            <td className="numeric">{days(reports.medianDaysToDecision)}</td>
          </tr>
          <tr>
            <th scope="row">{t("reports.childHeard")}</th>
            <td className="numeric">{share(reports.childHeard)}</td>
          </tr>
        </tbody>
      </table>
      <PerSource reports={reports} />
    </section>
  );
}

const perSourceFigures = ["investigationShare", "protectionInTime", "decisionsInTime", "childHeard"] as const;

/** The key shares for each source (kind of unit) beside all reports, as a chart and a table. */
function PerSource({ reports }: Pick<StatsData, "reports">) {
  const { t, share, days } = useStatsFormat();
  const labels = {
    investigationShare: t("reports.investigation"),
    protectionInTime: t("reports.protectionInTime"),
    decisionsInTime: t("reports.decisionsInTime"),
    childHeard: t("reports.childHeard"),
  };
  const groups = [
    ...reports.perSource.map((figures) => ({ name: t(`sources.${figures.source}`), figures })),
    { name: t("reports.all"), figures: { ...reports, investigationShare: reports.investigationShare.all } },
  ];
  return (
    <>
      <HorizontalBarChart
        id="shares-by-source"
        title={t("reports.perSourceTitle")}
        description={t("reports.perSourceDescription")}
        categories={groups.map((g) => g.name)}
        series={perSourceFigures.map((f) => ({ name: labels[f], values: groups.map((g) => g.figures[f]) }))}
        valueLabel={share}
        hiddenNote={t(hiddenFootnote("share"))}
        shares
      />
      <div className="table-scroll">
        <table className="stats-table">
          <caption>{t("reports.perSourceTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("reports.source")}</th>
              {perSourceFigures.map((f) => (
                <th key={f} scope="col">
                  {labels[f]}
                </th>
              ))}
              <th scope="col">{t("reports.medianDays")}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.name}>
                <th scope="row">{g.name}</th>
                {perSourceFigures.map((f) => (
                  <td key={f} className="numeric">
                    {share(g.figures[f])}
                  </td>
                ))}
                <td className="numeric">{days(g.figures.medianDaysToDecision)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
