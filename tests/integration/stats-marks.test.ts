import { createElement, type ReactElement } from "react";
import { describe, expect, it } from "vitest";
import { hiddenMark } from "~/domain/stats-marks";
import { StatsFollowUp } from "~/components/stats-follow-up";
import { StatsQuality } from "~/components/stats-quality";
import { ReportYearFigures } from "~/components/stats-report";
import { StatsReports } from "~/components/stats-reports";
import { StatsPerUnit, StatsUnitKinds } from "~/components/stats-units";
import { i18nFor, type AppLocale } from "~/lib/i18n";
import * as csvRoute from "~/routes/stats[.csv]";
import * as statsRoute from "~/routes/stats._index";
import * as reportRoute from "~/routes/stats.report";
import * as unitsRoute from "~/routes/stats.units";
import { createWorld, sessionCookieFor, testContext } from "../factories";
import { renderStatic } from "../render";
import { callRoute } from "../routes";
import { hiddenFiguresIn2025, report, times } from "../stats-fixtures";

/** 2025 as `hiddenFiguresIn2025` has it; 2024: 10 school reports, so the report has a year before. */
async function fixture() {
  const world = await createWorld();
  const m = world.municipality.id;
  await hiddenFiguresIn2025(world);
  await times(10, () => report(m, { on: "2024-03-10", unitId: world.unit.school.id, decision: "opened" }));
  return { world, cookie: await sessionCookieFor(world.user.steering) };
}

/** Components as the server renders them, in `locale`. */
const render = (element: () => ReactElement, locale: AppLocale = "sv") =>
  renderStatic([{ path: "*", Component: element }], new Request("http://localhost/stats"), locale);

/** The text of each cell of the table with `caption`, row by row. */
function table(html: string, caption: string) {
  const body = html.split(`<caption>${caption}</caption>`)[1]?.split("</table>")[0];
  if (body === undefined) throw new Error(`no table ${caption}`);
  return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1].replace(/<[^>]+>/g, "")),
  );
}

/** The CSV export of 2025, as text. */
async function csvText(cookie: string) {
  const request = new Request("http://localhost/stats.csv?period=year&year=2025", { headers: { Cookie: cookie } });
  return ((await csvRoute.loader({ request, params: {}, context: testContext() })) as Response).text();
}

const sv = i18nFor("sv").getFixedT("sv");
const countMark = sv(hiddenMark("count"));
const tooFewMark = sv(hiddenMark("days"));

