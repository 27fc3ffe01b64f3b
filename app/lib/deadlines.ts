/** Deadlines of the report process, counted in calendar days in Europe/Stockholm. */
const TIME_ZONE = "Europe/Stockholm";
const dateFormat = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
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

/** The Stockholm calendar date of an instant, "YYYY-MM-DD". */
export function stockholmDate(instant: Date): string {
  return dateFormat.format(instant);
}

/** Stockholm's offset from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
function offsetAt(instant: Date) {
  const p = Object.fromEntries(partsFormat.formatToParts(instant).map((x) => [x.type, x.value]));
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a Stockholm wall-clock time occurs ("2026-03-29", "02:30" does not exist and moves forward). */
export function stockholmInstant(date: string, time = "00:00"): Date {
  const [y, m, d] = date.split("-").map(Number);
  const [h, min] = time.split(":").map(Number);
  const wall = Date.UTC(y, m - 1, d, h, min);
  // The offset at the guess is right except within the hour of a change; a second pass settles it.
  let instant = new Date(wall - offsetAt(new Date(wall)));
  instant = new Date(wall - offsetAt(instant));
  return instant;
}

export function startOfStockholmDay(date: string): Date {
  return stockholmInstant(date, "00:00");
}

export function addCalendarDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Same day or at the latest the day after receipt: the bound is the start of the second day after. */
export function protectionAssessmentDue(receivedAt: Date): Date {
  return startOfStockholmDay(addCalendarDays(stockholmDate(receivedAt), 2));
}

/** Within 14 days of receipt: the whole 14th day after the receipt date is allowed. */
export function decisionDue(receivedAt: Date): Date {
  return startOfStockholmDay(addCalendarDays(stockholmDate(receivedAt), 15));
}

export type DueState = "done" | "done_late" | "overdue" | "due_today" | "upcoming";

/** Where a deadline stands; `due` is an exclusive bound, so its last allowed day is the day before it. */
export function dueState(due: Date, now: Date, doneAt?: Date | null): DueState {
  if (doneAt) return doneAt < due ? "done" : "done_late";
  if (now >= due) return "overdue";
  return stockholmDate(now) === stockholmDate(new Date(due.getTime() - 1)) ? "due_today" : "upcoming";
}
