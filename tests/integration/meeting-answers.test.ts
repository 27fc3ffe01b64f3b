import { and, eq, isNotNull, isNull, or } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { meetingInvitations, meetings, messages, municipalities, outboxEmails, reports } from "#db/schema";
import { stockholmInstant } from "~/domain/deadlines";
import { formatDateTime } from "~/lib/i18n";
import { renderMessage } from "~/lib/message-templates.server";
import {
  answerInvitation,
  cancelMeeting,
  createMeeting,
  rescheduleMeeting,
  type MeetingInput,
} from "~/models/meeting.server";
import { getCurrentUser } from "~/models/user.server";
import * as unitList from "~/routes/admin.units._index";
import * as invitationRoute from "~/routes/invitations.$invitationId";
import * as invitationList from "~/routes/invitations._index";
import * as meetingsRoute from "~/routes/meetings._index";
import { createReport, createUser, createWorld, sessionCookieFor } from "../factories";
import { renderStatic } from "../render";
import { callRoute } from "../routes";

/** Issue 19, items 5 and 7: reception is told of every answer that needs it, and every notice names the report. */

async function setup() {
  const world = await createWorld();
  const m = world.municipality.id;
  const current = async (id: string) => {
    const user = await getCurrentUser(id, m);
    if (!user) throw new Error("no user");
    return user;
  };
  const worker = await current(world.user.reception_worker.id);
  const teacher = await current(world.user.staff.id);
  const principal = await current(world.user.principal.id);
  const counsellor = await current(
    (await createUser({ municipalityId: m, unitId: world.unit.school.id, role: "staff", name: "Kurator Kim" })).id,
  );
  const colleague = await current(
    (await createUser({ municipalityId: m, unitId: world.unit.school.id, role: "staff", name: "Kollega Karl" })).id,
  );
  const created = await createReport(teacher, world.unit.school.id, { childName: "Hemlig Elevsson" });
  const [report] = await getDb().select().from(reports).where(eq(reports.id, created.id));
  const invite = async (startsAt: Date, invitees = [teacher.id, principal.id, counsellor.id]) => {
    const input: MeetingInput = {
      startsAt,
      durationMinutes: 60,
      form: "in_person",
      place: "Rum 3",
      otherParticipants: "",
    };
    const meeting = await createMeeting(worker, report, input, invitees);
    if (!meeting) throw new Error("no meeting");
    const invitationOf = async (inviteeId: string) => {
      const [row] = await getDb()
        .select()
        .from(meetingInvitations)
        .where(and(eq(meetingInvitations.meetingId, meeting.id), eq(meetingInvitations.inviteeId, inviteeId)));
      return row.id;
    };
    return { meeting, invitationOf };
  };
  return { world, worker, teacher, principal, counsellor, colleague, report, invite };
}

/** What the organiser has in the inbox about answers (the invitees' own invitations are not theirs). */
async function noticesTo(userId: string) {
  const rows = await getDb()
    .select()
    .from(messages)
    .where(and(eq(messages.recipientId, userId), eq(messages.template, "meetings:mail.answered")))
    .orderBy(messages.createdAt);
  return rows.map((r) => ({ ...r, words: renderMessage(r, "sv") }));
}

/** E-mails to reception (the organiser's own or the shared address, which is nobody's) without a calendar file. */
async function answerEmails(municipalityId: string, organiserId: string) {
  return getDb()
    .select()
    .from(outboxEmails)
    .where(
      and(
        eq(outboxEmails.municipalityId, municipalityId),
        or(eq(outboxEmails.recipientId, organiserId), isNull(outboxEmails.recipientId)),
        isNull(outboxEmails.calendar),
      ),
    )
    .orderBy(outboxEmails.createdAt);
}

const nextWeek = () => new Date(Date.now() + 7 * 86_400_000);

