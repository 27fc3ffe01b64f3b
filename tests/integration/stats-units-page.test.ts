import { and, eq } from "drizzle-orm";
import type { FunctionComponent } from "react";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents } from "#db/schema";
import { stockholmInstant } from "~/domain/deadlines";
import { hiddenMark } from "~/domain/stats-marks";
import { i18nFor, type AppLocale } from "~/lib/i18n";
import * as statsRoute from "~/routes/stats._index";
import * as unitsRoute from "~/routes/stats.units";
import { createConsultation, createUnit, createWorld, sessionCookieFor } from "../factories";
import { renderStatic } from "../render";
import { callRoute } from "../routes";
import { report, times } from "../stats-fixtures";

/**
 * Issue 23, item 7: /stats keeps one row per kind of unit and links to /stats/units, where each unit has its row.
 * March 2026: three schools with 12, 6 and 7 portal reports, a student health unit with 5, and 6 advice calls from
 * one of the schools; the preschool has none.
 */
async function fixture() {
  const world = await createWorld();
  const m = world.municipality.id;
  const oak = await createUnit(m, "school", "Ekbackens skola");
  const spruce = await createUnit(m, "school", "Granbackens skola");
  const health = await createUnit(m, "student_health", "Elevhälsan Norr");
  await times(12, () => report(m, { on: "2026-03-10", unitId: world.unit.school.id, decision: "opened" }));
  await times(6, () => report(m, { on: "2026-03-11", unitId: oak.id, decision: "opened" }));
  await times(7, () => report(m, { on: "2026-03-12", unitId: spruce.id, decision: "not_opened" }));
  await times(5, () => report(m, { on: "2026-03-13", unitId: health.id, decision: "opened" }));
  await times(6, () =>
    createConsultation(world.user.reception_worker, {
      occurredAt: stockholmInstant("2026-03-16", "09:00"),
      callerUnitId: oak.id,
    }),
  );
  return { world, cookie: await sessionCookieFor(world.user.steering) };
}

const QUERY = "?period=year&year=2026";

type UnitRow = { id: string; name: string; reports: number | null };
type Kind = { kind: string; reports: number | null; units?: UnitRow[] };

async function loaders(cookie: string) {
  const stats = await callRoute(statsRoute.loader, { path: `/stats${QUERY}`, cookie });
  const units = await callRoute(unitsRoute.loader, { path: `/stats/units${QUERY}`, cookie });
  expect(stats.status).toBe(200);
  expect(units.status).toBe(200);
  return {
    stats: JSON.parse(JSON.stringify(stats.data)),
    units: JSON.parse(JSON.stringify(units.data)),
  };
}

/** A route's page as the server renders it from the loader's data. */
const renderPage = (id: string, Component: FunctionComponent, data: unknown, path: string, locale: AppLocale) =>
  renderStatic(
    [{ path: "*", id, loader: () => data as object, Component }],
    new Request(`http://localhost${path}`),
    locale,
  );

/** The text of each cell of the table with `caption`, row by row. */
function table(html: string, caption: string) {
  const body = html.split(`<caption>${caption}</caption>`)[1]?.split("</table>")[0];
  if (body === undefined) throw new Error(`no table ${caption}`);
  return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => unescaped(c[1].replace(/<[^>]+>/g, ""))),
  );
}

/** A link's tag, by its address and text, whatever other attributes it has. */
const link = (href: string, text: string) =>
  new RegExp(`<a [^>]*href="${escaped(href).replace(/[?.]/g, "\\$&")}"[^>]*>${text}</a>`);

const textOf = (html: string) => html.replace(/<[^>]+>/g, "");
/** Text as React writes it into the markup, and back. */
const entities: [string, string][] = [
  ["&", "&amp;"],
  ["<", "&lt;"],
  [">", "&gt;"],
  ['"', "&quot;"],
  ["'", "&#x27;"],
];
const escaped = (text: string) => entities.reduce((s, [c, e]) => s.replaceAll(c, e), text);
const unescaped = (html: string) => entities.reduceRight((s, [c, e]) => s.replaceAll(e, c), html);

