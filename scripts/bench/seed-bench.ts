/**
 * The benchmark dataset: municipalities the size of Helsingborg with ten years of reports, advice, meetings, feedback
 * and trainings. The first municipality is the demo's Exempelstad (app/demo/seed.server.ts), so its demo accounts can sign in and
 * find realistic amounts of data. Deterministic: units come from a seeded PRNG, everything else from md5 of row keys.
 */
import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Database, DatabaseHandle } from "#db/client.server";
import {
  guidanceSettings,
  memberships,
  municipalities,
  units,
  users,
  type GuardianEntry,
  type Role,
  type UnitKind,
} from "#db/schema";
import { DEMO_PASSWORD, demoAccounts } from "~/demo/accounts";
import { demoContact, seedDemo, standardGuidance } from "~/demo/seed.server";
import { addCalendarDays, stockholmDate, stockholmInstant } from "~/domain/deadlines";
import { hashPassword } from "~/lib/password.server";
import { concernKinds } from "~/domain/vocabulary";
import { createDefaultConcernKinds } from "~/models/concern-kinds.server";
import { seedGuidance } from "~/models/guidance.server";
import { resealIdentities, sealedIdentity } from "~/models/report-identity.server";
import { ensureDataKey, type Keyring } from "~/lib/sealed.server";
import { at, choose, chooseSql, dayOf, lit, pick, spread, startOfDay, svDate, u, uuid, weekday } from "./sql";
import * as w from "./words";

export interface BenchOptions {
  /** How many municipalities, the demo one included. */
  municipalities: number;
  /** 1 = a city the size of Helsingborg; the tests use 0.01. */
  factor: number;
  /** The last day of the ten years ("YYYY-MM-DD"): fixed, so every run builds the same data. */
  until?: string;
  /** Municipalities built at the same time (PostgreSQL only: each takes one connection and one core). */
  concurrency?: number;
  log?: (line: string) => void;
}

export const BENCH_UNTIL = "2026-11-30";
export const benchScales = {
  tiny: { municipalities: 2, factor: 0.01 },
  city: { municipalities: 1, factor: 1 },
  national: { municipalities: 50, factor: 1 },
} satisfies Record<string, Pick<BenchOptions, "municipalities" | "factor">>;

/** Per municipality at factor 1 (Helsingborg: ~150,000 inhabitants, ~6,000 reports a year). */
const VOLUME = { reports: 60_000, advice: 30_000, trainingGroups: 475 };
const UNIT_COUNTS: Record<UnitKind, number> = {
  preschool: 58,
  school: 44,
  student_health: 36,
  reception: 1,
  investigation: 3,
  coordination: 2,
  administration: 6,
};
const FIRST_DAY = "2017-01-01";
/**
 * A history (seedHistory) is over when it is seen: its reports are decided by this many days before `now`, and only
 * those received this many days before have meetings (the last meeting is held within a month of receipt); its last
 * day lies at least HISTORY_QUIET_DAYS before `now`, so that a report's protection assessment (within three days)
 * comes before that closing day.
 */
const HISTORY_CLOSED_DAYS = 14;
const HISTORY_MEETING_DAYS = 45;
export const HISTORY_QUIET_DAYS = 18;
const DEMO_EMAILS = demoAccounts.map((a) => a.email);

interface Town {
  no: number;
  id: string;
  name: string;
  domain: string;
}

interface Context {
  until: string;
  /** The instant the data describes: reports after it are still open, meetings after it are to come. */
  now: Date;
  factor: number;
  passwordHash: string;
  /** Set for a municipality's generated past (seedHistory); the benchmark leaves it unset. */
  history?: { from: string; keyring: Keyring };
}

/** Unit kinds with children: a history leaves the existing ones (and their people) alone and makes its own. */
const CHILD_UNIT_KINDS: UnitKind[] = ["preschool", "school", "student_health"];

/** A volume for the data's days: ten years' worth for the benchmark, a history's share of that for a history. */
function volume(base: number, ctx: Context) {
  if (!ctx.history) return base * ctx.factor;
  const days = (Date.parse(ctx.until) - Date.parse(ctx.history.from)) / 86_400_000;
  return (base * ctx.factor * days) / 3652.5;
}

function uuidOf(...parts: (string | number)[]) {
  const hex = createHash("md5").update(parts.join(":")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ascii = (s: string) => s.toLowerCase().replace(/[åä]/g, "a").replace(/ö/g, "o");

function townName(no: number) {
  const i = (no - 1) % 50;
  const name = w.townPrefixes[i % 10] + w.townSuffixes[Math.floor(i / 10)];
  return no > 50 ? `${name} ${Math.ceil(no / 50)}` : name;
}

/**
 * Seeds the demo municipality (when the database is empty) and the benchmark data. Returns the municipalities built,
 * in order; the first is Exempelstad when the demo seed ran here.
 */
export async function seedBench(handle: DatabaseHandle, options: BenchOptions) {
  const db = handle.db;
  const log = options.log ?? (() => {});
  const until = options.until ?? BENCH_UNTIL;
  const ctx: Context = { until, now: stockholmInstant(until, "12:00"), factor: options.factor, passwordHash: "" };

  // The demo without its generated past: the benchmark's ten years take its place.
  const demoSeeded = await seedDemo(db, { history: false });
  const [demo] = demoSeeded ? await db.select().from(municipalities).where(eq(municipalities.slug, "exempelstad")) : [];
  // Hashing is slow on purpose: every generated user shares the demo accounts' hash of the demo password.
  const [demoUser] = demo
    ? await db.select({ hash: users.passwordHash }).from(users).where(eq(users.email, DEMO_EMAILS[0]))
    : [];
  ctx.passwordHash = demoUser?.hash ?? (await hashPassword(DEMO_PASSWORD));

  const towns: Town[] = [];
  for (let no = 1; no <= options.municipalities; no++) {
    if (no === 1 && demo) {
      towns.push({ no, id: demo.id, name: demo.name, domain: "exempelstad.example" });
      continue;
    }
    const name = townName(no);
    const slug = ascii(name).replace(/[^a-z0-9]+/g, "-");
    const town = { no, id: uuidOf("municipality", slug), name, domain: `${slug}.example` };
    await db.insert(municipalities).values({ id: town.id, name, slug, createdAt: new Date("2016-06-01T08:00:00Z") });
    await createDefaultConcernKinds(db, town.id);
    await ensureDataKey(db, town.id);
    await seedGuidance(db, town.id, standardGuidance());
    await db.insert(guidanceSettings).values({ municipalityId: town.id, contact: demoContact });
    towns.push(town);
  }

  const queue = [...towns];
  const concurrency = handle.kind === "postgres" ? Math.max(1, options.concurrency ?? 1) : 1;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let town = queue.shift(); town; town = queue.shift()) {
        const started = performance.now();
        await db.transaction((tx) => seedMunicipality(tx, town!, ctx, log));
        // Generated in bulk as SQL, the identities are sealed afterwards, as an upgraded database's are at its first start.
        const sealed = await resealIdentities(db, town.id);
        log(`${town.name}: ${((performance.now() - started) / 1000).toFixed(1)} s, ${sealed} identities sealed`);
      }
    }),
  );
  // Registrations carry explicit seq values (waitlist order that does not depend on timing): move the sequence past them.
  await db.execute(
    sql`select setval(pg_get_serial_sequence('training_registrations', 'seq'), greatest((select max(seq) from training_registrations), 1))`,
  );
  return towns;
}

export interface HistoryOptions {
  /** The first day of the history and the day after its last ("YYYY-MM-DD"). */
  from: string;
  until: string;
  /**
   * The instant it is seen from, at least HISTORY_QUIET_DAYS after `until`. Nothing in it is open then: every report
   * decided, meeting held or cancelled, feedback given; trainings end by `until`.
   */
  now: Date;
  /** As the benchmark's: 1 = a city the size of Helsingborg, in reports a year. */
  factor: number;
  /** The hash every generated person's password gets. */
  passwordHash: string;
  /** The municipality's data keys: identities are sealed before they are written (decision 021). */
  keyring: Keyring;
}

/**
 * A generated past for an existing municipality (the demo's, app/demo/history.server.ts), in the caller's transaction:
 * the benchmark's data for `from`–`until`, made in units of its own by people of its own. The municipality's own
 * preschools and schools and their people are left as they are; its social services units get generated colleagues,
 * who handled that past. Keys are the benchmark's with municipality number 0, so they never meet a benchmark town's.
 */
export async function seedHistory(
  tx: Database,
  municipality: { id: string; name: string; domain: string },
  options: HistoryOptions,
) {
  if (options.until > addCalendarDays(stockholmDate(options.now), 1 - HISTORY_QUIET_DAYS))
    throw new Error(`a history ends at least ${HISTORY_QUIET_DAYS} days before it is seen`);
  const town: Town = { no: 0, ...municipality };
  const ctx: Context = {
    until: options.until,
    now: options.now,
    factor: options.factor,
    passwordHash: options.passwordHash,
    history: { from: options.from, keyring: options.keyring },
  };
  await seedMunicipality(tx, town, ctx, () => {});
}

// ---------------------------------------------------------------------------------------------- units and users

interface PlannedUnit {
  id: string;
  name: string;
  kind: UnitKind;
  enrolled: number | null;
  servesId: string | null;
  isNew: boolean;
  /** The people the unit should have, by role (existing members count towards them). */
  roles: [Role, number][];
}

