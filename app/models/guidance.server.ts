import { diffWords } from "diff";
import { and, asc, desc, eq, ilike, inArray, isNull, isNotNull, max, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Database } from "#db/client.server";
import { guidanceArticles, guidanceSettings, guidanceVersions, users, type ContactDetails } from "#db/schema";
import { stockholmDate } from "~/domain/deadlines";
import { audit } from "~/lib/audit.server";
import type { AppLocale } from "~/lib/i18n";
import { renderMarkdown } from "~/lib/markdown.server";
import type { CurrentUser } from "~/lib/permissions.server";

export interface GuidanceContent {
  titleSv: string;
  titleEn: string;
  summarySv: string;
  summaryEn: string;
  bodySv: string;
  bodyEn: string;
  legalReferences: string[];
  nextReviewOn: string | null;
  changeSummarySv: string;
  changeSummaryEn: string;
}

/** Who checked a version against the enacted law, and when; null until someone did. */
export type Review = { on: string; byName: string } | null;

export const AGREEMENT_SLUG = "agreement";
/** Paths under /guidance that are pages of their own, so no article may take them. */
export const reservedSlugs = [AGREEMENT_SLUG, "manage", "should-i-report", "search", "new"] as const;

type Version = typeof guidanceVersions.$inferSelect;

function inLocale(v: Version, locale: AppLocale) {
  return locale === "en"
    ? { title: v.titleEn, summary: v.summaryEn, body: v.bodyEn }
    : { title: v.titleSv, summary: v.summarySv, body: v.bodySv };
}

/** The change note in the page's language, else the other one: a note in one language beats none. */
function changeSummaryIn(v: Version, locale: AppLocale) {
  const [first, second] =
    locale === "en" ? [v.changeSummaryEn, v.changeSummarySv] : [v.changeSummarySv, v.changeSummaryEn];
  return first || second;
}

function reviewOf(v: Version, reviewerName: string | null): Review {
  return v.reviewedOn && reviewerName !== null ? { on: v.reviewedOn, byName: reviewerName } : null;
}

/**
 * The references with whether they were checked. A reference counts as checked only when the whole version was
 * reviewed: the reviewer confirms the text and every reference against the enacted law in one act (decision 007).
 */
function referencesOf(v: Version) {
  return v.legalReferences.map((text) => ({ text, verified: v.reviewedOn !== null }));
}

/** The reviewer's name, joined beside a version. */
const reviewer = alias(users, "reviewer");

export const defaultContact: ContactDetails = {
  receptionPhone: "",
  receptionEmail: "",
  receptionHours: { sv: "", en: "" },
  outOfHoursPhone: "",
  outOfHoursHours: { sv: "", en: "" },
  emergencyNumber: "112",
};

export async function getContactDetails(municipalityId: string): Promise<ContactDetails> {
  const [row] = await getDb()
    .select({ contact: guidanceSettings.contact })
    .from(guidanceSettings)
    .where(eq(guidanceSettings.municipalityId, municipalityId));
  return row?.contact ?? defaultContact;
}

export async function saveContactDetails(user: CurrentUser, contact: ContactDetails) {
  await getDb().transaction(async (tx) => {
    await tx
      .insert(guidanceSettings)
      .values({ municipalityId: user.municipalityId, contact, updatedById: user.id })
      .onConflictDoUpdate({
        target: guidanceSettings.municipalityId,
        set: { contact, updatedById: user.id, updatedAt: new Date() },
      });
    await audit({ action: "update", user, recordType: "guidance_settings", recordId: user.municipalityId }, tx);
  });
}

/** The values `{{placeholders}}` in guidance text stand for, in one language. */
export function placeholderValues(contact: ContactDetails, locale: AppLocale): Record<string, string> {
  return {
    receptionPhone: contact.receptionPhone,
    receptionEmail: contact.receptionEmail,
    receptionHours: contact.receptionHours[locale],
    outOfHoursPhone: contact.outOfHoursPhone,
    outOfHoursHours: contact.outOfHoursHours[locale],
    emergencyNumber: contact.emergencyNumber,
  };
}

function likePattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Published articles (not the agreement) for reading; with `query`, those whose text in either language matches. */
export async function listPublishedArticles(municipalityId: string, locale: AppLocale, query?: string) {
  const q = query?.trim();
  const match = q
    ? or(
        ...[
          guidanceVersions.titleSv,
          guidanceVersions.titleEn,
          guidanceVersions.summarySv,
          guidanceVersions.summaryEn,
          guidanceVersions.bodySv,
          guidanceVersions.bodyEn,
        ].map((column) => ilike(column, likePattern(q))),
      )
    : undefined;
  // A hit in the title ranks first; otherwise the coordinators' order.
  const order = [asc(guidanceArticles.sortOrder), asc(guidanceArticles.slug)];
  if (q)
    order.unshift(desc(ilike(locale === "en" ? guidanceVersions.titleEn : guidanceVersions.titleSv, likePattern(q))));
  const rows = await getDb()
    .select({ slug: guidanceArticles.slug, version: guidanceVersions, reviewerName: reviewer.name })
    .from(guidanceArticles)
    .innerJoin(guidanceVersions, eq(guidanceVersions.id, guidanceArticles.publishedVersionId))
    .leftJoin(reviewer, eq(reviewer.id, guidanceVersions.reviewedById))
    .where(and(eq(guidanceArticles.municipalityId, municipalityId), eq(guidanceArticles.kind, "article"), match))
    .orderBy(...order);
  return rows.map(({ slug, version, reviewerName }) => ({
    slug,
    ...inLocale(version, locale),
    reviewed: reviewOf(version, reviewerName),
  }));
}

/** Titles of published articles by slug, to link "read more" from other pages. */
export async function publishedTitles(municipalityId: string, locale: AppLocale) {
  const rows = await listPublishedArticles(municipalityId, locale);
  return Object.fromEntries(rows.map((r) => [r.slug, r.title]));
}

/** A published article (or the agreement) rendered for reading, with the version before it for the agreement's changes. */
export async function getPublished(municipalityId: string, slug: string, locale: AppLocale) {
  const db = getDb();
  const [row] = await db
    .select({
      article: guidanceArticles,
      version: guidanceVersions,
      reviewerName: reviewer.name,
      // The contact details fill the text's placeholders: fetched in the same statement.
      contact: sql<ContactDetails | null>`(select s.contact from guidance_settings s
        where s.municipality_id = ${guidanceArticles.municipalityId})`,
    })
    .from(guidanceArticles)
    .innerJoin(guidanceVersions, eq(guidanceVersions.id, guidanceArticles.publishedVersionId))
    .leftJoin(reviewer, eq(reviewer.id, guidanceVersions.reviewedById))
    .where(and(eq(guidanceArticles.municipalityId, municipalityId), eq(guidanceArticles.slug, slug)));
  if (!row) return null;
  const contact = typeof row.contact === "string" ? (JSON.parse(row.contact) as ContactDetails) : row.contact;
  const values = placeholderValues(contact ?? defaultContact, locale);
  const { version } = row;
  const [previous] = await db
    .select()
    .from(guidanceVersions)
    .where(
      and(
        eq(guidanceVersions.articleId, row.article.id),
        isNotNull(guidanceVersions.publishedAt),
        sql`${guidanceVersions.number} < ${version.number}`,
      ),
    )
    .orderBy(desc(guidanceVersions.number))
    .limit(1);
  const text = inLocale(version, locale);
  return {
    slug: row.article.slug,
    kind: row.article.kind,
    number: version.number,
    title: text.title,
    summary: text.summary,
    html: renderMarkdown(text.body, values),
    legalReferences: referencesOf(version),
    reviewed: reviewOf(version, row.reviewerName),
    nextReviewOn: version.nextReviewOn,
    // The day it was published, in Stockholm (the reader query only finds published versions).
    publishedOn: stockholmDate(version.publishedAt ?? version.createdAt),
    changeSummary: changeSummaryIn(version, locale),
    previous: previous
      ? {
          number: previous.number,
          publishedOn: stockholmDate(previous.publishedAt ?? previous.createdAt),
          changes: changesBetween(inLocale(previous, locale).body, text.body),
        }
      : null,
  };
}

export type Change = { kind: "same" | "added" | "removed"; text: string };

/** Word-level changes from one text to the next, for "what changed" views. */
export function changesBetween(before: string, after: string): Change[] {
  return diffWords(before, after).map((part) => ({
    kind: part.added ? "added" : part.removed ? "removed" : "same",
    text: part.value,
  }));
}

