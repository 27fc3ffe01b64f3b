import { createElement, type ReactElement } from "react";
import { describe, expect, it } from "vitest";
import { stockholmInstant } from "~/domain/deadlines";
import { hiddenFootnote, hiddenMark } from "~/domain/stats-marks";
import { StatsFollowUp } from "~/components/stats-follow-up";
import { StatsReports } from "~/components/stats-reports";
import { StatsPerUnit } from "~/components/stats-units";
import { i18nFor, type AppLocale } from "~/lib/i18n";
import * as statsRoute from "~/routes/stats._index";
import * as unitsRoute from "~/routes/stats.units";
import { createConsultation, createWorld, sessionCookieFor } from "../factories";
import { renderStatic } from "../render";
import { callRoute } from "../routes";
import { report, times } from "../stats-fixtures";

/**
 * Two years, 2024–2025: 30 school reports in March 2025, 3 preschool reports in April 2025 (hidden, a median of
 * three), 10 by the police in May 2025 (hidden with them), 3 advice calls in June 2025 (hidden).
 */
async function pageData(locale: AppLocale) {
  const world = await createWorld();
  const m = world.municipality.id;
  await times(30, (i) =>
    report(m, { on: "2025-03-10", unitId: world.unit.school.id, decision: i < 20 ? "opened" : "not_opened" }),
  );
  await times(3, () => report(m, { on: "2025-04-10", unitId: world.unit.preschool.id, decision: "opened" }));
  await times(10, () => report(m, { on: "2025-05-10", unitId: null, channel: "police", decision: "not_opened" }));
  await times(3, () =>
    createConsultation(world.user.reception_worker, {
      occurredAt: stockholmInstant("2025-06-10", "09:00"),
      callerUnitId: world.unit.school.id,
    }),
  );
  const cookie = await sessionCookieFor(world.user.steering);
  const page = await callRoute(statsRoute.loader, {
    path: "/stats?period=custom&from=2024-01-01&to=2025-12-31",
    cookie,
  });
  expect(page.status).toBe(200);
  const data = JSON.parse(JSON.stringify(page.data));
  // The charts per unit are on a page of their own (issue 23, item 7), for the same period.
  const units = await callRoute(unitsRoute.loader, {
    path: "/stats/units?period=custom&from=2024-01-01&to=2025-12-31",
    cookie,
  });
  expect(units.status).toBe(200);
  const unitData = JSON.parse(JSON.stringify(units.data));
  const html = await render(
    () =>
      createElement("div", null, [
        createElement(StatsReports, { key: "r", ...data }),
        createElement(StatsFollowUp, { key: "f", ...data }),
        createElement(StatsPerUnit, { key: "u", ...unitData }),
      ]),
    locale,
  );
  return { data, html };
}

/** Components as the server renders them, in `locale`. */
const render = (element: () => ReactElement, locale: AppLocale) =>
  renderStatic([{ path: "*", Component: element }], new Request("http://localhost/stats"), locale);

/** Each chart's figure, by its caption, with what follows it up to the next chart. */
function figures(html: string) {
  return html
    .split(/(?=<figure class="bar-chart)/)
    .slice(1)
    .map((part) => {
      const [figure, after] = [part.split("</figure>")[0], part.split("</figure>").slice(1).join("</figure>")];
      const caption = /<figcaption class="bar-chart__caption">(.*?)<\/figcaption>/.exec(figure)?.[1] ?? "";
      return { caption, figure, after };
    });
}

const footnotes = (figure: string) =>
  [...figure.matchAll(/<p class="bar-chart__note"[^>]*>(.*?)<\/p>/g)].map((m) => m[1].replace(/<[^>]+>/g, ""));

describe("the statistics page's charts", () => {
  for (const locale of ["sv", "en"] as const) {
    it(`keeps each chart's table beside it and explains its hidden values under it (${locale})`, async () => {
      const t = i18nFor(locale).getFixedT(locale);
      const { data, html } = await pageData(locale);
      const charts = figures(html);
      expect(charts.length).toBeGreaterThanOrEqual(4);
      for (const chart of charts) {
        // The next table after the figure, before any other chart, has the chart's caption.
        const table = /<table[^>]*><caption>(.*?)<\/caption>/.exec(chart.after);
        expect(table?.[1], chart.caption).toBe(chart.caption);
        const lead = chart.after.slice(0, chart.after.indexOf("<table"));
        expect(lead.replace(/<[^>]+>/g, "").trim(), chart.caption).toBe("");
      }
      const byCaption = (caption: string) => {
        const found = charts.find((c) => c.caption === caption);
        if (!found) throw new Error(`no chart ${caption}`);
        return found.figure;
      };

      // Reports per month and source: 24 months, April and May 2025 with hidden sources.
      const bySource = byCaption(t("stats:reports.bySourceTitle"));
      expect(data.reports.months).toHaveLength(24);
      const hiddenMonths = data.reports.bySource.cells.filter((row: (number | null)[]) => row.includes(null)).length;
      expect(hiddenMonths).toBeGreaterThan(0);
      expect([...bySource.matchAll(/<rect class="bar-chart__hidden"/g)]).toHaveLength(hiddenMonths);
      expect(footnotes(bySource)).toEqual([`* ${t(hiddenFootnote("count"))}`]);
      expect(bySource.replace(/<[^>]+>/g, "|")).toContain(`|${t(hiddenMark("count"))}|*|`);

      // Advice per month: June's three calls are hidden; one placeholder.
      const advice = byCaption(t("stats:advice.perMonth"));
      expect([...advice.matchAll(/<rect class="bar-chart__hidden"/g)]).toHaveLength(1);
      expect(footnotes(advice)).toEqual([`* ${t(hiddenFootnote("count"))}`]);

      // Shares per source: a hidden share has its own mark and footnote.
      const shares = byCaption(t("stats:reports.perSourceTitle"));
      expect(footnotes(shares)).toEqual([`* ${t(hiddenFootnote("share"))}`]);
      expect(shares.replace(/<[^>]+>/g, "|")).toContain(`|${t(hiddenMark("share"))}|*|`);

      // Every footnote under a chart is one of the two marks' footnotes, and a chart has at most one.
      const known = [t(hiddenFootnote("count")), t(hiddenFootnote("share"))].map((n) => `* ${n}`);
      for (const chart of charts) {
        expect(footnotes(chart.figure).length).toBeLessThanOrEqual(1);
        for (const note of footnotes(chart.figure)) expect(known).toContain(note);
      }
    });
  }
});
