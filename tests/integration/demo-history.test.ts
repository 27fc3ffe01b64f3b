import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb, openDatabase, type Database } from "#db/client.server";
import { municipalities, reportEvents, reports, reviewCases, users } from "#db/schema";
import { demoAccounts, demoUnits } from "~/demo/accounts";
import * as demo from "~/demo/seed.server";
import { addCalendarDays, stockholmDate } from "~/domain/deadlines";
import { keyringFor } from "~/lib/sealed.server";
import { reviewMonthFor } from "~/models/quality-review.server";
import { listSecondLooks } from "~/models/report.server";
import { yearlyReport } from "~/models/stats-report.server";
import { statsOverview } from "~/models/stats.server";
import { getCurrentUser } from "~/models/user.server";
import * as reportRoute from "~/routes/reports.$reportId";
import * as queueRoute from "~/routes/reports.review";
import * as caseRoute from "~/routes/reviews.$caseId";
import * as reviewsRoute from "~/routes/reviews._index";
import * as statsRoute from "~/routes/stats._index";
import * as yearlyRoute from "~/routes/stats.report";
import * as unitRoute from "~/routes/units.$unitId";
import { sessionCookieFor } from "../factories";
import { callRoute } from "../routes";
import { ownDatabaseOnPostgres } from "../setup/databases";

/**
 * The demo shows figures (issue 23) and the quality work waiting (issue 20): two years of generated history behind
 * the demo's own cases, closed and made by generated staff in generated units, so that /stats, the radar and the
 * yearly report have real numbers (some still hidden), the reception lead has a proposal to look at and last month's
 * review sample is drawn. What the demo accounts see as their own work is the same as without the history.
 */

const today = () => stockholmDate(new Date());
const thisMonth = () => today().slice(0, 7);
const monthBefore = (month: string) => addCalendarDays(`${month}-01`, -1).slice(0, 7);

async function rows<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } & T[];
  return result.rows ?? result;
}

/** What each demo account has of its own: reports it made or handles, messages, invitations, registrations. */
async function demoAccountsOwn(db: Database) {
  const emails = demoAccounts.map((a) => a.email);
  return rows<Record<string, string | number>>(
    db,
    sql`select u.email,
      (select count(*)::int from reports r where u.id in (r.reporter_id, r.co_signer_id, r.registered_by_id,
        r.assigned_to_id, r.observer_id)) as reports,
      (select count(*)::int from messages m where m.recipient_id = u.id
        and m.template is distinct from 'reviews:notices.assigned') as messages,
      (select count(*)::int from messages m where m.recipient_id = u.id and m.read_at is null) as unread,
      (select count(*)::int from meeting_invitations i where i.invitee_id = u.id) as invitations,
      (select count(*)::int from training_registrations g where g.user_id = u.id) as registrations,
      (select count(*)::int from meetings mt where mt.organizer_id = u.id) as meetings,
      (select count(*)::int from advice_consultations a where u.id in (a.author_id, a.caller_user_id)) as advice
    from users u where u.email in (${sql.join(
      emails.map((e) => sql`${e}`),
      sql`, `,
    )}) order by u.email`,
  );
}

let drop: () => Promise<void>;
let accounts: Record<string, NonNullable<Awaited<ReturnType<typeof getCurrentUser>>>>;
let municipalityId: string;

beforeAll(async () => {
  // On PostgreSQL a database of this file's own: the run's shared one may hold a municipality already.
  drop = await ownDatabaseOnPostgres("demo_history");
  expect(await demo.seedDemo(getDb())).toBe(true);
  await demo.drawDemoReviewSample();
  const [city] = await getDb().select().from(municipalities).where(eq(municipalities.slug, "exempelstad"));
  municipalityId = city.id;
  const all = await getDb()
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      inArray(
        users.email,
        demoAccounts.map((a) => a.email),
      ),
    );
  accounts = {};
  for (const u of all) accounts[u.email] = (await getCurrentUser(u.id, municipalityId))!;
}, 120_000);

afterAll(async () => {
  await drop?.();
});

const who = (email: string) => accounts[`${email}@exempelstad.example`];

