import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { municipalities, users } from "./organisation";

/**
 * The steering group's log (issue 21, item 8; app/domain/steering-log.ts): its meetings, their agenda items with the
 * figure discussed and what was decided, and the actions agreed, with an owner and a due date, open until closed. The
 * texts are the group's own and concern the collaboration, not a child: nothing of a report is stored here.
 */

// The columns the three tables share, in the order they stand in the table. Each call makes new column builders (a
// builder belongs to one table); spread into the table's columns, they give the same SQL as written out.

/** The row's id and its municipality: first in every table of the log. */
const ownRow = () => ({
  id: uuid().primaryKey().defaultRandom(),
  municipalityId: uuid()
    .notNull()
    .references(() => municipalities.id),
});

/** The meeting an agenda item or an action belongs to. */
const ofMeeting = () => ({
  meetingId: uuid()
    .notNull()
    .references(() => steeringMeetings.id),
});

/** Who wrote the row and when, and the form's key: a resent form finds the first one's row (docs/decisions/013). */
const written = () => ({
  createdById: uuid()
    .notNull()
    .references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  submissionKey: uuid(),
});

export const steeringMeetings = pgTable(
  "steering_meetings",
  {
    ...ownRow(),
    /** The day it was held (a Stockholm calendar day). */
    heldOn: date({ mode: "string" }).notNull(),
    title: text().notNull(),
    ...written(),
  },
  (t) => [
    uniqueIndex("steering_meetings_submission_idx").on(t.submissionKey),
    index("steering_meetings_list_idx").on(t.municipalityId, t.heldOn),
  ],
);

export const steeringAgendaItems = pgTable(
  "steering_agenda_items",
  {
    ...ownRow(),
    ...ofMeeting(),
    /** The order on the agenda, from 1. */
    position: integer().notNull(),
    title: text().notNull(),
    /** A key of steeringFigures (a section of /stats), or null when the item is about no figure. */
    figure: text(),
    notes: text().notNull().default(""),
    decision: text().notNull().default(""),
    ...written(),
  },
  (t) => [
    uniqueIndex("steering_agenda_items_submission_idx").on(t.submissionKey),
    index("steering_agenda_items_meeting_idx").on(t.meetingId, t.position),
  ],
);

export const steeringActions = pgTable(
  "steering_actions",
  {
    ...ownRow(),
    ...ofMeeting(),
    /** The agenda item it came from, or null for one agreed on the meeting as a whole. */
    agendaItemId: uuid().references(() => steeringAgendaItems.id),
    description: text().notNull(),
    /** A member of the group or a coordinator of the municipality (steeringOwnerRoles). */
    ownerId: uuid()
      .notNull()
      .references(() => users.id),
    dueOn: date({ mode: "string" }).notNull(),
    ...written(),
    closedAt: timestamp({ withTimezone: true }),
    closedById: uuid().references(() => users.id),
    closingNote: text(),
  },
  (t) => [
    uniqueIndex("steering_actions_submission_idx").on(t.submissionKey),
    // The open actions of the municipality, soonest due first.
    index("steering_actions_open_idx").on(t.municipalityId, t.closedAt, t.dueOn),
    index("steering_actions_meeting_idx").on(t.meetingId),
    check("steering_actions_closed", sql`(${t.closedAt} is null) = (${t.closedById} is null)`),
  ],
);