/** Every article and the agreement, with what an editor needs to know at a glance. */
export async function listForEditing(municipalityId: string, locale: AppLocale) {
  const db = getDb();
  const latest = db
    .select({ articleId: guidanceVersions.articleId, number: max(guidanceVersions.number).as("latest_number") })
    .from(guidanceVersions)
    .where(eq(guidanceVersions.municipalityId, municipalityId))
    .groupBy(guidanceVersions.articleId)
    .as("latest");
  const rows = await db
    .select({ article: guidanceArticles, version: guidanceVersions, reviewerName: reviewer.name })
    .from(guidanceArticles)
    .innerJoin(latest, eq(latest.articleId, guidanceArticles.id))
    .innerJoin(
      guidanceVersions,
      and(eq(guidanceVersions.articleId, guidanceArticles.id), eq(guidanceVersions.number, latest.number)),
    )
    .leftJoin(reviewer, eq(reviewer.id, guidanceVersions.reviewedById))
    .where(eq(guidanceArticles.municipalityId, municipalityId))
    .orderBy(desc(eq(guidanceArticles.kind, "agreement")), asc(guidanceArticles.sortOrder), asc(guidanceArticles.slug));
  return rows.map(({ article, version, reviewerName }) => ({
    id: article.id,
    slug: article.slug,
    kind: article.kind,
    title: inLocale(version, locale).title,
    published: article.publishedVersionId !== null,
    hasDraft: version.publishedAt === null,
    updatedAt: version.updatedAt,
    reviewed: reviewOf(version, reviewerName),
  }));
}

/** An article for its editor: the content to edit (the draft, else the published version) and the history. */
export async function getForEditing(municipalityId: string, articleId: string) {
  const db = getDb();
  const [article] = await db
    .select()
    .from(guidanceArticles)
    .where(and(eq(guidanceArticles.municipalityId, municipalityId), eq(guidanceArticles.id, articleId)));
  if (!article) return null;
  const author = alias(users, "author");
  const publisher = alias(users, "publisher");
  const versions = await db
    .select({
      version: guidanceVersions,
      authorName: author.name,
      publisherName: publisher.name,
      reviewerName: reviewer.name,
    })
    .from(guidanceVersions)
    .leftJoin(author, eq(author.id, guidanceVersions.authorId))
    .leftJoin(publisher, eq(publisher.id, guidanceVersions.publishedById))
    .leftJoin(reviewer, eq(reviewer.id, guidanceVersions.reviewedById))
    .where(eq(guidanceVersions.articleId, article.id))
    .orderBy(desc(guidanceVersions.number));
  const current = versions[0]?.version;
  return {
    article,
    content: current ? contentOf(current) : null,
    draftNumber: current && !current.publishedAt ? current.number : null,
    history: versions.map(({ version, authorName, publisherName, reviewerName }) => ({
      number: version.number,
      title: version.titleSv,
      changeSummarySv: version.changeSummarySv,
      changeSummaryEn: version.changeSummaryEn,
      authorName,
      publisherName,
      reviewed: reviewOf(version, reviewerName),
      updatedAt: version.updatedAt,
      publishedAt: version.publishedAt,
      inForce: version.id === article.publishedVersionId,
      restoredFromNumber: version.restoredFromNumber,
    })),
  };
}

function contentOf(v: Version): GuidanceContent {
  return {
    titleSv: v.titleSv,
    titleEn: v.titleEn,
    summarySv: v.summarySv,
    summaryEn: v.summaryEn,
    bodySv: v.bodySv,
    bodyEn: v.bodyEn,
    legalReferences: v.legalReferences,
    nextReviewOn: v.nextReviewOn,
    changeSummarySv: v.changeSummarySv,
    changeSummaryEn: v.changeSummaryEn,
  };
}

/** One version with the changes from the version before it, for the history view. */
export async function getVersion(municipalityId: string, articleId: string, number: number, locale: AppLocale) {
  const rows = await getDb()
    .select({ version: guidanceVersions, reviewerName: reviewer.name })
    .from(guidanceVersions)
    .leftJoin(reviewer, eq(reviewer.id, guidanceVersions.reviewedById))
    .where(
      and(
        eq(guidanceVersions.municipalityId, municipalityId),
        eq(guidanceVersions.articleId, articleId),
        sql`${guidanceVersions.number} in (${number}, ${number - 1})`,
      ),
    )
    .orderBy(desc(guidanceVersions.number));
  const [current, before] = rows;
  if (!current || current.version.number !== number) return null;
  const { version, reviewerName } = current;
  const text = inLocale(version, locale);
  return {
    number,
    title: text.title,
    legalReferences: referencesOf(version),
    reviewed: reviewOf(version, reviewerName),
    publishedAt: version.publishedAt,
    changeSummary: changeSummaryIn(version, locale),
    changes: before ? changesBetween(inLocale(before.version, locale).body, text.body) : null,
  };
}

