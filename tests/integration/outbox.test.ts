import type { AddressInfo } from "node:net";
import { eq, inArray } from "drizzle-orm";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { outboxEmails } from "#db/schema";
import { resetEnv } from "~/lib/env.server";
import { sendDueEmails } from "~/server/outbox-worker.server";
import { deliverMessage } from "~/models/inbox.server";
import * as devMail from "~/routes/dev.mail";
import { createWorld, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";
import { ownDatabaseOnPostgres } from "../setup/databases";

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

/** A real SMTP server on a free port, keeping what it receives. */
class TestSmtp {
  received: { to: string; raw: string }[] = [];
  private server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData: (stream, session, callback) => {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        this.received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), raw });
        callback();
      });
    },
  });
  port = 0;
  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }
  stop() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
  transport(port = this.port) {
    return nodemailer.createTransport({
      host: "127.0.0.1",
      port,
      secure: false,
      ignoreTLS: true,
      connectionTimeout: 2_000,
    });
  }
  /** The messages that carry one of these outbox ids in their Message-ID. */
  forIds(ids: string[]) {
    return this.received.filter((m) => ids.some((id) => m.raw.includes(`<${id}@tillsammans.invalid>`)));
  }
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
    await sendDueEmails(smtp.transport(), later);
    await sendDueEmails(smtp.transport(), later);
    expect(smtp.forIds([email.id])).toHaveLength(1);
  });

  it("never lets two workers send the same e-mail", async () => {
    const world = await createWorld();
    for (let i = 0; i < 8; i++) await notifyStaff(world, `Meddelande ${i}`);
    const ids = (
      await getDb()
        .select({ id: outboxEmails.id })
        .from(outboxEmails)
        .where(eq(outboxEmails.recipientId, world.user.staff.id))
    ).map((r) => r.id);
    expect(ids).toHaveLength(8);
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