describe("reception is told of an answer", () => {
  it("a proposed time: an inbox message and an e-mail to the organiser, with the reference and the time", async () => {
    const { world, worker, teacher, report, invite } = await setup();
    const { meeting, invitationOf } = await invite(nextWeek());
    const proposed = stockholmInstant("2027-03-03", "13:00");
    await answerInvitation(teacher, await invitationOf(teacher.id), { answer: "proposed", proposedStartsAt: proposed });

    const [notice] = await noticesTo(worker.id);
    expect(notice.link).toBe(`/reports/${report.id}`);
    expect(notice.words.subject).toContain(report.reference);
    expect(notice.words.body).toContain(teacher.name);
    expect(notice.words.body).toContain(formatDateTime(proposed, "sv"));
    expect(notice.words.body).toContain(formatDateTime(meeting.startsAt, "sv"));

    const [mail] = await answerEmails(world.municipality.id, worker.id);
    expect(mail).toMatchObject({ recipientId: worker.id, toAddress: worker.email });
    expect(mail.subject).toContain(report.reference);
    expect(mail.textBody).toContain(formatDateTime(proposed, "sv"));
    expect(mail.textBody).toContain(`/reports/${report.id}`);
    expect(`${mail.subject} ${mail.textBody}`).not.toContain("Hemlig");
  });

  it("a decline: the organiser is told, and the reason stays in the portal, out of the e-mail", async () => {
    const { world, worker, principal, report, invite } = await setup();
    const { invitationOf } = await invite(nextWeek());
    const reason = "Jag har utvecklingssamtal med Hemlig Elevssons vårdnadshavare då";
    await answerInvitation(principal, await invitationOf(principal.id), { answer: "declined", reason });

    const [notice] = await noticesTo(worker.id);
    expect(notice.words.subject).toContain(report.reference);
    expect(notice.words.body).toContain(principal.name);
    const [mail] = await answerEmails(world.municipality.id, worker.id);
    expect(mail.toAddress).toBe(worker.email);
    expect(mail.subject).toContain(report.reference);
    expect(`${mail.subject} ${mail.textBody}`).not.toContain("utvecklingssamtal");
    expect(`${mail.subject} ${mail.textBody}`).not.toContain("Hemlig");
  });

  it("a hand-over: the organiser is told who took it over", async () => {
    const { world, worker, principal, colleague, report, invite } = await setup();
    const { invitationOf } = await invite(nextWeek());
    expect(
      await answerInvitation(principal, await invitationOf(principal.id), {
        answer: "handed_over",
        colleagueId: colleague.id,
      }),
    ).toBe("handed_over");

    const [notice] = await noticesTo(worker.id);
    expect(notice.words.subject).toContain(report.reference);
    expect(notice.words.body).toContain(principal.name);
    expect(notice.words.body).toContain(colleague.name);
    const [mail] = await answerEmails(world.municipality.id, worker.id);
    expect(mail).toMatchObject({ recipientId: worker.id, toAddress: worker.email });
    expect(mail.subject).toContain(report.reference);
  });

  it("an acceptance tells nobody", async () => {
    const { world, worker, teacher, invite } = await setup();
    const { invitationOf } = await invite(nextWeek());
    await answerInvitation(teacher, await invitationOf(teacher.id), { answer: "accepted" });
    expect(await noticesTo(worker.id)).toEqual([]);
    expect(await answerEmails(world.municipality.id, worker.id)).toEqual([]);
  });

  it("sends the e-mail to reception's shared address when the administrator has set one", async () => {
    const { world, worker, teacher, report, invite } = await setup();
    const admin = await sessionCookieFor(world.user.admin);
    const save = (receptionAddress: string) =>
      callRoute(unitList.action, {
        path: "/admin/units",
        cookie: admin,
        method: "POST",
        form: { intent: "receptionAddress", receptionAddress },
      });
    const refused = await save("inte en adress");
    expect(refused.status).toBe(200);
    expect(JSON.stringify(refused.data)).toContain("admin:errors.emailInvalid");
    expect((await save(" mottagningen@kommun.example ")).location).toBe("/admin/units?notice=receptionAddressSaved");
    const [row] = await getDb().select().from(municipalities).where(eq(municipalities.id, world.municipality.id));
    expect(row.receptionAddress).toBe("mottagningen@kommun.example");
    const page = await callRoute(unitList.loader, { path: "/admin/units", cookie: admin });
    expect(page.data).toMatchObject({ receptionAddress: "mottagningen@kommun.example" });
    // Only an administrator sets it.
    const asWorker = await callRoute(unitList.action, {
      path: "/admin/units",
      cookie: await sessionCookieFor(worker),
      method: "POST",
      form: { intent: "receptionAddress", receptionAddress: "annan@kommun.example" },
    });
    expect(asWorker.status).toBe(403);

    const { invitationOf } = await invite(nextWeek());
    await answerInvitation(teacher, await invitationOf(teacher.id), { answer: "declined", reason: "Sjuk" });
    // The inbox message is still the organiser's; the e-mail goes to the team.
    expect(await noticesTo(worker.id)).toHaveLength(1);
    const [mail] = await answerEmails(world.municipality.id, worker.id);
    expect(mail).toMatchObject({ toAddress: "mottagningen@kommun.example", recipientId: null });
    expect(mail.subject).toContain(report.reference);

    // Emptied: the organiser's own address again.
    expect((await save("")).status).toBe(302);
    const [cleared] = await getDb().select().from(municipalities).where(eq(municipalities.id, world.municipality.id));
    expect(cleared.receptionAddress).toBeNull();
  });
});

