import { createHash, randomBytes } from "node:crypto";
import { and, asc, desc, eq, gte, inArray, ne, sql } from "drizzle-orm";
import { getDb, type Database } from "#db/client.server";
import { calendarFeeds, trainingRegistrations, trainings, users } from "#db/schema";
import { audit } from "~/lib/audit.server";
import { calendarFile } from "~/lib/calendar.server";
import { i18nFor, type AppLocale } from "~/lib/i18n";
import type { CurrentUser } from "~/lib/permissions.server";
import { trainingEvent } from "./training.server";

/** How far back the feed reaches, so last week's trainings stay in the calendar instead of vanishing. */
const FEED_DAYS_BACK = 30;

/** 32 random bytes in base64url: 43 characters, no padding. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function hashToken(token: string) {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * A new secret feed token for the user, replacing any earlier one (which stops working at once). Only its SHA-256
 * is stored: the token itself is returned once, to be shown to the user, and never kept, logged or redirected to.
 */
export async function createFeedToken(user: CurrentUser) {
  return (await renewFeedToken(user)).token;
}

/**
 * As createFeedToken, and whether an earlier link was replaced: the audit entry says "renewed" then, "created" when
 * the user had none.
 */
export async function renewFeedToken(user: CurrentUser) {
  const token = randomBytes(32).toString("base64url");
  const tokenHash = hashToken(token);
  const renewed = await getDb().transaction(async (tx) => {
    const [earlier] = await tx
      .select({ userId: calendarFeeds.userId })
      .from(calendarFeeds)
      .where(eq(calendarFeeds.userId, user.id))
      .for("update");
    await tx
      .insert(calendarFeeds)
      .values({ userId: user.id, municipalityId: user.municipalityId, tokenHash })
      .onConflictDoUpdate({
        target: calendarFeeds.userId,
        set: { tokenHash, municipalityId: user.municipalityId, createdAt: new Date() },
      });
    await auditFeed(tx, user, earlier ? "renewed" : "created");
    return Boolean(earlier);
  });
  return { token, renewed };
}

function auditFeed(tx: Database, user: CurrentUser, feed: "created" | "renewed" | "revoked") {
  return audit({ action: "update", user, recordType: "calendar_feed", recordId: user.id, details: { feed } }, tx);
}

/**
 * A reactivated account's calendar link stays dead (issue 22): the administrator's reactivation removes its secret
 * in the same transaction, so the old link answers 404 like any unknown one, and the person makes a new link on
 * their page, which then says they have none. Written to the log in the administrator's name; nothing when there
 * was no link.
 */
export async function revokeFeedOnReactivation(tx: Database, admin: CurrentUser, userId: string) {
  const gone = await tx
    .delete(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, userId), eq(calendarFeeds.municipalityId, admin.municipalityId)))
    .returning({ userId: calendarFeeds.userId });
  if (!gone.length) return;
  const details = { feed: "revoked", reason: "reactivated" };
  await audit({ action: "update", user: admin, recordType: "calendar_feed", recordId: userId, details }, tx);
}

/** Stops the user's feed: its link answers 404 from now on. Whether there was one to stop. */
export async function revokeFeed(user: CurrentUser) {
  return getDb().transaction(async (tx) => {
    const gone = await tx
      .delete(calendarFeeds)
      .where(and(eq(calendarFeeds.userId, user.id), eq(calendarFeeds.municipalityId, user.municipalityId)))
      .returning({ userId: calendarFeeds.userId });
    if (gone.length) await auditFeed(tx, user, "revoked");
    return gone.length > 0;
  });
}

export async function hasFeed(user: Pick<CurrentUser, "id">) {
  const [row] = await getDb()
    .select({ createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.userId, user.id));
  return row ? { createdAt: row.createdAt } : null;
}

/**
 * The calendar behind a feed token, or null for an unknown or malformed token or an owner who is no longer active.
 * Every token costs the same: one hash and one look-up by the hash (a malformed one looks up a hash nobody has).
 *
 * The feed holds the owner's places (not the waitlist) from 30 days back. A training cancelled after they signed up
 * stays in it with STATUS:CANCELLED, so subscribed calendars remove the entry; a place they cancelled themselves is
 * simply left out, which calendars also treat as a removal.
 */
