/** Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer). */
import { calendarDay } from "./dates";
import { stockholmDate } from "./deadlines";

export type PersonalNumberResult =
  | { ok: true; normalized: string; birthDate: string; kind: "personal" | "coordination" }
  | { ok: false; error: "format" | "date" | "checksum" };

/** YYMMDD or YYYYMMDD, an optional "-" or "+", then the three-digit serial number and the check digit. */
const FORM = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$/;

/** Coordination numbers add 60 to the day of birth. */
const COORDINATION_OFFSET = 60;

/** The Luhn digit over the ten-digit form's first nine digits (YYMMDDNNN), weights 2,1,2,1,… */
function luhn(nine: string) {
  let sum = 0;
  for (let i = 0; i < nine.length; i++) {
    let n = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (n > 9) n -= 9;
    sum += n;
  }
  return (10 - (sum % 10)) % 10;
}

const isoDate = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

/**
 * Parses and validates a personal identity or coordination number. `today` (read as a Stockholm calendar date)
 * decides the century of the ten-digit forms and what counts as a birth date in the future.
 */
export function parsePersonalNumber(input: string, today = new Date()): PersonalNumberResult {
  const m = FORM.exec(input.trim());
  if (!m) return { ok: false, error: "format" };
  const [, century, yy, mm, dd, separator, serial, check] = m;
  // "+" only has a meaning in the ten-digit form, where the century is otherwise implied.
  if (century && separator === "+") return { ok: false, error: "format" };

  const rawDay = Number(dd);
  const kind = rawDay > COORDINATION_OFFSET ? "coordination" : "personal";
  const day = kind === "coordination" ? rawDay - COORDINATION_OFFSET : rawDay;
  const month = Number(mm);
  const todayDate = stockholmDate(today);

  let year: number;
  if (century) {
    year = Number(century + yy);
  } else {
    // The most recent birthday date with these YYMMDD that is not in the future; "+" goes back a century more.
    const thisYear = Number(todayDate.slice(0, 4));
    year = thisYear - ((((thisYear - Number(yy)) % 100) + 100) % 100);
    if (isoDate(year, month, day) > todayDate) year -= 100;
    if (separator === "+") year -= 100;
  }

  // No one alive was born before 1800; it also keeps years of fewer than four digits out.
  if (year < 1800 || !calendarDay(isoDate(year, month, day))) return { ok: false, error: "date" };
  const birthDate = isoDate(year, month, day);
  if (birthDate > todayDate) return { ok: false, error: "date" };
  if (luhn(`${yy}${mm}${dd}${serial}`) !== Number(check)) return { ok: false, error: "checksum" };
  return { ok: true, normalized: `${year}${mm}${dd}-${serial}${check}`, birthDate, kind };
}

// Heuristic: a free-standing YYMMDD or (18|19|20)YYMMDD, then at most one separator (-, +, a dash or a space),
// then exactly four digits, where MM is 01–12 and DD is 01–31 or 61–91. The check digit is ignored (a typo still
// identifies); phone numbers fail on their grouping, years and times on their length. Ten digits written together
// that happen to start with a date (a mobile number 0701234567) are flagged too: erring towards refusal is safe.
const CANDIDATE = /(?<!\d)(?:18|19|20)?\d{2}(\d{2})(\d{2})[-+\u2010-\u2015\u2212 \u00a0]?\d{4}(?!\d)/g;

/** Whether free text holds something shaped like a personal identity or coordination number. */
export function looksLikePersonalNumber(text: string): boolean {
  for (const [, mm, dd] of text.matchAll(CANDIDATE)) {
    const month = Number(mm);
    const day = Number(dd);
    if (month >= 1 && month <= 12 && ((day >= 1 && day <= 31) || (day >= 61 && day <= 91))) return true;
  }
  return false;
}