describe("/meetings", () => {
  it("shows each meeting's answers, counted and listed, with open proposals first", async () => {
    const { worker, teacher, principal, counsellor, colleague, report, invite } = await setup();
    const sooner = await invite(new Date(Date.now() + 3 * 86_400_000), [teacher.id]);
    const later = await invite(new Date(Date.now() + 10 * 86_400_000));
    const proposed = new Date(Date.now() + 11 * 86_400_000);
    await answerInvitation(teacher, await later.invitationOf(teacher.id), {
      answer: "proposed",
      proposedStartsAt: proposed,
    });
    await answerInvitation(principal, await later.invitationOf(principal.id), {
      answer: "handed_over",
      colleagueId: colleague.id,
    });
    await answerInvitation(counsellor, await later.invitationOf(counsellor.id), { answer: "declined", reason: "Sjuk" });
    await answerInvitation(colleague, await later.invitationOf(colleague.id), { answer: "accepted" });

    const result = await callRoute(meetingsRoute.loader, { path: "/meetings", cookie: await sessionCookieFor(worker) });
    const data = result.data as Awaited<ReturnType<typeof meetingsRoute.loader>>;
    expect(data.upcoming.map((m) => m.id)).toEqual([later.meeting.id, sooner.meeting.id]);
    const [first, second] = data.upcoming;
    expect(first).toMatchObject({ reportId: report.id, reference: report.reference, openProposal: true });
    expect(first.answers).toEqual({ pending: 0, accepted: 1, declined: 1, proposed: 1, handed_over: 1 });
    expect(first.invitations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: teacher.name, answer: "proposed", proposedStartsAt: proposed }),
        expect.objectContaining({ name: principal.name, answer: "handed_over", handedOverTo: colleague.name }),
        expect.objectContaining({ name: counsellor.name, answer: "declined" }),
        expect.objectContaining({ name: colleague.name, answer: "accepted" }),
      ]),
    );
    // The reason is on the report's page, not in the list.
    expect(JSON.stringify(first)).not.toContain("Sjuk");
    expect(second).toMatchObject({ openProposal: false, answers: expect.objectContaining({ pending: 1 }) });
    // The week's calendar keeps its time order.
    expect(data.week.every((m, i, all) => i === 0 || all[i - 1].startsAt <= m.startsAt)).toBe(true);
  });

  it("shows only the organiser's own meetings of their municipality", async () => {
    const { world, worker, teacher, invite } = await setup();
    await invite(nextWeek(), [teacher.id]);
    const otherWorker = await createUser({
      municipalityId: world.municipality.id,
      unitId: world.unit.reception.id,
      role: "reception_worker",
    });
    const stranger = await createWorld("Annanstad");
    for (const user of [otherWorker, stranger.user.reception_worker]) {
      const result = await callRoute(meetingsRoute.loader, { path: "/meetings", cookie: await sessionCookieFor(user) });
      expect((result.data as Awaited<ReturnType<typeof meetingsRoute.loader>>).upcoming).toEqual([]);
    }
    const own = await callRoute(meetingsRoute.loader, { path: "/meetings", cookie: await sessionCookieFor(worker) });
    expect((own.data as Awaited<ReturnType<typeof meetingsRoute.loader>>).upcoming).toHaveLength(1);
  });
});

