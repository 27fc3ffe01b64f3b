/**
 * Disclosure control checked the way an attacker would check it (issue 26): every hidden figure is an unknown ≥ 0,
 * every sum on the page is an equation, every shown figure is known. The least and the greatest value a hidden figure
 * can take is then a linear program, solved here with yalps (a dev dependency: the app keeps its own rule). No count
 * from 1 to 4 may show, no shown figure may be wrong, and no hidden figure may be pinned to one whole number — which
 * `derivable`'s linear algebra cannot promise on its own, as it does not know that counts are never negative.
 *
 * The seed is random and printed before the run. To replay a failure:
 *   PROPERTY_SEED=<printed seed> npx vitest run --project unit tests/unit/suppression-property.test.ts
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Constraint, solve } from "yalps";
import { grid, parts, SMALLEST_SHOWN, type Sum } from "~/domain/suppression";
import { adviceGiven, reportSources } from "~/domain/vocabulary";
import { protectLinkedTables } from "~/models/stats.server";

const seed = process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : Math.floor(Math.random() * 2 ** 31);
console.info(`suppression property seed: ${seed} (replay: PROPERTY_SEED=${seed})`);

/** A count from 0 to 60: zeros and small counts (the hard cases) most often. */
const aCount = fc.oneof(
  { weight: 4, arbitrary: fc.constant(0) },
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 4 }) },
  { weight: 3, arbitrary: fc.integer({ min: 5, max: 12 }) },
  { weight: 1, arbitrary: fc.integer({ min: 13, max: 60 }) },
);
/** One unit's reports in one month: smaller, as a kind's column adds up several units over several months. */
const aUnitCount = fc.oneof(
  { weight: 5, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) },
  { weight: 2, arbitrary: fc.integer({ min: 5, max: 15 }) },
);

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/**
 * A page as an attacker reads it: each figure's true value and every place it is shown (null = hidden; the same
 * figure can be shown in two tables), and the sums between figures that the tables' layout makes known.
 */
class Page {
  values: number[] = [];
  shown: (number | null)[][] = [];
  sums: Sum[] = [];
  add(value: number, ...shown: (number | null)[]) {
    this.values.push(value);
    this.shown.push(shown);
    return this.values.length - 1;
  }
  also(figure: number, shown: number | null) {
    this.shown[figure].push(shown);
  }
  sum(total: number, parts: number[]) {
    this.sums.push({ total, parts });
  }
  /** Hidden only if hidden everywhere: one table showing it is enough to know it. */
  isHidden(figure: number) {
    return this.shown[figure].every((v) => v === null);
  }
}

/**
 * The hidden figures whose whole-number range narrows to one value, with that range: solutions of the sums with all
 * hidden figures ≥ 0 are searched (maximising, then minimising, each figure not yet seen to move) for one that puts
 * the figure at least 1 away from its true value. The true values are a solution, so the range always holds them;
 * if no solution moves a figure by a whole 1, its LP range rounded inward to whole numbers is that value alone.
 */
function pinnedFigures(page: Page) {
  const unknowns = page.values.flatMap((_, f) => (page.isHidden(f) ? [f] : []));
  const coefficients = new Map(unknowns.map((f) => [f, [] as [string, number][]]));
  const constraints: [string, Constraint][] = [];
  for (const [k, s] of page.sums.entries()) {
    let known = 0;
    let unknown = 0;
    for (const [figure, sign] of [[s.total, 1] as const, ...s.parts.map((p) => [p, -1] as const)]) {
      const row = coefficients.get(figure);
      if (row) {
        row.push([`s${k}`, sign]);
        unknown++;
      } else known += sign * page.values[figure];
    }
    if (unknown) constraints.push([`s${k}`, { equal: -known }]);
  }
  const EPSILON = 1e-6;
  const open = new Set(unknowns);
  const bounds = (figure: number, direction: "maximize" | "minimize") => {
    const solution = solve({
      direction,
      objective: "objective",
      constraints,
      variables: unknowns.map((f) => [
        String(f),
        f === figure ? [...(coefficients.get(f) ?? []), ["objective", 1]] : (coefficients.get(f) ?? []),
      ]),
    });
    if (solution.status === "unbounded") {
      open.delete(figure);
      return Number.POSITIVE_INFINITY;
    }
    if (solution.status !== "optimal") throw new Error(`LP ${solution.status} for figure ${figure}`);
    const at = new Map(solution.variables.map(([name, v]) => [Number(name), v]));
    // Every figure this solution moves by a whole 1 is not pinned either.
    for (const f of open) if (Math.abs((at.get(f) ?? 0) - page.values[f]) >= 1 - EPSILON) open.delete(f);
    return solution.result;
  };
  const pinned: { figure: number; value: number; min: number; max: number }[] = [];
  for (const figure of unknowns) {
    if (!open.has(figure)) continue;
    const max = bounds(figure, "maximize");
    if (!open.has(figure)) continue;
    const min = bounds(figure, "minimize");
    if (!open.has(figure)) continue;
    pinned.push({ figure, value: page.values[figure], min, max });
  }
  return pinned;
}

