import { boolean, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { municipalities, users } from "./organisation";

/** Server-side sessions. The cookie holds a random token; only its HMAC-SHA256 (keyed by SESSION_SECRET) is stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    /** True between a correct password and a correct one-time code. */
    secondFactorPending: boolean().notNull().default(false),
    /**
     * When this session last gave the second factor: at sign-in, or again for a step-up (app/lib/step-up.server.ts).
     * Null for a session signed in without one.
     */
    secondFactorAt: timestamp({ withTimezone: true }),
    /**
     * For a sign-in through the municipality's provider: its issuer and its own session id (`sid`), so that the
     * provider's back-channel logout can end this session, and sign-out can end the provider's (issue 25, item 4).
     */
    providerIssuer: text(),
    providerSid: text(),
    /** The provider said this sign-in used more than one factor: it stands for the portal's own second factor. */
    providerMfa: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index("sessions_user_idx").on(t.userId),
    index("sessions_provider_sid_idx").on(t.providerIssuer, t.providerSid),
  ],
);

/** Failed-login counters per account and per client address; key is `account:<email>` or `ip:<address>`. */
export const loginThrottles = pgTable("login_throttles", {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  lastFailureAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp({ withTimezone: true }),
});
