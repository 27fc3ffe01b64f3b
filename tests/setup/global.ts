import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../db/client.server";
import { migrateDatabase } from "../../db/migrate";
import { createTestDatabase, dropTestDatabase } from "./databases";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    /** The run's database as the application's role (what the integration tests and the app run as). */
    postgresUrl: string | null;
    /** The same database as its owner, who migrates. */
    postgresOwnerUrl: string | null;
    /** The server as given (a superuser): for tests that create databases of their own. */
    postgresServerUrl: string | null;
  }
}

/**
 * Once per run: a migrated PGlite data folder dumped to a file (each test file loads its own copy in ~0.5 s),
 * and, when a PostgreSQL server is given, a fresh database for this run that is dropped at the end. That database is
 * owned and migrated by the owner role; the tests connect as the application's role, with the rights production has.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "tillsammans-test-"));
  const pglite = new PGlite();
  await migrateDatabase(openDatabase({ pglite }));
  const dump = await pglite.dumpDataDir("none");
  const templatePath = path.join(dir, "template.tar");
  writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  project.provide("pgliteTemplate", templatePath);

  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!serverUrl) {
    project.provide("postgresUrl", null);
    project.provide("postgresOwnerUrl", null);
    project.provide("postgresServerUrl", null);
    return;
  }
  const name = `test_${Date.now()}_${process.pid}`;
  const { appUrl, ownerUrl } = await createTestDatabase(serverUrl, name);
  project.provide("postgresUrl", appUrl);
  project.provide("postgresOwnerUrl", ownerUrl);
  project.provide("postgresServerUrl", serverUrl);

  return () => dropTestDatabase(serverUrl, name);
}
