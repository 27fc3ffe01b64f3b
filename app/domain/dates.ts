import { z } from "zod";

/**
 * The one reading of a date or a time that a person typed (a form field, a query parameter): "YYYY-MM-DD" and
 * "HH:MM" in ASCII digits, a day the calendar has and a time the clock has. Nothing is moved: 2027-02-30 is
 * refused, not read as 2 March. Years outside 1900–2200 are refused too (99999 is a typo; Date reads 0–99 as 19xx).
 */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2200;

/** The form error for a date or time that does not exist; in "common", which every page has. */
export const DATE_INVALID = "common:dates.invalid";
export const TIME_INVALID = "common:dates.timeInvalid";

const daysIn = (year: number, month: number) =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;

/** [year, month, day] of a "YYYY-MM-DD" the calendar has (any four-digit year), or null. */
export function calendarDay(value: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) ? [year, month, day] : null;
}

/** A date a person may enter: a real day between FIRST_YEAR and LAST_YEAR. */
export function isCalendarDate(value: string) {
  const day = calendarDay(value);
  return !!day && day[0] >= FIRST_YEAR && day[0] <= LAST_YEAR;
}

/** "YYYY-MM" of a month in that range. */
export const isCalendarMonth = (value: string) => /^\d{4}-\d{2}$/.test(value) && isCalendarDate(`${value}-01`);

/** "HH:MM" from 00:00 to 23:59. */
export const isClockTime = (value: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(value);

/** A form's date field: empty (whether it is needed is the form's own rule) or a day the calendar has. */
export const formDate = z
  .string()
  .trim()
  .refine((v) => v === "" || isCalendarDate(v), DATE_INVALID);

/** A form's time field: empty or a time the clock has. `max` is also the field's maxLength (getZodConstraint). */
export const formTime = z
  .string()
  .trim()
  .max(5, TIME_INVALID)
  // A longer text has its error from max already: one message, not two.
  .refine((v) => v === "" || v.length > 5 || isClockTime(v), TIME_INVALID);

/** For a form read by hand: the error for a date and time that do not exist, or null when both do. */
export const dateTimeError = (date: string, time: string) =>
  !isCalendarDate(date) ? DATE_INVALID : !isClockTime(time) ? TIME_INVALID : null;
