import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { and, eq, gte, lt } from "drizzle-orm";
import { createElement, type ReactElement } from "react";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { reports as reportsTable, reviewCases, reviewSamples, steeringActions } from "#db/schema";
import { StatsReportPage, printFooterCss } from "~/components/stats-report";
import { reviewItems, type ReviewAnswer, type ReviewAnswers } from "~/domain/review-checklist";
import { hiddenMark } from "~/domain/stats-marks";
import { i18nFor, type AppLocale } from "~/lib/i18n";
import { fileAgreementDeviation, recordDeviationStep } from "~/models/agreement-deviation.server";
import { planCheckIn, recordCheckIn } from "~/models/check-in.server";
import { addSteeringAction, addSteeringAgendaItem, createSteeringMeeting } from "~/models/steering-log.server";
import { getCurrentUser } from "~/models/user.server";
import * as reportRoute from "~/routes/stats.report";
import { createUser, createWorld, currentUsers, sessionCookieFor } from "../factories";
import { renderStatic } from "../render";
import { callRoute } from "../routes";
import { hiddenFiguresIn2025, report, times } from "../stats-fixtures";

const answers = (pick: (item: (typeof reviewItems)[number]) => ReviewAnswer) =>
  Object.fromEntries(
    reviewItems.map((item) => [item, { answer: pick(item), comment: "", suggested: null }]),
  ) as ReviewAnswers;

/**
 * 2025 in Teststad: the reports and calls of `hiddenFiguresIn2025` (school 30, preschool 3 and the police's 10 hidden
 * with it, 3 advice calls hidden); 6 check-ins planned, 3 of them held (hidden); 7 deviations filed (6 from the
 * school: 5 "no feedback", 1 "meeting not held"; 1 from the preschool), 5 of them closed (the share hidden: 2 left);
 * February's review sample, 6 completed cases (the child heard in all 6; decided in time in 4 of 6: hidden); one
 * steering-group meeting with a decision and an action still open at the year's end. 2024: 10 school reports.
 */
async function fixture() {
  const world = await createWorld();
  const m = world.municipality.id;
  await hiddenFiguresIn2025(world);
  await times(10, () => report(m, { on: "2024-03-10", unitId: world.unit.school.id, decision: "opened" }));
  const preschoolStaff = await createUser({ municipalityId: m, unitId: world.unit.preschool.id, role: "staff" });
  const users = await currentUsers(world, "staff", "coordinator", "steering", "reception_lead");
  const preschool = (await getCurrentUser(preschoolStaff.id, m))!;

  for (let i = 0; i < 6; i++) {
    const planned = await planCheckIn(users.coordinator, {
      unitId: world.unit.school.id,
      reason: "other",
      plannedFor: `2025-0${i + 3}-10`,
      submissionKey: randomUUID(),
    });
    if (!planned) throw new Error("not planned");
    if (i < 3) {
      const held = { status: "held" as const, heldOn: `2025-0${i + 3}-11`, attendees: "Rektor", agreedActions: "" };
      expect((await recordCheckIn(users.coordinator, planned.id, held)).ok).toBe(true);
    }
  }

  const filedOn = new Date("2025-05-05T10:00:00Z");
  const deviations: string[] = [];
  for (let i = 0; i < 6; i++) {
    const filed = await fileAgreementDeviation(
      users.staff,
      {
        kind: i < 5 ? "no_feedback" : "meeting_not_held",
        description: "Överenskommelsen följdes inte.",
        report: null,
        unitId: world.unit.school.id,
        submissionKey: randomUUID(),
      },
      filedOn,
    );
    if (!filed) throw new Error("not filed");
    deviations.push(filed.id);
  }
  const fromPreschool = await fileAgreementDeviation(
    preschool,
    {
      kind: "no_feedback",
      description: "Ingen återkoppling.",
      report: null,
      unitId: world.unit.preschool.id,
      submissionKey: randomUUID(),
    },
    filedOn,
  );
  if (!fromPreschool) throw new Error("not filed");
  for (const id of deviations.slice(0, 5))
    expect((await recordDeviationStep(users.coordinator, id, "close", "Klart.")).ok).toBe(true);

  const schoolReports = await getDb()
    .select({ id: reportsTable.id })
    .from(reportsTable)
    .where(
      and(
        eq(reportsTable.municipalityId, m),
        eq(reportsTable.unitId, world.unit.school.id),
        gte(reportsTable.receivedAt, new Date("2025-01-01T00:00:00Z")),
        lt(reportsTable.receivedAt, new Date("2025-12-01T00:00:00Z")),
      ),
    )
    .limit(6);
  const [sample] = await getDb()
    .insert(reviewSamples)
    .values({
      municipalityId: m,
      month: "2025-02",
      seed: "seed",
      size: 6,
      candidates: 30,
      drawnById: users.reception_lead.id,
    })
    .returning();
  await getDb()
    .insert(reviewCases)
    .values(
      schoolReports.map((row, i) => ({
        municipalityId: m,
        sampleId: sample.id,
        reportId: row.id,
        position: i + 1,
        reviewerId: users.reception_lead.id,
        answers: answers((item) =>
          item === "police_considered" ? "na" : item === "decision_in_time" ? (i < 4 ? "yes" : "no") : "yes",
        ),
        completedAt: new Date("2025-03-10T10:00:00Z"),
      })),
    );

  const meeting = await createSteeringMeeting(users.steering, {
    heldOn: "2025-03-20",
    title: "Vårens styrgruppsmöte",
    submissionKey: randomUUID(),
  });
  if (!meeting) throw new Error("no meeting");
  await addSteeringAgendaItem(users.steering, meeting.id, {
    title: "Återkopplingen",
    figure: null,
    notes: "",
    decision: "Mottagningen redovisar återkopplingen varje månad.",
    submissionKey: randomUUID(),
  });
  const action = await addSteeringAction(users.steering, meeting.id, {
    description: "Ta fram en plan för avstämningarna",
    ownerId: users.steering.id,
    dueOn: "2026-02-01",
    agendaItemId: null,
    submissionKey: randomUUID(),
  });
  if (!action?.ok) throw new Error("no action");
  // Made at the meeting, in 2025: open at the year's end.
  await getDb()
    .update(steeringActions)
    .set({ createdAt: new Date("2025-03-20T12:00:00Z") })
    .where(eq(steeringActions.id, action.id));

  return { world, cookie: await sessionCookieFor(world.user.steering) };
}

