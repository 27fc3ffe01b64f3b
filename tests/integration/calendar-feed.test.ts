import { createHash } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, calendarFeeds, users } from "#db/schema";
import { stockholmInstant } from "~/domain/deadlines";
import { env } from "~/lib/env.server";
import { createFeedToken, feedFor, hasFeed, myTrainings, revokeFeed } from "~/models/calendar-feed.server";
import {
  cancelRegistration,
  cancelTraining,
  createTraining,
  publishTraining,
  recordAttendance,
  registerFor,
  updateTraining,
  type TrainingInput,
} from "~/models/training.server";
import { getCurrentUser } from "~/models/user.server";
import * as feedRoute from "~/routes/calendar.$token[.ics]";
import * as mineRoute from "~/routes/trainings.mine";
import { createUser, createWorld, sessionCookieFor, testContext } from "../factories";
import { callRoute } from "../routes";

async function setup() {
  const world = await createWorld();
  const m = world.municipality.id;
  const coordinator = (await getCurrentUser(world.user.coordinator.id, m))!;
  const teacher = (await getCurrentUser(world.user.staff.id, m))!;
  const principal = (await getCurrentUser(world.user.principal.id, m))!;
  return { world, coordinator, teacher, principal };
}

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

/** A published training, one occasion. */
async function published(
  coordinator: Awaited<ReturnType<typeof setup>>["coordinator"],
  startsAt: Date,
  overrides: Partial<TrainingInput> = {},
) {
  const [training] = await createTraining(coordinator, input(startsAt, overrides));
  await publishTraining(coordinator, training, "one");
  return { ...training, status: "published" as const };
}

