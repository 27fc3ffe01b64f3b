import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { municipalities, users } from "./organisation";
import { reports } from "./reports";

/**
 * Two reports social services linked by hand as being about the same child (one registered without a personal
 * identity number, say); reports with the same number are linked without a row here (app/models/earlier-reports.server.ts).
 * A pair is stored once, the smaller id first, and shown from both sides.
 */
export const reportLinks = pgTable(
  "report_links",
  {
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    reportId: uuid()
      .notNull()
      .references(() => reports.id),
    linkedReportId: uuid()
      .notNull()
      .references(() => reports.id),
    linkedById: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.reportId, t.linkedReportId] }),
    // The other side's lookup: the reports linked to this one as the larger id.
    index("report_links_linked_idx").on(t.municipalityId, t.linkedReportId),
    check("report_links_once", sql`${t.reportId} < ${t.linkedReportId}`),
  ],
);
