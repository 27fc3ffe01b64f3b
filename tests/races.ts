/** Helpers of the PostgreSQL race tests (tests/integration/races-*.test.ts). */

/** How many races run at once: fewer than the pool's connections, or a race queued behind others would not race. */
export const WAVE = 4;

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `race` for each item, WAVE at a time, and returns the results in order. */
export async function inWaves<T, R>(items: T[], race: (item: T, index: number) => Promise<R>) {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += WAVE)
    results.push(...(await Promise.all(items.slice(i, i + WAVE).map((item, j) => race(item, i + j)))));
  return results;
}

/**
 * Starts `a` and `b` in a random order, the later one after a random pause of up to `maxMs`: each side wins some of
 * the races whichever is the slower step, and every overlap in between happens.
 */
export function staggered<A, B>(a: () => Promise<A>, b: () => Promise<B>, maxMs: number): [Promise<A>, Promise<B>] {
  const later = pause(Math.random() * maxMs);
  return Math.random() < 0.5 ? [a(), later.then(b)] : [later.then(a), b()];
}
