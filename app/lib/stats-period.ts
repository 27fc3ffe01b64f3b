import { addCalendarDays, stockholmDate } from "./deadlines";

export const periodKinds = ["month", "term", "year", "custom"] as const;
export type PeriodKind = (typeof periodKinds)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const lastDayOfMonth = (month: string) => addCalendarDays(`${addCalendarDays(`${month}-28`, 7).slice(0, 7)}-01`, -1);

/**
 * The period a /stats URL asks for: a month (`month=2026-03`), a term (`term=2026-vt` January–June or `2026-ht`
 * July–December), a year (`year=2026`) or custom dates (`from`, `to`). Anything unreadable falls back to this year.
 */
export function periodFrom(params: URLSearchParams, today = stockholmDate(new Date())) {
  const kind = (periodKinds as readonly string[]).includes(params.get("period") ?? "") ? (params.get("period") as PeriodKind) : "year";
  const year = /^\d{4}$/.test(params.get("year") ?? "") ? params.get("year")! : today.slice(0, 4);
  if (kind === "month") {
    const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(params.get("month") ?? "") ? params.get("month")! : today.slice(0, 7);
    return { kind, from: `${month}-01`, to: lastDayOfMonth(month), month, year: month.slice(0, 4) };
  }
  if (kind === "term") {
    const term = /^\d{4}-(vt|ht)$/.test(params.get("term") ?? "") ? params.get("term")! : `${today.slice(0, 4)}-${today.slice(5, 7) <= "06" ? "vt" : "ht"}`;
    const y = term.slice(0, 4);
    return term.endsWith("vt") ? { kind, from: `${y}-01-01`, to: `${y}-06-30`, term, year: y } : { kind, from: `${y}-07-01`, to: `${y}-12-31`, term, year: y };
  }
  if (kind === "custom") {
    const from = params.get("from") ?? "";
    const to = params.get("to") ?? "";
    if (DATE.test(from) && DATE.test(to) && from <= to && from >= addCalendarDays(to, -366 * 3)) return { kind, from, to, year: from.slice(0, 4) };
  }
  return { kind: "year" as const, from: `${year}-01-01`, to: `${year}-12-31`, year };
}

export type StatsPeriod = ReturnType<typeof periodFrom>;