/** (a) no count from 1 to 4 shows, (b) what shows is true, (c) no hidden figure can be worked out to one value. */
function expectProtected(page: Page) {
  for (const [f, value] of page.values.entries()) {
    for (const shown of page.shown[f]) if (shown !== null) expect(shown, `figure ${f} shown`).toBe(value);
    if (value > 0 && value < SMALLEST_SHOWN) expect(page.isHidden(f), `figure ${f} = ${value} is hidden`).toBe(true);
  }
  expect(pinnedFigures(page)).toEqual([]);
}

/** One list of parts beside their total. */
function partsPage(values: number[]) {
  const shown = parts(values);
  const page = new Page();
  const figures = values.map((v, i) => page.add(v, shown.parts[i]));
  page.sum(page.add(sum(values), shown.total), figures);
  return page;
}

/** A table with row totals, column totals and a grand total. */
function gridPage(values: number[][]) {
  const shown = grid(values);
  const page = new Page();
  const cells = values.map((row, i) => row.map((v, j) => page.add(v, shown.cells[i][j])));
  const rowTotals = values.map((row, i) => page.add(sum(row), shown.rowTotals[i]));
  const colSums = values[0].map((_, j) => sum(values.map((row) => row[j])));
  const colTotals = colSums.map((v, j) => page.add(v, shown.colTotals[j]));
  const grand = page.add(sum(colSums), shown.total);
  for (const [i, row] of cells.entries()) page.sum(rowTotals[i], row);
  for (const [j, total] of colTotals.entries())
    page.sum(
      total,
      cells.map((row) => row[j]),
    );
  page.sum(grand, rowTotals);
  page.sum(grand, colTotals);
  return page;
}

// As app/models/stats.server.ts and stats-summary.server.ts: the kinds with a per-unit table, and the advice calls'
// kinds (the same three, then calls whose caller's kind is unknown).
const perUnitKinds = ["preschool", "school", "student_health"] as const;
const adviceKinds = [...perUnitKinds, "unknown"] as const;

/**
 * The linked tables of /stats, from the counts behind them: reports per unit and month (a unit's kind is its
 * source's column; other channels have no units) and advice calls, each by caller, month and advice given.
 */
type Linked = {
  months: number;
  unitKinds: number[];
  unitReports: number[][];
  otherChannel: number[];
  calls: { caller: number; month: number; advice: number }[];
};

const aLinked: fc.Arbitrary<Linked> = fc
  .record({ months: fc.integer({ min: 1, max: 6 }), unitsPerKind: fc.array(fc.nat(3), { minLength: 3, maxLength: 3 }) })
  .chain(({ months, unitsPerKind }) => {
    const unitKinds = unitsPerKind.flatMap((n, k) => Array.from({ length: n }, () => k));
    const perMonth = <T>(a: fc.Arbitrary<T>) => fc.array(a, { minLength: months, maxLength: months });
    return fc.record({
      months: fc.constant(months),
      unitKinds: fc.constant(unitKinds),
      unitReports: fc.array(perMonth(aUnitCount), { minLength: unitKinds.length, maxLength: unitKinds.length }),
      otherChannel: perMonth(aCount),
      calls: fc.array(
        fc.record({
          // A caller past the last unit is one whose kind of unit is unknown.
          caller: fc.nat(unitKinds.length),
          month: fc.nat(months - 1),
          advice: fc.nat(adviceGiven.length - 1),
        }),
        { maxLength: 40 },
      ),
    });
  });

/** The counts of a `Linked`, added up as stats.server.ts adds them up. */
function countsOf(input: Linked) {
  const matrix = Array.from({ length: input.months }, (_, m) =>
    reportSources.map((source) => {
      if (source === "other_channel") return input.otherChannel[m];
      const k = perUnitKinds.indexOf(source);
      return sum(input.unitReports.filter((_, u) => input.unitKinds[u] === k).map((r) => r[m]));
    }),
  );
  const kindOf = (caller: number) => adviceKinds[input.unitKinds[caller] ?? adviceKinds.indexOf("unknown")];
  const calls = {
    total: input.calls.length,
    perMonth: Array.from({ length: input.months }, (_, m) => input.calls.filter((c) => c.month === m).length),
    perKind: adviceKinds.map((kind) => input.calls.filter((c) => kindOf(c.caller) === kind).length),
    perAdvice: adviceGiven.map((_, a) => input.calls.filter((c) => c.advice === a).length),
  };
  const units = input.unitKinds.map((k, u) => ({
    kind: perUnitKinds[k],
    reports: sum(input.unitReports[u]),
    calls: input.calls.filter((c) => c.caller === u).length,
  }));
  return { matrix, calls, units };
}

