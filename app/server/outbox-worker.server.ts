import nodemailer, { type Transporter } from "nodemailer";
import { claimDueEmails, markEmailRetry, markEmailSent } from "~/models/outbox.server";
import { env } from "../lib/env.server";
import { every } from "../lib/jobs.server";
import { logger } from "../lib/logger.server";

const LEASE_MS = 2 * 60_000;
const BATCH = 20;

/** SMTP from SMTP_URL; in demo mode without it, a transport that only records (the outbox shows it at /dev/mail). */
export function transportFromEnv(): Transporter | null {
  const config = env();
  if (config.smtpUrl) return nodemailer.createTransport(config.smtpUrl);
  if (config.demoMode) return nodemailer.createTransport({ jsonTransport: true });
  return null;
}

/**
 * Sends everything that is due, a batch at a time, once each: claimed rows are ours alone until sent or put back
 * for a retry (which makes them not due), so the loop ends when a batch comes back short.
 */
export async function sendDueEmails(transport: Transporter, now = new Date()) {
  let claimedCount = 0;
  let sent = 0;
  for (;;) {
    const claimed = await claimDueEmails(BATCH, LEASE_MS, now);
    claimedCount += claimed.length;
    for (const email of claimed) {
      if (await sendOne(transport, email)) sent += 1;
    }
    if (claimed.length < BATCH) return { claimed: claimedCount, sent };
  }
}

async function sendOne(transport: Transporter, email: Awaited<ReturnType<typeof claimDueEmails>>[number]) {
  try {
    await transport.sendMail({
      from: env().mailFrom,
      to: email.toAddress,
      subject: email.subject,
      text: email.textBody,
      // A stable Message-ID: should a retry ever repeat a delivery, the receiving side can tell.
      messageId: `<${email.id}@tillsammans.invalid>`,
      // RFC 3834: an automatic message, so out-of-office and other automatic replies stay away.
      headers: { "Auto-Submitted": "auto-generated" },
      ...(email.calendar
        ? {
            icalEvent: {
              method: email.calendarMethod ?? "REQUEST",
              filename: "invitation.ics",
              content: email.calendar,
            },
          }
        : {}),
    });
    await markEmailSent(email.id);
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await markEmailRetry(email.id, email.attempts, message);
    logger.warn({ emailId: email.id, attempts: email.attempts }, "e-mail not sent, will retry");
    return false;
  }
}

/** Polls the outbox every few seconds until stopped. Safe to run on every app server. */
export function startOutboxWorker(intervalMs = 5_000) {
  const transport = transportFromEnv();
  if (!transport) {
    logger.warn("SMTP_URL is not set: e-mails wait in the outbox until it is");
    return async () => {};
  }
  const stop = every(intervalMs, "outbox", () => sendDueEmails(transport));
  return async () => {
    await stop();
    transport.close();
  };
}
