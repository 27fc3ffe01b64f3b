/**
 * Statistics may never identify a child: a count from 1 to 4 is hidden, and no figure may let a suppressed
 * one be worked out — not a total beside its parts, not a share beside its base. Everything shown on /stats, in its
 * charts and in its CSV goes through here. A suppressed value is `null`; how it is written is ./stats-marks.
 */

export const SMALLEST_SHOWN = 5;

export function isSmall(n: number) {
  return n > 0 && n < SMALLEST_SHOWN;
}

/** One count on its own. */
export function count(n: number): number | null {
  return isSmall(n) ? null : n;
}

/**
 * Parts shown beside their total. Small parts are hidden; if that leaves exactly one part hidden while the total
 * shows, the smallest other non-zero part is hidden as well (else total minus the rest gives it away). A small total is
 * hidden; a hidden total with exactly one hidden part would give the part from the others, so then all parts go too.
 */
export function parts(values: number[], options: { withTotal?: boolean } = {}) {
  const total = values.reduce((a, b) => a + b, 0);
  const shown: (number | null)[] = values.map(count);
  const totalShown = options.withTotal === false ? null : count(total);
  const hiddenIndexes = () => shown.flatMap((v, i) => (v === null ? [i] : []));
  if (options.withTotal !== false && hiddenIndexes().length === 1) {
    const candidates = shown.flatMap((v, i) => (v !== null && v > 0 ? [i] : [])).sort((a, b) => values[a] - values[b]);
    if (candidates.length) shown[candidates[0]] = null;
    else return { parts: shown, total: null };
  }
  return { parts: shown, total: totalShown };
}

/**
 * A share `numerator / denominator`, hidden when the numerator, the rest (denominator − numerator) or the base is
 * from 1 to 4: with the base shown, the share gives the numerator, and the numerator gives the rest.
 */
export function share(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  if (isSmall(numerator) || isSmall(denominator - numerator) || isSmall(denominator)) return null;
  return numerator / denominator;
}

/**
 * A table with row totals, column totals and a grand total (e.g. months × sources). The rule for `parts` must hold
 * along every row and every column at once, so hiding repeats until no line has exactly one hidden value beside a
 * shown total, and then until no line combination gives one away either (`protectLinked`). Returns the cells and
 * totals as shown (null = small, or hidden to protect one).
 */
export function grid(values: number[][]) {
  const rows = values.length;
  const cols = values[0]?.length ?? 0;
  const cells: (number | null)[][] = values.map((r) => r.map(count));
  const rowTotals: (number | null)[] = values.map((r) => count(r.reduce((a, b) => a + b, 0)));
  const colSums = Array.from({ length: cols }, (_, j) => values.reduce((a, r) => a + r[j], 0));
  const colTotals: (number | null)[] = colSums.map(count);
  const grand = colSums.reduce((a, b) => a + b, 0);
  let total: number | null = count(grand);

  /** One line: its values (with their true numbers) and its total. Hides one more value, or the total, if needed. */
  const protect = (
    line: { get: () => number | null; hide: () => void; actual: number }[],
    lineTotal: () => number | null,
    hideTotal: () => void,
  ) => {
    if (lineTotal() === null) return false;
    const hidden = line.filter((c) => c.get() === null);
    if (hidden.length !== 1) return false;
    const next = line.filter((c) => c.get() !== null && c.actual > 0).sort((a, b) => a.actual - b.actual)[0];
    if (next) next.hide();
    else hideTotal();
    return true;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < rows; i++) {
      const line = cells[i].map((_, j) => ({
        get: () => cells[i][j],
        hide: () => (cells[i][j] = null),
        actual: values[i][j],
      }));
      changed =
        protect(
          line,
          () => rowTotals[i],
          () => (rowTotals[i] = null),
        ) || changed;
    }
    for (let j = 0; j < cols; j++) {
      const line = cells.map((_, i) => ({
        get: () => cells[i][j],
        hide: () => (cells[i][j] = null),
        actual: values[i][j],
      }));
      changed =
        protect(
          line,
          () => colTotals[j],
          () => (colTotals[j] = null),
        ) || changed;
    }
    // The totals are themselves parts of the grand total, both ways.
    const rowLine = rowTotals.map((_, i) => ({
      get: () => rowTotals[i],
      hide: () => (rowTotals[i] = null),
      actual: values[i].reduce((a, b) => a + b, 0),
    }));
    changed =
      protect(
        rowLine,
        () => total,
        () => (total = null),
      ) || changed;
    const colLine = colTotals.map((_, j) => ({
      get: () => colTotals[j],
      hide: () => (colTotals[j] = null),
      actual: colSums[j],
    }));
    changed =
      protect(
        colLine,
        () => total,
        () => (total = null),
      ) || changed;
  }
  // Line by line is not enough: lines combine (a total hidden above with all its parts shown is their sum, and then
  // the line of totals gives away its lone hidden one). The whole table goes through the check linked tables use.
  const figures = [...values.flat(), ...values.map((r) => r.reduce((a, b) => a + b, 0)), ...colSums, grand];
  const cell = (i: number, j: number) => i * cols + j;
  const rowFigure = (i: number) => rows * cols + i;
  const colFigure = (j: number) => rows * cols + rows + j;
  const grandFigure = rows * cols + rows + cols;
  const sums: Sum[] = [
    ...cells.map((_, i) => ({ total: rowFigure(i), parts: cells[i].map((_, j) => cell(i, j)) })),
    ...colTotals.map((_, j) => ({ total: colFigure(j), parts: cells.map((_, i) => cell(i, j)) })),
    { total: grandFigure, parts: rowTotals.map((_, i) => rowFigure(i)) },
    { total: grandFigure, parts: colTotals.map((_, j) => colFigure(j)) },
  ];
  const shown = [...cells.flat(), ...rowTotals, ...colTotals, total];
  const hidden = protectLinked(
    figures,
    shown.map((v) => v === null),
    sums,
  );
  const show = (figure: number) => (hidden[figure] ? null : figures[figure]);
  return {
    cells: cells.map((r, i) => r.map((_, j) => show(cell(i, j)))),
    rowTotals: rowTotals.map((_, i) => show(rowFigure(i))),
    colTotals: colTotals.map((_, j) => show(colFigure(j))),
    total: show(grandFigure),
  };
}

