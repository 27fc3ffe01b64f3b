import { sql } from "drizzle-orm";
import { getDb } from "#db/client.server";

/** For /healthz: throws when the database does not answer. */
export async function pingDatabase() {
  await getDb().execute(sql`select 1`);
}
