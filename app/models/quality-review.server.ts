import { randomBytes } from "node:crypto";
import { and, asc, count, eq, gte, inArray, isNotNull, isNull, lt, lte, notExists, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Database } from "#db/client.server";
import {
  deviations,
  municipalities,
  reportEvents,
  reports,
  reviewCases,
  reviewSamples,
  reviewSettings,
  users,
} from "#db/schema";
import { requiresPoliceConsideration } from "~/domain/concern-kinds";
import { isCalendarMonth } from "~/domain/dates";
import { addCalendarDays, nextMonth, startOfStockholmDay, stockholmDate } from "~/domain/deadlines";
import { isUuid } from "~/domain/ids";
import {
  reviewAnswers,
  reviewItems,
  suggestAnswers,
  type ReviewAnswer,
  type ReviewAnswers,
  type ReviewItem,
} from "~/domain/review-checklist";
import { assignReviewers, drawSample, REVIEW_SAMPLE_DEFAULT } from "~/domain/review-sample";
import type { ReviewAnswerForm } from "~/domain/review-schema";
import { audit } from "~/lib/audit.server";
import { logger } from "~/lib/logger.server";
import { can, type CurrentUser, type Resource } from "~/lib/permissions.server";
import { kindsOfReport } from "./concern-kinds.server";
import { knownBeforeCondition } from "./earlier-reports.server";
import { deliverMessage } from "./inbox.server";
import { listCaseWorkers } from "./report.server";
import { frozen } from "./stats-sql.server";

/**
 * The internal quality review (issue 20, the municipality's own control): a seeded monthly sample of closed
 * pre-assessments, each answered against the inspectors' checklist by a social worker who did not decide it, and the
 * deviations its "no"s make. The draw and the assignment are pure (app/domain/review-sample.ts); this file reads and
 * writes, the municipality in every where.
 */

/** A closed pre-assessment of `month`: decided from the month's first Stockholm midnight to the next month's. */
function closedIn(municipalityId: string, month: string) {
  return and(
    eq(reports.municipalityId, municipalityId),
    isNotNull(reports.decision),
    gte(reports.decidedAt, startOfStockholmDay(`${month}-01`)),
    lt(reports.decidedAt, startOfStockholmDay(`${nextMonth(month)}-01`)),
  );
}

/** The candidates of a month's draw, in any order (the draw sorts them). */
async function candidatesOf(db: Database, municipalityId: string, month: string) {
  const rows = await db.select({ id: reports.id }).from(reports).where(closedIn(municipalityId, month));
  return rows.map((r) => r.id);
}

/**
 * The steps of a report's history whose actor took part in its decision: the decision taking effect (its proposer's
 * when a lead approved it), a proposal, and a reception lead's approval on the second look. Whoever took one of them,
 * or had the report assigned, does not review it.
 */
const DECIDING_STEPS = ["decided", "decision_proposed", "second_look_approved"];

/** For each report, the users who may not review it. */
async function decidersOf(db: Database, municipalityId: string, reportIds: string[]) {
  const excluded = new Map<string, string[]>(reportIds.map((id) => [id, []]));
  if (!reportIds.length) return excluded;
  const steps = await db
    .selectDistinct({ reportId: reportEvents.reportId, userId: reportEvents.actorId })
    .from(reportEvents)
    .where(
      and(
        eq(reportEvents.municipalityId, municipalityId),
        inArray(reportEvents.reportId, reportIds),
        inArray(reportEvents.kind, DECIDING_STEPS),
        isNotNull(reportEvents.actorId),
      ),
    );
  const assigned = await db
    .select({ reportId: reports.id, userId: reports.assignedToId })
    .from(reports)
    .where(
      and(eq(reports.municipalityId, municipalityId), inArray(reports.id, reportIds), isNotNull(reports.assignedToId)),
    );
  for (const { reportId, userId } of [...steps, ...assigned]) if (userId) excluded.get(reportId)?.push(userId);
  return excluded;
}

// ---------------------------------------------------------------------------------------------------- the settings