/** `spare`: a history's plan (seedHistory), which adds units with children and people of its own and no administrators. */
async function planUnits(tx: Database, town: Town, factor: number, spare = false) {
  const rng = mulberry32(town.no * 7919 + 17);
  const existing = await tx.select().from(units).where(eq(units.municipalityId, town.id));
  const plan: PlannedUnit[] = existing.map((e) => ({
    id: e.id,
    name: e.name,
    kind: e.kind,
    enrolled: e.enrolledChildren,
    servesId: e.servesUnitId,
    isNew: false,
    roles: [],
  }));
  const taken = new Set(plan.map((p) => p.name.toLowerCase()));
  const named = (candidates: string[], n: number) => {
    for (let round = 1; ; round++) {
      for (const c of candidates) {
        const name = round === 1 ? c : `${c} ${round}`;
        if (!taken.has(name.toLowerCase())) {
          taken.add(name.toLowerCase());
          return name;
        }
      }
      if (round > n + 2) throw new Error("no unit name left");
    }
  };
  const candidates: Record<UnitKind, string[]> = {
    preschool: w.preschoolNames.map((n) => `Förskolan ${n}`),
    school: w.schoolNames,
    student_health: [],
    reception: w.receptionNames,
    investigation: w.investigationNames,
    coordination: w.coordinationNames,
    administration: w.administrationNames,
  };
  let sequence = 0;
  for (const kind of Object.keys(UNIT_COUNTS) as UnitKind[]) {
    const want = Math.max(1, Math.round(UNIT_COUNTS[kind] * factor));
    const have = spare && CHILD_UNIT_KINDS.includes(kind) ? 0 : plan.filter((p) => p.kind === kind).length;
    for (let n = have; n < want; n++) {
      const enrolled =
        kind === "preschool" ? 40 + Math.floor(rng() * 100) : kind === "school" ? 150 + Math.floor(rng() * 600) : null;
      let servesId: string | null = null;
      let name: string;
      if (kind === "student_health") {
        // Each team serves a school that has none yet.
        const served = plan.find(
          (s) => s.kind === "school" && (!spare || s.isNew) && !plan.some((t) => t.servesId === s.id),
        );
        servesId = served?.id ?? null;
        name = named([`Elevhälsan ${served?.name ?? "centralt"}`], n);
      } else {
        name = named(candidates[kind], n);
      }
      plan.push({ id: uuidOf("unit", town.no, ++sequence), name, kind, enrolled, servesId, isNew: true, roles: [] });
    }
  }
  const scaled = (n: number) => Math.max(1, Math.round(n * factor));
  let admins = 0;
  for (const p of plan) {
    const e = p.enrolled ?? 0;
    p.roles =
      p.kind === "preschool"
        ? [
            ["principal", 1],
            ["staff", scaled(e / 3.6)],
          ]
        : p.kind === "school"
          ? [
              ["principal", e > 450 ? 2 : 1],
              ["staff", scaled(e / 6)],
            ]
          : p.kind === "student_health"
            ? [["staff", scaled(4 + rng() * 4)]]
            : p.kind === "reception"
              ? [["reception_worker", scaled(16)]]
              : p.kind === "investigation"
                ? [["investigator", scaled(25)]]
                : p.kind === "coordination"
                  ? [["coordinator", scaled(2)]]
                  : [
                      ["admin", admins++ === 0 ? 1 : 0],
                      ["steering", scaled(2)],
                    ];
    // The municipality's own preschools and schools keep their people; a past needs no administrators.
    if (spare && ((!p.isNew && CHILD_UNIT_KINDS.includes(p.kind)) || p.kind === "administration")) p.roles = [];
  }
  return plan;
}

async function insertUnitsAndUsers(tx: Database, town: Town, ctx: Context, plan: PlannedUnit[]) {
  const run = runner(tx);
  const M = town.no;
  // A history's reports, advice and people are all its own (seedHistory): the existing units and people take no part.
  const spare = !!ctx.history;
  const fresh = plan.filter((p) => p.isNew);
  const values = (p: PlannedUnit) => ({
    id: p.id,
    municipalityId: town.id,
    name: p.name,
    kind: p.kind,
    enrolledChildren: p.enrolled,
    servesUnitId: p.servesId,
    createdAt: new Date("2016-06-01T08:00:00Z"),
  });
  // Teams after the schools they serve (the foreign key points at the same table).
  const teams = fresh.filter((p) => p.kind === "student_health");
  const others = fresh.filter((p) => p.kind !== "student_health");
  if (others.length) await tx.insert(units).values(others.map(values));
  if (teams.length) await tx.insert(units).values(teams.map(values));

  // Report weight: children per unit; schools report about twice as often per child, teams a little beside their school.
  const enrolledOf = new Map(plan.map((p) => [p.id, p.enrolled ?? 0]));
  const weight = (p: PlannedUnit) =>
    p.kind === "preschool"
      ? (p.enrolled ?? 0) * 0.45
      : p.kind === "school"
        ? (p.enrolled ?? 0)
        : p.kind === "student_health" && p.servesId
          ? enrolledOf.get(p.servesId)! * 0.15
          : 0;
  const teamOf = new Map(plan.filter((p) => p.kind === "student_health" && p.servesId).map((p) => [p.servesId!, p.id]));
  await run(
    `create temp table b_unit (uno int, id uuid, kind text, enrolled int, w float8, sh_id uuid, n_staff int default 0,
      n_principal int default 0, n_sh int default 0) on commit drop`,
  );
  await run(
    `insert into b_unit (uno, id, kind, enrolled, w, sh_id) values ${plan
      .map((p, i) => {
        const team = teamOf.has(p.id) ? `'${teamOf.get(p.id)}'::uuid` : "null";
        const w = spare && !p.isNew ? 0 : weight(p);
        return `(${i}, '${p.id}', '${p.kind}', ${p.enrolled ?? "null"}, ${w}, ${team})`;
      })
      .join(",")}`,
  );

  // Members the plan asks for beyond those the unit has (the demo accounts count, but not in a history).
  const present = spare
    ? []
    : await tx
        .select({ unitId: memberships.unitId, role: memberships.role, n: sql<number>`count(*)::int` })
        .from(memberships)
        .where(eq(memberships.municipalityId, town.id))
        .groupBy(memberships.unitId, memberships.role);
  const rows: string[] = [];
  let ordinal = 0;
  for (const p of plan) {
    for (const [role, want] of p.roles) {
      const n = want - (present.find((x) => x.unitId === p.id && x.role === role)?.n ?? 0);
      if (n <= 0) continue;
      rows.push(`('${p.id}'::uuid, '${role}', ${ordinal}, ${n})`);
      ordinal += n;
    }
  }
  await run(`
    create temp table b_newuser on commit drop as
    select ${uuid(`'user:${M}:' || o`)} as id, unit_id, role, name,
      translate(lower(replace(name, ' ', '.')), 'åäöéüč', 'aaoeuc') || '.' || o || '@${town.domain}' as email,
      ${ctx.history ? `${startOfDay(`date '${ctx.history.from}' - 400`)} + interval '8 hours'` : "timestamptz '2016-08-15 08:00+02'"}
        + ${u("h", 2)} * interval '100 days' as created_at
    from (
      select p.unit_id, p.role, o, ${pick(w.firstNames, u("h", 0))} || ' ' || ${pick(w.lastNames, u("h", 1))} as name, h
      from (values ${rows.join(",")}) p(unit_id, role, first, n)
      cross join lateral generate_series(p.first + 1, p.first + p.n) o
      cross join lateral (select md5('us:${M}:' || o) as h) x
    ) g`);
  await run(`
    insert into users (id, municipality_id, email, name, password_hash, created_at)
    select id, '${town.id}', email, name, ${lit(ctx.passwordHash)}, created_at from b_newuser order by email`);
  await run(`
    insert into memberships (id, municipality_id, user_id, unit_id, role, created_at)
    select md5('ms:' || id::text)::uuid, '${town.id}', id, unit_id, role::role, created_at from b_newuser`);

  // Pools to pick people from by number; the demo accounts first, so the skewed picks (u^1.3, u²) favour them.
  const demoFirst = `(u.email = any(array[${DEMO_EMAILS.map(lit).join(",")}])) desc, u.email`;
  await run(`
    create temp table b_pool on commit drop as
    select m.unit_id, m.role::text as role, m.user_id, u.name, u.email,
      (row_number() over (partition by m.unit_id, m.role order by ${demoFirst}) - 1)::int as k
    from memberships m join users u on u.id = m.user_id
    where m.municipality_id = '${town.id}' and u.active${spare ? " and u.id in (select id from b_newuser)" : ""}`);
  await run(`create index on b_pool (unit_id, role, k)`);
  await run(`
    create temp table b_mpool on commit drop as
    select p.role, p.user_id, p.name, (row_number() over (partition by p.role order by ${demoFirst}) - 1)::int as k
    from b_pool p join users u on u.id = p.user_id`);
  await run(`create index on b_mpool (role, k)`);
  await run(`
    update b_unit b set
      n_staff = (select count(*) from b_pool p where p.unit_id = b.id and p.role = 'staff'),
      n_principal = (select count(*) from b_pool p where p.unit_id = b.id and p.role = 'principal'),
      n_sh = (select count(*) from b_pool p where p.unit_id = b.sh_id and p.role = 'staff')`);
  // Training audiences: 1 = schools and preschools, 2 = social services, 3 = both.
  await run(`
    create temp table b_aud on commit drop as
    select a.aud, p.user_id, (row_number() over (partition by a.aud order by p.email) - 1)::int as k
    from b_pool p join b_unit b on b.id = p.unit_id
    join (values (1), (2), (3)) a(aud) on
      (a.aud in (1, 3) and p.role in ('staff', 'principal') and b.kind in ('preschool', 'school', 'student_health'))
      or (a.aud in (2, 3) and p.role in ('reception_worker', 'investigator'))`);
  await run(`create index on b_aud (aud, k)`);
  await run(`analyze b_unit`);
  await run(`analyze b_pool`);
  await run(`analyze b_mpool`);
  await run(`analyze b_aud`);

  const counts = await rowsOf<{ role: string; n: number; first: string }>(
    tx,
    `select role, count(*)::int as n, (array_agg(user_id order by k))[1]::text as first from b_mpool group by role`,
  );
  const audiences = await rowsOf<{ aud: number; n: number }>(
    tx,
    `select aud, count(*)::int as n from b_aud group by aud`,
  );
  const n = (role: string) => counts.find((c) => c.role === role)?.n ?? 0;
  if (!n("reception_worker") || !n("coordinator"))
    throw new Error(`${town.name} needs a reception worker and a coordinator`);
  return {
    workers: n("reception_worker"),
    investigators: n("investigator"),
    coordinators: n("coordinator"),
    firstWorker: counts.find((c) => c.role === "reception_worker")!.first,
    audience: [0, 1, 2, 3].map((a) => audiences.find((x) => x.aud === a)?.n ?? 0),
  };
}

