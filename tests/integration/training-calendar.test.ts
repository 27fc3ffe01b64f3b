import { asc, eq } from "drizzle-orm";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { outboxEmails, trainings } from "#db/schema";
import { stockholmInstant } from "~/domain/deadlines";
import { createFeedToken, feedFor } from "~/models/calendar-feed.server";
import {
  cancelRegistration,
  cancelTraining,
  createTraining,
  publishTraining,
  registerFor,
  updateTraining,
  type TrainingInput,
} from "~/models/training.server";
import { getCurrentUser } from "~/models/user.server";
import * as calendarRoute from "~/routes/trainings.$trainingId.calendar[.ics]";
import { createUser, createWorld, sessionCookieFor, testContext } from "../factories";

// Issue 19 item 9: a changed or cancelled training reaches the calendars of those who hold a place, as report
// meetings do, under the UID of the "add to calendar" file and the feed.

const DAY = 24 * 60 * 60 * 1000;

function input(startsAt: Date, overrides: Partial<TrainingInput> = {}): TrainingInput {
  return {
    title: "Anmälningsplikten i praktiken",
    topic: "reporting_duty",
    audienceRoles: ["staff", "principal"],
    audienceUnitKinds: ["school", "preschool"],
    description: "",
    startsAt,
    durationMinutes: 90,
    place: "Stadshuset, sal 2",
    capacity: 20,
    registrationDeadline: new Date(startsAt.getTime() - 2 * DAY),
    organisers: "Samordningen",
    ...overrides,
  };
}

async function setup() {
  const world = await createWorld();
  const m = world.municipality.id;
  const current = async (id: string) => (await getCurrentUser(id, m))!;
  const staff = async () =>
    current((await createUser({ municipalityId: m, unitId: world.unit.school.id, role: "staff" })).id);
  return {
    world,
    coordinator: await current(world.user.coordinator.id),
    teacher: await current(world.user.staff.id),
    principal: await current(world.user.principal.id),
    staff,
  };
}

type Coordinator = Awaited<ReturnType<typeof setup>>["coordinator"];

async function published(coordinator: Coordinator, startsAt: Date, overrides: Partial<TrainingInput> = {}) {
  const [training] = await createTraining(coordinator, input(startsAt, overrides));
  await publishTraining(coordinator, training, "one");
  return reload(training.id);
}

async function reload(id: string) {
  return (await getDb().select().from(trainings).where(eq(trainings.id, id)))[0];
}