describe("the statistics per unit on a page of their own", () => {
  it("/stats sends each kind's totals and no unit's row; /stats/units sends every unit's row", async () => {
    const { cookie } = await fixture();
    const { stats, units } = await loaders(cookie);

    // /stats: one entry per kind, with its totals, its share on someone's behalf and its coverage; no units.
    const kinds: Kind[] = stats.perUnit.kinds;
    expect(kinds.map((k) => k.kind)).toEqual(["preschool", "school", "student_health"]);
    for (const k of kinds)
      expect(Object.keys(k).sort()).toEqual(["calls", "coverage", "kind", "onBehalfShare", "reports"]);
    expect(kinds.find((k) => k.kind === "school")).toMatchObject({ reports: 25, calls: 6 });
    // The follow-up section still reads the coverage of all covered units.
    expect(stats.perUnit.coverage).toMatchObject({ units: 4 });

    // /stats/units: the period, its query, the per-unit figures and as of when (null: no read replica), nothing else.
    expect(Object.keys(units).sort()).toEqual(["asOf", "perUnit", "period", "query"]);
    expect(units.asOf).toBeNull();
    expect(units.query).toBe(QUERY);
    expect(units.period).toEqual(stats.period);
    const rows: UnitRow[] = units.perUnit.kinds.flatMap((k: Kind) => k.units ?? []);
    const byName = Object.fromEntries(rows.map((r) => [r.name, r.reports]));
    expect(byName).toMatchObject({ "Ekbackens skola": 6, "Granbackens skola": 7, "Elevhälsan Norr": 5 });
    // The same totals per kind as /stats sends.
    expect(units.perUnit.kinds.map(({ units: _, ...k }: Kind) => k)).toEqual(kinds);

    // No unit of the per-unit rows reaches /stats, except one the radar lists by name (it has a section of its own).
    const onRadar = new Set([...stats.radar.underReporting, ...stats.radar.checkIn].map((u: { id: string }) => u.id));
    const elsewhere = rows.filter((r) => !onRadar.has(r.id));
    expect(elsewhere.map((r) => r.name)).toEqual(expect.arrayContaining(["Ekbackens skola", "Elevhälsan Norr"]));
    const sent = JSON.stringify(stats);
    for (const row of elsewhere) {
      expect(sent, row.name).not.toContain(row.id);
      expect(sent, row.name).not.toContain(row.name);
    }
  });

  for (const locale of ["sv", "en"] as const) {
    it(`/stats has a table per kind of unit and a link to /stats/units; that page has every unit (${locale})`, async () => {
      const t = i18nFor(locale).getFixedT(locale, "stats");
      const { cookie } = await fixture();
      const { stats, units } = await loaders(cookie);
      const percent = new Intl.NumberFormat(locale === "sv" ? "sv-SE" : "en-GB", {
        style: "percent",
        maximumFractionDigits: 0,
      });

      const page = await renderPage("routes/stats._index", statsRoute.default, stats, `/stats${QUERY}`, locale);
      expect(page).not.toContain('id="units-heading"');
      expect(page).not.toContain(t("units.caption", { kind: t("unitKinds.school") }));
      const summary = table(page, t("units.kindsCaption"));
      expect(summary[0]).toEqual([
        t("units.kind"),
        t("units.reports"),
        t("units.onBehalf"),
        t("units.calls"),
        t("units.trained"),
      ]);
      const school = summary.find((r) => r[0] === t("unitKinds.school"));
      const schoolKind = stats.perUnit.kinds.find((k: Kind) => k.kind === "school");
      expect(school).toEqual([
        t("unitKinds.school"),
        "25",
        schoolKind.onBehalfShare === null ? t(hiddenMark("share")) : percent.format(schoolKind.onBehalfShare),
        "6",
        t("units.coverage", { trained: 0, units: 3, share: t(hiddenMark("share")) }),
      ]);
      expect(summary.find((r) => r[0] === t("unitKinds.student_health"))?.slice(1, 2)).toEqual(["5"]);
      expect(summary.find((r) => r[0] === t("unitKinds.student_health"))?.at(-1)).toBe(t("units.notCounted"));
      expect(summary).toHaveLength(1 + 3);
      // The link keeps the period.
      expect(page).toMatch(link(`/stats/units${QUERY}`, t("units.link")));
      expect(page).not.toContain("Ekbackens skola");

      const unitsPage = await renderPage(
        "routes/stats.units",
        unitsRoute.default,
        units,
        `/stats/units${QUERY}`,
        locale,
      );
      expect(/<h1[^>]*>(.*?)<\/h1>/.exec(unitsPage)?.[1]).toBe(t("units.pageTitle"));
      expect(unitsPage).toMatch(link(`/stats${QUERY}`, t("units.back")));
      expect(textOf(unitsPage)).toContain(escaped(t("suppression")));
      expect(unitsPage).toContain('id="stats-period"');
      const schools = table(unitsPage, t("units.caption", { kind: t("unitKinds.school") }));
      expect(schools.find((r) => r[0] === "Ekbackens skola")?.slice(0, 2)).toEqual(["Ekbackens skola", "6"]);
      expect(schools.at(-1)?.slice(0, 2)).toEqual([t("total"), "25"]);
      // Both pages render every text: no key shows.
      for (const html of [page, unitsPage]) expect(html).not.toMatch(/units\.[a-zA-Z]+/);
    });
  }

  it("/stats/units is logged as /stats is: a list of the statistics for the period", async () => {
    const { world, cookie } = await fixture();
    await callRoute(unitsRoute.loader, { path: `/stats/units${QUERY}`, cookie });
    const logged = await getDb()
      .select({ action: auditEvents.action, recordType: auditEvents.recordType, details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.userId, world.user.steering.id), eq(auditEvents.recordType, "stats")));
    expect(logged).toEqual([
      { action: "list", recordType: "stats", details: { from: "2026-01-01", to: "2026-12-31" } },
    ]);
  });
});
