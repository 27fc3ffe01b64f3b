import { AsyncLocalStorage } from "node:async_hooks";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

/** One type for both drivers, so model code is written once. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  kind: "postgres" | "pglite";
  close(): Promise<void>;
  /**
   * Runs `work` while holding a PostgreSQL advisory lock (a mutex across every process on the database).
   * PGlite lives in one process, so there it simply runs.
   */
  exclusive<T>(key: number, work: () => Promise<T>): Promise<T>;
  /**
   * Runs a read as a named prepared statement on PostgreSQL: planned once per connection (and after a few runs with
   * a generic plan) instead of on every request. For a large statement whose text does not change between requests,
   * such as /stats's, where planning cost as much as running it. PGlite runs it as any statement.
   */
  prepared(text: string, params: unknown[]): Promise<Record<string, unknown>[]>;
}

/**
 * Counts the SQL statements a piece of work sends (a request, a test), and can keep them for a test to EXPLAIN.
 * The server script and the Remix build each load this module, so the store lives on globalThis under a registered
 * symbol to be one and the same.
 */
interface StatementCounter {
  statements: number;
  kept?: { sql: string; params: unknown[] }[];
}
const STATEMENTS = Symbol.for("tillsammans.statementCounter");
const shared = globalThis as Record<symbol, unknown>;
shared[STATEMENTS] ??= new AsyncLocalStorage<StatementCounter>();
const statementCounter = shared[STATEMENTS] as AsyncLocalStorage<StatementCounter>;
const logger = {
  logQuery(query: string, params: unknown[]) {
    const counter = statementCounter.getStore();
    if (!counter) return;
    counter.statements += 1;
    counter.kept?.push({ sql: query, params });
  },
};

/** Runs `work` and counts the statements it sends through drizzle (`keep`: and returns them). */
export async function countStatements<T>(work: () => Promise<T>, options: { keep?: boolean } = {}) {
  const counter: StatementCounter = { statements: 0, kept: options.keep ? [] : undefined };
  const result = await statementCounter.run(counter, work);
  return { result, statements: counter.statements, kept: counter.kept ?? [] };
}

/**
 * `statementTimeoutMs`: PostgreSQL cancels a statement that runs longer (0 or absent: never). The server's own pool
 * has one (`configFromEnv`); migrations and scripts open theirs without.
 */
export type DatabaseConfig = { url: string; statementTimeoutMs?: number } | { dataDir: string } | { pglite: PGlite };

/**
 * A request's statements take milliseconds (the national dataset's slowest page, /stats, 57 ms at p95). One that waits
 * on a lock or an overloaded database holds its connection, and the requests queued behind it, with no end: cut it
 * after this long and answer 503. DATABASE_STATEMENT_TIMEOUT_MS overrides it.
 */
const STATEMENT_TIMEOUT_MS = 5_000;

export function openDatabase(config: DatabaseConfig): DatabaseHandle {
  if ("url" in config) {
    const client = postgres(config.url, {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      // While the database is down, a query waits for its connection's next attempt: postgres.js spaces attempts out
      // exponentially up to 20 s, and requests hung that long before their 503. Try again within a quarter second,
      // and give up on a connection that has not answered in one.
      connect_timeout: 1,
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 0.25),
      onnotice: () => {},
      // JIT compilation pays off for long analytical queries, not for a portal's: the statistics queries, whose
      // estimated cost passes the JIT threshold, spent 80–120 ms compiling to run in 10–50 ms (city dataset).
      connection: {
        jit: "off",
        ...(config.statementTimeoutMs ? { statement_timeout: config.statementTimeoutMs } : {}),
      },
    });
    return {
      db: drizzlePostgres({ client: named(client), schema, casing: "snake_case", logger }) as unknown as Database,
      kind: "postgres",
      // By now requests have had their grace (scripts/server.ts); a job's query gets 2 s more.
      close: () => client.end({ timeout: 2 }),
      async prepared(text, params) {
        logger.logQuery(text, params);
        return [...(await client.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true }))];
      },
      async exclusive(key, work) {
        // A session-level lock lives on one connection: keep that connection aside while the work runs.
        const connection = await client.reserve();
        try {
          await connection`select pg_advisory_lock(${key})`;
          return await work();
        } finally {
          await connection`select pg_advisory_unlock(${key})`.catch(() => {});
          connection.release();
        }
      },
    };
  }
  let client: PGlite;
  if ("pglite" in config) {
    client = config.pglite;
  } else {
    // PGlite does not create parent folders, and "memory://" needs none.
    if (!config.dataDir.startsWith("memory://")) mkdirSync(config.dataDir, { recursive: true });
    client = new PGlite({ dataDir: config.dataDir });
  }
  return {
    db: drizzlePglite({ client, schema, casing: "snake_case", logger }) as unknown as Database,
    kind: "pglite",
    close: () => client.close(),
    exclusive: (_key, work) => work(),
    async prepared(text, params) {
      logger.logQuery(text, params);
      return (await client.query<Record<string, unknown>>(text, params)).rows;
    },
  };
}

