import pino from "pino";

/** Structured logs. Never pass personal data: ids and route names only. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: undefined,
  redact: { paths: ["email", "password", "name", "*.email", "*.password", "*.name"], censor: "[redacted]" },
});
