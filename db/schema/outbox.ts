import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { municipalities, users } from "./organisation";

export const outboxStatus = pgEnum("outbox_status", ["pending", "sent", "failed"]);

/**
 * Every e-mail the portal sends, written in the same transaction as the change that causes it and sent by a
 * worker (app/server/outbox-worker.server.ts). Bodies hold no personal data: they point to the portal.
 */
export const outboxEmails = pgTable(
  "outbox_emails",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    recipientId: uuid().references(() => users.id),
    toAddress: text().notNull(),
    subject: text().notNull(),
    textBody: text().notNull(),
    /** An iCalendar attachment (invitations), with its METHOD for the Content-Type. */
    calendar: text(),
    calendarMethod: text(),
    status: outboxStatus().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** A worker's claim: others skip the row until it passes. */
    lockedUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("outbox_due_idx").on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index("outbox_municipality_idx").on(t.municipalityId, t.createdAt),
  ],
);
