import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { registrationStatuses, trainingStatuses, trainingTopics } from "~/domain/vocabulary";
import { municipalities, role, unitKind, users } from "./organisation";

export const trainingTopic = pgEnum("training_topic", trainingTopics);
export const trainingStatus = pgEnum("training_status", trainingStatuses);
export const registrationStatus = pgEnum("registration_status", registrationStatuses);

/** A repeating training: the rule (RRULE, in Stockholm wall-clock time) its occurrences were made from. */
export const trainingSeries = pgTable("training_series", {
  id: uuid().primaryKey().defaultRandom(),
  municipalityId: uuid()
    .notNull()
    .references(() => municipalities.id),
  rrule: text().notNull(),
  createdById: uuid()
    .notNull()
    .references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * One training occasion. A series is a set of these sharing `seriesId`; each can be edited on its own. `uid` and
 * `sequence` are its iCalendar identity, so subscribed calendars update the entry in place.
 */
export const trainings = pgTable(
  "trainings",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    seriesId: uuid().references(() => trainingSeries.id),
    title: text().notNull(),
    topic: trainingTopic().notNull(),
    audienceRoles: role().array().notNull(),
    audienceUnitKinds: unitKind().array().notNull(),
    /** Markdown, rendered without HTML. */
    description: text().notNull().default(""),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    durationMinutes: integer().notNull(),
    place: text().notNull().default(""),
    capacity: integer().notNull(),
    registrationDeadline: timestamp({ withTimezone: true }).notNull(),
    organisers: text().notNull().default(""),
    status: trainingStatus().notNull().default("draft"),
    uid: text().notNull(),
    sequence: integer().notNull().default(0),
    createdById: uuid()
      .notNull()
      .references(() => users.id),
    /** On the first occasion made by a form: the same form sent again finds it (and its series) instead of a copy. */
    submissionKey: uuid(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("trainings_uid_idx").on(t.uid),
    uniqueIndex("trainings_submission_idx").on(t.submissionKey),
    index("trainings_calendar_idx").on(t.municipalityId, t.startsAt),
    index("trainings_series_idx").on(t.seriesId, t.startsAt),
  ],
);

/**
 * A place on a training, or on its waitlist. `seq` is the order of registration (waitlist order); at most one live
 * registration per person and training. Rows are kept when cancelled: attendance and history stay.
 */
export const trainingRegistrations = pgTable(
  "training_registrations",
  {
    id: uuid().primaryKey().defaultRandom(),
    seq: bigserial({ mode: "number" }).notNull(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    trainingId: uuid()
      .notNull()
      .references(() => trainings.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    status: registrationStatus().notNull(),
    /** A principal who registered a member of staff; null when people registered themselves. */
    registeredById: uuid().references(() => users.id),
    attended: boolean(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    promotedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    /**
     * The SEQUENCE of the last calendar entry (a REQUEST) e-mailed to this person; null when none was, so cancelling
     * the place sends no CANCEL for an entry they never got.
     */
    calendarSequence: integer(),
  },
  (t) => [
    uniqueIndex("training_registrations_live_idx").on(t.trainingId, t.userId).where(sql`status <> 'cancelled'`),
    index("training_registrations_order_idx").on(t.trainingId, t.status, t.seq),
    index("training_registrations_user_idx").on(t.userId),
    // Who attended a training, read from the index alone (the units with trained staff on /stats).
    index("training_registrations_attended_idx").on(t.trainingId, t.userId).where(sql`attended`),
  ],
);

/** A personal calendar feed: the URL carries a secret token whose hash is kept; revoking makes a new one. */
export const calendarFeeds = pgTable("calendar_feeds", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id),
  municipalityId: uuid()
    .notNull()
    .references(() => municipalities.id),
  tokenHash: text().notNull().unique(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
