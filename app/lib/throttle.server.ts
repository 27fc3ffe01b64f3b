import { eq, inArray, sql } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { loginThrottles } from "#db/schema";

/** Failures allowed before a delay starts, per account and per client address. */
const FREE_FAILURES = { account: 5, ip: 20 } as const;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60_000;

export function throttleKeys(email: string, ip: string) {
  return { account: `account:${email.trim().toLowerCase()}`, ip: `ip:${ip}` };
}

/** The delay doubles with each failure past the free ones: 30 s, 1 min, 2 min … capped at 15 min. */
export function delayAfter(failures: number, free: number) {
  if (failures < free) return 0;
  return Math.min(BASE_DELAY_MS * 2 ** (failures - free), MAX_DELAY_MS);
}

/** When the account or address may try again, or null if it may try now. */
export async function lockedUntil(email: string, ip: string, now = new Date()): Promise<Date | null> {
  const keys = throttleKeys(email, ip);
  const rows = await getDb()
    .select()
    .from(loginThrottles)
    .where(inArray(loginThrottles.key, [keys.account, keys.ip]));
  const until = rows
    .map((r) => r.lockedUntil)
    .filter((d): d is Date => !!d && d.getTime() > now.getTime())
    .sort((a, b) => b.getTime() - a.getTime())[0];
  return until ?? null;
}

export async function recordFailure(email: string, ip: string, now = new Date()) {
  const keys = throttleKeys(email, ip);
  for (const [kind, key] of Object.entries(keys) as ["account" | "ip", string][]) {
    // One statement so two failures at the same instant both count.
    const [row] = await getDb()
      .insert(loginThrottles)
      .values({ key, failures: 1, lastFailureAt: now })
      .onConflictDoUpdate({
        target: loginThrottles.key,
        set: { failures: sql`${loginThrottles.failures} + 1`, lastFailureAt: now },
      })
      .returning({ failures: loginThrottles.failures });
    const delay = delayAfter(row.failures, FREE_FAILURES[kind]);
    if (delay > 0) {
      await getDb()
        .update(loginThrottles)
        .set({ lockedUntil: new Date(now.getTime() + delay) })
        .where(eq(loginThrottles.key, key));
    }
  }
}

/** A successful login clears the account's counter; the address keeps its count. */
export async function clearAccountFailures(email: string) {
  await getDb().delete(loginThrottles).where(eq(loginThrottles.key, throttleKeys(email, "").account));
}
