import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { openDatabase, type DatabaseHandle } from "./client.server";
import { currentRole, grantApplicationRights } from "./privileges";

export const migrationsFolder = path.resolve(process.env.MIGRATIONS_DIR ?? "db/migrations");

/** Any fixed number: the advisory lock that lets one server at a time migrate. */
export const MIGRATION_LOCK = 7_427_001;

/**
 * True when the journal lists a migration the database has not recorded, as drizzle's migrator decides it: by the
 * newest applied migration's time. A role without the rights to read drizzle's table (or before it exists) sees one.
 */
async function migrationPending(handle: DatabaseHandle) {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8"));
  const newest = Math.max(...journal.entries.map((entry: { when: number }) => entry.when));
  try {
    const result = (await handle.db.execute(
      sql`select max(created_at)::text as applied from drizzle.__drizzle_migrations`,
    )) as unknown as { applied: string | null }[];
    return Number(result[0]?.applied ?? 0) < newest;
  } catch {
    return true;
  }
}

/**
 * Applies the committed SQL migrations; both drivers share drizzle's bookkeeping table. Several app servers
 * starting together take turns: the first migrates, the others then find nothing left to do. On PostgreSQL nothing
 * is sent when nothing is pending, so a server connected as the application's role (no DDL rights) starts on a
 * database its owner has migrated.
 */
export async function migrateDatabase(handle: DatabaseHandle) {
  await handle.exclusive(MIGRATION_LOCK, async () => {
    if (handle.kind === "pglite") {
      await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    } else if (await migrationPending(handle)) {
      await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder });
    }
  });
}

/**
 * Migrates the database `handle` uses, on a connection of its own to `ownerUrl` (MIGRATION_DATABASE_URL, or
 * DATABASE_URL itself), which has no statement timeout. When that is the owner's role, the owner then grants the role
 * of `handle` (the application's) what the new tables need.
 */
export async function migrateForApplication(handle: DatabaseHandle, ownerUrl: string | undefined) {
  if (!ownerUrl) return migrateDatabase(handle);
  const owner = openDatabase({ url: ownerUrl });
  try {
    await migrateDatabase(owner);
    const appRole = await currentRole(handle.db);
    if (appRole !== (await currentRole(owner.db))) await grantApplicationRights(owner.db, appRole);
  } finally {
    await owner.close();
  }
}
