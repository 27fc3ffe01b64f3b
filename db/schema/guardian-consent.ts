import { sql } from "drizzle-orm";
import { check, date, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { guardianAnswers, guardianAnswerStatuses } from "~/domain/vocabulary";
import { consentForm, consentGiver, consentInfoKind, consents } from "./feedback";
import { municipalities, users } from "./organisation";
import { reports } from "./reports";

export const guardianAnswer = pgEnum("guardian_answer", guardianAnswers);
export const guardianAnswerStatus = pgEnum("guardian_answer_status", guardianAnswerStatuses);

/**
 * The school asked the guardians for consent and wrote down what they answered (issue 21, item 4). It is the school's
 * record, not a consent: extended feedback is gated by the register (`consents`) only, which reception fills from
 * this when it has confirmed the answer (`consentId`), or closes with the reason why not.
 */
export const guardianConsentAnswers = pgTable(
  "guardian_consent_answers",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    reportId: uuid()
      .notNull()
      .references(() => reports.id),
    recordedById: uuid()
      .notNull()
      .references(() => users.id),
    /** The Stockholm day the guardians were asked. */
    askedOn: date({ mode: "string" }).notNull(),
    giver: consentGiver().notNull(),
    /** Name and relation to the child, e.g. "Anna Andersson, mother". */
    givenBy: text().notNull(),
    answer: guardianAnswer().notNull(),
    /** What a yes covers; empty for a no. */
    infoKinds: consentInfoKind().array().notNull().default(sql`'{}'::consent_info_kind[]`),
    form: consentForm().notNull(),
    note: text().notNull().default(""),
    submissionKey: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    status: guardianAnswerStatus().notNull().default("pending"),
    handledById: uuid().references(() => users.id),
    handledAt: timestamp({ withTimezone: true }),
    /** Why reception did not confirm it. */
    handledNote: text().notNull().default(""),
    consentId: uuid().references(() => consents.id),
  },
  (t) => [
    uniqueIndex("guardian_consent_answers_submission_idx").on(t.submissionKey),
    index("guardian_consent_answers_report_idx").on(t.reportId),
    check("guardian_consent_answers_scope", sql`(${t.answer} = 'yes') = (cardinality(${t.infoKinds}) > 0)`),
    check("guardian_consent_answers_confirmed", sql`(${t.status} = 'confirmed') = (${t.consentId} is not null)`),
  ],
);
