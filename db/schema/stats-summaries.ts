import { sql } from "drizzle-orm";
import { bigint, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { municipalities } from "./organisation";

/**
 * Exact summaries for /stats (issue 23, item 7; docs/PERFORMANCE.md). A month's summary is trusted only while no change
 * is recorded for it: triggers on the tables it counts (migration 0042) append a row here, in the transaction of the
 * change, for every month the change can move; /stats counts such months from the rows themselves, and the summary
 * job (app/models/stats-summary.server.ts) rebuilds them and removes the changes it has seen. Appended, never updated,
 * so writers never wait for each other here.
 */
export const statsChanges = pgTable(
  "stats_changes",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    municipalityId: uuid().notNull(),
    /** The Stockholm month, "YYYY-MM", of the date the summaries count the changed row by. */
    month: text().notNull(),
    /**
     * The transaction that recorded it (migration 0046): a month is recorded once per transaction, however many of
     * its rows the transaction changes (a backfill in bulk). Null on changes recorded before.
     */
    tx: bigint({ mode: "number" }).default(sql`(pg_current_xact_id()::text)::bigint`),
  },
  (t) => [
    index("stats_changes_month_idx").on(t.municipalityId, t.month),
    uniqueIndex("stats_changes_once_idx").on(t.municipalityId, t.month, t.tx),
  ],
);

const counter = () => integer().notNull();

/**
 * The reports received in a month, by source (the kind of the reporting unit, or another channel): the additive
 * counts of the report figures and the time from receipt to decision, for medians over any run of months.
 */
export const statsReportMonths = pgTable(
  "stats_report_months",
  {
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    month: text().notNull(),
    source: text().notNull(),
    n: counter(),
    decided: counter(),
    opened: counter(),
    assessed: counter(),
    assessedInTime: counter(),
    decidedInTime: counter(),
    heardKnown: counter(),
    heard: counter(),
    notOpenedAnswered: counter(),
    notOpenedConcern: counter(),
    knownBefore: counter(),
    violentDecided: counter(),
    policeConsidered: counter(),
    secondLooked: counter(),
    returned: counter(),
    /** Seconds from receipt to decision of each decided report (whole seconds: half the bytes of days as floats). */
    decisionSeconds: integer().array().notNull(),
    /** Reports offered a report meeting, whose meeting was held, and held with the one who had the concern there. */
    withMeeting: counter().default(0),
    meetingsHeld: counter().default(0),
    concernAttended: counter().default(0),
    /** Reports not offered a meeting, per reason in the order of noMeetingReasons (app/domain/vocabulary.ts). */
    noMeeting: integer().array().notNull().default(sql`'{}'`),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.month, t.source] })],
);

/**
 * The rest of the follow-up a month holds, each by its own date: advice calls by the month of the call (in all, later
 * quoted by a report, per kind of the caller's unit in the order of the advice kinds in app/models/stats.server.ts,
 * per advice given in the order of adviceGiven), basic feedback on decisions by the month of the decision (due,
 * delivered, on time), extended feedback by the month it was sent, published trainings by the month they started.
 */
export const statsActivityMonths = pgTable(
  "stats_activity_months",
  {
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    month: text().notNull(),
    adviceTotal: counter(),
    adviceFollowed: counter(),
    adviceKind: integer().array().notNull(),
    adviceGiven: integer().array().notNull(),
    basicDue: counter(),
    basicDelivered: counter(),
    basicOnTime: counter(),
    extendedSent: counter(),
    trainingsHeld: counter(),
    trainingParticipants: counter(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.month] })],
);

/**
 * Per unit and month: portal reports by the month of receipt (in all, made on someone else's behalf, needing a
 * supplement) and advice calls from the unit by the month of the call. The unit's kind is read with them, so a
 * change of kind moves nothing here.
 */
export const statsUnitMonths = pgTable(
  "stats_unit_months",
  {
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    month: text().notNull(),
    unitId: uuid().notNull(),
    reports: counter(),
    onBehalf: counter(),
    supplemented: counter(),
    calls: counter(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.month, t.unitId] })],
);

/**
 * Per unit and month: reporting-duty trainings attended by the unit's staff and principals, by the month the training
 * started, as the people and memberships are now (a membership or a person's active flag marks the months of their
 * attendances). A unit counts as trained when any month of the last twelve has one.
 */
export const statsTrainedMonths = pgTable(
  "stats_trained_months",
  {
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    month: text().notNull(),
    unitId: uuid().notNull(),
    attended: counter(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.month, t.unitId] })],
);
