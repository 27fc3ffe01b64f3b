import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, messages, outboxEmails, reviewCases, reviewSamples, type Role } from "#db/schema";
import { addCalendarDays, stockholmDate, stockholmInstant } from "~/domain/deadlines";
import { reviewItems, type ReviewAnswer, type ReviewItem } from "~/domain/review-checklist";
import type { ReviewAnswerForm } from "~/domain/review-schema";
import { renderMessage } from "~/lib/message-templates.server";
import {
  answerReviewCase,
  drawDueSamples,
  drawReviewSample,
  reviewCaseFor,
  reviewMonthFor,
} from "~/models/quality-review.server";
import { getCurrentUser } from "~/models/user.server";
import { createDecidedReport, createWorld } from "../factories";

/**
 * Issue 20: "each month the portal draws a random sample" — by itself, not when someone remembers the button — and the
 * people it gives work to are told: each reviewer of their cases, each owner of a deviation. Several servers run the
 * job at once; the month's unique sample is the guard, so nobody is told twice. Runs on PGlite and, with
 * TEST_DATABASE_URL, on PostgreSQL, where the servers' rounds really race.
 */

const MONTH = "2025-03";
/** A moment in April 2025, when March is over in Stockholm. */
const APRIL = stockholmInstant("2025-04-01", "00:20");
const march = (day: number) => stockholmInstant(`${MONTH}-${String(day).padStart(2, "0")}`, "10:00");

async function setup(name: string, reports = 6) {
  const world = await createWorld(name);
  for (let day = 1; day <= reports; day++)
    await createDecidedReport(world.user.staff, world.unit.school.id, world.user.reception_worker, march(day));
  const as = async (who: Role | { id: string }) => {
    const id = typeof who === "string" ? world.user[who].id : who.id;
    return (await getCurrentUser(id, world.municipality.id))!;
  };
  return { world, as };
}

const samplesOf = (municipalityId: string, month = MONTH) =>
  getDb()
    .select()
    .from(reviewSamples)
    .where(and(eq(reviewSamples.municipalityId, municipalityId), eq(reviewSamples.month, month)));

const messagesOf = (municipalityId: string, template: string) =>
  getDb()
    .select()
    .from(messages)
    .where(and(eq(messages.municipalityId, municipalityId), eq(messages.template, template)));

