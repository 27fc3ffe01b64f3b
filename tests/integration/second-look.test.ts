import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, basicFeedback, decisionReviews, messages, reportEvents, reports } from "#db/schema";
import { secondLookFor, type DecisionInput } from "~/domain/pre-assessment";
import { concernKindsOf, setReportKinds } from "~/models/concern-kinds.server";
import {
  approveDecision,
  recordChildHeard,
  recordDecision,
  recordPoliceConsideration,
  recordProtectionAssessment,
  returnDecision,
} from "~/models/report.server";
import { getCurrentUser } from "~/models/user.server";
import * as detailRoute from "~/routes/reports.$reportId";
import * as listRoute from "~/routes/reports._index";
import * as queueRoute from "~/routes/reports.review";
import { caseStep } from "../case-steps";
import { createReport, createUser, createWorld, decisionInput, sessionCookieFor } from "../factories";
import { inWaves, staggered } from "../races";
import { callRoute } from "../routes";

/**
 * A second look before closing (issue 20): a "not opened" on a report of violence, on a child not heard, with
 * concern remaining, or on a child with two or more earlier reports in the year before is proposed, and takes effect
 * only when a reception lead other than the one who proposed it approves it. Until then the school is told nothing
 * new and the report is undecided everywhere; a returned proposal goes back to its author with the lead's comment.
 */

const YEAR = 365 * 86_400_000;
const number = () => `20160504-${String(Math.floor(Math.random() * 1e4)).padStart(4, "0")}`;

async function setup(options: { heard?: boolean; personalNumber?: string } = {}) {
  const world = await createWorld();
  const m = world.municipality.id;
  const current = async (id: string) => (await getCurrentUser(id, m))!;
  const worker = await current(world.user.reception_worker.id);
  const lead = await current(world.user.reception_lead.id);
  const otherLead = await current(
    (await createUser({ municipalityId: m, unitId: world.unit.reception.id, role: "reception_lead" })).id,
  );
  const report = await createReport(world.user.staff, world.unit.school.id, {
    childPersonalNumber: options.personalNumber ?? null,
  });
  await recordProtectionAssessment(worker, report.id, "no_immediate_need");
  const heard = options.heard ?? true;
  await recordChildHeard(worker, report.id, heard, heard ? "Samtal med barnet i skolan." : "Barnet var bortrest.");
  return {
    world,
    worker,
    lead,
    otherLead,
    report,
    cookie: {
      reception: await sessionCookieFor(world.user.reception_worker),
      lead: await sessionCookieFor(world.user.reception_lead),
      otherLead: await sessionCookieFor(otherLead),
      staff: await sessionCookieFor(world.user.staff),
      investigator: await sessionCookieFor(world.user.investigator),
    },
  };
}
type Setup = Awaited<ReturnType<typeof setup>>;

const notOpened: DecisionInput = {
  decision: "not_opened",
  remainingConcern: false,
  ground: "need_met_outside_social_services",
  reasons: "Elevhälsan och familjen har en plan; barnet berättade själv att det är bättre hemma.",
};

const rowOf = async (id: string) => (await getDb().select().from(reports).where(eq(reports.id, id)))[0];
const reviewsOf = (reportId: string) =>
  getDb()
    .select()
    .from(decisionReviews)
    .where(eq(decisionReviews.reportId, reportId))
    .orderBy(decisionReviews.proposedAt);
const pending = async (reportId: string) => (await reviewsOf(reportId)).find((r) => r.status === "proposed")!;
const decidedFeedback = (reportId: string) =>
  getDb()
    .select()
    .from(basicFeedback)
    .where(and(eq(basicFeedback.reportId, reportId), eq(basicFeedback.stage, "decided")));
const inboxOf = (userId: string, template: string) =>
  getDb()
    .select()
    .from(messages)
    .where(and(eq(messages.recipientId, userId), eq(messages.template, template)))
    // In the order given; PostgreSQL promises no order without one.
    .orderBy(messages.createdAt, messages.id);

async function withViolence(s: Setup) {
  const kinds = await concernKindsOf(s.worker);
  const physical = kinds.find((k) => k.code === "physical_violence")!.id;
  expect(await setReportKinds(s.worker, s.report, [physical])).toEqual({ ok: true });
  const police = { considered: true, reported: false, note: "Samråd med polisen: inget brott.", consultedOn: null };
  expect(await recordPoliceConsideration(s.worker, s.report.id, police)).toEqual({ ok: true });
}

