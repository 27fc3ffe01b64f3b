import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { median } from "~/models/stats.server";
import { secondsAsDays } from "~/models/stats-summary.server";

/** The median as percentile_cont(0.5) defines it, by sorting: what the selection must agree with. */
function sortedMedian(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  const low = sorted[Math.floor(middle)];
  return low + (sorted[Math.ceil(middle)] - low) * (middle - Math.floor(middle));
}

describe("the median of the days to a decision", () => {
  it("is percentile_cont(0.5): the middle value, or halfway between the two middle ones", () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([3, 1])).toBe(2);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 4, 1, 9])).toBe(4);
  });

  it("agrees with sorting for any list, ties and fractions of days included (property)", () => {
    const day = fc.oneof(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 400, noNaN: true }));
    fc.assert(
      fc.property(fc.array(day, { minLength: 1, maxLength: 400 }), (values) => {
        expect(median(values)).toBe(sortedMedian(values));
        expect(median(Float64Array.from(values))).toBe(sortedMedian(values));
      }),
      { numRuns: 500, seed: 20261207 },
    );
  });
});

describe("the seconds to decisions as PostgreSQL sends them", () => {
  it("are read back as days from the array's text, whatever the numbers (property)", () => {
    expect(secondsAsDays("{}")).toEqual([]);
    expect(secondsAsDays("{86400,43200}")).toEqual([1, 0.5]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }), { maxLength: 300 }), (seconds) => {
        // int[]::text: braces, commas, no spaces.
        expect(secondsAsDays(`{${seconds.join(",")}}`)).toEqual(seconds.map((s) => s / 86_400));
      }),
      { numRuns: 300, seed: 20261207 },
    );
  });
});
