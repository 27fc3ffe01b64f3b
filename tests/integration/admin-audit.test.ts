import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents } from "#db/schema";
import * as auditPage from "~/routes/admin.audit";
import * as userDetail from "~/routes/admin.users.$userId";
import { createWorld, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";

type Data = Awaited<ReturnType<typeof auditPage.loader>>;

async function view(cookie: string, query: Record<string, string>) {
  const result = await callRoute(auditPage.loader, { path: `/admin/audit?${new URLSearchParams(query)}`, cookie });
  return { status: result.status, data: result.data as Data };
}

/** A world with a private record type, so the loader's own log entries never mix into the results. */
async function seeded() {
  const own = await createWorld("Egenstad");
  const other = await createWorld("Annanstad");
  const recordType = `test-${randomUUID().slice(0, 8)}`;
  const row = (municipalityId: string, userId: string, at: string, action = "read", recordId = "r-1") => ({
    municipalityId,
    userId,
    roles: ["staff"],
    action,
    recordType,
    recordId,
    requestId: `req-${at}`,
    at: new Date(at),
  });
  await getDb()
    .insert(auditEvents)
    .values([
      // 2026-03-01 23:30 UTC is 2026-03-02 00:30 in Sweden (UTC+1).
      row(own.municipality.id, own.user.staff.id, "2026-03-01T22:59:59Z"),
      row(own.municipality.id, own.user.staff.id, "2026-03-01T23:30:00Z"),
      row(own.municipality.id, own.user.principal.id, "2026-03-02T22:30:00Z", "update", "r-2"),
      // Summer time (UTC+2): 2026-06-30 22:30 UTC is 2026-07-01 00:30 in Sweden.
      row(own.municipality.id, own.user.staff.id, "2026-06-30T21:59:00Z"),
      row(own.municipality.id, own.user.staff.id, "2026-06-30T22:30:00Z", "update"),
      row(other.municipality.id, other.user.staff.id, "2026-03-02T10:00:00Z"),
      row(other.municipality.id, other.user.staff.id, "2026-07-01T10:00:00Z", "update"),
    ]);
  return { own, other, recordType, cookie: await sessionCookieFor(own.user.admin) };
}

describe("/admin/audit", () => {
  it("is for admins only", async () => {
    const { user } = await createWorld();
    for (const role of ["staff", "principal", "reception_worker", "investigator", "coordinator", "steering"] as const) {
      expect((await view(await sessionCookieFor(user[role]), {})).status).toBe(403);
    }
  });

  it("shows only the admin's own municipality, whatever the filter", async () => {
    const { own, other, recordType, cookie } = await seeded();
    const all = await view(cookie, { recordType });
    expect(all.status).toBe(200);
    expect(all.data.total).toBe(5);
    expect(all.data.events.map((e) => e.userId)).not.toContain(other.user.staff.id);

    // Asking for a user of another municipality gives nothing rather than their log.
    const foreign = await view(cookie, { recordType, userId: other.user.staff.id });
    expect(foreign.data.events).toEqual([]);
    expect(all.data.users.map((u) => u.id)).not.toContain(other.user.staff.id);
    expect(all.data.users.map((u) => u.id)).toContain(own.user.staff.id);
  });

  it("reads dates as Swedish calendar days, inclusive at both ends, in winter and in summer", async () => {
    const { recordType, cookie } = await seeded();
    const times = async (from: string, to: string) =>
      (await view(cookie, { recordType, from, to })).data.events.map((e) => e.at).sort();
    expect(await times("2026-03-01", "2026-03-01")).toEqual(["2026-03-01T22:59:59.000Z"]);
    expect(await times("2026-03-02", "2026-03-02")).toEqual(["2026-03-01T23:30:00.000Z", "2026-03-02T22:30:00.000Z"]);
    expect(await times("2026-06-30", "2026-06-30")).toEqual(["2026-06-30T21:59:00.000Z"]);
    expect(await times("2026-07-01", "2026-12-31")).toEqual(["2026-06-30T22:30:00.000Z"]);
    const onlyFrom = await view(cookie, { recordType, from: "2026-03-02" });
    expect(onlyFrom.data.total).toBe(4);
    const onlyTo = await view(cookie, { recordType, to: "2026-03-01" });
    expect(onlyTo.data.total).toBe(1);
  });

  it("filters by user, action, and record type with record id", async () => {
    const { own, recordType, cookie } = await seeded();
    const byUser = await view(cookie, { recordType, userId: own.user.principal.id });
    expect(byUser.data.events).toEqual([
      expect.objectContaining({ userId: own.user.principal.id, userName: own.user.principal.name, recordId: "r-2" }),
    ]);
    const byAction = await view(cookie, { recordType, action: "update" });
    expect(byAction.data.total).toBe(2);
    expect(byAction.data.events.every((e) => e.action === "update")).toBe(true);
    const byRecord = await view(cookie, { recordType, recordId: "r-2" });
    expect(byRecord.data.events.map((e) => e.requestId)).toEqual(["req-2026-03-02T22:30:00Z"]);
    expect(byRecord.data.events[0].roles).toEqual(["staff"]);
  });

  it("shows errors for malformed filters and then no rows", async () => {
    const { recordType, cookie } = await seeded();
    const bad = await view(cookie, { recordType, from: "2026-02-30", to: "igår", userId: "nope", action: "drop" });
    expect(bad.status).toBe(200);
    expect(bad.data.errors).toEqual({
      from: ["common:dates.invalid"],
      to: ["common:dates.invalid"],
      userId: ["admin:errors.userInvalid"],
      action: ["admin:errors.actionInvalid"],
    });
    expect(bad.data.events).toEqual([]);
    const reversed = await view(cookie, { recordType, from: "2026-03-05", to: "2026-03-01" });
    expect(reversed.data.errors).toEqual({ to: ["admin:errors.dateOrder"] });
  });

  it("pages 50 entries at a time, newest first", async () => {
    const { municipality, user } = await createWorld();
    const recordType = `page-${randomUUID().slice(0, 8)}`;
    await getDb()
      .insert(auditEvents)
      .values(
        Array.from({ length: 55 }, (_, i) => ({
          municipalityId: municipality.id,
          action: "read",
          recordType,
          recordId: String(i),
          at: new Date(Date.UTC(2026, 0, 1, 0, i)),
        })),
      );
    const cookie = await sessionCookieFor(user.admin);
    const first = await view(cookie, { recordType });
    const second = await view(cookie, { recordType, page: "2" });
    expect(first.data.pageCount).toBe(2);
    expect(first.data.events).toHaveLength(50);
    expect(first.data.events[0].recordId).toBe("54");
    expect(second.data.events.map((e) => e.recordId)).toEqual(["4", "3", "2", "1", "0"]);
  });

  it("logs the admin's own reading of users and of the log, with the request id and no personal data", async () => {
    const { user, municipality, unit } = await createWorld();
    const cookie = await sessionCookieFor(user.admin);
    await callRoute(userDetail.loader, {
      path: `/admin/users/${user.staff.id}`,
      params: { userId: user.staff.id },
      cookie,
    });
    const result = await view(cookie, { userId: user.admin.id, recordType: "user" });
    expect(result.data.events).toEqual([
      expect.objectContaining({
        action: "read",
        recordType: "user",
        recordId: user.staff.id,
        roles: ["admin"],
        userName: user.admin.name,
        unitName: unit.administration.name,
      }),
    ]);
    expect(result.data.events[0].requestId).toMatch(/^test-/);
    const own = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.userId, user.admin.id), eq(auditEvents.recordType, "audit_event")));
    expect(own).toEqual([
      expect.objectContaining({
        action: "list",
        municipalityId: municipality.id,
        details: { page: 1, filters: ["userId", "recordType"] },
      }),
    ]);
  });
});