/** How many cases a month's sample has in the municipality. */
export async function reviewSampleSize(municipalityId: string, db: Database = getDb()) {
  const [row] = await db
    .select({ size: reviewSettings.sampleSize })
    .from(reviewSettings)
    .where(eq(reviewSettings.municipalityId, municipalityId));
  return row?.size ?? REVIEW_SAMPLE_DEFAULT;
}

/** Set by the coordinators; it applies to the samples drawn from now on. */
export async function saveReviewSampleSize(user: CurrentUser, size: number, now = new Date()) {
  await getDb().transaction(async (tx) => {
    await tx
      .insert(reviewSettings)
      .values({ municipalityId: user.municipalityId, sampleSize: size, updatedById: user.id, updatedAt: now })
      .onConflictDoUpdate({
        target: reviewSettings.municipalityId,
        set: { sampleSize: size, updatedById: user.id, updatedAt: now },
      });
    await audit(
      {
        action: "update",
        user,
        recordType: "review_settings",
        recordId: user.municipalityId,
        details: { fields: ["sampleSize"], size },
      },
      tx,
    );
  });
}

// ------------------------------------------------------------------------------------------------------- the draw

export type DrawResult = { ok: true; sampleId: string; created: boolean } | { ok: false; error: "monthNotOver" };

/** The Stockholm month before the one `now` is in: the latest month that is over. */
export const lastMonthOver = (now: Date) => addCalendarDays(`${stockholmDate(now).slice(0, 7)}-01`, -1).slice(0, 7);

/**
 * Draws the month's sample, once: a second draw (a resent form, another coordinator at the same moment, or the
 * portal's own monthly round on another server) finds the first, which the unique index on (municipality, month)
 * decides. Only a month that is over is drawn, so its candidates are final. The seed is random and stored: drawSample
 * with it and the month's candidates gives the sample. `user` is the coordinator who drew it, null for the portal.
 */
async function drawMonth(
  municipalityId: string,
  user: CurrentUser | null,
  month: string,
  now: Date,
): Promise<DrawResult> {
  if (!isCalendarMonth(month) || month >= stockholmDate(now).slice(0, 7)) return { ok: false, error: "monthNotOver" };
  const size = await reviewSampleSize(municipalityId);
  const pool = (await listCaseWorkers(municipalityId)).map((w) => w.id);
  return getDb().transaction(async (tx) => {
    const seed = randomBytes(8).toString("hex");
    const candidates = await candidatesOf(tx, municipalityId, month);
    const [sample] = await tx
      .insert(reviewSamples)
      .values({
        municipalityId,
        month,
        seed,
        size,
        candidates: candidates.length,
        drawnById: user?.id ?? null,
        drawnAt: now,
      })
      .onConflictDoNothing({ target: [reviewSamples.municipalityId, reviewSamples.month] })
      .returning({ id: reviewSamples.id });
    if (!sample) {
      const [first] = await tx
        .select({ id: reviewSamples.id })
        .from(reviewSamples)
        .where(and(eq(reviewSamples.municipalityId, municipalityId), eq(reviewSamples.month, month)));
      return { ok: true as const, sampleId: first.id, created: false };
    }
    const drawn = drawSample(candidates, seed, size);
    const excluded = await decidersOf(tx, municipalityId, drawn);
    const reviewers = assignReviewers(
      drawn.map((id) => ({ id, excluded: excluded.get(id) ?? [] })),
      pool,
      seed,
    );
    if (drawn.length)
      await tx.insert(reviewCases).values(
        drawn.map((reportId, i) => ({
          municipalityId,
          sampleId: sample.id,
          reportId,
          position: i + 1,
          reviewerId: reviewers[i],
        })),
      );
    await tellReviewers(tx, municipalityId, month, reviewers);
    const unassigned = reviewers.filter((r) => r === null).length;
    const details = { month, size, candidates: candidates.length, cases: drawn.length, unassigned, scheduled: !user };
    await audit(
      { action: "create", user, municipalityId, recordType: "review_sample", recordId: sample.id, details },
      tx,
    );
    return { ok: true as const, sampleId: sample.id, created: true };
  });
}