/** Runs one statement; with BENCH_VERBOSE set, tells which statements are slow. */
function runner(tx: Database) {
  return async (query: string) => {
    const started = performance.now();
    try {
      await tx.execute(sql.raw(query));
    } catch (error) {
      const cause = (error as { cause?: Error }).cause ?? (error as Error);
      throw new Error(`${cause.message} in: ${query.replace(/\s+/g, " ").slice(0, 160)}…`);
    }
    const ms = performance.now() - started;
    if (process.env.BENCH_VERBOSE && ms > 300)
      console.log(`    ${(ms / 1000).toFixed(2)} s: ${query.replace(/\s+/g, " ").slice(0, 100)}`);
  };
}

async function rowsOf<T>(tx: Database, query: string): Promise<T[]> {
  const result = (await tx.execute(sql.raw(query))) as unknown as { rows?: T[] } & T[];
  return result.rows ?? result;
}

// ---------------------------------------------------------------------------------------------- one municipality

async function seedMunicipality(tx: Database, town: Town, ctx: Context, log: (line: string) => void) {
  const MID = `'${town.id}'::uuid`;
  const f = ctx.factor;
  const timed = async (label: string, work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    if (process.env.BENCH_VERBOSE)
      log(`  ${town.name} ${label}: ${((performance.now() - started) / 1000).toFixed(2)} s`);
  };
  const run = runner(tx);

  // Compiling these long expressions costs seconds and saves nothing at these row counts.
  await run(`set local jit = off`);
  const plan = await planUnits(tx, town, f, !!ctx.history);
  let people!: Awaited<ReturnType<typeof insertUnitsAndUsers>>;
  await timed("units and users", async () => {
    people = await insertUnitsAndUsers(tx, town, ctx, plan);
  });
  // Skewed (u^1.3) so the first of the pool, the demo account, gets about one case in eight.
  const worker = (r: string) =>
    `(select user_id from b_mpool where role = 'reception_worker' and k = floor(${r} ^ 1.3 * ${people.workers})::int)`;
  const lastDay = addCalendarDays(ctx.until, -1);

  // Days with their weight: fewer reports at weekends, in July and over Christmas, a few more every year.
  await run(`
    create temp table b_day on commit drop as
    select d::date as day, d::date <= '${lastDay}' as past,
      (case extract(isodow from d) when 6 then 0.2 when 7 then 0.15 else 1 end) * s.season
        * (1 + 0.05 * (extract(year from d) - 2017)) as w_report,
      (case when extract(isodow from d) >= 6 then 0.02 else 1 end) * s.season * (1 + 0.03 * (extract(year from d) - 2017)) as w_weekday
    from generate_series(date '${ctx.history?.from ?? FIRST_DAY}', date '${addCalendarDays(ctx.until, 120)}', interval '1 day') d
    cross join lateral (select
      (array[1.0, 1.1, 1.15, 1.05, 1.1, 0.85, 0.4, 0.85, 1.15, 1.15, 1.15, 0.85])[extract(month from d)::int]
      * (case when to_char(d, 'MMDD') >= '1223' or to_char(d, 'MMDD') <= '0106' then 0.5 else 1 end) as season) s`);
  // 10,000 slots shared out by report weight: a uniform number picks a unit by an equality join.
  await run(`
    create temp table b_slot on commit drop as
    select s as slot, c.id as unit_id
    from (
      select id, round(10000 * (sum(w) over o - w) / t.total)::int as lo, round(10000 * sum(w) over o / t.total)::int as hi
      from b_unit, (select sum(w) as total from b_unit) t where w > 0 window o as (order by uno)
    ) c, generate_series(c.lo, c.hi - 1) s`);
  await run(`create unique index on b_slot (slot)`);
  await run(`analyze b_slot`);

  await timed("advice", () => seedAdvice(tx, town, ctx, worker));
  await timed("reports plan", () => planReports(tx, town, ctx, people, worker));
  await timed("reports", async () => {
    if (ctx.history) await sealPlanned(tx, town.id, ctx.history.keyring);
    await run(`
      insert into reports (id, municipality_id, reference, channel, unit_id, reporter_id, reporter_name, reporter_phone, reporter_email,
        registered_by_id, observer_name, on_behalf_reason, co_signer_id, wants_feedback, advice_code, advice_consultation_id,
        child_name, child_birth_date, child_group, observed_on, observations, child_words, guardians, interpreter_needed,
        interpreter_language, acute, other_agencies, received_at, protection_due_at, decision_due_at, protection_assessed_at,
        protection_outcome, assigned_to_id, child_heard, child_heard_note, decision, decided_at, needed_supplement,
        no_meeting_reason, no_meeting_note, created_at)
      select id, ${MID}, reference, channel::report_channel, unit_id, reporter_id, reporter_name, reporter_phone, reporter_email,
        registered_by_id, observer_name, on_behalf_reason, co_signer_id, wants_feedback, advice_code, advice_consultation_id,
        child_name, child_birth_date, child_group, observed_on, observations, child_words, guardians, interpreter_needed,
        interpreter_language, acute, other_agencies, received_at, protection_due_at, decision_due_at, protection_assessed_at,
        protection_outcome::protection_outcome, coalesce(investigator_id, assigned_to_id), child_heard,
          child_heard_note, decision::report_decision, decided_at,
        needed_supplement, no_meeting_reason::no_meeting_reason, no_meeting_note, received_at
      from b_rep order by i`);
    await run(`
      insert into report_counters (municipality_id, year, last)
      select ${MID}, year, max(num) from b_rep group by year
      on conflict (municipality_id, year) do update set last = greatest(report_counters.last, excluded.last)`);
  });
  await timed("meetings", () => seedMeetings(tx, town, ctx, people));
  await timed("feedback", () => seedFeedback(tx, town, ctx, worker));
  await timed("events", () => seedEvents(tx, town, people));
  await timed("trainings", () => seedTrainings(tx, town, ctx, people));
}

// ---------------------------------------------------------------------------------------------- advice

async function seedAdvice(tx: Database, town: Town, ctx: Context, worker: (r: string) => string) {
  const run = runner(tx);
  const concerns = `array[${concernKinds.map(lit).join(",")}]`;
  const M = town.no;
  const n = Math.round(volume(VOLUME.advice, ctx));
  const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  // A bijection on the 31⁴ codes (7919 is prime, so coprime with 31⁴): distinct codes without a retry loop.
  const c = `((i - 1)::bigint * 7919 + ${M * 104729 + 12345}) % 923521`;
  const ch = (div: number) => `substr('${alphabet}', ((${c} / ${div}) % 31)::int + 1, 1)`;
  await run(`
    create temp table b_adv on commit drop as
    with s as materialized (
      select (row_number() over (order by day, j))::int as i, day from (${spread(n, "w_weekday", "past")}) x
    ), h as materialized (
      select s.*, md5('aa:${M}:' || i) as a, md5('ab:${M}:' || i) as b, md5('ac:${M}:' || i) as c from s
    ), k as materialized (
      select h.*, sl.unit_id as caller_unit_id, bu.kind as unit_kind, bu.n_staff,
        ${chooseSql(u("a", 1), [
          [
            "case bu.kind when 'preschool' then 'preschool_teacher' when 'student_health' then 'student_health' else 'teacher' end",
            75,
          ],
          ["'principal'", 15],
          ["'other_staff'", 10],
        ])} as caller_role
      from h
      left join b_slot sl on sl.slot = case when ${u("a", 0)} < 0.9 then floor(${u("a", 0)} / 0.9 * 10000)::int end
      left join b_unit bu on bu.id = sl.unit_id
    )
    select k.i, ${uuid(`'advice:${M}:' || k.i`)} as id, 'R-' || ${ch(29791)} || ${ch(961)} || ${ch(31)} || ${ch(1)} as code,
      ${worker(u("a", 2))} as author_id,
      (select id from b_unit where kind = 'reception' order by uno limit 1) as reception_unit_id,
      ${at("k.day", `8 + ${u("a", 3)} * 8.5`)} as occurred_at,
      5 + floor(${u("b", 0)} * 26)::int as duration_minutes,
      ${choose(u("b", 1), [
        ["phone", 85],
        ["video", 7],
        ["visit", 3],
        ["email", 5],
      ])} as channel,
      k.caller_unit_id, k.caller_role,
      case when ${u("b", 2)} < 0.45 and k.caller_role <> 'principal' then cu.user_id end as caller_user_id,
      case when ${u("b", 3)} < 0.3
        then array[(${concerns})[1 + floor(${u("c", 0)} * 9)::int],
          (${concerns})[1 + ((floor(${u("c", 0)} * 9)::int + 1 + floor(${u("c", 1)} * 8)::int) % 9)]]
        else array[${choose(u("c", 0), [
          ["neglect", 26],
          ["physical_violence", 22],
          ["psychological_violence", 12],
          ["witnessing_violence", 12],
          ["own_behaviour", 10],
          ["substance_abuse_in_family", 8],
          ["sexual_abuse", 4],
          ["honour_related", 3],
          ["other", 3],
        ])}]
      end as concerns,
      case k.unit_kind
        when 'preschool' then ${choose(u("c", 2), [
          ["0-2", 25],
          ["3-5", 75],
        ])}
        when 'school' then ${choose(u("c", 2), [
          ["6-9", 35],
          ["10-12", 35],
          ["13-15", 28],
          ["16-17", 2],
        ])}
        when 'student_health' then ${choose(u("c", 2), [
          ["10-12", 30],
          ["13-15", 60],
          ["16-17", 10],
        ])}
        else case when ${u("c", 2)} < 0.3 then null else ${choose(u("c", 3), [
          ["0-2", 10],
          ["3-5", 15],
          ["6-9", 25],
          ["10-12", 20],
          ["13-15", 25],
          ["16-17", 5],
        ])} end
      end as age_band,
      ${u("c", 3)} < 0.04 as acute,
      ${pick(w.adviceSummaries, u("b", 0))} as summary,
      ${choose(u("c", 1), [
        ["report_now", 35],
        ["report_after_observing", 20],
        ["talk_to_health_team_or_principal", 15],
        ["no_report_needed", 18],
        ["referral", 8],
        ["call_emergency", 4],
      ])} as advice,
      ${pick(w.adviceNotes, u("c", 3))} as advice_note_text,
      ${pick(w.followUps, u("c", 2))} as follow_up,
      ${u("b", 3)} < 0.6 as follows,
      ${u("c", 1)} < 0.01 as amended
    from k
    left join b_pool cu on cu.unit_id = k.caller_unit_id and cu.role = 'staff' and cu.k = floor(${u("b", 2)} / 0.45 * k.n_staff)::int`);
  await run(
    `delete from b_adv a using advice_consultations x where x.municipality_id = '${town.id}' and x.code = a.code`,
  );
  await run(`analyze b_adv (id, caller_unit_id, occurred_at, advice, follows)`);
  await run(`
    insert into advice_consultations (id, municipality_id, code, author_id, reception_unit_id, occurred_at, duration_minutes, channel,
      caller_unit_id, caller_role, caller_user_id, concerns, age_band, acute, summary, advice, advice_note, follow_up,
        created_at, updated_at)
    select id, '${town.id}', code, author_id, reception_unit_id, occurred_at, duration_minutes, channel::advice_channel,
      caller_unit_id, caller_role::caller_role, caller_user_id, concerns, age_band::age_band, acute, summary, advice::advice_kind,
      case when advice in ('no_report_needed', 'referral') then advice_note_text else '' end, follow_up,
      occurred_at + duration_minutes * interval '1 minute', occurred_at + duration_minutes * interval '1 minute'
    from b_adv order by i`);
  await run(`
    insert into advice_amendments (id, municipality_id, consultation_id, author_id, text, created_at)
    select ${uuid(`'amend:${M}:' || i`)}, '${town.id}', id, author_id,
      'Tillägg: den som ringde har hört av sig igen och berättat att vårdnadshavarna nu är informerade.', occurred_at + interval '2 days'
    from b_adv where amended and occurred_at + interval '2 days' < timestamptz '${ctx.now.toISOString()}'`);
}

