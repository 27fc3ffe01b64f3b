import { createHmac, randomBytes } from "node:crypto";
import { and, eq, getTableColumns, inArray, lt, ne, or, type SQL } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { sessions } from "#db/schema";
import { env } from "./env.server";

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** Between a correct password and the one-time code: long enough to open the app, short enough for a guess run. */
export const SECOND_FACTOR_TIMEOUT_MS = 5 * 60 * 1000;
// Writing last_seen_at on every request would double the writes for nothing: a minute is precise enough.
const TOUCH_INTERVAL_MS = 60 * 1000;

export function sessionCookieName() {
  return env().secureCookies ? "__Host-tillsammans" : "tillsammans_session";
}

/**
 * The stored id is a keyed hash of the cookie token: a leaked table does not give working cookies (sessions, and a
 * sign-in waiting at the identity provider).
 */
export function keyedHash(token: string, secret = env().sessionSecret) {
  return createHmac("sha256", secret).update(token).digest("hex");
}

export function sessionCookie(token: string | null) {
  return siteCookie(sessionCookieName(), token);
}

/** A cookie for this site only, readable by the server only, sent on top-level navigation back from elsewhere. */
export function siteCookie(name: string, value: string | null, maxAgeSeconds?: number) {
  const parts = [
    `${name}=${value ?? ""}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    value === null ? "Max-Age=0" : maxAgeSeconds ? `Max-Age=${maxAgeSeconds}` : "",
    env().secureCookies ? "Secure" : "",
  ];
  return parts.filter(Boolean).join("; ");
}

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

export interface SessionRow {
  id: string;
  userId: string;
  municipalityId: string;
  secondFactorPending: boolean;
  /** When this session last gave the second factor (sign-in or step-up); null if it never did. */
  secondFactorAt: Date | null;
  /** Signed in at the municipality's provider with more than one factor, which stands for the portal's own. */
  providerMfa: boolean;
}

/** A fresh id on every login (no fixation); returns the Set-Cookie value. */
export async function createSession(input: {
  userId: string;
  municipalityId: string;
  secondFactorPending: boolean;
  /**
   * A sign-in through the municipality's provider: its issuer, its session id if it gave one, and whether it used
   * more than one factor (then the session has given its second factor now).
   */
  provider?: { issuer: string; sid?: string; mfa: boolean };
  now?: Date;
}) {
  const now = input.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  await getDb()
    .insert(sessions)
    .values({
      id: keyedHash(token),
      userId: input.userId,
      municipalityId: input.municipalityId,
      secondFactorPending: input.secondFactorPending,
      providerIssuer: input.provider?.issuer ?? null,
      providerSid: input.provider?.sid ?? null,
      providerMfa: input.provider?.mfa ?? false,
      secondFactorAt: input.provider?.mfa ? now : null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS),
    });
  return sessionCookie(token);
}

/**
 * The valid session for this request, or null. Expired sessions are deleted when met. `alongside` are expressions on
 * the session's row read in the same statement (the layout reads its user and unread count so: one statement).
 */
export async function getSession(
  request: Request,
  now = new Date(),
  alongside: Record<string, SQL> = {},
): Promise<(SessionRow & { alongside: Record<string, unknown> }) | null> {
  const token = readCookie(request, sessionCookieName());
  if (!token) return null;
  // During a SESSION_SECRET rotation a session may still be keyed by a previous secret: look it up under the
  // current secret and every previous one (one query), then re-key it to the current one.
  const config = env();
  const [id, ...older] = [config.sessionSecret, ...config.previousSessionSecrets].map((secret) =>
    keyedHash(token, secret),
  );
  const db = getDb();
  const [row] = (await db
    .select({ ...getTableColumns(sessions), ...alongside })
    .from(sessions)
    .where(older.length ? inArray(sessions.id, [id, ...older]) : eq(sessions.id, id))
    .limit(1)) as (typeof sessions.$inferSelect & Record<string, unknown>)[];
  if (!row) return null;
  const idle = now.getTime() - row.lastSeenAt.getTime() > IDLE_TIMEOUT_MS;
  const pendingTooLong = row.secondFactorPending && now.getTime() - row.createdAt.getTime() > SECOND_FACTOR_TIMEOUT_MS;
  if (idle || pendingTooLong || row.expiresAt.getTime() <= now.getTime()) {
    await db.delete(sessions).where(eq(sessions.id, row.id));
    return null;
  }
  const rekey = row.id !== id;
  const touch = now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS;
  if (rekey || touch) {
    // By the id it was found under: if a parallel request re-keyed it first, this changes nothing and both requests
    // carry on with the current id.
    await db
      .update(sessions)
      .set({ ...(rekey ? { id } : {}), ...(touch ? { lastSeenAt: now } : {}) })
      .where(eq(sessions.id, row.id));
  }
  return {
    id,
    userId: row.userId,
    municipalityId: row.municipalityId,
    secondFactorPending: row.secondFactorPending,
    secondFactorAt: row.secondFactorAt,
    providerMfa: row.providerMfa,
    alongside: Object.fromEntries(Object.keys(alongside).map((key) => [key, row[key]])),
  };
}

/**
 * The second factor was given: at sign-in, or again for a step-up (app/lib/step-up.server.ts). A new id, as at login
 * (a re-authentication gets a new session token too), and the time it was given.
 */
export async function completeSecondFactor(sessionId: string, now = new Date()) {
  const token = randomBytes(32).toString("base64url");
  await getDb()
    .update(sessions)
    .set({ id: keyedHash(token), secondFactorPending: false, secondFactorAt: now })
    .where(eq(sessions.id, sessionId));
  return sessionCookie(token);
}

export async function destroySession(sessionId: string) {
  await getDb().delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user at once (deactivation, password change). */
export async function destroyUserSessions(userId: string) {
  await getDb().delete(sessions).where(eq(sessions.userId, userId));
}

/** Every session of the user but this one (after a password change). */
export async function destroyOtherSessions(userId: string, keepSessionId: string) {
  await getDb()
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)));
}

export async function purgeExpiredSessions(now = new Date()) {
  await getDb()
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - IDLE_TIMEOUT_MS))));
}
