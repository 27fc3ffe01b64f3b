import { STOCKHOLM_REVIEW } from "~/domain/stockholm-review";
import { type StatsData, useStatsFormat } from "./stats-format";

/** The pre-assessments' quality beside what Stockholm's inspectors found, and the internal review's findings. */
export function StatsQuality({ reports, followUp: { review } }: Pick<StatsData, "reports" | "followUp">) {
  const { t, count, share } = useStatsFormat();
  const q = reports.quality;
  const base = STOCKHOLM_REVIEW;
  const figures: [string, string, string][] = [
    [t("quality.childHeard"), share(reports.childHeard), share(base.childHeard)],
    [t("quality.remainingConcern"), share(q.remainingConcernNotOpened), share(base.remainingConcernNotOpened)],
    [t("quality.knownBefore"), share(q.knownBefore), share(base.knownBefore)],
    [t("quality.policeConsidered"), share(q.policeConsidered), t("quality.policeBaseline", base.policeConsidered)],
    [t("quality.secondLook"), share(q.secondLook), t("quality.noBaseline")],
    [t("quality.returned"), count(q.secondLookReturned), t("quality.noBaseline")],
  ];
  return (
    <section aria-labelledby="quality-heading" className="card">
      <h2 id="quality-heading">{t("quality.heading")}</h2>
      <p>{t("quality.intro")}</p>
      <div className="table-scroll">
        <table className="stats-table">
          <caption>{t("quality.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("quality.figure")}</th>
              <th scope="col">{t("quality.period")}</th>
              <th scope="col">{t("quality.baseline")}</th>
            </tr>
          </thead>
          <tbody>
            {figures.map(([label, value, baseline]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="numeric">{value}</td>
                <td className="numeric">{baseline}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-scroll">
        <table className="stats-table">
          <caption>{t("quality.reviewCaption", { cases: count(review.cases) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("quality.reviewItem")}</th>
              <th scope="col">{t("quality.reviewMet")}</th>
            </tr>
          </thead>
          <tbody>
            {review.items.map(({ item, met }) => (
              <tr key={item}>
                <th scope="row">{t(`reviews:items.${item}`)}</th>
                <td className="numeric">{share(met)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