/** A calendar file read by a real iCalendar parser, through the zone the file defines. */
function parse(ics: string) {
  const component = new ICAL.Component(ICAL.parse(ics));
  for (const zone of component.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  const events = component.getAllSubcomponents("vevent");
  expect(events).toHaveLength(1);
  const event = events[0];
  return {
    method: component.getFirstPropertyValue("method"),
    uid: event.getFirstPropertyValue("uid"),
    sequence: Number(event.getFirstPropertyValue("sequence")),
    start: (event.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate(),
    status: event.getFirstPropertyValue("status"),
    summary: event.getFirstPropertyValue("summary"),
    location: event.getFirstPropertyValue("location"),
    attendees: event.getAllProperties("attendee").map((a) => ({
      address: a.getFirstValue(),
      cn: a.getParameter("cn"),
      rsvp: a.getParameter("rsvp"),
    })),
  };
}

/** Every e-mail to one user, oldest first, with its calendar attachment parsed. */
async function mailsTo(userId: string) {
  const rows = await getDb()
    .select()
    .from(outboxEmails)
    .where(eq(outboxEmails.recipientId, userId))
    .orderBy(asc(outboxEmails.createdAt));
  return rows.map((row) => ({
    ...row,
    parsed: row.calendar ? parse(row.calendar) : null,
  }));
}

/** The calendar e-mails to one user, oldest first: the attachment, and that the row's METHOD matches it. */
async function calendarsTo(userId: string) {
  const withCalendar = (await mailsTo(userId)).filter((m) => m.parsed);
  for (const mail of withCalendar) expect(mail.calendarMethod).toBe(mail.parsed?.method);
  return withCalendar.map((m) => m.parsed!);
}

/** "Add to calendar" as a person downloads it from the training's page. */
async function download(trainingId: string, user: { id: string; municipalityId: string }) {
  const request = new Request(`http://localhost/trainings/${trainingId}/calendar.ics`, {
    headers: { Cookie: await sessionCookieFor(user) },
  });
  const response = (await calendarRoute.loader({
    request,
    params: { trainingId },
    context: testContext(),
  })) as Response;
  expect(response.status).toBe(200);
  return parse(await response.text());
}

describe("a changed or cancelled training in the registrants' calendars", () => {
  it("sends those holding a place a REQUEST of the add-to-calendar entry on each change, then a CANCEL", async () => {
    const { coordinator, teacher, principal } = await setup();
    const training = await published(coordinator, stockholmInstant("2027-03-09", "13:00"), { capacity: 1 });
    expect(await registerFor(training, teacher, null)).toMatchObject({ ok: true, status: "registered" });
    expect(await registerFor(training, principal, null)).toMatchObject({ ok: true, status: "waitlisted" });
    const imported = await download(training.id, teacher);
    expect(imported).toMatchObject({ method: "PUBLISH", uid: training.uid, sequence: 0 });
    // Registering on the page sends nothing: the page offers the file.
    expect(await mailsTo(teacher.id)).toEqual([]);

    // A new time across the spring change (10:00 summer time is 08:00 UTC) and a new room.
    await updateTraining(
      coordinator,
      training,
      input(stockholmInstant("2027-03-30", "10:00"), { capacity: 1, place: "Stadshuset, sal 3" }),
      "one",
    );
    const [changed] = await mailsTo(teacher.id);
    expect(changed.subject).toBe("Ändrad utbildning: Anmälningsplikten i praktiken");
    expect(changed.textBody).toContain("den 30 mars 2027 10:00, Stadshuset, sal 3.");
    expect(changed.textBody).toContain(`/trainings/${training.id}`);
    expect(changed.toAddress).toBe(teacher.email);
    expect(changed.parsed).toEqual({
      method: "REQUEST",
      uid: imported.uid,
      sequence: 1,
      start: new Date("2027-03-30T08:00:00Z"),
      status: "CONFIRMED",
      summary: "Anmälningsplikten i praktiken",
      location: "Stadshuset, sal 3",
      attendees: [{ address: `mailto:${teacher.email}`, cn: teacher.name, rsvp: "FALSE" }],
    });
    // The file and the feed carry the same SEQUENCE, so an imported or subscribed entry is replaced, not doubled.
    expect(await download(training.id, teacher)).toMatchObject({ uid: training.uid, sequence: 1 });
    const feed = (await feedFor(await createFeedToken(teacher)))!.ics;
    expect(parse(feed)).toMatchObject({ uid: training.uid, sequence: 1 });

    await updateTraining(
      coordinator,
      await reload(training.id),
      input(stockholmInstant("2027-03-30", "10:00"), { capacity: 1, title: "Anmälningsplikten, del 2" }),
      "one",
    );
    await cancelTraining(coordinator, await reload(training.id), "one");

    const calendars = await calendarsTo(teacher.id);
    expect(calendars.map((c) => [c.method, c.uid, c.sequence, c.status])).toEqual([
      ["REQUEST", training.uid, 1, "CONFIRMED"],
      ["REQUEST", training.uid, 2, "CONFIRMED"],
      ["CANCEL", training.uid, 3, "CANCELLED"],
    ]);
    expect(calendars[1].summary).toBe("Anmälningsplikten, del 2");
    // One e-mail per change: the calendar e-mail is the notice, not a second message beside it.
    expect(await mailsTo(teacher.id)).toHaveLength(3);
    expect((await mailsTo(teacher.id))[2].subject).toBe("Inställd utbildning: Anmälningsplikten, del 2");
    expect(await download(training.id, teacher)).toMatchObject({ sequence: 3, status: "CANCELLED" });

    // The waitlist has no entry in anyone's calendar: only the notices that there is a message.
    const waiting = await mailsTo(principal.id);
    expect(waiting).toHaveLength(3);
    expect(waiting.every((m) => m.calendar === null)).toBe(true);
  });

  it("gives each occasion of a series its own UID when the rest of the series changes", async () => {
    const { coordinator, teacher, principal } = await setup();
    const first = stockholmInstant("2027-02-02", "14:00");
    const series = await createTraining(
      coordinator,
      input(first, { registrationDeadline: new Date(first.getTime() - 3 * DAY) }),
      "RRULE:FREQ=WEEKLY;COUNT=2",
    );
    await publishTraining(coordinator, series[0], "series");
    await registerFor(await reload(series[0].id), principal, null, new Date("2027-01-10T10:00:00Z"));
    await registerFor(await reload(series[1].id), teacher, null, new Date("2027-01-10T10:00:00Z"));
    await updateTraining(
      coordinator,
      await reload(series[0].id),
      input(stockholmInstant("2027-02-02", "09:00")),
      "series",
    );
    expect((await calendarsTo(principal.id)).map((c) => [c.method, c.uid, c.sequence, c.start])).toEqual([
      ["REQUEST", series[0].uid, 1, new Date("2027-02-02T08:00:00Z")],
    ]);
    expect((await calendarsTo(teacher.id)).map((c) => [c.method, c.uid, c.sequence, c.start])).toEqual([
      ["REQUEST", series[1].uid, 1, new Date("2027-02-09T08:00:00Z")],
    ]);
  });

  it("sends a REQUEST to one promoted from the waitlist, and a CANCEL with a higher SEQUENCE when they cancel", async () => {
    const { coordinator, teacher, principal } = await setup();
    const training = await published(coordinator, stockholmInstant("2027-04-06", "09:00"), { capacity: 1 });
    await registerFor(training, teacher, null);
    await registerFor(training, principal, null);

    // The teacher was never sent a calendar entry: cancelling sends them nothing.
    expect(await cancelRegistration(training, teacher)).toBe(true);
    expect(await mailsTo(teacher.id)).toEqual([]);

    const promoted = await mailsTo(principal.id);
    expect(promoted).toHaveLength(1);
    expect(promoted[0].subject).toBe("Du har fått en plats: Anmälningsplikten i praktiken");
    expect(promoted[0].parsed).toMatchObject({
      method: "REQUEST",
      uid: training.uid,
      sequence: 0,
      attendees: [{ address: `mailto:${principal.email}`, cn: principal.name, rsvp: "FALSE" }],
    });

    expect(await cancelRegistration(await reload(training.id), principal)).toBe(true);
    const calendars = await calendarsTo(principal.id);
    expect(calendars.map((c) => [c.method, c.uid, c.sequence])).toEqual([
      ["REQUEST", training.uid, 0],
      ["CANCEL", training.uid, 1],
    ]);
    expect(calendars[1].attendees).toEqual([
      { address: `mailto:${principal.email}`, cn: principal.name, rsvp: "FALSE" },
    ]);
    // Nothing sent later may carry a SEQUENCE at or below the CANCEL's: the file moves on with it.
    expect((await download(training.id, principal)).sequence).toBe(1);
  });

  it("sends a CANCEL to one who cancels a place after a change reached their calendar; the others stay", async () => {
    const { coordinator, teacher, principal } = await setup();
    const training = await published(coordinator, stockholmInstant("2027-05-04", "13:00"));
    await registerFor(training, teacher, null);
    await registerFor(training, principal, null);
    await updateTraining(coordinator, training, input(stockholmInstant("2027-05-04", "14:00")), "one");
    expect(await cancelRegistration(await reload(training.id), teacher)).toBe(true);
    await updateTraining(coordinator, await reload(training.id), input(stockholmInstant("2027-05-04", "15:00")), "one");

    const teachers = await calendarsTo(teacher.id);
    expect(teachers.map((c) => [c.method, c.uid, c.sequence])).toEqual([
      ["REQUEST", training.uid, 1],
      ["CANCEL", training.uid, 2],
    ]);
    expect((await mailsTo(teacher.id)).map((m) => m.subject)).toEqual([
      "Ändrad utbildning: Anmälningsplikten i praktiken",
      "Avbokad utbildning: Anmälningsplikten i praktiken",
    ]);
    expect((await calendarsTo(principal.id)).map((c) => [c.method, c.uid, c.sequence])).toEqual([
      ["REQUEST", training.uid, 1],
      ["REQUEST", training.uid, 3],
    ]);
  });

  it("sends the REQUEST to staff a principal registers with a place; on the waitlist only the notice", async () => {
    const { coordinator, teacher, principal, staff } = await setup();
    const training = await published(coordinator, stockholmInstant("2027-06-01", "09:00"), { capacity: 1 });
    const second = await staff();
    await registerFor(training, teacher, principal);
    await registerFor(training, second, principal);

    const [registered] = await mailsTo(teacher.id);
    expect(registered.subject).toBe("Din rektor har registrerat dig: Anmälningsplikten i praktiken");
    expect(registered.parsed).toMatchObject({ method: "REQUEST", uid: training.uid, sequence: 0 });
    expect(registered.parsed?.attendees).toEqual([
      { address: `mailto:${teacher.email}`, cn: teacher.name, rsvp: "FALSE" },
    ]);
    const waiting = await mailsTo(second.id);
    expect(waiting).toHaveLength(1);
    expect(waiting[0].calendar).toBeNull();
    // Nothing went to the principal who registered them.
    expect(await mailsTo(principal.id)).toEqual([]);
  });
});
