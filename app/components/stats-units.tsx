import { Link } from "@remix-run/react";
import { HorizontalBarChart } from "~/components/bar-chart";
import { hiddenFootnote } from "~/domain/stats-marks";
import { type StatsData, type StatsUnitsData, useStatsFormat } from "./stats-format";

/**
 * On /stats: per kind of unit, its reports (the share made on someone else's behalf), advice calls and how many of
 * its units have trained staff; each unit's figures are on /stats/units, for the same period.
 */
export function StatsUnitKinds({ perUnit, query }: Pick<StatsData, "perUnit" | "query">) {
  const { t, count, share } = useStatsFormat();
  return (
    <section aria-labelledby="unit-kinds-heading" className="card">
      <h2 id="unit-kinds-heading">{t("units.kindsHeading")}</h2>
      <p>{t("units.kindsIntro")}</p>
      <div className="table-scroll">
        <table className="stats-table">
          <caption>{t("units.kindsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("units.kind")}</th>
              <th scope="col">{t("units.reports")}</th>
              <th scope="col">{t("units.onBehalf")}</th>
              <th scope="col">{t("units.calls")}</th>
              <th scope="col">{t("units.trained")}</th>
            </tr>
          </thead>
          <tbody>
            {perUnit.kinds.map((k) => (
              <tr key={k.kind}>
                <th scope="row">{t(`unitKinds.${k.kind}`)}</th>
                <td className="numeric">{count(k.reports)}</td>
                <td className="numeric">{share(k.onBehalfShare)}</td>
                <td className="numeric">{count(k.calls)}</td>
                <td>
                  {k.coverage
                    ? t("units.coverage", {
                        trained: k.coverage.trained,
                        units: k.coverage.units,
                        share: share(k.coverage.share),
                      })
                    : t("units.notCounted")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <Link to={`/stats/units${query}`}>{t("units.link")}</Link>
      </p>
    </section>
  );
}

/**
 * On /stats/units: reports (the share made on someone else's behalf) and advice calls per unit, each kind with its
 * total, and which units have trained staff.
 */
export function StatsPerUnit({ perUnit }: Pick<StatsUnitsData, "perUnit">) {
  const { t, count, share } = useStatsFormat();
  const unitName = (u: { name: string; active: boolean }) => (u.active ? u.name : t("units.closed", { name: u.name }));
  return (
    <section aria-labelledby="units-heading" className="card">
      <h2 id="units-heading">{t("units.heading")}</h2>
      <p>{t("units.intro")}</p>
      {perUnit.kinds.map((k) => (
        <div key={k.kind} className="stack">
          <h3>{t(`unitKinds.${k.kind}`)}</h3>
          {k.units.length ? (
            <>
              <HorizontalBarChart
                id={`units-${k.kind}`}
                title={t("units.caption", { kind: t(`unitKinds.${k.kind}`) })}
                description={t("units.chartDescription", { reports: count(k.reports), calls: count(k.calls) })}
                categories={k.units.map(unitName)}
                series={[
                  { name: t("units.reports"), values: k.units.map((u) => u.reports) },
                  { name: t("units.calls"), values: k.units.map((u) => u.calls) },
                ]}
                valueLabel={count}
                hiddenNote={t(hiddenFootnote("count"))}
              />
              <div className="table-scroll">
                <table className="stats-table">
                  <caption>{t("units.caption", { kind: t(`unitKinds.${k.kind}`) })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("units.unit")}</th>
                      <th scope="col">{t("units.reports")}</th>
                      <th scope="col">{t("units.onBehalf")}</th>
                      <th scope="col">{t("units.calls")}</th>
                      <th scope="col">{t("units.trained")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {k.units.map((u) => (
                      <tr key={u.id}>
                        <th scope="row">{unitName(u)}</th>
                        <td className="numeric">{count(u.reports)}</td>
                        <td className="numeric">{share(u.onBehalfShare)}</td>
                        <td className="numeric">{count(u.calls)}</td>
                        <td>
                          {u.trained === null ? t("units.notCounted") : u.trained ? t("units.yes") : t("units.no")}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">{t("total")}</th>
                      <td className="numeric">{count(k.reports)}</td>
                      <td className="numeric">{share(k.onBehalfShare)}</td>
                      <td className="numeric">{count(k.calls)}</td>
                      <td />
                    </tr>
                  </tfoot>
                </table>
              </div>
            </>
          ) : (
            <p>{t("units.none")}</p>
          )}
          {k.coverage && k.units.length ? (
            <p>
              {t("units.coverage", {
                trained: k.coverage.trained,
                units: k.coverage.units,
                share: share(k.coverage.share),
              })}
            </p>
          ) : null}
        </div>
      ))}
    </section>
  );
}
