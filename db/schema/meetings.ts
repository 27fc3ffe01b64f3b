import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { invitationAnswers, meetingForms } from "~/domain/vocabulary";
import { municipalities, users } from "./organisation";
import { reports } from "./reports";

export const meetingForm = pgEnum("meeting_form", meetingForms);
export const meetingStatus = pgEnum("meeting_status", ["scheduled", "cancelled", "held"]);
export const invitationAnswer = pgEnum("invitation_answer", invitationAnswers);

/**
 * A report meeting. `uid` and `sequence` are the iCalendar identity: every change raises the sequence, so
 * calendar programs update the entry in place (and remove it on cancellation).
 */
export const meetings = pgTable(
  "meetings",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    reportId: uuid()
      .notNull()
      .references(() => reports.id),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    durationMinutes: integer().notNull(),
    form: meetingForm().notNull(),
    /** Address and room, a video link, or phone instructions: no personal data (it goes into e-mail). */
    place: text().notNull().default(""),
    /** Guardians, the child, an interpreter and language: recorded here, never contacted by the portal. */
    otherParticipants: text().notNull().default(""),
    status: meetingStatus().notNull().default("scheduled"),
    uid: text().notNull(),
    sequence: integer().notNull().default(0),
    organizerId: uuid()
      .notNull()
      .references(() => users.id),
    /** Set once when the day-before reminder is queued: the guard that makes it go out once. */
    reminderSentAt: timestamp({ withTimezone: true }),
    heldAt: timestamp({ withTimezone: true }),
    /** The key of the invitation form that made it: the same form sent again finds this meeting. */
    submissionKey: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("meetings_uid_idx").on(t.uid),
    index("meetings_organizer_idx").on(t.organizerId, t.startsAt),
    index("meetings_report_idx").on(t.reportId),
    uniqueIndex("meetings_submission_idx").on(t.submissionKey),
  ],
);

export const meetingInvitations = pgTable(
  "meeting_invitations",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    meetingId: uuid()
      .notNull()
      .references(() => meetings.id),
    inviteeId: uuid()
      .notNull()
      .references(() => users.id),
    answer: invitationAnswer().notNull().default("pending"),
    declineReason: text(),
    proposedStartsAt: timestamp({ withTimezone: true }),
    /** Set on the invitation a colleague received when the first invitee handed it over. */
    handedOverFromId: uuid(),
    answeredAt: timestamp({ withTimezone: true }),
    /** After the meeting: whether this invitee came (null until recorded). */
    attended: boolean(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("meeting_invitations_invitee_idx").on(t.meetingId, t.inviteeId),
    index("meeting_invitations_user_idx").on(t.inviteeId, t.createdAt),
  ],
);
