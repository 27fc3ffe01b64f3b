import { and, eq, isNotNull } from "drizzle-orm";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { meetingInvitations, meetings, outboxEmails } from "#db/schema";
import { answerInvitation, createMeeting, handOverCandidates } from "~/models/meeting.server";
import { caseView, readReport } from "~/models/report.server";
import { getCurrentUser } from "~/models/user.server";
import { createReport, createUser, createWorld } from "../factories";

/** Issue 19, hand-over: only to someone not yet invited, and one answer wins when two arrive at once. */

async function setup() {
  const world = await createWorld();
  const m = world.municipality.id;
  const current = async (id: string) => {
    const user = await getCurrentUser(id, m);
    if (!user) throw new Error("no user");
    return user;
  };
  const [worker, teacher, principal] = await Promise.all([
    current(world.user.reception_worker.id),
    current(world.user.staff.id),
    current(world.user.principal.id),
  ]);
  const colleagues = await Promise.all(
    ["Kollega Ett", "Kollega Två"].map(async (name) =>
      current((await createUser({ municipalityId: m, unitId: world.unit.school.id, role: "staff", name })).id),
    ),
  );
  const created = await createReport(teacher, world.unit.school.id);
  const report = await readReport(worker, created.id);
  if (!report) throw new Error("no report");
  const meeting = await createMeeting(
    worker,
    report,
    {
      startsAt: new Date(Date.now() + 7 * 86_400_000),
      durationMinutes: 60,
      form: "in_person",
      place: "",
      otherParticipants: "",
    },
    [teacher.id, principal.id],
  );
  if (!meeting) throw new Error("no meeting");
  const invitationOf = async (inviteeId: string) => {
    const [row] = await getDb()
      .select()
      .from(meetingInvitations)
      .where(and(eq(meetingInvitations.meetingId, meeting.id), eq(meetingInvitations.inviteeId, inviteeId)));
    return row;
  };
  return { world, teacher, principal, colleagues, meeting, invitationOf };
}

describe("handing an invitation over", () => {
  it("offers only colleagues who are not invited already, and refuses one who is", async () => {
    const { world, teacher, principal, colleagues, meeting, invitationOf } = await setup();
    const offered = await handOverCandidates(principal, world.unit.school.id, meeting.id);
    expect(offered.map((c) => c.id).sort()).toEqual(colleagues.map((c) => c.id).sort());
    const mine = await invitationOf(principal.id);
    expect(await answerInvitation(principal, mine.id, { answer: "handed_over", colleagueId: teacher.id })).toBeNull();
    // Nothing changed: the principal is still invited, the teacher has still one invitation.
    expect((await invitationOf(principal.id)).answer).toBe("pending");
    const teachers = await getDb()
      .select()
      .from(meetingInvitations)
      .where(and(eq(meetingInvitations.meetingId, meeting.id), eq(meetingInvitations.inviteeId, teacher.id)));
    expect(teachers).toHaveLength(1);
  });
});

describe("the one who handed over", () => {
  it("gets a CANCEL of the same calendar entry at once, with a SEQUENCE above the REQUEST it cancels", async () => {
    const { principal, colleagues, meeting, invitationOf } = await setup();
    const mine = await invitationOf(principal.id);
    expect(await answerInvitation(principal, mine.id, { answer: "handed_over", colleagueId: colleagues[0].id })).toBe(
      "handed_over",
    );
    const mails = await getDb()
      .select()
      .from(outboxEmails)
      .where(and(eq(outboxEmails.recipientId, principal.id), isNotNull(outboxEmails.calendar)))
      .orderBy(outboxEmails.createdAt);
    const calendars = mails.map((m) => {
      const component = new ICAL.Component(ICAL.parse(m.calendar ?? ""));
      const event = component.getFirstSubcomponent("vevent");
      const sequence = event?.getFirstPropertyValue("sequence");
      return [component.getFirstPropertyValue("method"), event?.getFirstPropertyValue("uid"), sequence];
    });
    // RFC 5546 (3.2.5): a CANCEL to an attendee who leaves raises the SEQUENCE, or a strict calendar may ignore it.
    expect(calendars).toEqual([
      ["REQUEST", meeting.uid, meeting.sequence],
      ["CANCEL", meeting.uid, meeting.sequence + 1],
    ]);
  });
});

describe("reception's view of a handed-over invitation", () => {
  it("keeps the row, with whom it went to and when", async () => {
    const { world, principal, colleagues, invitationOf } = await setup();
    const mine = await invitationOf(principal.id);
    await answerInvitation(principal, mine.id, { answer: "handed_over", colleagueId: colleagues[0].id });
    const worker = await getCurrentUser(world.user.reception_worker.id, world.municipality.id);
    const [report] = await getDb()
      .select({ id: meetings.reportId })
      .from(meetings)
      .where(eq(meetings.id, mine.meetingId));
    const readable = worker && (await readReport(worker, report.id));
    if (!readable) throw new Error("no report");
    const [meeting] = (await caseView(readable)).meetings;
    const row = meeting.invitations.find((i) => i.id === mine.id);
    expect(row).toMatchObject({ answer: "handed_over", handedOverTo: colleagues[0].name });
    expect(row?.answeredAt).toBeInstanceOf(Date);
    expect(meeting.invitations.map((i) => i.inviteeName)).toContain(colleagues[0].name);
  });
});

describe.skipIf(process.env.TEST_DB !== "postgres")("two answers to one invitation at once (PostgreSQL)", () => {
  it("two hand-overs: exactly one wins and exactly one colleague is invited", async () => {
    const { principal, colleagues, meeting, invitationOf } = await setup();
    const mine = await invitationOf(principal.id);
    const results = await Promise.all(
      colleagues.map((c) => answerInvitation(principal, mine.id, { answer: "handed_over", colleagueId: c.id })),
    );
    expect(results.filter((r) => r !== null)).toEqual(["handed_over"]);
    const invited = await getDb()
      .select()
      .from(meetingInvitations)
      .where(and(eq(meetingInvitations.meetingId, meeting.id), eq(meetingInvitations.handedOverFromId, principal.id)));
    expect(invited).toHaveLength(1);
  });

  it("a hand-over and an acceptance at once never leave an invitation accepted that was handed over", async () => {
    const { principal, colleagues, meeting, invitationOf } = await setup();
    const mine = await invitationOf(principal.id);
    const [handed] = await Promise.all([
      answerInvitation(principal, mine.id, { answer: "handed_over", colleagueId: colleagues[0].id }),
      answerInvitation(principal, mine.id, { answer: "accepted" }),
    ]);
    // Accepted first and then handed over is a change of mind; handed over first leaves nothing to accept.
    expect(handed).toBe("handed_over");
    expect((await invitationOf(principal.id)).answer).toBe("handed_over");
    const invited = await getDb()
      .select()
      .from(meetingInvitations)
      .where(and(eq(meetingInvitations.meetingId, meeting.id), eq(meetingInvitations.handedOverFromId, principal.id)));
    expect(invited).toHaveLength(1);
  });
});
