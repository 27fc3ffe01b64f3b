/**
 * drizzle's statements run as named prepared statements on PostgreSQL (db/client.server.ts): parsed once per
 * connection, then sent in one round trip, where an unnamed one costs two (parse and describe, then execute). Checked
 * on the connection itself, in and out of a transaction. Needs TEST_DATABASE_URL (or DATABASE_URL); skipped without.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "#db/client.server";

const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;

describe.skipIf(!url)("statements on PostgreSQL", () => {
  let handle: DatabaseHandle;
  const poolSize = process.env.DATABASE_POOL_SIZE;

  beforeAll(() => {
    // One connection, so that pg_prepared_statements is read where the statement ran.
    process.env.DATABASE_POOL_SIZE = "1";
    handle = openDatabase({ url: url as string });
  });

  afterAll(async () => {
    if (poolSize === undefined) delete process.env.DATABASE_POOL_SIZE;
    else process.env.DATABASE_POOL_SIZE = poolSize;
    await handle?.close();
  });

  /** The rows of a statement, as postgres.js gives them (drizzle types them per driver). */
  const rowsOf = async (db: Pick<DatabaseHandle["db"], "execute">, query: ReturnType<typeof sql>) =>
    (await db.execute(query)) as unknown as Record<string, unknown>[];
  const preparedLike = async (db: Pick<DatabaseHandle["db"], "execute">, text: string) =>
    (await rowsOf(db, sql`select statement from pg_prepared_statements`))
      .map((row) => String(row.statement))
      .filter((statement) => statement.includes(text));

  it("are prepared under a name on their connection and reused", async () => {
    for (const n of [1, 2, 3]) {
      const [row] = await rowsOf(handle.db, sql`select ${n}::int as named_statement_probe`);
      expect(Number(row.named_statement_probe)).toBe(n);
    }
    expect(await preparedLike(handle.db, "named_statement_probe")).toEqual(["select $1::int as named_statement_probe"]);
  });

  it("are prepared the same way inside a transaction", async () => {
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`select ${7}::int as in_transaction_probe`);
      expect(await preparedLike(tx, "in_transaction_probe")).toEqual(["select $1::int as in_transaction_probe"]);
    });
  });
});
