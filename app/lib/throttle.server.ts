import { and, eq, gt, sql, type SQL } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { loginThrottles } from "#db/schema";

/**
 * Attempts allowed before a delay starts: passwords per account, one-time codes per account on a counter of their own,
 * and both per client address. Decision record 018.
 */
const FREE_ATTEMPTS = { account: 5, code: 5, ip: 20 } as const;
const BASE_DELAY_S = 30;
const MAX_DELAY_S = 15 * 60;
// A counter with no failure for this long starts again from zero, so a school's shared address is not
// locked for good by typos spread over a term.
const WINDOW = "1 hour";

/** The counters an attempt is counted on. */
export const throttleKey = {
  /** Passwords, at sign-in and for the current password on /settings; unknown addresses are counted too. */
  account: (email: string) => `account:${email.trim().toLowerCase()}`,
  /** One-time codes: only a correct code clears this counter, never a correct password. */
  code: (userId: string) => `code:${userId}`,
  ip: (address: string) => `ip:${address}`,
};

function freeAttempts(key: string) {
  const kind = key.slice(0, key.indexOf(":"));
  if (kind === "account" || kind === "code" || kind === "ip") return FREE_ATTEMPTS[kind];
  throw new Error(`Unknown throttle key: ${kind}`);
}

/** The delay doubles with each attempt past the free ones: 30 s, 1 min, 2 min … capped at 15 min. */
export function delayAfter(attempts: number, free: number) {
  if (attempts < free) return 0;
  return Math.min(BASE_DELAY_S * 2 ** (attempts - free), MAX_DELAY_S) * 1000;
}

/** What one counter looked like after an attempt was counted on it, and before: what a refund gives back. */
interface Counted {
  key: string;
  failures: number;
  /** The attempt's time, as text: postgres-js does not serialise a Date inside a raw SQL fragment. */
  at: string;
  before: { failures: number; at: Date } | null;
}

/** An attempt that may go ahead (its counters are counted), or the time the lock on it ends. */
export type Attempt = { lockedUntil: Date } | AllowedAttempt;
export interface AllowedAttempt {
  lockedUntil: null;
  subject: Counted;
  ip: Counted;
}

/**
 * Counts an attempt *before* the password or code is checked, in one statement per counter, so parallel requests
 * cannot all slip in under the limit: a counter that is locked is not updated and returns no row. A refused attempt
 * is not counted: when the address is locked, the count on the account is given back.
 * `subject` is throttleKey.account(email) for a password, throttleKey.code(userId) for a one-time code.
 */
export async function registerAttempt(subject: string, ip: string, now = new Date()): Promise<Attempt> {
  const counted = await count(subject, now);
  if (!counted) return { lockedUntil: await lockEnd(subject, now) };
  const address = await count(throttleKey.ip(ip), now);
  if (!address) {
    await refund(counted);
    return { lockedUntil: await lockEnd(throttleKey.ip(ip), now) };
  }
  return { lockedUntil: null, subject: counted, ip: address };
}

/**
 * A correct password or code: its own counter starts afresh (a password's never clears the code's), and the address
 * gets back exactly what the attempt changed, so a success never counts as a failure there.
 */
export async function registerSuccess(attempt: AllowedAttempt) {
  await getDb().delete(loginThrottles).where(eq(loginThrottles.key, attempt.subject.key));
  await refund(attempt.ip);
}

async function count(key: string, now: Date): Promise<Counted | null> {
  const free = freeAttempts(key);
  const at = now.toISOString();
  const failures = sql`(case when ${loginThrottles.lastFailureAt} < ${at}::timestamptz - ${WINDOW}::interval then 1
    else ${loginThrottles.failures} + 1 end)`;
  const [row] = await getDb()
    .insert(loginThrottles)
    .values({ key, failures: 1, lastFailureAt: now, lockedUntil: null })
    .onConflictDoUpdate({
      target: loginThrottles.key,
      set: { failures, lastFailureAt: now, lockedUntil: lockFrom(failures, sql`${at}::timestamptz`, free) },
      setWhere: sql`${loginThrottles.lockedUntil} is null or ${loginThrottles.lockedUntil} <= ${at}::timestamptz`,
    })
    .returning({
      failures: loginThrottles.failures,
      // A subquery sees the table as the statement found it: the counter before this attempt, for the refund.
      beforeFailures: sql<number | null>`(select p.failures from ${loginThrottles} p where p.key = ${key})`,
      beforeAt: sql<Date | null>`(select p.last_failure_at from ${loginThrottles} p where p.key = ${key})`.mapWith(
        loginThrottles.lastFailureAt,
      ),
    });
  if (!row) return null;
  const before =
    row.beforeFailures === null || row.beforeAt === null ? null : { failures: row.beforeFailures, at: row.beforeAt };
  return { key, failures: row.failures, at, before };
}

/**
 * Gives back one counted attempt. When no other attempt has been counted since (the counter is as this attempt left
 * it), the counter goes back to what it was before: its failures, the time of its last failure (a success does not
 * keep old failures fresh), and no lock (the attempt went ahead, so the lock before it had run out; any lock now is
 * the one it set). Otherwise one failure comes off and the lock is worked out again from those that remain, as if
 * this attempt had never been made.
 */
async function refund(counted: Counted) {
  const free = freeAttempts(counted.key);
  const untouched = sql`${loginThrottles.failures} = ${counted.failures}
    and ${loginThrottles.lastFailureAt} = ${counted.at}::timestamptz`;
  if (counted.failures === 1) {
    // The counter started with this attempt (new, or its failures forgotten): nothing to keep.
    const gone = await getDb()
      .delete(loginThrottles)
      .where(and(eq(loginThrottles.key, counted.key), untouched))
      .returning({ key: loginThrottles.key });
    if (gone.length > 0) return;
  }
  // The state read before the attempt is the one it changed only if it is one failure behind.
  const before = counted.before && counted.before.failures + 1 === counted.failures ? counted.before : null;
  const restore = before ? untouched : sql`false`;
  const remaining = sql`greatest(${loginThrottles.failures} - 1, 0)`;
  await getDb()
    .update(loginThrottles)
    .set({
      failures: sql`case when ${restore} then ${before?.failures ?? 0}::integer else ${remaining} end`,
      lastFailureAt: sql`case when ${restore} then ${before?.at.toISOString() ?? counted.at}::timestamptz
        else ${loginThrottles.lastFailureAt} end`,
      lockedUntil: sql`case when ${restore} then null else ${lockFrom(remaining, loginThrottles.lastFailureAt, free)} end`,
    })
    .where(eq(loginThrottles.key, counted.key));
}

/** The lock `failures` give from the time `from`, as delayAfter works it out, or null. */
function lockFrom(failures: SQL, from: SQL | typeof loginThrottles.lastFailureAt, free: number) {
  return sql`case when ${failures} >= ${free}
    then ${from} + make_interval(secs => least(${BASE_DELAY_S} * power(2, ${failures} - ${free}), ${MAX_DELAY_S}))
    else null end`;
}

async function lockEnd(key: string, now: Date) {
  const [row] = await getDb()
    .select({ until: loginThrottles.lockedUntil })
    .from(loginThrottles)
    .where(and(eq(loginThrottles.key, key), gt(loginThrottles.lockedUntil, now)));
  return row?.until ?? now;
}
