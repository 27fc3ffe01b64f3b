import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { roles, unitKinds } from "~/domain/vocabulary";

/** The tenant. Every row that holds data carries its municipality and every query filters on it. */
export const municipalities = pgTable("municipalities", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  slug: text().notNull().unique(),
  /** Reception's shared e-mail address: the e-mail about an answer to a meeting invitation goes there, not to the organiser. */
  receptionAddress: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export { roles, unitKinds, type Role, type UnitKind } from "~/domain/vocabulary";
export const unitKind = pgEnum("unit_kind", unitKinds);

export const units = pgTable(
  "units",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    name: text().notNull(),
    kind: unitKind().notNull(),
    /** Only preschools and schools: the base for reports per 100 children. */
    enrolledChildren: integer(),
    /** Only student health teams: the school or preschool the team serves (its members may be invited to meetings). */
    servesUnitId: uuid().references((): AnyPgColumn => units.id),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("units_municipality_name_idx").on(t.municipalityId, sql`lower(${t.name})`),
    index("units_municipality_kind_idx").on(t.municipalityId, t.kind),
    index("units_serves_idx").on(t.servesUnitId),
  ],
);

export const role = pgEnum("role", roles);

export const locales = ["sv", "en"] as const;
export type Locale = (typeof locales)[number];

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    /** Stored lower-cased; unique across the whole installation so login needs no tenant. */
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text(),
    /** Set when an administrator chose the password: the user must pick their own before anything else. */
    passwordChangeRequired: boolean().notNull().default(false),
    locale: text().$type<Locale>(),
    active: boolean().notNull().default(true),
    totpSecret: text(),
    totpEnabledAt: timestamp({ withTimezone: true }),
    /** The 30-second step of the last accepted code: a code is good once. */
    totpLastStep: integer(),
    /** Rows per page in the long lists (the inbox, the advice list), as the user last chose: 25, 50 or 100. */
    listRows: smallint().notNull().default(25),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deactivatedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("users_email_idx").on(t.email),
    index("users_municipality_idx").on(t.municipalityId),
    check("users_list_rows_check", sql`${t.listRows} in (25, 50, 100)`),
  ],
);

export const memberships = pgTable(
  "memberships",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    unitId: uuid()
      .notNull()
      .references(() => units.id),
    role: role().notNull(),
    /**
     * Given by a group at the municipality's identity provider (identity_group_roles): the next sign-in removes it
     * when the group no longer gives it. Memberships an administrator gave by hand are never touched by sign-in.
     */
    fromProvider: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("memberships_user_unit_role_idx").on(t.userId, t.unitId, t.role),
    index("memberships_unit_idx").on(t.unitId),
    // A municipality's case workers (the report page) without reading every municipality's memberships.
    index("memberships_municipality_role_idx").on(t.municipalityId, t.role),
  ],
);
