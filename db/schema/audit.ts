import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Append-only log of who read or changed what. A trigger (migration 0001) rejects UPDATE, DELETE and TRUNCATE.
 * No foreign keys: an entry must outlive the user or record it names.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    municipalityId: uuid(),
    userId: uuid(),
    /** Roles and unit at the time of the event, since memberships change. */
    roles: text().array().notNull().default([]),
    unitId: uuid(),
    action: text().notNull(),
    recordType: text(),
    recordId: text(),
    requestId: text(),
    /** Never personal data: route names, reasons, field names. */
    details: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [
    index("audit_events_municipality_at_idx").on(t.municipalityId, t.at),
    index("audit_events_user_idx").on(t.userId, t.at),
    index("audit_events_record_idx").on(t.recordType, t.recordId),
  ],
);
