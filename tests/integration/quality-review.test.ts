import { and, asc, count, eq, inArray, isNotNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, deviations, reports, reviewCases, reviewSamples, users, type Role } from "#db/schema";
import { addCalendarDays, stockholmDate, stockholmInstant } from "~/domain/deadlines";
import { reviewItems, type ReviewAnswer, type ReviewItem } from "~/domain/review-checklist";
import { drawSample } from "~/domain/review-sample";
import type { ReviewAnswerForm } from "~/domain/review-schema";
import {
  answerReviewCase,
  closeDeviation,
  drawReviewSample,
  reviewCaseFor,
  reviewFindings,
  reviewMonthFor,
  sampleReproduces,
  saveReviewSampleSize,
} from "~/models/quality-review.server";
import { assignReport } from "~/models/report.server";
import { getCurrentUser } from "~/models/user.server";
import * as caseRoute from "~/routes/reviews.$caseId";
import * as monthRoute from "~/routes/reviews._index";
import { createDecidedReport, createReport, createUser, createWorld, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";

/**
 * The internal quality review (issue 20): a month's sample of closed pre-assessments, drawn from a stored seed, for
 * reviewers who did not decide them; the checklist; a "no" as a deviation; who may do what. Runs on PGlite and, with
 * TEST_DATABASE_URL, on PostgreSQL, where the draws at the same moment really race.
 */

const MONTH = "2025-03";
const march = (day: number, time = "10:00") => stockholmInstant(`${MONTH}-${String(day).padStart(2, "0")}`, time);
const today = () => stockholmDate(new Date());

async function setup(name = "Granskningsstad") {
  const world = await createWorld(name);
  const as = async (who: Role | { id: string }) => {
    const id = typeof who === "string" ? world.user[who].id : who.id;
    return (await getCurrentUser(id, world.municipality.id))!;
  };
  const decide = (decider: { id: string; municipalityId: string }, at: Date, decision?: "opened" | "not_opened") =>
    createDecidedReport(world.user.staff, world.unit.school.id, decider, at, decision);
  return { world, as, decide };
}

const casesOf = (sampleId: string) =>
  getDb().select().from(reviewCases).where(eq(reviewCases.sampleId, sampleId)).orderBy(asc(reviewCases.position));

async function drawn(user: Parameters<typeof drawReviewSample>[0], month = MONTH) {
  const result = await drawReviewSample(user, month);
  if (!result.ok) throw new Error(`not drawn: ${result.error}`);
  return result;
}

/** Every item answered as the portal suggests (not applicable where it has no suggestion), with `changes`. */
function answersFrom(
  suggestions: Record<ReviewItem, { answer: ReviewAnswer | null }>,
  changes: Partial<ReviewAnswerForm> = {},
): ReviewAnswerForm {
  const base = Object.fromEntries(
    reviewItems.map((i) => [i, { answer: suggestions[i].answer ?? "na", comment: "", ownerId: "", dueOn: "" }]),
  ) as ReviewAnswerForm;
  return { ...base, ...changes };
}

describe("the month's sample", () => {
  it("is drawn from the pre-assessments closed in the month in Stockholm time, of the municipality only", async () => {
    const { world, as, decide } = await setup();
    const other = await setup("Grannstad");
    const worker = world.user.reception_worker;
    const inside = [
      await decide(worker, march(5)),
      await decide(worker, march(20), "not_opened"),
      // 00:30 on 1 March in Stockholm, still February in UTC.
      await decide(worker, new Date("2025-02-28T23:30:00Z")),
      // 23:30 on 31 March in Stockholm (summer time since the 30th).
      await decide(worker, new Date("2025-03-31T21:30:00Z")),
    ];
    // 23:30 on 28 February and 00:30 on 1 April in Stockholm; received in March but not decided; another municipality.
    await decide(worker, new Date("2025-02-28T22:30:00Z"));
    await decide(worker, new Date("2025-03-31T22:30:00Z"));
    await createReport(world.user.staff, world.unit.school.id, {}, march(12));
    await other.decide(other.world.user.reception_worker, march(6));

    const coordinator = await as("coordinator");
    await saveReviewSampleSize(coordinator, 50);
    const { sampleId } = await drawn(coordinator);
    const cases = await casesOf(sampleId);
    expect(cases.map((c) => c.reportId).sort()).toEqual(inside.map((r) => r.id).sort());
    expect(cases.every((c) => c.municipalityId === world.municipality.id)).toBe(true);
    const [sample] = await getDb().select().from(reviewSamples).where(eq(reviewSamples.id, sampleId));
    expect(sample).toMatchObject({ month: MONTH, size: 50, candidates: 4, drawnById: coordinator.id });
  });

  it("can be drawn again from its stored seed: the same seed and month give the same cases", async () => {
    const { world, as, decide } = await setup();
    for (let day = 1; day <= 14; day++) await decide(world.user.reception_worker, march(day));
    const coordinator = await as("coordinator");
    const { sampleId } = await drawn(coordinator);
    const [sample] = await getDb().select().from(reviewSamples).where(eq(reviewSamples.id, sampleId));
    expect(sample.size).toBe(10);
    expect(sample.candidates).toBe(14);
    expect(sample.seed).toMatch(/^[0-9a-f]{16}$/);
    const stored = (await casesOf(sampleId)).map((c) => c.reportId);
    expect(stored).toHaveLength(10);

    expect(await sampleReproduces(coordinator, sampleId)).toBe(true);
    expect((await reviewMonthFor(coordinator, MONTH)).sample?.reproduces).toBe(true);
    // By hand, as an auditor would: the month's closed pre-assessments (all of this municipality's), the seed, the size.
    const month = await getDb()
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.municipalityId, world.municipality.id), isNotNull(reports.decision)));
    const ids = month.map((r) => r.id);
    expect(drawSample(ids, sample.seed, sample.size)).toEqual(stored);
    // Another seed draws other cases from the same month.
    expect(drawSample(ids, `${sample.seed}0`, sample.size)).not.toEqual(stored);
  });

  it("never gives a reviewer their own decision, nor the one they handled", async () => {
    const { world, as, decide } = await setup();
    const second = await createUser({
      municipalityId: world.municipality.id,
      unitId: world.unit.reception.id,
      role: "reception_worker",
    });
    const deciders = [world.user.reception_worker, world.user.investigator, second];
    const decidedBy = new Map<string, string>();
    for (let i = 0; i < 12; i++) {
      const decider = deciders[i % 3];
      decidedBy.set((await decide(decider, march(1 + i))).id, decider.id);
    }
    // Handled by the investigator, decided by the reception worker: neither reviews it.
    const assigned = await createDecidedReport(
      world.user.staff,
      world.unit.school.id,
      world.user.reception_worker,
      march(26),
    );
    await assignReport(await as("reception_worker"), assigned.id, world.user.investigator.id);

    const coordinator = await as("coordinator");
    await saveReviewSampleSize(coordinator, 50);
    const cases = await casesOf((await drawn(coordinator)).sampleId);
    expect(cases).toHaveLength(13);
    for (const c of cases) {
      expect(c.reviewerId).not.toBeNull();
      if (c.reportId === assigned.id) {
        expect([world.user.reception_worker.id, world.user.investigator.id]).not.toContain(c.reviewerId);
      } else {
        expect(c.reviewerId).not.toBe(decidedBy.get(c.reportId));
      }
    }
  });

  it("leaves a case unassigned when nobody but its decider could review it, and the page says so", async () => {
    const { world, as, decide } = await setup();
    await decide(world.user.reception_worker, march(3));
    await decide(world.user.reception_worker, march(4));
    // The only social worker left is the one who decided.
    const others = Object.entries(world.user)
      .filter(([role]) => ["reception_lead", "investigator"].includes(role))
      .map(([, u]) => u.id);
    await getDb().update(users).set({ active: false }).where(inArray(users.id, others));
    const coordinator = await as("coordinator");
    const cases = await casesOf((await drawn(coordinator)).sampleId);
    expect(cases.map((c) => c.reviewerId)).toEqual([null, null]);

    const page = await callRoute(monthRoute.loader as never, {
      path: `/reviews?month=${MONTH}`,
      cookie: await sessionCookieFor(world.user.coordinator),
    });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ sample: { cases: 2, unassigned: 2 } });
  });

  it("is drawn once: a second draw, and draws at the same moment by two coordinators, give the first", async () => {
    const { world, as, decide } = await setup();
    for (let day = 2; day <= 8; day++) await decide(world.user.reception_worker, march(day));
    const coordinator = await as("coordinator");
    const colleague = await as(
      await createUser({
        municipalityId: world.municipality.id,
        unitId: world.unit.coordination.id,
        role: "coordinator",
      }),
    );
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => drawReviewSample(i % 2 ? colleague : coordinator, MONTH)),
    );
    const ids = new Set(results.map((r) => (r.ok ? r.sampleId : r.error)));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.ok && r.created)).toHaveLength(1);
    const [{ n: samples }] = await getDb()
      .select({ n: count() })
      .from(reviewSamples)
      .where(eq(reviewSamples.municipalityId, world.municipality.id));
    expect(samples).toBe(1);
    const [{ n: cases }] = await getDb()
      .select({ n: count() })
      .from(reviewCases)
      .where(eq(reviewCases.municipalityId, world.municipality.id));
    expect(cases).toBe(7);
    const [{ n: audited }] = await getDb()
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.municipalityId, world.municipality.id), eq(auditEvents.recordType, "review_sample")));
    expect(audited).toBe(1);

    const again = await drawReviewSample(coordinator, MONTH);
    expect(again).toEqual({ ok: true, sampleId: [...ids][0], created: false });
  });

  it("is drawn only for a month that is over", async () => {
    const { as } = await setup();
    const coordinator = await as("coordinator");
    const now = stockholmInstant("2025-04-15", "12:00");
    expect(await drawReviewSample(coordinator, "2025-04", now)).toEqual({ ok: false, error: "monthNotOver" });
    expect(await drawReviewSample(coordinator, "2025-05", now)).toEqual({ ok: false, error: "monthNotOver" });
    expect((await drawReviewSample(coordinator, "2025-03", now)).ok).toBe(true);
  });
});

