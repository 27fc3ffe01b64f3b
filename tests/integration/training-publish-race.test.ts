import { and, asc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, messages, outboxEmails, trainings, unitContacts } from "#db/schema";
import { createTraining, publishTraining } from "~/models/training.server";
import { createUser, createWorld, currentUsers, trainingInput } from "../factories";

/**
 * Two publishes of the same draft at once (a double click, two coordinators): the training is published once, and
 * each unit contact person is announced it once, with one e-mail. The calls overlap on PostgreSQL; PGlite runs the
 * transactions one at a time, where the same must hold. Each case is raced a few times: a race may not show every run.
 */
const ROUNDS = 4;

async function setup() {
  const world = await createWorld();
  const m = world.municipality.id;
  const { coordinator } = await currentUsers(world, "coordinator");
  // The school's contact is the world's staff member; the preschool's a staff member of its own.
  const preschoolStaff = await createUser({ municipalityId: m, unitId: world.unit.preschool.id, role: "staff" });
  const contacts = [world.user.staff.id, preschoolStaff.id];
  await getDb()
    .insert(unitContacts)
    .values([
      { municipalityId: m, unitId: world.unit.school.id, userId: contacts[0], assignedById: world.user.principal.id },
      {
        municipalityId: m,
        unitId: world.unit.preschool.id,
        userId: contacts[1],
        assignedById: world.user.principal.id,
      },
    ]);
  return { world, coordinator, contacts };
}

async function announcedTo(userId: string, trainingIds: string[]) {
  const rows = await getDb()
    .select({ link: messages.link })
    .from(messages)
    .where(and(eq(messages.recipientId, userId), eq(messages.template, "trainings:notices.announced")));
  const links = new Set(trainingIds.map((id) => `/trainings/${id}`));
  return rows.filter((r) => r.link && links.has(r.link));
}

async function emailsTo(userId: string) {
  const rows = await getDb().select().from(outboxEmails).where(eq(outboxEmails.recipientId, userId));
  return rows.length;
}

async function publishAudits(trainingId: string) {
  const rows = await getDb()
    .select({ details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.recordType, "training"), eq(auditEvents.recordId, trainingId)));
  return rows.filter((r) => (r.details as { intent?: string } | null)?.intent === "publish");
}

describe("publishing the same draft twice at once", () => {
  it("publishes a single training once and announces it once to each contact person", async () => {
    const { coordinator, contacts } = await setup();
    for (let round = 1; round <= ROUNDS; round++) {
      const [training] = await createTraining(coordinator, trainingInput({ title: `Utbildning ${round}` }));
      const results = await Promise.all([
        publishTraining(coordinator, training, "one"),
        publishTraining(coordinator, training, "one"),
      ]);
      const [row] = await getDb().select().from(trainings).where(eq(trainings.id, training.id));
      expect(row.status).toBe("published");
      for (const contact of contacts) {
        expect(await announcedTo(contact, [training.id]), `round ${round}`).toHaveLength(1);
        expect(await emailsTo(contact), `round ${round}`).toBe(round);
      }
      expect(await publishAudits(training.id)).toHaveLength(1);
      // One call published it; the other found it published already.
      expect(results.sort()).toEqual([0, 1]);
    }
  });

  it("publishes a series once and announces it once to each contact person", async () => {
    const { coordinator, contacts } = await setup();
    for (let round = 1; round <= ROUNDS; round++) {
      const series = await createTraining(
        coordinator,
        trainingInput({ title: `Serie ${round}` }),
        "FREQ=WEEKLY;COUNT=3",
      );
      const ids = series.map((o) => o.id);
      const results = await Promise.all([
        publishTraining(coordinator, series[0], "series"),
        publishTraining(coordinator, series[0], "series"),
      ]);
      const rows = await getDb()
        .select({ status: trainings.status })
        .from(trainings)
        .where(inArray(trainings.id, ids))
        .orderBy(asc(trainings.startsAt));
      expect(rows.map((r) => r.status)).toEqual(["published", "published", "published"]);
      for (const contact of contacts) {
        // The series is announced by its first occasion, once.
        const announced = await announcedTo(contact, ids);
        expect(
          announced.map((a) => a.link),
          `round ${round}`,
        ).toEqual([`/trainings/${series[0].id}`]);
        expect(await emailsTo(contact), `round ${round}`).toBe(round);
      }
      expect(await publishAudits(series[0].id)).toHaveLength(1);
      expect(results.sort()).toEqual([0, 3]);
    }
  });

  it("announces each occasion of a series published one at a time, and none twice", async () => {
    const { coordinator, contacts } = await setup();
    const series = await createTraining(coordinator, trainingInput({ title: "Serie i steg" }), "FREQ=WEEKLY;COUNT=3");
    const ids = series.map((o) => o.id);
    // The first occasion alone, raced; then the rest of the series from the second, raced with the third alone.
    expect((await Promise.all([1, 2].map(() => publishTraining(coordinator, series[0], "one")))).sort()).toEqual([
      0, 1,
    ]);
    const rest = await Promise.all([
      publishTraining(coordinator, series[1], "series"),
      publishTraining(coordinator, series[2], "one"),
    ]);
    // Between them the two calls published the two remaining occasions, each once.
    expect(rest[0] + rest[1]).toBe(2);
    for (const contact of contacts) {
      const links = (await announcedTo(contact, ids)).map((a) => a.link);
      // An occasion is announced at most once; the first, published alone, was announced by itself.
      expect(new Set(links).size).toBe(links.length);
      expect(links).toContain(`/trainings/${series[0].id}`);
      expect(links.length).toBe(1 + rest.filter((n) => n > 0).length);
      expect(await emailsTo(contact)).toBe(links.length);
    }
  });
});
