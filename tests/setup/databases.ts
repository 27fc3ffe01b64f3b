import postgres from "postgres";
import { inject } from "vitest";
import { closeDatabase, openDatabase, setDatabase } from "../../db/client.server";
import { migrateDatabase } from "../../db/migrate";
import { ensureRole, grantApplicationRights, ROLES } from "../../db/privileges";

/**
 * A fresh PostgreSQL database set up as production's (decision 019): owned and migrated by the owner role, with the
 * application's role granted its rights. `serverUrl` is a role that may create roles and databases.
 * Returns the database's address as each role.
 */
export async function createTestDatabase(serverUrl: string, name: string) {
  const server = openDatabase({ url: serverUrl });
  try {
    await ensureRole(server.db, ROLES.owner);
    await ensureRole(server.db, ROLES.app);
  } finally {
    await server.close();
  }
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name} OWNER ${ROLES.owner}`);
  } finally {
    await admin.end();
  }
  const as = (role: string) => {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    url.username = role;
    url.password = "";
    return url.toString();
  };
  const owner = openDatabase({ url: as(ROLES.owner) });
  try {
    await migrateDatabase(owner);
    await grantApplicationRights(owner.db, ROLES.app);
  } finally {
    await owner.close();
  }
  return { appUrl: as(ROLES.app), ownerUrl: as(ROLES.owner) };
}

/** Drops a database made by createTestDatabase, whoever is still connected. */
export async function dropTestDatabase(serverUrl: string, name: string) {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * On PostgreSQL every integration file shares the run's database; a file whose work reaches every municipality (the
 * outbox worker, key rotation) gets a database of its own, named after the run's with `suffix`. Call in beforeAll;
 * the returned function (in afterAll) drops it. On PGlite each file has its own database already: nothing to do.
 */
export async function ownDatabaseOnPostgres(suffix: string): Promise<() => Promise<void>> {
  const server = process.env.TEST_DB === "postgres" ? inject("postgresServerUrl") : null;
  if (!server) return async () => {};
  const name = `${new URL(inject("postgresUrl") ?? "").pathname.slice(1)}_${suffix}`;
  const { appUrl } = await createTestDatabase(server, name);
  await closeDatabase();
  setDatabase(openDatabase({ url: appUrl }));
  return async () => {
    await closeDatabase();
    await dropTestDatabase(server, name);
  };
}