/** Two earlier reports about the same child: `monthsAgo` gives when each arrived. */
async function earlierReports(s: Setup, personalNumber: string, monthsAgo: number[]) {
  for (const months of monthsAgo)
    await createReport(
      s.world.user.staff,
      s.world.unit.school.id,
      { childPersonalNumber: personalNumber },
      new Date(Date.now() - (months / 12) * YEAR),
    );
}

async function page(reportId: string, cookie: string) {
  const result = await callRoute(detailRoute.loader, { path: `/reports/${reportId}`, params: { reportId }, cookie });
  expect(result.status).toBe(200);
  return result.data as { view: string; report: Record<string, unknown>; mayReview?: boolean };
}

async function post(reportId: string, cookie: string, form: Record<string, string>) {
  const { handler, ...at } = caseStep(reportId, form.intent);
  return callRoute(handler, { ...at, cookie, method: "POST", form });
}

describe("when a 'not opened' needs a second look", () => {
  it("is one rule of four facts, for a 'not opened' only", () => {
    const none = { decision: "not_opened" as const, remainingConcern: false, kinds: [], childHeard: true, earlier: 0 };
    expect(secondLookFor(none)).toEqual([]);
    expect(secondLookFor({ ...none, kinds: [{ violence: false }, { violence: true }] })).toEqual(["violence"]);
    expect(secondLookFor({ ...none, childHeard: false })).toEqual(["child_not_heard"]);
    expect(secondLookFor({ ...none, remainingConcern: true })).toEqual(["remaining_concern"]);
    expect(secondLookFor({ ...none, earlier: 1 })).toEqual([]);
    expect(secondLookFor({ ...none, earlier: 2 })).toEqual(["earlier_reports"]);
    const all = { ...none, kinds: [{ violence: true }], childHeard: false, remainingConcern: true, earlier: 3 };
    expect(secondLookFor(all)).toEqual(["violence", "child_not_heard", "remaining_concern", "earlier_reports"]);
    for (const decision of ["opened", "already_ongoing"] as const)
      expect(secondLookFor({ ...all, decision })).toEqual([]);
  });

  it("is proposed, not decided, on a report of violence", async () => {
    const s = await setup();
    await withViolence(s);
    expect(await recordDecision(s.worker, s.report.id, notOpened)).toEqual({ ok: true, proposed: true });
    expect(await rowOf(s.report.id)).toMatchObject({ decision: null, decidedAt: null, decisionGround: null });
    expect(await reviewsOf(s.report.id)).toMatchObject([
      {
        status: "proposed",
        decision: "not_opened",
        decisionGround: notOpened.ground,
        decisionReasons: notOpened.reasons,
        remainingConcern: false,
        secondLookReasons: ["violence"],
        proposedById: s.worker.id,
      },
    ]);
  });

  it("is proposed when the child was not heard", async () => {
    const s = await setup({ heard: false });
    expect(await recordDecision(s.worker, s.report.id, notOpened)).toEqual({ ok: true, proposed: true });
    expect((await pending(s.report.id)).secondLookReasons).toEqual(["child_not_heard"]);
    expect((await rowOf(s.report.id)).decision).toBeNull();
  });

  it("is proposed, no longer refused, when concern remains (the page's form too)", async () => {
    const s = await setup();
    const answer = await post(s.report.id, s.cookie.reception, {
      intent: "decide",
      decision: "not_opened",
      remainingConcern: "yes",
      ground: notOpened.ground!,
      reasons: notOpened.reasons,
    });
    expect(answer).toMatchObject({ status: 302, location: `/reports/${s.report.id}?notice=decisionProposed` });
    expect((await pending(s.report.id)).secondLookReasons).toEqual(["remaining_concern"]);
    expect((await rowOf(s.report.id)).decision).toBeNull();
  });

  it("is proposed for a child with two or more earlier reports in the year before, not one, not older ones", async () => {
    const personalNumber = number();
    const twice = await setup({ personalNumber });
    await earlierReports(twice, personalNumber, [2, 11]);
    expect(await recordDecision(twice.worker, twice.report.id, notOpened)).toEqual({ ok: true, proposed: true });
    expect((await pending(twice.report.id)).secondLookReasons).toEqual(["earlier_reports"]);

    // One in the year and one thirteen months ago: one counts.
    const once = await setup({ personalNumber });
    await earlierReports(once, personalNumber, [3, 13]);
    expect(await recordDecision(once.worker, once.report.id, notOpened)).toEqual({ ok: true });
    expect((await rowOf(once.report.id)).decision).toBe("not_opened");
  });

  it("is not needed otherwise: the decision takes effect at once, and any decision but 'not opened' too", async () => {
    const plain = await setup();
    expect(await recordDecision(plain.worker, plain.report.id, notOpened)).toEqual({ ok: true });
    expect(await rowOf(plain.report.id)).toMatchObject({ decision: "not_opened", decidedAt: expect.any(Date) });
    expect(await reviewsOf(plain.report.id)).toEqual([]);

    const everything = await setup({ heard: false });
    await withViolence(everything);
    const opened = { decision: "opened" as const, remainingConcern: true, ground: null, reasons: "" };
    expect(await recordDecision(everything.worker, everything.report.id, opened)).toEqual({ ok: true });
    expect((await rowOf(everything.report.id)).decision).toBe("opened");
    expect(await reviewsOf(everything.report.id)).toEqual([]);
  });
});

