import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ConsentTerms, consentLimit, coverage } from "~/domain/consent-coverage";
import { CONSENT_MAX_MONTHS, type ConsentInfoKind, consentInfoKinds } from "~/domain/vocabulary";

/**
 * `coverage` (the consent gate of extended feedback) against a model written another way: each consent is a timeline
 * of events (it begins, it ends, it is withdrawn) folded up to the instant asked about. Random histories give consents
 * to people and units, withdraw them, and move a clock by minutes, hours and days, onto the consents' own boundaries,
 * across Stockholm midnights and the clock changes of 2025-2030; every send is checked at that instant, and some at a
 * boundary looked back on. `consentLimit` is checked against a Stockholm calendar written here from the EU rule.
 *
 * The seed is printed before the run. To replay a failure:
 *   PROPERTY_SEED=<seed> npx vitest run --project unit tests/unit/consent-coverage-property.test.ts
 */

const seedText = process.env.PROPERTY_SEED;
const seed = seedText ? Number(seedText) : Math.floor(Math.random() * 2 ** 31);
if (!Number.isSafeInteger(seed)) throw new Error(`PROPERTY_SEED is not an integer: ${seedText}`);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------------------------- Stockholm, by hand

/** EU summer time: from the last Sunday of March to the last Sunday of October, changing at 01:00 UTC. */
function lastSunday(year: number, month: number) {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
}
const YEARS = [2025, 2026, 2027, 2028, 2029, 2030];
// Beyond 2030 too: a long history's clock may walk on for years.
const clockChanges = Array.from({ length: 20 }, (_, i) => 2024 + i).flatMap((y) => [
  lastSunday(y, 2),
  lastSunday(y, 9),
]);
const summerTime = (t: number) => {
  const year = new Date(t).getUTCFullYear();
  return lastSunday(year, 2) <= t && t < lastSunday(year, 9);
};
/** The instant of a Stockholm wall-clock time given as UTC fields (not in the hour skipped or repeated). */
const stockholm = (wall: number) => (summerTime(wall - 2 * HOUR) ? wall - 2 * HOUR : wall - HOUR);
const stockholmMidnight = (year: number, month: number, day: number) => stockholm(Date.UTC(year, month, day));
/** The first Stockholm midnight after t. */
function nextMidnight(t: number) {
  const wall = new Date(t + (summerTime(t) ? 2 : 1) * HOUR);
  return stockholmMidnight(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate() + 1);
}

// ---------------------------------------------------------------------------------------------- the model

interface ModelConsent {
  id: string;
  units: Set<string>;
  users: Set<string>;
  kinds: Set<string>;
  from: number;
  until: number;
  withdrawnAt: number | null;
}
interface Person {
  id: string;
  unitIds: string[];
}

type Status = "waiting" | "running" | "ended" | "withdrawn";

/** A consent's events in time order, each taking effect from its own instant on. */
function timeline(c: ModelConsent) {
  const events: { at: number; what: "begins" | "ends" | "withdrawn" }[] = [
    { at: c.from, what: "begins" },
    { at: c.until, what: "ends" },
  ];
  if (c.withdrawnAt !== null) events.push({ at: c.withdrawnAt, what: "withdrawn" });
  return events.sort((a, b) => a.at - b.at);
}

/** Where a consent stands at t: a withdrawal is final, an end is final but for a withdrawal after it. */
function statusAt(c: ModelConsent, t: number): Status {
  let status: Status = "waiting";
  for (const event of timeline(c)) {
    if (event.at > t) break;
    if (event.what === "withdrawn") status = "withdrawn";
    else if (status === "withdrawn") continue;
    else if (event.what === "ends") status = "ended";
    else if (status === "waiting") status = "running";
  }
  return status;
}

type Expected =
  | { ok: true; covering: Set<string> }
  | { ok: false; reason: "none" | "recipient" | "kind" | "notYetValid" }
  | { ok: false; reason: "withdrawn" | "expired"; at: number };

/**
 * What the gate must answer. Refused, the reason documented in consent-coverage.ts: a consent for this person and kind
 * that was withdrawn (the latest withdrawal), else one that ended (the latest end), else one still to begin; with none
 * for this person and kind, "kind" if some consent names the person, "recipient" if some covers the kind, else "none".
 */
