import { sql } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { adviceChannels, adviceGiven, ageBands, callerRoles } from "~/domain/vocabulary";
import { municipalities, units, users } from "./organisation";

export const adviceChannel = pgEnum("advice_channel", adviceChannels);
export const callerRole = pgEnum("caller_role", callerRoles);
export const ageBand = pgEnum("age_band", ageBands);
export const adviceKind = pgEnum("advice_kind", adviceGiven);

/**
 * A phone-advice consultation, de-identified by construction: there is no column for the child, and the
 * summary is checked for personal identity numbers and names before it is stored (app/domain/deidentify.ts).
 */
export const adviceConsultations = pgTable(
  "advice_consultations",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    /** Read out to the caller ("R-7K3Q"); a report that quotes it is linked to this consultation. */
    code: text().notNull(),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    receptionUnitId: uuid().references(() => units.id),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    durationMinutes: integer().notNull(),
    channel: adviceChannel().notNull(),
    callerUnitId: uuid().references(() => units.id),
    callerRole: callerRole().notNull(),
    /** The caller, when they are a portal user: they get the advice in writing in their inbox. */
    callerUserId: uuid().references(() => users.id),
    concerns: text().array().notNull().default(sql`'{}'::text[]`),
    ageBand: ageBand(),
    acute: boolean().notNull().default(false),
    summary: text().notNull(),
    advice: adviceKind().notNull(),
    /** Why no report was needed, or where the caller was referred. */
    adviceNote: text().notNull().default(""),
    followUp: text().notNull().default(""),
    /** The key of the form that logged it: the same form sent again finds this row (null for rows made elsewhere). */
    submissionKey: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("advice_code_idx").on(t.municipalityId, t.code),
    uniqueIndex("advice_submission_idx").on(t.submissionKey),
    index("advice_occurred_idx").on(t.municipalityId, t.occurredAt),
    index("advice_caller_unit_idx").on(t.callerUnitId, t.occurredAt),
    // The advice list's total when filtered by kind of unit, counted from the index alone.
    index("advice_municipality_unit_idx").on(t.municipalityId, t.callerUnitId),
  ],
);

/** Corrections after the author's 24 hours: added, never written over. */
export const adviceAmendments = pgTable(
  "advice_amendments",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    consultationId: uuid()
      .notNull()
      .references(() => adviceConsultations.id),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    text: text().notNull(),
    submissionKey: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("advice_amendments_consultation_idx").on(t.consultationId, t.createdAt),
    uniqueIndex("advice_amendments_submission_idx").on(t.submissionKey),
  ],
);
