/**
 * `npm run bench:seed -- --scale city|national [--until YYYY-MM-DD]`: builds the benchmark dataset in a fresh database.
 *
 * With DATABASE_URL (any database on the server; only the server is used) it drops and recreates the database
 * tillsammans_bench_<scale> there. Without it, it builds an embedded database in ./data/bench-<scale> (city only:
 * fifty municipalities do not fit PGlite's single-process memory). It prints the timings, the row counts and the
 * settings to start the app on it.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { openDatabase, setDatabase, type DatabaseHandle } from "#db/client.server";
import { migrateDatabase } from "#db/migrate";
import * as schema from "#db/schema";
import { rebuildStatsSummaries } from "~/models/stats-summary.server";

// Demo data with the demo password: the demo seed's e-mails read the settings, which outside demo mode want a real secret.
process.env.DEMO_MODE ??= "1";
// Imported after DEMO_MODE is set, so no module that reads the settings as it loads sees them without it.
const { BENCH_UNTIL, benchScales, rowCounts, seedBench } = await import("./bench/seed-bench");

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const scale = (arg("--scale") ?? "city") as keyof typeof benchScales;
if (!(scale in benchScales)) {
  console.error(`Usage: npm run bench:seed -- --scale ${Object.keys(benchScales).join("|")} [--until YYYY-MM-DD]`);
  process.exit(2);
}
const preset = benchScales[scale];
const until = arg("--until") ?? BENCH_UNTIL;
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const started = performance.now();

let handle: DatabaseHandle;
let useIt: string;
if (process.env.DATABASE_URL) {
  const name = `tillsammans_bench_${scale}`;
  const server = new URL(process.env.DATABASE_URL);
  const adminUrl = new URL(server);
  adminUrl.pathname = "/postgres";
  const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  server.pathname = `/${name}`;
  handle = openDatabase({ url: server.toString() });
  useIt = `DATABASE_URL=${server.toString()}`;
} else {
  if (scale === "national") {
    console.error(`--scale ${scale} needs PostgreSQL (set DATABASE_URL): PGlite runs in one process and one core.`);
    process.exit(2);
  }
  const dataDir = path.resolve("data", `bench-${scale}`);
  rmSync(dataDir, { recursive: true, force: true });
  handle = openDatabase({ dataDir: path.join(dataDir, "pglite") });
  useIt = `DATA_DIR=${path.relative(process.cwd(), dataDir)}`;
}

console.log(`bench:seed --scale ${scale} (${preset.municipalities} municipalities, until ${until}) on ${handle.kind}`);
await migrateDatabase(handle);
console.log(`migrated: ${seconds(started)}`);
const seeding = performance.now();
// Two at a time on PostgreSQL: one connection and one core each (this machine has two).
await seedBench(handle, { ...preset, until, concurrency: 2, log: (line) => console.log(line) });
console.log(`seeded: ${seconds(seeding)}`);
const analyzing = performance.now();
// What autovacuum would do to a live database, at once: statistics for the planner, and the visibility map that lets
// an index-only scan skip the table (without it, each row found costs a heap visit).
await handle.db.execute(sql`vacuum analyze`);
console.log(`vacuumed and analyzed: ${seconds(analyzing)}`);
// The statistics summaries as the job would have kept them in a live database (a month at a time, 24 a round).
const summarizing = performance.now();
setDatabase(handle);
let months = 0;
for (let round = await rebuildStatsSummaries(); round > 0; round = await rebuildStatsSummaries()) months += round;
console.log(`summaries of ${months} months: ${seconds(summarizing)}`);
await handle.db.execute(
  sql`vacuum analyze stats_report_months, stats_activity_months, stats_unit_months, stats_trained_months, stats_changes`,
);
console.log(`total: ${seconds(started)}`);

const tables = (Object.values(schema) as unknown[]).flatMap((t) => (is(t, PgTable) ? [getTableName(t)] : []));
const counts = await rowCounts(handle.db, [...new Set(tables)].sort());
for (const [table, n] of Object.entries(counts))
  console.log(`${table.padEnd(24)} ${n.toLocaleString("en").padStart(12)}`);
console.log(`\nStart the app on it with ${useIt} DEMO_MODE=1 (demo password as in app/demo/seed.server.ts)`);
await handle.close();
