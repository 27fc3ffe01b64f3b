import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, inject, vi } from "vitest";
import { closeDatabase, openDatabase, setDatabase } from "../../db/client.server";

/** Integration files get their own database: a fresh PGlite copy of the migrated template, or the run's PostgreSQL. */
beforeAll(async () => {
  const which = process.env.TEST_DB;
  if (which === "postgres") {
    const url = inject("postgresUrl");
    if (!url) throw new Error("TEST_DB=postgres but no PostgreSQL URL was provided");
    setDatabase(openDatabase({ url }));
  } else if (which === "pglite") {
    const template = new Blob([readFileSync(inject("pgliteTemplate"))]);
    const pglite = new PGlite({ loadDataDir: template });
    await pglite.waitReady;
    setDatabase(openDatabase({ pglite }));
  }
});

afterAll(async () => {
  await closeDatabase();
});

// A stray console.error is a bug the test did not expect.
beforeAll(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error called: ${args.map(String).join(" ")}`);
  });
});
