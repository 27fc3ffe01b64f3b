import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { ReportYearSummary } from "~/components/stats-report";
import { type AppLocale, i18nFor } from "~/lib/i18n";
import {
  changeOf,
  keyFigureKeys,
  SUMMARY_MAX,
  summarize,
  type FigureKind,
  type KeyFigure,
  type KeyFigureKey,
} from "~/models/stats-report.server";

/** A key figure as `keyFigures` builds it: the change from the two values, null when either is hidden. */
function figure(key: KeyFigureKey, kind: FigureKind, previous: number | null, current: number | null): KeyFigure {
  return {
    key,
    kind,
    previous,
    current,
    change: changeOf(kind, current, previous),
  };
}

describe("the change between two years", () => {
  it("is computed only when both years are shown", () => {
    expect(changeOf("count", 12, null)).toBeNull();
    expect(changeOf("count", null, 12)).toBeNull();
    expect(changeOf("share", null, 0.5)).toBeNull();
    expect(changeOf("days", 8, null)).toBeNull();
  });

  it("gives counts as a difference and relative to the year before", () => {
    expect(changeOf("count", 50, 40)).toEqual({ difference: 10, relative: 0.25 });
    expect(changeOf("count", 30, 40)).toEqual({ difference: -10, relative: -0.25 });
    // From zero there is no relative change.
    expect(changeOf("count", 8, 0)).toEqual({ difference: 8, relative: null });
  });

  it("gives shares in whole percentage points of the shares as printed (rounded first)", () => {
    // 40.4 % and 45.4 % print as 40 % and 45 %: the change reads +5, not +5.0 or +4.
    expect(changeOf("share", 0.454, 0.404)).toEqual({ difference: 5, relative: null });
    // 40.49 % → 40 %, 44.51 % → 45 %: +5 points although the exact difference is 4.02.
    expect(changeOf("share", 0.4451, 0.4049)).toEqual({ difference: 5, relative: null });
  });

  it("gives the median in days, to one decimal", () => {
    expect(changeOf("days", 7.5, 10)).toEqual({ difference: -2.5, relative: -0.25 });
  });
});

