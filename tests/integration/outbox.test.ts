import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { outboxEmails } from "#db/schema";
import { resetEnv } from "~/lib/env.server";
import { sendDueEmails } from "~/server/outbox-worker.server";
import { deliverMessage } from "~/models/inbox.server";
import { claimDueEmails, markEmailRetry, markEmailSent } from "~/models/outbox.server";
import * as devMail from "~/routes/dev.mail";
import { createWorld, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";
import { ownDatabaseOnPostgres } from "../setup/databases";
import { TestSmtp } from "../smtp";

/** The text of a quoted-printable body, as a mail client shows it. */
function decodeQuotedPrintable(raw: string) {
  const joined = raw.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === "=" && /^[0-9A-F]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(joined.charCodeAt(i));
  }
  return Buffer.from(bytes).toString("utf8");
}

const smtp = new TestSmtp();
beforeAll(() => smtp.start());
afterAll(() => smtp.stop());

/**
 * On PostgreSQL every file shares the run's database, and the worker sends whatever is due in it: here it would send
 * every e-mail the other files queued (the bad-input sweep alone queues hundreds) and time out. The outbox gets a
 * database of its own.
 */
let dropOwnDatabase: (() => Promise<void>) | undefined;
beforeAll(async () => {
  dropOwnDatabase = await ownDatabaseOnPostgres("outbox");
});
afterAll(() => dropOwnDatabase?.());

async function notifyStaff(world: Awaited<ReturnType<typeof createWorld>>, summary = "Hemligt innehåll om ett barn") {
  const messageId = await deliverMessage({
    municipalityId: world.municipality.id,
    recipientId: world.user.staff.id,
    template: "advice:message",
    params: {
      occurredAt: new Date().toISOString(),
      advice: "report_now",
      adviceNote: "",
      summary,
      followUp: "",
      code: "R-TEST",
      articles: [],
    },
    notify: true,
  });
  const [email] = await getDb().select().from(outboxEmails).where(eq(outboxEmails.recipientId, world.user.staff.id));
  return { messageId, email };
}

/** Queues `count` notices to a new world's staff member; their outbox ids. */
async function queuedForStaff(count: number) {
  const world = await createWorld();
  for (let i = 0; i < count; i++) await notifyStaff(world, `Meddelande ${i}`);
  const ids = (
    await getDb()
      .select({ id: outboxEmails.id })
      .from(outboxEmails)
      .where(eq(outboxEmails.recipientId, world.user.staff.id))
  ).map((r) => r.id);
  expect(ids).toHaveLength(count);
  return ids;
}

