import { Link } from "@remix-run/react";
import { type StatsData, useStatsFormat } from "./stats-format";

/** Where to act: units that report improbably little, or much, for their number of children (last 12 months). */
export function StatsRadar({
  radar: lists,
  radarLevel,
  canSeeCoverage,
  canPlanTraining,
}: Pick<StatsData, "radar" | "radarLevel" | "canSeeCoverage" | "canPlanTraining">) {
  const { t, count } = useStatsFormat();
  const list = (items: typeof lists.underReporting, why: (u: (typeof items)[number]) => string) =>
    items.length ? (
      <ul className="plain-list entries">
        {items.map((u) => (
          <li key={u.id}>
            <strong>{u.name}</strong> ({t(`unitKinds.${u.kind}`)}) · {why(u)} ·{" "}
            {t("radar.reports", { reports: count(u.reports), expected: u.expected })}
          </li>
        ))}
      </ul>
    ) : (
      <p>{t("radar.none")}</p>
    );
  return (
    <section aria-labelledby="radar-heading" className="card">
      <h2 id="radar-heading">{t("radar.heading")}</h2>
      <p>{t("radar.method", { level: Math.round(radarLevel * 100) })}</p>
      <h3>{t("radar.underHeading")}</h3>
      {list(lists.underReporting, (u) => (u.silent ? t("radar.silent") : t("radar.low")))}
      <h3>{t("radar.checkInHeading")}</h3>
      {list(lists.checkIn, (u) => (u.high ? t("radar.high") : t("radar.supplemented")))}
      {canSeeCoverage || canPlanTraining ? (
        <p className="button-row">
          {canSeeCoverage ? <Link to="/trainings/coverage">{t("radar.coverage")}</Link> : null}
          {canPlanTraining ? <Link to="/trainings/manage/new">{t("radar.plan")}</Link> : null}
        </p>
      ) : null}
    </section>
  );
}