describe("the demo's history", () => {
  it("shows most monthly totals of the last twelve full months on /stats, with some cells still hidden", async () => {
    const to = addCalendarDays(`${thisMonth()}-01`, -1);
    let from = thisMonth();
    for (let i = 0; i < 12; i++) from = monthBefore(from);
    const overview = await statsOverview(who("styrgrupp"), { from: `${from}-01`, to });
    const { bySource } = overview.reports;
    expect(overview.reports.months).toHaveLength(12);
    // Shown, and real: at least five (a zero is shown too).
    const shown = bySource.rowTotals.filter((v) => v !== null && v >= 5);
    expect(shown.length).toBeGreaterThanOrEqual(9);
    // Small counts are still hidden: a source in a month, a unit.
    const hidden = [...bySource.cells.flat(), ...overview.perUnit.kinds.flatMap((k) => k.units.map((u) => u.reports))];
    expect(hidden.filter((v) => v === null).length).toBeGreaterThan(0);
    // The shares and the median rest on enough cases to be shown.
    expect(overview.reports.investigationShare.all).not.toBeNull();
    expect(overview.reports.medianDaysToDecision).not.toBeNull();
    // The radar has units to list, against the rates of the year's reports.
    expect(overview.radar.underReporting.length + overview.radar.checkIn.length).toBeGreaterThan(0);
  });

  it("gives the yearly report for last year figures beside the year before", async () => {
    const year = Number(today().slice(0, 4)) - 1;
    const report = await yearlyReport(who("styrgrupp"), year);
    const figure = (key: string) => report.figures.find((f) => f.key === key);
    for (const key of ["reportsTotal", "reportsSchool", "adviceCalls", "investigationShare", "trainingsHeld"]) {
      expect(figure(key)?.current, key).not.toBeNull();
      expect(figure(key)?.previous, key).not.toBeNull();
    }
    expect(figure("reportsTotal")?.current).toBeGreaterThan(100);
    expect(report.figures.filter((f) => f.current !== null).length).toBeGreaterThan(report.figures.length / 2);
  });

  it("has the reception lead's queue hold a 'not opened' waiting for the second look", async () => {
    const queue = await listSecondLooks(who("gruppledare"));
    expect(queue.length).toBeGreaterThanOrEqual(1);
    const nora = queue.find((q) => q.childName === "Nora Exempeldotter");
    expect(nora?.secondLookReasons).toEqual(expect.arrayContaining(["violence", "child_not_heard"]));
    expect(nora?.own).toBe(false);
  });

  it("has last month's review sample drawn, each case with a reviewer who did not decide it", async () => {
    const month = monthBefore(thisMonth());
    for (const email of ["samordnare", "gruppledare"]) {
      const view = await reviewMonthFor(who(email), month);
      expect(view.sample, email).not.toBeNull();
      expect(view.sample?.cases).toBeGreaterThanOrEqual(3);
      expect(view.sample?.unassigned).toBe(0);
      expect(view.sample?.reproduces).toBe(true);
    }
    const cases = await getDb()
      .select({ reportId: reviewCases.reportId, reviewerId: reviewCases.reviewerId })
      .from(reviewCases)
      .where(eq(reviewCases.municipalityId, municipalityId));
    for (const c of cases) {
      const deciders = await getDb()
        .select({ id: reportEvents.actorId })
        .from(reportEvents)
        .where(
          and(
            eq(reportEvents.reportId, c.reportId),
            inArray(reportEvents.kind, ["decided", "decision_proposed", "second_look_approved"]),
          ),
        );
      const [report] = await getDb()
        .select({ assigned: reports.assignedToId })
        .from(reports)
        .where(eq(reports.id, c.reportId));
      expect(c.reviewerId).not.toBeNull();
      expect([...deciders.map((d) => d.id), report.assigned]).not.toContain(c.reviewerId);
    }
  });

  it("is closed, made by generated staff in generated units, and leaves the demo accounts' own work as it was", async () => {
    const db = getDb();
    const keyring = await keyringFor(municipalityId);
    const all = await db
      .select({
        id: reports.id,
        childName: reports.childName,
        unitId: reports.unitId,
        decidedAt: reports.decidedAt,
        reporterId: reports.reporterId,
      })
      .from(reports)
      .where(eq(reports.municipalityId, municipalityId));
    const own = all.filter((r) => keyring.open("report.childName", r.childName).includes("Exempel"));
    const generated = all.filter((r) => !own.includes(r));
    expect(own).toHaveLength(4);
    expect(generated.length).toBeGreaterThan(300);
    // Every name sealed on the way in (decision 021), the guardians' and consent givers' too.
    expect(all.every((r) => r.childName.startsWith("sealed:"))).toBe(true);
    const [open] = await rows<{ guardians: number; givers: number; consents: number }>(
      db,
      sql`select
        (select count(*)::int from reports, jsonb_array_elements(guardians) g where g->>'name' not like 'sealed:%') as guardians,
        (select count(*)::int from consents where given_by not like 'sealed:%') as givers,
        (select count(*)::int from consents) as consents`,
    );
    expect(open).toMatchObject({ guardians: 0, givers: 0 });
    expect(open.consents).toBeGreaterThan(0);
    // Decided, long enough ago that nothing of it is still under way.
    const now = Date.now();
    expect(generated.every((r) => r.decidedAt && r.decidedAt.getTime() < now - 7 * 86_400_000)).toBe(true);
    // No generated report in one of the demo's own units, nor by a demo account.
    const demoIds = new Set(Object.values(accounts).map((u) => u.id));
    const demoUnitIds = new Set(
      (
        await rows<{ id: string }>(
          db,
          sql`select id from units where name in (${sql.join(
            demoUnits.map((u) => sql`${u.name}`),
            sql`, `,
          )})`,
        )
      ).map((u) => u.id),
    );
    expect(generated.filter((r) => r.reporterId && demoIds.has(r.reporterId))).toEqual([]);
    expect(generated.filter((r) => r.unitId && demoUnitIds.has(r.unitId))).toEqual([]);
    // Nothing ahead: no meeting to come, no feedback still owed, no training from last week on, every report decided
    // on a Stockholm day two weeks ago or earlier (by the day, not the hour: at 00:10 a decision made at 10:00 on
    // that day is not yet fourteen times 24 hours old).
    const ids = sql.join(
      generated.map((r) => sql`${r.id}::uuid`),
      sql`, `,
    );
    const demoEmails = sql.join(
      demoAccounts.map((a) => sql`${a.email}`),
      sql`, `,
    );
    const [ahead] = await rows<Record<string, number>>(
      db,
      sql`select
        (select count(*)::int from meetings where report_id in (${ids}) and (status = 'scheduled'
          or starts_at > now() - interval '7 days')) as meetings,
        (select count(*)::int from basic_feedback where report_id in (${ids}) and delivered_at is null) as feedback,
        (select count(*)::int from trainings t join users u on u.id = t.created_by_id
          where t.starts_at > now() - interval '8 days' and u.email not in (${demoEmails})) as trainings,
        (select count(*)::int from reports where id in (${ids}) and (protection_assessed_at is null or decided_at is null
          or (decided_at at time zone 'Europe/Stockholm')::date
            > (now() at time zone 'Europe/Stockholm')::date - 14)) as undecided`,
    );
    expect(ahead).toEqual({ meetings: 0, feedback: 0, trainings: 0, undecided: 0 });

    // The demo accounts' own work, as a demo seeded without the history has it.
    const pglite = new PGlite({ loadDataDir: new Blob([readFileSync(inject("pgliteTemplate"))]) });
    const bare = openDatabase({ pglite });
    try {
      expect(await demo.seedDemo(bare.db, { history: false })).toBe(true);
      expect(await demoAccountsOwn(db)).toEqual(await demoAccountsOwn(bare.db));
    } finally {
      await bare.close();
    }
  });

  it("opens, for a newcomer, on the pages that show it", async () => {
    const get = async (route: { loader?: unknown }, path: string, email: string, params = {}) =>
      callRoute(route.loader as never, { path, params, cookie: await sessionCookieFor(who(email)) });
    for (const [route, path] of [
      [statsRoute, "/stats"],
      [yearlyRoute, "/stats/report"],
    ] as const)
      expect((await get(route, path, "styrgrupp")).status, path).toBe(200);
    expect((await get(queueRoute, "/reports/review", "gruppledare")).status).toBe(200);
    for (const email of ["samordnare", "gruppledare"]) {
      const page = await get(reviewsRoute, "/reviews", email);
      expect(page.status).toBe(200);
      expect(page.data).toMatchObject({ sample: { unassigned: 0 } });
    }
    // Each case for its reviewer, a demo account among them; a generated unit's page; an old report's page.
    const cases = await getDb()
      .select({ id: reviewCases.id, reviewerId: reviewCases.reviewerId })
      .from(reviewCases)
      .where(eq(reviewCases.municipalityId, municipalityId));
    const reviewers = Object.entries(accounts).filter(([, u]) => cases.some((c) => c.reviewerId === u.id));
    expect(reviewers.length).toBeGreaterThan(0);
    for (const [email] of reviewers) {
      const mine = cases.find((c) => c.reviewerId === accounts[email].id)!;
      const page = await get(caseRoute, `/reviews/${mine.id}`, email.split("@")[0], { caseId: mine.id });
      expect(page.status, email).toBe(200);
    }
    const [old] = await getDb()
      .select({ id: reports.id, unitId: reports.unitId })
      .from(reports)
      .where(and(eq(reports.municipalityId, municipalityId), sql`${reports.receivedAt} < now() - interval '1 year'`))
      .limit(1);
    const report = await get(reportRoute, `/reports/${old.id}`, "mottagning", { reportId: old.id });
    expect(report.status).toBe(200);
    if (old.unitId) {
      const unit = await get(unitRoute, `/units/${old.unitId}`, "mottagning", { unitId: old.unitId });
      expect(unit.status).toBe(200);
    }
  });
});
