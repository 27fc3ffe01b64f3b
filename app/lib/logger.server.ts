import pino from "pino";

/**
 * drizzle puts a failed query's parameters (e-mail addresses, names, hashes) into the error message after
 * "params:"; only the SQL text with its placeholders and the driver's error code are logged.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  return {
    type: error.name,
    message: error.message.split("\nparams:")[0],
    code: (error as { code?: unknown }).code ?? cause?.code,
    cause: typeof cause?.message === "string" ? cause.message.split("\nparams:")[0] : undefined,
    stack: error.stack?.split("\n").slice(1, 6).join("\n"),
  };
}

/** Structured logs. Never pass personal data: ids and route names only. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: undefined,
  serializers: { err: serializeError },
  redact: { paths: ["email", "password", "name", "*.email", "*.password", "*.name"], censor: "[redacted]" },
});
