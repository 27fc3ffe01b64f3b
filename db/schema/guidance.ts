import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { municipalities, users } from "./organisation";

export const guidanceKinds = ["article", "agreement"] as const;
export const guidanceKind = pgEnum("guidance_kind", guidanceKinds);

/** One article (or the collaboration agreement) of a municipality; its content lives in versions. */
export const guidanceArticles = pgTable(
  "guidance_articles",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    slug: text().notNull(),
    kind: guidanceKind().notNull().default("article"),
    sortOrder: integer().notNull().default(100),
    /** The version staff read. Null until the first publication. */
    publishedVersionId: uuid().references((): AnyPgColumn => guidanceVersions.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("guidance_articles_slug_idx").on(t.municipalityId, t.slug)],
);

/**
 * Every published version is kept for the history; at most one unpublished draft per article
 * (the one with the highest number and no publishedAt) is edited in place until it is published.
 */
export const guidanceVersions = pgTable(
  "guidance_versions",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    articleId: uuid()
      .notNull()
      .references((): AnyPgColumn => guidanceArticles.id),
    number: integer().notNull(),
    titleSv: text().notNull(),
    titleEn: text().notNull(),
    summarySv: text().notNull().default(""),
    summaryEn: text().notNull().default(""),
    bodySv: text().notNull(),
    bodyEn: text().notNull(),
    /** Citations as data, so a coordinator updates them when the law is renumbered. */
    legalReferences: text().array().notNull().default(sql`'{}'::text[]`),
    /**
     * When and by whom the text and every legal reference were checked against the enacted law: both null until a
     * coordinator says so (docs/decisions/007). A new version starts unreviewed.
     */
    reviewedOn: date({ mode: "string" }),
    reviewedById: uuid().references(() => users.id),
    /** The agreement's next review; unused for articles. */
    nextReviewOn: date({ mode: "string" }),
    /** The editor's own words on what changed, per language: shown in the history and on the agreement. */
    changeSummarySv: text().notNull().default(""),
    changeSummaryEn: text().notNull().default(""),
    authorId: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp({ withTimezone: true }),
    publishedById: uuid().references(() => users.id),
    /** Set when the content was copied from an older version. */
    restoredFromNumber: integer(),
  },
  (t) => [
    uniqueIndex("guidance_versions_number_idx").on(t.articleId, t.number),
    // At most one open draft per article, even under a double submit.
    uniqueIndex("guidance_versions_one_draft_idx").on(t.articleId).where(sql`published_at is null`),
    index("guidance_versions_municipality_idx").on(t.municipalityId),
    // A review names its reviewer: never a date nobody stands behind.
    check("guidance_versions_reviewed_check", sql`(${t.reviewedOn} is null) = (${t.reviewedById} is null)`),
  ],
);

export interface ContactDetails {
  receptionPhone: string;
  receptionEmail: string;
  receptionHours: { sv: string; en: string };
  outOfHoursPhone: string;
  outOfHoursHours: { sv: string; en: string };
  emergencyNumber: string;
}

/** Per-municipality facts the guidance quotes (phone numbers, opening hours), edited by coordinators. */
export const guidanceSettings = pgTable("guidance_settings", {
  municipalityId: uuid()
    .primaryKey()
    .references(() => municipalities.id),
  contact: jsonb().$type<ContactDetails>().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedById: uuid().references(() => users.id),
});
