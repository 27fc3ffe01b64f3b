import { and, asc, eq } from "drizzle-orm";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { messages, trainingRegistrations, trainings } from "#db/schema";
import { stockholmInstant } from "~/domain/deadlines";
import { renderMessage } from "~/lib/message-templates.server";
import {
  cancelRegistration,
  cancelTraining,
  createTraining,
  expandSeries,
  listTrainings,
  publishTraining,
  recordAttendance,
  registerFor,
  registrationsOf,
  trainingCalendar,
  updateTraining,
  validRule,
  type TrainingInput,
} from "~/models/training.server";
import { getCurrentUser } from "~/models/user.server";
import * as detailRoute from "~/routes/trainings.$trainingId";
import { createUser, createWorld, currentUsers, sessionCookieFor, trainingInput } from "../factories";
import { callRoute } from "../routes";

const DAY = 86_400_000;

async function setup() {
  const world = await createWorld();
  const users = await currentUsers(world, "coordinator", "staff", "principal", "reception_worker");
  const { coordinator, staff: teacher, principal, reception_worker: worker } = users;
  return { world, coordinator, teacher, principal, worker };
}

async function published(
  coordinator: Awaited<ReturnType<typeof setup>>["coordinator"],
  overrides: Partial<TrainingInput> = {},
) {
  const [training] = await createTraining(coordinator, trainingInput(overrides));
  await publishTraining(coordinator, training, "one");
  return (await getDb().select().from(trainings).where(eq(trainings.id, training.id)))[0];
}

/** A user's training messages as a Swedish reader sees them. */
const inbox = async (userId: string) =>
  (
    await getDb()
      .select()
      .from(messages)
      .where(and(eq(messages.recipientId, userId), eq(messages.kind, "training")))
  ).map((m) => ({ ...m, ...renderMessage(m, "sv") }));

