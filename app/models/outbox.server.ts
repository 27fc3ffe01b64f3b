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
 * Claims up to `limit` due e-mails for `leaseMs` from `now`. SKIP LOCKED lets several workers (several app servers)
 * claim at once without ever taking the same row; the lease lets another worker retry a row whose worker died. The
 * lease's end is the claim's token: a later claim always sets a later one.
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
    const lockedUntil = new Date(now.getTime() + leaseMs);
    const claimed = await tx
      .update(outboxEmails)
      .set({ lockedUntil, attempts: sql`${outboxEmails.attempts} + 1` })
      .where(
        inArray(
          outboxEmails.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
    return claimed.map((row) => ({ ...row, lockedUntil }));
  });
}

/** A claimed e-mail as its worker knows it: the lease it holds (its token) and the attempt it is making. */
type Claim = Pick<typeof outboxEmails.$inferSelect, "id" | "attempts"> & { lockedUntil: Date };

/**
 * The row as this claim left it, and only while the claim holds: once the lease has passed and another worker has
 * claimed the e-mail, its state is that worker's to write.
 */
const held = (claim: Claim) =>
  and(
    eq(outboxEmails.id, claim.id),
    eq(outboxEmails.status, "pending"),
    eq(outboxEmails.lockedUntil, claim.lockedUntil),
  );

/** Marks a claimed e-mail sent; false if the claim no longer held (the lease had passed and another took it). */
export async function markEmailSent(claim: Claim, now = new Date()) {
  const rows = await getDb()
    .update(outboxEmails)
    .set({ status: "sent", sentAt: now, lockedUntil: null, lastError: null })
    .where(held(claim))
    .returning({ id: outboxEmails.id });
  return rows.length === 1;
}

export const MAX_ATTEMPTS = 10;

/**
 * After a failed attempt: try again later, waiting longer each time (30 s, 1 min, 2 min … up to an hour). False if
 * the claim no longer held.
 */
export async function markEmailRetry(claim: Claim, error: string, now = new Date()) {
  const delay = Math.min(30_000 * 2 ** (claim.attempts - 1), 60 * 60_000);
  const rows = await getDb()
    .update(outboxEmails)
    .set({
      status: claim.attempts >= MAX_ATTEMPTS ? "failed" : "pending",
      nextAttemptAt: new Date(now.getTime() + delay),
      lockedUntil: null,
      // The SMTP server's words, cut short; never the message itself.
      lastError: error.slice(0, 500),
    })
    .where(held(claim))
    .returning({ id: outboxEmails.id });
  return rows.length === 1;
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