/** Each reviewer is told once how many of the month's cases are theirs: the month and a count, nothing of a case. */
async function tellReviewers(tx: Database, municipalityId: string, month: string, reviewers: (string | null)[]) {
  const load = new Map<string, number>();
  for (const id of reviewers) if (id) load.set(id, (load.get(id) ?? 0) + 1);
  for (const [recipientId, cases] of load)
    await deliverMessage(
      {
        municipalityId,
        recipientId,
        template: "reviews:notices.assigned",
        params: { month, cases },
        link: `/reviews?month=${month}`,
        notify: true,
      },
      tx,
    );
}

/** A coordinator (or lead) draws a month that is over by hand, before the portal's round or for an earlier month. */
export const drawReviewSample = (user: CurrentUser, month: string, now = new Date()) =>
  drawMonth(user.municipalityId, user, month, now);

/**
 * The portal's monthly round (app/server/startup.server.ts runs it on every server): last month's sample for every
 * municipality that has none yet. Rounds on several servers at once meet at the unique index, so each month is drawn,
 * and its reviewers told, once. Returns how many samples this round drew.
 */
export async function drawDueSamples(now = new Date()) {
  const month = lastMonthOver(now);
  const due = await getDb()
    .select({ id: municipalities.id })
    .from(municipalities)
    .where(
      notExists(
        getDb()
          .select({ one: sql`1` })
          .from(reviewSamples)
          .where(and(eq(reviewSamples.municipalityId, municipalities.id), eq(reviewSamples.month, month))),
      ),
    );
  let drawn = 0;
  for (const { id } of due) {
    try {
      const result = await drawMonth(id, null, month, now);
      if (result.ok && result.created) drawn += 1;
    } catch (error) {
      // One municipality's failure does not hold up the others'; its month is tried again next round.
      logger.warn({ err: error, job: "quality review samples" }, "a month's sample was not drawn; retrying next round");
    }
  }
  return drawn;
}

/**
 * Whether the stored sample is what its seed draws from the month's closed pre-assessments today: the audit's check.
 * False when a case differs or the month's candidates have changed since the draw.
 */
export async function sampleReproduces(user: CurrentUser, sampleId: string) {
  const [sample] = await getDb()
    .select()
    .from(reviewSamples)
    .where(and(eq(reviewSamples.municipalityId, user.municipalityId), eq(reviewSamples.id, sampleId)));
  if (!sample) return null;
  const candidates = await candidatesOf(getDb(), user.municipalityId, sample.month);
  const stored = await getDb()
    .select({ reportId: reviewCases.reportId })
    .from(reviewCases)
    .where(and(eq(reviewCases.municipalityId, user.municipalityId), eq(reviewCases.sampleId, sample.id)))
    .orderBy(asc(reviewCases.position));
  const again = drawSample(candidates, sample.seed, sample.size);
  return (
    candidates.length === sample.candidates &&
    again.length === stored.length &&
    again.every((id, i) => id === stored[i].reportId)
  );
}

// ------------------------------------------------------------------------------------------------ the month's page

const reviewer = alias(users, "reviewer");
const owner = alias(users, "owner");
const drawer = alias(users, "drawer");

/** The deviations not yet closed in the municipality, the earliest due first. */
async function openDeviations(user: CurrentUser) {
  return getDb()
    .select({
      id: deviations.id,
      item: deviations.item,
      ownerId: deviations.ownerId,
      ownerName: owner.name,
      dueOn: deviations.dueOn,
      month: reviewSamples.month,
      reportId: reports.id,
      reference: reports.reference,
    })
    .from(deviations)
    .innerJoin(
      reviewCases,
      and(eq(reviewCases.id, deviations.caseId), eq(reviewCases.municipalityId, deviations.municipalityId)),
    )
    .innerJoin(
      reviewSamples,
      and(eq(reviewSamples.id, reviewCases.sampleId), eq(reviewSamples.municipalityId, deviations.municipalityId)),
    )
    .innerJoin(
      reports,
      and(eq(reports.id, reviewCases.reportId), eq(reports.municipalityId, deviations.municipalityId)),
    )
    .innerJoin(owner, and(eq(owner.id, deviations.ownerId), eq(owner.municipalityId, deviations.municipalityId)))
    .where(and(eq(deviations.municipalityId, user.municipalityId), isNull(deviations.closedAt)))
    .orderBy(asc(deviations.dueOn), asc(reviewSamples.month), asc(reviewCases.position));
}

