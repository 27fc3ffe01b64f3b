/**
 * Statistics may never identify a child: a count from 1 to 4 is shown as "< 5", and no figure may let a suppressed
 * one be worked out — not a total beside its parts, not a share beside its base. Everything shown on /stats, in its
 * charts and in its CSV goes through here. A suppressed value is `null`.
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
 * shown total. Returns the cells and totals as shown (null = "< 5" or hidden to protect one).
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
  const protect = (line: { get: () => number | null; hide: () => void; actual: number }[], lineTotal: () => number | null, hideTotal: () => void) => {
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
      const line = cells[i].map((_, j) => ({ get: () => cells[i][j], hide: () => (cells[i][j] = null), actual: values[i][j] }));
      changed = protect(line, () => rowTotals[i], () => (rowTotals[i] = null)) || changed;
    }
    for (let j = 0; j < cols; j++) {
      const line = cells.map((_, i) => ({ get: () => cells[i][j], hide: () => (cells[i][j] = null), actual: values[i][j] }));
      changed = protect(line, () => colTotals[j], () => (colTotals[j] = null)) || changed;
    }
    // The totals are themselves parts of the grand total, both ways.
    const rowLine = rowTotals.map((_, i) => ({ get: () => rowTotals[i], hide: () => (rowTotals[i] = null), actual: values[i].reduce((a, b) => a + b, 0) }));
    changed = protect(rowLine, () => total, () => (total = null)) || changed;
    const colLine = colTotals.map((_, j) => ({ get: () => colTotals[j], hide: () => (colTotals[j] = null), actual: colSums[j] }));
    changed = protect(colLine, () => total, () => (total = null)) || changed;
  }
  return { cells, rowTotals, colTotals, total };
}
