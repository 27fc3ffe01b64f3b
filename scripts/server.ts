/**
 * Production server: security headers, request ids, origin and body-size checks, static files, then Remix.
 * The app's own modules (database, logger) live in the Remix build, so this file reaches them only through it.
 */
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import pino from "pino";

const MAX_BODY_BYTES = 1024 * 1024;
const port = Number(process.env.PORT ?? 3000);
const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
const https = publicUrl.startsWith("https:");
const log = pino({ level: process.env.LOG_LEVEL ?? "info", base: undefined });

type Build = ServerBuild & { entry: { module: { prepare(): Promise<void>; shutdown(): Promise<void> } } };
const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as Build;
await build.entry.module.prepare();

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY === "1") app.set("trust proxy", true);

app.use((req, res, next) => {
  const requestId = randomUUID();
  const nonce = randomBytes(16).toString("base64");
  res.locals.requestId = requestId;
  res.locals.nonce = nonce;
  res.setHeader("X-Request-Id", requestId);
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      // React renders a few style attributes (the QR code, Radix positioning).
      "style-src-attr 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
    ].join("; "),
  );
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (https) res.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    // Path only: query strings are not logged, and the portal never puts personal data in paths.
    log.info(
      {
        requestId,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
      },
      "request",
    );
  });
  next();
});

// Hashed file names under /build never change: cache for a year. Everything else is no-store below.
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h", index: false }));

app.use((req, res, next) => {
  res.setHeader("Cache-Control", "no-store");
  if (req.method === "GET" || req.method === "HEAD") return next();
  // Cross-site requests that change state are refused, whatever the cookie's SameSite does.
  const origin = req.get("origin");
  const site = req.get("sec-fetch-site");
  const own = `${req.protocol}://${req.get("host")}`;
  if ((origin && origin !== own && origin !== new URL(publicUrl).origin) || site === "cross-site") {
    log.warn({ requestId: res.locals.requestId, path: req.path }, "cross-origin request refused");
    res.status(403).type("text/plain").send("Forbidden: cross-origin request / Förbjuden begäran från annan webbplats");
    return;
  }
  const length = Number(req.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) {
    res.status(413).type("text/plain").send("Payload too large / För stor begäran");
    return;
  }
  next();
});

app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV === "development" ? "development" : "production",
    getLoadContext: (req, res) => ({
      requestId: res.locals.requestId as string,
      nonce: res.locals.nonce as string,
      clientIp: req.ip ?? "unknown",
    }),
  }),
);

const server = app.listen(port, () => log.info({ port }, `Tillsammans listening on http://localhost:${port}`));

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "shutting down");
  server.close();
  server.closeIdleConnections();
  await build.entry.module.shutdown();
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
