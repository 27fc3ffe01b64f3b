import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { messages, reporterSurveyAnswered, reporterSurveyTallies } from "#db/schema";
import { stockholmDate } from "~/domain/deadlines";
import { recordChildHeard, recordDecision, recordProtectionAssessment } from "~/models/report.server";
import { followUpStats } from "~/models/stats.server";
import { getCurrentUser } from "~/models/user.server";
import * as csvRoute from "~/routes/stats[.csv]";
import * as surveyRoute from "~/routes/reports.$reportId_.survey";
import { surveyAnswers, surveyQuestions } from "~/domain/reporter-survey";
import { createReport, createUser, createWorld, decisionInput, sessionCookieFor, testContext } from "../factories";
import { callRoute } from "../routes";

const answers = { timely: "yes", meetingUseful: "no_meeting", callAgain: "yes" };

async function setup() {
  const world = await createWorld();
  const m = world.municipality.id;
  const worker = (await getCurrentUser(world.user.reception_worker.id, m))!;
  const decided = async (reporter: { id: string; municipalityId: string } = world.user.staff) => {
    const report = await createReport(reporter, world.unit.school.id, { coSignerId: world.user.principal.id });
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

const tallies = async (m: string) =>
  getDb().select().from(reporterSurveyTallies).where(eq(reporterSurveyTallies.municipalityId, m));
/** How many have answered: each answer counts once under every question, so under "timely". */
const count = async (m: string) =>
  (await tallies(m)).filter((t) => t.question === "timely").reduce((sum, t) => sum + t.count, 0);
/** Every (question, answer) pair, as "question:answer". */
const everyPair = surveyQuestions.flatMap((q) => surveyAnswers[q].map((a) => `${q}:${a}`)).sort();

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
    // One tally per (question, answer) of the cell: the chosen answers 1, the others 0.
    const rows = await tallies(m);
    expect(rows.map((t) => `${t.question}:${t.answer}`).sort()).toEqual(everyPair);
    for (const t of rows) {
      expect(t).toMatchObject({ month: stockholmDate(new Date()).slice(0, 7), unitKind: "school" });
      expect(t.count).toBe(answers[t.question as keyof typeof answers] === t.answer ? 1 : 0);
    }
    // The tallies' table holds no column a report, a person or a time could be read from, and no key to one.
    const columns = await rowsOf<{ column_name: string }>(
      sql`select column_name from information_schema.columns where table_name = 'reporter_survey_tallies'
          order by ordinal_position`,
    );
    expect(columns.map((c) => c.column_name)).toEqual([
      "municipality_id",
      "month",
      "unit_kind",
      "question",
      "answer",
      "count",
    ]);
    const keys = await rowsOf<{ target: string }>(
      sql`select confrelid::regclass::text as target from pg_constraint
          where conrelid = 'reporter_survey_tallies'::regclass and contype = 'f'`,
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
    expect(csv).toContain("survey_answer,period,meetingUseful:no,dold");
  });

  it("no answer can be joined to its marker by transaction id", async () => {
    const { world, m, decided, post } = await setup();
    const other = await createUser({ municipalityId: m, unitId: world.unit.school.id, role: "staff" });
    const mine = await decided();
    const theirs = await decided(other);
    await post(world.user.staff, mine.id, { timely: "yes", meetingUseful: "no_meeting", callAgain: "yes" });
    await post(other, theirs.id, { timely: "no", meetingUseful: "yes", callAgain: "unsure" });
    const markers = await rowsOf<{ xid: string }>(
      sql`select xmin::text as xid from reporter_survey_answered where municipality_id = ${m}`,
    );
    expect(markers).toHaveLength(2);
    // An insider's join: the stored survey rows written by the same transaction as a marker, as (question, answer).
    const sharing = async (xid: string) =>
      (
        await rowsOf<{ question: string; answer: string }>(
          sql`select question::text, answer from reporter_survey_tallies
              where municipality_id = ${m} and xmin::text = ${xid}`,
        )
      ).map((t) => `${t.question}:${t.answer}`);
    const shared = [];
    for (const { xid } of markers) {
      const pairs = (await sharing(xid)).sort();
      // Nothing, or every pair of the cell alike: neither tells which answers that reporter chose.
      if (pairs.length > 0) expect(pairs).toEqual(everyPair);
      shared.push(pairs.length > 0);
    }
    // The latest answer's marker does share the cell's xmin (the join works; it only names the cell), the other not.
    expect(shared.filter(Boolean)).toHaveLength(1);
    expect(await count(m)).toBe(2);
  });
});
