import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, memberships, messages, unitContacts } from "#db/schema";
import { createTraining, publishTraining, type TrainingInput } from "~/models/training.server";
import { unitContactPersons } from "~/models/unit-contact.server";
import { getCurrentUser } from "~/models/user.server";
import * as adminUnitRoute from "~/routes/admin.units.$unitId";
import * as contactRoute from "~/routes/units.$unitId_.contact";
import * as unitRoute from "~/routes/units.$unitId";
import { createUser, createWorld, sessionCookieFor, trainingInput } from "../factories";
import { callRoute } from "../routes";

/** The training the contact persons hear about: the factory's, with no description and the building as its place. */
const announcedTraining = (overrides: Partial<TrainingInput> = {}) =>
  trainingInput({ description: "", place: "Stadshuset", ...overrides });

async function setup() {
  const world = await createWorld();
  const m = world.municipality.id;
  const school = world.unit.school.id;
  const post = async (user: { id: string; municipalityId: string }, unitId: string, form: Record<string, string>) =>
    callRoute(contactRoute.action, {
      path: `/units/${unitId}/contact`,
      params: { unitId },
      method: "POST",
      cookie: await sessionCookieFor(user),
      form,
    });
  const assign = (userId: string, by = world.user.principal, unitId = school) =>
    post(by, unitId, { intent: "assign", userId });
  return { world, m, school, post, assign };
}