describe("a proposal waiting for its second look", () => {
  it("holds basic feedback until a lead approves, then gives it once", async () => {
    const s = await setup({ heard: false });
    expect(await recordDecision(s.worker, s.report.id, notOpened)).toEqual({ ok: true, proposed: true });
    expect(await decidedFeedback(s.report.id)).toEqual([]);
    expect(await inboxOf(s.world.user.staff.id, "feedback:basic")).toHaveLength(1); // the receipt only

    // Reception cannot decide over it while it waits.
    expect(await recordDecision(s.worker, s.report.id, { ...notOpened, decision: "opened" })).toEqual({
      ok: false,
      error: "awaitingSecondLook",
    });

    const proposal = await pending(s.report.id);
    const approved = new Date();
    expect(await approveDecision(s.lead, s.report.id, { proposalId: proposal.id, comment: "" }, approved)).toEqual({
      ok: true,
    });
    expect(await rowOf(s.report.id)).toMatchObject({
      decision: "not_opened",
      decidedAt: approved,
      decisionGround: notOpened.ground,
      decisionReasons: notOpened.reasons,
      remainingConcern: false,
    });
    expect(await reviewsOf(s.report.id)).toMatchObject([
      { status: "approved", reviewedById: s.lead.id, reviewedAt: approved, comment: null },
    ]);
    expect(await decidedFeedback(s.report.id)).toHaveLength(1);
    const told = await inboxOf(s.world.user.staff.id, "feedback:basic");
    expect(told.map((m) => (m.params as { text: string }).text)).toEqual(["received", "not_opened"]);

    // Approved again (a second click, another lead): nothing waits, nothing more is sent.
    expect(await approveDecision(s.otherLead, s.report.id, { proposalId: proposal.id, comment: "" })).toEqual({
      ok: false,
      error: "notPending",
    });
    expect(await inboxOf(s.world.user.staff.id, "feedback:basic")).toHaveLength(2);

    // The decision is the proposer's, approved by the lead: the history says both; the log names no text.
    const events = await getDb().select().from(reportEvents).where(eq(reportEvents.reportId, s.report.id));
    const kinds = events.map((e) => [e.kind, e.actorId]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ["decision_proposed", s.worker.id],
        ["second_look_approved", s.lead.id],
        ["decided", s.worker.id],
      ]),
    );
    const audited = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordId, s.report.id), eq(auditEvents.userId, s.lead.id)));
    expect(audited.map((a) => (a.details as { change?: string }).change)).toEqual(
      expect.arrayContaining(["second_look_approved", "decided"]),
    );
    expect(JSON.stringify(audited)).not.toContain(notOpened.reasons);
  });

  it("shows the school no decision until it is approved", async () => {
    const s = await setup({ heard: false });
    await recordDecision(s.worker, s.report.id, notOpened);
    const reporter = await page(s.report.id, s.cookie.staff);
    expect(reporter.view).toBe("reporter");
    expect(reporter.report).toMatchObject({ status: "received", decidedAt: null });
    expect(JSON.stringify(reporter)).not.toContain(notOpened.reasons);
    const list = await callRoute(listRoute.loader, { path: "/reports", cookie: s.cookie.staff });
    const listed = (list.data as { reports: { id: string; status: string }[] }).reports;
    expect(listed.find((r) => r.id === s.report.id)?.status).toBe("received");

    await approveDecision(s.lead, s.report.id, { proposalId: (await pending(s.report.id)).id, comment: "" });
    expect((await page(s.report.id, s.cookie.staff)).report).toMatchObject({ status: "not_opened" });
  });

  it("goes back to its author with the lead's comment, and reception decides again", async () => {
    const s = await setup({ heard: false });
    await recordDecision(s.worker, s.report.id, notOpened);
    const comment = "Barnet har inte hörts: försök igen via skolan innan vi avslutar.";

    // A return without a comment is refused on the page; with one it goes back.
    const proposalId = (await pending(s.report.id)).id;
    const refused = await post(s.report.id, s.cookie.lead, { intent: "return", proposalId, comment: " " });
    expect(refused.status).toBe(200);
    expect((refused.data as { error: string }).error).toBe("reports:errors.returnCommentRequired");
    const returned = await post(s.report.id, s.cookie.lead, { intent: "return", proposalId, comment });
    expect(returned).toMatchObject({ status: 302, location: `/reports/${s.report.id}?notice=decisionReturned` });
    expect(await reviewsOf(s.report.id)).toMatchObject([{ status: "returned", reviewedById: s.lead.id, comment }]);
    expect((await rowOf(s.report.id)).decision).toBeNull();
    expect(await decidedFeedback(s.report.id)).toEqual([]);

    // The one who proposed it is told in the inbox; the comment is read on the report, not copied into the message.
    const told = await inboxOf(s.worker.id, "reports:decisionReturned");
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ link: `/reports/${s.report.id}#second-look-heading` });
    expect(JSON.stringify(told[0].params)).not.toContain(comment);
    const seen = await page(s.report.id, s.cookie.reception);
    expect(seen.report.secondLooks).toMatchObject([
      { status: "returned", comment, reviewedByName: s.lead.name, proposedByName: s.worker.name },
    ]);

    // Reception decides again: this time an investigation, which takes effect at once.
    const opened = await post(s.report.id, s.cookie.reception, {
      intent: "decide",
      decision: "opened",
      remainingConcern: "yes",
    });
    expect(opened).toMatchObject({ status: 302, location: `/reports/${s.report.id}?notice=decisionRecorded` });
    expect((await rowOf(s.report.id)).decision).toBe("opened");
    expect(await decidedFeedback(s.report.id)).toHaveLength(1);
  });

  it("is never approved or returned by the lead who proposed it; another lead does", async () => {
    const s = await setup({ heard: false });
    // A lead deciding is held to the same rule: their "not opened" waits for another lead.
    expect(await recordDecision(s.lead, s.report.id, notOpened)).toEqual({ ok: true, proposed: true });
    const proposalId = (await pending(s.report.id)).id;
    expect(await approveDecision(s.lead, s.report.id, { proposalId, comment: "" })).toEqual({
      ok: false,
      error: "ownProposal",
    });
    expect(await returnDecision(s.lead, s.report.id, { proposalId, comment: "Ångrar mig." })).toEqual({
      ok: false,
      error: "ownProposal",
    });
    const own = await post(s.report.id, s.cookie.lead, { intent: "approve", proposalId, comment: "" });
    expect((own.data as { error: string }).error).toBe("reports:errors.ownProposal");
    expect((await rowOf(s.report.id)).decision).toBeNull();
    expect((await page(s.report.id, s.cookie.lead)).mayReview).toBe(true);

    // Reception workers and investigators do not review at all.
    for (const cookie of [s.cookie.reception, s.cookie.investigator])
      expect((await post(s.report.id, cookie, { intent: "approve", proposalId, comment: "" })).status).toBe(403);
    expect((await page(s.report.id, s.cookie.reception)).mayReview).toBe(false);

    const approved = await post(s.report.id, s.cookie.otherLead, { intent: "approve", proposalId, comment: "" });
    expect(approved).toMatchObject({ status: 302, location: `/reports/${s.report.id}?notice=decisionApproved` });
    expect((await rowOf(s.report.id)).decision).toBe("not_opened");
  });

  it("is in the leads' queue with the decision deadline and its state, until it is reviewed", async () => {
    const s = await setup({ heard: false });
    await recordDecision(s.worker, s.report.id, notOpened);
    const queue = async (cookie: string) => {
      const result = await callRoute(queueRoute.loader, { path: "/reports/review", cookie });
      expect(result.status).toBe(200);
      return (result.data as { proposals: Record<string, unknown>[] }).proposals;
    };
    const row = await rowOf(s.report.id);
    expect(await queue(s.cookie.otherLead)).toEqual([
      expect.objectContaining({
        reportId: s.report.id,
        reference: s.report.reference,
        decisionDueAt: row.decisionDueAt.toISOString(),
        decisionState: "upcoming",
        proposedByName: s.worker.name,
        secondLookReasons: ["child_not_heard"],
        own: false,
      }),
    ]);
    const listed = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.userId, s.otherLead.id), eq(auditEvents.action, "list")));
    expect(listed).toHaveLength(1);
    expect((await callRoute(queueRoute.loader, { path: "/reports/review", cookie: s.cookie.reception })).status).toBe(
      403,
    );

    await approveDecision(s.lead, s.report.id, { proposalId: (await pending(s.report.id)).id, comment: "" });
    expect(await queue(s.cookie.otherLead)).toEqual([]);
  });
});

