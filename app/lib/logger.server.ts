import pino from "pino";

type ErrorFields = {
  code?: unknown;
  severity?: unknown;
  table?: unknown;
  table_name?: unknown;
  constraint?: unknown;
  constraint_name?: unknown;
};

/** The errors in a chain of causes, outermost first (drizzle wraps the driver's error). */
function chain(error: Error): (Error & ErrorFields)[] {
  const errors: (Error & ErrorFields)[] = [];
  for (let e: unknown = error; e instanceof Error && errors.length < 5; e = e.cause)
    errors.push(e as Error & ErrorFields);
  return errors;
}

const FAILED_QUERY = /^Failed query: ([\s\S]*?)(?:\nparams:|$)/;

/** "insert into report_drafts": the statement's verb and the tables it names, none of its values. */
export function statementOf(sql: string) {
  const verb =
    /^\s*(select|insert|update|delete|with|lock|create|alter|drop)\b/i.exec(sql)?.[1]?.toLowerCase() ?? "statement";
  // "on conflict … do update set" names no table.
  const tables = [...sql.matchAll(/\b(?:from|into|update(?!\s+set\b)|join)\s+"?([a-z_][a-z0-9_]*)"?/gi)].map(
    (m) => m[1],
  );
  return [verb, ...new Set(tables)].join(" ");
}

/**
 * A message as the log may keep it. Driver and parser messages quote what they choke on ('invalid input syntax for
 * type uuid: "…"', JSON.parse's excerpt): quoted text, e-mail addresses and long digit runs (personal identity
 * numbers, phone numbers) are masked, and only the first line is kept.
 */
export function scrubMessage(message: string) {
  return message
    .split("\n")[0]
    .replace(/"[^"]*"|'[^']*'|«[^»]*»|“[^”]*”/g, "[…]")
    .replace(/[^\s@]+@[^\s@]+/g, "[…]")
    .replace(/\d[\d\s-]{5,}\d/g, "[…]")
    .slice(0, 200);
}

/** A V8 stack frame: "    at fn (file:line:col)", "    at file:line:col", "    at Array.map (<anonymous>)". */
const FRAME = /^ {4}at .*(?::\d+:\d+\)?|\((?:<anonymous>|native|index \d+)\))$/;

/**
 * The stack's frames, at most five. V8 starts the stack with the message, which may run over several lines (drizzle's
 * "params:" line, a text a user typed, one of whose lines may well start with "  at "): what follows the message is
 * read, and of that only lines shaped like frames (a typed line hardly ends in a line and column).
 */
function frames(error: Error) {
  const stack = error.stack ?? "";
  const at = error.message ? stack.indexOf(error.message) : -1;
  return stack
    .slice(at < 0 ? 0 : at + error.message.length)
    .split("\n")
    .filter((line) => FRAME.test(line))
    .slice(0, 5)
    .join("\n");
}

/**
 * What the log keeps of an error: its type, the SQLSTATE or system code, the table and constraint, the statement's
 * verb and tables, and stack frames. Never a statement's parameters (drizzle appends them to its message after
 * "params:", and the stack repeats the message), a row's values (a constraint error's detail) or a form value.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const errors = chain(error);
  const query = errors.map((e) => FAILED_QUERY.exec(e.message)?.[1]).find((sql) => sql !== undefined);
  const field = (pick: (e: Error & ErrorFields) => unknown) =>
    errors.map(pick).find((v) => typeof v === "string") as string | undefined;
  // The driver's own errors (postgres.js, PGlite) carry a severity; one met at COMMIT has no query around it.
  const fromDatabase = query !== undefined || field((e) => e.severity) !== undefined;
  return {
    type: error.name,
    // A database error's message may hold a value, quoted or not (a trigger's RAISE); its code, table and constraint
    // say what went wrong.
    message: fromDatabase ? undefined : scrubMessage(error.message),
    code: field((e) => e.code),
    statement: query === undefined ? undefined : statementOf(query),
    table: field((e) => e.table ?? e.table_name),
    constraint: field((e) => e.constraint ?? e.constraint_name),
    stack: frames(error),
  };
}

/** A path as the log may show it: the one secret in a path, a personal calendar feed's token, is masked. */
export function loggedPath(path: string) {
  return path.replace(/^\/calendar\/[^/]+$/, "/calendar/[token].ics");
}

/** Structured logs. Never pass personal data: ids and route names only. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: undefined,
  serializers: { err: serializeError },
  redact: { paths: ["email", "password", "name", "*.email", "*.password", "*.name"], censor: "[redacted]" },
});
