import { and, eq } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { getDb, type Database } from "#db/client.server";
import type { CurrentUser } from "~/lib/permissions.server";

/** A table whose rows a form creates, each with the form's submission key (unique), in one municipality. */
type KeyedTable = PgTable & {
  id: AnyPgColumn<{ data: string; notNull: true }>;
  municipalityId: AnyPgColumn;
  submissionKey: AnyPgColumn;
};

/**
 * Creates a row once per submission key: `insert` runs in a transaction and inserts with `onConflictDoNothing` on the
 * key, returning the new row (and doing what comes with it) or nothing. On a resent form (nothing inserted) the row
 * of its first send is found by the key, the user's municipality and `by`, the column of who created it: `created:
 * false`. Null when the key is someone else's.
 */
export async function insertOnce(
  user: CurrentUser,
  keyed: { table: KeyedTable; by: AnyPgColumn; submissionKey: string },
  insert: (tx: Database) => Promise<{ id: string } | undefined>,
): Promise<{ id: string; created: boolean } | null> {
  const row = await getDb().transaction(insert);
  if (row) return { id: row.id, created: true };
  const { table, by, submissionKey } = keyed;
  const [first] = await getDb()
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.municipalityId, user.municipalityId), eq(table.submissionKey, submissionKey), eq(by, user.id)));
  return first ? { id: first.id, created: false } : null;
}
