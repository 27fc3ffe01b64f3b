import { describe, expect, it } from "vitest";
import {
  changeOf,
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
  it("orders changes by size, biggest first, shares in points and counts in per cent", () => {
    const summary = summarize([
      figure("reportsTotal", "count", 100, 120), // +20 %
      figure("reportsSchool", "count", 40, 60), // +50 %
      figure("investigationShare", "share", 0.5, 0.42), // −8 points
      figure("childHeard", "share", 0.25, 0.55), // +30 points
      figure("medianDaysToDecision", "days", 10, 8), // −20 %
    ]);
    expect(summary.map((s) => [s.key, s.direction, s.size, s.unit])).toEqual([
      ["reportsSchool", "up", 50, "percent"],
      ["childHeard", "up", 30, "points"],
      ["reportsTotal", "up", 20, "percent"],
      ["medianDaysToDecision", "down", 20, "percent"],
      ["investigationShare", "down", 8, "points"],
    ]);
    // Equal sizes keep the order of the figures: reportsTotal came before the median.
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

  it("leaves out tiny changes", () => {
    const summary = summarize([
      figure("reportsTotal", "count", 1000, 1090), // 9 %: below 10 %
      figure("reportsSchool", "count", 5, 7), // 40 % but only 2 more: noise
      figure("investigationShare", "share", 0.5, 0.54), // 4 points: below 5
      figure("decisionsInTime", "share", 0.5, 0.5), // unchanged
      figure("medianDaysToDecision", "days", 5, 5.5), // 10 % but half a day
      figure("adviceCalls", "count", 0, 40), // from zero: no relative size, table only
      figure("trainingParticipants", "count", 50, 45), // 10 % and 5 fewer: listed
      figure("childHeard", "share", 0.3, 0.35), // 5 points: listed
    ]);
    expect(summary.map((s) => [s.key, s.direction, s.size])).toEqual([
      ["trainingParticipants", "down", 10],
      ["childHeard", "up", 5],
    ]);
  });
});