// ---------------------------------------------------------------------------------------------- reports

async function planReports(
  tx: Database,
  town: Town,
  ctx: Context,
  people: { workers: number; investigators: number },
  worker: (r: string) => string,
) {
  const run = runner(tx);
  const M = town.no;
  const NOW = `timestamptz '${ctx.now.toISOString()}'`;
  const n = Math.round(volume(VOLUME.reports, ctx));
  const local = `(received_at at time zone 'Europe/Stockholm')`;
  const decidedAfter = `${dayOf("received_at")} + case when ${u("hc", 3)} < 0.72 then 2 + floor(${u("hd", 0)} * 12)::int
    when ${u("hc", 3)} < 0.93 then 14 + floor(${u("hd", 0)} * 7)::int else 21 + floor(${u("hd", 0)} * 20)::int end`;
  // A history is over when it is seen (seedHistory): every report decided two weeks before, so that its feedback has
  // been given too, and meetings only about reports six weeks old or more, so that every meeting has been held.
  const closingDay = ctx.history ? addCalendarDays(stockholmDate(ctx.now), -HISTORY_CLOSED_DAYS) : null;
  const decideDay = closingDay ? `least(${decidedAfter}, date '${closingDay}')` : decidedAfter;
  const meetingsUntil = ctx.history ? ` and q.received_at <= ${NOW} - interval '${HISTORY_MEETING_DAYS} days'` : "";
  await run(`
    create temp table b_rep on commit drop as
    with s as materialized (
      select (row_number() over (order by day, j))::int as i, day from (${spread(n, "w_report", "past")}) x
    ), h as materialized (
      select s.*, ${["a", "b", "c", "d", "e", "f", "g", "k", "m"].map((x) => `md5('r${x}:${M}:' || i) as h${x}`).join(", ")} from s
    ), c as materialized (
      select h.*, ${choose(u("ha", 0), [
        ["portal", 50],
        ["e_service", 12],
        ["police", 20],
        ["phone", 8],
        ["paper", 5],
        ["other", 5],
      ])} as channel0
      from h
    ), d as materialized (
      select c.*, sl.unit_id, bu.kind as unit_kind, bu.n_staff, bu.n_principal, bu.sh_id, bu.n_sh
      from c
      left join b_slot sl on sl.slot = case when channel0 = 'portal' then floor(${u("ha", 1)} * 10000)::int
                                            when ${u("ha", 1)} < 0.6 then floor(${u("ha", 1)} / 0.6 * 10000)::int end
      left join b_unit bu on bu.id = sl.unit_id
    ), e as materialized (
      select d.*, rp.user_id as reporter_id, rp.name as rp_name, rp.email as rp_email,
        case when rp.user_id is null and channel0 = 'portal' then 'e_service' else channel0 end as channel,
        cs.user_id as co_signer_id,
        ${pick(w.childFirstNames, u("hg", 0))} as child_first,
        case unit_kind when 'preschool' then 1 + ${u("hg", 2)} * 4.9 when 'school' then 6 + ${u("hg", 2)} * 9.9
          when 'student_health' then 8 + ${u("hg", 2)} * 9.5 else ${u("hg", 2)} * 17.9 end as age
      from d
      left join b_pool rp on channel0 = 'portal' and rp.unit_id = d.unit_id and rp.role = 'staff'
        and rp.k = floor(${u("ha", 3)} * ${u("ha", 3)} * d.n_staff)::int
      left join b_pool cs on channel0 = 'portal' and d.unit_kind in ('preschool', 'school') and ${u("hb", 0)} < 0.3
        and cs.unit_id = d.unit_id and cs.role = 'principal' and cs.k = floor(${u("hb", 1)} * d.n_principal)::int
    ), f as materialized (
      select e.*,
        case when channel in ('portal', 'e_service') then ${at("day", `7.5 + ${u("ha", 2)} * 9.5`)}
             when channel = 'police' then ${at("day", `${u("ha", 2)} * 23.9`)}
             else ${at("day", `8 + ${u("ha", 2)} * 8.5`)} end as received_at,
        case when channel = 'police' then ${u("hb", 3)} < 0.25 else ${u("hb", 3)} < 0.05 end as acute,
        case when channel = 'portal' then null when channel = 'police' then 'police' when ${u("hk", 0)} < 0.25 then 'anonymous'
             when ${u("hk", 0)} < 0.5 then 'agency' else 'person' end as outsider
      from e
    ), g as materialized (
      select f.*,
        ${dayOf("received_at")} as rday,
        extract(year from ${local})::int as year,
        -- protection assessment: mostly the same day, else the next, a few late
        case when acute then received_at + (0.25 + ${u("hc", 1)} * 1.75) * interval '1 hour'
             when ${u("hc", 0)} < 0.6 then received_at + (0.5 + ${u("hc", 1)} * 4.5) * interval '1 hour'
             when ${u("hc", 0)} < 0.93 then ${at(`${dayOf("received_at")} + 1`, `8 + ${u("hc", 1)} * 8`)}
             else ${at(`${dayOf("received_at")} + 2 + floor(${u("hc", 1)} * 2)::int`, `9 + ${u("hc", 2)} * 6`)} end as assessed_c,
        -- the decision: within 14 days for most, some late, a few very late (in a history, by its closing day)
        ${decideDay} as decide_day
      from f
    ), p as materialized (
      select g.*,
        case when assessed_c <= ${NOW} then assessed_c end as protection_assessed_at,
        greatest(${at("decide_day", `9 + ${u("hd", 1)} * 7`)}, assessed_c + interval '1 hour') as decided_c
      from g
    ), q as materialized (
      select p.*,
        case when protection_assessed_at is not null and decided_c <= ${NOW} then decided_c end as decided_at,
        -- the newest reports may still wait for someone to take them
        case when received_at > ${NOW} - interval '3 days' and ${u("he", 1)} < 0.4 then null
             else least(received_at + (0.3 + ${u("he", 1)} * 2.7) * interval '1 hour',
               coalesce(protection_assessed_at - interval '10 minutes', 'infinity')) end as assigned_c
      from p
    )
    select q.i, ${uuid(`'report:${M}:' || q.i`)} as id, q.day, q.rday, q.year, q.channel, q.unit_id, q.unit_kind, q.sh_id, q.n_sh,
      q.reporter_id, q.co_signer_id, q.hk, q.he, q.hf, q.hm,
      coalesce(q.rp_name, case q.outsider when 'police' then 'Polisen, lokalpolisområde ${town.name}'
        when 'anonymous' then 'Anonym anmälare'
        when 'agency' then
          ${pick(["Barn- och ungdomspsykiatrin", "Vårdcentralen", "Barnavårdscentralen", "Familjerätten", "Frivården"], u("hk", 1))}
        else ${pick(w.firstNames, u("hk", 1))} || ' ' || ${pick(w.lastNames, u("hk", 2))} end) as reporter_name,
      case when q.outsider = 'police' then '114 14' when q.outsider = 'anonymous' then ''
        else '07' || floor(${u("hk", 3)} * 10)::int || '-' || lpad(floor(${u("hk", 2)} * 10000000)::int::text, 7, '0')
          end as reporter_phone,
      coalesce(q.rp_email, '') as reporter_email,
      case when q.channel <> 'portal' then ${worker(u("hk", 3))} end as registered_by_id,
      case when q.channel = 'portal' and ${u("hg", 3)} < 0.04 then ${pick(w.firstNames, u("hk", 1))} || ' '
        || ${pick(w.lastNames, u("hk", 2))} end as observer_name,
      case when q.channel = 'portal' and ${u("hg", 3)} < 0.04
        then 'Kollegan som såg det är föräldraledig och bad mig skriva anmälan.' end as on_behalf_reason,
      case when q.outsider = 'anonymous' then false when q.channel = 'portal' then ${u("hb", 2)} < 0.9
        when q.channel = 'police' then ${u("hb", 2)} < 0.7 else ${u("hb", 2)} < 0.5 end as wants_feedback,
      null::text as advice_code, null::uuid as advice_consultation_id,
      q.child_first || ' ' || ${pick(w.lastNames, u("hg", 1))} as child_name,
      (q.rday - (q.age * 365.25)::int) as child_birth_date,
      case q.unit_kind when 'school' then greatest(0, least(9, floor(q.age)::int - 6)) || chr(65 + floor(${u("hk", 0)} * 3)::int)
        when 'preschool' then 'Avdelning ' || ${pick(w.preschoolNames, u("hk", 2))} else '' end as child_group,
      case when q.channel in ('portal', 'e_service') then q.rday - floor(${u("hd", 2)} * 4)::int end as observed_on,
      ${pick(w.observations, u("hd", 3))} as observations,
      case when ${u("he", 0)} < 0.4 then ${pick(w.childWords, u("hk", 3))} else '' end as child_words,
      jsonb_build_array(jsonb_build_object('name', 'Vårdnadshavare till ' || q.child_first, 'informed', ${u("hf", 3)} < 0.8,
        'notInformedReason', case when ${u("hf", 3)} < 0.8 then '' else 'Kan utsätta barnet för risk.' end)) as guardians,
      ${u("hg", 3)} > 0.92 as interpreter_needed,
      case when ${u("hg", 3)} > 0.92 then ${pick(w.interpreterLanguages, u("hk", 0))} else '' end as interpreter_language,
      q.acute,
      case when q.channel = 'police' then 'Polisen' when ${u("he", 2)} > 0.9 then 'BUP' else '' end as other_agencies,
      q.received_at,
      ${startOfDay("q.rday + 2")} as protection_due_at,
      ${startOfDay("q.rday + 15")} as decision_due_at,
      q.protection_assessed_at,
      case when q.protection_assessed_at is null then null
        when (q.acute and ${u("hc", 2)} < 0.65) or ${u("hc", 2)} < 0.06 then 'immediate_measures'
          else 'no_immediate_need' end as protection_outcome,
      case when q.assigned_c <= ${NOW} then ${worker(u("he", 0))} end as assigned_to_id,
      case when q.assigned_c <= ${NOW} then q.assigned_c end as assigned_at,
      case when q.decided_at is not null then ${u("hd", 2)} < 0.55
        when q.protection_assessed_at is not null and ${u("hf", 0)} < 0.4 then ${u("hd", 2)} < 0.6 end as child_heard,
      q.decided_at,
      case when q.decided_at is null then null
        when q.acute and ${u("hd", 3)} < 0.8 then 'opened'
        else ${choose(u("hd", 1), [
          ["opened", 33],
          ["not_opened", 58],
          ["already_ongoing", 9],
        ])} end as decision,
      q.channel = 'portal' and q.protection_assessed_at is not null and q.protection_assessed_at + interval '30 minutes' <= ${NOW}
        and ${u("hf", 0)} > 0.92 as needed_supplement,
      q.protection_assessed_at is not null and q.protection_assessed_at + interval '1 hour' <= ${NOW}
        and ${u("he", 2)} < 0.625${meetingsUntil} as has_meeting,
      ${u("he", 3)} < 0.07 as meeting_cancelled,
      (row_number() over (partition by q.year order by q.received_at, q.i))::int
        + coalesce((select last from report_counters c where c.municipality_id = '${town.id}' and c.year = q.year), 0) as num
    from q`);
  // Indexes before any update: one built after updates in the same transaction is unusable until it commits (indcheckxmin).
  await run(`create index on b_rep (unit_id, received_at)`);
  await run(`create unique index on b_rep (id)`);
  // What depends on the columns above.
  await run(`
    alter table b_rep add column reference text, add column child_heard_note text, add column child_heard_at timestamptz,
      add column no_meeting_reason text, add column no_meeting_note text, add column investigator_id uuid`);
  await run(`
    update b_rep set
      reference = 'ORO-' || year || '-' || lpad(num::text, greatest(4, length(num::text)), '0'),
      child_heard_note = case when child_heard then
        ${pick(["Samtal med barnet i skolan.", "Samtal med barnet på mottagningen.", "Samtal med barnet i hemmet."], u("hf", 1))}
        when child_heard = false then case when unit_kind = 'preschool' then 'Barnet är för litet för att höras.'
          else 'Barnet ville inte prata med oss.' end end,
      investigator_id = case when decision = 'opened' and decided_at + interval '2 hours' <= ${NOW}
        and ${u("hm", 0)} < 0.7 and ${people.investigators} > 0
        then (select user_id from b_mpool where role = 'investigator'
          and k = floor(${u("hm", 1)} ^ 1.5 * ${people.investigators})::int) end,
      child_heard_at = case when child_heard is not null
        then protection_assessed_at + (coalesce(decided_at, ${NOW}) - protection_assessed_at) * 0.6 end,
      no_meeting_reason = case when decided_at is not null and not has_meeting and ${u("hf", 1)} < 0.4
        then ${choose(u("hf", 2), [
          ["violence_suspected", 40],
          ["honour_related", 5],
          ["immediate_care", 15],
          ["not_in_childs_interest", 25],
          ["other", 15],
        ])} end`);
  await run(
    `update b_rep set no_meeting_note = case when no_meeting_reason = 'other'
      then 'Familjen har flyttat från kommunen.' else '' end where no_meeting_reason is not null`,
  );
  await run(`analyze b_rep (id, unit_id, received_at, channel)`);
  // A report that follows advice quotes its code: the first portal report from the caller's unit within ten days.
  await run(`
    update b_rep r set advice_code = x.code, advice_consultation_id = x.id
    from (
      select distinct on (rep.id) rep.id as report_id, a.id, a.code
      from b_adv a
      cross join lateral (
        select rr.id from b_rep rr
        where rr.unit_id = a.caller_unit_id and rr.received_at > a.occurred_at and rr.received_at < a.occurred_at + interval '10 days'
          and rr.channel = 'portal'
        order by rr.received_at limit 1
      ) rep
      where a.follows and a.advice in ('report_now', 'report_after_observing')
      order by rep.id, a.occurred_at
    ) x
    where r.id = x.report_id`);
}

