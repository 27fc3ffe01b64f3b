import { and, eq, isNotNull } from "drizzle-orm";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { meetingInvitations, meetings, messages, outboxEmails, reports } from "#db/schema";
import { stockholmInstant } from "~/domain/deadlines";
import {
  acceptProposal,
  answerInvitation,
  cancelMeeting,
  createMeeting,
  invitationFor,
  inviteeOptions,
  listInvitations,
  recordHeld,
  recordNoMeeting,
  rescheduleMeeting,
  sendDueReminders,
  upcomingMeetings,
} from "~/models/meeting.server";
import { getCurrentUser } from "~/models/user.server";
import { setServedUnit } from "~/models/unit.server";
import * as calendarRoute from "~/routes/invitations.$invitationId.calendar[.ics]";
import { createReport, createUnit, createUser, createWorld, sessionCookieFor, testContext } from "../factories";

async function setup() {
  const world = await createWorld();
  const colleague = await createUser({
    municipalityId: world.municipality.id,
    unitId: world.unit.school.id,
    role: "staff",
  });
  const created = await createReport(world.user.staff, world.unit.school.id, { childName: "Hemlig Elevsson" });
  const [report] = await getDb().select().from(reports).where(eq(reports.id, created.id));
  const worker = (await getCurrentUser(world.user.reception_worker.id, world.municipality.id))!;
  const teacher = (await getCurrentUser(world.user.staff.id, world.municipality.id))!;
  const other = (await getCurrentUser(colleague.id, world.municipality.id))!;
  return { world, report, worker, teacher, colleague: other };
}