describe("the outbox", () => {
  it("queues a notice with the inbox message and sends it over SMTP, with no personal data in it", async () => {
    const world = await createWorld();
    const { messageId, email } = await notifyStaff(world);
    expect(email).toMatchObject({ status: "pending", toAddress: world.user.staff.email, attempts: 0 });
    await sendDueEmails(smtp.transport());
    const [delivered] = smtp.forIds([email.id]);
    expect(delivered.to).toBe(world.user.staff.email);
    const text = decodeQuotedPrintable(delivered.raw);
    expect(text).toContain("Du har fått ett nytt meddelande i Tillsammans.");
    // RFC 3834, so that out-of-office replies stay away (issue 19).
    expect(delivered.raw).toMatch(/^Auto-Submitted: auto-generated\r?$/m);
    expect(text).toContain(`/inbox/${messageId}`);
    expect(text).not.toContain("Hemligt");
    expect(text).not.toContain("Råd från mottagningen");
    expect(text).not.toContain(world.user.staff.name);
    const [after] = await getDb().select().from(outboxEmails).where(eq(outboxEmails.id, email.id));
    expect(after).toMatchObject({ status: "sent", attempts: 1, lockedUntil: null });
  });

  it("keeps e-mails while SMTP is down and delivers each exactly once when it is back", async () => {
    const world = await createWorld();
    const { email } = await notifyStaff(world);
    const down = await smtp.transport(1); // nothing listens on port 1
    const failed = await sendDueEmails(down);
    expect(failed.claimed).toBeGreaterThanOrEqual(1);
    const [waiting] = await getDb().select().from(outboxEmails).where(eq(outboxEmails.id, email.id));
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, lockedUntil: null });
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    expect(waiting.lastError).toBeTruthy();

    // Not due yet: nothing is sent even though SMTP is back.
    await sendDueEmails(smtp.transport());
    expect(smtp.forIds([email.id])).toHaveLength(0);
    // Once due, it goes, and only once.
    const later = new Date(waiting.nextAttemptAt.getTime() + 1_000);
    await sendDueEmails(smtp.transport(), { now: () => later });
    await sendDueEmails(smtp.transport(), { now: () => later });
    expect(smtp.forIds([email.id])).toHaveLength(1);
  });

  it("never lets two workers send the same e-mail", async () => {
    const ids = await queuedForStaff(8);
    await Promise.all([
      sendDueEmails(smtp.transport()),
      sendDueEmails(smtp.transport()),
      sendDueEmails(smtp.transport()),
    ]);
    const delivered = smtp.forIds(ids);
    expect(delivered).toHaveLength(8);
    const rows = await getDb().select().from(outboxEmails).where(inArray(outboxEmails.id, ids));
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });

  it("delivers each e-mail exactly once between two workers when the SMTP server is slower than a batch's lease", async () => {
    // Scaled down from two servers polling every 5 s with a 2-minute lease and a relay answering in 7 s a message.
    const ids = await queuedForStaff(12);
    smtp.answerMs = 200;
    try {
      const leaseMs = 1_000;
      const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      const worker = async () => {
        // A server's worker: poll until the outbox is empty, as the real one does every few seconds.
        for (let rounds = 0; rounds < 100; rounds++) {
          await sendDueEmails(smtp.transport(), { leaseMs });
          const left = await getDb()
            .select({ id: outboxEmails.id })
            .from(outboxEmails)
            .where(and(inArray(outboxEmails.id, ids), eq(outboxEmails.status, "pending")));
          if (!left.length) return;
          await pause(100);
        }
      };
      // The second server's worker wakes while the first is sending.
      await Promise.all([worker(), pause(50).then(worker)]);
    } finally {
      smtp.answerMs = 0;
    }
    const delivered = smtp.forIds(ids);
    expect(ids.filter((id) => smtp.forIds([id]).length !== 1)).toEqual([]);
    expect(delivered).toHaveLength(12);
  });

  it("lets a worker mark an e-mail only while it holds the lease", async () => {
    // The outbox's own database (above): nothing else of this file is left waiting to be claimed.
    await getDb().update(outboxEmails).set({ status: "failed" }).where(eq(outboxEmails.status, "pending"));
    const world = await createWorld();
    const { email } = await notifyStaff(world);
    const start = new Date();
    const [mine] = await claimDueEmails(1, 1_000, start);
    expect(mine.id).toBe(email.id);
    // The lease runs out (the worker stalled); another worker claims the e-mail and is sending it.
    const later = new Date(start.getTime() + 2_000);
    const [theirs] = await claimDueEmails(1, 60_000, later);
    expect(theirs.id).toBe(email.id);
    expect(await markEmailSent(mine, later)).toBe(false);
    expect(await markEmailRetry(mine, "421 try later", later)).toBe(false);
    const [row] = await getDb().select().from(outboxEmails).where(eq(outboxEmails.id, email.id));
    expect(row).toMatchObject({ status: "pending", lockedUntil: theirs.lockedUntil, attempts: 2, lastError: null });
    expect(await markEmailSent(theirs, later)).toBe(true);
  });

  it("shows sent e-mail at /dev/mail only in demo mode", async () => {
    const world = await createWorld();
    await notifyStaff(world);
    const cookie = await sessionCookieFor(world.user.staff);
    expect((await callRoute(devMail.loader, { path: "/dev/mail", cookie })).status).toBe(200);
    process.env.DEMO_MODE = "0";
    resetEnv();
    try {
      expect((await callRoute(devMail.loader, { path: "/dev/mail", cookie })).status).toBe(404);
    } finally {
      process.env.DEMO_MODE = "1";
      resetEnv();
    }
  });
});
