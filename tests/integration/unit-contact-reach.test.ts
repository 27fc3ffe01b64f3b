import { randomUUID } from "node:crypto";
import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { memberships, messages, outboxEmails, type Role } from "#db/schema";
import { stockholmDate } from "~/domain/deadlines";
import * as detailRoute from "~/routes/check-ins.$checkInId";
import * as listRoute from "~/routes/check-ins._index";
import * as contactRoute from "~/routes/units.$unitId_.contact";
import * as home from "~/routes/_index";
import { createUser, createWorld, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";

/**
 * Issue 21, item 10: the contact person a principal names is reached. The principal finds where to name one from the
 * home page; a check-in planned with the unit, or called off, is told to the contact person (or, with none named, to
 * the unit's principals), with the unit and the day only: not why the coordinators want it.
 */

async function setup() {
  const world = await createWorld("Kontaktstad");
  const cookie = {} as Record<Role, string>;
  for (const role of Object.keys(world.user) as Role[]) cookie[role] = await sessionCookieFor(world.user[role]);
  const school = world.unit.school.id;
  const name = (userId: string) =>
    callRoute(contactRoute.action, {
      path: `/units/${school}/contact`,
      params: { unitId: school },
      method: "POST",
      cookie: cookie.principal,
      form: { intent: "assign", userId },
    });
  const planForm = { unitId: school, reason: "under_reporting", plannedFor: "2027-03-10", submissionKey: randomUUID() };
  const plan = async (form = planForm) => {
    const result = await callRoute(listRoute.action, {
      path: "/check-ins",
      method: "POST",
      cookie: cookie.coordinator,
      form,
    });
    expect(result.status, JSON.stringify(result.data)).toBe(302);
    return /^\/check-ins\/([0-9a-f-]{36})\?/.exec(result.location ?? "")?.[1] ?? "";
  };
  const record = (id: string, form: Record<string, string>) =>
    callRoute(detailRoute.action, {
      path: `/check-ins/${id}`,
      params: { checkInId: id },
      method: "POST",
      cookie: cookie.coordinator,
      form,
    });
  const told = (userId: string) =>
    getDb()
      .select()
      .from(messages)
      .where(and(eq(messages.recipientId, userId), like(messages.template, "checkIns:%")))
      .orderBy(messages.createdAt, messages.id);
  return { world, cookie, school, name, plan, planForm, record, told };
}

describe("the principal's home", () => {
  it("names each unit they head with its contact person and the way to change it; staff get no such link", async () => {
    const { world, cookie, name } = await setup();
    const page = async (role: Role) =>
      (await callRoute(home.loader, { path: "/", cookie: cookie[role] })).data as {
        contactUnits: { id: string; name: string; contact: string | null }[];
      };
    expect((await page("principal")).contactUnits).toEqual([
      { id: world.unit.school.id, name: world.unit.school.name, contact: null },
    ]);
    await name(world.user.staff.id);
    expect((await page("principal")).contactUnits).toEqual([
      { id: world.unit.school.id, name: world.unit.school.name, contact: world.user.staff.name },
    ]);
    for (const role of ["staff", "reception_worker", "coordinator", "admin"] as const)
      expect((await page(role)).contactUnits, role).toEqual([]);
  });
});

describe("a check-in with the unit", () => {
  it("is told to the contact person when planned (once for a resent form) and when called off, not when held", async () => {
    const { world, name, plan, planForm, record, told } = await setup();
    await name(world.user.staff.id);
    const id = await plan();
    expect(await plan()).toBe(id);
    const [invited] = await told(world.user.staff.id);
    expect(invited).toMatchObject({ template: "checkIns:mail.invited", municipalityId: world.municipality.id });
    expect(invited.params).toEqual({ unit: world.unit.school.name, plannedFor: "2027-03-10" });
    expect(await told(world.user.staff.id)).toHaveLength(1);
    // The notice is e-mailed as well, and says nothing of the coordinators' reason.
    const [mail] = await getDb().select().from(outboxEmails).where(eq(outboxEmails.recipientId, world.user.staff.id));
    expect(mail).toBeDefined();
    expect(JSON.stringify([invited, mail])).not.toMatch(/under_reporting|misstänkt/);
    // The principal, who is not the contact person, is not told.
    expect(await told(world.user.principal.id)).toEqual([]);

    expect(await record(id, { intent: "cancel", confirm: "yes" })).toMatchObject({ status: 302 });
    expect((await told(world.user.staff.id)).map((m) => m.template)).toEqual([
      "checkIns:mail.invited",
      "checkIns:mail.cancelled",
    ]);
    const held = await plan({ ...planForm, submissionKey: randomUUID(), plannedFor: "2027-04-01" });
    const form = {
      intent: "held",
      heldOn: stockholmDate(new Date()),
      attendees: "Rektor, kurator",
      agreedActions: "Utbildning i maj.",
    };
    expect(await record(held, form)).toMatchObject({ status: 302 });
    expect((await told(world.user.staff.id)).map((m) => m.template)).toEqual([
      "checkIns:mail.invited",
      "checkIns:mail.cancelled",
      "checkIns:mail.invited",
    ]);
  });

  it("with no contact person named, is told to the unit's active principals, and to nobody of another unit", async () => {
    const { world, name, plan, planForm, told } = await setup();
    const m = world.municipality.id;
    const gone = await createUser({
      municipalityId: m,
      unitId: world.unit.school.id,
      role: "principal",
      active: false,
    });
    const preschoolHead = await createUser({ municipalityId: m, unitId: world.unit.preschool.id, role: "principal" });
    await plan();
    expect((await told(world.user.principal.id)).map((m) => m.template)).toEqual(["checkIns:mail.invited"]);
    for (const other of [gone.id, preschoolHead.id, world.user.staff.id]) expect(await told(other), other).toEqual([]);
    // A contact person who has left the unit is no longer named: the principals are told again.
    const contact = await createUser({ municipalityId: m, unitId: world.unit.school.id, role: "staff" });
    await name(contact.id);
    await getDb().delete(memberships).where(eq(memberships.userId, contact.id));
    await plan({ ...planForm, submissionKey: randomUUID() });
    expect(await told(contact.id)).toEqual([]);
    expect(await told(world.user.principal.id)).toHaveLength(2);
  });
});