describe("training series", () => {
  it("keeps the wall-clock time across daylight saving and edits one occasion or the rest of the series", async () => {
    const { coordinator, teacher } = await setup();
    // First Tuesday of each month at 14:00 Stockholm, from February to May 2027: CET, then CEST from 28 March.
    const first = stockholmInstant("2027-02-02", "14:00");
    expect(expandSeries(first, "FREQ=MONTHLY;COUNT=4;BYDAY=+1TU").map((d) => d.toISOString())).toEqual([
      "2027-02-02T13:00:00.000Z",
      "2027-03-02T13:00:00.000Z",
      "2027-04-06T12:00:00.000Z",
      "2027-05-04T12:00:00.000Z",
    ]);
    expect(validRule("FREQ=WEEKLY", first)).toBe(false); // no end
    expect(validRule("nonsense", first)).toBe(false);

    const series = await createTraining(
      coordinator,
      trainingInput({ startsAt: first, registrationDeadline: new Date(first.getTime() - 3 * DAY) }),
      "RRULE:FREQ=MONTHLY;COUNT=4;BYDAY=+1TU",
    );
    expect(series).toHaveLength(4);
    expect(series.every((t) => t.seriesId === series[0].seriesId && t.status === "draft")).toBe(true);
    expect(series[2].registrationDeadline.getTime()).toBe(series[2].startsAt.getTime() - 3 * DAY);
    expect(await publishTraining(coordinator, series[0], "series")).toBe(4);

    // Register the teacher on the third occasion, then move the series from the second one on to 09:00.
    await registerFor(series[2], teacher, null, new Date("2027-01-10T10:00:00Z"));
    const second = series[1];
    expect(
      await updateTraining(
        coordinator,
        second,
        trainingInput({
          startsAt: stockholmInstant("2027-03-02", "09:00"),
          registrationDeadline: stockholmInstant("2027-02-27", "09:00"),
        }),
        "series",
      ),
    ).toBe(3);
    const after = await getDb()
      .select()
      .from(trainings)
      .where(eq(trainings.seriesId, series[0].seriesId!))
      .orderBy(asc(trainings.startsAt));
    expect(after.map((t) => t.startsAt.toISOString())).toEqual([
      "2027-02-02T13:00:00.000Z",
      "2027-03-02T08:00:00.000Z",
      "2027-04-06T07:00:00.000Z",
      "2027-05-04T07:00:00.000Z",
    ]);
    expect(after.map((t) => t.sequence)).toEqual([0, 1, 1, 1]);
    expect((await inbox(teacher.id)).map((m) => m.subject)).toEqual([
      "Ändrad utbildning: Anmälningsplikten – grundutbildning",
    ]);

    // One occasion alone.
    await updateTraining(
      coordinator,
      after[3],
      trainingInput({
        title: "Extra tillfälle",
        startsAt: after[3].startsAt,
        registrationDeadline: after[3].registrationDeadline,
      }),
      "one",
    );
    const titles = (
      await getDb()
        .select()
        .from(trainings)
        .where(eq(trainings.seriesId, series[0].seriesId!))
        .orderBy(asc(trainings.startsAt))
    ).map((t) => t.title);
    expect(titles).toEqual([
      "Anmälningsplikten – grundutbildning",
      "Anmälningsplikten – grundutbildning",
      "Anmälningsplikten – grundutbildning",
      "Extra tillfälle",
    ]);

    // The calendar file of an occasion: its UID, its Stockholm start.
    const component = new ICAL.Component(ICAL.parse(trainingCalendar(after[2])));
    for (const zone of component.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
    const event = component.getFirstSubcomponent("vevent")!;
    expect(event.getFirstPropertyValue("uid")).toBe(after[2].uid);
    expect((event.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate().toISOString()).toBe(
      "2027-04-06T07:00:00.000Z",
    );
  });

  it("tells everyone registered or waiting when a training is cancelled, and closes it", async () => {
    const { world, coordinator, teacher, principal } = await setup();
    const training = await published(coordinator, { capacity: 1 });
    await registerFor(training, teacher, null);
    expect(await registerFor(training, principal, null)).toEqual({ ok: true, status: "waitlisted", already: false });
    await cancelTraining(coordinator, training, "one");
    expect((await inbox(teacher.id)).map((m) => m.subject)).toEqual([
      "Inställd utbildning: Anmälningsplikten – grundutbildning",
    ]);
    expect(await inbox(principal.id)).toHaveLength(1);
    const other = await createUser({
      municipalityId: world.municipality.id,
      unitId: world.unit.school.id,
      role: "staff",
    });
    const [fresh] = await getDb().select().from(trainings).where(eq(trainings.id, training.id));
    expect(await registerFor(fresh, (await getCurrentUser(other.id, world.municipality.id))!, null)).toEqual({
      ok: false,
      error: "notOpen",
    });
  });
});

describe("registration", () => {
  it("closes at the deadline, is for the training's audience only, and gives a second click the same place", async () => {
    const { coordinator, teacher, worker } = await setup();
    const training = await published(coordinator);
    expect(await registerFor(training, teacher, null, new Date(training.registrationDeadline.getTime() + 1))).toEqual({
      ok: false,
      error: "deadlinePassed",
    });
    expect(await registerFor(training, worker, null)).toEqual({ ok: false, error: "notInAudience" });
    expect(await registerFor(training, teacher, null)).toEqual({ ok: true, status: "registered", already: false });
    expect(await registerFor(training, teacher, null)).toEqual({ ok: true, status: "registered", already: true });
    expect(await registrationsOf(coordinator, training.id)).toHaveLength(1);
    const [listed] = (
      await listTrainings(training.municipalityId, training.startsAt, new Date(training.startsAt.getTime() + 1))
    ).filter((t) => t.id === training.id);
    expect(listed).toMatchObject({ registered: 1, free: 19 });
  });

  it("gives a freed place to the first on the waitlist, once, and tells them", async () => {
    const { world, coordinator, teacher } = await setup();
    const m = world.municipality.id;
    const training = await published(coordinator, { capacity: 1 });
    const waiting = [];
    for (let i = 0; i < 3; i++)
      waiting.push(
        (await getCurrentUser(
          (
            await createUser({ municipalityId: m, unitId: world.unit.school.id, role: "staff" })
          ).id,
          m,
        ))!,
      );
    await registerFor(training, teacher, null);
    for (const person of waiting) await registerFor(training, person, null);
    // The teacher cancels twice (a double click): one place frees, one promotion.
    const results = await Promise.all([cancelRegistration(training, teacher), cancelRegistration(training, teacher)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const list = await registrationsOf(coordinator, training.id);
    expect(list.map((r) => [r.userId, r.status])).toEqual([
      [waiting[0].id, "registered"],
      [waiting[1].id, "waitlisted"],
      [waiting[2].id, "waitlisted"],
    ]);
    expect((await inbox(waiting[0].id)).map((m) => m.subject)).toEqual([
      "Du har fått en plats: Anmälningsplikten – grundutbildning",
    ]);
    expect(await inbox(waiting[1].id)).toHaveLength(0);
  });

  it("moves the waitlist up when the coordinator adds places", async () => {
    const { coordinator, teacher, principal } = await setup();
    const training = await published(coordinator, { capacity: 1 });
    await registerFor(training, teacher, null);
    await registerFor(training, principal, null);
    await updateTraining(
      coordinator,
      training,
      trainingInput({ capacity: 2, startsAt: training.startsAt, registrationDeadline: training.registrationDeadline }),
      "one",
    );
    expect((await registrationsOf(coordinator, training.id)).map((r) => r.status)).toEqual([
      "registered",
      "registered",
    ]);
    expect((await inbox(principal.id)).map((m) => m.subject)).toContain(
      "Du har fått en plats: Anmälningsplikten – grundutbildning",
    );
  });

  it("lets a principal register their staff, who are told", async () => {
    const { coordinator, teacher, principal } = await setup();
    const training = await published(coordinator);
    expect(await registerFor(training, teacher, principal)).toMatchObject({ ok: true, status: "registered" });
    const [row] = await getDb()
      .select()
      .from(trainingRegistrations)
      .where(eq(trainingRegistrations.userId, teacher.id));
    expect(row.registeredById).toBe(principal.id);
    expect((await inbox(teacher.id)).map((m) => m.subject)).toEqual([
      "Din rektor har registrerat dig: Anmälningsplikten – grundutbildning",
    ]);
  });

  it("records who came: one by one, or everyone registered", async () => {
    const { coordinator, teacher, principal } = await setup();
    const training = await published(coordinator);
    await registerFor(training, teacher, null);
    await registerFor(training, principal, null);
    await recordAttendance(coordinator, training, [teacher.id]);
    expect(
      Object.fromEntries((await registrationsOf(coordinator, training.id)).map((r) => [r.userId, r.attended])),
    ).toEqual({ [teacher.id]: true, [principal.id]: false });
    await recordAttendance(coordinator, training, "all");
    expect((await registrationsOf(coordinator, training.id)).every((r) => r.attended)).toBe(true);
  });
});

describe.skipIf(process.env.TEST_DB !== "postgres")("registration under load (PostgreSQL)", () => {
  // 100 for 20 is the agreed check; 100 for 23 also catches a race that a pool of 10 connections would hide in
  // batches of exactly ten.
  it.each([20, 23])(
    "100 people registering at the same instant for %i places: that many registered, the rest waitlisted in order",
    async (capacity) => {
      const { world, coordinator } = await setup();
      const m = world.municipality.id;
      const training = await published(coordinator, { capacity });
      const people = await Promise.all(
        Array.from(
          { length: 100 },
          async () =>
            (await getCurrentUser(
              (
                await createUser({ municipalityId: m, unitId: world.unit.school.id, role: "staff" })
              ).id,
              m,
            ))!,
        ),
      );
      const results = await Promise.all(people.map((p) => registerFor(training, p, null)));
      expect(results.filter((r) => r.ok && r.status === "registered")).toHaveLength(capacity);
      expect(results.filter((r) => r.ok && r.status === "waitlisted")).toHaveLength(100 - capacity);
      const rows = await getDb()
        .select()
        .from(trainingRegistrations)
        .where(eq(trainingRegistrations.trainingId, training.id))
        .orderBy(asc(trainingRegistrations.seq));
      expect(rows).toHaveLength(100);
      // Whoever got a number first got a place: the first by registration order are the registered ones.
      expect(rows.slice(0, capacity).every((r) => r.status === "registered")).toBe(true);
      expect(rows.slice(capacity).every((r) => r.status === "waitlisted")).toBe(true);
    },
  );
});

describe.skipIf(process.env.TEST_DB !== "postgres")("cancellations under load (PostgreSQL)", () => {
  // Each cancellation counts the free places and promotes from the waitlist under the training's lock: without it,
  // two at once both see one place free and promote the same person, and a place stays empty while others wait.
  it("8 of 10 registered cancelling at once: the first 8 waiting take their places, each told once", async () => {
    for (let round = 0; round < 3; round++) {
      const { world, coordinator } = await setup();
      const m = world.municipality.id;
      const training = await published(coordinator, { capacity: 10 });
      const people = [];
      for (let i = 0; i < 20; i++) {
        const person = (await getCurrentUser(
          (
            await createUser({ municipalityId: m, unitId: world.unit.school.id, role: "staff" })
          ).id,
          m,
        ))!;
        await registerFor(training, person, null);
        people.push(person);
      }
      const leaving = people.slice(0, 8);
      expect(await Promise.all(leaving.map((p) => cancelRegistration(training, p)))).toEqual(Array(8).fill(true));
      const byUser = new Map(
        (
          await getDb().select().from(trainingRegistrations).where(eq(trainingRegistrations.trainingId, training.id))
        ).map((r) => [r.userId, r.status]),
      );
      expect(people.map((p) => byUser.get(p.id))).toEqual([
        ...Array(8).fill("cancelled"),
        ...Array(10).fill("registered"),
        ...Array(2).fill("waitlisted"),
      ]);
      for (const promoted of people.slice(10, 18)) {
        expect((await inbox(promoted.id)).filter((n) => n.template === "trainings:notices.promoted")).toHaveLength(1);
      }
    }
  });
});

describe("the last day to register (issue 19)", () => {
  it("is shown as the day the coordinator chose, not the midnight after it", async () => {
    const { world, coordinator } = await setup();
    // The form's "18 February" closes registration when that Stockholm day ends: at midnight, the 19th.
    const training = await published(coordinator, {
      startsAt: stockholmInstant("2027-03-01", "09:00"),
      registrationDeadline: stockholmInstant("2027-02-19", "00:00"),
    });
    const result = await callRoute(detailRoute.loader, {
      path: `/trainings/${training.id}`,
      params: { trainingId: training.id },
      cookie: await sessionCookieFor(world.user.staff),
    });
    expect((result.data as { training: { lastRegistrationDay: string } }).training.lastRegistrationDay).toBe(
      "2027-02-18",
    );
  });
});
