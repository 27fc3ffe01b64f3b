import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { municipalities, users } from "./organisation";

/** The one inbox: every feature delivers to a user through app/models/inbox.server.ts. */
export const messages = pgTable(
  "messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    recipientId: uuid()
      .notNull()
      .references(() => users.id),
    /** What kind of message: system, advice, invitation, feedback, training. */
    kind: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    /** A path inside the portal, never an absolute URL and never personal data. */
    link: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("messages_recipient_idx").on(t.recipientId, t.createdAt)],
);