describe("the monthly draw", () => {
  it("draws last month's sample for every municipality without one, by itself, and tells each reviewer once", async () => {
    const a = await setup("Schemastad");
    const b = await setup("Schemaby", 3);
    expect(await samplesOf(a.world.municipality.id)).toEqual([]);

    // Not before the month is over: on 31 March at 23:50 in Stockholm only February is drawn (it had no cases).
    await drawDueSamples(stockholmInstant("2025-03-31", "23:50"));
    expect(await samplesOf(a.world.municipality.id)).toEqual([]);
    expect(await samplesOf(a.world.municipality.id, "2025-02")).toMatchObject([{ candidates: 0 }]);

    await drawDueSamples(APRIL);
    for (const { world } of [a, b]) {
      const [sample] = await samplesOf(world.municipality.id);
      expect(sample).toMatchObject({ month: MONTH, drawnById: null });
      const cases = await getDb().select().from(reviewCases).where(eq(reviewCases.sampleId, sample.id));
      expect(cases.length).toBe(world === a.world ? 6 : 3);
      // Nobody reviews their own decision (the lead and the investigator do).
      expect(cases.every((c) => c.reviewerId && c.reviewerId !== world.user.reception_worker.id)).toBe(true);
      const reviewers = [...new Set(cases.map((c) => c.reviewerId))];

      // Each reviewer gets one message (with an e-mail notice that says only that there is one), nobody else.
      const told = await messagesOf(world.municipality.id, "reviews:notices.assigned");
      expect(told.map((m) => m.recipientId).sort()).toEqual([...reviewers].sort());
      for (const m of told) {
        const mine = cases.filter((c) => c.reviewerId === m.recipientId).length;
        expect(m.params).toEqual({ month: MONTH, cases: mine });
        expect(m.link).toBe(`/reviews?month=${MONTH}`);
        const words = renderMessage(m, "sv");
        expect(words.subject).toMatch(/granska/i);
        expect(words.body).toContain(mine === 1 ? "ett ärende" : `${mine} ärenden`);
      }
      const mails = await getDb()
        .select()
        .from(outboxEmails)
        .where(
          and(
            eq(outboxEmails.municipalityId, world.municipality.id),
            inArray(outboxEmails.recipientId, reviewers as string[]),
          ),
        );
      expect(mails.length).toBe(reviewers.length);
      expect(mails.every((m) => !m.textBody.includes("ORO-"))).toBe(true);

      // The draw is in the audit log, made by the portal (no user), in the municipality.
      const entries = await getDb()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.recordType, "review_sample"), eq(auditEvents.recordId, sample.id)));
      expect(entries).toMatchObject([
        { action: "create", userId: null, municipalityId: world.municipality.id, details: { scheduled: true } },
      ]);
    }

    // The coordinators' page says who drew it.
    const view = await reviewMonthFor(await a.as("coordinator"), MONTH, APRIL);
    expect(view.sample).toMatchObject({ cases: 6, drawnBy: null, scheduled: true });

    // Every later round (this server's or another's) finds the sample and tells nobody again.
    await drawDueSamples(new Date(APRIL.getTime() + 10 * 60_000));
    await drawDueSamples(stockholmInstant("2025-04-29", "12:00"));
    expect(await samplesOf(a.world.municipality.id)).toHaveLength(1);
    expect(await messagesOf(a.world.municipality.id, "reviews:notices.assigned")).toHaveLength(2);
  });

  it("leaves a month a coordinator drew by hand as it is, and tells its reviewers when drawn by hand", async () => {
    const { world, as } = await setup("Handstad");
    const coordinator = await as("coordinator");
    const byHand = await drawReviewSample(coordinator, MONTH, APRIL);
    expect(byHand).toMatchObject({ ok: true, created: true });
    const told = await messagesOf(world.municipality.id, "reviews:notices.assigned");
    expect(told.map((m) => m.recipientId).sort()).toEqual(
      [world.user.reception_lead.id, world.user.investigator.id].sort(),
    );
    expect(told.reduce((sum, m) => sum + (m.params as { cases: number }).cases, 0)).toBe(6);

    await drawDueSamples(stockholmInstant("2025-04-02", "08:00"));
    const [sample] = await samplesOf(world.municipality.id);
    expect(sample.drawnById).toBe(coordinator.id);
    expect(await messagesOf(world.municipality.id, "reviews:notices.assigned")).toHaveLength(2);
    const view = await reviewMonthFor(coordinator, MONTH, APRIL);
    expect(view.sample).toMatchObject({ scheduled: false, drawnBy: coordinator.name });
  });

  it("draws once when several servers run the job at the same moment", async () => {
    const { world } = await setup("Samtidigstad");
    await Promise.all([drawDueSamples(APRIL), drawDueSamples(APRIL), drawDueSamples(APRIL)]);
    const samples = await samplesOf(world.municipality.id);
    expect(samples).toHaveLength(1);
    expect(await getDb().select().from(reviewCases).where(eq(reviewCases.sampleId, samples[0].id))).toHaveLength(6);
    expect(await messagesOf(world.municipality.id, "reviews:notices.assigned")).toHaveLength(2);
  });
});

describe("a deviation's owner", () => {
  function answersFrom(
    suggestions: Record<ReviewItem, { answer: ReviewAnswer | null }>,
    changes: Partial<ReviewAnswerForm>,
  ): ReviewAnswerForm {
    const base = Object.fromEntries(
      reviewItems.map((i) => [i, { answer: suggestions[i].answer ?? "na", comment: "", ownerId: "", dueOn: "" }]),
    ) as ReviewAnswerForm;
    return { ...base, ...changes };
  }

  it("is told what to put right and by when, unless they found it themselves", async () => {
    const { world, as } = await setup("Avvikelsestad", 1);
    await drawDueSamples(APRIL);
    const [sample] = await samplesOf(world.municipality.id);
    const [c] = await getDb().select().from(reviewCases).where(eq(reviewCases.sampleId, sample.id));
    const reviewer = await as({ id: c.reviewerId! });
    const found = (await reviewCaseFor(reviewer, c.id))!;
    const dueOn = addCalendarDays(stockholmDate(new Date()), 14);
    const owner = world.user.reception_worker;
    const answered = await answerReviewCase(
      reviewer,
      c.id,
      answersFrom(found.suggestions, {
        child_heard: { answer: "no", comment: "Barnet hördes inte.", ownerId: owner.id, dueOn },
        reasons_sound: { answer: "no", comment: "Skälen saknas.", ownerId: reviewer.id, dueOn },
      }),
    );
    expect(answered).toEqual({ ok: true, deviations: 2 });
    const told = await messagesOf(world.municipality.id, "reviews:notices.deviation");
    // The owner who is not the reviewer is told; the reviewer who made themselves owner is not.
    expect(told).toMatchObject([
      { recipientId: owner.id, link: `/reviews?month=${MONTH}`, params: { item: "child_heard", dueOn, month: MONTH } },
    ]);
    const words = renderMessage(told[0], "sv");
    expect(words.body).not.toContain("Barnet hördes inte.");
    expect(words.subject).toMatch(/avvikelse/i);
  });
});
