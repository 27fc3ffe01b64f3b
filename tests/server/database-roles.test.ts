/**
 * Issue 22, item 8, in production: the server migrates as the owner (MIGRATION_DATABASE_URL) and runs as the
 * application's role (DATABASE_URL), which gets exactly the rights it needs; a server given the owner's role as its
 * own refuses to start, in one line that holds no address or password. Needs TEST_DATABASE_URL; skipped without one.
 */
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "#db/client.server";
import { ensureRole, ROLES } from "#db/privileges";
import { startServer, startsAndServes } from "./helpers";

const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const SECRET = "hemlig-sessionsnyckel-".repeat(3);
const DATA_MASTER_KEY = Buffer.alloc(32, 7).toString("base64");
const production = { NODE_ENV: "production", DEMO_MODE: "0", SESSION_SECRET: SECRET, DATA_MASTER_KEY };
const PUBLIC_URL = "https://tillsammans.example.se";

describe.skipIf(!adminUrl)("the server's database roles", () => {
  const name = `tillsammans_roles_${Date.now()}_${process.pid}`;
  let admin: ReturnType<typeof postgres>;
  const as = (role: string) => {
    const url = new URL(adminUrl as string);
    url.pathname = `/${name}`;
    url.username = role;
    return url.toString();
  };

  beforeAll(async () => {
    const server = openDatabase({ url: adminUrl as string });
    await ensureRole(server.db, ROLES.owner);
    await ensureRole(server.db, ROLES.app);
    await server.close();
    admin = postgres(adminUrl as string, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name} OWNER ${ROLES.owner}`);
  });

  afterAll(async () => {
    if (admin) {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  it("migrates an empty database as the owner, grants the application's role its rights and serves", async () => {
    const output = await startsAndServes({
      ...production,
      PUBLIC_URL,
      MIGRATION_DATABASE_URL: as(ROLES.owner),
      DATABASE_URL: as(ROLES.app),
    });
    expect(output).not.toMatch(/audit log or the schema/);
    const check = postgres(as("postgres"), { max: 1, onnotice: () => {} });
    try {
      const [rights] = await check`select
        has_table_privilege(${ROLES.app}, 'audit_events', 'INSERT') as "auditInsert",
        has_table_privilege(${ROLES.app}, 'audit_events', 'SELECT') as "auditSelect",
        has_table_privilege(${ROLES.app}, 'audit_events', 'UPDATE') as "auditUpdate",
        has_table_privilege(${ROLES.app}, 'audit_events', 'DELETE') as "auditDelete",
        has_table_privilege(${ROLES.app}, 'reports', 'UPDATE') as "reportsUpdate",
        (select tableowner from pg_tables where tablename = 'audit_events') as owner`;
      expect({ ...rights }).toEqual({
        auditInsert: true,
        auditSelect: true,
        auditUpdate: false,
        auditDelete: false,
        reportsUpdate: true,
        owner: ROLES.owner,
      });
    } finally {
      await check.end();
    }
  });

  it("starts as the application's role alone once the owner has migrated (nothing pending, nothing to create)", async () => {
    await startsAndServes({ ...production, PUBLIC_URL, DATABASE_URL: as(ROLES.app) });
  });

  it("refuses to start in production as the owner of the tables: one line, no address", async () => {
    const server = await startServer({ ...production, PUBLIC_URL, DATABASE_URL: as(ROLES.owner) }).then(
      () => "started",
      (error: Error) => error.message,
    );
    expect(server).toMatch(/Tillsammans did not start: the database role in DATABASE_URL owns the tables/);
    expect(server).toMatch(/may change or remove audit entries/);
    expect(server).not.toContain(name);
    expect(server).not.toContain("127.0.0.1");
  });
});
