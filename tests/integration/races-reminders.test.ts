import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { meetings, messages } from "#db/schema";
import { stockholmInstant } from "~/domain/deadlines";
import { createMeeting, sendDueReminders } from "~/models/meeting.server";
import { readReport } from "~/models/report.server";
import { getCurrentUser } from "~/models/user.server";
import { createReport, createWorld } from "../factories";

const MEETINGS = 12;
const RUNS = 4;

/**
 * The day-before reminder is sent by every server at once (app/models/meeting.server.ts, sendDueReminders): each
 * reads the meetings due, then marks each in an UPDATE guarded by `reminder_sent_at is null`. Only that guard keeps
 * two servers that read the same meeting from both reminding. PGlite runs one statement at a time: PostgreSQL only.
 */
describe.skipIf(process.env.TEST_DB !== "postgres")("day-before reminders from several servers (PostgreSQL)", () => {
  it(`${RUNS} runs at once remind each invitee of each of ${MEETINGS} meetings once`, async () => {
    const world = await createWorld();
    const m = world.municipality.id;
    const worker = (await getCurrentUser(world.user.reception_worker.id, m))!;
    const teacher = (await getCurrentUser(world.user.staff.id, m))!;
    // A day of its own, far from any other test's meetings: the reminders go to every municipality's.
    const day = `2031-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 9)}`;
    const now = stockholmInstant(day, "12:00");
    const ids: string[] = [];
    for (let i = 0; i < MEETINGS; i++) {
      const created = await createReport(teacher, world.unit.school.id);
      const report = (await readReport(worker, created.id))!;
      const meeting = await createMeeting(
        worker,
        report,
        {
          startsAt: new Date(now.getTime() + 86_400_000),
          durationMinutes: 30,
          form: "video",
          place: "",
          otherParticipants: "",
        },
        [teacher.id],
      );
      ids.push(meeting!.id);
    }
    // Invited days ahead of this clock, so a reminder is due.
    await getDb()
      .update(meetings)
      .set({ updatedAt: new Date(now.getTime() - 5 * 86_400_000) })
      .where(inArray(meetings.id, ids));

    const sent = await Promise.all(Array.from({ length: RUNS }, () => sendDueReminders(now)));
    expect(sent.reduce((a, b) => a + b, 0)).toBe(MEETINGS);
    const reminders = await getDb()
      .select({ link: messages.link })
      .from(messages)
      .where(and(eq(messages.recipientId, teacher.id), eq(messages.template, "meetings:mail.reminder")));
    expect(reminders).toHaveLength(MEETINGS);
  });
});
