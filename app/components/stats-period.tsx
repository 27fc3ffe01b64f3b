import { Form, Link } from "@remix-run/react";
import { periodKinds } from "~/domain/stats-period";
import { formatDate, formatDateTime } from "~/lib/i18n";
import { type StatsData, useStatsFormat } from "./stats-format";

/** The period the figures are for: the form that picks it, and the line that says which one is shown. */
export function StatsPeriod({ period, query, asOf }: Pick<StatsData, "period" | "query"> & { asOf: string | null }) {
  const { t, locale } = useStatsFormat();
  return (
    <>
      <Form method="get" className="filters stats__period">
        <div className="field">
          <label htmlFor="stats-period">{t("period.kind")}</label>
          <select id="stats-period" name="period" defaultValue={period.kind}>
            {periodKinds.map((k) => (
              <option key={k} value={k}>
                {t(`period.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="stats-year">{t("period.year")}</label>
          <input id="stats-year" name="year" inputMode="numeric" defaultValue={period.year} size={6} />
        </div>
        <div className="field">
          <label htmlFor="stats-month">{t("period.month")}</label>
          <input id="stats-month" name="month" type="month" defaultValue={"month" in period ? period.month : ""} />
        </div>
        <div className="field">
          <label htmlFor="stats-term">{t("period.term")}</label>
          <select id="stats-term" name="term" defaultValue={"term" in period ? period.term : `${period.year}-vt`}>
            {[`${period.year}-vt`, `${period.year}-ht`].map((term) => (
              <option key={term} value={term}>
                {t(`period.terms.${term.slice(5)}`, { year: term.slice(0, 4) })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="stats-from">{t("period.from")}</label>
          <input id="stats-from" name="from" type="date" defaultValue={period.from} />
        </div>
        <div className="field">
          <label htmlFor="stats-to">{t("period.to")}</label>
          <input id="stats-to" name="to" type="date" defaultValue={period.to} />
        </div>
        <button type="submit" className="button button--secondary">
          {t("period.show")}
        </button>
      </Form>
      <p className="muted">
        {t("period.shown", { from: formatDate(period.from, locale), to: formatDate(period.to, locale) })} ·{" "}
        {asOf ? (
          <>
            <AsOf asOf={asOf} /> ·{" "}
          </>
        ) : null}
        <Link to={`/stats.csv${query}`} reloadDocument download>
          {t("csv")}
        </Link>{" "}
        ·{" "}
        <Link to={`/stats.xlsx${query}`} reloadDocument download>
          {t("xlsx")}
        </Link>{" "}
        ·{" "}
        <Link to={`/stats/report?year=${Number(period.year) - 1}`}>
          {t("yearlyReport", { year: Number(period.year) - 1 })}
        </Link>
      </p>
    </>
  );
}

/** As of when the figures are, when they were read from the read replica (which may lag the primary a little). */
export function AsOf({ asOf }: { asOf: string }) {
  const { t, locale } = useStatsFormat();
  return (
    <span className="stats__as-of">
      {t("asOf")} <time dateTime={asOf}>{formatDateTime(asOf, locale)}</time>
    </span>
  );
}