/**
 * What the review page shows of a month, by who asks. Coordinators (who draw) see every case with its reviewer and
 * every open deviation with its owner, but no report; social workers see the cases they review and the deviations
 * they own, with the report's reference; steering sees figures only. Nobody sees anything about the child here.
 */
export async function reviewMonthFor(user: CurrentUser, month: string, now = new Date()) {
  const manage = can(user, "review:draw");
  const social = can(user, "review:answer");
  const [sample] = await getDb()
    .select({
      id: reviewSamples.id,
      seed: reviewSamples.seed,
      size: reviewSamples.size,
      candidates: reviewSamples.candidates,
      drawnAt: reviewSamples.drawnAt,
      drawnBy: drawer.name,
      drawnById: reviewSamples.drawnById,
    })
    .from(reviewSamples)
    .leftJoin(drawer, and(eq(drawer.id, reviewSamples.drawnById), eq(drawer.municipalityId, user.municipalityId)))
    .where(and(eq(reviewSamples.municipalityId, user.municipalityId), eq(reviewSamples.month, month)));
  const cases = sample
    ? await getDb()
        .select({
          id: reviewCases.id,
          position: reviewCases.position,
          reviewerId: reviewCases.reviewerId,
          reviewerName: reviewer.name,
          completedAt: reviewCases.completedAt,
          reportId: reports.id,
          reference: reports.reference,
          deviations: sql<number>`(select count(*) from deviations d
            where d.municipality_id = ${reviewCases.municipalityId} and d.case_id = ${reviewCases.id})`.mapWith(Number),
        })
        .from(reviewCases)
        .innerJoin(reports, and(eq(reports.id, reviewCases.reportId), eq(reports.municipalityId, user.municipalityId)))
        .leftJoin(
          reviewer,
          and(eq(reviewer.id, reviewCases.reviewerId), eq(reviewer.municipalityId, user.municipalityId)),
        )
        .where(and(eq(reviewCases.municipalityId, user.municipalityId), eq(reviewCases.sampleId, sample.id)))
        .orderBy(asc(reviewCases.position))
    : [];
  const open = await openDeviations(user);
  return {
    month,
    over: month < stockholmDate(now).slice(0, 7),
    manage,
    sample: sample
      ? {
          drawnAt: sample.drawnAt,
          size: sample.size,
          candidates: sample.candidates,
          cases: cases.length,
          completed: cases.filter((c) => c.completedAt).length,
          unassigned: cases.filter((c) => !c.reviewerId).length,
          // For the audit of the draw: the seed, and whether it still draws the same cases.
          seed: manage ? sample.seed : null,
          drawnBy: manage ? sample.drawnBy : null,
          /** Drawn by the portal's monthly round, not by hand. */
          scheduled: sample.drawnById === null,
          reproduces: manage ? await sampleReproduces(user, sample.id) : null,
        }
      : null,
    findings: sample ? await reviewFindings(user, `${month}-01`, `${month}-01`) : null,
    sampleSize: manage ? await reviewSampleSize(user.municipalityId) : null,
    /** Every case (no report) for those who draw; one's own cases (with the report) for a reviewer. */
    cases: manage
      ? cases.map((c) => ({
          id: c.id,
          position: c.position,
          reviewerName: c.reviewerName,
          completedAt: c.completedAt,
          deviations: c.deviations,
          reference: null,
          mine: c.reviewerId === user.id,
        }))
      : social
        ? cases
            .filter((c) => c.reviewerId === user.id)
            .map((c) => ({
              id: c.id,
              position: c.position,
              reviewerName: null,
              completedAt: c.completedAt,
              deviations: c.deviations,
              reference: c.reference,
              mine: true,
            }))
        : [],
    openDeviations: open.length,
    deviations: open
      .filter((d) => manage || (social && d.ownerId === user.id))
      .map((d) => ({
        id: d.id,
        item: d.item,
        month: d.month,
        dueOn: d.dueOn,
        ownerName: manage ? d.ownerName : null,
        reference: d.ownerId === user.id ? d.reference : null,
        reportId: d.ownerId === user.id ? d.reportId : null,
        mayClose: can(user, "review:closeDeviation", deviationResource(user, d)),
      })),
  };
}