/** The page as the server renders it, from the loader's data as the browser gets it (JSON). */
async function renderReport(cookie: string, locale: AppLocale) {
  const result = await callRoute(reportRoute.loader, { path: "/stats/report?year=2025", cookie });
  expect(result.status).toBe(200);
  const data = JSON.parse(JSON.stringify(result.data));
  const html = await render(() => createElement(StatsReportPage, data), locale);
  return { data, html };
}

/** Components as the server renders them, in `locale`. */
const render = (element: () => ReactElement, locale: AppLocale) =>
  renderStatic([{ path: "*", Component: element }], new Request("http://localhost/stats/report?year=2025"), locale);

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .trim();

/** The text of each cell of the table with `caption`, row by row (header row included). */
function table(html: string, caption: string) {
  const body = html.split(`<caption>${caption}</caption>`)[1]?.split("</table>")[0];
  if (body === undefined) throw new Error(`no table ${caption}`);
  return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => text(c[1])),
  );
}
/** The row of `table` whose first cell is `label`, without it. */
function row(rows: string[][], label: string) {
  const found = rows.find((r) => r[0] === label || r[0].startsWith(label));
  if (!found) throw new Error(`no row ${label} in ${JSON.stringify(rows.map((r) => r[0]))}`);
  return found.slice(1);
}

