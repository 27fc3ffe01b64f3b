import { describe, expect, it } from "vitest";
import { assignReviewers, drawSample, seededRandom } from "~/domain/review-sample";

const ids = (n: number) =>
  Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);

describe("seededRandom", () => {
  it("gives the same numbers for the same seed, in [0, 1)", () => {
    const a = seededRandom("9d4abfc4f3275700");
    const b = seededRandom("9d4abfc4f3275700");
    const first = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(first);
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
    const c = seededRandom("9d4abfc4f3275701");
    expect(Array.from({ length: 100 }, () => c())).not.toEqual(first);
  });
});

describe("drawSample", () => {
  it("draws the same sample from the same seed, whatever order the candidates come in", () => {
    const candidates = ids(40);
    const sample = drawSample(candidates, "seed-1", 10);
    expect(drawSample([...candidates].reverse(), "seed-1", 10)).toEqual(sample);
    expect(
      drawSample(
        [...candidates].sort(() => 0.5 - Math.random()),
        "seed-1",
        10,
      ),
    ).toEqual(sample);
    expect(drawSample(candidates, "seed-2", 10)).not.toEqual(sample);
  });

  it("draws distinct candidates, never more than asked or than there are", () => {
    const candidates = ids(25);
    const sample = drawSample(candidates, "abc", 10);
    expect(sample).toHaveLength(10);
    expect(new Set(sample).size).toBe(10);
    for (const id of sample) expect(candidates).toContain(id);
    expect(drawSample(candidates, "abc", 100).sort()).toEqual([...candidates].sort());
    expect(drawSample(candidates, "abc", 0)).toEqual([]);
    expect(drawSample([], "abc", 10)).toEqual([]);
  });

  it("a larger sample from the same seed starts with the smaller one", () => {
    const candidates = ids(30);
    expect(drawSample(candidates, "grow", 12).slice(0, 5)).toEqual(drawSample(candidates, "grow", 5));
  });

  it("gives every candidate about the same chance", () => {
    const candidates = ids(20);
    const times = new Map(candidates.map((id) => [id, 0]));
    const draws = 4000;
    for (let i = 0; i < draws; i++) {
      for (const id of drawSample(candidates, `seed-${i}`, 5)) times.set(id, (times.get(id) ?? 0) + 1);
    }
    // Each is expected draws × 5/20 = 1000 times; a binomial's spread there is about ±27.
    for (const n of times.values()) expect(Math.abs(n - 1000)).toBeLessThan(150);
    // The first place too: no candidate is favoured by where it sorts.
    const first = new Map<string, number>();
    for (let i = 0; i < draws; i++) {
      const [id] = drawSample(candidates, `first-${i}`, 1);
      first.set(id, (first.get(id) ?? 0) + 1);
    }
    for (const id of candidates) expect(Math.abs((first.get(id) ?? 0) - 200)).toBeLessThan(70);
  });
});

describe("assignReviewers", () => {
  const pool = ["anna", "bo", "cia"];

  it("never gives a reviewer a case they are excluded from", () => {
    const cases = ids(30).map((id, i) => ({ id, excluded: [pool[i % 3]] }));
    const assigned = assignReviewers(cases, pool, "s");
    assigned.forEach((reviewer, i) => {
      expect(reviewer).not.toBeNull();
      expect(cases[i].excluded).not.toContain(reviewer);
    });
  });

  it("leaves a case unassigned when nobody else is in the pool", () => {
    const assigned = assignReviewers(
      [
        { id: "1", excluded: ["anna"] },
        { id: "2", excluded: ["bo"] },
      ],
      ["anna"],
      "s",
    );
    expect(assigned).toEqual([null, "anna"]);
    expect(assignReviewers([{ id: "1", excluded: [] }], [], "s")).toEqual([null]);
  });

  it("shares the cases evenly and gives the same answer for the same seed", () => {
    const cases = ids(10).map((id) => ({ id, excluded: [] }));
    const assigned = assignReviewers(cases, pool, "even");
    const counts = pool.map((p) => assigned.filter((r) => r === p).length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(assignReviewers(cases, [...pool].reverse(), "even")).toEqual(assigned);
  });
});