/**
 * A history's identities sealed in the planned rows before they are copied into reports, so that no name is stored
 * open (decision 021): the planned rows are a temporary table, never in the write-ahead log and gone at commit, where
 * sealing after the insert (as the benchmark does) would leave the open names in the log and in old row versions.
 */
async function sealPlanned(tx: Database, municipalityId: string, keyring: Keyring) {
  const planned = await rowsOf<{
    id: string;
    child_name: string;
    guardians: GuardianEntry[] | string;
    observations: string;
    child_words: string;
  }>(tx, `select id::text, child_name, guardians, observations, child_words from b_rep order by i`);
  for (let start = 0; start < planned.length; start += 200) {
    const values = planned.slice(start, start + 200).map((r) => {
      const guardians = typeof r.guardians === "string" ? (JSON.parse(r.guardians) as GuardianEntry[]) : r.guardians;
      const sealed = sealedIdentity(keyring, municipalityId, {
        childName: r.child_name,
        childPersonalNumber: null,
        guardians,
        observations: r.observations,
        childWords: r.child_words,
      });
      return sql`(${r.id}::uuid, ${sealed.childName}, ${JSON.stringify(sealed.guardians)}::jsonb, ${sealed.observations},
        ${sealed.childWords})`;
    });
    await tx.execute(sql`update b_rep b set child_name = v.child_name, guardians = v.guardians,
      observations = v.observations, child_words = v.child_words
      from (values ${sql.join(values, sql`, `)}) v(id, child_name, guardians, observations, child_words)
      where b.id = v.id`);
  }
}

/** The same for who gave a consent. */
async function sealGivers(tx: Database, keyring: Keyring) {
  const givers = await rowsOf<{ i: number; given_by: string }>(tx, `select i, given_by from b_con order by i`);
  for (let start = 0; start < givers.length; start += 200) {
    const values = givers
      .slice(start, start + 200)
      .map((g) => sql`(${g.i}::int, ${keyring.seal("consent.givenBy", g.given_by)})`);
    await tx.execute(sql`update b_con c set given_by = v.given_by
      from (values ${sql.join(values, sql`, `)}) v(i, given_by) where c.i = v.i`);
  }
}

// ---------------------------------------------------------------------------------------------- meetings

