import { sql } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import {
  consentForms,
  consentGivers,
  consentInfoKinds,
  feedbackChannels,
  feedbackStages,
  responseDayKinds,
} from "~/domain/vocabulary";
import { messages } from "./inbox";
import { municipalities, users } from "./organisation";
import { reports } from "./reports";

export const feedbackStage = pgEnum("feedback_stage", feedbackStages);
export const feedbackChannel = pgEnum("feedback_channel", feedbackChannels);
export const consentGiver = pgEnum("consent_giver", consentGivers);
export const consentForm = pgEnum("consent_form", consentForms);
export const consentInfoKind = pgEnum("consent_info_kind", consentInfoKinds);
export const responseDayKind = pgEnum("response_day_kind", responseDayKinds);

/** How each municipality runs feedback; a missing row means the defaults. */
export const feedbackSettings = pgTable("feedback_settings", {
  municipalityId: uuid()
    .primaryKey()
    .references(() => municipalities.id),
  /** Basic feedback is due within this many days of the decision (or receipt), counted as `responseDayKind` says. */
  responseDays: integer().notNull().default(3),
  /** Working days (weekdays less Swedish holidays, as the agreement says) or calendar days. */
  responseDayKind: responseDayKind().notNull().default("working"),
  /** Where custody is joint, whether a consent needs both guardians. */
  bothGuardiansRequired: boolean().notNull().default(true),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedById: uuid().references(() => users.id),
});

/**
 * The basic-feedback texts (what the law lets anyone be told), per stage and outcome, in both languages. A coordinator
 * reviews them; a missing row means the standard text in locales/.
 */
export const feedbackTexts = pgTable(
  "feedback_texts",
  {
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    /** "received", or a decision: "opened", "not_opened", "already_ongoing". */
    key: text().notNull(),
    sv: text().notNull(),
    en: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedById: uuid().references(() => users.id),
  },
  (t) => [uniqueIndex("feedback_texts_key_idx").on(t.municipalityId, t.key)],
);

/**
 * Basic feedback: one row per report, stage and recipient, made once (the unique index) however often the step is
 * submitted. A portal user gets it in the inbox at once; for a reporter outside the portal it is a task for reception
 * until ticked off with the date and the channel.
 */
export const basicFeedback = pgTable(
  "basic_feedback",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    reportId: uuid()
      .notNull()
      .references(() => reports.id),
    stage: feedbackStage().notNull(),
    /** Null for a reporter outside the portal. */
    recipientId: uuid().references(() => users.id),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    deliveredAt: timestamp({ withTimezone: true }),
    channel: feedbackChannel(),
    deliveredById: uuid().references(() => users.id),
    messageId: uuid().references(() => messages.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("basic_feedback_once_idx").on(
      t.reportId,
      t.stage,
      sql`coalesce(${t.recipientId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
    index("basic_feedback_open_idx").on(t.municipalityId, t.dueAt).where(sql`delivered_at is null`),
    index("basic_feedback_delivered_idx").on(t.municipalityId, t.deliveredAt),
  ],
);

/**
 * A consent to tell the school more than the law allows without one. Recipients are units (their members) or named
 * users; kinds are what it releases. It covers from `validFrom` until `validUntil` (at most 12 months) or until
 * `withdrawnAt`, whichever comes first. Rows are never deleted.
 */
export const consents = pgTable(
  "consents",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    reportId: uuid()
      .notNull()
      .references(() => reports.id),
    giver: consentGiver().notNull(),
    /** Name and relation to the child, e.g. "Anna Andersson, mother". */
    givenBy: text().notNull(),
    jointCustody: boolean().notNull().default(false),
    bothGuardiansConsented: boolean().notNull().default(false),
    form: consentForm().notNull(),
    documentReference: text().notNull().default(""),
    recipientUnitIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    recipientUserIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    infoKinds: consentInfoKind().array().notNull(),
    validFrom: timestamp({ withTimezone: true }).notNull(),
    validUntil: timestamp({ withTimezone: true }).notNull(),
    withdrawnAt: timestamp({ withTimezone: true }),
    withdrawnById: uuid().references(() => users.id),
    recordedById: uuid()
      .notNull()
      .references(() => users.id),
    /** The form's one-time key: a second submit of the same form finds this row instead of making a copy. */
    submissionKey: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("consents_report_idx").on(t.reportId),
    uniqueIndex("consents_submission_idx").on(t.submissionKey),
    // Consents in force at a date, for the statistics.
    index("consents_municipality_idx").on(t.municipalityId, t.validUntil),
  ],
);

/** Extended feedback: sent only under the consent named here, checked in the sending transaction. */
export const extendedFeedback = pgTable(
  "extended_feedback",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    reportId: uuid()
      .notNull()
      .references(() => reports.id),
    recipientId: uuid()
      .notNull()
      .references(() => users.id),
    infoKind: consentInfoKind().notNull(),
    body: text().notNull(),
    consentId: uuid()
      .notNull()
      .references(() => consents.id),
    sentById: uuid()
      .notNull()
      .references(() => users.id),
    sentAt: timestamp({ withTimezone: true }).notNull(),
    readAt: timestamp({ withTimezone: true }),
    submissionKey: uuid().notNull(),
  },
  (t) => [
    uniqueIndex("extended_feedback_submission_idx").on(t.submissionKey),
    index("extended_feedback_report_idx").on(t.reportId),
    index("extended_feedback_recipient_idx").on(t.recipientId, t.sentAt),
    index("extended_feedback_sent_idx").on(t.municipalityId, t.sentAt),
  ],
);