/** The column of a findings count: how many completed cases answered `item` with `answer`. */
const findingColumn = (item: ReviewItem, answer: ReviewAnswer) => `review_${item}_${answer}`;

/**
 * The review's findings as one aggregate row: how many completed cases answered each item yes, no or not applicable,
 * for the samples of the months from `fromMonth` to `toMonth` ("YYYY-MM"; values, or a statement's placeholders). A
 * query, not its result: the statistics cross-join it with their other one-row aggregates (stats.server.ts), so each
 * column is named.
 */
export function findingsQuery(municipalityId: SQL | string, fromMonth: SQL | string, toMonth: SQL | string) {
  const answerOf = (item: ReviewItem) => sql`${reviewCases.answers} -> ${item} ->> 'answer'`;
  const columns = Object.fromEntries(
    reviewItems.flatMap((item) =>
      reviewAnswers.map((answer) => [
        findingColumn(item, answer),
        // The item and answer written in, so that only the request's own values are parameters.
        frozen(sql`count(*) filter (where ${answerOf(item)} = ${answer})`)
          .mapWith(Number)
          .as(findingColumn(item, answer)),
      ]),
    ),
  );
  return getDb()
    .select({ reviewCases: count().as("review_cases"), ...columns })
    .from(reviewCases)
    .innerJoin(
      reviewSamples,
      and(eq(reviewSamples.id, reviewCases.sampleId), eq(reviewSamples.municipalityId, reviewCases.municipalityId)),
    )
    .where(
      and(
        eq(reviewCases.municipalityId, municipalityId),
        isNotNull(reviewCases.completedAt),
        gte(reviewSamples.month, fromMonth),
        lte(reviewSamples.month, toMonth),
      ),
    );
}

/** The counts of a `findingsQuery` row per item and answer. Counts only: /stats hides small ones as it does its own. */
export function findingsOf(row: Record<string, number>) {
  const items = Object.fromEntries(
    reviewItems.map((item) => [
      item,
      Object.fromEntries(reviewAnswers.map((a) => [a, row[findingColumn(item, a)]])) as Record<ReviewAnswer, number>,
    ]),
  ) as Record<ReviewItem, Record<ReviewAnswer, number>>;
  return { cases: row.reviewCases, items };
}

export type Findings = ReturnType<typeof findingsOf>;

/** The review's findings for the months from `from` to `to`. */
export async function reviewFindings(user: CurrentUser, from: string, to: string) {
  const [row] = await findingsQuery(user.municipalityId, from.slice(0, 7), to.slice(0, 7));
  return findingsOf(row as unknown as Record<string, number>);
}

// ------------------------------------------------------------------------------------------------------ one case

/**
 * A case of the municipality's samples with what the portal knows of its pre-assessment and the suggestions made of
 * it; null when there is no such case here. Whether the user may review it is the caller's check (review:answer).
 */