describe("what invitees receive names the report by its reference", () => {
  it("in the inbox subject and the e-mail of an invitation, a new time, a cancellation and a hand-over", async () => {
    const { worker, teacher, principal, colleague, report, invite } = await setup();
    const { meeting, invitationOf } = await invite(nextWeek());
    await answerInvitation(principal, await invitationOf(principal.id), {
      answer: "handed_over",
      colleagueId: colleague.id,
    });
    // Read again, as the route does when reception sends the form: the hand-over raised the SEQUENCE.
    const [current] = await getDb().select().from(meetings).where(eq(meetings.id, meeting.id));
    const moved = await rescheduleMeeting(worker, current, { startsAt: nextWeek(), durationMinutes: 30, place: "" });
    if (!moved) throw new Error("not moved");
    await cancelMeeting(worker, moved);
    const [message] = await getDb()
      .select()
      .from(messages)
      .where(and(eq(messages.recipientId, teacher.id), eq(messages.template, "meetings:mail.invited")));
    expect(renderMessage(message, "sv").subject).toContain(report.reference);
    expect(renderMessage(message, "en").subject).toContain(report.reference);
    for (const who of [teacher, colleague, principal]) {
      const mails = await getDb()
        .select()
        .from(outboxEmails)
        .where(and(eq(outboxEmails.recipientId, who.id), isNotNull(outboxEmails.calendar)));
      // The teacher: invited, new time, cancelled; the colleague the same after the hand-over; the principal two.
      expect(mails.length).toBe(who === principal ? 2 : 3);
      for (const mail of mails) {
        expect(mail.subject).toContain(report.reference);
        expect(mail.textBody).toContain(report.reference);
        expect(`${mail.subject} ${mail.textBody}`).not.toContain("Hemlig");
      }
    }
  });
});

describe("the invitation names the report it concerns", () => {
  it("by its reference on the invitation page and in the list of invitations, and nothing about the child", async () => {
    const { teacher, report, invite } = await setup();
    const { invitationOf } = await invite(nextWeek());
    const cookie = await sessionCookieFor(teacher);
    const id = await invitationOf(teacher.id);
    const page = await callRoute(invitationRoute.loader, {
      path: `/invitations/${id}`,
      params: { invitationId: id },
      cookie,
    });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ meeting: { reference: report.reference } });
    const list = await callRoute(invitationList.loader, { path: "/invitations", cookie });
    expect(list.data).toMatchObject({ invitations: [{ id, reference: report.reference }] });
    expect(JSON.stringify([page.data, list.data])).not.toContain("Hemlig");
  });
});

describe("an answer sent after the meeting was cancelled", () => {
  it("is refused, and the page says so though its answer forms are gone", async () => {
    const { worker, teacher, invite } = await setup();
    const { meeting, invitationOf } = await invite(nextWeek());
    const id = await invitationOf(teacher.id);
    const cookie = await sessionCookieFor(teacher);
    // The teacher opened the page and wrote a reason; reception cancels before it is sent.
    const page = await callRoute(invitationRoute.loader, {
      path: `/invitations/${id}`,
      params: { invitationId: id },
      cookie,
    });
    expect(await cancelMeeting(worker, meeting)).not.toBeNull();
    const answer = await callRoute(invitationRoute.action, {
      path: `/invitations/${id}`,
      params: { invitationId: id },
      cookie,
      method: "POST",
      form: { intent: "declined", reason: "Jag har lektion då." },
    });
    expect(answer.data).toMatchObject({ error: "meetings:errors.cannotAnswer" });
    const after = await callRoute(invitationRoute.loader, {
      path: `/invitations/${id}`,
      params: { invitationId: id },
      cookie,
    });
    expect(page.data).toMatchObject({ meeting: { status: "scheduled" } });
    const html = await renderStatic(
      [
        {
          path: "*",
          id: "routes/invitations.$invitationId",
          loader: () => after.data as object,
          action: () => answer.data as object,
          Component: invitationRoute.default,
        },
      ],
      new Request(`http://localhost/invitations/${id}`, { method: "POST", body: new FormData() }),
    );
    expect(html).toContain("Inbjudan kan inte besvaras längre.");
    expect(html).not.toContain('name="reason"');
  });
});
