import { closeDatabase, getDatabase, type DatabaseHandle } from "#db/client.server";
import { migrateForApplication } from "#db/migrate";
import { applicationRightsProblems } from "#db/privileges";
import { drawDemoReviewSample, seedDemo } from "~/demo/seed.server";
import { reencryptStaleTotpSecrets } from "~/models/user.server";
import { identitiesToReseal, resealIdentities } from "~/models/report-identity.server";
import { ensureDataKeys, rewrapDataKeys } from "~/lib/sealed.server";
import { env } from "../lib/env.server";
import { logger } from "../lib/logger.server";
import { sendDueReminders } from "~/models/meeting.server";
import { drawDueSamples } from "~/models/quality-review.server";
import { rebuildStatsSummaries } from "~/models/stats-summary.server";
import { every } from "../lib/jobs.server";
import { startOutboxWorker } from "./outbox-worker.server";

/** Run once before the server listens: migrate in this process (PGlite has no lock between processes), then seed the demo. */
export async function prepare() {
  const config = env();
  const handle = getDatabase();
  // Migrations get a connection of their own, without the request pool's statement timeout.
  await migrateForApplication(handle, config.migrationDatabaseUrl ?? config.databaseUrl);
  await checkApplicationRights(handle);
  if (config.previousSessionSecrets.length) {
    const count = await reencryptStaleTotpSecrets();
    logger.info({ count }, "second-factor secrets re-encrypted under the current SESSION_SECRET");
  }
  // Identities are sealed per municipality (decision 021): each has a data key before anything is written.
  await ensureDataKeys();
  if (config.demoMode && !config.databaseUrl) {
    if (await seedDemo(handle.db)) {
      // Through the models, on this process's database: last month's review sample, at once.
      await drawDemoReviewSample();
      logger.info("seeded the demo municipality Exempelstad");
    }
  }
  // During a master key rotation the data keys are re-wrapped at once; rows from before encryption are sealed.
  if (config.previousDataMasterKeys.length) {
    logger.info({ count: await rewrapDataKeys() }, "data keys re-wrapped under the current DATA_MASTER_KEY");
  }
  if (await identitiesToReseal(config.previousDataMasterKeys.length > 0)) {
    logger.info({ count: await resealIdentities() }, "identities sealed under the newest data keys");
  }
  logger.info({ database: handle.kind, demoMode: config.demoMode }, "database ready");
  // Every server runs these; the database decides who does what (SKIP LOCKED, guarded updates).
  stopJobs = [
    startOutboxWorker(),
    every(60_000, "meeting reminders", () => sendDueReminders()),
    // Last month's quality-review sample, once the month is over (the unique sample per month is the guard).
    every(10 * 60_000, "quality review samples", () => drawDueSamples()),
    // The statistics' summaries of changed months (app/models/stats-summary.server.ts); /stats is exact without them.
    every(60_000, "statistics summaries", () => rebuildStatsSummaries()),
  ];
}

/** Thrown when the server must not start; scripts/server.ts prints the message (no values in it) and exits. */
export class StartupRefused extends Error {
  name = "StartupRefused";
}

/**
 * On PostgreSQL the server should run as the application's role (decision 019). In production outside demo mode it
 * refuses to start as a role that could change the audit log or the schema; elsewhere it warns.
 */
async function checkApplicationRights(handle: DatabaseHandle) {
  if (handle.kind !== "postgres") return;
  const problems = await applicationRightsProblems(handle.db);
  if (!problems.length) return;
  const config = env();
  const message =
    `the database role in DATABASE_URL ${problems.join(", ")}; connect as the application's role and migrate ` +
    "as the owner (MIGRATION_DATABASE_URL or npm run db:migrate), see the README's Production section";
  if (config.nodeEnv === "production" && !config.demoMode) throw new StartupRefused(message);
  logger.warn({ problems }, "the database role can change the audit log or the schema");
}

let stopJobs: (() => Promise<void>)[] = [];

export async function shutdown() {
  // Let an e-mail or reminder in flight finish before the database goes.
  await Promise.all(stopJobs.map((stop) => stop()));
  await closeDatabase();
}