export async function reviewCaseFor(user: CurrentUser, caseId: string) {
  if (!isUuid(caseId)) return null;
  const feedbackRows = (delivered: boolean) =>
    sql<number>`(select count(*) from basic_feedback f
      where f.municipality_id = ${reports.municipalityId} and f.report_id = ${reports.id} and f.stage = 'decided'
        ${delivered ? sql`and f.delivered_at is not null` : sql``})`.mapWith(Number);
  const [row] = await getDb()
    .select({
      id: reviewCases.id,
      position: reviewCases.position,
      reviewerId: reviewCases.reviewerId,
      answers: reviewCases.answers,
      completedAt: reviewCases.completedAt,
      month: reviewSamples.month,
      reportId: reports.id,
      reference: reports.reference,
      decision: reports.decision,
      decisionGround: reports.decisionGround,
      receivedAt: reports.receivedAt,
      protectionAssessedAt: reports.protectionAssessedAt,
      protectionDueAt: reports.protectionDueAt,
      decidedAt: reports.decidedAt,
      decisionDueAt: reports.decisionDueAt,
      childHeard: reports.childHeard,
      childHeardReasoned: sql<boolean>`coalesce(btrim(${reports.childHeardNote}), '') <> ''`.mapWith(Boolean),
      reasonsWritten: sql<boolean>`coalesce(btrim(${reports.decisionReasons}), '') <> ''`.mapWith(Boolean),
      remainingConcern: reports.remainingConcern,
      policeConsidered: reports.policeConsidered,
      feedbackDue: feedbackRows(false),
      feedbackGiven: feedbackRows(true),
      knownBefore: knownBeforeCondition({
        id: reports.id,
        municipalityId: reports.municipalityId,
        receivedAt: reports.receivedAt,
      }).mapWith(Boolean),
    })
    .from(reviewCases)
    .innerJoin(
      reviewSamples,
      and(eq(reviewSamples.id, reviewCases.sampleId), eq(reviewSamples.municipalityId, reviewCases.municipalityId)),
    )
    .innerJoin(
      reports,
      and(eq(reports.id, reviewCases.reportId), eq(reports.municipalityId, reviewCases.municipalityId)),
    )
    .where(and(eq(reviewCases.municipalityId, user.municipalityId), eq(reviewCases.id, caseId)));
  // Only decided reports are drawn, and a decision is never taken back.
  if (!row?.decision || !row.decidedAt) return null;
  const kinds = await kindsOfReport({ id: row.reportId, municipalityId: user.municipalityId });
  const facts = {
    decision: row.decision,
    protectionAssessedAt: row.protectionAssessedAt,
    protectionDueAt: row.protectionDueAt,
    decidedAt: row.decidedAt,
    decisionDueAt: row.decisionDueAt,
    childHeard: row.childHeard,
    childHeardReasoned: row.childHeardReasoned,
    reasonsWritten: row.reasonsWritten,
    remainingConcern: row.remainingConcern,
    policeRequired: requiresPoliceConsideration(kinds),
    policeConsidered: row.policeConsidered,
    feedback: !row.feedbackDue ? "none" : row.feedbackGiven === row.feedbackDue ? "given" : "pending",
    knownBefore: row.knownBefore,
  } as const;
  return { ...row, decision: row.decision, decidedAt: row.decidedAt, facts, suggestions: suggestAnswers(facts) };
}

export type ReviewCase = NonNullable<Awaited<ReturnType<typeof reviewCaseFor>>>;

/** The resource a permission is asked about for a case. */
export const reviewCaseResource = (user: CurrentUser, c: { id: string; reviewerId: string | null }): Resource => ({
  type: "review_case",
  id: c.id,
  municipalityId: user.municipalityId,
  reviewerId: c.reviewerId,
});

export type AnswerResult =
  | { ok: true; deviations: number }
  | { ok: false; error: "notFound" | "alreadyCompleted" }
  | { ok: false; error: "unknownOwner"; item: ReviewItem };

/**
 * The reviewer's answers, once: the case is completed in the same statement that checks it is theirs and open, and
 * each "no" becomes a deviation with its owner (a social worker of the municipality) and due date. What the portal
 * suggested is kept beside each answer.
 */
