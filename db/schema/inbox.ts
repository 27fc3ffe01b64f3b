import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
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
    /**
     * What the message says, as a template (app/lib/message-templates.server.ts) and its parameters: it is put into
     * words when read, in the reader's language of the moment. Null on messages stored as text.
     */
    template: text(),
    params: jsonb().$type<object>().notNull().default({}),
    /** The text of a message written before templates (or seeded as text), in the language of its day. */
    subject: text(),
    body: text(),
    /** A path inside the portal, never an absolute URL and never personal data. */
    link: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("messages_recipient_idx").on(t.recipientId, t.createdAt),
    check(
      "messages_template_or_text",
      sql`${t.template} is not null or (${t.subject} is not null and ${t.body} is not null)`,
    ),
  ],
);
