import { and, asc, desc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import { getDb, type Database } from "#db/client.server";
import { outboxEmails } from "#db/schema";

export interface OutgoingEmail {
  municipalityId: string;
  recipientId?: string | null;
  toAddress: string;
  subject: string;
  textBody: string;
  calendar?: { content: string; method: "REQUEST" | "CANCEL" } | null;
}

/** Queues an e-mail. Pass the transaction of the change that causes it, so both happen or neither does. */
export async function enqueueEmail(db: Database, email: OutgoingEmail) {
  const [row] = await db
    .insert(outboxEmails)
    .values({
      municipalityId: email.municipalityId,
      recipientId: email.recipientId ?? null,
      toAddress: email.toAddress,
      subject: email.subject,
      textBody: email.textBody,
      calendar: email.calendar?.content ?? null,
      calendarMethod: email.calendar?.method ?? null,
    })
    .returning({ id: outboxEmails.id });
  return row.id;
}

/**
 * Claims up to `limit` due e-mails for `leaseMs`. SKIP LOCKED lets several workers (several app servers) claim at
 * once without ever taking the same row; the lease lets another worker retry a row whose worker died.
 */
export async function claimDueEmails(limit: number, leaseMs: number, now = new Date()) {
  const db = getDb();
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outboxEmails.id })
      .from(outboxEmails)
      .where(
        and(
          eq(outboxEmails.status, "pending"),
          lte(outboxEmails.nextAttemptAt, now),
          or(isNull(outboxEmails.lockedUntil), lt(outboxEmails.lockedUntil, now)),
        ),
      )
      .orderBy(asc(outboxEmails.createdAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (!due.length) return [];
    return tx
      .update(outboxEmails)
      .set({ lockedUntil: new Date(now.getTime() + leaseMs), attempts: sql`${outboxEmails.attempts} + 1` })
      .where(
        inArray(
          outboxEmails.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
  });
}

export async function markEmailSent(id: string, now = new Date()) {
  await getDb()
    .update(outboxEmails)
    .set({ status: "sent", sentAt: now, lockedUntil: null, lastError: null })
    .where(eq(outboxEmails.id, id));
}

export const MAX_ATTEMPTS = 10;

/** After a failed attempt: try again later, waiting longer each time (30 s, 1 min, 2 min … up to an hour). */
export async function markEmailRetry(id: string, attempts: number, error: string, now = new Date()) {
  const delay = Math.min(30_000 * 2 ** (attempts - 1), 60 * 60_000);
  await getDb()
    .update(outboxEmails)
    .set({
      status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
      nextAttemptAt: new Date(now.getTime() + delay),
      lockedUntil: null,
      // The SMTP server's words, cut short; never the message itself.
      lastError: error.slice(0, 500),
    })
    .where(eq(outboxEmails.id, id));
}

/** The latest e-mails of one municipality, for /dev/mail in demo mode: never another municipality's. */
export async function latestEmails(municipalityId: string, limit = 50) {
  return getDb()
    .select()
    .from(outboxEmails)
    .where(eq(outboxEmails.municipalityId, municipalityId))
    .orderBy(desc(outboxEmails.createdAt))
    .limit(limit);
}
