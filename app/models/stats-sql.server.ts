import { sql, type SQL } from "drizzle-orm";

/** `count(*)`, or `count(*) filter (where …)`; postgres-js returns the bigint as text. */
export const countOf = (where?: SQL) =>
  (where ? sql<number>`count(*) filter (where ${where})` : sql<number>`count(*)`).mapWith(Number);
