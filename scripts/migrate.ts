/**
 * `npm run db:migrate`: applies db/migrations to DATABASE_URL, or to the embedded database in DATA_DIR. With
 * MIGRATION_DATABASE_URL (the owner) beside DATABASE_URL (the application's role), migrates as the owner and grants
 * the application's role its rights.
 */
import { closeDatabase, getDatabase } from "#db/client.server";
import { migrateForApplication } from "#db/migrate";

// Never against a running server's PGlite folder: PGlite has no lock between processes.
const handle = getDatabase();
// Migrations get a connection of their own, without the request pool's statement timeout.
await migrateForApplication(handle, process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL);
console.log(`migrated (${handle.kind})`);
await closeDatabase();