function expected(model: ModelConsent[], person: Person, kind: string, t: number): Expected {
  const forPerson = model.filter((c) => c.users.has(person.id) || person.unitIds.some((u) => c.units.has(u)));
  const statuses = forPerson.filter((c) => c.kinds.has(kind)).map((c) => ({ c, status: statusAt(c, t) }));
  const running = statuses.filter((s) => s.status === "running");
  if (running.length) return { ok: true, covering: new Set(running.map((s) => s.c.id)) };
  const withdrawn = statuses.filter((s) => s.status === "withdrawn").map((s) => s.c.withdrawnAt as number);
  if (withdrawn.length) return { ok: false, reason: "withdrawn", at: Math.max(...withdrawn) };
  const ended = statuses.filter((s) => s.status === "ended").map((s) => s.c.until);
  if (ended.length) return { ok: false, reason: "expired", at: Math.max(...ended) };
  if (statuses.length) return { ok: false, reason: "notYetValid" };
  if (forPerson.length) return { ok: false, reason: "kind" };
  if (model.some((c) => c.kinds.has(kind))) return { ok: false, reason: "recipient" };
  return { ok: false, reason: "none" };
}

// ---------------------------------------------------------------------------------------------- histories

const UNITS = ["u0", "u1", "u2", "u3"];
const PEOPLE = ["p0", "p1", "p2", "p3"];
type Boundary = "from" | "until" | "withdrawn";

type Op =
  | {
      op: "give";
      units: string[];
      users: string[];
      kinds: ConsentInfoKind[];
      start: { offset: number } | { midnights: number } | { clockChange: number };
      length: { ms: number } | { days: number };
    }
  // Now, or just before, at or just after the consent's start (a withdrawal recorded as of then).
  | { op: "withdraw"; which: number; at: "now" | -1 | 0 | 1 }
  | { op: "step"; ms: number }
  | { op: "toBoundary"; which: number; boundary: Boundary; nudge: number }
  | { op: "toMidnight"; nudge: number }
  | { op: "toClockChange"; nudge: number }
  | { op: "send"; to: number; kind: ConsentInfoKind; lookBack: null | { which: number; boundary: Boundary } };

const kind = fc.constantFrom(...consentInfoKinds);
// Exactly on the instant, a millisecond either side, or a minute after.
const nudge = fc.constantFrom(0, 0, 0, -1, 1, MINUTE);
const which = fc.nat(12);
const boundary = fc.constantFrom<Boundary>("from", "until", "withdrawn");

const give = fc.record({
  op: fc.constant("give" as const),
  units: fc.subarray(UNITS, { maxLength: 2 }),
  users: fc.subarray(PEOPLE, { maxLength: 2 }),
  kinds: fc.uniqueArray(kind, { minLength: 1, maxLength: 3 }),
  start: fc.oneof(
    fc.record({ offset: fc.integer({ min: -10 * DAY, max: 10 * DAY }).map((ms) => ms - (ms % MINUTE)) }),
    fc.record({ offset: fc.constantFrom(0, -MINUTE, HOUR, -DAY) }),
    // From a Stockholm midnight, as the form's days are.
    fc.record({ midnights: fc.integer({ min: -5, max: 10 }) }),
    fc.record({ clockChange: fc.integer({ min: -2, max: 2 }) }),
  ),
  length: fc.oneof(
    fc.record({ ms: fc.integer({ min: 1, max: 60 * 24 * 40 }).map((m) => m * MINUTE) }),
    fc.record({ ms: fc.constantFrom(1, HOUR, DAY) }),
    fc.record({ days: fc.integer({ min: 1, max: 400 }) }),
  ),
});

const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: give, weight: 5 },
  {
    arbitrary: fc.record({
      op: fc.constant("withdraw" as const),
      which,
      at: fc.constantFrom("now" as const, "now" as const, "now" as const, -1 as const, 0 as const, 1 as const),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      op: fc.constant("step" as const),
      ms: fc.oneof(
        fc.integer({ min: 1, max: 59 }).map((m) => m * MINUTE),
        fc.integer({ min: 1, max: 48 }).map((h) => h * HOUR),
        fc.integer({ min: 1, max: 90 }).map((d) => d * DAY),
      ),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ op: fc.constant("toBoundary" as const), which, boundary, nudge }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant("toMidnight" as const), nudge }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant("toClockChange" as const), nudge }), weight: 1 },
  {
    arbitrary: fc.record({
      op: fc.constant("send" as const),
      to: fc.nat(PEOPLE.length), // PEOPLE.length itself: someone no consent can name
      kind,
      lookBack: fc.option(fc.record({ which, boundary }), { freq: 4 }),
    }),
    weight: 5,
  },
);

// Each person works at none, one or two of the units, drawn anew for each history.
const people = fc.tuple(...PEOPLE.map(() => fc.subarray(UNITS, { maxLength: 2 })));