async function seedMeetings(tx: Database, town: Town, ctx: Context, people: { firstWorker: string }) {
  const run = runner(tx);
  const M = town.no;
  const NOW = `timestamptz '${ctx.now.toISOString()}'`;
  // A second meeting replaces a cancelled first one.
  await run(`
    create temp table b_meet on commit drop as
    with r as materialized (
      select b.i, b.id as report_id, b.rday, b.reporter_id, b.co_signer_id, b.sh_id, b.n_sh, b.assigned_to_id, b.interpreter_language,
        b.meeting_cancelled, b.protection_assessed_at + interval '1 hour' as created1, md5('mt:${M}:' || b.i) as h,
          md5('mu:${M}:' || b.i) as g
      from b_rep b where b.has_meeting
    ), d as materialized (
      select r.*, ${weekday(`greatest(r.rday + 3 + floor(${u("h", 0)} * 9)::int, ${dayOf("r.created1")} + 2)`)} as d1 from r
    ), e as materialized (
      select d.*, ${at("d1", `8.5 + floor(${u("h", 1)} * 14) * 0.5`)} as starts1 from d
    ), c as materialized (
      select e.*, greatest(created1 + interval '1 hour', starts1 - (1 + ${u("h", 2)} * 2) * interval '1 day') as cancel_at from e
    ), v as materialized (
      select c.*, n.nth,
        case n.nth when 1 then starts1
          else ${at(weekday(`d1 + 7 + floor(${u("g", 0)} * 7)::int`), `8.5 + floor(${u("g", 1)} * 14) * 0.5`)} end as starts_at,
        case n.nth when 1 then created1 else cancel_at + interval '1 hour' end as created_at,
        n.nth = 1 and meeting_cancelled and cancel_at + interval '1 hour' <= ${NOW} as is_cancelled
      from c cross join lateral (values (1), (2)) n(nth)
      where n.nth = 1 or (meeting_cancelled and cancel_at + interval '1 hour' <= ${NOW})
    ), x as materialized (
      select v.*, md5('mv:${M}:' || v.i || ':' || v.nth) as k, ${choose(u("h", 3), [
        ["60", 60],
        ["45", 25],
        ["90", 15],
      ])}::int as duration_minutes
      from v
    )
    select x.i, x.nth, x.report_id, ${uuid(`'meeting:${M}:' || x.i || ':' || x.nth`)} as id, x.starts_at, x.duration_minutes,
      x.created_at, x.cancel_at, x.reporter_id, x.co_signer_id,
      ${choose(u("k", 0), [
        ["in_person", 55],
        ["video", 30],
        ["phone", 15],
      ])} as form,
      case when x.is_cancelled then 'cancelled'
           -- a few meetings' attendance was never recorded (a history has all of them recorded: it is over)
           when x.starts_at + x.duration_minutes * interval '1 minute' <= ${NOW}
             and ${ctx.history ? "true" : `${u("k", 1)} < 0.97`} then 'held'
           else 'scheduled' end as status,
      coalesce(x.assigned_to_id, '${people.firstWorker}'::uuid) as organizer_id,
      case when x.interpreter_language <> '' then 'Vårdnadshavare och tolk (' || x.interpreter_language || ')'
           else ${pick(["Vårdnadshavare", "Vårdnadshavare och barnet", "Båda vårdnadshavarna"], u("k", 2))} end as other_participants,
      case when ${u("x.k", 3)} < 0.3 and x.n_sh > 0 then (select p.user_id from b_pool p where p.unit_id = x.sh_id and p.role = 'staff'
        and p.k = floor(${u("x.k", 3)} / 0.3 * x.n_sh)::int) end as health_id,
      x.k
    from x`);
  await run(`
    alter table b_meet add column place text, add column held_at timestamptz, add column updated_at timestamptz`);
  await run(`
    update b_meet set
      place = case form when 'in_person' then ${lit(w.meetingPlaces[0])} when 'video' then ${lit(w.meetingPlaces[1])}
        else ${lit(w.meetingPlaces[2])} end,
      held_at = case when status = 'held' then starts_at + duration_minutes * interval '1 minute' end,
      updated_at = case status when 'held' then starts_at + duration_minutes * interval '1 minute'
        when 'cancelled' then cancel_at else created_at end`);
  await run(`analyze b_meet`);
  await run(`
    insert into meetings (id, municipality_id, report_id, starts_at, duration_minutes, form, place,
      other_participants, status, uid, sequence, organizer_id, reminder_sent_at, held_at, created_at, updated_at)
    select id, '${town.id}', report_id, starts_at, duration_minutes, form::meeting_form, place, other_participants, status::meeting_status,
      id || '@tillsammans', case when status = 'cancelled' then 1 else 0 end, organizer_id,
      case when status <> 'cancelled' and starts_at - interval '1 day' <= ${NOW} then ${at(`${dayOf("starts_at")} - 1`, "7")} end,
      held_at, created_at, updated_at
    from b_meet order by starts_at, id`);
  // Invited: the one who signed, the co-signing principal, sometimes the student health team.
  await run(`
    create temp table b_inv on commit drop as
    select m.*, v.slot, v.invitee_id, ${uuid(`'invitation:${M}:' || m.i || ':' || m.nth || ':' || v.slot`)} as inv_id,
      md5('iv:${M}:' || m.i || ':' || m.nth || ':' || v.slot) as hv,
        m.created_at + (2 + ${u("m.k", 2)} * 30) * interval '1 hour' as answered_c
    from b_meet m
    cross join lateral (values (1, m.reporter_id), (2, m.co_signer_id), (3, m.health_id)) v(slot, invitee_id)
    where v.invitee_id is not null`);
  await run(`
    alter table b_inv add column answer text`);
  await run(`
    update b_inv set answer = case
      when status = 'held' or (status = 'scheduled' and starts_at <= ${NOW}) then ${choose(u("hv", 0), [
        ["accepted", 85],
        ["declined", 10],
        ["pending", 5],
      ])}
      when status = 'cancelled' then case when ${u("hv", 0)} < 0.7 and answered_c <= cancel_at then 'accepted' else 'pending' end
      when answered_c > ${NOW} then 'pending'
      else ${choose(u("hv", 0), [
        ["accepted", 50],
        ["proposed", 6],
        ["declined", 4],
        ["pending", 40],
      ])} end`);
  await run(`
    insert into meeting_invitations (id, municipality_id, meeting_id, invitee_id, answer, decline_reason,
      proposed_starts_at, answered_at, attended, created_at)
    select inv_id, '${town.id}', id, invitee_id, answer::invitation_answer,
      case when answer = 'declined' then
        ${pick(["Jag har undervisning då.", "Jag är på kurs den dagen.", "Jag är sjukskriven."], u("hv", 1))} end,
      case when answer = 'proposed' then starts_at + interval '1 day' end,
      case when answer <> 'pending' then answered_c end,
      case when status = 'held' then answer = 'accepted' and ${u("hv", 2)} < 0.92 end,
      created_at
    from b_inv order by created_at, inv_id`);
  const when = `${svDate("starts_at", w.swedishMonths)} || ' ' || to_char(starts_at at time zone 'Europe/Stockholm', 'HH24:MI')`;
  await run(`
    insert into messages (id, municipality_id, recipient_id, kind, subject, body, link, created_at, read_at)
    select ${uuid(`'invitation-message:${M}:' || i || ':' || nth || ':' || slot`)}, '${town.id}', invitee_id,
      'invitation', 'Inbjudan till anmälningsmöte',
      'Du är inbjuden till ett anmälningsmöte ' || ${when} || ' (' || place
        || '). Svara i portalen: tacka ja, tacka nej, föreslå en annan tid eller lämna över till en kollega som känner barnet.',
      '/invitations/' || inv_id, created_at,
      case when ${u("hv", 3)} < 0.95 and created_at + (1 + ${u("hv", 3)} * 20) * interval '1 hour' <= ${NOW}
        then created_at + (1 + ${u("hv", 3)} * 20) * interval '1 hour' end
    from b_inv`);
}

// ---------------------------------------------------------------------------------------------- feedback, supplements, consents

