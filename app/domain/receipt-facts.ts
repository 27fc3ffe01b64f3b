/**
 * What a report's statistics need about the child and the timing, fixed when it is received, so that no figure ever
 * has to read a personal identity number or a birth date again.
 */
import { calendarDay } from "./dates";
import { stockholmDate } from "./deadlines";
import { parsePersonalNumber } from "./personal-number";
import type { AgeBand } from "./vocabulary";

/** The upper end (inclusive) of each band of app/domain/vocabulary.ts's ageBands. */
const BANDS: [number, AgeBand][] = [
  [2, "0-2"],
  [5, "3-5"],
  [9, "6-9"],
  [12, "10-12"],
  [15, "13-15"],
  [17, "16-17"],
];

/** Whole calendar days from one "YYYY-MM-DD" to another; null when either is no calendar day. */
function daysBetween(from: string, to: string) {
  const [a, b] = [calendarDay(from), calendarDay(to)];
  if (!a || !b) return null;
  return Math.round((Date.UTC(b[0], b[1] - 1, b[2]) - Date.UTC(a[0], a[1] - 1, a[2])) / 86_400_000);
}

/** Age in whole years on a date ("YYYY-MM-DD" both); a birthday on 29 February comes on 1 March in other years. */
function ageOn(birthDate: string, date: string) {
  const [b, d] = [calendarDay(birthDate), calendarDay(date)];
  if (!b || !d) return null;
  const beforeBirthday = d[1] < b[1] || (d[1] === b[1] && d[2] < b[2]);
  return d[0] - b[0] - (beforeBirthday ? 1 : 0);
}

/** The child's age band on the Stockholm day of receipt; null when the age is unknown or not a child's (18 or over). */
export function ageBandAt(birthDate: string | null, receivedAt: Date): AgeBand | null {
  if (!birthDate) return null;
  const age = ageOn(birthDate, stockholmDate(receivedAt));
  if (age === null || age < 0) return null;
  return BANDS.find(([upTo]) => age <= upTo)?.[1] ?? null;
}

/** Calendar days (Stockholm) from the observation to the receipt; null when unknown, or when the dates contradict. */
export function daysToReport(observedOn: string | null, receivedAt: Date): number | null {
  if (!observedOn) return null;
  const days = daysBetween(observedOn, stockholmDate(receivedAt));
  return days === null || days < 0 ? null : days;
}

/** Both, from what the report holds: the birth date, or else the one the personal identity number carries. */
export function receiptFacts(
  content: { childPersonalNumber: string | null; childBirthDate: string | null; observedOn: string | null },
  receivedAt: Date,
) {
  const parsed = content.childPersonalNumber ? parsePersonalNumber(content.childPersonalNumber, receivedAt) : null;
  const birthDate = content.childBirthDate ?? (parsed?.ok ? parsed.birthDate : null);
  return { ageBand: ageBandAt(birthDate, receivedAt), daysToReport: daysToReport(content.observedOn, receivedAt) };
}
