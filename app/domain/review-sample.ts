/**
 * The internal quality review's draw (issue 20): each month a random sample of the pre-assessments closed in it, drawn
 * from a stored seed so that anyone can draw it again and get the same cases. Pure: the model reads the candidates and
 * the reviewers, these functions decide.
 */

/** How many cases a month's sample has unless the coordinators set another size, and the most they may set. */
export const REVIEW_SAMPLE_DEFAULT = 10;
export const REVIEW_SAMPLE_MAX = 100;

/** cyrb128: a string to 128 bits of PRNG state (public domain, bryc). */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * A deterministic PRNG (sfc32, seeded by cyrb128 of the seed): the same seed gives the same numbers in [0, 1) on every
 * machine and in every version of JavaScript, which Math.random cannot promise. Written here, not taken from a package,
 * so that the draw stays reproducible as long as this file is unchanged.
 */
export function seededRandom(seed: string): () => number {
  let [a, b, c, d] = cyrb128(seed);
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs still show the seed's structure.
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** Distinct ids in code-unit order: the one order the draw starts from, whatever order a query returned them in. */
const sorted = (ids: readonly string[]) => [...new Set(ids)].sort();

/**
 * `size` of the candidates (all of them when there are fewer), in the order drawn: a partial Fisher–Yates shuffle of
 * the sorted ids. A larger size from the same seed starts with the smaller sample.
 */
export function drawSample(candidateIds: readonly string[], seed: string, size: number): string[] {
  const ids = sorted(candidateIds);
  const random = seededRandom(seed);
  const take = Math.max(0, Math.min(Math.floor(size), ids.length));
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (ids.length - i));
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  return ids.slice(0, take);
}

/**
 * A reviewer for each case, in order: the one of the pool with the fewest cases so far who is not excluded from it
 * (its decider), ties broken by a seeded order of the pool so that nobody is always first; null when everyone in the
 * pool is excluded.
 */
export function assignReviewers(
  cases: readonly { id: string; excluded: readonly string[] }[],
  pool: readonly string[],
  seed: string,
): (string | null)[] {
  const random = seededRandom(`${seed}:reviewers`);
  const order = sorted(pool);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const load = new Map(order.map((id) => [id, 0]));
  return cases.map((c) => {
    let chosen: string | null = null;
    for (const id of order) {
      if (c.excluded.includes(id)) continue;
      if (chosen === null || (load.get(id) ?? 0) < (load.get(chosen) ?? 0)) chosen = id;
    }
    if (chosen !== null) load.set(chosen, (load.get(chosen) ?? 0) + 1);
    return chosen;
  });
}