// Near a clock change of 2025-2030, near a Stockholm midnight, or anywhere in those years.
const FIRST = Date.UTC(2025, 0, 1);
const LAST = Date.UTC(2030, 11, 31);
const start = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...clockChanges.filter((t) => t >= FIRST && t < LAST)),
      fc.integer({ min: -4320, max: 4320 }),
    )
    .map(([t, minutes]) => t + minutes * MINUTE),
  fc
    .tuple(fc.integer({ min: 0, max: Math.floor((LAST - FIRST) / DAY) }), fc.integer({ min: -120, max: 120 }))
    .map(([days, minutes]) => nextMidnight(FIRST + days * DAY) + minutes * MINUTE),
  fc.integer({ min: FIRST, max: LAST }),
);

// A consent or two first: sends to an empty register would mostly meet "none".
const history = fc
  .tuple(fc.array(give, { minLength: 1, maxLength: 3 }), fc.array(op, { minLength: 1, maxLength: 40 }))
  .map(([first, rest]): Op[] => [...first, ...rest]);

const terms = (model: ModelConsent[]): ConsentTerms[] =>
  model.map((c) => ({
    id: c.id,
    recipientUnitIds: [...c.units],
    recipientUserIds: [...c.users],
    infoKinds: [...c.kinds],
    validFrom: new Date(c.from),
    validUntil: new Date(c.until),
    withdrawnAt: c.withdrawnAt === null ? null : new Date(c.withdrawnAt),
  }));

function boundaryOf(model: ModelConsent[], n: number, b: Boundary) {
  const c = model[n % Math.max(model.length, 1)];
  if (!c) return null;
  return b === "from" ? c.from : b === "until" ? c.until : c.withdrawnAt;
}

/** What the runs met, so that a generator that stops reaching a case fails the test instead of passing it by. */
const seen = {
  sends: 0,
  ok: 0,
  none: 0,
  recipient: 0,
  kind: 0,
  notYetValid: 0,
  withdrawn: 0,
  expired: 0,
  onBoundary: 0,
  withdrawnThatInstant: 0,
  acrossClockChange: 0,
  throughUnit: 0,
};

function check(model: ModelConsent[], person: Person, wanted: ConsentInfoKind, t: number) {
  const got = coverage(terms(model), person, wanted, new Date(t));
  const want = expected(model, person, wanted, t);
  const where = `${person.id} (${person.unitIds.join(",")}) ${wanted} at ${new Date(t).toISOString()}`;
  seen.sends += 1;
  if (model.some((c) => c.from === t || c.until === t || c.withdrawnAt === t)) seen.onBoundary += 1;
  if (model.some((c) => c.withdrawnAt === t)) seen.withdrawnThatInstant += 1;
  if (model.some((c) => c.from <= t && summerTime(c.from) !== summerTime(t))) seen.acrossClockChange += 1;
  if (want.ok) {
    seen.ok += 1;
    expect(got, where).toMatchObject({ ok: true });
    const id = (got as { consentId: string }).consentId;
    // The consent named is one that covers the person and the kind at that instant.
    expect(want.covering.has(id), `${where}: ${id} does not cover`).toBe(true);
    const named = model.find((c) => c.id === id) as ModelConsent;
    if (!named.users.has(person.id)) seen.throughUnit += 1;
  } else {
    seen[want.reason] += 1;
    expect(got, where).toEqual("at" in want ? { ...want, at: new Date(want.at) } : want);
  }
}

// ---------------------------------------------------------------------------------------------- the tests

