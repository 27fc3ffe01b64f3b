/** `npm run db:migrate`: applies db/migrations to DATABASE_URL, or to the embedded database in DATA_DIR. */
import { closeDatabase, getDatabase } from "#db/client.server";
import { migrateDatabase } from "#db/migrate";

// Never against a running server's PGlite folder: PGlite has no lock between processes.
const handle = getDatabase();
await migrateDatabase(handle);
console.log(`migrated (${handle.kind})`);
await closeDatabase();
