import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { adviceConsultations, ageBand } from "./advice";
import { concernKinds } from "./concern-kinds";
import { municipalities, units, users } from "./organisation";
import { investigationOutcomes, type InvestigationExtension } from "~/domain/investigation";

import {
  noMeetingReasons,
  notOpenedGrounds,
  protectionOutcomes,
  reportChannels,
  reportDecisions,
} from "~/domain/vocabulary";

export {
  protectionOutcomes,
  reportChannels,
  reportDecisions,
  type ProtectionOutcome,
  type ReportChannel,
  type ReportDecision,
} from "~/domain/vocabulary";
export const reportChannel = pgEnum("report_channel", reportChannels);
export const reportDecision = pgEnum("report_decision", reportDecisions);
export const protectionOutcome = pgEnum("protection_outcome", protectionOutcomes);
export const noMeetingReason = pgEnum("no_meeting_reason", noMeetingReasons);
export const notOpenedGround = pgEnum("not_opened_ground", notOpenedGrounds);
export const investigationOutcome = pgEnum("investigation_outcome", investigationOutcomes);

export interface GuardianEntry {
  name: string;
  informed: boolean;
  /** Why a guardian was not told, e.g. a risk to the child. */
  notInformedReason: string;
}

/**
 * A report of concern about one child. Holds personal data: every read and change is audited, and the
 * parts a reporter may see are chosen in app/models/report.server.ts, never here.
 */
export const reports = pgTable(
  "reports",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    /** Shown to people ("ORO-2026-0042"); unique within the municipality. */
    reference: text().notNull(),
    channel: reportChannel().notNull(),
    /** The child's preschool or school: the reporting unit in the statistics. Null for e.g. a police report. */
    unitId: uuid().references(() => units.id),
    /** The portal user who signed the report; null when it came from outside the portal. */
    reporterId: uuid().references(() => users.id),
    reporterName: text().notNull(),
    reporterPhone: text().notNull().default(""),
    reporterEmail: text().notNull().default(""),
    /** Who typed it in, when not the reporter (a reception worker registering a paper report). */
    registeredById: uuid().references(() => users.id),
    /** The person who had the concern, when the reporter is not that person. */
    observerId: uuid().references(() => users.id),
    observerName: text(),
    onBehalfReason: text(),
    coSignerId: uuid().references(() => users.id),
    wantsFeedback: boolean().notNull().default(true),
    adviceCode: text(),
    /** The consultation whose code the report quotes, when one matches. */
    adviceConsultationId: uuid().references(() => adviceConsultations.id),
    /** Sealed (app/lib/sealed.server.ts, decision 021): a dump shows no child's name or number. */
    childName: text().notNull(),
    childPersonalNumber: text(),
    /** The number's keyed hash (HMAC), to find reports about the same child without the number in the clear. */
    childNumberHash: text(),
    childBirthDate: date({ mode: "string" }),
    childGroup: text().notNull().default(""),
    observedOn: date({ mode: "string" }),
    observations: text().notNull(),
    childWords: text().notNull().default(""),
    /** Each guardian's name sealed. */
    guardians: jsonb().$type<GuardianEntry[]>().notNull().default([]),
    interpreterNeeded: boolean().notNull().default(false),
    interpreterLanguage: text().notNull().default(""),
    acute: boolean().notNull().default(false),
    otherAgencies: text().notNull().default(""),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    /** Computed at receipt in Europe/Stockholm calendar days (app/domain/deadlines.ts), so lists sort by them. */
    protectionDueAt: timestamp({ withTimezone: true }).notNull(),
    decisionDueAt: timestamp({ withTimezone: true }).notNull(),
    protectionAssessedAt: timestamp({ withTimezone: true }),
    protectionOutcome: protectionOutcome(),
    assignedToId: uuid().references(() => users.id),
    childHeard: boolean(),
    childHeardNote: text(),
    decision: reportDecision(),
    decidedAt: timestamp({ withTimezone: true }),
    /** The decision's reasons (app/domain/pre-assessment.ts): the ground of a "not opened", and the text for any. */
    decisionGround: notOpenedGround(),
    decisionReasons: text(),
    /** Answered with every decision: whether concern remains after the pre-assessment. Null before the decision. */
    remainingConcern: boolean(),
    /**
     * Whether a police report was considered (null: not yet), made (null when not considered), why, and the day of a
     * consultation with the police or Barnahus (samråd), if held. Reconsidered when new information arrives, so the
     * time of the last answer is kept.
     */
    policeConsidered: boolean(),
    policeReported: boolean(),
    policeNote: text(),
    policeConsultedOn: date({ mode: "string" }),
    policeConsideredAt: timestamp({ withTimezone: true }),
    neededSupplement: boolean().notNull().default(false),
    /** When no report meeting is offered: which exception of SoL 14 kap 1 a § applies, so "why not" differs from "forgotten". */
    noMeetingReason: noMeetingReason(),
    noMeetingNote: text(),
    /** The kind of concern the reporter suggested (reception sets the kinds: report_concern_kinds). */
    suggestedKindId: uuid().references((): AnyPgColumn => concernKinds.id),
    /** Fixed at receipt (app/domain/receipt-facts.ts), so statistics never read the identity number; null when unknown. */
    ageBand: ageBand(),
    daysToReport: integer(),
    /**
     * The draft it was submitted from, or for a registered report the registration form's submission key: a second
     * submit of the same draft or form finds this report instead of a copy.
     */
    sourceDraftId: uuid(),
    /**
     * The reporter asked that their identity be kept from the family, and why (OSL 26 kap. 5 §: social services decide,
     * case by case). Shown on the report pages only: never in an e-mail, a message, a log line or an address.
     */
    identityProtectionRequested: boolean().notNull().default(false),
    identityProtectionReason: text(),
    /** Social services' own marking that the reporter is threatened; who set or cleared it last, and when. */
    threatFlag: boolean().notNull().default(false),
    threatFlagChangedById: uuid().references(() => users.id),
    threatFlagChangedAt: timestamp({ withTimezone: true }),
    /**
     * The investigation an "opened" decision starts (app/domain/investigation.ts): its first day when an investigator
     * corrected it (null: the decision's day), the extensions of its four-month limit with their reasons (the last
     * one's date holds), and the day it ended with its outcome (both or neither).
     */
    investigationStartedOn: date({ mode: "string" }),
    investigationExtensions: jsonb().$type<InvestigationExtension[]>().notNull().default([]),
    investigationEndedOn: date({ mode: "string" }),
    investigationOutcome: investigationOutcome(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("reports_reference_idx").on(t.municipalityId, t.reference),
    uniqueIndex("reports_source_draft_idx").on(t.sourceDraftId),
    index("reports_received_idx").on(t.municipalityId, t.receivedAt),
    index("reports_open_idx").on(t.municipalityId, t.decisionDueAt).where(sql`decision is null`),
    index("reports_unit_idx").on(t.unitId, t.receivedAt),
    index("reports_reporter_idx").on(t.reporterId, t.receivedAt),
    // "Followed by a report" is asked of every advice call in a list or statistic: without it, a scan per call.
    index("reports_advice_idx").on(t.adviceConsultationId).where(sql`advice_consultation_id is not null`),
    // Statistics per unit count portal reports (and those that needed supplementing) from the index alone.
    index("reports_unit_portal_idx").on(t.unitId, t.receivedAt, t.neededSupplement).where(sql`channel = 'portal'`),
    // Feedback statistics start from the reports decided in a period.
    index("reports_decided_idx").on(t.municipalityId, t.decidedAt).where(sql`decided_at is not null`),
    // Earlier reports about the same child are found by number within the municipality (earlier-reports.server.ts).
    index("reports_child_number_idx").on(t.municipalityId, t.childNumberHash).where(sql`child_number_hash is not null`),
    // A reason is kept only with the request it explains.
    check(
      "reports_identity_protection_reason",
      sql`${t.identityProtectionReason} is null or ${t.identityProtectionRequested}`,
    ),
    check("reports_investigation_end", sql`(${t.investigationEndedOn} is null) = (${t.investigationOutcome} is null)`),
  ],
);