export async function answerReviewCase(
  user: CurrentUser,
  caseId: string,
  form: ReviewAnswerForm,
  now = new Date(),
): Promise<AnswerResult> {
  const found = await reviewCaseFor(user, caseId);
  if (!found || found.reviewerId !== user.id) return { ok: false, error: "notFound" };
  if (found.completedAt) return { ok: false, error: "alreadyCompleted" };
  const owners = new Set((await listCaseWorkers(user.municipalityId)).map((w) => w.id));
  const noes = reviewItems.filter((i) => form[i].answer === "no");
  const badOwner = noes.find((i) => !owners.has(form[i].ownerId));
  if (badOwner) return { ok: false, error: "unknownOwner", item: badOwner };
  const answers = Object.fromEntries(
    reviewItems.map((i) => [
      i,
      { answer: form[i].answer as ReviewAnswer, comment: form[i].comment, suggested: found.suggestions[i].answer },
    ]),
  ) as ReviewAnswers;
  return getDb().transaction(async (tx): Promise<AnswerResult> => {
    const [done] = await tx
      .update(reviewCases)
      .set({ answers, completedAt: now })
      .where(
        and(
          eq(reviewCases.municipalityId, user.municipalityId),
          eq(reviewCases.id, found.id),
          eq(reviewCases.reviewerId, user.id),
          isNull(reviewCases.completedAt),
        ),
      )
      .returning({ id: reviewCases.id });
    // Completed in between (the same form sent twice): the first one's answers stand.
    if (!done) return { ok: false, error: "alreadyCompleted" };
    if (noes.length)
      await tx.insert(deviations).values(
        noes.map((item) => ({
          municipalityId: user.municipalityId,
          caseId: done.id,
          item,
          ownerId: form[item].ownerId,
          dueOn: form[item].dueOn,
          createdAt: now,
        })),
      );
    // Each owner is told what to put right and by when (a reviewer who owns their own finding knows it already).
    for (const item of noes)
      if (form[item].ownerId !== user.id)
        await deliverMessage(
          {
            municipalityId: user.municipalityId,
            recipientId: form[item].ownerId,
            template: "reviews:notices.deviation",
            params: { month: found.month, item, dueOn: form[item].dueOn },
            link: `/reviews?month=${found.month}`,
            notify: true,
          },
          tx,
        );
    // Item codes only: the comments stay in the case.
    const details = { completed: true, deviations: noes };
    await audit({ action: "update", user, recordType: "review_case", recordId: done.id, details }, tx);
    return { ok: true, deviations: noes.length };
  });
}

// ---------------------------------------------------------------------------------------------------- deviations

/** An open or closed deviation of the municipality, as much as a permission needs; null when there is none here. */
export async function deviationFor(user: CurrentUser, deviationId: string) {
  if (!isUuid(deviationId)) return null;
  const [row] = await getDb()
    .select({ id: deviations.id, ownerId: deviations.ownerId, closedAt: deviations.closedAt })
    .from(deviations)
    .where(and(eq(deviations.municipalityId, user.municipalityId), eq(deviations.id, deviationId)));
  return row ?? null;
}

export const deviationResource = (user: CurrentUser, d: { id: string; ownerId: string }): Resource => ({
  type: "deviation",
  id: d.id,
  municipalityId: user.municipalityId,
  ownerId: d.ownerId,
});

/**
 * Closes a deviation with what was done: its owner may, and so may those who draw the samples. A second close (a resent
 * form) changes nothing.
 */
export async function closeDeviation(user: CurrentUser, deviationId: string, note: string, now = new Date()) {
  const anyOwner = can(user, "review:draw");
  return getDb().transaction(async (tx) => {
    const [closed] = await tx
      .update(deviations)
      .set({ closedAt: now, closedById: user.id, note })
      .where(
        and(
          eq(deviations.municipalityId, user.municipalityId),
          eq(deviations.id, deviationId),
          isNull(deviations.closedAt),
          anyOwner ? undefined : eq(deviations.ownerId, user.id),
        ),
      )
      .returning({ id: deviations.id });
    if (!closed) return false;
    await audit(
      { action: "update", user, recordType: "deviation", recordId: closed.id, details: { closed: true } },
      tx,
    );
    return true;
  });
}
