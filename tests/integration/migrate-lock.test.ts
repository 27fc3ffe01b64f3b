import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { openDatabase } from "#db/client.server";
import { MIGRATION_LOCK, migrateDatabase, migrationsFolder } from "#db/migrate";

/** The committed migrations, as drizzle-kit's journal lists them (`when` is what drizzle stores as created_at). */
function journal(): { tag: string; when: number }[] {
  return JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")).entries;
}

/** Several app servers starting together on one PostgreSQL: they take turns, and every migration runs once. */
describe.skipIf(process.env.TEST_DB !== "postgres")("migrations under an advisory lock", () => {
  it("lets concurrent starts migrate one after the other, each migration applied once", async () => {
    const base = new URL(inject("postgresServerUrl") ?? "");
    const name = `tillsammans_lock_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
    const admin = postgres(base.toString(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    const servers = [0, 1, 2].map(() => openDatabase({ url: url.toString() }));
    try {
      await Promise.all(servers.map((handle) => migrateDatabase(handle)));
      const check = postgres(url.toString(), { max: 1, onnotice: () => {} });
      // Each migration exactly once: as many rows as the journal has entries, none of them twice.
      const applied = await check`select created_at::text as "when" from drizzle.__drizzle_migrations order by id`;
      const expected = journal().map((entry) => String(entry.when));
      expect(applied.map((row) => row.when)).toEqual(expected);
      const [{ tables }] = await check`select count(*)::int as tables from pg_tables where schemaname = 'public'`;
      expect(tables).toBeGreaterThan(0);
      // The lock is released afterwards: another session can take it at once.
      const [{ locked }] = await check`select pg_try_advisory_lock(${MIGRATION_LOCK}) as locked`;
      expect(locked).toBe(true);
      await check.end();
    } finally {
      await Promise.all(servers.map((handle) => handle.close()));
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });

  it("makes a second holder wait until the first lets go", async () => {
    const handle = openDatabase({ url: inject("postgresUrl") ?? "" });
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    try {
      const first = handle.exclusive(MIGRATION_LOCK + 1, async () => {
        order.push("first in");
        await held;
        order.push("first out");
      });
      await new Promise((r) => setTimeout(r, 100));
      const second = handle.exclusive(MIGRATION_LOCK + 1, async () => {
        order.push("second in");
      });
      await new Promise((r) => setTimeout(r, 200));
      expect(order).toEqual(["first in"]);
      release();
      await Promise.all([first, second]);
      expect(order).toEqual(["first in", "first out", "second in"]);
    } finally {
      await handle.close();
    }
  });
});
