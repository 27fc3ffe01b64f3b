/** Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer). */
export type PersonalNumberResult =
  | { ok: true; normalized: string; birthDate: string; kind: "personal" | "coordination" }
  | { ok: false; error: "format" | "date" | "checksum" };

const FORM = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$/;

/** The Luhn digit over the ten-digit form's first nine digits. */
function luhn(nine: string) {
  let sum = 0;
  for (let i = 0; i < nine.length; i++) {
    let n = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (n > 9) n -= 9;
    sum += n;
  }
  return (10 - (sum % 10)) % 10;
}

export function parsePersonalNumber(input: string, today = new Date()): PersonalNumberResult {
  const m = FORM.exec(input.trim());
  if (!m) return { ok: false, error: "format" };
  const [, century, yy, mm, dd, separator, serial, check] = m;
  if (century && separator === "+") return { ok: false, error: "format" };
  const thisYear = today.getUTCFullYear();
  let year: number;
  if (century) {
    year = Number(century + yy);
  } else {
    // The most recent year ending in yy that is not in the future; "+" means a hundred years more.
    year = thisYear - ((thisYear - Number(yy)) % 100 + 100) % 100;
    if (separator === "+") year -= 100;
  }
  const rawDay = Number(dd);
  const kind = rawDay > 60 ? "coordination" : "personal";
  const day = kind === "coordination" ? rawDay - 60 : rawDay;
  const month = Number(mm);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || day < 1 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, error: "date" };
  }
  if (date.getTime() > today.getTime()) return { ok: false, error: "date" };
  if (luhn(`${yy}${mm}${dd}${serial}`) !== Number(check)) return { ok: false, error: "checksum" };
  const birthDate = date.toISOString().slice(0, 10);
  return { ok: true, normalized: `${year}${mm}${dd}-${serial}${check}`, birthDate, kind };
}

/**
 * Whether free text holds something shaped like a personal identity or coordination number: six or eight
 * digits forming a plausible date (day up to 91), then an optional separator and four digits. The check
 * digit is not required: a mistyped number still identifies a child.
 */
export function looksLikePersonalNumber(text: string): boolean {
  const candidates = text.matchAll(/(?<!\d)(\d{2})?(\d{2})(\d{2})(\d{2})[-+ ]?(\d{4})(?!\d)/g);
  for (const [, , , mm, dd] of candidates) {
    const month = Number(mm);
    const day = Number(dd);
    if (month >= 1 && month <= 12 && ((day >= 1 && day <= 31) || (day >= 61 && day <= 91))) return true;
  }
  return false;
}
