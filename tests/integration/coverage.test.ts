import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, memberships, trainingRegistrations, units } from "#db/schema";
import type { CurrentUser } from "~/lib/permissions.server";
import type { TrainingTopic } from "~/domain/vocabulary";
import { coverageFor, monthsBefore } from "~/models/coverage.server";
import { createTraining } from "~/models/training.server";
import { getCurrentUser } from "~/models/user.server";
import * as csvRoute from "~/routes/trainings.coverage[.csv]";
import * as pageRoute from "~/routes/trainings.coverage";
import { createUnit, createUser, createWorld, sessionCookieFor, testContext } from "../factories";
import { callRoute } from "../routes";

type World = Awaited<ReturnType<typeof createWorld>>;
const DAY = 86_400_000;
const now = new Date();
const monthsAgo = (months: number) => monthsBefore(now, months);

async function currentUser(user: { id: string; municipalityId: string }) {
  const current = await getCurrentUser(user.id, user.municipalityId);
  if (!current) throw new Error("no such user");
  return current;
}

async function training(coordinator: CurrentUser, topic: TrainingTopic, startsAt: Date) {
  const [row] = await createTraining(coordinator, {
    title: `Utbildning ${topic}`,
    topic,
    audienceRoles: ["staff", "principal"],
    audienceUnitKinds: ["preschool", "school"],
    description: "",
    startsAt,
    durationMinutes: 90,
    place: "Aulan",
    capacity: 50,
    registrationDeadline: new Date(startsAt.getTime() - 7 * DAY),
    organisers: "Samordningen",
  });
  return row;
}

/** A registration as it stands after the training: attendance recorded. */
async function attend(world: World, trainingId: string, userId: string, attended = true) {
  await getDb()
    .insert(trainingRegistrations)
    .values({ municipalityId: world.municipality.id, trainingId, userId, status: "registered", attended });
}

/** When someone joined a unit: every membership of theirs there. */
async function joined(userId: string, unitId: string, at: Date) {
  await getDb()
    .update(memberships)
    .set({ createdAt: at })
    .where(and(eq(memberships.userId, userId), eq(memberships.unitId, unitId)));
}

/** A world whose school staff and principal have been there for years, so they are not new. */
async function oldWorld() {
  const world = await createWorld();
  const twoYearsAgo = monthsAgo(24);
  await joined(world.user.staff.id, world.unit.school.id, twoYearsAgo);
  await joined(world.user.principal.id, world.unit.school.id, twoYearsAgo);
  const coordinator = await currentUser(world.user.coordinator);
  return { world, coordinator };
}

async function staffAt(world: World, unitId: string, name?: string, joinedAt = monthsAgo(24)) {
  const user = await createUser({ municipalityId: world.municipality.id, unitId, role: "staff", name });
  await joined(user.id, unitId, joinedAt);
  return user;
}

describe("coverage per unit", () => {
  it("counts staff who attended a reporting-duty training in the last 12 months, and nothing else", async () => {
    const { world, coordinator } = await oldWorld();
    const { school, preschool } = world.unit;
    const schoolStaff = [await staffAt(world, school.id), await staffAt(world, school.id)];
    const preschoolStaff = [await staffAt(world, preschool.id), await staffAt(world, preschool.id)];
    // Not counted: a deactivated user, a role that is not staff, a unit of another kind, a deactivated school.
    const gone = await createUser({
      municipalityId: world.municipality.id,
      unitId: school.id,
      role: "staff",
      active: false,
    });
    await getDb().insert(memberships).values({
      municipalityId: world.municipality.id,
      userId: world.user.steering.id,
      unitId: school.id,
      role: "steering",
    });
    const closed = await createUnit(world.municipality.id, "school", "Nedlagda skolan");
    await staffAt(world, closed.id);
    await getDb().update(units).set({ active: false }).where(eq(units.id, closed.id));
    const empty = await createUnit(world.municipality.id, "school", "Tomma skolan");

    const recent = await training(coordinator, "reporting_duty", monthsAgo(2));
    const alsoRecent = await training(coordinator, "reporting_duty", monthsAgo(5));
    const tooOld = await training(coordinator, "reporting_duty", monthsAgo(13));
    const otherTopic = await training(coordinator, "information_duty", monthsAgo(1));
    const future = await training(coordinator, "reporting_duty", new Date(now.getTime() + 30 * DAY));
    // Counted once although attended twice.
    await attend(world, recent.id, world.user.staff.id);
    await attend(world, alsoRecent.id, world.user.staff.id);
    await attend(world, recent.id, world.user.principal.id);
    await attend(world, recent.id, gone.id);
    await attend(world, recent.id, world.user.steering.id);
    // Registered but did not come; another topic; 13 months ago; not held yet.
    await attend(world, recent.id, schoolStaff[0].id, false);
    await attend(world, otherTopic.id, schoolStaff[0].id);
    await attend(world, tooOld.id, schoolStaff[1].id);
    await attend(world, tooOld.id, preschoolStaff[0].id);
    await attend(world, future.id, preschoolStaff[1].id);

    const { units: rows, scope } = await coverageFor(coordinator, now);
    expect(scope).toBe("all");
    // Worst first; the unit without staff (no share at all) last.
    expect(rows).toEqual([
      { id: preschool.id, name: preschool.name, kind: "preschool", staff: 2, trained: 0, share: 0, noneTrained: true },
      { id: school.id, name: school.name, kind: "school", staff: 4, trained: 2, share: 0.5, noneTrained: false },
      { id: empty.id, name: "Tomma skolan", kind: "school", staff: 0, trained: 0, share: null, noneTrained: false },
    ]);
  });

  it("gives the share as a fraction and sorts equal shares by name", async () => {
    const { world, coordinator } = await oldWorld();
    const recent = await training(coordinator, "reporting_duty", monthsAgo(11));
    const a = await createUnit(world.municipality.id, "preschool", "Åkern");
    const b = await createUnit(world.municipality.id, "preschool", "Björken");
    for (const unit of [a, b]) {
      const people = [await staffAt(world, unit.id), await staffAt(world, unit.id), await staffAt(world, unit.id)];
      await attend(world, recent.id, people[0].id);
    }
    await attend(world, recent.id, world.user.staff.id);
    const { units: rows } = await coverageFor(coordinator, now);
    // A third before a half; equal shares in Swedish alphabetical order (Å after B); no staff, no share, last.
    expect(rows.map((r) => r.id)).toEqual([b.id, a.id, world.unit.school.id, world.unit.preschool.id]);
    expect(rows[1]).toMatchObject({ staff: 3, trained: 1, share: 1 / 3, noneTrained: false });
    expect(rows[2]).toMatchObject({ staff: 2, trained: 1, share: 0.5 });
    expect(rows[3]).toMatchObject({ staff: 0, share: null, noneTrained: false });
  });
});

