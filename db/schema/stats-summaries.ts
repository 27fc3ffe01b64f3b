import { sql } from "drizzle-orm";
import { bigint, doublePrecision, index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
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
  },
  (t) => [index("stats_changes_month_idx").on(t.municipalityId, t.month)],
);

const counter = () => integer().notNull();

/**
 * The reports received in a month, by source (the kind of the reporting unit, or another channel): the additive
 * counts of the report figures and the days from receipt to decision, for medians over any run of months.
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
    decisionDays: doublePrecision().array().notNull(),
    /** Reports offered a report meeting, whose meeting was held, and held with the one who had the concern there. */
    withMeeting: counter().default(0),
    meetingsHeld: counter().default(0),
    concernAttended: counter().default(0),
    /** Reports not offered a meeting, per reason in the order of noMeetingReasons (app/domain/vocabulary.ts). */
    noMeeting: integer().array().notNull().default(sql`'{}'`),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.month, t.source] })],
);