async function seedFeedback(tx: Database, town: Town, ctx: Context, worker: (r: string) => string) {
  const run = runner(tx);
  const M = town.no;
  const NOW = `timestamptz '${ctx.now.toISOString()}'`;
  // As giveBasicFeedback: at receipt and at the decision, to the reporter who asked and to a co-signer; a reporter outside
  // the portal (no user) is a task for reception, ticked off by phone or letter.
  await run(`
    create temp table b_fb on commit drop as
    select r.i, r.id as report_id, r.reference, r.decision, st.stage, st.at, rc.slot, rc.recipient_id,
      md5('fb:${M}:' || r.i || ':' || st.stage || ':' || rc.slot) as h,
      ${startOfDay(`${dayOf("st.at")} + 4`)} as due_at
    from b_rep r
    cross join lateral (values ('received', r.received_at), ('decided', r.decided_at)) st(stage, at)
    cross join lateral (values (1, r.reporter_id, r.wants_feedback), (2, r.co_signer_id, r.co_signer_id is not null))
      rc(slot, recipient_id, present)
    where st.at is not null and rc.present`);
  const later = `case when ${u("h", 0)} < 0.9 then at + (0.1 + ${u("h", 1)} * 2.5) * interval '1 day'
    else due_at + (1 + ${u("h", 1)} * 5) * interval '1 day' end`;
  await run(
    `alter table b_fb add column delivered_at timestamptz, add column channel text, add column delivered_by uuid`,
  );
  await run(`
    update b_fb set delivered_at = case when recipient_id is not null then at when ${later} <= ${NOW} then ${later} end`);
  await run(`
    update b_fb set
      channel = case when recipient_id is not null then 'portal' when delivered_at is not null then ${choose(
        u("h", 2),
        [
          ["phone", 60],
          ["letter", 30],
          ["email", 10],
        ],
      )} end,
      delivered_by = case when recipient_id is null and delivered_at is not null then ${worker(u("h", 3))} end`);
  const texts: Record<string, string> = {
    received:
      "Socialtjänsten har tagit emot din anmälan {reference} den {date}. Mottagningen gör en skyddsbedömning samma " +
      "dag eller nästa och beslutar inom 14 dagar om en utredning ska inledas. Du får besked här när beslutet är fattat.",
    opened:
      "Socialtjänsten har den {date} beslutat att inleda en utredning efter din anmälan {reference}. " +
      "Mer än så får vi inte berätta utan vårdnadshavarnas samtycke. Tack för att du anmälde.",
    not_opened:
      "Socialtjänsten har den {date} beslutat att inte inleda en utredning efter din anmälan {reference}. " +
      "Om du på nytt ser något som oroar dig ska du anmäla igen. Tack för att du anmälde.",
    already_ongoing:
      "Din anmälan {reference} har den {date} förts till en utredning som redan pågår. " +
      "Mer än så får vi inte berätta utan vårdnadshavarnas samtycke. Tack för att du anmälde.",
  };
  const text = `case when stage = 'received' then ${lit(texts.received)} when decision = 'opened' then ${lit(texts.opened)}
    when decision = 'not_opened' then ${lit(texts.not_opened)} else ${lit(texts.already_ongoing)} end`;
  const messageId = uuid(`'feedback-message:${M}:' || i || ':' || stage || ':' || slot`);
  await run(`
    insert into messages (id, municipality_id, recipient_id, kind, subject, body, link, created_at, read_at)
    select ${messageId}, '${town.id}', recipient_id, 'feedback', 'Återkoppling på anmälan ' || reference,
      replace(replace(${text}, '{reference}', reference), '{date}', ${svDate("at", w.swedishMonths)}), '/reports/' || report_id, at,
      case when at + (1 + ${u("h", 2)} * 71) * interval '1 hour' <= ${NOW} and (${u("h", 3)} < 0.97 or at < ${NOW} - interval '30 days')
        then at + (1 + ${u("h", 2)} * 71) * interval '1 hour' end
    from b_fb where recipient_id is not null`);
  await run(`
    insert into basic_feedback (id, municipality_id, report_id, stage, recipient_id, due_at, delivered_at, channel,
      delivered_by_id, message_id, created_at)
    select ${uuid(`'feedback:${M}:' || i || ':' || stage || ':' || slot`)}, '${town.id}', report_id,
      stage::feedback_stage, recipient_id, due_at, delivered_at,
      channel::feedback_channel, delivered_by,
      case when recipient_id is not null then ${messageId} end, at
    from b_fb order by at`);

  // Reception asks the reporter for more; most answer within two days.
  await run(`
    create temp table b_sup on commit drop as
    select r.i, r.id as report_id, r.reference, r.reporter_id, coalesce(r.assigned_to_id, ${worker(u("r.hf", 1))}) as asked_by,
      r.protection_assessed_at + interval '30 minutes' as asked_at, md5('sq:${M}:' || r.i) as h,
      case when ${u("r.hf", 2)} < 0.9
          and r.protection_assessed_at + interval '30 minutes' + (4 + ${u("r.hf", 3)} * 44) * interval '1 hour' <= ${NOW}
        then r.protection_assessed_at + interval '30 minutes' + (4 + ${u("r.hf", 3)} * 44) * interval '1 hour' end as answered_at
    from b_rep r where r.needed_supplement`);
  const supplementTexts = [
    "Det har hänt vid minst fyra tillfällen sedan början av månaden.",
    "Barnet har inte sagt något mer.",
    "Vårdnadshavarna vet inte om anmälan än.",
    "Skadorna satt på överarmen och var stora som en tumme.",
  ];
  await run(`
    insert into report_supplements (id, municipality_id, report_id, author_id, text, created_at)
    select ${uuid(`'supplement:${M}:' || i`)}, '${town.id}', report_id, reporter_id,
      ${pick(supplementTexts, u("h", 0))}, answered_at
    from b_sup where answered_at is not null`);
  await run(`
    insert into supplement_requests (id, municipality_id, report_id, question, asked_by_id, asked_at, answer_supplement_id, answered_at)
    select ${uuid(`'supplement-request:${M}:' || i`)}, '${town.id}', report_id,
      ${pick(w.supplementQuestions, u("h", 1))}, asked_by, asked_at,
      case when answered_at is not null then ${uuid(`'supplement:${M}:' || i`)} end, answered_at
    from b_sup`);
  await run(`
    insert into messages (id, municipality_id, recipient_id, kind, subject, body, link, created_at, read_at)
    select ${uuid(`'supplement-message:${M}:' || i`)}, '${town.id}', reporter_id, 'system',
      'Mottagningen behöver veta mer om anmälan ' || reference,
      'Socialtjänstens mottagning har en fråga om din anmälan. Öppna anmälan och svara under Kompletteringar.',
      '/reports/' || report_id || '#supplements-heading', asked_at, answered_at
    from b_sup`);

  // Consent for extended feedback: some opened investigations, to the child's unit (and sometimes the reporter by name).
  await run(`
    create temp table b_con on commit drop as
    select r.i, r.id as report_id, r.unit_id, r.reporter_id, coalesce(r.assigned_to_id, ${worker(u("r.hk", 1))}) as recorded_by,
      md5('cn:${M}:' || r.i) as h, v.valid_from
    from b_rep r
    cross join lateral (select r.decided_at + (1 + ${u("r.hk", 2)} * 10) * interval '1 day' as valid_from) v
    where r.decision = 'opened' and r.unit_id is not null and ${u("r.he", 1)} > 0.88 and v.valid_from <= ${NOW}`);
  await run(`
    alter table b_con add column giver text, add column joint boolean, add column withdrawn_at timestamptz,
      add column valid_until timestamptz,
      add column info_kinds text[], add column given_by text`);
  await run(`
    update b_con set
      giver = ${choose(u("h", 0), [
        ["guardians", 50],
        ["guardian", 35],
        ["child", 15],
      ])},
      joint = ${u("h", 1)} < 0.7,
      valid_until = valid_from + case when ${u("h", 2)} < 0.5 then interval '6 months' else interval '11 months' end,
      withdrawn_at = case when ${u("h", 3)} < 0.06 and valid_from + (10 + ${u("h", 2)} * 50) * interval '1 day' <= ${NOW}
        then valid_from + (10 + ${u("h", 2)} * 50) * interval '1 day' end,
      info_kinds = case when ${u("h", 1)} < 0.4 then array['outcome_and_support'] when ${u("h", 1)} < 0.8
        then array['outcome_and_support', 'school_support']
        else array['outcome_and_support', 'school_support', 'joint_planning'] end`);
  // Who gave it: a guardian's name, sealed before it is written in a history (decision 021).
  await run(`
    update b_con set given_by = case giver when 'child' then 'Barnet själv' else ${pick(w.firstNames, u("h", 3))} || ' '
      || ${pick(w.lastNames, u("h", 0))} || ', ' || ${pick(["mamma", "pappa"], u("h", 2))} end`);
  if (ctx.history) await sealGivers(tx, ctx.history.keyring);
  await run(`
    insert into consents (id, municipality_id, report_id, giver, given_by, joint_custody, both_guardians_consented,
      form, document_reference, recipient_unit_ids, recipient_user_ids, info_kinds, valid_from, valid_until,
      withdrawn_at, withdrawn_by_id, recorded_by_id, submission_key, created_at)
    select ${uuid(`'consent:${M}:' || i`)}, '${town.id}', report_id, giver::consent_giver, given_by,
      joint and giver <> 'child', giver = 'guardians' or (giver = 'guardian' and joint),
      ${choose(u("h", 2), [
        ["written", 50],
        ["oral", 30],
        ["digital", 20],
      ])}::consent_form,
      'SN ' || extract(year from valid_from at time zone 'Europe/Stockholm') || '/' || (1000 + i),
      array[unit_id], case when reporter_id is not null and ${u("h", 0)} < 0.3 then array[reporter_id] else '{}'::uuid[] end,
      info_kinds::consent_info_kind[], valid_from, valid_until, withdrawn_at, case when withdrawn_at is not null then recorded_by end,
      recorded_by, ${uuid(`'consent-key:${M}:' || i`)}, valid_from
    from b_con`);
  // Extended feedback to the reporter (a member of the consented unit), while the consent holds.
  await run(`
    create temp table b_ext on commit drop as
    select c.*, c.valid_from + (1 + ${u("c.h", 3)} * 20) * interval '1 day' as sent_at
    from b_con c
    where c.reporter_id is not null and ${u("c.h", 2)} < 0.7
      and c.valid_from + (1 + ${u("c.h", 3)} * 20) * interval '1 day'
        < least(coalesce(c.withdrawn_at, c.valid_until), c.valid_until, ${NOW})`);
  await run(`
    insert into extended_feedback (id, municipality_id, report_id, recipient_id, info_kind, body, consent_id,
      sent_by_id, sent_at, read_at, submission_key)
    select ${uuid(`'extended:${M}:' || i`)}, '${town.id}', report_id, reporter_id, 'outcome_and_support',
      'Utredningen pågår och familjen har tackat ja till stöd. Vi återkommer om planeringen tillsammans med skolan.',
      ${uuid(`'consent:${M}:' || i`)}, recorded_by, sent_at,
      case when sent_at + interval '20 hours' <= ${NOW} then sent_at + interval '20 hours' end, ${uuid(`'extended-key:${M}:' || i`)}
    from b_ext`);
  await run(`
    insert into messages (id, municipality_id, recipient_id, kind, subject, body, link, created_at, read_at)
    select ${uuid(`'extended-message:${M}:' || i`)}, '${town.id}', reporter_id, 'feedback', 'Utökad återkoppling från socialtjänsten',
      'Du har fått utökad återkoppling med vårdnadshavarnas samtycke. Öppna den via länken.',
      '/feedback/' || ${uuid(`'extended:${M}:' || i`)},
      sent_at, case when sent_at + interval '20 hours' <= ${NOW} then sent_at + interval '20 hours' end
    from b_ext`);
}

// ---------------------------------------------------------------------------------------------- the timeline

