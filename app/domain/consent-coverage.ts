import { stockholmDate, stockholmInstant, stockholmTime } from "~/domain/deadlines";
import { CONSENT_MAX_MONTHS } from "~/domain/vocabulary";

/**
 * When a consent covers a message: extended feedback about a report may go to someone only under a consent from the
 * guardians (or the child) that, at that instant, names the recipient or their unit, covers the kind of information,
 * has begun, has not ended and has not been withdrawn (OSL 12 kap, 26 kap; docs/decisions/010). This file is that
 * rule; app/models/feedback.server.ts reads the consents and calls it before anything is sent.
 */

export interface ConsentTerms {
  id: string;
  recipientUnitIds: string[];
  recipientUserIds: string[];
  infoKinds: string[];
  validFrom: Date;
  validUntil: Date;
  withdrawnAt: Date | null;
}

export type Coverage =
  | { ok: true; consentId: string }
  | { ok: false; reason: "none" | "recipient" | "kind" | "notYetValid" }
  | { ok: false; reason: "withdrawn" | "expired"; at: Date };

/**
 * Whether one of the consents lets `kind` go to the recipient at the instant `at`, and if not, the most telling reason:
 * a matching consent that was withdrawn or has expired, else what none of them covers.
 */
export function coverage(
  terms: ConsentTerms[],
  recipient: { id: string; unitIds: string[] },
  kind: string,
  at: Date,
): Coverage {
  const forRecipient = (c: ConsentTerms) =>
    c.recipientUserIds.includes(recipient.id) || c.recipientUnitIds.some((u) => recipient.unitIds.includes(u));
  const matching = terms.filter((c) => forRecipient(c) && c.infoKinds.includes(kind));
  const active = matching.find(
    (c) => c.validFrom <= at && at < c.validUntil && !(c.withdrawnAt && c.withdrawnAt <= at),
  );
  if (active) return { ok: true, consentId: active.id };
  const withdrawals = matching.flatMap((c) => (c.withdrawnAt && c.withdrawnAt <= at ? [c.withdrawnAt] : []));
  const lastWithdrawn = withdrawals.sort((a, b) => +b - +a)[0];
  if (lastWithdrawn) return { ok: false, reason: "withdrawn", at: lastWithdrawn };
  const expired = matching.filter((c) => c.validUntil <= at).sort((a, b) => +b.validUntil - +a.validUntil)[0];
  if (expired) return { ok: false, reason: "expired", at: expired.validUntil };
  if (matching.length) return { ok: false, reason: "notYetValid" };
  if (terms.some(forRecipient)) return { ok: false, reason: "kind" };
  if (terms.some((c) => c.infoKinds.includes(kind))) return { ok: false, reason: "recipient" };
  return { ok: false, reason: "none" };
}

/**
 * The latest a consent given from `from` may last: the same Stockholm wall-clock time CONSENT_MAX_MONTHS later (a day
 * the month lacks runs on: from 29 February to 1 March). Counted on Stockholm's calendar, as the form's days are:
 * counted in UTC, a year from a day in summer time to one in winter time ended an hour short, and a consent for a
 * full year of days (2029-03-27 to 2030-03-26) was refused as too long.
 */
export function consentLimit(from: Date) {
  const [year, month, day] = stockholmDate(from).split("-").map(Number);
  const date = new Date(Date.UTC(year, month - 1 + CONSENT_MAX_MONTHS, day)).toISOString().slice(0, 10);
  // Stockholm's offsets are whole hours: the seconds are those of UTC.
  const seconds = String(from.getUTCSeconds()).padStart(2, "0");
  const limit = stockholmInstant(date, `${stockholmTime(from)}:${seconds}`);
  return new Date(limit.getTime() + from.getUTCMilliseconds());
}
