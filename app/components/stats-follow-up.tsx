import { Link } from "@remix-run/react";
import { BarChart } from "~/components/bar-chart";
import { hiddenFootnote } from "~/domain/stats-marks";
import { type StatsData, useStatsFormat } from "./stats-format";

/**
 * Advice, meetings, feedback, deviations from the agreement, the reporters' survey and trainings: one table each,
 * every figure suppressed as on the rest of the page.
 */
export function StatsFollowUp({
  followUp: f,
  reports,
  perUnit,
  canSeeCoverage,
}: Pick<StatsData, "followUp" | "reports" | "perUnit" | "canSeeCoverage">) {
  const { t, count, share, monthLabel } = useStatsFormat();
  const rows = (caption: string, items: [string, string][]) => (
    <table className="stats-table">
      <caption>{caption}</caption>
      <tbody>
        {items.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td className="numeric">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <>
      <section aria-labelledby="advice-heading" className="card">
        <h2 id="advice-heading">{t("advice.heading")}</h2>
        <BarChart
          id="advice-per-month"
          title={t("advice.perMonth")}
          description={t("advice.perMonthDescription", { total: count(f.advice.perMonth.total) })}
          categories={reports.months.map(monthLabel)}
          series={[{ name: t("advice.calls"), values: f.advice.perMonth.parts }]}
          valueLabel={count}
          hiddenNote={t(hiddenFootnote("count"))}
        />
        {rows(t("advice.perMonth"), [
          ...reports.months.map((m, i): [string, string] => [monthLabel(m), count(f.advice.perMonth.parts[i])]),
          [t("total"), count(f.advice.perMonth.total)],
        ])}
        {rows(
          t("advice.byUnitKind"),
          f.advice.byUnitKind.kinds.map((k, i): [string, string] => [
            t(`unitKinds.${k}`),
            count(f.advice.byUnitKind.parts[i]),
          ]),
        )}
        {rows(
          t("advice.byAdvice"),
          f.advice.byAdvice.advice.map((a, i): [string, string] => [
            t(`advice:adviceGiven.${a}`),
            count(f.advice.byAdvice.parts[i]),
          ]),
        )}
        {rows(t("advice.keyFigures"), [[t("advice.followed"), share(f.advice.followedByReport)]])}
      </section>
      <section aria-labelledby="meetings-heading" className="card">
        <h2 id="meetings-heading">{t("meetings.heading")}</h2>
        {rows(t("meetings.caption"), [
          [t("meetings.offered"), count(f.meetings.offered)],
          [t("meetings.concernAttended"), share(f.meetings.concernAttended)],
          ...f.meetings.noMeeting.reasons.map((r, i): [string, string] => [
            t("meetings.noMeeting", { reason: t(`meetings:noMeeting.${r}`) }),
            count(f.meetings.noMeeting.parts[i]),
          ]),
        ])}
      </section>
      <section aria-labelledby="feedback-heading" className="card">
        <h2 id="feedback-heading">{t("feedback.heading")}</h2>
        {rows(t("feedback.caption"), [
          [t("feedback.due"), count(f.feedback.decidedDue)],
          [t("feedback.delivered"), share(f.feedback.delivered)],
          [t("feedback.onTime"), share(f.feedback.onTime)],
          [t("feedback.extended"), count(f.feedback.extendedSent)],
          [t("feedback.consents"), count(f.feedback.activeConsents)],
        ])}
      </section>
      <section aria-labelledby="deviations-heading" className="card">
        <h2 id="deviations-heading">{t("deviations.heading")}</h2>
        {rows(t("deviations.caption"), [
          [t("deviations.filed"), count(f.deviations.filed)],
          [t("deviations.closed"), share(f.deviations.closed)],
        ])}
        {rows(
          t("deviations.byKind"),
          f.deviations.byKind.kinds.map((k, i): [string, string] => [
            t(`deviations:kinds.${k}`),
            count(f.deviations.byKind.parts[i]),
          ]),
        )}
        {rows(
          t("deviations.byUnitKind"),
          f.deviations.byUnitKind.kinds.map((k, i): [string, string] => [
            k === "other" ? t("deviations.otherUnits") : t(`unitKinds.${k}`),
            count(f.deviations.byUnitKind.parts[i]),
          ]),
        )}
      </section>
      <section aria-labelledby="survey-heading" className="card">
        <h2 id="survey-heading">{t("survey:stats.heading")}</h2>
        <p>{t("survey:stats.intro")}</p>
        {rows(t("survey:stats.heading"), [[t("survey:stats.answers"), count(f.survey.answers)]])}
        {f.survey.questions.map((q) => (
          <div key={q.question}>
            {rows(
              t(`survey:questions.${q.question}`),
              q.answers.map((a, i): [string, string] => [t(`survey:answers.${q.question}.${a}`), count(q.parts[i])]),
            )}
          </div>
        ))}
      </section>
      <section aria-labelledby="trainings-heading" className="card">
        <h2 id="trainings-heading">{t("trainings.heading")}</h2>
        {rows(t("trainings.caption"), [
          [t("trainings.held"), count(f.trainings.held)],
          [t("trainings.participants"), count(f.trainings.participants)],
          [
            t("trainings.unitCoverage"),
            t("trainings.unitCoverageValue", {
              trained: perUnit.coverage.trained,
              units: perUnit.coverage.units,
              share: share(perUnit.coverage.share),
            }),
          ],
        ])}
        {canSeeCoverage ? (
          <p>
            <Link to="/trainings/coverage">{t("trainings.coverage")}</Link>
          </p>
        ) : null}
      </section>
    </>
  );
}
