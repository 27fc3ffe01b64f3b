import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { messages, reporterSurveyAnswered, reporterSurveyAnswers } from "#db/schema";
import { stockholmDate } from "~/domain/deadlines";
import { recordChildHeard, recordDecision, recordProtectionAssessment } from "~/models/report.server";
import { followUpStats } from "~/models/stats.server";
import { getCurrentUser } from "~/models/user.server";
import * as csvRoute from "~/routes/stats[.csv]";
import * as surveyRoute from "~/routes/reports.$reportId_.survey";
import { createReport, createWorld, decisionInput, sessionCookieFor, testContext } from "../factories";
import { callRoute } from "../routes";

const answers = { timely: "yes", meetingUseful: "no_meeting", callAgain: "yes" };

async function setup() {
  const world = await createWorld();
  const m = world.municipality.id;
  const worker = (await getCurrentUser(world.user.reception_worker.id, m))!;
  const decided = async () => {
    const report = await createReport(world.user.staff, world.unit.school.id, { coSignerId: world.user.principal.id });
    await recordProtectionAssessment(worker, report.id, "no_immediate_need");
    await recordChildHeard(worker, report.id, true, "");
    expect((await recordDecision(worker, report.id, decisionInput("opened"))).ok).toBe(true);
    return report;
  };
  const post = async (user: { id: string; municipalityId: string }, reportId: string, form = answers) =>
    callRoute(surveyRoute.action, {
      path: `/reports/${reportId}/survey`,
      params: { reportId },
      method: "POST",
      cookie: await sessionCookieFor(user),
      form,
    });
  const page = async (user: { id: string; municipalityId: string }, reportId: string) =>
    (
      await callRoute(surveyRoute.loader, {
        path: `/reports/${reportId}/survey`,
        params: { reportId },
        cookie: await sessionCookieFor(user),
      })
    ).data;
  return { world, m, worker, decided, post, page };
}

/** A raw query's rows: postgres-js gives an array, PGlite an object with `rows`. */
async function rowsOf<T>(query: ReturnType<typeof sql>) {
  const result = (await getDb().execute(query)) as unknown as { rows?: T[] } & T[];
  return result.rows ?? [...result];
}

const count = async (m: string) =>
  (await getDb().select().from(reporterSurveyAnswers).where(eq(reporterSurveyAnswers.municipalityId, m))).length;