describe("the checklist", () => {
  async function oneCase() {
    const { world, as, decide } = await setup();
    const report = await decide(world.user.reception_worker, march(10));
    const coordinator = await as("coordinator");
    const [c] = await casesOf((await drawn(coordinator)).sampleId);
    expect(c.reviewerId).not.toBeNull();
    expect(c.reviewerId).not.toBe(world.user.reception_worker.id);
    return { world, as, report, coordinator, caseId: c.id, reviewer: await as({ id: c.reviewerId! }) };
  }

  it("suggests from what was recorded; a 'no' becomes a deviation with an owner and a due date, listed until closed", async () => {
    const { world, as, coordinator, caseId, reviewer } = await oneCase();
    const found = (await reviewCaseFor(reviewer, caseId))!;
    expect(Object.fromEntries(reviewItems.map((i) => [i, found.suggestions[i].answer]))).toEqual({
      protection_on_time: "yes",
      decision_in_time: "yes",
      child_heard: "yes",
      reasons_sound: "na",
      remaining_concern_handled: "na",
      police_considered: "na",
      feedback_given: "yes",
      earlier_reports_weighed: "na",
    });

    const owner = world.user.reception_worker;
    const dueOn = addCalendarDays(today(), 14);
    const answered = await answerReviewCase(
      reviewer,
      caseId,
      answersFrom(found.suggestions, {
        child_heard: { answer: "no", comment: "Barnet hördes inte enskilt.", ownerId: owner.id, dueOn },
      }),
    );
    expect(answered).toEqual({ ok: true, deviations: 1 });
    const [row] = await getDb().select().from(reviewCases).where(eq(reviewCases.id, caseId));
    expect(row.completedAt).not.toBeNull();
    expect(row.answers?.child_heard).toEqual({
      answer: "no",
      comment: "Barnet hördes inte enskilt.",
      suggested: "yes",
    });
    expect(row.answers?.protection_on_time).toEqual({ answer: "yes", comment: "", suggested: "yes" });
    const made = await getDb().select().from(deviations).where(eq(deviations.caseId, caseId));
    expect(made).toMatchObject([
      { item: "child_heard", ownerId: owner.id, dueOn, municipalityId: world.municipality.id, closedAt: null },
    ]);

    // Listed: to the coordinators with its owner, to the owner with the report, to steering as a count only.
    const forCoordinator = await reviewMonthFor(coordinator, MONTH);
    expect(forCoordinator.deviations).toMatchObject([{ item: "child_heard", ownerName: owner.name, reference: null }]);
    expect(forCoordinator.cases).toMatchObject([{ id: caseId, reference: null, deviations: 1 }]);
    const ownerView = await reviewMonthFor(await as("reception_worker"), MONTH);
    expect(ownerView.deviations).toMatchObject([{ item: "child_heard", mayClose: true }]);
    expect(ownerView.deviations[0].reference).toMatch(/^ORO-/);
    const steering = await reviewMonthFor(await as("steering"), MONTH);
    expect(steering).toMatchObject({ cases: [], deviations: [], openDeviations: 1 });
    expect(JSON.stringify(steering)).not.toMatch(/ORO-|Test /);

    // Answered once: the same form again changes nothing.
    const again = await answerReviewCase(reviewer, caseId, answersFrom(found.suggestions));
    expect(again).toEqual({ ok: false, error: "alreadyCompleted" });
    expect(await getDb().select().from(deviations).where(eq(deviations.caseId, caseId))).toHaveLength(1);

    // Closed by its owner (not by another social worker), with what was done: no longer listed.
    expect(await closeDeviation(await as("investigator"), made[0].id, "Inte min.")).toBe(false);
    expect(await closeDeviation(await as("reception_worker"), made[0].id, "Rutinen är genomgången.")).toBe(true);
    expect((await reviewMonthFor(coordinator, MONTH)).deviations).toEqual([]);
    const [closed] = await getDb().select().from(deviations).where(eq(deviations.id, made[0].id));
    expect(closed).toMatchObject({ note: "Rutinen är genomgången.", closedById: owner.id });
  });

  it("takes owners from social services only, and answers only from the assigned reviewer", async () => {
    const { world, as, caseId, reviewer } = await oneCase();
    const found = (await reviewCaseFor(reviewer, caseId))!;
    const dueOn = addCalendarDays(today(), 7);
    const withOwner = (ownerId: string) =>
      answersFrom(found.suggestions, { reasons_sound: { answer: "no", comment: "Tunt.", ownerId, dueOn } });
    expect(await answerReviewCase(reviewer, caseId, withOwner(world.user.staff.id))).toEqual({
      ok: false,
      error: "unknownOwner",
      item: "reasons_sound",
    });
    expect(await answerReviewCase(await as("reception_worker"), caseId, withOwner(world.user.investigator.id))).toEqual(
      {
        ok: false,
        error: "notFound",
      },
    );
    const other = await setup("Grannstad");
    expect(await reviewCaseFor(await other.as("investigator"), caseId)).toBeNull();
    expect(await getDb().select().from(deviations).where(eq(deviations.caseId, caseId))).toEqual([]);
  });

  it("gives the findings per item as counts, for the months asked", async () => {
    const { as, caseId, reviewer, coordinator } = await oneCase();
    const found = (await reviewCaseFor(reviewer, caseId))!;
    const owner = (await as("reception_worker")).id;
    await answerReviewCase(
      reviewer,
      caseId,
      answersFrom(found.suggestions, {
        feedback_given: { answer: "no", comment: "Sent.", ownerId: owner, dueOn: addCalendarDays(today(), 3) },
      }),
    );
    const findings = await reviewFindings(coordinator, "2025-01-01", "2025-06-30");
    expect(findings.cases).toBe(1);
    expect(findings.items.feedback_given).toEqual({ yes: 0, no: 1, na: 0 });
    expect(findings.items.protection_on_time).toEqual({ yes: 1, no: 0, na: 0 });
    expect(findings.items.police_considered).toEqual({ yes: 0, no: 0, na: 1 });
    expect((await reviewFindings(coordinator, "2025-04-01", "2025-12-31")).cases).toBe(0);
  });
});

