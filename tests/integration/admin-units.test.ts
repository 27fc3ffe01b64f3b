import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, memberships, units, users } from "#db/schema";
import * as unitDetail from "~/routes/admin.units.$unitId";
import * as unitList from "~/routes/admin.units._index";
import { createUnit, createWorld, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";

type Reply = { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };

const create = (cookie: string, form: Record<string, string>) =>
  callRoute(unitList.action, { path: "/admin/units", cookie, method: "POST", form });
const detail = (unitId: string, cookie: string) =>
  callRoute(unitDetail.loader, { path: `/admin/units/${unitId}`, params: { unitId }, cookie });
const post = (unitId: string, cookie: string, form: Record<string, string>) =>
  callRoute(unitDetail.action, { path: `/admin/units/${unitId}`, params: { unitId }, cookie, method: "POST", form });

async function unitsNamed(municipalityId: string, name: string) {
  return getDb()
    .select()
    .from(units)
    .where(and(eq(units.municipalityId, municipalityId), eq(sql`lower(${units.name})`, name.toLowerCase())));
}

describe("/admin/units", () => {
  it("refuses non-admins with a 403", async () => {
    const { user, unit } = await createWorld();
    for (const role of ["staff", "principal", "reception_worker", "coordinator", "steering"] as const) {
      const cookie = await sessionCookieFor(user[role]);
      expect((await callRoute(unitList.loader, { path: "/admin/units", cookie })).status).toBe(403);
      expect((await create(cookie, { name: "X", kind: "reception" })).status).toBe(403);
      expect((await detail(unit.school.id, cookie)).status).toBe(403);
      expect((await post(unit.school.id, cookie, { intent: "deactivate" })).status).toBe(403);
    }
    const [school] = await getDb().select().from(units).where(eq(units.id, unit.school.id));
    expect(school.active).toBe(true);
  });

  it("lists only the municipality's units with member counts, and logs the listing", async () => {
    const { user, unit, municipality } = await createWorld();
    const other = await createWorld("Annanstad");
    const cookie = await sessionCookieFor(user.admin);
    const result = await callRoute(unitList.loader, { path: "/admin/units", cookie });
    const data = result.data as Awaited<ReturnType<typeof unitList.loader>>;
    expect(data.units.map((u) => u.id).sort()).toEqual(
      Object.values(unit)
        .map((u) => u.id)
        .sort(),
    );
    expect(data.units.find((u) => u.id === unit.school.id)?.members).toBe(2);
    expect(data.units.find((u) => u.id === unit.preschool.id)?.members).toBe(0);
    expect(data.units.map((u) => u.id)).not.toContain(other.unit.school.id);
    const logged = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.userId, user.admin.id), eq(auditEvents.action, "list")));
    expect(logged).toEqual([expect.objectContaining({ recordType: "unit", municipalityId: municipality.id })]);
  });

  it("creates a school with its number of children, and logs it", async () => {
    const { user, municipality } = await createWorld();
    const cookie = await sessionCookieFor(user.admin);
    const result = await create(cookie, { name: "  Lilla skolan ", kind: "school", enrolledChildren: "314" });
    expect(result.status).toBe(302);
    const [row] = await unitsNamed(municipality.id, "Lilla skolan");
    expect(row).toMatchObject({ kind: "school", enrolledChildren: 314, active: true });
    expect(result.location).toBe(`/admin/units/${row.id}?notice=unitCreated`);
    const [event] = await getDb().select().from(auditEvents).where(eq(auditEvents.recordId, row.id));
    expect(event).toMatchObject({ action: "create", recordType: "unit", userId: user.admin.id });
  });

  it("requires a whole, non-negative number of children for preschools and schools only", async () => {
    const { user, municipality } = await createWorld();
    const cookie = await sessionCookieFor(user.admin);
    const cases: [Record<string, string>, Record<string, string[]>][] = [
      [{ name: "A", kind: "school", enrolledChildren: "" }, { enrolledChildren: ["admin:errors.enrolledRequired"] }],
      [{ name: "A", kind: "preschool" }, { enrolledChildren: ["admin:errors.enrolledRequired"] }],
      [{ name: "A", kind: "school", enrolledChildren: "-1" }, { enrolledChildren: ["admin:errors.enrolledInvalid"] }],
      [{ name: "A", kind: "school", enrolledChildren: "2.5" }, { enrolledChildren: ["admin:errors.enrolledInvalid"] }],
      [
        { name: "A", kind: "school", enrolledChildren: "många" },
        { enrolledChildren: ["admin:errors.enrolledInvalid"] },
      ],
      [{ name: "", kind: "school", enrolledChildren: "10" }, { name: ["admin:errors.unitNameRequired"] }],
      [{ name: "A", kind: "castle" }, { kind: ["admin:errors.kindRequired"] }],
    ];
    for (const [form, errors] of cases) {
      const result = await create(cookie, form);
      expect(result.status).toBe(200);
      expect((result.data as Reply).error).toEqual(errors);
      // What was typed comes back (conform leaves out empty fields).
      const typed = Object.fromEntries(Object.entries(form).filter(([, v]) => v !== ""));
      expect((result.data as Reply).initialValue).toEqual(typed);
    }
    expect(await unitsNamed(municipality.id, "A")).toHaveLength(0);

    // Other kinds have no children: whatever was typed is ignored.
    const reception = await create(cookie, { name: "Mottagning 2", kind: "reception", enrolledChildren: "12" });
    expect(reception.status).toBe(302);
    const [row] = await unitsNamed(municipality.id, "Mottagning 2");
    expect(row.enrolledChildren).toBeNull();
    const zero = await create(cookie, { name: "Tom förskola", kind: "preschool", enrolledChildren: "0" });
    expect(zero.status).toBe(302);
    expect((await unitsNamed(municipality.id, "Tom förskola"))[0].enrolledChildren).toBe(0);
  });

  it("answers a name already used in the municipality (any case) with a field error; another municipality may use it", async () => {
    const { user, unit, municipality } = await createWorld();
    const other = await createWorld("Annanstad");
    const cookie = await sessionCookieFor(user.admin);
    const taken = await create(cookie, { name: unit.school.name.toUpperCase(), kind: "school", enrolledChildren: "5" });
    expect((taken.data as Reply).error).toEqual({ name: ["admin:errors.unitNameTaken"] });
    expect(await unitsNamed(municipality.id, unit.school.name)).toHaveLength(1);
    const free = await create(cookie, { name: other.unit.school.name, kind: "school", enrolledChildren: "5" });
    expect(free.status).toBe(302);
  });
});