/**
 * What `statsOverview` (app/models/stats.server.ts) shows of these counts: each table suppressed on its own as it does
 * it, then all of them protected together by its own `protectLinkedTables`.
 */
function showLinked(counts: ReturnType<typeof countsOf>) {
  const { matrix, calls, units } = counts;
  const bySource = grid(matrix);
  const advice = {
    perMonth: parts(calls.perMonth),
    byUnitKind: parts(calls.perKind),
    byAdvice: parts(calls.perAdvice),
  };
  const kinds = perUnitKinds.map((kind) => {
    const ofKind = units.filter((r) => r.kind === kind);
    const reportsShown = parts(ofKind.map((r) => r.reports));
    const callsShown = parts(ofKind.map((r) => r.calls));
    return {
      kind,
      units: ofKind.map((_, i) => ({ reports: reportsShown.parts[i], calls: callsShown.parts[i] })),
      reports: reportsShown.total,
      calls: callsShown.total,
    };
  });

  protectLinkedTables(counts, { bySource, advice, kinds });
  return { bySource, advice, kinds };
}

/**
 * The attacker's page of the linked tables: built from what the tables show and how they add up, not from protectLinkedTables.
 * The call total is shown once (advice per month); the other two breakdowns' totals are not printed.
 */
function linkedPage(input: Linked) {
  const counts = countsOf(input);
  const { matrix, calls, units } = counts;
  const shown = showLinked(counts);
  const page = new Page();
  const cells = matrix.map((row, i) => row.map((v, j) => page.add(v, shown.bySource.cells[i][j])));
  const rowTotals = matrix.map((row, i) => page.add(sum(row), shown.bySource.rowTotals[i]));
  const colTotals = reportSources.map((_, j) =>
    page.add(sum(matrix.map((row) => row[j])), shown.bySource.colTotals[j]),
  );
  const grand = page.add(sum(matrix.flat()), shown.bySource.total);
  for (const [i, row] of cells.entries()) page.sum(rowTotals[i], row);
  for (const [j, total] of colTotals.entries())
    page.sum(
      total,
      cells.map((row) => row[j]),
    );
  page.sum(grand, rowTotals);
  page.sum(grand, colTotals);

  const callTotal = page.add(calls.total, shown.advice.perMonth.total);
  const breakdown = (values: number[], of: { parts: (number | null)[] }) => {
    const figures = values.map((v, i) => page.add(v, of.parts[i]));
    page.sum(callTotal, figures);
    return figures;
  };
  breakdown(calls.perMonth, shown.advice.perMonth);
  const callKinds = breakdown(calls.perKind, shown.advice.byUnitKind);
  breakdown(calls.perAdvice, shown.advice.byAdvice);

  for (const k of shown.kinds) {
    const ofKind = units.filter((u) => u.kind === k.kind);
    const reportTotal = colTotals[reportSources.indexOf(k.kind)];
    const callsTotal = callKinds[adviceKinds.indexOf(k.kind)];
    page.also(reportTotal, k.reports);
    page.also(callsTotal, k.calls);
    page.sum(
      reportTotal,
      ofKind.map((u, i) => page.add(u.reports, k.units[i].reports)),
    );
    page.sum(
      callsTotal,
      ofKind.map((u, i) => page.add(u.calls, k.units[i].calls)),
    );
  }
  return page;
}

describe("disclosure control against an attacker who solves the sums (property)", () => {
  const runs = { parts: 1000, grid: 1000, linked: 1500 };
  // Each `it` has its own seed derived from the printed one, so any of them can be replayed alone.
  const options = (n: number, offset: number) => ({ numRuns: n, seed: seed + offset });

  it("protects a list of parts beside its total", () => {
    fc.assert(
      fc.property(fc.array(aCount, { minLength: 1, maxLength: 8 }), (values) => expectProtected(partsPage(values))),
      options(runs.parts, 0),
    );
  });

  it("protects a table with row, column and grand totals", () => {
    const aTable = fc
      .integer({ min: 1, max: 5 })
      .chain((cols) =>
        fc.array(fc.array(aCount, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 6 }),
      );
    fc.assert(
      fc.property(aTable, (values) => expectProtected(gridPage(values))),
      options(runs.grid, 1),
    );
  });

  it("protects the linked tables of /stats: month × source, advice calls, the units of each kind", () => {
    fc.assert(
      fc.property(aLinked, (input) => expectProtected(linkedPage(input))),
      options(runs.linked, 2),
    );
  });
});
