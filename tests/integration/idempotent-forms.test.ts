import { randomUUID } from "node:crypto";
import { and, count, eq, inArray, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import {
  adviceAmendments,
  adviceConsultations,
  extendedFeedback,
  meetingInvitations,
  meetings,
  messages,
  reportNotes,
  reports,
  reportSupplements,
  supplementRequests,
  trainings,
} from "#db/schema";
import { addCalendarDays, stockholmDate, stockholmTime } from "~/domain/deadlines";
import * as adviceDetailRoute from "~/routes/advice.$consultationId";
import * as adviceNewRoute from "~/routes/advice.new";
import { caseStep } from "../case-steps";
import * as feedbackExtendedRoute from "~/routes/reports.$reportId_.feedback.extended";
import * as registerRoute from "~/routes/reports.register";
import * as trainingNewRoute from "~/routes/trainings.manage.new";
import { getCurrentUser } from "~/models/user.server";
import { createConsent, createConsultation, createReport, createWorld, sessionCookieFor } from "../factories";
import { callRoute, type RouteResult } from "../routes";

/**
 * Every form that creates something carries a key issued with the page; the same body sent again (a reload that
 * resends, a retry on a slow network, a double click) finds what the first one made. Sent one after the other and
 * then several at once (those overlap on PostgreSQL; PGlite runs them one at a time), each key gives one row.
 */
async function sentTwiceAndAtOnce(post: (key: string) => Promise<RouteResult>, rows: () => Promise<number>) {
  const key = randomUUID();
  const first = await post(key);
  const again = await post(key);
  expect([first.status, again.status]).toEqual([302, 302]);
  // The resend lands where the first one did.
  expect(again.location?.split("?")[0]).toBe(first.location?.split("?")[0]);
  expect(await rows()).toBe(1);

  const raced = randomUUID();
  const results = await Promise.all([post(raced), post(raced), post(raced)]);
  expect(results.map((r) => r.status)).toEqual([302, 302, 302]);
  expect(new Set(results.map((r) => r.location?.split("?")[0])).size).toBe(1);
  expect(await rows()).toBe(2);
}

const rowsOf = async (table: PgTable, where: SQL | undefined) =>
  (await getDb().select({ n: count() }).from(table).where(where))[0].n;

async function setup() {
  const world = await createWorld();
  const report = await createReport(world.user.staff, world.unit.school.id, { childName: "Idem Potentsson" });
  return {
    world,
    report,
    reception: await sessionCookieFor(world.user.reception_worker),
    staff: await sessionCookieFor(world.user.staff),
    coordinator: await sessionCookieFor(world.user.coordinator),
  };
}

const onReport = (reportId: string, cookie: string, form: Record<string, string>) => {
  const { handler, ...at } = caseStep(reportId, form.intent);
  return callRoute(handler, { ...at, cookie, method: "POST", form });
};

describe("a create form sent again gives one row", () => {
  it("logs an advice call once and sends the written advice once", async () => {
    const { world, reception } = await setup();
    const now = new Date(Date.now() - 5 * 60_000);
    const post = (submissionKey: string) =>
      callRoute(adviceNewRoute.action, {
        path: "/advice/new",
        cookie: reception,
        method: "POST",
        form: {
          occurredOn: stockholmDate(now),
          occurredTime: stockholmTime(now),
          durationMinutes: "12",
          channel: "phone",
          callerUnit: world.unit.school.name,
          callerEmail: world.user.staff.email,
          callerRole: "teacher",
          concerns: "neglect",
          ageBand: "6-9",
          summary: "Eleven kommer hungrig och trött flera dagar i veckan.",
          advice: "report_after_observing",
          followUp: "",
          submissionKey,
        },
      });
    await sentTwiceAndAtOnce(post, () =>
      rowsOf(adviceConsultations, eq(adviceConsultations.municipalityId, world.municipality.id)),
    );
    const written = await rowsOf(
      messages,
      and(eq(messages.recipientId, world.user.staff.id), eq(messages.kind, "advice")),
    );
    expect(written).toBe(2);
  });

  it("adds an amendment to an advice call once", async () => {
    const { world, reception } = await setup();
    const { id } = await createConsultation(world.user.reception_worker);
    const post = (submissionKey: string) =>
      callRoute(adviceDetailRoute.action, {
        path: `/advice/${id}`,
        params: { consultationId: id },
        cookie: reception,
        method: "POST",
        form: { intent: "amend", text: "Uppringaren hörde av sig igen: anmälan är gjord.", submissionKey },
      });
    await sentTwiceAndAtOnce(post, () => rowsOf(adviceAmendments, eq(adviceAmendments.consultationId, id)));
  });

  it("keeps an internal note once", async () => {
    const { report, reception } = await setup();
    const post = (submissionKey: string) =>
      onReport(report.id, reception, { intent: "note", text: "Ring skolan på måndag.", submissionKey });
    await sentTwiceAndAtOnce(post, () => rowsOf(reportNotes, eq(reportNotes.reportId, report.id)));
  });

  it("asks the reporter for a supplement once, with one message", async () => {
    const { world, report, reception } = await setup();
    const post = (submissionKey: string) =>
      onReport(report.id, reception, {
        intent: "requestSupplement",
        question: "När såg du blåmärkena första gången?",
        submissionKey,
      });
    await sentTwiceAndAtOnce(post, () => rowsOf(supplementRequests, eq(supplementRequests.reportId, report.id)));
    expect(
      await rowsOf(messages, and(eq(messages.recipientId, world.user.staff.id), eq(messages.kind, "system"))),
    ).toBe(2);
  });

  it("adds the reporter's supplement once, and answers a question once", async () => {
    const { report, reception, staff } = await setup();
    const question = randomUUID();
    expect(
      (
        await onReport(report.id, reception, {
          intent: "requestSupplement",
          question: "Hur ofta?",
          submissionKey: question,
        })
      ).status,
    ).toBe(302);
    const [request] = await getDb().select().from(supplementRequests).where(eq(supplementRequests.reportId, report.id));
    const post = (submissionKey: string) =>
      onReport(report.id, staff, {
        intent: "supplement",
        text: "Varje vecka sedan i höstas.",
        requestId: request.id,
        submissionKey,
      });
    await sentTwiceAndAtOnce(post, () => rowsOf(reportSupplements, eq(reportSupplements.reportId, report.id)));
    const [answered] = await getDb().select().from(supplementRequests).where(eq(supplementRequests.id, request.id));
    const supplements = await getDb()
      .select()
      .from(reportSupplements)
      .where(eq(reportSupplements.reportId, report.id))
      .orderBy(reportSupplements.createdAt);
    // The first supplement is the answer; the second key's is a supplement of its own.
    expect(answered.answerSupplementId).toBe(supplements[0].id);
  });

  it("invites to a report meeting once, each invitee told once", async () => {
    const { world, report, reception } = await setup();
    const post = (submissionKey: string) =>
      onReport(report.id, reception, {
        intent: "meeting",
        date: addCalendarDays(stockholmDate(new Date()), 7),
        time: "09:30",
        duration: "45",
        form: "in_person",
        place: "Mottagningen, rum 3",
        otherParticipants: "",
        invitees: world.user.staff.id,
        submissionKey,
      });
    await sentTwiceAndAtOnce(post, () => rowsOf(meetings, eq(meetings.reportId, report.id)));
    const made = await getDb().select({ id: meetings.id }).from(meetings).where(eq(meetings.reportId, report.id));
    expect(
      await rowsOf(
        meetingInvitations,
        inArray(
          meetingInvitations.meetingId,
          made.map((m) => m.id),
        ),
      ),
    ).toBe(2);
    expect(
      await rowsOf(messages, and(eq(messages.recipientId, world.user.staff.id), eq(messages.kind, "invitation"))),
    ).toBe(2);
  });

  it("creates a training, and a series, once", async () => {
    const { world, coordinator } = await setup();
    const date = addCalendarDays(stockholmDate(new Date()), 30);
    const post = (submissionKey: string, repeat: Record<string, string> = { repeat: "none" }) =>
      callRoute(trainingNewRoute.action, {
        path: "/trainings/manage/new",
        cookie: coordinator,
        method: "POST",
        form: {
          title: "Anmälningsplikten för nyanställda",
          topic: "reporting_duty",
          audienceRoles: "staff",
          audienceUnitKinds: "school",
          description: "",
          date,
          time: "14:00",
          durationMinutes: "90",
          place: "Stadshuset",
          capacity: "30",
          deadlineDate: addCalendarDays(date, -3),
          organisers: "",
          ...repeat,
          submissionKey,
        },
      });
    const occasions = () => rowsOf(trainings, eq(trainings.municipalityId, world.municipality.id));
    await sentTwiceAndAtOnce(post, occasions);
    // A weekly series of three, sent twice: three occasions, not six.
    const key = randomUUID();
    const series = { repeat: "weekly", repeatCount: "3" };
    const [a, b] = [await post(key, series), await post(key, series)];
    expect(b.location).toBe(a.location);
    expect(await occasions()).toBe(5);
  });

  it("registers a report from another channel once", async () => {
    const { world, reception } = await setup();
    const post = (submissionKey: string) =>
      callRoute(registerRoute.action, {
        path: "/reports/register",
        cookie: reception,
        method: "POST",
        form: {
          channel: "police",
          receivedOn: stockholmDate(new Date(Date.now() - 3_600_000)),
          receivedTime: stockholmTime(new Date(Date.now() - 3_600_000)),
          reporterName: "Polisen, Region Syd",
          reporterPhone: "114 14",
          childName: "Registrerat barn",
          childPersonalNumber: "121212-1212",
          observations: "Polisen kallades till hemmet en sen kväll.",
          submissionKey,
        },
      });
    await sentTwiceAndAtOnce(post, () =>
      rowsOf(reports, and(eq(reports.municipalityId, world.municipality.id), eq(reports.channel, "police"))),
    );
  });

  it("sends extended feedback once", async () => {
    const { world, report, reception } = await setup();
    const worker = (await getCurrentUser(world.user.reception_worker.id, world.municipality.id))!;
    const [row] = await getDb().select().from(reports).where(eq(reports.id, report.id));
    await createConsent(worker, row, world.user.staff.id);
    const post = (submissionKey: string) =>
      callRoute(feedbackExtendedRoute.action, {
        path: `/reports/${report.id}/feedback/extended`,
        params: { reportId: report.id },
        cookie: reception,
        method: "POST",
        form: {
          intent: "send",
          recipientId: world.user.staff.id,
          kind: "school_support",
          body: "Skolan kan stödja med en lugn start på dagen.",
          submissionKey,
        },
      });
    await sentTwiceAndAtOnce(post, () => rowsOf(extendedFeedback, eq(extendedFeedback.reportId, report.id)));
    expect((await post("abc")).status).toBe(400);
    expect(await rowsOf(extendedFeedback, eq(extendedFeedback.reportId, report.id))).toBe(2);
  });

  it("refuses a create form without its key (400) and stores nothing", async () => {
    const { report, reception } = await setup();
    expect((await onReport(report.id, reception, { intent: "note", text: "Utan nyckel." })).status).toBe(400);
    expect(
      (await onReport(report.id, reception, { intent: "note", text: "Fel nyckel.", submissionKey: "abc" })).status,
    ).toBe(400);
    expect(await rowsOf(reportNotes, eq(reportNotes.reportId, report.id))).toBe(0);
  });
});
