import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { openDatabase, type Database } from "#db/client.server";
import { seedDemo } from "~/demo/seed.server";
import { addCalendarDays, stockholmDate, stockholmInstant } from "~/domain/deadlines";
import { readReport } from "~/models/report.server";
import { getCurrentUser } from "~/models/user.server";
import { createReport, createWorld } from "../factories";

async function rows<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } & T[];
  return result.rows ?? result;
}

// Columns that hold what is planned or due, which may well lie ahead; everything else records something that happened.
const AHEAD = /(due_at|starts_at|deadline|expires_at|valid_until|next_review_on|next_attempt_at|locked_until)$/;

afterEach(() => {
  vi.useRealTimers();
});

describe("the demo seed", () => {
  it("dates nothing that happened after the moment it runs, even at night", { timeout: 60_000 }, async () => {
    // 02:00 in Stockholm, ahead of the real clock so that a database default (the real now) is never "later".
    const now = stockholmInstant(addCalendarDays(stockholmDate(new Date()), 1), "02:00");
    vi.useFakeTimers({ toFake: ["Date"], now });
    // A database of its own: on PostgreSQL the run's shared database already has municipalities and would not seed.
    const pglite = new PGlite({ loadDataDir: new Blob([readFileSync(inject("pgliteTemplate"))]) });
    const handle = openDatabase({ pglite });
    try {
      expect(await seedDemo(handle.db)).toBe(true);
      const columns = await rows<{ table_name: string; column_name: string; data_type: string }>(
        handle.db,
        sql`select table_name, column_name, data_type from information_schema.columns
            where table_schema = 'public' and data_type in ('timestamp with time zone', 'date') order by 1, 2`,
      );
      const happened = columns.filter((c) => !AHEAD.test(c.column_name));
      expect(happened.map((c) => `${c.table_name}.${c.column_name}`)).toContain("reports.received_at");
      const future: string[] = [];
      for (const c of happened) {
        const limit =
          c.data_type === "date" ? sql`${stockholmDate(now)}::date` : sql`${now.toISOString()}::timestamptz`;
        const found = await rows<{ latest: string }>(
          handle.db,
          sql`select max(${sql.identifier(c.column_name)})::text as latest from ${sql.identifier(c.table_name)}
              where ${sql.identifier(c.column_name)} > ${limit}`,
        );
        if (found[0]?.latest) future.push(`${c.table_name}.${c.column_name} = ${found[0].latest}`);
      }
      expect(future).toEqual([]);
    } finally {
      await handle.close();
    }
  });

  it("gives the lead a proposal to look at and the teacher a survey on the decided report", {
    timeout: 60_000,
  }, async () => {
    const pglite = new PGlite({ loadDataDir: new Blob([readFileSync(inject("pgliteTemplate"))]) });
    const handle = openDatabase({ pglite });
    try {
      expect(await seedDemo(handle.db)).toBe(true);
      const waiting = await rows<{ reasons: string }>(
        handle.db,
        sql`select second_look_reasons::text as reasons from decision_reviews dr join reports r on r.id = dr.report_id
            where dr.status = 'proposed' and r.decision is null and r.police_considered`,
      );
      expect(waiting.map((w) => w.reasons)).toEqual(["{violence,child_not_heard}"]);
      const surveys = await rows<{ email: string }>(
        handle.db,
        sql`select u.email from messages m join users u on u.id = m.recipient_id where m.template = 'survey:invitation'`,
      );
      expect(surveys.map((s) => s.email)).toEqual(["larare@exempelstad.example"]);
    } finally {
      await handle.close();
    }
  });

  it("the test factory observes a report before it receives it, whatever clock the test gives", async () => {
    const world = await createWorld();
    const receivedAt = stockholmInstant("2026-01-10", "02:00");
    const { id } = await createReport(world.user.staff, world.unit.school.id, {}, receivedAt);
    const staff = await getCurrentUser(world.user.staff.id, world.municipality.id);
    const report = staff && (await readReport(staff, id));
    expect(report?.receivedAt).toEqual(receivedAt);
    expect(report?.observedOn && report.observedOn <= stockholmDate(receivedAt)).toBe(true);
  });
});
