import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { meetings, outboxEmails, reports } from "#db/schema";
import { createMeeting } from "~/models/meeting.server";
import { getCurrentUser } from "~/models/user.server";
import { caseStep } from "../case-steps";
import { createReport, createWorld, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";

/**
 * Cancelling a meeting e-mails everyone invited, so the server cancels only a confirmed form (the page asks first);
 * and while a meeting is scheduled, "no meeting offered" is refused (issue 19, item 6).
 */

async function setup() {
  const world = await createWorld();
  const worker = (await getCurrentUser(world.user.reception_worker.id, world.municipality.id))!;
  const created = await createReport(world.user.staff, world.unit.school.id);
  const [report] = await getDb().select().from(reports).where(eq(reports.id, created.id));
  const invitees = [world.user.staff.id, world.user.principal.id];
  const meeting = (await createMeeting(
    worker,
    report,
    {
      startsAt: new Date(Date.now() + 7 * 86_400_000),
      durationMinutes: 60,
      form: "in_person",
      place: "",
      otherParticipants: "",
    },
    invitees,
  ))!;
  const cookie = await sessionCookieFor(world.user.reception_worker);
  /** Posts one of the meetings step's forms as reception. */
  const post = (form: Record<string, string>) => {
    const { handler, ...at } = caseStep(report.id, form.intent);
    return callRoute(handler, { ...at, method: "POST", cookie, form });
  };
  const statusOf = async () =>
    (await getDb().select({ status: meetings.status }).from(meetings).where(eq(meetings.id, meeting.id)))[0].status;
  const mails = () => getDb().select().from(outboxEmails).where(inArray(outboxEmails.recipientId, invitees));
  return { report, meeting, post, statusOf, mails };
}

describe("cancelling a meeting", () => {
  it("is refused without the confirmation: the meeting stays scheduled and nobody is e-mailed", async () => {
    const { meeting, post, statusOf, mails } = await setup();
    const before = (await mails()).length;
    const unconfirmed: Record<string, string>[] = [{}, { confirm: "" }, { confirm: "no" }];
    for (const confirm of unconfirmed) {
      const result = await post({ intent: "cancelMeeting", meetingId: meeting.id, ...confirm });
      expect(result.status).toBe(200);
      // The page asks again, at this meeting's form.
      expect(result.data).toEqual({
        intent: "cancelMeeting",
        error: "meetings:errors.confirmCancel",
        values: { meetingId: meeting.id },
      });
    }
    expect(await statusOf()).toBe("scheduled");
    expect((await mails()).length).toBe(before);
  });

  it("is done when confirmed: cancelled, and each invitee gets a CANCEL", async () => {
    const { report, meeting, post, statusOf, mails } = await setup();
    // The rows that are new (a select without an order has none on PostgreSQL: not the last ones by position).
    const before = new Set((await mails()).map((m) => m.id));
    const result = await post({ intent: "cancelMeeting", meetingId: meeting.id, confirm: "yes" });
    expect(result).toMatchObject({ status: 302, location: `/reports/${report.id}?notice=meetingCancelled` });
    expect(await statusOf()).toBe("cancelled");
    const sent = (await mails()).filter((m) => !before.has(m.id));
    expect(sent).toHaveLength(2);
    for (const mail of sent) expect(mail.calendar).toContain("METHOD:CANCEL");
  });
});

describe("no meeting offered", () => {
  it("is refused while a meeting is scheduled, and accepted once it is cancelled", async () => {
    const { report, meeting, post } = await setup();
    const noMeeting = { intent: "noMeeting", reason: "violence_suspected", text: "" };
    const refused = await post(noMeeting);
    expect(refused.status).toBe(200);
    expect(refused.data).toMatchObject({ intent: "noMeeting", error: "meetings:errors.meetingScheduled" });
    const reasonOf = async () =>
      (await getDb().select().from(reports).where(eq(reports.id, report.id)))[0].noMeetingReason;
    expect(await reasonOf()).toBeNull();

    expect((await post({ intent: "cancelMeeting", meetingId: meeting.id, confirm: "yes" })).status).toBe(302);
    expect((await post(noMeeting)).status).toBe(302);
    expect(await reasonOf()).toBe("violence_suspected");
  });
});
