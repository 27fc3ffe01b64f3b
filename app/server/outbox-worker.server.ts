import nodemailer, { type Transporter } from "nodemailer";
import { claimDueEmails, markEmailRetry, markEmailSent } from "~/models/outbox.server";
import { env } from "../lib/env.server";
import { every } from "../lib/jobs.server";
import { logger } from "../lib/logger.server";

/**
 * How long a claim on one e-mail lasts: well beyond the longest a delivery may take (SMTP_TIMEOUTS: connecting,
 * the greeting, then each answer), so that no other worker takes an e-mail while it is being sent.
 */
const LEASE_MS = 2 * 60_000;
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** SMTP from SMTP_URL; in demo mode without it, a transport that only records (the outbox shows it at /dev/mail). */
export function transportFromEnv(): Transporter | null {
  const config = env();
  // nodemailer waits up to 2 minutes to connect and 10 for an answer by default: longer than the lease.
  if (config.smtpUrl) return nodemailer.createTransport({ url: config.smtpUrl, ...SMTP_TIMEOUTS });
  if (config.demoMode) return nodemailer.createTransport({ jsonTransport: true });
  return null;
}

/**
 * Sends everything that is due, one e-mail at a time, once each. Each e-mail is claimed just before it is sent, with
 * the clock read then: a batch claimed at once, on a clock read once, ran out of lease while a slow SMTP server took
 * its time over the first ones, and another server sent the rest a second time. A claimed e-mail is this worker's
 * alone until it is sent or put back for a retry (which makes it not due), so the loop ends when none is due.
 */
export async function sendDueEmails(
  transport: Transporter,
  { now = () => new Date(), leaseMs = LEASE_MS }: { now?: () => Date; leaseMs?: number } = {},
) {
  let claimed = 0;
  let sent = 0;
  for (;;) {
    const [email] = await claimDueEmails(1, leaseMs, now());
    if (!email) return { claimed, sent };
    claimed += 1;
    if (await sendOne(transport, email, now)) sent += 1;
  }
}

async function sendOne(
  transport: Transporter,
  email: Awaited<ReturnType<typeof claimDueEmails>>[number],
  now: () => Date,
) {
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
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!(await markEmailRetry(email, message, now()))) logLeaseLost(email);
    else logger.warn({ emailId: email.id, attempts: email.attempts }, "e-mail not sent, will retry");
    return false;
  }
  if (!(await markEmailSent(email, now()))) logLeaseLost(email);
  return true;
}

/** The worker stalled past its lease and another worker took the e-mail over: what it did is that worker's to record. */
function logLeaseLost(email: { id: string; attempts: number }) {
  logger.warn({ emailId: email.id, attempts: email.attempts }, "e-mail lease passed before it was marked");
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