/** The calendar attachment of an outbox row, parsed by a real iCalendar parser. */
function calendarOf(row: { calendar: string | null }) {
  const component = new ICAL.Component(ICAL.parse(row.calendar!));
  // The file defines the zone its times refer to; the parser resolves them through it, not the test machine's zone.
  for (const zone of component.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  const event = component.getFirstSubcomponent("vevent")!;
  return {
    method: component.getFirstPropertyValue("method"),
    uid: event.getFirstPropertyValue("uid"),
    sequence: Number(event.getFirstPropertyValue("sequence")),
    start: (event.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate(),
    status: event.getFirstPropertyValue("status"),
  };
}

/** The meeting e-mails (those with a calendar file) to one user, oldest first. */
async function emailsTo(userId: string) {
  return getDb()
    .select()
    .from(outboxEmails)
    .where(and(eq(outboxEmails.recipientId, userId), isNotNull(outboxEmails.calendar)))
    .orderBy(outboxEmails.createdAt);
}

describe("report meetings", () => {
  it("offers the one with the concern, the unit's principals and the student health team that serves the unit", async () => {
    const { world, report, teacher } = await setup();
    const m = world.municipality.id;
    const team = await createUnit(m, "student_health");
    const otherTeam = await createUnit(m, "student_health");
    const counsellor = await createUser({ municipalityId: m, unitId: team.id, role: "staff" });
    await createUser({ municipalityId: m, unitId: otherTeam.id, role: "staff" });
    expect(await setServedUnit({ municipalityId: m, unitId: team.id, servedUnitId: world.unit.school.id })).toBe(true);
    expect(
      await setServedUnit({ municipalityId: m, unitId: otherTeam.id, servedUnitId: world.unit.preschool.id }),
    ).toBe(true);
    // Only a team can serve, and only a school or preschool can be served.
    expect(await setServedUnit({ municipalityId: m, unitId: team.id, servedUnitId: world.unit.reception.id })).toBe(
      false,
    );
    expect(
      await setServedUnit({ municipalityId: m, unitId: world.unit.reception.id, servedUnitId: world.unit.school.id }),
    ).toBe(false);

    const options = await inviteeOptions(report);
    expect(options.map(({ id, role }) => ({ id, role }))).toEqual([
      { id: teacher.id, role: "concern" },
      { id: world.user.principal.id, role: "principal" },
      { id: counsellor.id, role: "student_health" },
    ]);
    expect(options[2].name).toBe(counsellor.name);

    // A report from outside the school (here the police) is one the school must not learn of: neither its principal
    // nor its student health team is offered (found by tests/integration/visibility-lists-property.test.ts).
    await getDb().update(reports).set({ channel: "police" }).where(eq(reports.id, report.id));
    expect((await inviteeOptions(report)).map(({ id, role }) => ({ id, role }))).toEqual([
      { id: teacher.id, role: "concern" },
    ]);
  });

  it("invites the one who had the concern with an inbox message and an e-mail whose calendar file is right across DST", async () => {
    const { report, worker, teacher } = await setup();
    // 30 March 2026, 10:00 in Stockholm: the first Monday of summer time.
    const startsAt = stockholmInstant("2026-03-30", "10:00");
    const meeting = (await createMeeting(
      worker,
      report,
      {
        startsAt,
        durationMinutes: 60,
        form: "in_person",
        place: "Mottagningen, rum 3",
        otherParticipants: "Vårdnadshavare, tolk (arabiska)",
      },
      [teacher.id],
    ))!;
    expect(startsAt.toISOString()).toBe("2026-03-30T08:00:00.000Z");

    const [mail] = await emailsTo(teacher.id);
    expect(mail.subject).toBe(`Inbjudan till anmälningsmöte: ${report.reference}`);
    expect(mail.textBody).toContain("Mottagningen, rum 3");
    expect(mail.textBody).not.toContain("Hemlig");
    expect(mail.textBody).not.toContain("tolk");
    expect(calendarOf(mail)).toEqual({
      method: "REQUEST",
      uid: meeting.uid,
      sequence: 0,
      start: startsAt,
      status: "CONFIRMED",
    });
    expect(mail.calendar).not.toContain("Hemlig");
    // Stockholm wall-clock time with its zone: 10:00 on the first Monday of summer time is 08:00 UTC.
    expect(mail.calendar).toContain("DTSTART;TZID=Europe/Stockholm:20260330T100000");
    expect(mail.calendar).toContain("TZID:Europe/Stockholm");
    const [message] = await getDb()
      .select()
      .from(messages)
      .where(and(eq(messages.recipientId, teacher.id), eq(messages.kind, "invitation")));
    expect(message.link).toMatch(/^\/invitations\/[0-9a-f-]{36}$/);
  });

  it("updates the calendar entry in place on a new time and removes it on cancellation", async () => {
    const { report, worker, teacher } = await setup();
    const meeting = (await createMeeting(
      worker,
      report,
      {
        startsAt: stockholmInstant("2026-10-20", "09:00"),
        durationMinutes: 45,
        form: "video",
        place: "",
        otherParticipants: "",
      },
      [teacher.id],
    ))!;
    const [invitation] = await getDb()
      .select()
      .from(meetingInvitations)
      .where(eq(meetingInvitations.meetingId, meeting.id));
    await answerInvitation(teacher, invitation.id, { answer: "accepted" });

    // Across the autumn change: 26 October 09:00 is winter time again.
    const moved = await rescheduleMeeting(worker, meeting, {
      startsAt: stockholmInstant("2026-10-26", "09:00"),
      durationMinutes: 45,
      place: "",
    });
    expect(moved?.sequence).toBe(1);
    const [, second] = await emailsTo(teacher.id);
    expect(calendarOf(second)).toMatchObject({
      method: "REQUEST",
      uid: meeting.uid,
      sequence: 1,
      start: new Date("2026-10-26T08:00:00Z"),
    });
    const [reset] = await getDb().select().from(meetingInvitations).where(eq(meetingInvitations.id, invitation.id));
    expect(reset.answer).toBe("pending");
    // A second reschedule from the stale copy changes nothing (the sequence moved on).
    expect(
      await rescheduleMeeting(worker, meeting, { startsAt: new Date(), durationMinutes: 45, place: "" }),
    ).toBeNull();

    const cancelled = await cancelMeeting(worker, moved!);
    expect(cancelled?.sequence).toBe(2);
    const third = (await emailsTo(teacher.id))[2];
    expect(calendarOf(third)).toMatchObject({ method: "CANCEL", uid: meeting.uid, sequence: 2, status: "CANCELLED" });
    expect(await cancelMeeting(worker, moved!)).toBeNull();
    expect(await answerInvitation(teacher, invitation.id, { answer: "accepted" })).toBeNull();
  });

  it("takes the invitee's answers, and a handed-over invitation is the colleague's own", async () => {
    const { world, report, worker, teacher, colleague } = await setup();
    const meeting = (await createMeeting(
      worker,
      report,
      {
        startsAt: stockholmInstant("2026-12-02", "13:00"),
        durationMinutes: 60,
        form: "phone",
        place: "",
        otherParticipants: "",
      },
      [teacher.id],
    ))!;
    const [invitation] = await getDb()
      .select()
      .from(meetingInvitations)
      .where(eq(meetingInvitations.meetingId, meeting.id));

    await answerInvitation(teacher, invitation.id, { answer: "declined", reason: "Sjuk den dagen" });
    let [row] = await getDb().select().from(meetingInvitations).where(eq(meetingInvitations.id, invitation.id));
    expect(row).toMatchObject({ answer: "declined", declineReason: "Sjuk den dagen" });
    const proposed = stockholmInstant("2026-12-03", "13:00");
    await answerInvitation(teacher, invitation.id, { answer: "proposed", proposedStartsAt: proposed });
    [row] = await getDb().select().from(meetingInvitations).where(eq(meetingInvitations.id, invitation.id));
    expect(row).toMatchObject({ answer: "proposed", declineReason: null, proposedStartsAt: proposed });

    await answerInvitation(teacher, invitation.id, { answer: "handed_over", colleagueId: colleague.id });
    const theirs = await listInvitations(colleague);
    expect(theirs).toHaveLength(1);
    expect(await invitationFor(colleague, theirs[0].id)).not.toBeNull();
    // The colleague does not get the original, and nobody else gets either.
    expect(await invitationFor(colleague, invitation.id)).toBeNull();
    const principal = (await getCurrentUser(world.user.principal.id, world.municipality.id))!;
    expect(await invitationFor(principal, theirs[0].id)).toBeNull();
    expect(await listInvitations(principal)).toEqual([]);
    // A handed-over invitation cannot be answered again.
    expect(await answerInvitation(teacher, invitation.id, { answer: "accepted" })).toBeNull();
    expect((await emailsTo(colleague.id)).map((e) => calendarOf(e).method)).toEqual(["REQUEST"]);
  });

  it("gives the invitee the same calendar entry to download, and a removal once cancelled", async () => {
    const { report, worker, teacher } = await setup();
    const meeting = (await createMeeting(
      worker,
      report,
      {
        startsAt: stockholmInstant("2027-02-02", "09:00"),
        durationMinutes: 45,
        form: "phone",
        place: "",
        otherParticipants: "",
      },
      [teacher.id],
    ))!;
    const [invitation] = await getDb()
      .select()
      .from(meetingInvitations)
      .where(eq(meetingInvitations.meetingId, meeting.id));
    const download = async () => {
      const request = new Request(`http://localhost/invitations/${invitation.id}/calendar.ics`, {
        headers: { Cookie: await sessionCookieFor(teacher) },
      });
      const response = (await calendarRoute.loader({
        request,
        params: { invitationId: invitation.id },
        context: testContext(),
      })) as Response;
      expect(response.headers.get("Content-Type")).toMatch(/^text\/calendar/);
      return calendarOf({ calendar: await response.text() });
    };
    expect(await download()).toEqual({
      method: "REQUEST",
      uid: meeting.uid,
      sequence: 0,
      start: meeting.startsAt,
      status: "CONFIRMED",
    });
    await cancelMeeting(worker, meeting);
    expect(await download()).toMatchObject({ method: "CANCEL", uid: meeting.uid, sequence: 1, status: "CANCELLED" });
  });

  it("moves the meeting to a proposed time when reception accepts it", async () => {
    const { report, worker, teacher } = await setup();
    const meeting = (await createMeeting(
      worker,
      report,
      {
        startsAt: stockholmInstant("2026-12-10", "09:00"),
        durationMinutes: 30,
        form: "phone",
        place: "",
        otherParticipants: "",
      },
      [teacher.id],
    ))!;
    const [invitation] = await getDb()
      .select()
      .from(meetingInvitations)
      .where(eq(meetingInvitations.meetingId, meeting.id));
    const proposed = stockholmInstant("2026-12-11", "14:30");
    await answerInvitation(teacher, invitation.id, { answer: "proposed", proposedStartsAt: proposed });
    const moved = await acceptProposal(worker, meeting, invitation.id);
    expect(moved).toMatchObject({ startsAt: proposed, sequence: 1 });
    const [after] = await getDb().select().from(meetingInvitations).where(eq(meetingInvitations.id, invitation.id));
    expect(after.answer).toBe("accepted");
    expect(calendarOf((await emailsTo(teacher.id))[1])).toMatchObject({ sequence: 1, start: proposed });
  });

  it("records that it was held and who came, once", async () => {
    const { report, worker, teacher } = await setup();
    const meeting = (await createMeeting(
      worker,
      report,
      {
        startsAt: new Date(Date.now() - 3_600_000),
        durationMinutes: 30,
        form: "in_person",
        place: "Rum 1",
        otherParticipants: "",
      },
      [teacher.id],
    ))!;
    const [invitation] = await getDb()
      .select()
      .from(meetingInvitations)
      .where(eq(meetingInvitations.meetingId, meeting.id));
    expect(await recordHeld(worker, meeting, [invitation.id])).toMatchObject({ status: "held" });
    expect(await recordHeld(worker, meeting, [])).toBeNull();
    const [after] = await getDb().select().from(meetingInvitations).where(eq(meetingInvitations.id, invitation.id));
    expect(after.attended).toBe(true);
  });

  it("reminds the invitees the day before, once, and not those who declined", async () => {
    const { report, worker, teacher, colleague } = await setup();
    const now = stockholmInstant("2026-11-24", "12:00");
    const tomorrow = (await createMeeting(
      worker,
      report,
      {
        startsAt: stockholmInstant("2026-11-25", "08:30"),
        durationMinutes: 30,
        form: "video",
        place: "",
        otherParticipants: "",
      },
      [teacher.id, colleague.id],
    ))!;
    (await createMeeting(
      worker,
      report,
      {
        startsAt: stockholmInstant("2026-11-26", "08:30"),
        durationMinutes: 30,
        form: "video",
        place: "",
        otherParticipants: "",
      },
      [teacher.id],
    ))!;
    const [colleagueInvitation] = await getDb()
      .select()
      .from(meetingInvitations)
      .where(and(eq(meetingInvitations.meetingId, tomorrow.id), eq(meetingInvitations.inviteeId, colleague.id)));
    await answerInvitation(colleague, colleagueInvitation.id, { answer: "declined", reason: "Ledig" });

    // Both were invited days ahead of the clock this test keeps.
    await getDb()
      .update(meetings)
      .set({ updatedAt: stockholmInstant("2026-11-20", "09:00") })
      .where(eq(meetings.reportId, report.id));
    await sendDueReminders(now);
    await sendDueReminders(now);
    const reminders = async (userId: string) =>
      (await emailsTo(userId)).filter((e) => e.subject.startsWith("Påminnelse"));
    expect(await reminders(teacher.id)).toHaveLength(1);
    expect(await reminders(colleague.id)).toHaveLength(0);

    // Moved to another day: answers start over and a new reminder is due the day before the new date.
    const [current] = await getDb().select().from(meetings).where(eq(meetings.id, tomorrow.id));
    await rescheduleMeeting(worker, current, {
      startsAt: stockholmInstant("2026-11-27", "08:30"),
      durationMinutes: 30,
      place: "",
    });
    await getDb()
      .update(meetings)
      .set({ updatedAt: stockholmInstant("2026-11-24", "13:00") })
      .where(eq(meetings.id, tomorrow.id));
    await sendDueReminders(stockholmInstant("2026-11-26", "12:00"));
    expect(await reminders(teacher.id)).toHaveLength(2);
    expect(await reminders(colleague.id)).toHaveLength(1);
  });

  it("sends no day-before reminder for a meeting invited less than a day ahead", async () => {
    const { report, worker, teacher } = await setup();
    const soon = (await createMeeting(
      worker,
      report,
      {
        startsAt: stockholmInstant("2026-11-25", "08:30"),
        durationMinutes: 30,
        form: "video",
        place: "",
        otherParticipants: "",
      },
      [teacher.id],
    ))!;
    // Invited in the evening before: the invitation is the reminder.
    await getDb()
      .update(meetings)
      .set({ updatedAt: stockholmInstant("2026-11-24", "18:00") })
      .where(eq(meetings.id, soon.id));
    expect(await sendDueReminders(stockholmInstant("2026-11-24", "19:00"))).toBe(0);
    const reminders = (await emailsTo(teacher.id)).filter((e) => e.subject.startsWith("Påminnelse"));
    expect(reminders).toHaveLength(0);
  });

  it("lists a worker's meetings for a period", async () => {
    const { report, worker, teacher } = await setup();
    const inWeek = (await createMeeting(
      worker,
      report,
      {
        startsAt: stockholmInstant("2027-01-12", "10:00"),
        durationMinutes: 30,
        form: "video",
        place: "",
        otherParticipants: "",
      },
      [teacher.id],
    ))!;
    (await createMeeting(
      worker,
      report,
      {
        startsAt: stockholmInstant("2027-01-20", "10:00"),
        durationMinutes: 30,
        form: "video",
        place: "",
        otherParticipants: "",
      },
      [teacher.id],
    ))!;
    const rows = await upcomingMeetings(worker, stockholmInstant("2027-01-11"), stockholmInstant("2027-01-18"));
    expect(rows.map((r) => r.meeting.id)).toEqual([inWeek.id]);
    expect(rows[0].reference).toBe(report.reference);
  });

  it("records why no meeting was offered", async () => {
    const { report, worker } = await setup();
    await recordNoMeeting(worker, report.id, "violence_suspected", "Misstanke om våld i hemmet.");
    const [row] = await getDb().select().from(reports).where(eq(reports.id, report.id));
    expect(row).toMatchObject({ noMeetingReason: "violence_suspected", noMeetingNote: "Misstanke om våld i hemmet." });
  });
});
