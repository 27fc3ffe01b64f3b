import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { DatabaseHandle } from "./client.server";

export const migrationsFolder = path.resolve(process.env.MIGRATIONS_DIR ?? "db/migrations");

/** Any fixed number: the advisory lock that lets one server at a time migrate. */
export const MIGRATION_LOCK = 7_427_001;

/**
 * Applies the committed SQL migrations; both drivers share drizzle's bookkeeping table. Several app servers
 * starting together take turns: the first migrates, the others then find nothing left to do.
 */
export async function migrateDatabase(handle: DatabaseHandle) {
  await handle.exclusive(MIGRATION_LOCK, async () => {
    if (handle.kind === "pglite") {
      await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    } else {
      await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder });
    }
  });
}