/** The sections of the page: the cover (summary page) and the parts that each start a printed page. */
function sections(html: string) {
  const cover = /<section[^>]*class="stats-report__cover[^"]*"[^>]*>(.*?)<\/section>\s*(?=<section)/s.exec(html)?.[1];
  const parts = html
    .split(/(?=<section[^>]*class="stats-report__part)/)
    .slice(1)
    .map((part) => ({ heading: text(/<h2[^>]*>(.*?)<\/h2>/.exec(part)?.[1] ?? ""), html: part }));
  return { cover: cover ?? "", parts };
}

/** Each chart's caption and what follows it up to the next chart. */
function charts(html: string) {
  return html
    .split(/(?=<figure class="bar-chart)/)
    .slice(1)
    .map((part) => {
      const [figure, ...rest] = part.split("</figure>");
      const caption = /<figcaption class="bar-chart__caption">(.*?)<\/figcaption>/.exec(figure)?.[1] ?? "";
      return { caption, figure, after: rest.join("</figure>") };
    });
}

describe("the printed yearly report", () => {
  for (const locale of ["sv", "en"] as const) {
    it(`has a summary page first, then the parts, each chart with its table, and hides what /stats hides (${locale})`, async () => {
      const t = i18nFor(locale).getFixedT(locale);
      const count = t(hiddenMark("count"));
      const tooFew = t(hiddenMark("share"));
      const { world, cookie } = await fixture();
      const { data, html } = await renderReport(cookie, locale);
      const { cover, parts } = sections(html);

      // The summary page: the heading, the key figures in short and the summary sentences, and nothing else.
      expect(cover).toContain(t("statsReport:headingWithMunicipality", { year: 2025, municipality: "Teststad" }));
      expect(cover).toContain(
        `<caption>${t("statsReport:cover.keyFigures", { year: 2025, previousYear: 2024 })}</caption>`,
      );
      expect(cover).toContain(t("statsReport:summary.heading"));
      expect(cover).not.toContain("<figure");
      expect(cover).not.toContain(t("statsReport:parts.followUp", { year: 2025 }));
      const short = table(cover, t("statsReport:cover.keyFigures", { year: 2025, previousYear: 2024 }));
      expect(row(short, t("statsReport:figures.reportsTotal")).slice(0, 2)).toEqual(["10", "43"]);

      // Then the parts, in this order, each a printed page of its own.
      expect(parts.map((p) => p.heading)).toEqual([
        t("statsReport:parts.reports", { year: 2025 }),
        t("statsReport:parts.unitKinds", { year: 2025 }),
        t("statsReport:parts.figures", { year: 2025, previousYear: 2024 }),
        t("statsReport:parts.followUp", { year: 2025 }),
      ]);

      // No chart without its table: the next thing after each chart is a table with the chart's caption.
      const found = charts(html);
      expect(found.length).toBeGreaterThanOrEqual(5);
      for (const chart of found) {
        const next = /<table[^>]*><caption>(.*?)<\/caption>/.exec(chart.after);
        expect(next?.[1], chart.caption).toBe(chart.caption);
        expect(text(chart.after.slice(0, chart.after.indexOf("<table"))), chart.caption).toBe("");
      }

      // Per kind of unit: the same figures as /stats, hidden as there (preschool 3, and the police's 10 with it;
      // the school's 3 calls; the preschool's 1 deviation and the school's 6 with it).
      const kinds = table(parts[1].html, t("statsReport:unitKinds.countsTitle", { year: 2025 }));
      expect(kinds[0].slice(1)).toEqual([
        t("statsReport:unitKinds.reports"),
        t("statsReport:unitKinds.calls"),
        t("statsReport:unitKinds.deviations"),
      ]);
      expect(row(kinds, t("statsReport:unitKinds.kinds.preschool"))).toEqual([count, "0", count]);
      expect(row(kinds, t("statsReport:unitKinds.kinds.school"))).toEqual(["30", count, count]);
      expect(row(kinds, t("statsReport:unitKinds.kinds.student_health"))).toEqual(["0", "0", "0"]);
      expect(row(kinds, t("statsReport:unitKinds.kinds.other"))).toEqual([count, "0", "0"]);
      expect(row(kinds, t("statsReport:unitKinds.all"))).toEqual(["43", count, "7"]);
      const shares = table(parts[1].html, t("statsReport:unitKinds.sharesTitle", { year: 2025 }));
      // Investigation share, protection in time, decisions in time, child heard, median days.
      expect(row(shares, t("statsReport:unitKinds.kinds.preschool"))).toEqual([tooFew, tooFew, tooFew, tooFew, tooFew]);
      expect(row(shares, t("statsReport:unitKinds.kinds.school"))[0]).toMatch(/^67\s?%$/);

      // The agreement's follow-up: check-ins, deviations, the internal review and the steering group.
      const followUp = parts[3].html;
      const checkIns = table(followUp, t("statsReport:followUp.checkIns.title", { year: 2025, previousYear: 2024 }));
      expect(row(checkIns, t("statsReport:followUp.checkIns.planned"))).toEqual(["0", "6"]);
      expect(row(checkIns, t("statsReport:followUp.checkIns.held"))).toEqual(["0", count]);
      const filed = table(followUp, t("statsReport:followUp.deviations.caption", { year: 2025, previousYear: 2024 }));
      expect(row(filed, t("statsReport:figures.deviationsFiled")).slice(0, 2)).toEqual(["0", "7"]);
      expect(row(filed, t("statsReport:figures.deviationsClosed")).slice(0, 2)).toEqual([tooFew, tooFew]);
      const byKind = table(followUp, t("statsReport:followUp.deviations.byKind", { year: 2025 }));
      expect(row(byKind, t("deviations:kinds.no_feedback"))).toEqual([count]);
      expect(row(byKind, t("deviations:kinds.meeting_not_held"))).toEqual([count]);
      const review = table(followUp, t("statsReport:followUp.review.title", { year: 2025, previousYear: 2024 }));
      expect(row(review, t("statsReport:followUp.review.cases"))).toEqual(["0", "6"]);
      expect(row(review, t("reviews:items.child_heard"))[0]).toBe(tooFew);
      expect(row(review, t("reviews:items.child_heard"))[1]).toMatch(/^100\s?%$/);
      expect(row(review, t("reviews:items.decision_in_time"))).toEqual([tooFew, tooFew]);
      expect(row(review, t("reviews:items.police_considered"))).toEqual([tooFew, tooFew]);
      expect(followUp).toContain(t("steering:report.heading", { year: 2025 }));
      expect(followUp).toContain("Vårens styrgruppsmöte");
      expect(followUp).toContain("Mottagningen redovisar återkopplingen varje månad.");
      expect(followUp).toContain("Ta fram en plan för avstämningarna");

      // No hidden cell shows a value: no count from 1 to 4 anywhere, in a table or a chart.
      const cells = [...html.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => text(c[1]));
      expect(cells.length).toBeGreaterThan(100);
      for (const cell of cells) expect(cell).not.toMatch(/^[1-4]$/);
      const countCharts = found.filter((c) => !/bar-chart--horizontal/.test(c.figure));
      expect(countCharts.length).toBeGreaterThanOrEqual(4);
      for (const chart of countCharts) {
        expect(chart.figure, chart.caption).not.toMatch(/data-value="[1-4]"/);
        // A bar's tooltip and the chart's description give no hidden value either.
        expect(text(chart.figure), chart.caption).not.toMatch(/: [1-4](?!\d)/);
      }
      expect(html).not.toContain("&lt; 5");

      // Nothing names a child or a report.
      const known = await getDb()
        .select({ id: reportsTable.id, reference: reportsTable.reference })
        .from(reportsTable)
        .where(eq(reportsTable.municipalityId, world.municipality.id));
      const loaded = JSON.stringify(data);
      for (const r of known) {
        expect(loaded).not.toContain(r.id);
        expect(html).not.toContain(r.reference);
      }
    });
  }

  it("writes the running footer, the municipality and the year, as a CSS string nothing can break out of", () => {
    const css = printFooterCss('Årsrapport 2025 – Ö"stad</style><script>');
    expect(css).toContain("@bottom-left");
    expect(css).not.toMatch(/<|>/);
    // One string: its two quotes and nothing else unescaped.
    const content = /content:\s*("(?:[^"\\]|\\.)*")/.exec(css)?.[1];
    expect(content).toBeDefined();
    expect(content?.slice(1, -1)).not.toContain('"');
    // Read as CSS reads it (a hex escape takes one whitespace after it as its end): the text, spaces and all.
    const read = content
      ?.slice(1, -1)
      .replace(/\\([0-9a-f]{1,6})[ \t\n]?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)));
    expect(read).toBe('Årsrapport 2025 – Ö"stad</style><script>');
  });

  it("has every text in both languages", () => {
    const keys = (o: unknown, prefix = ""): string[] =>
      Object.entries(o as Record<string, unknown>).flatMap(([k, v]) =>
        typeof v === "object" && v !== null
          ? keys(v, `${prefix}${k}.`)
          : [`${prefix}${k}`.replace(/_(one|other)$/, "")],
      );
    const of = (locale: string) =>
      [...new Set(keys(JSON.parse(readFileSync(`locales/${locale}/stats-report.json`, "utf8"))))].sort();
    expect(of("en")).toEqual(of("sv"));
  });
});