describe("the reporter survey", () => {
  it("invites the reporter when the report is decided, and only then", async () => {
    const { world, decided, page } = await setup();
    const undecided = await createReport(world.user.staff, world.unit.school.id);
    expect(await page(world.user.staff, undecided.id)).toMatchObject({ state: null });
    const report = await decided();
    const invitations = await getDb()
      .select()
      .from(messages)
      .where(and(eq(messages.recipientId, world.user.staff.id), eq(messages.template, "survey:invitation")));
    expect(invitations.map((i) => i.link)).toEqual([`/reports/${report.id}/survey`]);
    expect(await page(world.user.staff, report.id)).toMatchObject({ state: "open" });
    // The co-signer reads the report but the survey is the reporter's.
    expect(await page(world.user.principal, report.id)).toMatchObject({ state: null });
  });

  it("stores one answer, once, with nothing that leads back to the report or the reporter", async () => {
    const { world, m, decided, post, page } = await setup();
    const report = await decided();
    const [first, second] = await Promise.all([post(world.user.staff, report.id), post(world.user.staff, report.id)]);
    for (const response of [first, second]) expect(response).toMatchObject({ status: 302 });
    expect(await count(m)).toBe(1);
    expect(await page(world.user.staff, report.id)).toMatchObject({ state: "answered" });
    const [row] = await getDb().select().from(reporterSurveyAnswers).where(eq(reporterSurveyAnswers.municipalityId, m));
    expect(row).toMatchObject({
      month: stockholmDate(new Date()).slice(0, 7),
      unitKind: "school",
      timely: "yes",
      meetingUseful: "no_meeting",
      callAgain: "yes",
    });
    // The answers' table holds no column a report, a person or a time could be read from, and no key to one.
    const columns = await rowsOf<{ column_name: string }>(
      sql`select column_name from information_schema.columns where table_name = 'reporter_survey_answers'
          order by ordinal_position`,
    );
    expect(columns.map((c) => c.column_name)).toEqual([
      "id",
      "municipality_id",
      "month",
      "unit_kind",
      "timely",
      "meeting_useful",
      "call_again",
    ]);
    const keys = await rowsOf<{ target: string }>(
      sql`select confrelid::regclass::text as target from pg_constraint
          where conrelid = 'reporter_survey_answers'::regclass and contype = 'f'`,
    );
    expect(keys.map((k) => k.target)).toEqual(["municipalities"]);
    // The marker says who answered on which report, not what nor when.
    const markerColumns = await rowsOf<{ column_name: string }>(
      sql`select column_name from information_schema.columns where table_name = 'reporter_survey_answered'
          order by ordinal_position`,
    );
    expect(markerColumns.map((c) => c.column_name)).toEqual(["municipality_id", "report_id", "user_id"]);
    expect(
      await getDb().select().from(reporterSurveyAnswered).where(eq(reporterSurveyAnswered.reportId, report.id)),
    ).toHaveLength(1);
  });

  it("refuses someone else, an undecided report and a missing answer, storing nothing", async () => {
    const { world, m, decided, post } = await setup();
    const report = await decided();
    const notOpen = { data: { result: { error: { "": ["survey:errors.notOpen"] } } } };
    expect(await post(world.user.principal, report.id)).toMatchObject(notOpen);
    const undecided = await createReport(world.user.staff, world.unit.school.id);
    expect(await post(world.user.staff, undecided.id)).toMatchObject(notOpen);
    const missing = await post(world.user.staff, report.id, { timely: "yes", meetingUseful: "", callAgain: "maybe" });
    expect(missing).toMatchObject({
      data: {
        result: {
          error: { meetingUseful: ["survey:errors.answerRequired"], callAgain: ["survey:errors.answerRequired"] },
        },
      },
    });
    expect(await count(m)).toBe(0);
    // Social services may read the report but never answer for the reporter; another municipality finds no report.
    expect(await post(world.user.reception_worker, report.id)).toMatchObject(notOpen);
    const elsewhere = await createWorld("Annanstad");
    expect(await post(elsewhere.user.staff, report.id)).toMatchObject({ status: 404 });
  });

  it("shows in /stats and its CSV as counts, under five hidden", async () => {
    const { world, m, decided, post } = await setup();
    for (let i = 0; i < 6; i++) {
      const report = await decided();
      await post(world.user.staff, report.id, { ...answers, meetingUseful: i < 5 ? "yes" : "no" });
    }
    const steering = (await getCurrentUser(world.user.steering.id, m))!;
    const today = stockholmDate(new Date());
    const { survey } = await followUpStats(steering, { from: today, to: today });
    expect(survey.answers).toBe(6);
    const meeting = survey.questions.find((q) => q.question === "meetingUseful")!;
    // 5 yes, 1 no, 0 no meeting: the lone 1 is hidden, and the 5 with it (else 6 − 5 gives it away).
    expect(meeting.answers).toEqual(["yes", "no", "no_meeting"]);
    expect(meeting.parts).toEqual([null, null, 0]);
    const timely = survey.questions.find((q) => q.question === "timely")!;
    expect(timely.parts).toEqual([6, 0, 0]);
    const request = new Request(`http://localhost/stats.csv?period=custom&from=${today}&to=${today}`, {
      headers: { Cookie: await sessionCookieFor(world.user.steering) },
    });
    const csv = await ((await csvRoute.loader({ request, params: {}, context: testContext() })) as Response).text();
    expect(csv).toContain("survey_answers,period,all,6");
    expect(csv).toContain("survey_answer,period,timely:yes,6");
    expect(csv).toContain("survey_answer,period,meetingUseful:no,< 5");
  });
});