describe("the summary of the largest changes", () => {
  it("orders changes biggest first: shares by points, counts and the median by per cent of the larger year", () => {
    const summary = summarize([
      figure("reportsTotal", "count", 100, 120), // 20 of 120: 16.7
      figure("reportsSchool", "count", 40, 60), // 20 of 60: 33.3
      figure("investigationShare", "share", 0.5, 0.42), // −8 points
      figure("childHeard", "share", 0.25, 0.55), // +30 points
      figure("medianDaysToDecision", "days", 10, 8), // 2 of 10: 20
    ]);
    expect(summary.map((s) => [s.key, s.direction, s.difference, s.relative])).toEqual([
      ["reportsSchool", "up", 20, 0.5],
      ["childHeard", "up", 30, null],
      ["medianDaysToDecision", "down", -2, -0.2],
      ["reportsTotal", "up", 20, 0.2],
      ["investigationShare", "down", -8, null],
    ]);
    expect(summary.map((s) => Math.round(s.size * 10) / 10)).toEqual([33.3, 30, 20, 16.7, 8]);
    expect(summary[0]).toMatchObject({ previous: 40, current: 60, kind: "count" });
  });

  it("lists at most five", () => {
    const many = (
      [
        "reportsTotal",
        "reportsPreschool",
        "reportsSchool",
        "reportsStudentHealth",
        "reportsOtherChannel",
        "adviceCalls",
        "trainingsHeld",
      ] as const
    ).map((key, i) => figure(key, "count", 100, 200 + i * 10));
    const summary = summarize(many);
    expect(summary).toHaveLength(SUMMARY_MAX);
    expect(summary.map((s) => s.key)).toEqual([
      "trainingsHeld",
      "adviceCalls",
      "reportsOtherChannel",
      "reportsStudentHealth",
      "reportsSchool",
    ]);
  });

  it("never lists a figure hidden in either year", () => {
    const summary = summarize([
      figure("reportsStudentHealth", "count", null, 60), // was hidden: no change may be computed
      figure("trainingsHeld", "count", 12, null), // is hidden now
      figure("concernAttended", "share", 0.1, null),
      figure("medianDaysToDecision", "days", null, 30),
    ]);
    expect(summary).toEqual([]);
  });

  it("lists a count from zero and to zero: a change of 14 is a change", () => {
    const up = summarize([figure("reportsPreschool", "count", 0, 14)]);
    expect(up).toEqual([
      expect.objectContaining({ key: "reportsPreschool", direction: "up", previous: 0, current: 14, difference: 14 }),
    ]);
    expect(up[0]?.relative).toBeNull();
    const down = summarize([figure("reportsPreschool", "count", 14, 0)]);
    expect(down).toEqual([
      expect.objectContaining({ key: "reportsPreschool", direction: "down", previous: 14, current: 0 }),
    ]);
    expect(down[0]).toMatchObject({ difference: -14, relative: -1 });
    // From or to zero is the whole of the larger year: first, before a large but partial change.
    const both = summarize([figure("reportsTotal", "count", 1000, 1500), figure("reportsPreschool", "count", 0, 14)]);
    expect(both.map((s) => s.key)).toEqual(["reportsPreschool", "reportsTotal"]);
  });

  it("lists every count that moved by five or more, and no count that moved by less", () => {
    expect(summarize([figure("reportsTotal", "count", 100, 106)]).map((s) => s.key)).toEqual(["reportsTotal"]);
    expect(summarize([figure("reportsTotal", "count", 100, 95)]).map((s) => s.key)).toEqual(["reportsTotal"]);
    expect(summarize([figure("reportsSchool", "count", 5, 7)])).toEqual([]);
    expect(summarize([figure("reportsSchool", "count", 0, 4)])).toEqual([]);
  });

  it("leaves out small changes", () => {
    const summary = summarize([
      figure("reportsTotal", "count", 1000, 1004), // 4 more
      figure("reportsSchool", "count", 5, 7), // 40 % but only 2 more
      figure("investigationShare", "share", 0.5, 0.54), // 4 points: below 5
      figure("decisionsInTime", "share", 0.5, 0.5), // unchanged
      figure("medianDaysToDecision", "days", 5, 5.5), // 10 % but half a day
      figure("adviceCalls", "count", 0, 40), // from zero: listed
      figure("trainingParticipants", "count", 50, 45), // 5 fewer: listed
      figure("childHeard", "share", 0.3, 0.35), // 5 points: listed
    ]);
    expect(summary.map((s) => [s.key, s.direction, s.difference])).toEqual([
      ["adviceCalls", "up", 40],
      ["trainingParticipants", "down", -5],
      ["childHeard", "up", 5],
    ]);
  });

  it("lists the median when it moved by a day and 10 %, or by a day from zero", () => {
    expect(summarize([figure("medianDaysToDecision", "days", 20, 21)])).toEqual([]); // a day but 5 %
    expect(summarize([figure("medianDaysToDecision", "days", 0, 0.5)])).toEqual([]); // half a day
    expect(summarize([figure("medianDaysToDecision", "days", 0, 2)])).toEqual([
      expect.objectContaining({ difference: 2, relative: null, direction: "up" }),
    ]);
    expect(summarize([figure("medianDaysToDecision", "days", 10, 12)])).toHaveLength(1);
  });
});

/** A small seeded generator (mulberry32): the same "random" figures on every run. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The summary as the page writes it, as plain text. */
function renderSummary(summary: ReturnType<typeof summarize>, locale: AppLocale = "sv") {
  const html = renderToStaticMarkup(
    createElement(
      I18nextProvider,
      { i18n: i18nFor(locale) },
      createElement(ReportYearSummary, { summary, previousYear: 2024 }),
    ),
  );
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");
}
const noneText = (locale: AppLocale) =>
  i18nFor(locale).getFixedT(locale, "statsReport")("summary.none", { previousYear: 2024 }).replace(/\s+/g, " ");

