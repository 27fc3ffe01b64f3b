/**
 * Swedish working days, for deadlines an agreement sets in working days (basic feedback "within three working days").
 * The holidays come from date-holidays, a maintained library whose rules cover Easter and midsummer in any year, so no
 * list here needs keeping. Dates are Stockholm calendar dates ("YYYY-MM-DD"); the caller turns an instant into one
 * (deadlines.ts, stockholmDate).
 *
 * Not imported by deadlines.ts on purpose: that module is in browser bundles, and date-holidays carries the rules of
 * every country. Server code passes `addWorkingDays` to `feedbackDue`.
 */
import Holidays from "date-holidays";
import { calendarDay } from "./dates";
import { addCalendarDays } from "./deadlines";

/**
 * Not working days: Saturdays, Sundays, the public holidays of lag (1989:253) om allmänna helgdagar ("public" in
 * date-holidays), and midsommarafton, julafton and nyårsafton ("bank"). The three eves are no holidays by law but days
 * off in practice: public offices are closed, as on a Sunday, and lag (1930:173) om beräkning av lagstadgad tid moves a
 * deadline falling on one to the next weekday, as it does one falling on a holiday. Observances (skärtorsdagen, annandag pingst since
 * 2005) and half days (valborgsmässoafton, trettondagsafton) are working days.
 */
const sweden = new Holidays("SE", { types: ["public", "bank"] });

// Per year, computed once; years are few, but a bound keeps a long-running server from collecting them forever.
const offByYear = new Map<number, ReadonlySet<string>>();

function holidaysOf(year: number): ReadonlySet<string> {
  let off = offByYear.get(year);
  if (!off) {
    // `date` is the local date in Sweden ("YYYY-MM-DD hh:mm:ss"), whatever the server's own time zone.
    off = new Set(sweden.getHolidays(year).map((h) => h.date.slice(0, 10)));
    // Thirteen public holidays besides the Sundays, and three eves, every year (two may share a day: Ascension fell on
    // 1 May in 2008). Fewer means the library lost its Swedish rules, and counting Christmas as a working day would be
    // worse than failing loudly.
    if (off.size < 14) throw new Error(`date-holidays knows too few Swedish holidays for ${year}`);
    if (offByYear.size >= 500) offByYear.clear();
    offByYear.set(year, off);
  }
  return off;
}

function parse(date: string): [number, number, number] {
  const day = calendarDay(date);
  if (!day) throw new RangeError("Not a calendar date");
  return day;
}

/** Whether a Stockholm calendar date is a working day: a weekday that is no holiday nor one of the three eves. */
export function isWorkingDay(date: string): boolean {
  const [y, m, d] = parse(date);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidaysOf(y).has(date);
}

/**
 * The `days`th working day after `date`, which is itself never counted (working day or not): "within 3 working days" of
 * Maundy Thursday 2026-04-02 runs through Thursday 2026-04-09. Zero days is the date itself.
 */
export function addWorkingDays(date: string, days: number): string {
  parse(date);
  if (!Number.isInteger(days) || days < 0) throw new RangeError("Not a whole number of days");
  let current = date;
  for (let left = days; left > 0; ) {
    current = addCalendarDays(current, 1);
    if (isWorkingDay(current)) left -= 1;
  }
  return current;
}