describe("/admin/units/$unitId", () => {
  it("shows the unit with its members and logs the read", async () => {
    const { user, unit } = await createWorld();
    const cookie = await sessionCookieFor(user.admin);
    const result = await detail(unit.school.id, cookie);
    expect(result.status).toBe(200);
    const data = result.data as Awaited<ReturnType<typeof unitDetail.loader>>;
    expect(data.unit.name).toBe(unit.school.name);
    expect(data.members.map((m) => [m.userId, m.role]).sort()).toEqual(
      [
        [user.staff.id, "staff"],
        [user.principal.id, "principal"],
      ].sort(),
    );
    expect(data.activeMembers).toBe(2);
    const [read] = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordId, unit.school.id), eq(auditEvents.action, "read")));
    expect(read).toMatchObject({ recordType: "unit", userId: user.admin.id });
  });

  it("gives 404 for another municipality's unit and for malformed ids, on GET and POST", async () => {
    const { user } = await createWorld();
    const other = await createWorld("Annanstad");
    const cookie = await sessionCookieFor(user.admin);
    for (const id of [other.unit.preschool.id, "1234", "00000000-0000-4000-8000-000000000000"]) {
      expect((await detail(id, cookie)).status).toBe(404);
      expect((await post(id, cookie, { intent: "edit", name: "Kapad", kind: "reception" })).status).toBe(404);
      expect((await post(id, cookie, { intent: "deactivate" })).status).toBe(404);
    }
    const [row] = await getDb().select().from(units).where(eq(units.id, other.unit.preschool.id));
    expect(row).toMatchObject({ name: other.unit.preschool.name, active: true });
  });

  it("edits a unit; changing a school to another kind clears its number of children", async () => {
    const { user, unit } = await createWorld();
    const cookie = await sessionCookieFor(user.admin);
    const invalid = await post(unit.school.id, cookie, {
      intent: "edit",
      name: "Skolan",
      kind: "school",
      enrolledChildren: "-3",
    });
    expect(invalid.data).toMatchObject({
      intent: "edit",
      result: { error: { enrolledChildren: ["admin:errors.enrolledInvalid"] } },
    });
    const duplicate = await post(unit.school.id, cookie, {
      intent: "edit",
      name: unit.preschool.name,
      kind: "school",
      enrolledChildren: "3",
    });
    expect(duplicate.data).toMatchObject({ result: { error: { name: ["admin:errors.unitNameTaken"] } } });

    const ok = await post(unit.school.id, cookie, {
      intent: "edit",
      name: "Elevhälsan",
      kind: "student_health",
      enrolledChildren: "50",
    });
    expect(ok.status).toBe(302);
    const [row] = await getDb().select().from(units).where(eq(units.id, unit.school.id));
    expect(row).toMatchObject({ name: "Elevhälsan", kind: "student_health", enrolledChildren: null });
    const [event] = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordId, unit.school.id), eq(auditEvents.action, "update")));
    expect(event.details).toEqual({ fields: ["name", "kind", "enrolledChildren"] });
  });

  it("deactivates a unit only when no active user belongs to it", async () => {
    const { user, unit, municipality } = await createWorld();
    const cookie = await sessionCookieFor(user.admin);
    const blocked = await post(unit.school.id, cookie, { intent: "deactivate" });
    expect(blocked.data).toEqual({ intent: "status", error: "admin:errors.unitHasMembers", count: 2 });
    expect((await getDb().select().from(units).where(eq(units.id, unit.school.id)))[0].active).toBe(true);

    // Deactivated users do not hold a unit open.
    await getDb().update(users).set({ active: false }).where(eq(users.id, user.staff.id));
    await getDb().delete(memberships).where(eq(memberships.userId, user.principal.id));
    const done = await post(unit.school.id, cookie, { intent: "deactivate" });
    expect(done.status).toBe(302);
    expect((await getDb().select().from(units).where(eq(units.id, unit.school.id)))[0].active).toBe(false);
    const [event] = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordId, unit.school.id), eq(auditEvents.action, "deactivate")));
    expect(event).toMatchObject({ recordType: "unit", userId: user.admin.id, municipalityId: municipality.id });

    const empty = await createUnit(municipality.id, "reception", "Tom mottagning");
    expect((await post(empty.id, cookie, { intent: "deactivate" })).status).toBe(302);
    expect((await post(empty.id, cookie, { intent: "reactivate" })).status).toBe(302);
    expect((await getDb().select().from(units).where(eq(units.id, empty.id)))[0].active).toBe(true);
  });

  it("links a student health team to the school it serves, and refuses other units or another municipality's school", async () => {
    const { user, unit, municipality } = await createWorld();
    const other = await createWorld("Annanstad");
    const team = await createUnit(municipality.id, "student_health");
    const cookie = await sessionCookieFor(user.admin);
    const data = (await detail(team.id, cookie)).data as Awaited<ReturnType<typeof unitDetail.loader>>;
    expect(data.servable?.map((u) => u.id).sort()).toEqual([unit.preschool.id, unit.school.id].sort());
    expect(((await detail(unit.school.id, cookie)).data as typeof data).servable).toBeNull();

    expect((await post(team.id, cookie, { intent: "serves", servesUnitId: unit.school.id })).status).toBe(302);
    const served = async () => (await getDb().select().from(units).where(eq(units.id, team.id)))[0].servesUnitId;
    expect(await served()).toBe(unit.school.id);
    for (const wrong of [unit.reception.id, other.unit.school.id, "not-a-uuid"]) {
      const result = await post(team.id, cookie, { intent: "serves", servesUnitId: wrong });
      expect(result.data).toEqual({ intent: "serves", error: "admin:errors.servesInvalid" });
    }
    expect(await served()).toBe(unit.school.id);
    expect((await post(team.id, cookie, { intent: "serves", servesUnitId: "" })).status).toBe(302);
    expect(await served()).toBeNull();
  });
});