describe("who may do what", () => {
  it("lets coordinators draw, the assigned reviewer answer, steering see figures, and nobody else in", async () => {
    const { world, decide } = await setup();
    await decide(world.user.reception_worker, march(10));
    const cookie = async (role: Role) => sessionCookieFor(world.user[role]);
    const page = async (role: Role) =>
      callRoute(monthRoute.loader as never, { path: `/reviews?month=${MONTH}`, cookie: await cookie(role) });
    const draw = async (role: Role) =>
      callRoute(monthRoute.action as never, {
        path: "/reviews",
        method: "POST",
        cookie: await cookie(role),
        form: { intent: "draw", month: MONTH },
      });
    expect((await page("staff")).status).toBe(403);
    expect((await page("steering")).status).toBe(200);
    expect((await draw("investigator")).status).toBe(403);
    expect((await draw("steering")).status).toBe(403);
    const first = await draw("coordinator");
    expect(first.status).toBe(302);
    expect(first.location).toBe(`/reviews?month=${MONTH}&notice=reviewSampleDrawn`);

    const [c] = await getDb().select().from(reviewCases).where(eq(reviewCases.municipalityId, world.municipality.id));
    const reviewerRole = (Object.keys(world.user) as Role[]).find((r) => world.user[r].id === c.reviewerId)!;
    const casePage = async (role: Role, caseId = c.id) =>
      callRoute(caseRoute.loader as never, {
        path: `/reviews/${caseId}`,
        params: { caseId },
        cookie: await cookie(role),
      });
    expect((await casePage(reviewerRole)).status).toBe(200);
    // The decider may review cases, but not this one: it does not exist for them.
    expect((await casePage("reception_worker")).status).toBe(404);
    expect((await casePage("coordinator")).status).toBe(403);
    expect((await casePage("steering")).status).toBe(403);
    expect((await casePage("staff")).status).toBe(403);
    const other = await setup("Grannstad");
    const foreign = await callRoute(caseRoute.loader as never, {
      path: `/reviews/${c.id}`,
      params: { caseId: c.id },
      cookie: await sessionCookieFor(other.world.user.investigator),
    });
    expect(foreign.status).toBe(404);

    const refused = await callRoute(caseRoute.action as never, {
      path: `/reviews/${c.id}`,
      params: { caseId: c.id },
      method: "POST",
      cookie: await cookie("reception_worker"),
      form: { "child_heard.answer": "yes" },
    });
    expect(refused.status).toBe(404);
  });
});
