import { and, eq, gt, inArray, sql } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { loginThrottles } from "#db/schema";

/** Attempts allowed before a delay starts, per account and per client address. */
const FREE_ATTEMPTS = { account: 5, ip: 20 } as const;
const BASE_DELAY_S = 30;
const MAX_DELAY_S = 15 * 60;
// A counter with no failure for this long starts again from zero, so a school's shared address is not
// locked for good by typos spread over a term.
const WINDOW = "1 hour";

export function throttleKeys(email: string, ip: string) {
  return { account: `account:${email.trim().toLowerCase()}`, ip: `ip:${ip}` };
}

/** The delay doubles with each attempt past the free ones: 30 s, 1 min, 2 min … capped at 15 min. */
export function delayAfter(attempts: number, free: number) {
  if (attempts < free) return 0;
  return Math.min(BASE_DELAY_S * 2 ** (attempts - free), MAX_DELAY_S) * 1000;
}

/**
 * Counts an attempt *before* the password or code is checked, in one statement per key, so parallel requests
 * cannot all slip in under the limit: a key that is locked is not updated and returns no row.
 * Returns null when the attempt may go ahead, or the time the lock ends.
 */
export async function registerAttempt(email: string, ip: string, now = new Date()): Promise<Date | null> {
  const keys = throttleKeys(email, ip);
  // As text: postgres-js does not serialise a Date inside a raw SQL fragment.
  const at = now.toISOString();
  let blocked = false;
  for (const kind of ["account", "ip"] as const) {
    const free = FREE_ATTEMPTS[kind];
    const count = sql`(case when ${loginThrottles.lastFailureAt} < ${at}::timestamptz - ${WINDOW}::interval then 1
      else ${loginThrottles.failures} + 1 end)`;
    const rows = await getDb()
      .insert(loginThrottles)
      .values({ key: keys[kind], failures: 1, lastFailureAt: now, lockedUntil: lockAt(1, free, now) })
      .onConflictDoUpdate({
        target: loginThrottles.key,
        set: {
          failures: count,
          lastFailureAt: now,
          lockedUntil: sql`case when ${count} >= ${free}
            then ${at}::timestamptz + make_interval(secs => least(${BASE_DELAY_S} * power(2, ${count} - ${free}), ${MAX_DELAY_S}))
            else null end`,
        },
        setWhere: sql`${loginThrottles.lockedUntil} is null or ${loginThrottles.lockedUntil} <= ${at}::timestamptz`,
      })
      .returning({ key: loginThrottles.key });
    if (rows.length === 0) blocked = true;
  }
  if (!blocked) return null;
  const [row] = await getDb()
    .select({ until: sql<Date>`max(${loginThrottles.lockedUntil})`.mapWith(loginThrottles.lockedUntil) })
    .from(loginThrottles)
    .where(and(inArray(loginThrottles.key, [keys.account, keys.ip]), gt(loginThrottles.lockedUntil, now)));
  return row?.until ?? now;
}

function lockAt(attempts: number, free: number, now: Date) {
  const delay = delayAfter(attempts, free);
  return delay > 0 ? new Date(now.getTime() + delay) : null;
}

/** A correct login: the account starts afresh, and the address gets back the attempt counted in advance. */
export async function registerSuccess(email: string, ip: string) {
  const keys = throttleKeys(email, ip);
  await getDb().delete(loginThrottles).where(eq(loginThrottles.key, keys.account));
  await getDb()
    .update(loginThrottles)
    .set({
      failures: sql`greatest(${loginThrottles.failures} - 1, 0)`,
      lockedUntil: sql`case when ${loginThrottles.failures} - 1 < ${FREE_ATTEMPTS.ip} then null else ${loginThrottles.lockedUntil} end`,
    })
    .where(eq(loginThrottles.key, keys.ip));
}
