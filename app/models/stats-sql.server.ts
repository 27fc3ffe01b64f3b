import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";

/** `count(*)`, or `count(*) filter (where …)`; postgres-js returns the bigint as text. */
export const countOf = (where?: SQL) =>
  (where ? sql<number>`count(*) filter (where ${where})` : sql<number>`count(*)`).mapWith(Number);

const dialect = new PgDialect({ casing: "snake_case" });

/**
 * A fragment with no value of a request's own, rendered to text once (its constants written in): the statistics'
 * statement has thousands of pieces, and drizzle would otherwise walk them all on every request.
 */
export const frozen = (fragment: SQL) => sql.raw(render(fragment.inlineParams()).sql);

/** A statement's text and parameters, as drizzle would send them. */
export const render = (statement: SQL) => dialect.sqlToQuery(statement);