async function seedEvents(tx: Database, town: Town, people: { firstWorker: string }) {
  const M = town.no;
  const fallback = `'${people.firstWorker}'::uuid`;
  const by = `coalesce(r.assigned_to_id, ${fallback})`;
  await tx.execute(
    sql.raw(`
    insert into report_events (id, municipality_id, report_id, kind, actor_id, at, details)
    select md5('event:${M}:' || key)::uuid, '${town.id}', report_id, kind, actor_id, at, details from (
      select r.i || ':' || e.tag as key, r.id as report_id, e.kind, e.actor_id, e.at, e.details
      from b_rep r cross join lateral (values
        (1, case when r.channel = 'portal' then 'submitted' else 'registered' end,
          coalesce(r.reporter_id, r.registered_by_id), r.received_at,
          case when r.channel <> 'portal' then jsonb_build_object('channel', r.channel) end),
        (2, 'assigned', ${by}, r.assigned_at, jsonb_build_object('assigneeId', r.assigned_to_id)),
        (3, 'protection_assessed', ${by}, r.protection_assessed_at, jsonb_build_object('outcome', r.protection_outcome)),
        (4, 'child_heard', ${by}, r.child_heard_at, jsonb_build_object('heard', r.child_heard)),
        (5, 'no_meeting', ${by}, case when r.no_meeting_reason is not null then r.decided_at - interval '30 minutes' end,
          jsonb_build_object('reason', r.no_meeting_reason)),
        (6, 'decided', ${by}, r.decided_at, jsonb_build_object('decision', r.decision)),
        -- an opened investigation goes on to the investigation unit
        (7, 'assigned', ${by}, case when r.investigator_id is not null then r.decided_at + interval '2 hours' end,
          jsonb_build_object('assigneeId', r.investigator_id))
      ) e(tag, kind, actor_id, at, details)
      where e.at is not null
      union all
      select m.i || ':' || m.nth || ':' || e.kind, m.report_id, e.kind, m.organizer_id, e.at, e.details
      from b_meet m cross join lateral (values
        ('meeting_invited', m.created_at, null::jsonb),
        ('meeting_cancelled', case when m.status = 'cancelled' then m.cancel_at end, null),
        ('meeting_held', m.held_at, jsonb_build_object('attended', (select count(*) from meeting_invitations i
          where i.meeting_id = m.id and i.attended)))
      ) e(kind, at, details)
      where e.at is not null
      union all
      select f.i || ':feedback:' || f.stage, f.report_id, 'feedback_given', f.delivered_by, f.delivered_at,
        jsonb_build_object('stage', f.stage, 'channel', f.channel)
      from b_fb f where f.recipient_id is null and f.delivered_at is not null
      union all
      select s.i || ':' || e.kind, s.report_id, e.kind, e.actor_id, e.at, null
      from b_sup s cross join lateral (values ('supplement_requested', s.asked_by, s.asked_at),
        ('supplement_answered', s.reporter_id, s.answered_at)) e(kind, actor_id, at)
      where e.at is not null
      union all
      select c.i || ':' || e.kind, c.report_id, e.kind, c.recorded_by, e.at, e.details
      from b_con c cross join lateral (values
        ('consent_recorded', c.valid_from, jsonb_build_object('infoKinds', to_jsonb(c.info_kinds))),
        ('consent_withdrawn', c.withdrawn_at, null)
      ) e(kind, at, details)
      where e.at is not null
      union all
      select x.i || ':extended', x.report_id, 'extended_feedback_sent', x.recorded_by, x.sent_at,
        jsonb_build_object('kind', 'outcome_and_support')
      from b_ext x
    ) t
    order by at`),
  );
}

// ---------------------------------------------------------------------------------------------- trainings

async function seedTrainings(
  tx: Database,
  town: Town,
  ctx: Context,
  people: { coordinators: number; audience: number[] },
) {
  const run = runner(tx);
  const M = town.no;
  const NOW = `timestamptz '${ctx.now.toISOString()}'`;
  const groups = Math.max(1, Math.round(volume(VOLUME.trainingGroups, ctx)));
  const topics: [string, number][] = [
    ["reporting_duty", 40],
    ["information_duty", 12],
    ["social_services_process", 15],
    ["school_law_for_social_workers", 8],
    ["report_e_service", 10],
    ["network_meeting", 10],
    ["other", 5],
  ];
  const title = `case topic ${Object.entries(w.trainingTitles)
    .map(([k, v]) => `when '${k}' then ${lit(v)}`)
    .join(" ")} end`;
  // A series: 4–10 occasions every week or every second week (as its RRULE says); one group in seven is a single occasion.
  await run(`
    create temp table b_ser on commit drop as
    with s as materialized (
      select (row_number() over (order by day, j))::int as g, day
      from (${ctx.history ? spread(groups, "w_weekday", "past") : spread(groups, "w_weekday")}) x
    ), h as materialized (
      select s.*, md5('sa:${M}:' || g) as h, ${weekday(`s.day`)} as d from s
    )
    select g, h, ${uuid(`'series:${M}:' || g`)} as id,
      d + case extract(isodow from d) when 1 then 1 when 5 then 4 else 0 end as d0,
      ${u("h", 0)} < 0.15 as single,
      case when ${u("h", 0)} < 0.15 then 1 else 4 + floor(${u("h", 1)} * 7)::int end as n,
      case when ${u("h", 2)} < 0.5 then 1 else 2 end as weeks,
      ${choose(u("h", 3), topics)} as topic,
      ${pick(["20", "25", "30", "40", "60"], u("h", 1))}::int as capacity,
      ${pick(["8.5", "9", "13", "14", "15"], u("h", 2))}::float8 as hour,
      (select user_id from b_mpool where role = 'coordinator' and k = floor(${u("h", 0)} * ${people.coordinators})::int) as created_by
    from h`);
  // A history is over: no series runs past its last day.
  if (ctx.history)
    await run(`delete from b_ser where d0 + (n - 1) * 7 * weeks > date '${addCalendarDays(ctx.until, -1)}'`);
  await run(`
    insert into training_series (id, municipality_id, rrule, created_by_id, created_at)
    select id, '${town.id}', 'FREQ=WEEKLY;' || case when weeks = 2 then 'INTERVAL=2;' else '' end || 'COUNT=' || n, created_by,
      least(${at("d0 - 30", "10")}, ${NOW} - interval '1 day')
    from b_ser where not single`);
  await run(`
    create temp table b_tr on commit drop as
    select s.*, k, ${uuid(`'training:${M}:' || s.g || ':' || k`)} as tid, md5('tr:${M}:' || s.g || ':' || k) as ht,
      ${at("s.d0 + k * 7 * s.weeks", "s.hour")} as starts_at,
      case when s.topic = 'school_law_for_social_workers' then 2 when s.topic = 'network_meeting' then 3 else 1 end as aud
    from b_ser s cross join lateral generate_series(0, s.n - 1) k`);
  await run(`alter table b_tr add column status text`);
  await run(`
    update b_tr set status = case when starts_at > ${NOW} and ${u("ht", 0)} < 0.1 then 'draft'
      when ${u("ht", 1)} < 0.04 then 'cancelled' else 'published' end`);
  await run(`
    insert into trainings (id, municipality_id, series_id, title, topic, audience_roles, audience_unit_kinds, description, starts_at,
      duration_minutes, place, capacity, registration_deadline, organisers, status, uid, sequence, created_by_id, updated_at)
    select tid, '${town.id}', case when not single then id end, ${title}, topic::training_topic,
      case aud when 2 then array['reception_worker','investigator']::role[]
        when 3 then array['staff','principal','reception_worker','investigator']::role[]
        else array['staff','principal']::role[] end,
      case aud when 2 then array['reception','investigation']::unit_kind[]
        when 3 then array['preschool','school','student_health','reception','investigation']::unit_kind[]
        else array['preschool','school','student_health']::unit_kind[] end,
      'Vi går igenom lagen, vanliga frågor och fall från förskola och skola. Ta gärna med egna exempel (utan namn).',
      starts_at, case when topic = 'network_meeting' then 120 else ${pick(["90", "120", "180"], u("ht", 2))}::int end,
      ${pick(["Stadshuset, sal Kvarnen", "Kulturhuset, konferensrum 2", "Videomöte (länk skickas till de anmälda)"], u("ht", 3))},
      capacity, starts_at - interval '3 days', 'Samverkansenheten', status::training_status, tid || '@tillsammans',
      case when status = 'cancelled' then 1 else 0 end, created_by, least(${at("d0 - 30", "10")}, ${NOW} - interval '1 day')
    from b_tr order by starts_at, tid`);
  // Distinct people per training: (offset + j·p) mod n with the prime p > n visits n different pool members.
  const size = `(case t.aud when 1 then ${people.audience[1]} when 2 then ${people.audience[2]} else ${people.audience[3]} end)`;
  await run(`
    create temp table b_reg on commit drop as
    select t.g, t.k, t.tid, t.capacity, t.starts_at, j, a.user_id, md5('rg:${M}:' || t.g || ':' || t.k || ':' || j) as h,
      t.starts_at - (4 + ${u(`md5('rc:${M}:' || t.g || ':' || t.k || ':' || j)`, 0)} * 40) * interval '1 day' as created_at
    from b_tr t
    cross join lateral generate_series(1, least(floor(t.capacity * (0.1 + ${u("t.ht", 2)} ^ 2 * 1.1))::int, ${size})) j
    join b_aud a on a.aud = t.aud and a.k = ((floor(${u("t.ht", 3)} * ${size})::bigint + j::bigint * 1000003) % ${size})::int
    where t.status = 'published'`);
  // The waitlist's order: explicit for the benchmark (it moves the sequence past them after, as the owner); a history,
  // loaded by the application's role, takes the sequence's next values in that order.
  const seq = ctx.history
    ? { column: "", value: "", order: "order by starts_at, tid, created_at, j" }
    : {
        column: "seq,",
        value: `${M}::bigint * 10000000 + row_number() over (order by starts_at, tid, created_at, j),`,
        order: "",
      };
  await run(`
    insert into training_registrations (id, ${seq.column} municipality_id, training_id, user_id, status, attended, created_at,
      cancelled_at)
    select ${uuid(`'registration:${M}:' || g || ':' || k || ':' || j`)}, ${seq.value} '${town.id}', tid, user_id,
      (case when j > capacity then 'waitlisted' when ${u("h", 0)} < 0.06 then 'cancelled' else 'registered' end)::registration_status,
      case when j <= capacity and ${u("h", 0)} >= 0.06 and starts_at < ${NOW} then ${u("h", 1)} < 0.88 end,
      created_at,
      case when j <= capacity and ${u("h", 0)} < 0.06 then least(created_at + interval '2 days', starts_at - interval '1 day') end
    from b_reg where created_at <= ${NOW} and (j > capacity or ${u("h", 0)} >= 0.06
      or least(created_at + interval '2 days', starts_at - interval '1 day') <= ${NOW})
    ${seq.order}`);
}

/** Exact row counts of every table, for the report at the end. */
export async function rowCounts(db: Database, tables: string[]) {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await rowsOf<{ n: number }>(db, `select count(*)::int as n from "${table}"`);
    counts[table] = row.n;
  }
  return counts;
}
