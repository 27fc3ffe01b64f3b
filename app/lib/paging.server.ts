import { sql } from "drizzle-orm";

/** Selected beside a page's columns: how many rows the whole filter matches, in the same statement as the page. */
export const fullCount = () => sql<number>`count(*) over ()`.mapWith(Number);

/** The total for a page that selected fullCount. A page past the end has no row to carry it: then count apart. */
export async function totalOf(rows: { fullCount: number }[], offset: number, countApart: () => Promise<number>) {
  if (rows.length) return rows[0].fullCount;
  return offset > 0 ? countApart() : 0;
}
