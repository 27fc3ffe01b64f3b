import { index, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { municipalities, units, users } from "./organisation";

/**
 * A unit's contact person, named by a principal of the unit from its staff: one per unit (the key), replaced by
 * naming another. A role for one unit, so a row of its own, not a column on a membership. Whoever is named gets the
 * unit's training announcements (app/models/training.server.ts) and check-in invitations.
 */
export const unitContacts = pgTable(
  "unit_contacts",
  {
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    unitId: uuid()
      .primaryKey()
      .references(() => units.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    assignedById: uuid()
      .notNull()
      .references(() => users.id),
    assignedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("unit_contacts_municipality_idx").on(t.municipalityId), index("unit_contacts_user_idx").on(t.userId)],
);
