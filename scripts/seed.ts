/**
 * `npm run db:seed -- --demo`: creates the demo municipality Exempelstad with its demo accounts.
 * Demo accounts are never created on a real database unless this is run on purpose with --demo.
 */
import { closeDatabase, getDatabase } from "#db/client.server";
import { migrateDatabase } from "#db/migrate";
import { drawDemoReviewSample, seedDemo } from "~/demo/seed.server";

if (!process.argv.includes("--demo")) {
  console.error("Usage: npm run db:seed -- --demo   (creates the demo municipality and its demo accounts)");
  process.exit(2);
}
const handle = getDatabase();
await migrateDatabase(handle);
if (await seedDemo(handle.db)) {
  await drawDemoReviewSample();
  console.log("seeded Exempelstad");
} else {
  console.log("a municipality exists already: nothing seeded");
}
await closeDatabase();