/**
 * The client as drizzle should see it: every statement prepared under a name on its connection. drizzle asks postgres.js
 * for unnamed statements, which postgres.js sends in two round trips (parse and describe, then bind and execute) and
 * without pipelining; a named one is parsed once per connection and then runs in one. Transactions and savepoints
 * hand drizzle a client of their own, named the same way. Each connection keeps the statements it has seen (lists
 * of different lengths are different statements) until postgres.js replaces it, 30–60 minutes after it opened.
 */
function named<T extends postgres.Sql | postgres.TransactionSql>(client: T): T {
  return new Proxy(client, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (key === "unsafe")
        return (text: string, params?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(text, params, { ...options, prepare: true });
      if (key === "begin" || key === "savepoint")
        return (...args: unknown[]) => {
          const work = args.pop() as (inner: postgres.TransactionSql) => unknown;
          return (value as (...a: unknown[]) => unknown).call(target, ...args, (inner: postgres.TransactionSql) =>
            work(named(inner)),
          );
        };
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  if (env.DATABASE_URL)
    return {
      url: env.DATABASE_URL,
      statementTimeoutMs: Number(env.DATABASE_STATEMENT_TIMEOUT_MS ?? STATEMENT_TIMEOUT_MS),
    };
  return { dataDir: path.resolve(env.DATA_DIR ?? "./data", "pglite") };
}

let current: DatabaseHandle | undefined;
/** The read replica of DATABASE_READ_URL, opened on first use; null when there is none. */
let replica: DatabaseHandle | null | undefined;
const replicaScope = new AsyncLocalStorage<DatabaseHandle>();

/** The process's one database handle, opened on first use (inside `fromReadReplica`, the replica's). */
export function getDatabase(): DatabaseHandle {
  const reading = replicaScope.getStore();
  if (reading) return reading;
  current ??= openDatabase(configFromEnv());
  return current;
}

/**
 * Caught up (or not a standby at all), the replica is as of now; behind, as of the last transaction it has replayed,
 * or before any, its last checkpoint. Read before the figures, so they are at least as fresh as it says.
 */
const AS_OF = `select case when not pg_is_in_recovery() or pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
  then now() else coalesce(pg_last_xact_replay_timestamp(), (pg_control_checkpoint()).checkpoint_time) end as as_of`;

/**
 * Runs the reads of `work` on the read replica (DATABASE_READ_URL), which may lag the primary by a little, and says
 * as of when its data is. Only for figures that may be that old and are only read (statistics, their exports, the
 * yearly report): a write in `work` fails on a replica. Without a replica it runs on the primary, `asOf` null.
 */
export async function fromReadReplica<T>(work: () => Promise<T>): Promise<{ result: T; asOf: Date | null }> {
  if (replica === undefined) {
    const url = process.env.DATABASE_READ_URL;
    const primary = configFromEnv();
    replica = url && "url" in primary ? openDatabase({ ...primary, url }) : null;
  }
  // Already on it (the yearly report reads several overviews): the outer call says as of when.
  if (!replica || replicaScope.getStore()) return { result: await work(), asOf: null };
  const handle = replica;
  return replicaScope.run(handle, async () => {
    const [row] = await handle.prepared(AS_OF, []);
    return { result: await work(), asOf: new Date(row.as_of as string | Date) };
  });
}

export function getDb(): Database {
  return getDatabase().db;
}

/** Tests and scripts install their own handle (a fresh database per test file). */
export function setDatabase(handle: DatabaseHandle | undefined) {
  current = handle;
}

export async function closeDatabase() {
  const handles = [current, replica];
  current = undefined;
  replica = undefined;
  await Promise.all(handles.map((handle) => handle?.close()));
}

const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  // A statement cut by the statement timeout: a lock held too long or an overloaded database; worth trying again.
  "57014",
  "57P01",
  "57P02",
  "57P03",
]);

/** True when an error means the database cannot be reached (as opposed to a bad query). */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