/**
 * Saves the article's draft: updates the open draft, or opens one numbered after the newest version. Null when the
 * article is not one of the user's municipality (the lock also puts concurrent saves of one article in a row).
 */
async function writeDraft(
  db: Database,
  user: CurrentUser,
  articleId: string,
  content: GuidanceContent,
  restoredFromNumber: number | null,
  reviewed = false,
) {
  const [article] = await db
    .select({ id: guidanceArticles.id })
    .from(guidanceArticles)
    .where(and(eq(guidanceArticles.municipalityId, user.municipalityId), eq(guidanceArticles.id, articleId)))
    .for("update");
  if (!article) return null;
  // A save stands for the text as saved: reviewed only when the coordinator says so now, else not (the text changed).
  const review = reviewed
    ? { reviewedOn: stockholmDate(new Date()), reviewedById: user.id }
    : { reviewedOn: null, reviewedById: null };
  const values = { ...content, ...review, authorId: user.id, updatedAt: new Date(), restoredFromNumber };
  const updated = await db
    .update(guidanceVersions)
    .set(values)
    .where(
      and(
        eq(guidanceVersions.municipalityId, user.municipalityId),
        eq(guidanceVersions.articleId, articleId),
        isNull(guidanceVersions.publishedAt),
      ),
    )
    .returning({ number: guidanceVersions.number });
  if (updated.length) return updated[0].number;
  const [{ latest }] = await db
    .select({ latest: max(guidanceVersions.number) })
    .from(guidanceVersions)
    .where(eq(guidanceVersions.articleId, articleId));
  const [inserted] = await db
    .insert(guidanceVersions)
    .values({ ...values, municipalityId: user.municipalityId, articleId, number: (latest ?? 0) + 1 })
    .returning({ number: guidanceVersions.number });
  return inserted.number;
}

/** A change to an article, audited in the change's transaction. */
function auditArticle(
  tx: Database,
  user: CurrentUser,
  articleId: string,
  details?: Record<string, unknown>,
  action: "create" | "update" = details ? "update" : "create",
) {
  return audit({ action, user, recordType: "guidance", recordId: articleId, details }, tx);
}

/** Saves the draft; `reviewed` when the coordinator confirms having checked it against the enacted law today. */
export async function saveDraft(
  user: CurrentUser,
  articleId: string,
  content: GuidanceContent,
  { reviewed = false }: { reviewed?: boolean } = {},
) {
  return getDb().transaction(async (tx) => {
    const number = await writeDraft(tx, user, articleId, content, null, reviewed);
    if (number !== null)
      await auditArticle(tx, user, articleId, reviewed ? { draft: number, reviewed } : { draft: number });
    return number;
  });
}

/** What marking a version reviewed came to: marked, or refused as that version is not the one in force (any more). */
export type ReviewOutcome = { ok: true; number: number } | { ok: false; inForce: number };

/**
 * Marks version `number` as checked against the enacted law today by this coordinator: the text does not change, so
 * no new version. Only while `number` is the version in force, checked in the UPDATE itself: a version published after
 * the coordinator opened the page is never marked in place of the one they read. A second click while it is still in
 * force marks it again (today, by this coordinator) and is answered as done. Null when the article is not the user's
 * municipality's or nothing is published.
 */
export async function markReviewed(
  user: CurrentUser,
  articleId: string,
  number: number,
): Promise<ReviewOutcome | null> {
  return getDb().transaction(async (tx) => {
    const ofArticle = and(eq(guidanceArticles.municipalityId, user.municipalityId), eq(guidanceArticles.id, articleId));
    const [article] = await tx
      .select({ versionId: guidanceArticles.publishedVersionId })
      .from(guidanceArticles)
      .where(ofArticle)
      .for("update");
    if (!article?.versionId) return null;
    const [version] = await tx
      .update(guidanceVersions)
      .set({ reviewedOn: stockholmDate(new Date()), reviewedById: user.id })
      .where(
        and(
          eq(guidanceVersions.municipalityId, user.municipalityId),
          eq(guidanceVersions.articleId, articleId),
          eq(guidanceVersions.number, number),
          inArray(
            guidanceVersions.id,
            tx.select({ id: guidanceArticles.publishedVersionId }).from(guidanceArticles).where(ofArticle),
          ),
        ),
      )
      .returning({ number: guidanceVersions.number });
    if (!version) {
      const [inForce] = await tx
        .select({ number: guidanceVersions.number })
        .from(guidanceVersions)
        .innerJoin(guidanceArticles, eq(guidanceArticles.publishedVersionId, guidanceVersions.id))
        .where(ofArticle);
      return { ok: false, inForce: inForce.number };
    }
    await auditArticle(tx, user, articleId, { reviewed: version.number });
    return { ok: true, number: version.number };
  });
}

