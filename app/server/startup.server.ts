import { closeDatabase, getDatabase } from "#db/client.server";
import { migrateDatabase } from "#db/migrate";
import { seedDemo } from "~/demo/seed.server";
import { reencryptStaleTotpSecrets } from "~/models/user.server";
import { env } from "../lib/env.server";
import { logger } from "../lib/logger.server";
import { sendDueReminders } from "~/models/meeting.server";
import { every } from "../lib/jobs.server";
import { startOutboxWorker } from "./outbox-worker.server";

/** Run once before the server listens: migrate in this process (PGlite has no lock between processes), then seed the demo. */
export async function prepare() {
  const config = env();
  const handle = getDatabase();
  await migrateDatabase(handle);
  if (config.previousSessionSecrets.length) {
    const count = await reencryptStaleTotpSecrets();
    logger.info({ count }, "second-factor secrets re-encrypted under the current SESSION_SECRET");
  }
  if (config.demoMode && !config.databaseUrl) {
    if (await seedDemo(handle.db)) logger.info("seeded the demo municipality Exempelstad");
  }
  logger.info({ database: handle.kind, demoMode: config.demoMode }, "database ready");
  // Every server runs these; the database decides who does what (SKIP LOCKED, guarded updates).
  stopJobs = [startOutboxWorker(), every(60_000, "meeting reminders", () => sendDueReminders())];
}

let stopJobs: (() => Promise<void>)[] = [];

export async function shutdown() {
  // Let an e-mail or reminder in flight finish before the database goes.
  await Promise.all(stopJobs.map((stop) => stop()));
  await closeDatabase();
}
