import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import {
  agreementDeviationKinds,
  agreementDeviationStatuses,
  agreementDeviationSteps,
} from "~/domain/agreement-deviation";
import { municipalities, units, users } from "./organisation";
import { reports } from "./reports";

/**
 * Deviations from the collaboration agreement (issue 21, item 9): "no feedback received", "the meeting was not
 * held", … filed by anyone signed in, on a report they may read or in general, and handled by the coordinators in
 * steps. Not the quality review's `deviations` (quality-review.ts). The text is the filer's; nothing of the report
 * is copied here.
 */
export const agreementDeviationKind = pgEnum("agreement_deviation_kind", agreementDeviationKinds);
export const agreementDeviationStatus = pgEnum("agreement_deviation_status", agreementDeviationStatuses);
export const agreementDeviationStep = pgEnum("agreement_deviation_step", agreementDeviationSteps);

export const agreementDeviations = pgTable(
  "agreement_deviations",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    kind: agreementDeviationKind().notNull(),
    description: text().notNull(),
    /** The report it concerns, when filed from one; null for a deviation in general. */
    reportId: uuid().references(() => reports.id),
    /** The report's unit, or (in general, or a report without one) the filer's: the figures per unit count by it. */
    unitId: uuid()
      .notNull()
      .references(() => units.id),
    filedById: uuid()
      .notNull()
      .references(() => users.id),
    filedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    status: agreementDeviationStatus().notNull().default("open"),
    statusChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp({ withTimezone: true }),
    /** The filing form's key: a resent form finds the first one's row (docs/decisions/013). */
    submissionKey: uuid(),
  },
  (t) => [
    uniqueIndex("agreement_deviations_submission_idx").on(t.submissionKey),
    // The coordinators' list (open first) and the figures per period.
    index("agreement_deviations_list_idx").on(t.municipalityId, t.status, t.filedAt),
    // The filer's own list.
    index("agreement_deviations_filer_idx").on(t.municipalityId, t.filedById, t.filedAt),
    check("agreement_deviations_closed", sql`(${t.status} = 'closed') = (${t.closedAt} is not null)`),
  ],
);

/** Each step a coordinator took on a deviation, with their note: once per step. */
export const agreementDeviationStepLog = pgTable(
  "agreement_deviation_steps",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    deviationId: uuid()
      .notNull()
      .references(() => agreementDeviations.id),
    step: agreementDeviationStep().notNull(),
    note: text().notNull(),
    actorId: uuid()
      .notNull()
      .references(() => users.id),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("agreement_deviation_steps_step_idx").on(t.deviationId, t.step)],
);
