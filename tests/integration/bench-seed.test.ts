import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { eq, sql } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { getDatabase, openDatabase, type Database } from "#db/client.server";
import { reports as reportsTable } from "#db/schema";
import { keyringFor } from "~/lib/sealed.server";
import { decisionDue, protectionAssessmentDue, stockholmInstant } from "~/domain/deadlines";
import { consentLimit } from "~/domain/consent-coverage";
import { BENCH_UNTIL, seedBench } from "../../scripts/bench/seed-bench";
import { asOwner } from "../owner";

const options = { municipalities: 2, factor: 0.01 };
const now = stockholmInstant(BENCH_UNTIL, "12:00");

async function rows<T>(db: Database, query: string): Promise<T[]> {
  const result = (await db.execute(sql.raw(query))) as unknown as { rows?: T[] } & T[];
  return result.rows ?? result;
}

/** How many rows break a rule: every invariant below is a query that should find nothing. */
async function violations(db: Database, query: string) {
  const [row] = await rows<{ n: number }>(db, `select count(*)::int as n from (${query}) x`);
  return row.n;
}

/** A digest of what the seeder generated for one municipality (not the password hash: argon2 salts it). */
async function fingerprint(db: Database, municipalityId: string) {
  const [row] = await rows<{ digest: string }>(
    db,
    `select md5(concat_ws('|',
      (select string_agg(id::text || reference || extract(epoch from received_at) || coalesce(decision::text, '')
        || coalesce(assigned_to_id::text, '') || coalesce(advice_code, ''), ',' order by id)
        from reports where municipality_id = '${municipalityId}'),
      (select string_agg(code || extract(epoch from occurred_at), ',' order by id)
        from advice_consultations where municipality_id = '${municipalityId}'),
      (select string_agg(email || name, ',' order by email) from users where municipality_id = '${municipalityId}'),
      (select string_agg(id::text || status::text || extract(epoch from starts_at), ',' order by id)
        from meetings where municipality_id = '${municipalityId}'),
      (select string_agg(user_id::text || ':' || seq || status::text, ',' order by id)
        from training_registrations where municipality_id = '${municipalityId}'),
      (select count(*) from report_events where municipality_id = '${municipalityId}'),
      (select count(*) from messages where municipality_id = '${municipalityId}'))) as digest`,
  );
  return row.digest;
}

