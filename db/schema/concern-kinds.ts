import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { municipalities } from "./organisation";
import { reports } from "./reports";

/**
 * The kinds of concern a report can be about, kept by the coordinators per municipality. Every municipality starts
 * with the defaults of app/domain/concern-kinds.ts; a kind is retired, never deleted, so reports keep theirs.
 */
export const concernKinds = pgTable(
  "concern_kinds",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    /** A default's code (its label is in the locales), or one made for a kind the coordinators added. */
    code: text().notNull(),
    /** The coordinators' wording; null for a default as the portal words it. */
    labelSv: text(),
    labelEn: text(),
    /** Violence, sexual abuse, witnessing violence: a police report must be considered and a second look taken. */
    violence: boolean().notNull().default(false),
    active: boolean().notNull().default(true),
    position: integer().notNull(),
    /** The key of the form that added it: the same form sent again finds this row. */
    submissionKey: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("concern_kinds_code_idx").on(t.municipalityId, t.code),
    // Two kinds of one name would be told apart by nobody.
    uniqueIndex("concern_kinds_label_idx").on(t.municipalityId, sql`lower(${t.labelSv})`),
    uniqueIndex("concern_kinds_submission_idx").on(t.submissionKey),
  ],
);

/** The kinds reception (or the investigator) set on a report. Social services' record: never shown to reporters. */
export const reportConcernKinds = pgTable(
  "report_concern_kinds",
  {
    reportId: uuid()
      .notNull()
      .references(() => reports.id),
    kindId: uuid()
      .notNull()
      .references(() => concernKinds.id),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.kindId] }), index("report_concern_kinds_kind_idx").on(t.kindId)],
);