describe("the summary never says nothing changed when a figure moved (issue 23, item 3)", () => {
  it("whenever a shown count moved by five or more or a share by five points, lists it", () => {
    const random = seeded(23);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
    const kinds: FigureKind[] = ["count", "share", "days"];
    for (let run = 0; run < 2000; run++) {
      const keys = keyFigureKeys.filter(() => random() < 0.3);
      const figures = keys.map((key) => {
        const kind = pick(kinds);
        const value = (): number | null => {
          if (random() < 0.15) return null;
          if (kind === "share") return random() < 0.1 ? pick([0, 1]) : Math.round(random() * 1000) / 1000;
          if (kind === "days") return random() < 0.1 ? 0 : Math.round(random() * 300) / 10;
          return pick([0, Math.floor(random() * 20), Math.floor(random() * 200), Math.floor(random() * 3000)]);
        };
        return figure(key, kind, value(), value());
      });
      const summary = summarize(figures);
      const moved = figures.filter((f) => {
        if (f.previous === null || f.current === null) return false;
        if (f.kind === "count") return Math.abs(f.current - f.previous) >= 5;
        if (f.kind === "share") return Math.abs(Math.round(f.current * 100) - Math.round(f.previous * 100)) >= 5;
        return false;
      });
      const context = JSON.stringify(figures);
      if (moved.length) {
        expect(summary.length, context).toBeGreaterThan(0);
        expect(summary.length, context).toBeGreaterThanOrEqual(Math.min(moved.length, SUMMARY_MAX));
        if (run % 20 === 0) expect(renderSummary(summary), context).not.toContain(noneText("sv"));
      }
      // Hidden figures never appear, and the order is by size.
      for (const item of summary) {
        const f = figures.find((x) => x.key === item.key);
        expect(f?.previous, context).not.toBeNull();
        expect(f?.current, context).not.toBeNull();
      }
      expect(summary.map((s) => s.size)).toEqual([...summary.map((s) => s.size)].sort((a, b) => b - a));
      expect(summary.length).toBeLessThanOrEqual(SUMMARY_MAX);
    }
  });

  it("writes the change from zero with both numbers, and from a count with the difference and per cent", () => {
    const summary = summarize([
      figure("reportsPreschool", "count", 0, 14),
      figure("reportsSchool", "count", 40, 56),
      figure("childHeard", "share", 0.3, 0.42),
      figure("medianDaysToDecision", "days", 10, 12),
    ]);
    const sv = renderSummary(summary, "sv");
    expect(sv).not.toContain(noneText("sv"));
    expect(sv).toMatch(/Anmälningar från förskolor ökade[^.]* från 0 till 14 \(\+14\)\./);
    expect(sv).toMatch(/Anmälningar från skolor ökade[^.]* från 40 till 56 \(\+16, \+40\s%\)\./);
    expect(sv).toMatch(/från 30\s% till 42\s% \(\+12 procentenheter\)/);
    expect(sv).toMatch(/från 10 dagar till 12 dagar \(\+2 dagar, \+20\s%\)/);
    const en = renderSummary(summary, "en");
    expect(en).not.toContain(noneText("en"));
    expect(en).toMatch(/Reports from preschools rose[^.]* from 0 to 14 \(\+14\)\./);
    expect(en).toMatch(/from 40 to 56 \(\+16, \+40%\)/);
    expect(en).toMatch(/\(\+12 percentage points\)/);

    const down = renderSummary(summarize([figure("reportsPreschool", "count", 14, 0)]), "sv");
    expect(down).toMatch(/Anmälningar från förskolor minskade[^.]* från 14 till 0 \(−14, −100\s%\)\./);
  });

  it("says nothing changed only when nothing moved by five, and says so truly", () => {
    const summary = summarize([
      figure("reportsSchool", "count", 5, 7),
      figure("investigationShare", "share", 0.5, 0.54),
      figure("adviceCalls", "count", null, 40),
    ]);
    expect(summary).toEqual([]);
    for (const locale of ["sv", "en"] as const) {
      const text = renderSummary(summary, locale);
      expect(text).toContain(noneText(locale));
      expect(noneText(locale)).toContain("5");
      expect(noneText(locale)).toContain("2024");
    }
  });
});
