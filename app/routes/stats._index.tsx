import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BarChart, HorizontalBarChart } from "~/components/bar-chart";
import { audit } from "~/lib/audit.server";
import { requirePermission } from "~/server/auth.server";
import { can } from "~/lib/permissions.server";
import { formatDate, formatMonth, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { periodFrom, periodKinds } from "~/domain/stats-period";
import { reportSources } from "~/domain/vocabulary";
import { RADAR_LEVEL, statsOverview } from "~/models/stats.server";
import statsStyles from "~/styles/stats.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: statsStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "stats:title");

export const handle: RouteTexts = { i18n: ["advice", "meetings", "stats"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "stats:read");
  const url = new URL(args.request.url);
  const period = periodFrom(url.searchParams);
  const { reports, followUp, perUnit, radar } = await statsOverview(user, period);
  await audit({
    action: "list",
    user,
    recordType: "stats",
    requestId: args.context.requestId,
    details: { from: period.from, to: period.to },
  });
  return {
    period,
    query: url.search,
    reports,
    followUp,
    perUnit,
    radar,
    // A value, not an import, in the component: a .server module is empty in the browser.
    radarLevel: RADAR_LEVEL,
    canSeeCoverage: can(user, "coverage:read"),
    canPlanTraining: can(user, "training:manage"),
  };
}

/** A count or share as shown: hidden ones say so in words, never as a number. */
function useFormat() {
  const { t, i18n } = useTranslation("stats");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const number = new Intl.NumberFormat(locale === "sv" ? "sv-SE" : "en-GB");
  const percent = new Intl.NumberFormat(locale === "sv" ? "sv-SE" : "en-GB", {
    style: "percent",
    maximumFractionDigits: 0,
  });
  return {
    t,
    locale,
    count: (v: number | null) => (v === null ? t("hidden") : number.format(v)),
    share: (v: number | null) => (v === null ? t("hiddenShare") : percent.format(v)),
  };
}

export default function Stats() {
  const data = useLoaderData<typeof loader>();
  const { t, locale, count, share } = useFormat();
  const { reports, period } = data;
  const monthLabel = (m: string) => formatMonth(m, locale);
  return (
    <div className="stats stack">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
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
        <Link to={`/stats.csv${data.query}`} reloadDocument download>
          {t("csv")}
        </Link>{" "}
        ·{" "}
        <Link to={`/stats/report?year=${Number(period.year) - 1}`}>
          {t("yearlyReport", { year: Number(period.year) - 1 })}
        </Link>
      </p>
      <p className="alert">{t("suppression")}</p>

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
              <td className="numeric">
                {reports.medianDaysToDecision === null
                  ? t("hidden")
                  : t("reports.days", { count: reports.medianDaysToDecision })}
              </td>
            </tr>
            <tr>
              <th scope="row">{t("reports.childHeard")}</th>
              <td className="numeric">{share(reports.childHeard)}</td>
            </tr>
          </tbody>
        </table>
        <PerSource />
      </section>
      <FollowUp />
      <PerUnit />
      <Radar />
    </div>
  );
}

const perSourceFigures = ["investigationShare", "protectionInTime", "decisionsInTime", "childHeard"] as const;

/** The key shares for each source (kind of unit) beside all reports, as a chart and a table. */
function PerSource() {
  const { reports } = useLoaderData<typeof loader>();
  const { t, share } = useFormat();
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
                <td className="numeric">
                  {g.figures.medianDaysToDecision === null
                    ? t("hidden")
                    : t("reports.days", { count: g.figures.medianDaysToDecision })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Advice, meetings, feedback and trainings: one table each, every figure suppressed as on the rest of the page. */
function FollowUp() {
  const { followUp: f, reports, perUnit, canSeeCoverage } = useLoaderData<typeof loader>();
  const { t, locale, count, share } = useFormat();
  const monthLabel = (m: string) => formatMonth(m, locale);
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

/** Reports and advice calls per unit, each kind with its total, and which units have trained staff. */
function PerUnit() {
  const { perUnit } = useLoaderData<typeof loader>();
  const { t, count, share } = useFormat();
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
              />
              <div className="table-scroll">
                <table className="stats-table">
                  <caption>{t("units.caption", { kind: t(`unitKinds.${k.kind}`) })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("units.unit")}</th>
                      <th scope="col">{t("units.reports")}</th>
                      <th scope="col">{t("units.calls")}</th>
                      <th scope="col">{t("units.trained")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {k.units.map((u) => (
                      <tr key={u.id}>
                        <th scope="row">{unitName(u)}</th>
                        <td className="numeric">{count(u.reports)}</td>
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

/** Where to act: units that report improbably little, or much, for their number of children (last 12 months). */
function Radar() {
  const { radar: lists, radarLevel, canSeeCoverage, canPlanTraining } = useLoaderData<typeof loader>();
  const { t, count } = useFormat();
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
