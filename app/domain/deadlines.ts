/**
 * Deadlines of the report process, counted in calendar days in Europe/Stockholm. Built on Intl alone: the
 * offset from UTC is always read from the time-zone database, never assumed.
 */
import { calendarDay } from "./dates";

const TIME_ZONE = "Europe/Stockholm";
const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

const HOUR = 3_600_000;
// Stockholm's offset per UTC hour, read from the time-zone database once: its changes (01:00 UTC) fall on whole
// hours, so one reading holds for the hour. Bounded, as a long-running server meets ever new hours.
const offsets = new Map<number, number>();

function offsetOfHour(hour: number) {
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const p: Record<string, number> = {};
    for (const { type, value } of partsFormat.formatToParts(new Date(hour * HOUR)))
      if (type !== "literal") p[type] = Number(value);
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - hour * HOUR;
    if (offsets.size >= 50_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

/** Stockholm's offset from UTC at an instant, in milliseconds (as the time-zone database has it). */
function offsetAt(instant: Date) {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError("Invalid date");
  return offsetOfHour(Math.floor(time / HOUR));
}

/** Stockholm's wall clock at an instant, as numbers. */
function wallClock(instant: Date) {
  const wall = new Date(Math.floor(instant.getTime() / 1000) * 1000 + offsetAt(instant));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "YYYY-MM-DD" → [year, month, day]; a day the calendar lacks is a RangeError, never rolled over into the next month. */
function parseDate(date: string): [number, number, number] {
  const day = calendarDay(date);
  if (!day) throw new RangeError("Not a calendar date");
  return day;
}

/** The Stockholm calendar date of an instant, "YYYY-MM-DD". */
export function stockholmDate(instant: Date): string {
  const { year, month, day } = wallClock(instant);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/**
 * The instant a Stockholm wall-clock time "HH:MM[:SS]" occurs. A time skipped in spring (2026-03-29 02:30) moves
 * forward an hour; a time that occurs twice in autumn (2026-10-25 02:30) is read as the second, winter-time one.
 */
export function stockholmInstant(date: string, time = "00:00"): Date {
  const [y, m, d] = parseDate(date);
  const t = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/.exec(time);
  if (!t) throw new RangeError("Not a time");
  const wall = Date.UTC(y, m - 1, d, Number(t[1]), Number(t[2]), Number(t[3] ?? 0));
  // The offset at the guess is right except within the hour of a change; a second pass settles it.
  let instant = new Date(wall - offsetAt(new Date(wall)));
  instant = new Date(wall - offsetAt(instant));
  return instant;
}

/** The instant the Stockholm calendar day begins (23 h or 25 h before the next one on the days clocks change). */
export function startOfStockholmDay(date: string): Date {
  return stockholmInstant(date, "00:00");
}

/** A calendar date `days` later (or earlier, if negative); no time zone is involved. */
export function addCalendarDays(date: string, days: number): string {
  const [y, m, d] = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The calendar month after "YYYY-MM". */
export const nextMonth = (month: string) => addCalendarDays(`${month}-28`, 7).slice(0, 7);

/** Same day or at the latest the day after receipt: the exclusive bound is the start of the second day after. */
export function protectionAssessmentDue(receivedAt: Date): Date {
  return startOfStockholmDay(addCalendarDays(stockholmDate(receivedAt), 2));
}

/** "Within 14 days": receipt on the 1st allows up to and including the 15th, so the bound is the start of day +15. */
export function decisionDue(receivedAt: Date): Date {
  return startOfStockholmDay(addCalendarDays(stockholmDate(receivedAt), 15));
}

/**
 * Basic feedback "within N days" of the decision (or receipt): decided on the 1st with N = 3 allows through the 4th.
 * The days are calendar days unless `addDays` counts otherwise: the agreement's working days are working-days.ts's
 * `addWorkingDays`, passed in by server code so that this module stays free of the holiday library. Either way the
 * bound is the start of the Stockholm day after the last allowed one.
 */
export function feedbackDue(
  at: Date,
  days: number,
  addDays: (date: string, days: number) => string = addCalendarDays,
): Date {
  return startOfStockholmDay(addCalendarDays(addDays(stockholmDate(at), days), 1));
}

export type DueState = "done" | "done_late" | "overdue" | "due_today" | "upcoming";

/** Where a deadline stands; `due` is an exclusive bound, so its last allowed day is the day holding due − 1 ms. */
export function dueState(due: Date, now: Date, doneAt?: Date | null): DueState {
  if (doneAt) return doneAt.getTime() < due.getTime() ? "done" : "done_late";
  if (now.getTime() >= due.getTime()) return "overdue";
  return stockholmDate(now) === stockholmDate(new Date(due.getTime() - 1)) ? "due_today" : "upcoming";
}

/** The Stockholm wall-clock time of an instant, "HH:MM". */
export function stockholmTime(instant: Date): string {
  const { hour, minute } = wallClock(instant);
  return `${pad(hour)}:${pad(minute)}`;
}