/** A sum shown on a page: the figure `total` is the sum of the figures `parts` (indexes into a list of figures). */
export type Sum = { total: number; parts: number[] };

/**
 * The hidden figures that the shown ones give away exactly, through the sums that link them — across tables too
 * (a unit table's kind total is the same figure as a column total elsewhere). Each sum is an equation over the hidden
 * figures once the shown ones are filled in; a hidden figure is given away when it alone can be solved for, i.e. the
 * reduced row echelon form of those equations has a row with that figure only.
 */
export function derivable(hidden: boolean[], sums: Sum[]): number[] {
  const columns = hidden.flatMap((h, i) => (h ? [i] : []));
  const column = new Map(columns.map((figure, c) => [figure, c]));
  const rows = sums
    .map((s) => {
      const row = new Array<number>(columns.length).fill(0);
      // Only hidden figures have a column; a shown one is a known number, not an unknown.
      const total = column.get(s.total);
      if (total !== undefined) row[total] += 1;
      for (const p of s.parts) {
        const part = column.get(p);
        if (part !== undefined) row[part] -= 1;
      }
      return row;
    })
    .filter((row) => row.some((v) => v !== 0));
  const EPSILON = 1e-9;
  let pivotRow = 0;
  for (let c = 0; c < columns.length && pivotRow < rows.length; c++) {
    const found = rows.findIndex((row, r) => r >= pivotRow && Math.abs(row[c]) > EPSILON);
    if (found < 0) continue;
    [rows[pivotRow], rows[found]] = [rows[found], rows[pivotRow]];
    const pivot = rows[pivotRow];
    const scale = pivot[c];
    for (let k = 0; k < pivot.length; k++) pivot[k] /= scale;
    for (let r = 0; r < rows.length; r++) {
      const factor = rows[r][c];
      if (r === pivotRow || Math.abs(factor) < EPSILON) continue;
      for (let k = 0; k < pivot.length; k++) rows[r][k] -= factor * pivot[k];
    }
    pivotRow++;
  }
  return rows.flatMap((row) => {
    const nonZero = row.flatMap((v, c) => (Math.abs(v) > EPSILON ? [c] : []));
    return nonZero.length === 1 ? [columns[nonZero[0]]] : [];
  });
}

/**
 * Linked tables: start from what each table hid on its own (`hidden`) and hide more until no hidden figure can be
 * worked out exactly from the shown ones through `sums`. Each round hides one more figure: of the shown figures in a
 * sum with one that is given away, the smallest non-zero part, else the smallest non-zero total. (A figure can also be
 * given away by sums it is not in — the row totals less the other column totals give a column total — and then any
 * sum's non-zero figures are candidates.) Returns which figures are hidden.
 *
 * A zero is hidden only when no non-zero figure is left, which cannot happen unless `hidden` already hides a zero (the
 * tables' own rules never do): `derivable` does not know that counts are never negative, and that alone can pin a
 * hidden zero (hidden parts of a shown total 0 are all 0). With only non-zero figures hidden, each can move both ways
 * without any count going below 0, so the equations are the whole story; and once every non-zero figure is hidden,
 * nothing can be worked out (all zeros is a solution too).
 */
export function protectLinked(values: number[], hidden: boolean[], sums: Sum[]): boolean[] {
  const result = [...hidden];
  const rank = (i: number, isTotal: boolean) => (values[i] === 0 ? 2e15 : 0) + (isTotal ? 1e15 : 0) + values[i];
  const candidates = (among: Sum[]) =>
    among
      .flatMap((s) => [
        ...s.parts.map((p) => ({ figure: p, rank: rank(p, false) })),
        { figure: s.total, rank: rank(s.total, true) },
      ])
      .filter((c) => !result[c.figure])
      .sort((a, b) => a.rank - b.rank);
  for (;;) {
    const exposed = new Set(derivable(result, sums));
    if (!exposed.size) return result;
    const near = candidates(sums.filter((s) => exposed.has(s.total) || s.parts.some((p) => exposed.has(p))));
    const anywhere = candidates(sums);
    const nonZero = (c: { figure: number }) => values[c.figure] > 0;
    const next = near.find(nonZero) ?? anywhere.find(nonZero) ?? near[0] ?? anywhere[0];
    if (!next) return result;
    result[next.figure] = true;
  }
}