/** Copies an older version into the draft; publishing it makes it the text in force again. */
export async function restoreVersion(user: CurrentUser, articleId: string, number: number) {
  return getDb().transaction(async (tx) => {
    const [old] = await tx
      .select()
      .from(guidanceVersions)
      .where(
        and(
          eq(guidanceVersions.municipalityId, user.municipalityId),
          eq(guidanceVersions.articleId, articleId),
          eq(guidanceVersions.number, number),
        ),
      );
    if (!old) return null;
    const draft = await writeDraft(
      tx,
      user,
      articleId,
      { ...contentOf(old), changeSummarySv: "", changeSummaryEn: "" },
      number,
    );
    if (draft !== null) await auditArticle(tx, user, articleId, { restoredFrom: number });
    return draft;
  });
}

/** Publishes the open draft. Returns the version number, or null when there was no draft (e.g. a second click). */
export async function publishDraft(user: CurrentUser, articleId: string) {
  return getDb().transaction(async (tx) => {
    const [published] = await tx
      .update(guidanceVersions)
      .set({ publishedAt: new Date(), publishedById: user.id })
      .where(
        and(
          eq(guidanceVersions.municipalityId, user.municipalityId),
          eq(guidanceVersions.articleId, articleId),
          isNull(guidanceVersions.publishedAt),
        ),
      )
      .returning({ id: guidanceVersions.id, number: guidanceVersions.number });
    if (!published) return null;
    await tx
      .update(guidanceArticles)
      .set({ publishedVersionId: published.id })
      .where(and(eq(guidanceArticles.municipalityId, user.municipalityId), eq(guidanceArticles.id, articleId)));
    await auditArticle(tx, user, articleId, { published: published.number });
    return published.number;
  });
}

export async function createArticle(
  user: CurrentUser,
  slug: string,
  content: GuidanceContent,
  { reviewed = false }: { reviewed?: boolean } = {},
) {
  return getDb().transaction(async (tx) => {
    const [article] = await tx
      .insert(guidanceArticles)
      .values({ municipalityId: user.municipalityId, slug })
      .onConflictDoNothing()
      .returning({ id: guidanceArticles.id });
    if (!article) return null;
    await writeDraft(tx, user, article.id, content, null, reviewed);
    await auditArticle(tx, user, article.id, reviewed ? { reviewed } : undefined, "create");
    return article.id;
  });
}

/** Loads articles and agreement versions into a municipality that has none (demo seed, new municipality). */
export async function seedGuidance(
  db: Database,
  municipalityId: string,
  articles: {
    slug: string;
    sortOrder: number;
    kind: "article" | "agreement";
    /** Seeded text is published (on `publishedOn`, else now) and unreviewed: nobody here has checked it yet. */
    versions: (GuidanceContent & { publishedOn?: string })[];
  }[],
  options: { force?: boolean } = {},
) {
  const [existing] = await db
    .select({ id: guidanceArticles.id })
    .from(guidanceArticles)
    .where(eq(guidanceArticles.municipalityId, municipalityId))
    .limit(1);
  if (existing && !options.force) return false;
  await db.transaction(async (tx) => {
    for (const a of articles) {
      const [article] = await tx
        .insert(guidanceArticles)
        .values({ municipalityId, slug: a.slug, kind: a.kind, sortOrder: a.sortOrder })
        .returning({ id: guidanceArticles.id });
      const versions = await tx
        .insert(guidanceVersions)
        .values(
          a.versions.map(({ publishedOn, ...v }, i) => ({
            ...v,
            municipalityId,
            articleId: article.id,
            number: i + 1,
            publishedAt: publishedOn ? new Date(`${publishedOn}T09:00:00Z`) : new Date(),
          })),
        )
        .returning({ id: guidanceVersions.id, number: guidanceVersions.number });
      const newest = versions.reduce((a, b) => (b.number > a.number ? b : a));
      await tx
        .update(guidanceArticles)
        .set({ publishedVersionId: newest.id })
        .where(eq(guidanceArticles.id, article.id));
    }
  });
  return true;
}