describe("the consent gate against a timeline model (property)", () => {
  it("the test's own Stockholm calendar agrees with the time-zone database, hour by hour, 2025-2030", () => {
    const zone = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Stockholm", hour: "2-digit", hourCycle: "h23" });
    for (let t = FIRST; t < LAST + DAY; t += HOUR) {
      const hour = Number(zone.format(new Date(t)));
      expect((new Date(t).getUTCHours() + (summerTime(t) ? 2 : 1)) % 24, new Date(t).toISOString()).toBe(hour);
    }
  });

  it("lets a send through exactly when a consent covers it, and otherwise says why as documented", () => {
    console.info(`consent coverage property: seed ${seed} (replay with PROPERTY_SEED=${seed})`);
    const started = performance.now();
    let histories = 0;
    fc.assert(
      fc.property(start, people, history, (t0, units, ops) => {
        histories += 1;
        const persons: Person[] = [
          ...PEOPLE.map((id, i) => ({ id, unitIds: units[i] })),
          { id: "nobody", unitIds: [] },
        ];
        const model: ModelConsent[] = [];
        let now = t0;
        for (const step of ops) {
          if (step.op === "give") {
            const s = step.start;
            const from =
              "offset" in s
                ? now + s.offset
                : "midnights" in s
                  ? nextMidnight(now + (s.midnights - 1) * DAY)
                  : clockChanges[clockChanges.findIndex((c) => c > now) + s.clockChange];
            const until =
              "ms" in step.length ? from + step.length.ms : nextMidnight(from + (step.length.days - 1) * DAY);
            model.push({
              id: `c${model.length}`,
              units: new Set(step.units),
              users: new Set(step.users),
              kinds: new Set(step.kinds),
              from,
              until,
              withdrawnAt: null,
            });
          } else if (step.op === "withdraw") {
            const target = model[step.which % Math.max(model.length, 1)];
            if (target && target.withdrawnAt === null)
              target.withdrawnAt = step.at === "now" ? now : target.from + step.at;
          } else if (step.op === "step") {
            now += step.ms;
          } else if (step.op === "toBoundary") {
            const at = boundaryOf(model, step.which, step.boundary);
            // The clock does not go back.
            if (at !== null && at + step.nudge > now) now = at + step.nudge;
          } else if (step.op === "toMidnight") {
            now = Math.max(now, nextMidnight(now) + step.nudge);
          } else if (step.op === "toClockChange") {
            now = Math.max(now, (clockChanges.find((c) => c > now) as number) + step.nudge);
          } else {
            const person = persons[step.to];
            const back = step.lookBack && boundaryOf(model, step.lookBack.which, step.lookBack.boundary);
            check(model, person, step.kind, now);
            if (back !== null && back !== undefined) check(model, person, step.kind, back);
          }
        }
      }),
      { numRuns: 10_000, seed },
    );
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `consent coverage property: ${histories} histories, ${seen.sends} sends in ${seconds.toFixed(1)} s`,
      seen,
    );
    expect(histories).toBeGreaterThanOrEqual(10_000);
    // Each outcome and each kind of instant was reached many times over in 10,000 histories.
    for (const [what, count] of Object.entries(seen)) expect(count, what).toBeGreaterThanOrEqual(50);
  });
});

describe("the longest a consent may last (property)", () => {
  const day = fc
    .tuple(fc.constantFrom(...YEARS), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 31 }))
    .filter(([y, m, d]) => new Date(Date.UTC(y, m, d)).getUTCDate() === d);

  it("a consent entered for the form's days 2029-03-27 to 2030-03-26, a full year, is not too long", () => {
    // Counted in UTC, a year from a day in summer time to one in winter time ended an hour short: this was refused.
    const from = new Date("2029-03-26T22:00:00Z"); // 2029-03-27 00:00 in Stockholm, summer time
    const until = new Date("2030-03-26T23:00:00Z"); // 2030-03-27 00:00, winter time: the exclusive end
    expect(until <= consentLimit(from)).toBe(true);
    expect(consentLimit(new Date("2027-10-29T22:00:00Z"))).toEqual(new Date("2028-10-29T23:00:00Z"));
  });

  it(`is the same Stockholm wall-clock time ${CONSENT_MAX_MONTHS} months on (29 February: 1 March)`, () => {
    // Not in the hour 02:00-03:00, which is skipped or repeated on the days the clocks change.
    const time = fc.tuple(
      fc.integer({ min: 0, max: 23 }).filter((h) => h !== 2),
      fc.integer({ min: 0, max: 59 }),
      fc.integer({ min: 0, max: 59 }),
      fc.integer({ min: 0, max: 999 }),
    );
    fc.assert(
      fc.property(day, time, ([y, m, d], [h, min, s, ms]) => {
        const from = stockholm(Date.UTC(y, m, d, h, min, s, ms));
        const limit = stockholm(Date.UTC(y, m + CONSENT_MAX_MONTHS, d, h, min, s, ms));
        expect(consentLimit(new Date(from)).getTime()).toBe(limit);
      }),
      { numRuns: 10_000, seed },
    );
  });

  it("lets a consent from a Stockholm day last a year of days, as recordConsent checks it, and not a day more", () => {
    fc.assert(
      fc.property(day, ([y, m, d]) => {
        const from = new Date(stockholmMidnight(y, m, d));
        // The form's last day is the one before the exclusive end.
        const yearLater = new Date(stockholmMidnight(y, m + CONSENT_MAX_MONTHS, d));
        const dayMore = new Date(stockholmMidnight(y, m + CONSENT_MAX_MONTHS, d + 1));
        expect(yearLater > consentLimit(from), "a year is too long").toBe(false);
        expect(dayMore > consentLimit(from), "a year and a day is not too long").toBe(true);
      }),
      { numRuns: 3_000, seed },
    );
  });

  it("is between 365 days less an hour and 366 days and an hour after any instant", () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST, max: LAST }), (from) => {
        const span = consentLimit(new Date(from)).getTime() - from;
        expect(span).toBeGreaterThanOrEqual(365 * DAY - HOUR);
        expect(span).toBeLessThanOrEqual(366 * DAY + HOUR);
      }),
      { numRuns: 10_000, seed },
    );
  });
});