/** The next reference number per municipality and year, taken atomically. */
export const reportCounters = pgTable(
  "report_counters",
  {
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    year: integer().notNull(),
    last: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.year] })],
);

/** Every step of a report with who and when. Internal: reporters see only what the model module picks. */
export const reportEvents = pgTable(
  "report_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    reportId: uuid()
      .notNull()
      .references(() => reports.id),
    kind: text().notNull(),
    actorId: uuid().references(() => users.id),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    details: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [index("report_events_report_idx").on(t.reportId, t.at)],
);

/** What a reporter adds after submitting; the report itself never changes. */
export const reportSupplements = pgTable(
  "report_supplements",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    reportId: uuid()
      .notNull()
      .references(() => reports.id),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    text: text().notNull(),
    /** The key of the form that sent it: the same form sent again finds this row (null for rows made elsewhere). */
    submissionKey: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("report_supplements_report_idx").on(t.reportId, t.createdAt),
    uniqueIndex("report_supplements_submission_idx").on(t.submissionKey),
  ],
);

/** Reception asks the reporter for more ("we need to know…"); the answer is a supplement, linked here. */
export const supplementRequests = pgTable(
  "supplement_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    reportId: uuid()
      .notNull()
      .references(() => reports.id),
    question: text().notNull(),
    askedById: uuid()
      .notNull()
      .references(() => users.id),
    askedAt: timestamp({ withTimezone: true }).notNull(),
    answerSupplementId: uuid().references(() => reportSupplements.id),
    answeredAt: timestamp({ withTimezone: true }),
    submissionKey: uuid(),
  },
  (t) => [
    index("supplement_requests_report_idx").on(t.reportId, t.askedAt),
    uniqueIndex("supplement_requests_submission_idx").on(t.submissionKey),
  ],
);

/** Social services' own notes: a separate table so no reporter query can reach them by a missed filter. */
export const reportNotes = pgTable(
  "report_notes",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    reportId: uuid()
      .notNull()
      .references(() => reports.id),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    text: text().notNull(),
    submissionKey: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("report_notes_report_idx").on(t.reportId, t.createdAt),
    uniqueIndex("report_notes_submission_idx").on(t.submissionKey),
  ],
);

/** Unsubmitted reports: the raw form, visible only to its author. */
export const reportDrafts = pgTable(
  "report_drafts",
  {
    id: uuid().primaryKey(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    /** The form's fields as typed, sealed whole as `{ sealed }` (they hold the child's identity). */
    fields: jsonb().$type<Record<string, string>>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("report_drafts_author_idx").on(t.authorId, t.updatedAt)],
);