describe("new staff not yet trained", () => {
  it("lists those who joined in the last six months and never attended, until they have", async () => {
    const { world, coordinator } = await oldWorld();
    const { school, preschool } = world.unit;
    const newcomer = await staffAt(world, school.id, "Nya Nilsson", monthsAgo(2));
    const longAgo = await staffAt(world, preschool.id, "Gamla Göransson", monthsAgo(7));
    const trainedBefore = await staffAt(world, school.id, "Erfarna Eriksson", monthsAgo(1));
    const wrongTopic = await staffAt(world, preschool.id, "Annan Andersson", monthsAgo(3));
    const registeredOnly = await staffAt(world, school.id, "Frånvarande Fransson", monthsAgo(4));
    // Attended 20 months ago: "never attended" looks at all time, not just the last 12 months.
    await attend(world, (await training(coordinator, "reporting_duty", monthsAgo(20))).id, trainedBefore.id);
    await attend(world, (await training(coordinator, "information_duty", monthsAgo(1))).id, wrongTopic.id);
    const held = await training(coordinator, "reporting_duty", monthsAgo(1));
    await attend(world, held.id, registeredOnly.id, false);
    // Staff for years, principal since last month: not new.
    await getDb()
      .insert(memberships)
      .values({
        municipalityId: world.municipality.id,
        userId: world.user.staff.id,
        unitId: school.id,
        role: "principal",
        createdAt: monthsAgo(1),
      });

    const listed = (await coverageFor(coordinator, now)).newStaff;
    expect(listed.map((s) => s.userId).sort()).toEqual([newcomer.id, wrongTopic.id, registeredOnly.id].sort());
    expect(listed).not.toContainEqual(expect.objectContaining({ userId: longAgo.id }));
    const first = listed.find((s) => s.userId === newcomer.id)!;
    expect(first).toMatchObject({ name: "Nya Nilsson", unitId: school.id, unitName: school.name });
    expect(first.joinedAt.getTime()).toBe(monthsAgo(2).getTime());
    // Sorted by unit ("preschool …" before "school …"), then name.
    expect(listed.map((s) => s.name)).toEqual(["Annan Andersson", "Frånvarande Fransson", "Nya Nilsson"]);

    await attend(world, (await training(coordinator, "reporting_duty", new Date(now.getTime() - DAY))).id, newcomer.id);
    const after = (await coverageFor(coordinator, now)).newStaff;
    expect(after.map((s) => s.name)).toEqual(["Annan Andersson", "Frånvarande Fransson"]);
  });
});

