import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { type StatsData, useStatsFormat } from "./stats-format";

/** Where to act: units that report improbably little, or much, for their number of children (last 12 months). */
export function StatsRadar({
  radar: lists,
  radarLevel,
  canSeeCoverage,
  canPlanTraining,
  canPlanCheckIn,
}: Pick<StatsData, "radar" | "radarLevel" | "canSeeCoverage" | "canPlanTraining" | "canPlanCheckIn">) {
  const { t, count } = useStatsFormat();
  const { t: tc } = useTranslation("checkIns");
  type Unit = (typeof lists.underReporting)[number];
  // A check-in with a listed unit is planned on /check-ins, the unit and the radar's reason filled in.
  const list = (items: Unit[], why: (u: Unit) => string, reason: (u: Unit) => string) =>
    items.length ? (
      <ul className="plain-list entries">
        {items.map((u) => (
          <li key={u.id}>
            <strong>{u.name}</strong> ({t(`unitKinds.${u.kind}`)}) · {why(u)} ·{" "}
            {t("radar.reports", { reports: count(u.reports), expected: u.expected })}
            {canPlanCheckIn ? (
              <>
                {" · "}
                <Link to={`/check-ins?${new URLSearchParams({ unit: u.id, reason: reason(u) })}`}>
                  {tc("radar.plan")}
                </Link>
              </>
            ) : null}
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
      {list(
        lists.underReporting,
        (u) => (u.silent ? t("radar.silent") : t("radar.low")),
        () => "under_reporting",
      )}
      <h3>{t("radar.checkInHeading")}</h3>
      {list(
        lists.checkIn,
        (u) => (u.high ? t("radar.high") : t("radar.supplemented")),
        (u) => (u.high ? "many_reports" : "many_supplemented"),
      )}
      {canSeeCoverage || canPlanTraining ? (
        <p className="button-row">
          {canSeeCoverage ? <Link to="/trainings/coverage">{t("radar.coverage")}</Link> : null}
          {canPlanTraining ? <Link to="/trainings/manage/new">{t("radar.plan")}</Link> : null}
        </p>
      ) : null}
    </section>
  );
}
