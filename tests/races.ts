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