describe("bench:seed", () => {
  it("builds a small deterministic dataset that keeps the app's invariants", async () => {
    const db = getDatabase().db;
    // Loaded as an operator would, by the owner (it sets sequences); read as the application.
    const towns = await asOwner((owner) => seedBench(owner, options));
    expect(towns).toHaveLength(2);
    const ids = towns.map((t) => `'${t.id}'`).join(",");
    const inTowns = `municipality_id in (${ids})`;
    // The demo seed's own reports (children named Exempel…) date from the real today, not from the benchmark's.
    // Names are sealed (decision 021): the demo's are told apart by opening them.
    const keyring = await keyringFor(towns[0].id);
    const table = reportsTable;
    const demoTown = eq(table.municipalityId, towns[0].id);
    const demoReports = (await db.select({ id: table.id, childName: table.childName }).from(table).where(demoTown))
      .filter((r) => keyring.open("report.childName", r.childName).includes("Exempel"))
      .map((r) => `'${r.id}'`);
    // Four when this run seeded the demo (on PostgreSQL's shared database another file may have).
    expect([0, 4]).toContain(demoReports.length);
    const generated = demoReports.length ? `${inTowns} and id not in (${demoReports.join(",")})` : inTowns;
    const NOW = `timestamptz '${now.toISOString()}'`;

    // Volumes: 1 % of a city each.
    const count = async (table: string) =>
      (await rows<{ n: number }>(db, `select count(*)::int as n from ${table} where ${inTowns}`))[0].n;
    const reports = await count("reports");
    expect(reports).toBeGreaterThan(2 * 600 * 0.95);
    expect(reports).toBeLessThan(2 * 600 * 1.05 + 10);
    expect(await count("advice_consultations")).toBeGreaterThan(2 * 300 * 0.95);
    expect(await count("meetings")).toBeGreaterThan(2 * 400 * 0.8);
    expect(await count("meeting_invitations")).toBeGreaterThan(0);
    expect(await count("trainings")).toBeGreaterThan(20);
    expect(await count("training_registrations")).toBeGreaterThan(100);
    expect(await count("basic_feedback")).toBeGreaterThan(reports);
    expect(await count("report_events")).toBeGreaterThan(5 * reports);
    expect(await count("consents")).toBeGreaterThan(0);
    expect(await count("users")).toBeGreaterThan(2 * 10);
    expect(
      await violations(
        db,
        `select id from users u where ${inTowns} and not exists (select 1 from memberships m where m.user_id = u.id)`,
      ),
    ).toBe(0);

    // Reports: references per municipality and year as nextReference makes them, the counter past the last one.
    expect(
      await violations(
        db,
        `select id from reports where ${generated} and (reference !~ '^ORO-\\d{4}-\\d{4,}$'
        or substr(reference, 5, 4)::int <> extract(year from received_at at time zone 'Europe/Stockholm'))`,
      ),
    ).toBe(0);
    expect(
      await violations(
        db,
        `select 1 from reports r where ${inTowns} and split_part(reference, '-', 3)::int > (select last from report_counters c
        where c.municipality_id = r.municipality_id and c.year = split_part(r.reference, '-', 2)::int)`,
      ),
    ).toBe(0);
    // The process in order: assessed before decided, a decision only with the child's voice documented, nothing after "now".
    expect(
      await violations(
        db,
        `select id from reports where ${generated} and (
        (decision is null) <> (decided_at is null)
        or (decision is not null and (protection_assessed_at is null or child_heard is null or decided_at < protection_assessed_at))
        or protection_assessed_at < received_at or received_at > ${NOW} or decided_at > ${NOW} or protection_assessed_at > ${NOW}
        or (channel = 'portal') <> (reporter_id is not null) or (channel <> 'portal' and registered_by_id is null))`,
      ),
    ).toBe(0);
    const deadlines = await rows<{ received_at: string; protection_due_at: string; decision_due_at: string }>(
      db,
      `select received_at, protection_due_at, decision_due_at from reports where ${generated}`,
    );
    for (const r of deadlines) {
      expect(new Date(r.protection_due_at).getTime()).toBe(protectionAssessmentDue(new Date(r.received_at)).getTime());
      expect(new Date(r.decision_due_at).getTime()).toBe(decisionDue(new Date(r.received_at)).getTime());
    }
    // Most old reports decided, the newest still open.
    const [state] = await rows<{ old_open: number; old: number; open: number }>(
      db,
      `select count(*) filter (where decision is null and received_at < ${NOW} - interval '60 days')::int as old_open,
        count(*) filter (where received_at < ${NOW} - interval '60 days')::int as old, count(*) filter (where decision is null)::int as open
       from reports where ${generated}`,
    );
    expect(state.old_open).toBe(0);
    expect(state.old).toBeGreaterThan(0);

    // Advice: codes as newAdviceCode writes them; a quoting report carries its consultation's code.
    expect(
      await violations(
        db,
        `select id from advice_consultations where ${inTowns} and code !~ '^R-[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{4}$'`,
      ),
    ).toBe(0);
    expect(
      await violations(
        db,
        `select r.id from reports r join advice_consultations a on a.id = r.advice_consultation_id
        where r.${inTowns} and (r.advice_code <> a.code or a.municipality_id <> r.municipality_id or a.occurred_at > r.received_at)`,
      ),
    ).toBe(0);

    // Meetings and invitations.
    expect(
      await violations(
        db,
        `select m.id from meetings m join reports r on r.id = m.report_id where m.${inTowns} and (
        (m.status = 'held') <> (m.held_at is not null) or (m.status = 'held' and m.starts_at > ${NOW}) or m.created_at < r.received_at)`,
      ),
    ).toBe(0);
    expect(
      await violations(
        db,
        `select i.id from meeting_invitations i join meetings m on m.id = i.meeting_id where i.${inTowns}
        and ((i.attended is not null) <> (m.status = 'held') or (i.answer <> 'pending') <> (i.answered_at is not null))`,
      ),
    ).toBe(0);

    // Feedback: a decided stage only for decided reports; a portal recipient has it in the inbox at once.
    expect(
      await violations(
        db,
        `select f.id from basic_feedback f join reports r on r.id = f.report_id left join messages m on m.id = f.message_id
        where f.${inTowns} and ((f.stage = 'decided' and r.decision is null)
          or (f.recipient_id is not null
            and (m.recipient_id is distinct from f.recipient_id or f.channel <> 'portal' or f.delivered_at is null))
          or (f.recipient_id is null and (f.delivered_at is null) <> (f.channel is null)))`,
      ),
    ).toBe(0);
    const consents = await rows<{ valid_from: string; valid_until: string }>(
      db,
      `select valid_from, valid_until from consents where ${inTowns}`,
    );
    for (const c of consents) {
      expect(new Date(c.valid_until) > new Date(c.valid_from)).toBe(true);
      expect(new Date(c.valid_until) <= consentLimit(new Date(c.valid_from))).toBe(true);
    }
    expect(
      await violations(
        db,
        `select x.id from extended_feedback x join consents c on c.id = x.consent_id
        where x.${inTowns} and (x.sent_at < c.valid_from or x.sent_at >= c.valid_until
          or x.sent_at >= coalesce(c.withdrawn_at, 'infinity')
          or not (c.recipient_unit_ids && array(select unit_id from memberships where user_id = x.recipient_id)
            or x.recipient_id = any(c.recipient_user_ids)))`,
      ),
    ).toBe(0);

    // Trainings: never more registered than places, registrations only on published trainings and before their deadline.
    expect(
      await violations(
        db,
        `select t.id from trainings t where t.${inTowns} and t.capacity < (select count(*) from training_registrations g
        where g.training_id = t.id and g.status = 'registered')`,
      ),
    ).toBe(0);
    expect(
      await violations(
        db,
        `select g.id from training_registrations g join trainings t on t.id = g.training_id
        where g.${inTowns} and (t.status <> 'published' or g.created_at > t.registration_deadline)`,
      ),
    ).toBe(0);

    // The demo municipality, when this database was empty: its accounts see their own data.
    if (towns[0].name === "Exempelstad") {
      const mine = await rows<{ email: string; n: number }>(
        db,
        `select u.email, count(r.id)::int as n from users u left join reports r on u.id in (r.reporter_id, r.co_signer_id, r.assigned_to_id)
         where u.email in ('larare@exempelstad.example', 'mottagning@exempelstad.example') group by u.email order by u.email`,
      );
      expect(mine.map((m) => m.email)).toEqual(["larare@exempelstad.example", "mottagning@exempelstad.example"]);
      for (const m of mine) expect(m.n).toBeGreaterThan(0);
    }

    // Same input, same data: the second municipality again, in a fresh embedded database.
    const pglite = new PGlite({ loadDataDir: new Blob([readFileSync(inject("pgliteTemplate"))]) });
    const copy = openDatabase({ pglite });
    try {
      const again = await seedBench(copy, options);
      expect(again[1].id).toBe(towns[1].id);
      expect(await fingerprint(copy.db, again[1].id)).toBe(await fingerprint(db, towns[1].id));
    } finally {
      await copy.close();
    }
  }, 240_000);
});