describe("who sees what", () => {
  it("shows a principal only their own units and a coordinator every unit of the municipality", async () => {
    const { world, coordinator } = await oldWorld();
    const otherSchool = await createUnit(world.municipality.id, "school", "Andra skolan");
    const otherNew = await staffAt(world, otherSchool.id, "Annans Anställd", monthsAgo(1));
    const ownNew = await staffAt(world, world.unit.school.id, "Egen Anställd", monthsAgo(1));
    const elsewhere = await createWorld("Grannstad");

    const principal = await currentUser(world.user.principal);
    const own = await coverageFor(principal, now);
    expect(own.scope).toBe("own");
    expect(own.units.map((u) => u.id)).toEqual([world.unit.school.id]);
    expect(own.units[0]).toMatchObject({ staff: 3, trained: 0 });
    expect(own.newStaff.map((s) => s.userId)).toEqual([ownNew.id]);

    const all = await coverageFor(coordinator, now);
    expect(all.units.map((u) => u.id).sort()).toEqual(
      [world.unit.school.id, world.unit.preschool.id, otherSchool.id].sort(),
    );
    expect(all.newStaff.map((s) => s.userId).sort()).toEqual([ownNew.id, otherNew.id].sort());
    for (const unit of Object.values(elsewhere.unit)) expect(all.units.map((u) => u.id)).not.toContain(unit.id);

    // The model is safe on its own too: anyone else gets nothing.
    expect(await coverageFor(await currentUser(world.user.staff), now)).toMatchObject({ units: [], newStaff: [] });
  });

  it("serves the page to coordinators and principals, audited, and refuses everyone else", async () => {
    const { world } = await oldWorld();
    const page = (cookie?: string) => callRoute(pageRoute.loader, { path: "/trainings/coverage", cookie });
    const coordinatorView = await page(await sessionCookieFor(world.user.coordinator));
    expect(coordinatorView.status).toBe(200);
    expect((coordinatorView.data as { units: unknown[] }).units).toHaveLength(2);
    const principalView = await page(await sessionCookieFor(world.user.principal));
    expect(principalView.status).toBe(200);
    expect((principalView.data as { units: { id: string }[] }).units.map((u) => u.id)).toEqual([world.unit.school.id]);
    for (const role of ["staff", "reception_worker", "investigator", "steering", "admin"] as const) {
      expect((await page(await sessionCookieFor(world.user[role]))).status, role).toBe(403);
    }
    expect((await page()).status).toBe(302);
    const audited = await getDb()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.municipalityId, world.municipality.id),
          eq(auditEvents.recordType, "coverage"),
          eq(auditEvents.action, "list"),
        ),
      );
    expect(audited.map((a) => a.userId).sort()).toEqual([world.user.coordinator.id, world.user.principal.id].sort());
  });
});

describe("the CSV export", () => {
  it("has the figures per unit, formulas defused, and no names", async () => {
    const { world, coordinator } = await oldWorld();
    const formula = await createUnit(world.municipality.id, "preschool", '=HYPERLINK("http://x")');
    const secretName = "Hemliga Hansson";
    await staffAt(world, formula.id, secretName, monthsAgo(1));
    const other = await staffAt(world, world.unit.school.id, "Synliga Svensson");
    await attend(world, (await training(coordinator, "reporting_duty", monthsAgo(3))).id, other.id);

    const cookie = await sessionCookieFor(world.user.coordinator);
    const response = (await csvRoute.loader({
      request: new Request("http://localhost/trainings/coverage.csv", { headers: { Cookie: cookie } }),
      params: {},
      context: testContext(),
    })) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="utbildningstackning.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    // The byte-order mark (text() would drop it while decoding).
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const raw = new TextDecoder().decode(bytes);
    const lines = raw.trim().split("\n");
    expect(lines[0].split(",")).toEqual([
      "unit",
      "unit_kind",
      "staff",
      "trained_12_months",
      "share_percent",
      "none_trained",
    ]);
    expect(lines.slice(1)).toEqual([
      `"'=HYPERLINK(""http://x"")",preschool,1,0,0,yes`,
      `${world.unit.school.name},school,3,1,33.3,no`,
      `${world.unit.preschool.name},preschool,0,0,,no`,
    ]);
    for (const name of [secretName, "Synliga Svensson", world.user.staff.name, world.user.principal.name]) {
      expect(raw).not.toContain(name);
    }
    const [audited] = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.userId, world.user.coordinator.id), eq(auditEvents.recordType, "coverage")));
    expect(audited.details).toMatchObject({ export: "csv" });
  });

  it("is scoped like the page and refused to staff", async () => {
    const { world } = await oldWorld();
    const csv = (cookie?: string) => callRoute(csvRoute.loader, { path: "/trainings/coverage.csv", cookie });
    expect((await csv(await sessionCookieFor(world.user.staff))).status).toBe(403);
    expect((await csv()).status).toBe(302);
    expect((await csv(await sessionCookieFor(world.user.coordinator))).status).toBe(200);
    const response = (await csvRoute.loader({
      request: new Request("http://localhost/trainings/coverage.csv", {
        headers: { Cookie: await sessionCookieFor(world.user.principal) },
      }),
      params: {},
      context: testContext(),
    })) as Response;
    const lines = (await response.text()).trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(`${world.unit.school.name},school,2,0,0,yes`);
  });
});
