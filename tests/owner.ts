import { inject } from "vitest";
import { getDatabase, openDatabase, type DatabaseHandle } from "#db/client.server";

/**
 * Runs `work` as the database's owner. The PostgreSQL run of the integration tests connects as the application's
 * role, which has no DDL rights (decision 019): a test that injects a fault with a trigger, or loads data in bulk as
 * an operator would, does that through a connection of its own as the owner. PGlite has one role: the test's own.
 */
export async function asOwner<T>(work: (owner: DatabaseHandle) => Promise<T>): Promise<T> {
  if (process.env.TEST_DB !== "postgres") return work(getDatabase());
  const owner = openDatabase({ url: inject("postgresOwnerUrl") ?? "" });
  try {
    return await work(owner);
  } finally {
    await owner.close();
  }
}