/** The feed's events, read by a real iCalendar parser through the zone the file defines. */
function eventsOf(ics: string) {
  const component = new ICAL.Component(ICAL.parse(ics));
  for (const zone of component.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  return {
    method: component.getFirstPropertyValue("method"),
    name: component.getFirstPropertyValue("x-wr-calname"),
    events: component.getAllSubcomponents("vevent").map((event) => ({
      uid: event.getFirstPropertyValue("uid"),
      sequence: Number(event.getFirstPropertyValue("sequence")),
      start: (event.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate(),
      status: event.getFirstPropertyValue("status"),
      summary: event.getFirstPropertyValue("summary"),
    })),
  };
}

async function feedOf(token: string) {
  const feed = await feedFor(token);
  return feed ? eventsOf(feed.ics) : null;
}

/** The public route, called the way Remix calls it; a thrown Response is the answer too. */
async function getFeed(token: string) {
  try {
    return (await feedRoute.loader({
      request: new Request(`http://localhost/calendar/${token}.ics`),
      params: { token },
      context: testContext(),
    })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("personal calendar feed", () => {
  it("lists exactly the person's places, at the right Stockholm instant in summer and in winter time", async () => {
    const { coordinator, teacher, principal } = await setup();
    // 15 June 2027 14:00 is summer time (UTC+2); 19 January 2027 09:30 is winter time (UTC+1).
    const summer = await published(coordinator, stockholmInstant("2027-06-15", "14:00"), { title: "Sommarutbildning" });
    const winter = await published(coordinator, stockholmInstant("2027-01-19", "09:30"), { title: "Vinterutbildning" });
    const notMine = await published(coordinator, stockholmInstant("2027-02-02", "13:00"), { title: "Någon annans" });
    expect(await registerFor(summer, teacher, null)).toMatchObject({ ok: true, status: "registered" });
    expect(await registerFor(winter, teacher, null)).toMatchObject({ ok: true, status: "registered" });
    expect(await registerFor(notMine, principal, null)).toMatchObject({ ok: true, status: "registered" });

    const token = await createFeedToken(teacher);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const feed = await feedOf(token);
    expect(feed?.name).toBe("Mina utbildningar (Tillsammans)");
    expect(feed?.events).toEqual([
      {
        uid: winter.uid,
        sequence: 0,
        start: new Date("2027-01-19T08:30:00Z"),
        status: "CONFIRMED",
        summary: "Vinterutbildning",
      },
      {
        uid: summer.uid,
        sequence: 0,
        start: new Date("2027-06-15T12:00:00Z"),
        status: "CONFIRMED",
        summary: "Sommarutbildning",
      },
    ]);
    const raw = (await feedFor(token))!.ics;
    expect(raw).toContain("DTSTART;TZID=Europe/Stockholm:20270615T140000");
    expect(raw).toContain("DTSTART;TZID=Europe/Stockholm:20270119T093000");
    expect(raw).not.toContain("Någon annans");
  });

  it(
    "follows changes: a new time raises SEQUENCE, a cancelled training is CANCELLED, " +
      "the person's own cancellation removes it",
    async () => {
      const { coordinator, teacher } = await setup();
      const moved = await published(coordinator, stockholmInstant("2027-03-09", "13:00"), { title: "Flyttas" });
      const called = await published(coordinator, stockholmInstant("2027-03-10", "13:00"), { title: "Ställs in" });
      const dropped = await published(coordinator, stockholmInstant("2027-03-11", "13:00"), { title: "Avbokas" });
      for (const t of [moved, called, dropped])
        expect(await registerFor(t, teacher, null)).toMatchObject({ ok: true, status: "registered" });
      const token = await createFeedToken(teacher);
      expect((await feedOf(token))?.events.map((e) => e.uid)).toEqual([moved.uid, called.uid, dropped.uid]);

      // Across the spring change: 30 March 2027 10:00 is summer time.
      await updateTraining(
        coordinator,
        moved,
        input(stockholmInstant("2027-03-30", "10:00"), { title: "Flyttas" }),
        "one",
      );
      await cancelTraining(coordinator, called, "one");
      expect(await cancelRegistration(dropped, teacher)).toBe(true);

      const events = (await feedOf(token))!.events;
      expect(events).toHaveLength(2);
      expect(events.find((e) => e.uid === moved.uid)).toMatchObject({
        sequence: 1,
        start: new Date("2027-03-30T08:00:00Z"),
        status: "CONFIRMED",
      });
      expect(events.find((e) => e.uid === called.uid)).toMatchObject({ sequence: 1, status: "CANCELLED" });
      expect(events.some((e) => e.uid === dropped.uid)).toBe(false);
    },
  );

  it("leaves out the waitlist, drafts and trainings more than 30 days old, and keeps recent ones", async () => {
    const { world, coordinator, teacher, principal } = await setup();
    const full = await published(coordinator, stockholmInstant("2027-04-06", "15:00"), { capacity: 1 });
    expect(await registerFor(full, principal, null)).toMatchObject({ ok: true, status: "registered" });
    expect(await registerFor(full, teacher, null)).toMatchObject({ ok: true, status: "waitlisted" });
    await createTraining(coordinator, input(stockholmInstant("2027-04-07", "15:00"))); // a draft: nobody can register
    // Registered in the past (when registration was open), for trainings 10 and 40 days ago.
    const recent = await published(coordinator, new Date(Date.now() - 10 * DAY), { title: "Nyligen" });
    const old = await published(coordinator, new Date(Date.now() - 40 * DAY), { title: "Länge sedan" });
    expect(await registerFor(recent, teacher, null, new Date(Date.now() - 20 * DAY))).toMatchObject({
      ok: true,
      status: "registered",
    });
    expect(await registerFor(old, teacher, null, new Date(Date.now() - 50 * DAY))).toMatchObject({
      ok: true,
      status: "registered",
    });

    const token = await createFeedToken(teacher);
    expect((await feedOf(token))?.events.map((e) => e.uid)).toEqual([recent.uid]);

    // Promoted from the waitlist: now it is in.
    expect(await cancelRegistration(full, principal)).toBe(true);
    expect((await feedOf(token))?.events.map((e) => e.uid)).toEqual([recent.uid, full.uid]);

    // An owner who is no longer active has no feed.
    await getDb().update(users).set({ active: false }).where(eq(users.id, world.user.staff.id));
    expect(await feedFor(token)).toBeNull();
  });

  it("serves an empty but valid calendar when there is nothing to show", async () => {
    const { teacher } = await setup();
    const token = await createFeedToken(teacher);
    const feed = await feedOf(token);
    expect(feed?.events).toEqual([]);
  });

  it("stores only the token's hash; a new token or revocation makes the old link 404", async () => {
    const { coordinator, teacher } = await setup();
    const training = await published(coordinator, stockholmInstant("2027-05-04", "09:00"));
    await registerFor(training, teacher, null);

    const first = await createFeedToken(teacher);
    const [row] = await getDb().select().from(calendarFeeds).where(eq(calendarFeeds.userId, teacher.id));
    expect(row.tokenHash).toBe(createHash("sha256").update(first).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(first);
    expect(await hasFeed(teacher)).not.toBeNull();

    const ok = await getFeed(first);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(ok.headers.get("Cache-Control")).toBe("private, max-age=300");
    expect(eventsOf(await ok.text()).events.map((e) => e.uid)).toEqual([training.uid]);
    const reads = await getDb()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.recordType, "calendar_feed"),
          eq(auditEvents.userId, teacher.id),
          eq(auditEvents.action, "read"),
        ),
      );
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      action: "read",
      userId: teacher.id,
      municipalityId: teacher.municipalityId,
      recordId: teacher.id,
    });
    expect(JSON.stringify(reads)).not.toContain(first);

    const second = await createFeedToken(teacher);
    expect(second).not.toBe(first);
    expect((await getFeed(first)).status).toBe(404);
    expect((await getFeed(second)).status).toBe(200);
    expect(await getDb().select().from(calendarFeeds).where(eq(calendarFeeds.userId, teacher.id))).toHaveLength(1);

    expect(await revokeFeed(teacher)).toBe(true);
    expect((await getFeed(second)).status).toBe(404);
    expect(await hasFeed(teacher)).toBeNull();
    expect(await revokeFeed(teacher)).toBe(false);
  });

  it("answers 404 to garbage, and to a well-formed token nobody has", async () => {
    await setup();
    for (const token of [
      "",
      "garbage",
      "x".repeat(43),
      "a".repeat(500),
      "../../etc/passwd",
      "%00",
      `${"A".repeat(42)}=`,
    ]) {
      expect((await getFeed(token)).status, token).toBe(404);
    }
  });
});

describe("my trainings", () => {
  it("shows places and waitlist positions in order, and attended trainings", async () => {
    const { world, coordinator, teacher, principal } = await setup();
    const m = world.municipality.id;
    const colleague = (await getCurrentUser(
      (
        await createUser({ municipalityId: m, unitId: world.unit.school.id, role: "staff" })
      ).id,
      m,
    ))!;
    const full = await published(coordinator, stockholmInstant("2027-02-16", "13:00"), {
      capacity: 1,
      title: "Fullbokad",
    });
    const open = await published(coordinator, stockholmInstant("2027-02-23", "13:00"), { title: "Ledig" });
    expect(await registerFor(full, principal, null)).toMatchObject({ status: "registered" });
    expect(await registerFor(full, teacher, null)).toMatchObject({ status: "waitlisted" });
    expect(await registerFor(full, colleague, null)).toMatchObject({ status: "waitlisted" });
    expect(await registerFor(open, teacher, null)).toMatchObject({ status: "registered" });
    const past = await published(coordinator, new Date(Date.now() - 5 * DAY), { title: "Genomförd" });
    await registerFor(past, teacher, null, new Date(Date.now() - 10 * DAY));
    await recordAttendance(coordinator, past, "all");

    const mine = await myTrainings(teacher);
    expect(mine.upcoming.map((r) => [r.title, r.registrationStatus, r.waitlistPosition])).toEqual([
      ["Fullbokad", "waitlisted", 1],
      ["Ledig", "registered", null],
    ]);
    expect(mine.attended.map((r) => r.title)).toEqual(["Genomförd"]);
    expect((await myTrainings(colleague)).upcoming.map((r) => r.waitlistPosition)).toEqual([2]);

    // The teacher steps off the waitlist: the colleague moves up.
    expect(await cancelRegistration(full, teacher)).toBe(true);
    expect((await myTrainings(colleague)).upcoming.map((r) => r.waitlistPosition)).toEqual([1]);
    expect((await myTrainings(teacher)).upcoming.map((r) => r.title)).toEqual(["Ledig"]);

    // A cancelled training stays in the list, marked by its status.
    await cancelTraining(coordinator, open, "one");
    expect((await myTrainings(teacher)).upcoming.map((r) => [r.title, r.trainingStatus])).toEqual([
      ["Ledig", "cancelled"],
    ]);
  });

  it("creates the link once in the action's answer, never in a redirect, and stops it", async () => {
    const { world, teacher } = await setup();
    const cookie = await sessionCookieFor(world.user.staff);
    const page = await callRoute(mineRoute.loader, { path: "/trainings/mine", cookie });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ feedCreatedAt: null });

    const created = await callRoute(mineRoute.action, {
      path: "/trainings/mine",
      cookie,
      method: "POST",
      form: { intent: "create" },
    });
    expect(created).toMatchObject({ status: 200, location: null });
    const url = (created.data as { feedUrl: string }).feedUrl;
    expect(url.startsWith(`${env().publicUrl}/calendar/`)).toBe(true);
    const token = url.match(/\/calendar\/([A-Za-z0-9_-]{43})\.ics$/)![1];
    expect((await getFeed(token)).status).toBe(200);
    expect((await callRoute(mineRoute.loader, { path: "/trainings/mine", cookie })).data).toMatchObject({
      feedCreatedAt: expect.any(String),
    });

    const stopped = await callRoute(mineRoute.action, {
      path: "/trainings/mine",
      cookie,
      method: "POST",
      form: { intent: "revoke" },
    });
    expect(stopped).toMatchObject({ status: 200, location: null, data: { feedUrl: null, revoked: true } });
    expect((await getFeed(token)).status).toBe(404);

    const changes = await getDb()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.userId, teacher.id))
      .orderBy(asc(auditEvents.id));
    const feedChanges = changes.filter((e) => e.recordType === "calendar_feed" && e.action === "update");
    expect(feedChanges.map((e) => e.details)).toEqual([{ feed: "created" }, { feed: "revoked" }]);
    expect(JSON.stringify(changes)).not.toContain(token);

    expect(
      (
        await callRoute(mineRoute.action, {
          path: "/trainings/mine",
          cookie,
          method: "POST",
          form: { intent: "other" },
        })
      ).status,
    ).toBe(400);
    // Coordinators run trainings but take none: no page, no link.
    const coordinatorCookie = await sessionCookieFor(world.user.coordinator);
    expect((await callRoute(mineRoute.loader, { path: "/trainings/mine", cookie: coordinatorCookie })).status).toBe(
      403,
    );
    expect(
      (
        await callRoute(mineRoute.action, {
          path: "/trainings/mine",
          cookie: coordinatorCookie,
          method: "POST",
          form: { intent: "create" },
        })
      ).status,
    ).toBe(403);
    expect((await callRoute(mineRoute.loader, { path: "/trainings/mine" })).status).toBe(302);
  });
});