describe("the marks of hidden figures", () => {
  it("has two marks, neither of them '< 5', and a footnote for each on the page and in the report", () => {
    expect(countMark).not.toBe(tooFewMark);
    for (const locale of ["sv", "en"] as const) {
      const t = i18nFor(locale).getFixedT(locale);
      for (const mark of [t(hiddenMark("count")), t(hiddenMark("share")), t(hiddenMark("days"))]) {
        expect(mark).not.toMatch(/<|\d/);
        expect(mark.length).toBeGreaterThan(0);
      }
      for (const text of [t("stats:suppression"), t("statsReport:notes.suppression")]) {
        expect(text).not.toContain("< 5");
        expect(text).toContain(t(hiddenMark("count")));
        expect(text).toContain(t(hiddenMark("share")));
      }
    }
  });

  it("labels a hidden count of ten with the same neutral mark on the page, in the CSV and in the yearly report", async () => {
    const { cookie } = await fixture();

    const page = await callRoute(statsRoute.loader, { path: "/stats?period=year&year=2025", cookie });
    expect(page.status).toBe(200);
    const data = JSON.parse(JSON.stringify(page.data));
    // The police's ten are hidden to protect the preschool's three; the school's thirty show.
    const sources = data.reports.bySource;
    expect(sources.colTotals).toEqual([null, 30, 0, null]);
    // The figures per unit have a page of their own (issue 23, item 7), with the same marks.
    const units = await callRoute(unitsRoute.loader, { path: "/stats/units?period=year&year=2025", cookie });
    expect(units.status).toBe(200);
    const unitData = JSON.parse(JSON.stringify(units.data));
    const html = await render(() =>
      createElement("div", null, [
        createElement(StatsReports, { key: "r", ...data }),
        createElement(StatsQuality, { key: "q", ...data }),
        createElement(StatsFollowUp, { key: "f", ...data }),
        createElement(StatsUnitKinds, { key: "k", ...data }),
        createElement(StatsPerUnit, { key: "u", ...unitData }),
      ]),
    );
    expect(html).not.toContain("&lt; 5");
    expect(html).not.toContain("< 5");
    const bySource = table(html, sv("stats:reports.bySourceTitle"));
    const totals = bySource[bySource.length - 1];
    // Period row: preschool, school, student health, other, total.
    expect(totals.slice(1)).toEqual([countMark, "30", "0", countMark, "43"]);

    const csv = await csvText(cookie);
    expect(csv).not.toContain("< 5");
    const lines = csv.replace(/^\uFEFF/, "").split(/\r?\n/);
    expect(lines).toContain(`reports,period,other_channel,${countMark}`);
    expect(lines).toContain(`reports,period,preschool,${countMark}`);
    expect(lines).toContain(`advice_calls,period,all,${countMark}`);
    // The footnotes close the file, in the same four columns: what each mark means.
    expect(lines.filter((l) => l.startsWith("note,"))).toEqual([
      `note,,${countMark},${JSON.stringify(sv("stats:mark.hiddenNote"))}`,
      `note,,${tooFewMark},${JSON.stringify(sv("stats:mark.tooFewNote"))}`,
    ]);
    // Every line still has four cells: the file stays a table.
    for (const line of lines.filter(Boolean)) expect(line.split(",").length, line).toBeGreaterThanOrEqual(4);

    const yearly = await callRoute(reportRoute.loader, { path: "/stats/report?year=2025", cookie });
    expect(yearly.status).toBe(200);
    const reportData = JSON.parse(JSON.stringify(yearly.data));
    expect(JSON.stringify(reportData)).not.toContain("< 5");
    const reportHtml = await render(() => createElement(ReportYearFigures, reportData));
    expect(reportHtml).not.toContain("&lt; 5");
    const row = (key: string) =>
      reportHtml
        .split(`data-figure="${key}">`)[1]
        .split("</tr>")[0]
        .match(/<td[^>]*>(.*?)<\/td>/g)
        ?.map((c) => c.replace(/<[^>]+>/g, ""));
    // 2024, 2025, change: the same cell as on the page and in the CSV, with the same mark.
    expect(row("reportsOtherChannel")?.slice(0, 2)).toEqual(["0", countMark]);
    expect(row("reportsPreschool")?.slice(0, 2)).toEqual(["0", countMark]);
    expect(row("adviceCalls")?.slice(0, 2)).toEqual(["0", countMark]);
  });

  it("labels a hidden median with the median's own mark, never as a count", async () => {
    const { cookie } = await fixture();
    const page = await callRoute(statsRoute.loader, { path: "/stats?period=year&year=2025", cookie });
    const data = JSON.parse(JSON.stringify(page.data));
    const preschool = data.reports.perSource.find((p: { source: string }) => p.source === "preschool");
    // Three decided preschool reports: too few cases behind the median.
    expect(preschool.medianDaysToDecision).toBeNull();
    const html = await render(() => createElement(StatsReports, data));
    const perSource = table(html, sv("stats:reports.perSourceTitle"));
    const preschoolRow = perSource.find((r) => r[0] === sv("stats:sources.preschool"));
    expect(preschoolRow?.[preschoolRow.length - 1]).toBe(tooFewMark);

    const csv = await csvText(cookie);
    const lines = csv.replace(/^\uFEFF/, "").split(/\r?\n/);
    expect(lines).toContain(`median_days_to_decision,period,preschool,${tooFewMark}`);
    expect(lines).not.toContain(`median_days_to_decision,period,preschool,${countMark}`);
  });
});
