/**
 * The production wiring of the audit trail: the real server on a fresh PostgreSQL database, a change made through a
 * page. The model writes the entry inside its transaction without being handed the request; the request context that
 * scripts/server.ts enters for each request gives it the request's id (the X-Request-Id the user would quote) and the
 * unit the user acted in. Needs TEST_DATABASE_URL (or DATABASE_URL); skipped without one.
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "#db/client.server";
import { migrateDatabase } from "#db/migrate";
import { auditEvents, reports, units } from "#db/schema";
import { seedDemo } from "~/demo/seed.server";
import { login, request, startServer, type CookieJar, type RunningServer } from "./helpers";

const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;

describe.skipIf(!adminUrl)("audit entries of changes made through the server", () => {
  const name = `tillsammans_auditrequest_${Date.now()}_${process.pid}`;
  let admin: ReturnType<typeof postgres>;
  let handle: DatabaseHandle;
  let server: RunningServer;
  let reception: CookieJar;

  beforeAll(async () => {
    admin = postgres(adminUrl as string, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const direct = new URL(adminUrl as string);
    direct.pathname = `/${name}`;
    handle = openDatabase({ url: direct.toString() });
    await migrateDatabase(handle);
    await seedDemo(handle.db);
    server = await startServer({ DATABASE_URL: direct.toString(), DEMO_MODE: "1" });
    reception = await login(server, "mottagning@exempelstad.example");
  });

  afterAll(async () => {
    if (server && server.process.exitCode === null && server.process.signalCode === null) await server.stop();
    await handle?.close();
    if (admin) {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  it("a note added on the case page is audited with the request's id and the reception unit", async () => {
    const [report] = await handle.db.select({ id: reports.id }).from(reports).where(eq(reports.channel, "portal"));
    const [reception_unit] = await handle.db
      .select({ id: units.id })
      .from(units)
      .where(eq(units.name, "Mottagningen för barn och unga"));
    const response = await request(server, `/reports/${report.id}/notes`, {
      jar: reception,
      form: { intent: "note", text: "Ringt skolan.", submissionKey: randomUUID() },
    });
    await response.body?.cancel();
    expect(response.status).toBe(302);
    const requestId = response.headers.get("X-Request-Id");
    expect(requestId).toBeTruthy();
    const entries = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordId, report.id), eq(auditEvents.action, "update")));
    expect(entries.map((e) => [e.requestId, e.unitId, e.details])).toEqual([
      [requestId, reception_unit.id, { change: "note_added" }],
    ]);
  });
});