describe.skipIf(process.env.TEST_DB !== "postgres")("approve and return at once (PostgreSQL)", () => {
  it("a proposal and a decision at once: one of them, never a decided report with a proposal waiting", async () => {
    // recordDecision holds the report first: a proposal's preconditions and its insert, and a decision's update, are
    // then one after the other. Checked only in the decision's UPDATE, the proposal not yet committed went unseen.
    const setups = [];
    for (let i = 0; i < 16; i++) setups.push(await setup({ heard: false }));
    const results = await inWaves(setups, (s) =>
      Promise.all(
        staggered(
          () => recordDecision(s.worker, s.report.id, notOpened),
          () => recordDecision(s.worker, s.report.id, decisionInput("opened")),
          10,
        ),
      ),
    );
    for (const [i, [proposed, decided]] of results.entries()) {
      const { report } = setups[i];
      const waiting = (await reviewsOf(report.id)).filter((r) => r.status === "proposed");
      const { decision } = await rowOf(report.id);
      expect({ decision, waiting: waiting.length }).toEqual(
        proposed.ok ? { decision: null, waiting: 1 } : { decision: "opened", waiting: 0 },
      );
      // The one that came second is told why, as a person doing it by hand after the other would be.
      expect(proposed.ok ? decided : proposed).toEqual({
        ok: false,
        error: proposed.ok ? "awaitingSecondLook" : "alreadyDecided",
      });
    }
    // Both orders happened, or the pairs did not race.
    const proposals = results.filter(([p]) => p.ok).length;
    expect(proposals).toBeGreaterThan(0);
    expect(proposals).toBeLessThan(setups.length);
  });

  it("exactly one wins, and the report is as the winner left it", async () => {
    for (let round = 0; round < 4; round++) {
      const s = await setup({ heard: false });
      await recordDecision(s.worker, s.report.id, notOpened);
      const proposalId = (await pending(s.report.id)).id;
      const results = await Promise.all([
        approveDecision(s.lead, s.report.id, { proposalId, comment: "" }),
        returnDecision(s.otherLead, s.report.id, { proposalId, comment: "Hör barnet först." }),
        approveDecision(s.otherLead, s.report.id, { proposalId, comment: "" }),
        returnDecision(s.lead, s.report.id, { proposalId, comment: "Hör barnet först." }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual(Array(3).fill({ ok: false, error: "notPending" }));
      const [review] = await reviewsOf(s.report.id);
      const approvedFirst = review.status === "approved";
      expect((await rowOf(s.report.id)).decision).toBe(approvedFirst ? "not_opened" : null);
      expect(await decidedFeedback(s.report.id)).toHaveLength(approvedFirst ? 1 : 0);
      expect(await inboxOf(s.worker.id, "reports:decisionReturned")).toHaveLength(approvedFirst ? 0 : 1);
    }
  });
});
