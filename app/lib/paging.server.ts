import { sql, type SQLWrapper } from "drizzle-orm";

/**
 * Selected beside a page's columns: how many rows the whole filter matches, in the same statement as the page. As a
 * scalar subquery it is counted once on its own (an InitPlan, an index-only count where it can be); `count(*) over ()`
 * would carry every matching row through the page's joins, subqueries and sort only to count them.
 */
export const fullCount = (counting: SQLWrapper) => sql<number>`(${counting})`.mapWith(Number);

/** The total for a page that selected fullCount. A page past the end has no row to carry it: then count apart. */
export async function totalOf(rows: { fullCount: number }[], offset: number, countApart: () => Promise<number>) {
  if (rows.length) return rows[0].fullCount;
  return offset > 0 ? countApart() : 0;
}