export async function feedFor(token: string, now = new Date()) {
  const wellFormed = typeof token === "string" && TOKEN_PATTERN.test(token);
  const tokenHash = hashToken(wellFormed ? token : "-".repeat(43));
  const db = getDb();
  const [owner] = await db
    .select({ userId: calendarFeeds.userId, municipalityId: calendarFeeds.municipalityId, locale: users.locale })
    .from(calendarFeeds)
    .innerJoin(
      users,
      and(
        eq(users.id, calendarFeeds.userId),
        eq(users.municipalityId, calendarFeeds.municipalityId),
        eq(users.active, true),
      ),
    )
    .where(eq(calendarFeeds.tokenHash, tokenHash));
  if (!wellFormed || !owner) return null;

  const from = new Date(now.getTime() - FEED_DAYS_BACK * 24 * 60 * 60 * 1000);
  const rows = await db
    .select({ training: trainings })
    .from(trainingRegistrations)
    .innerJoin(trainings, eq(trainings.id, trainingRegistrations.trainingId))
    .where(
      and(
        eq(trainingRegistrations.userId, owner.userId),
        eq(trainingRegistrations.status, "registered"),
        eq(trainings.municipalityId, owner.municipalityId),
        ne(trainings.status, "draft"),
        gte(trainings.startsAt, from),
      ),
    )
    .orderBy(asc(trainings.startsAt));
  const locale: AppLocale = owner.locale === "en" ? "en" : "sv";
  const ics = withCalendarName(
    calendarFile(rows.map((r) => trainingEvent(r.training))),
    i18nFor(locale).getFixedT(locale, "calendar")("feed.name"),
  );
  return { userId: owner.userId, municipalityId: owner.municipalityId, ics };
}

/** The name Outlook, Google and Apple show for a subscribed calendar (X-WR-CALNAME, a widely read extension). */
function withCalendarName(ics: string, name: string) {
  const escaped = name.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, "\\n");
  return ics.replace(/^(PRODID:[^\r\n]*)\r?\n/m, `$1\r\nX-WR-CALNAME:${escaped}\r\n`);
}

/**
 * The user's own trainings: those still to come (with their place, or their place on the waitlist: 1 + how many
 * signed up for the waitlist before them), and those they attended.
 */
export async function myTrainings(user: Pick<CurrentUser, "id" | "municipalityId">, now = new Date()) {
  const db = getDb();
  const columns = {
    id: trainings.id,
    title: trainings.title,
    topic: trainings.topic,
    startsAt: trainings.startsAt,
    durationMinutes: trainings.durationMinutes,
    place: trainings.place,
    trainingStatus: trainings.status,
  };
  const endsAt = sql`${trainings.startsAt} + ${trainings.durationMinutes} * interval '1 minute'`;
  const upcoming = await db
    .select({
      ...columns,
      registrationStatus: trainingRegistrations.status,
      waitlistPosition: sql<number | null>`case when ${trainingRegistrations.status} = 'waitlisted' then 1 + (
        select count(*) from training_registrations earlier
        where earlier.training_id = ${trainingRegistrations.trainingId}
          and earlier.status = 'waitlisted'
          and earlier.seq < ${trainingRegistrations.seq}
      ) end`.mapWith((v) => (v === null ? null : Number(v))),
    })
    .from(trainingRegistrations)
    .innerJoin(trainings, eq(trainings.id, trainingRegistrations.trainingId))
    .where(
      and(
        eq(trainingRegistrations.userId, user.id),
        eq(trainingRegistrations.municipalityId, user.municipalityId),
        inArray(trainingRegistrations.status, ["registered", "waitlisted"]),
        ne(trainings.status, "draft"),
        sql`${endsAt} > ${now.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(trainings.startsAt));
  const attended = await db
    .select(columns)
    .from(trainingRegistrations)
    .innerJoin(trainings, eq(trainings.id, trainingRegistrations.trainingId))
    .where(
      and(
        eq(trainingRegistrations.userId, user.id),
        eq(trainingRegistrations.municipalityId, user.municipalityId),
        eq(trainingRegistrations.attended, true),
      ),
    )
    .orderBy(desc(trainings.startsAt));
  return {
    upcoming: upcoming.map((r) => ({
      ...r,
      registrationStatus: r.registrationStatus as "registered" | "waitlisted",
      waitlistPosition: r.registrationStatus === "waitlisted" ? r.waitlistPosition : null,
    })),
    attended,
  };
}
