import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import {
  adviceConsultations,
  basicFeedback,
  consents,
  guidanceArticles,
  guidanceVersions,
  meetingInvitations,
  meetings,
  messages,
  outboxEmails,
  reportEvents,
  reports,
  trainings,
  trainingSeries,
} from "#db/schema";
import { DATE_INVALID, TIME_INVALID } from "~/domain/dates";
import { stockholmDate, stockholmInstant } from "~/domain/deadlines";
import { createMeeting } from "~/models/meeting.server";
import { registerReport } from "~/models/report.server";
import { createTraining } from "~/models/training.server";
import { getCurrentUser } from "~/models/user.server";
import * as adviceNew from "~/routes/advice.new";
import * as adviceList from "~/routes/advice._index";
import * as feedbackList from "~/routes/feedback._index";
import * as guidanceEdit from "~/routes/guidance.manage.$articleId";
import * as guidanceNew from "~/routes/guidance.manage.new";
import * as invitationRoute from "~/routes/invitations.$invitationId";
import * as meetingsRoute from "~/routes/meetings._index";
import * as reportFeedback from "~/routes/reports.$reportId_.feedback";
import * as feedbackConsents from "~/routes/reports.$reportId_.feedback.consents";
import * as reportRoute from "~/routes/reports.$reportId";
import { caseStep } from "../case-steps";
import * as reportsNew from "~/routes/reports.new";
import * as registerRoute from "~/routes/reports.register";
import * as statsRoute from "~/routes/stats._index";
import * as trainingsList from "~/routes/trainings._index";
import * as trainingEdit from "~/routes/trainings.manage.$trainingId";
import * as trainingNew from "~/routes/trainings.manage.new";
import * as auditRoute from "~/routes/admin.audit";
import { createReport, createWorld, publishedArticle, reportInput, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";

/**
 * Defect 5 of issue 17: 2027-02-30 was moved to 2 March on some forms and gave a 500 on others. Every form that
 * takes a date or a time refuses what the calendar or the clock lacks with a form error, keeps what was typed and
 * changes nothing in the database.
 */

type World = Awaited<ReturnType<typeof createWorld>>;
type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;

let world: World;
const cookie = {} as Record<"staff" | "reception" | "coordinator" | "steering" | "admin", string>;

beforeAll(async () => {
  world = await createWorld("Datumstad");
  cookie.staff = await sessionCookieFor(world.user.staff);
  cookie.reception = await sessionCookieFor(world.user.reception_worker);
  cookie.coordinator = await sessionCookieFor(world.user.coordinator);
  cookie.steering = await sessionCookieFor(world.user.steering);
  cookie.admin = await sessionCookieFor(world.user.admin);
});

const worker = async () => (await getCurrentUser(world.user.reception_worker.id, world.municipality.id))!;

/** Every row the forms below could write, for the test municipality: compared before and after a refused post. */
async function snapshot() {
  const tables: [string, PgTable & { municipalityId: never }][] = Object.entries({
    reports,
    reportEvents,
    meetings,
    meetingInvitations,
    trainings,
    trainingSeries,
    consents,
    guidanceArticles,
    guidanceVersions,
    adviceConsultations,
    basicFeedback,
    messages,
    outboxEmails,
  }) as never;
  const db = getDb();
  const rows: Record<string, unknown[]> = {};
  for (const [name, table] of tables) {
    const all = await db
      .select()
      .from(table as PgTable)
      .where(eq((table as unknown as { municipalityId: never }).municipalityId, world.municipality.id));
    rows[name] = all.map((r) => JSON.stringify(r)).sort();
  }
  return rows;
}

/** Posts a form and expects it refused: a 200 with an error and the database as it was. */
async function refused(
  handler: Handler,
  input: { path: string; params?: Record<string, string>; cookie: string; form: Record<string, string> },
) {
  const before = await snapshot();
  const result = await callRoute(handler, { ...input, method: "POST" });
  expect(result.status, `${input.path}: ${JSON.stringify(input.form).slice(0, 200)}`).toBe(200);
  expect(await snapshot()).toEqual(before);
  return result.data as Record<string, unknown>;
}

/** A conform reply's errors for one field. */
const fieldErrors = (data: Record<string, unknown>, field: string) =>
  (data.result as { error?: Record<string, string[] | null> } | undefined)?.error?.[field] ?? [];

/** The page's submission key, where the form has one (an idempotent form refuses a post without it). */
async function keyOf(
  handler: Handler,
  input: { path: string; params?: Record<string, string>; cookie: string },
): Promise<Record<string, string>> {
  const page = (await callRoute(handler, input)).data as { submissionKey?: string } | undefined;
  return page?.submissionKey ? { submissionKey: page.submissionKey } : {};
}

describe("impossible dates and times on forms", () => {
  it("a meeting invitation on 30 February or at 25:99 is refused, not moved to 2 March, and the date is kept", async () => {
    const report = await createReport(world.user.staff, world.unit.school.id);
    const at = { path: `/reports/${report.id}`, params: { reportId: report.id }, cookie: cookie.reception };
    const { handler, ...meetingsStep } = caseStep(report.id, "meeting");
    const form = {
      intent: "meeting",
      time: "10:00",
      duration: "60",
      form: "in_person",
      place: "",
      otherParticipants: "",
      invitees: world.user.staff.id,
      ...(await keyOf(reportRoute.loader as Handler, at)),
    };
    for (const [date, time, error] of [
      ["2027-02-30", "10:00", DATE_INVALID],
      ["2027-13-01", "10:00", DATE_INVALID],
      ["99999-01-01", "10:00", DATE_INVALID],
      ["2027-03-01", "25:99", TIME_INVALID],
    ]) {
      const data = await refused(handler as Handler, { ...at, ...meetingsStep, form: { ...form, date, time } });
      expect(data).toMatchObject({ intent: "meeting", error, values: { date, time } });
    }
  });

  it("moving a meeting to 30 February is refused and the meeting stays where it was", async () => {
    const report = await createReport(world.user.staff, world.unit.school.id);
    const [row] = await getDb().select().from(reports).where(eq(reports.id, report.id));
    const meeting = (await createMeeting(
      await worker(),
      row,
      {
        startsAt: stockholmInstant("2027-01-15", "10:00"),
        durationMinutes: 60,
        form: "video",
        place: "",
        otherParticipants: "",
      },
      [world.user.staff.id],
    ))!;
    const { handler, ...meetingsStep } = caseStep(report.id, "reschedule");
    const data = await refused(handler as Handler, {
      ...meetingsStep,
      cookie: cookie.reception,
      form: { intent: "reschedule", meetingId: meeting.id, date: "2027-02-30", time: "10:00" },
    });
    expect(data).toMatchObject({
      intent: "reschedule",
      error: DATE_INVALID,
      values: { date: "2027-02-30", time: "10:00" },
    });
  });

  it("an invitee's proposed time on 30 February or at 25:99 is refused", async () => {
    const report = await createReport(world.user.staff, world.unit.school.id);
    const [row] = await getDb().select().from(reports).where(eq(reports.id, report.id));
    (await createMeeting(
      await worker(),
      row,
      {
        startsAt: stockholmInstant("2027-01-20", "10:00"),
        durationMinutes: 60,
        form: "video",
        place: "",
        otherParticipants: "",
      },
      [world.user.staff.id],
    ))!;
    const [{ id }] = await getDb()
      .select({ id: meetingInvitations.id })
      .from(meetingInvitations)
      .innerJoin(meetings, eq(meetings.id, meetingInvitations.meetingId))
      .where(eq(meetings.reportId, report.id));
    for (const [date, time, error] of [
      ["2027-02-30", "10:00", DATE_INVALID],
      ["2027-03-01", "25:99", TIME_INVALID],
    ]) {
      const data = await refused(invitationRoute.action as Handler, {
        path: `/invitations/${id}`,
        params: { invitationId: id },
        cookie: cookie.staff,
        form: { intent: "proposed", date, time },
      });
      expect(data).toMatchObject({ intent: "proposed", error, values: { date, time } });
    }
  });

  it("a training on 30 February, or with its registration closing on one, is refused (new and edited)", async () => {
    const valid = {
      title: "Anmälningsplikten",
      topic: "reporting_duty",
      audienceRoles: "staff",
      audienceUnitKinds: "school",
      date: "2027-03-10",
      time: "14:00",
      durationMinutes: "90",
      capacity: "30",
      deadlineDate: "2027-03-01",
      repeat: "none",
    };
    for (const [field, value, error] of [
      ["date", "2027-02-30", DATE_INVALID],
      ["deadlineDate", "2027-02-29", DATE_INVALID],
      ["date", "1850-03-10", DATE_INVALID],
      ["time", "25:99", TIME_INVALID],
    ]) {
      const data = await refused(trainingNew.action as Handler, {
        path: "/trainings/manage/new",
        cookie: cookie.coordinator,
        form: { ...valid, [field]: value },
      });
      expect(fieldErrors(data, field), `${field}=${value}`).toEqual([error]);
    }
    const coordinator = (await getCurrentUser(world.user.coordinator.id, world.municipality.id))!;
    const [training] = await createTraining(coordinator, {
      title: "Anmälningsplikten",
      topic: "reporting_duty",
      audienceRoles: ["staff"],
      audienceUnitKinds: ["school"],
      description: "",
      startsAt: stockholmInstant("2027-03-10", "14:00"),
      durationMinutes: 90,
      place: "",
      capacity: 30,
      registrationDeadline: stockholmInstant("2027-03-02"),
      organisers: "",
    });
    const data = await refused(trainingEdit.action as Handler, {
      path: `/trainings/manage/${training.id}`,
      params: { trainingId: training.id },
      cookie: cookie.coordinator,
      form: { ...valid, intent: "edit", scope: "one", date: "2027-02-30" },
    });
    expect(fieldErrors(data, "date")).toEqual([DATE_INVALID]);
  });

  it("a consent valid from or until 30 February is refused and the form comes back as typed", async () => {
    const report = await createReport(world.user.staff, world.unit.school.id);
    const at = { path: `/reports/${report.id}/feedback`, params: { reportId: report.id }, cookie: cookie.reception };
    const form = {
      intent: "consent",
      giver: "guardians",
      givenBy: "Vårdnadshavare Ett",
      form: "written",
      infoKinds: "school_support",
      recipientUserIds: world.user.staff.id,
      validFrom: "2026-12-10",
      validUntil: "2027-06-30",
      ...(await keyOf(reportFeedback.loader as Handler, at)),
    };
    for (const [field, value] of [
      ["validFrom", "2027-02-30"],
      ["validUntil", "2027-02-30"],
      ["validUntil", "99999-12-31"],
    ]) {
      const data = await refused(feedbackConsents.action as Handler, {
        ...at,
        path: `${at.path}/consents`,
        form: { ...form, [field]: value },
      });
      expect(data, `${field}=${value}`).toMatchObject({
        intent: "consent",
        result: { initialValue: { [field]: value } },
      });
      expect(fieldErrors(data, field)).toEqual([DATE_INVALID]);
    }
  });

  it("the guidance editor's review dates on 30 February give a form error, not a 500", async () => {
    const article = await publishedArticle(world.municipality.id, `datum-${randomUUID().slice(0, 6)}`);
    const content = {
      titleSv: "Titel",
      titleEn: "Title",
      bodySv: "Text",
      bodyEn: "Text",
    };
    // The review date is the server's today (issue 21): the one date left to type is the next review.
    for (const [field, value] of [
      ["nextReviewOn", "2027-02-30"],
      ["nextReviewOn", "2027-02-29"],
      ["nextReviewOn", "0000-01-01"],
    ]) {
      const edited = await refused(guidanceEdit.action as Handler, {
        path: `/guidance/manage/${article.id}`,
        params: { articleId: article.id },
        cookie: cookie.coordinator,
        form: { ...content, intent: "save", [field]: value },
      });
      expect(fieldErrors(edited, field), `${field}=${value}`).toEqual([DATE_INVALID]);
    }
    const created = await refused(guidanceNew.action as Handler, {
      path: "/guidance/manage/new",
      cookie: cookie.coordinator,
      form: { ...content, slug: "ny-artikel", intent: "save", nextReviewOn: "2027-02-30" },
    });
    expect(fieldErrors(created, "nextReviewOn")).toEqual([DATE_INVALID]);
  });

  it("a report's dates outside the calendar or before 1900 are refused, in the portal and at reception", async () => {
    const report = {
      childName: "Testbarn",
      observations: "Blåmärken.",
      reporterPhone: "070-000 00 00",
      unitId: world.unit.school.id,
      observedBy: "me",
    };
    for (const [field, value] of [
      ["observedOn", "2026-02-30"],
      ["childBirthDate", "1850-05-04"],
      ["childBirthDate", "0099-05-04"],
    ]) {
      const data = await refused(reportsNew.action as Handler, {
        path: "/reports/new",
        cookie: cookie.staff,
        // The draft of a refused report keeps what was typed; the draft table is not among those compared.
        form: {
          ...report,
          observedOn: "2026-11-20",
          childBirthDate: "2016-05-04",
          [field]: value,
          intent: "submit",
          draftId: randomUUID(),
        },
      });
      expect(fieldErrors(data, field), `${field}=${value}`).toEqual([DATE_INVALID]);
    }
    const registered = {
      ...report,
      channel: "phone",
      reporterName: "Granne",
      receivedOn: "2026-12-01",
      receivedTime: "09:00",
      observedOn: "2026-11-20",
      childBirthDate: "2016-05-04",
    };
    for (const [field, value, error] of [
      ["receivedOn", "2026-02-29", DATE_INVALID],
      ["childBirthDate", "1850-05-04", DATE_INVALID],
      ["receivedTime", "25:99", TIME_INVALID],
    ]) {
      const data = await refused(registerRoute.action as Handler, {
        path: "/reports/register",
        cookie: cookie.reception,
        form: { ...registered, [field]: value },
      });
      expect(fieldErrors(data, field), `${field}=${value}`).toEqual([error]);
    }
  });

  it("an advice call on a day before 1900 or that does not exist is refused", async () => {
    const base = {
      occurredTime: "10:00",
      durationMinutes: "10",
      channel: "phone",
      callerRole: "teacher",
      concerns: "neglect",
      summary: "Eleven kommer ofta hungrig till skolan.",
      advice: "report_after_observing",
      ...(await keyOf(adviceNew.loader as Handler, { path: "/advice/new", cookie: cookie.reception })),
    };
    for (const [field, value, error] of [
      ["occurredOn", "1850-01-01", DATE_INVALID],
      ["occurredOn", "2026-02-30", DATE_INVALID],
      ["occurredTime", "25:99", TIME_INVALID],
    ]) {
      const data = await refused(adviceNew.action as Handler, {
        path: "/advice/new",
        cookie: cookie.reception,
        form: { occurredOn: "2026-12-01", ...base, [field]: value },
      });
      expect(fieldErrors(data, field), `${field}=${value}`).toEqual([error]);
    }
  });

  it("feedback ticked off as given on 30 February is refused, not recorded as 2 March", async () => {
    const registered = await registerReport(await worker(), {
      ...reportInput(world.unit.school.id),
      channel: "phone",
      receivedAt: stockholmInstant("2026-12-01", "09:00"),
      reporterName: "Granne Grannsson",
      reporterPhone: "070-111 11 11",
      reporterEmail: "",
    });
    const [task] = await getDb().select().from(basicFeedback).where(eq(basicFeedback.reportId, registered.id));
    const data = await refused(feedbackList.action as Handler, {
      path: "/feedback",
      cookie: cookie.reception,
      form: { feedbackId: task.id, channel: "phone", date: "2025-02-30" },
    });
    expect(data).toMatchObject({ feedbackId: task.id, error: DATE_INVALID });
  });
});

describe("impossible dates in filters and periods", () => {
  const load = async (handler: Handler, path: string, who: string) => {
    const result = await callRoute(handler, { path, cookie: who });
    expect(result.status, path).toBe(200);
    return result.data as Record<string, unknown>;
  };

  it("a custom statistics period from 30 February is not read as 2 March: the default period is shown", async () => {
    const data = await load(
      statsRoute.loader as Handler,
      "/stats?period=custom&from=2026-02-30&to=2026-03-31",
      cookie.steering,
    );
    expect(data.period).toMatchObject({ kind: "year" });
  });

  it("advice filters on days that do not exist are dropped", async () => {
    const data = await load(adviceList.loader as Handler, "/advice?from=2026-02-30&to=2026-13-01", cookie.reception);
    expect(data.filter).toMatchObject({ from: null, to: null });
  });

  it("the audit log says which filter date does not exist", async () => {
    const data = await load(auditRoute.loader as Handler, "/admin/audit?from=2026-02-30&to=99999-01-01", cookie.admin);
    expect(data.errors).toEqual({ from: [DATE_INVALID], to: [DATE_INVALID] });
  });

  it("the week and month views fall back to this week and month", async () => {
    const week = await load(meetingsRoute.loader as Handler, "/meetings?week=2026-13-45", cookie.reception);
    expect(week.days).toHaveLength(7);
    const month = await load(trainingsList.loader as Handler, "/trainings?month=0000-01", cookie.coordinator);
    expect(month.month).toBe(stockholmDate(new Date()).slice(0, 7));
  });
});
