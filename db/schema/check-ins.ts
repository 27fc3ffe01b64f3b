import { sql } from "drizzle-orm";
import { check, date, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { checkInReasons, checkInStatuses } from "~/domain/check-in";
import { municipalities, units, users } from "./organisation";

/**
 * Check-ins with a unit (issue 21, item 7): planned by a coordinator from the radar's candidates, then held (with who
 * came and what was agreed) or cancelled. The attendees are staff as the coordinator writes them; nothing about a
 * child belongs here.
 */
export const checkInReason = pgEnum("check_in_reason", checkInReasons);
export const checkInStatus = pgEnum("check_in_status", checkInStatuses);

export const checkIns = pgTable(
  "check_ins",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    unitId: uuid()
      .notNull()
      .references(() => units.id),
    reason: checkInReason().notNull(),
    /** The day it is planned for (Stockholm). */
    plannedFor: date({ mode: "string" }).notNull(),
    plannedById: uuid()
      .notNull()
      .references(() => users.id),
    status: checkInStatus().notNull().default("planned"),
    /** The day it was held, as recorded; set exactly when held. */
    heldOn: date({ mode: "string" }),
    attendees: text(),
    agreedActions: text(),
    /** Who recorded it held or cancelled, and when. */
    recordedById: uuid().references(() => users.id),
    recordedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The planning form's key: a resent form finds the first one's row (docs/decisions/013). */
    submissionKey: uuid(),
  },
  (t) => [
    uniqueIndex("check_ins_submission_idx").on(t.submissionKey),
    // The coordinators' list (planned first) and the yearly counts.
    index("check_ins_list_idx").on(t.municipalityId, t.status, t.plannedFor),
    check("check_ins_held", sql`(${t.status} = 'held') = (${t.heldOn} is not null)`),
  ],
);
