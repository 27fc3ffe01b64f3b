import { z } from "zod";
import { FIRST_YEAR, isCalendarDate, LAST_YEAR } from "./dates";
import { addCalendarDays, stockholmDate } from "./deadlines";
import { param, readQuery } from "./query";

export const periodKinds = ["month", "term", "year", "custom"] as const;
export type PeriodKind = (typeof periodKinds)[number];

const lastDayOfMonth = (month: string) => addCalendarDays(`${addCalendarDays(`${month}-28`, 7).slice(0, 7)}-01`, -1);

/**
 * The period a /stats URL asks for: a month (`month=2026-03`), a term (`term=2026-vt` January–June or `2026-ht`
 * July–December), a year (`year=2026`) or custom dates (`from`, `to`). Anything unreadable falls back to this year.
 */
export function periodFrom(params: URLSearchParams, today = stockholmDate(new Date())) {
  const q = readQuery(params, {
    period: param.choice(periodKinds, "year"),
    year: param.year(FIRST_YEAR, LAST_YEAR),
    month: param.month(),
    term: z
      .string()
      .regex(/^\d{4}-(vt|ht)$/)
      .refine((t) => isCalendarDate(`${t.slice(0, 4)}-01-01`))
      .nullable()
      .catch(null),
    from: param.date(),
    to: param.date(),
  });
  const kind = q.period;
  const year = q.year === null ? today.slice(0, 4) : String(q.year);
  if (kind === "month") {
    const month = q.month ?? today.slice(0, 7);
    return { kind, from: `${month}-01`, to: lastDayOfMonth(month), month, year: month.slice(0, 4) };
  }
  if (kind === "term") {
    const term = q.term ?? `${today.slice(0, 4)}-${today.slice(5, 7) <= "06" ? "vt" : "ht"}`;
    const y = term.slice(0, 4);
    return term.endsWith("vt")
      ? { kind, from: `${y}-01-01`, to: `${y}-06-30`, term, year: y }
      : { kind, from: `${y}-07-01`, to: `${y}-12-31`, term, year: y };
  }
  if (kind === "custom") {
    const { from, to } = q;
    if (from && to && from <= to && from >= addCalendarDays(to, -366 * 3))
      return { kind, from, to, year: from.slice(0, 4) };
  }
  return { kind: "year" as const, from: `${year}-01-01`, to: `${year}-12-31`, year };
}

export type StatsPeriod = ReturnType<typeof periodFrom>;
