import { sql } from "drizzle-orm";
import { boolean, check, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { decisionReviewStatuses, secondLookReasons } from "~/domain/vocabulary";
import { municipalities, users } from "./organisation";
import { notOpenedGround, reportDecision, reports } from "./reports";

export const decisionReviewStatus = pgEnum("decision_review_status", decisionReviewStatuses);
export const secondLookReason = pgEnum("second_look_reason", secondLookReasons);

/**
 * A "not opened" proposed for a reception lead's second look (app/domain/pre-assessment.ts, secondLookFor), and the
 * lead's answer. The report's own decision columns stay empty until a lead approves, so deadlines, statistics,
 * feedback and the reporter's view see an undecided report until then. One row per proposal: a returned one stays as
 * it was, with the lead's comment, and reception's next proposal is a new row; one waits at a time per report.
 */
export const decisionReviews = pgTable(
  "decision_reviews",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    reportId: uuid()
      .notNull()
      .references(() => reports.id),
    /** The decision as proposed, copied to the report when it is approved. */
    decision: reportDecision().notNull(),
    decisionGround: notOpenedGround(),
    decisionReasons: text(),
    remainingConcern: boolean().notNull(),
    /** Which of the second look's cases held when it was proposed. */
    secondLookReasons: secondLookReason().array().notNull(),
    proposedById: uuid()
      .notNull()
      .references(() => users.id),
    proposedAt: timestamp({ withTimezone: true }).notNull(),
    status: decisionReviewStatus().notNull().default("proposed"),
    reviewedById: uuid().references(() => users.id),
    reviewedAt: timestamp({ withTimezone: true }),
    /** The lead's comment: required when returned, free when approved. */
    comment: text(),
  },
  (t) => [
    // One proposal waits at a time per report.
    uniqueIndex("decision_reviews_pending_idx").on(t.reportId).where(sql`status = 'proposed'`),
    // The leads' queue: what waits in the municipality, oldest first.
    index("decision_reviews_queue_idx").on(t.municipalityId, t.proposedAt).where(sql`status = 'proposed'`),
    index("decision_reviews_report_idx").on(t.reportId, t.proposedAt),
    // A second look is someone else's: whoever proposed it never reviews it.
    check("decision_reviews_not_own", sql`${t.reviewedById} is null or ${t.reviewedById} <> ${t.proposedById}`),
  ],
);
