import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { reviewItems, type ReviewAnswers } from "~/domain/review-checklist";
import { municipalities, users } from "./organisation";
import { reports } from "./reports";

/**
 * The municipality's internal quality review (issue 20): a monthly random sample of closed pre-assessments, answered
 * against the inspectors' checklist by a reviewer who did not decide them; a "no" becomes a deviation to close.
 */
export const reviewItem = pgEnum("review_item", reviewItems);

/** The coordinators' settings of the review; a municipality without a row uses the defaults (review-sample.ts). */
export const reviewSettings = pgTable(
  "review_settings",
  {
    municipalityId: uuid()
      .primaryKey()
      .references(() => municipalities.id),
    sampleSize: integer().notNull(),
    updatedById: uuid()
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("review_settings_size", sql`${t.sampleSize} between 1 and 100`)],
);

/**
 * One month's sample, drawn once (the unique index is the guard two coordinators drawing at once meet). The seed and
 * the number of candidates are kept so that the draw can be repeated for an audit (app/domain/review-sample.ts).
 */
export const reviewSamples = pgTable(
  "review_samples",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    /** The Stockholm calendar month whose closed pre-assessments were drawn from, "YYYY-MM". */
    month: text().notNull(),
    seed: text().notNull(),
    /** The size asked for; the sample has fewer cases when the month had fewer candidates. */
    size: integer().notNull(),
    candidates: integer().notNull(),
    drawnAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Who drew it by hand; null when the portal drew it by itself once the month was over. */
    drawnById: uuid().references(() => users.id),
  },
  (t) => [
    uniqueIndex("review_samples_month_idx").on(t.municipalityId, t.month),
    check("review_samples_month", sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);

/** A sampled pre-assessment, its reviewer (null when nobody but its decider could review it) and the answers. */
export const reviewCases = pgTable(
  "review_cases",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    sampleId: uuid()
      .notNull()
      .references(() => reviewSamples.id),
    reportId: uuid()
      .notNull()
      .references(() => reports.id),
    /** The order drawn, from 1. */
    position: integer().notNull(),
    reviewerId: uuid().references(() => users.id),
    answers: jsonb().$type<ReviewAnswers>(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("review_cases_report_idx").on(t.sampleId, t.reportId),
    index("review_cases_reviewer_idx").on(t.municipalityId, t.reviewerId),
  ],
);

/** A "no" in a review: something to put right, with an owner in social services and a due date, listed until closed. */
export const deviations = pgTable(
  "deviations",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    caseId: uuid()
      .notNull()
      .references(() => reviewCases.id),
    item: reviewItem().notNull(),
    ownerId: uuid()
      .notNull()
      .references(() => users.id),
    dueOn: date({ mode: "string" }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp({ withTimezone: true }),
    closedById: uuid().references(() => users.id),
    /** What was done about it, written when it is closed. */
    note: text(),
  },
  (t) => [
    uniqueIndex("deviations_item_idx").on(t.caseId, t.item),
    index("deviations_open_idx").on(t.municipalityId, t.dueOn).where(sql`closed_at is null`),
  ],
);