describe("a unit's contact person", () => {
  it("is named by a principal of the unit from its staff, audited, and can be replaced", async () => {
    const { world, m, school, assign } = await setup();
    expect(await unitContactPersons(m, school)).toEqual([]);
    expect(await assign(world.user.staff.id)).toMatchObject({ status: 302 });
    expect((await unitContactPersons(m, school)).map((c) => c.id)).toEqual([world.user.staff.id]);
    const colleague = await createUser({ municipalityId: m, unitId: school, role: "staff", name: "Kollega" });
    expect(await assign(colleague.id)).toMatchObject({ status: 302 });
    // One per unit: the new one replaces the old.
    expect((await unitContactPersons(m, school)).map((c) => c.id)).toEqual([colleague.id]);
    const rows = await getDb().select().from(unitContacts).where(eq(unitContacts.unitId, school));
    expect(rows).toMatchObject([{ userId: colleague.id, assignedById: world.user.principal.id, municipalityId: m }]);
    const audited = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordType, "unit_contact"), eq(auditEvents.recordId, school)));
    expect(audited.length).toBe(2);
  });

  it("can be removed by the principal", async () => {
    const { world, m, school, assign, post } = await setup();
    await assign(world.user.staff.id);
    expect(await post(world.user.principal, school, { intent: "remove" })).toMatchObject({ status: 302 });
    expect(await unitContactPersons(m, school)).toEqual([]);
  });

  it("refuses someone who does not work at the unit, and leaves the contact as it was", async () => {
    const { world, m, school, assign } = await setup();
    await assign(world.user.staff.id);
    const elsewhere = await createUser({ municipalityId: m, unitId: world.unit.preschool.id, role: "staff" });
    const other = await createWorld("Annanstad");
    for (const userId of [elsewhere.id, world.user.reception_worker.id, other.user.staff.id, "not-a-uuid"]) {
      const result = await assign(userId);
      expect(result.status, userId).toBe(200);
      expect(result.data).toMatchObject({ error: "admin:contact.notStaff" });
    }
    const inactive = await createUser({ municipalityId: m, unitId: school, role: "staff", active: false });
    expect((await assign(inactive.id)).data).toMatchObject({ error: "admin:contact.notStaff" });
    expect((await unitContactPersons(m, school)).map((c) => c.id)).toEqual([world.user.staff.id]);
  });

  it("is named by principals only, of their own units, in their own municipality", async () => {
    const { world, m, school, assign, post } = await setup();
    // Staff may not (403); a principal of another unit does not see this one (404); nor another municipality's.
    expect(await assign(world.user.staff.id, world.user.staff)).toMatchObject({ status: 403 });
    expect(await assign(world.user.staff.id, world.user.reception_worker)).toMatchObject({ status: 403 });
    const preschoolHead = await createUser({ municipalityId: m, unitId: world.unit.preschool.id, role: "principal" });
    expect(await assign(world.user.staff.id, preschoolHead)).toMatchObject({ status: 404 });
    const other = await createWorld("Annanstad");
    expect(await assign(other.user.staff.id, world.user.principal, other.unit.school.id)).toMatchObject({
      status: 404,
    });
    expect(await post(other.user.principal, school, { intent: "assign", userId: world.user.staff.id })).toMatchObject({
      status: 404,
    });
    expect(await unitContactPersons(m, school)).toEqual([]);
    expect(await unitContactPersons(other.municipality.id, other.unit.school.id)).toEqual([]);
  });

  it("offers the principal the unit's staff on the page", async () => {
    const { world, school } = await setup();
    const page = await callRoute(contactRoute.loader, {
      path: `/units/${school}/contact`,
      params: { unitId: school },
      cookie: await sessionCookieFor(world.user.principal),
    });
    expect(page.status).toBe(200);
    const data = page.data as { candidates: { id: string }[]; contact: unknown };
    expect(data.candidates.map((c) => c.id).sort()).toEqual([world.user.staff.id, world.user.principal.id].sort());
    expect(data.contact).toBeNull();
  });

  it("is named on reception's unit page and the admin's unit page, and no longer once they leave the unit", async () => {
    const { world, m, school, assign } = await setup();
    await assign(world.user.staff.id);
    const shown = async () => {
      const reception = await callRoute(unitRoute.loader, {
        path: `/units/${school}`,
        params: { unitId: school },
        cookie: await sessionCookieFor(world.user.reception_worker),
      });
      const admin = await callRoute(adminUnitRoute.loader, {
        path: `/admin/units/${school}`,
        params: { unitId: school },
        cookie: await sessionCookieFor(world.user.admin),
      });
      return [reception, admin].map((r) => (r.data as { contacts: { name: string }[] }).contacts.map((c) => c.name));
    };
    expect(await shown()).toEqual([[world.user.staff.name], [world.user.staff.name]]);
    await getDb().delete(memberships).where(eq(memberships.userId, world.user.staff.id));
    expect(await shown()).toEqual([[], []]);
    expect(await unitContactPersons(m, school)).toEqual([]);
  });

  it("gets the announcement when a training for their kind of unit is published, with no personal data", async () => {
    const { world, m, assign } = await setup();
    await assign(world.user.staff.id);
    // The preschool's contact is the same kind of audience; the reception unit's is not a kind the training is for.
    const preschoolHead = await createUser({ municipalityId: m, unitId: world.unit.preschool.id, role: "principal" });
    const preschoolContact = await createUser({ municipalityId: m, unitId: world.unit.preschool.id, role: "staff" });
    await assign(preschoolContact.id, preschoolHead, world.unit.preschool.id);
    const coordinator = (await getCurrentUser(world.user.coordinator.id, m))!;
    const [training] = await createTraining(coordinator, announcedTraining({ audienceUnitKinds: ["school"] }));
    const announced = async (userId: string) =>
      getDb()
        .select()
        .from(messages)
        .where(and(eq(messages.recipientId, userId), eq(messages.template, "trainings:notices.announced")));
    // A draft is not announced.
    expect(await announced(world.user.staff.id)).toEqual([]);
    await publishTraining(coordinator, training, "one");
    const [message] = await announced(world.user.staff.id);
    expect(message).toMatchObject({
      municipalityId: m,
      link: `/trainings/${training.id}`,
      params: { title: training.title, startsAt: training.startsAt.toISOString() },
    });
    expect(Object.keys(message.params as object).sort()).toEqual(["startsAt", "title"]);
    expect(await announced(preschoolContact.id)).toEqual([]);
    // Publishing again announces nothing new.
    await publishTraining(coordinator, training, "one");
    expect(await announced(world.user.staff.id)).toHaveLength(1);
  });

  it("gets one announcement for a series, and one even when contact for two units", async () => {
    const { world, m, assign } = await setup();
    await assign(world.user.principal.id);
    // The principal also heads the preschool and is its contact too.
    await getDb().insert(memberships).values({
      municipalityId: m,
      userId: world.user.principal.id,
      unitId: world.unit.preschool.id,
      role: "principal",
    });
    await assign(world.user.principal.id, world.user.principal, world.unit.preschool.id);
    expect(await unitContactPersons(m, world.unit.preschool.id)).toHaveLength(1);
    const coordinator = (await getCurrentUser(world.user.coordinator.id, m))!;
    const series = await createTraining(coordinator, announcedTraining(), "FREQ=WEEKLY;COUNT=3");
    expect(await publishTraining(coordinator, series[0], "series")).toBe(3);
    const received = await getDb()
      .select()
      .from(messages)
      .where(
        and(eq(messages.recipientId, world.user.principal.id), eq(messages.template, "trainings:notices.announced")),
      );
    expect(received.map((r) => r.link)).toEqual([`/trainings/${series[0].id}`]);
  });
});
