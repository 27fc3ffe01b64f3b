/**
 * Production server: security headers, request ids, origin and body-size checks, static files, then Remix.
 * The app's database handle lives in the Remix build, so this file reaches it only through the build's
 * prepare()/shutdown(); what it imports from app/ and db/ directly holds no state (env, logger, an error test).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
// Not re-exported from the package root; the version is pinned exactly in package.json.
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import express from "express";
import Negotiator from "negotiator";
import { countStatements, isDatabaseUnavailable } from "../db/client.server";
import { env, type Env } from "../app/lib/env.server";
import { loggedPath, logger as log } from "../app/lib/logger.server";
import { runInRequest } from "../app/lib/request-context.server";

const MAX_BODY_BYTES = 1024 * 1024;
// After a 413 the rest of an upload is read and dropped, so the client gets to read the answer; past this, cut off.
const MAX_DISCARD_BYTES = 8 * 1024 * 1024;
/**
 * The same validated settings the app uses (pure functions and a stateless logger; no database state here).
 * A bad environment (demo mode where it is refused, among others) stops the server here, before any database is
 * opened, with one line on stderr: variable names and rules only, never a value such as DATABASE_URL.
 */
function settings(): Env {
  try {
    return env();
  } catch (error) {
    process.stderr.write(`Tillsammans did not start: ${(error as Error).message.replace(/\s+/g, " ")}\n`);
    process.exit(1);
  }
}
const { port, publicUrl, secureCookies: https, trustProxy } = settings();
const statementCountHeader = process.env.STATEMENT_COUNT_HEADER === "1";

type Build = ServerBuild & { entry: { module: { prepare(): Promise<void>; shutdown(): Promise<void> } } };
const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as Build;
try {
  await build.entry.module.prepare();
} catch (error) {
  // A refusal (the database role has rights it must not have) is one line, as a bad environment is.
  if ((error as Error).name !== "StartupRefused") throw error;
  process.stderr.write(`Tillsammans did not start: ${(error as Error).message}\n`);
  process.exit(1);
}

/**
 * A database outage met in any loader or action becomes a 503 (the localized "temporarily unavailable" page)
 * instead of a 500: Remix hides thrown errors before entry.server or the ErrorBoundary see them, but keeps
 * thrown Responses.
 */
function withOutageAnswers(original: ServerBuild): ServerBuild {
  const guard =
    <A extends { context: AppLoadContext }, R>(fn: (args: A) => R) =>
    async (args: A): Promise<Awaited<R>> => {
      try {
        return await fn(args);
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        log.warn({ err: error, requestId: args.context.requestId }, "database unavailable");
        throw new Response(null, { status: 503, statusText: "Service Unavailable" });
      }
    };
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(original.routes)) {
    if (!route) continue;
    const { loader, action } = route.module;
    routes[id] = {
      ...route,
      module: { ...route.module, ...(loader && { loader: guard(loader) }), ...(action && { action: guard(action) }) },
    };
  }
  return { ...original, routes };
}

/** The whole body of a request, or "too-large" as soon as it passes `limit` bytes (the rest is then discarded). */
function readBody(req: express.Request, limit: number): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      done();
      resolve("too-large");
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const onClose = () => {
      done();
      reject(new Error("request closed before its body ended"));
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}

// Small pages for the answers given before Remix runs, in the visitor's language (cookie, then Accept-Language).
type Texts = { title: string; body: string };
const common = (locale: string) =>
  JSON.parse(readFileSync(`locales/${locale}/common.json`, "utf8")).errors as Record<string, Texts> & {
    backHome: string;
  };
const errorTexts: Record<"sv" | "en", Record<403 | 413, Texts> & { backHome: string }> = {
  sv: {
    403: {
      title: "Begäran kom från en annan webbplats",
      body: "Av säkerhetsskäl tar Tillsammans bara emot formulär som skickas från portalens egna sidor. Gå tillbaka och försök igen.",
    },
    413: common("sv")["413"],
    backHome: common("sv").backHome,
  },
  en: {
    403: {
      title: "The request came from another site",
      body: "For your security, Tillsammans only accepts forms sent from its own pages. Go back and try again.",
    },
    413: common("en")["413"],
    backHome: common("en").backHome,
  },
};

function localeOf(req: express.Request): "sv" | "en" {
  const cookie = /(?:^|;\s*)lang=(sv|en)(?:;|$)/.exec(req.get("cookie") ?? "")?.[1];
  if (cookie === "sv" || cookie === "en") return cookie;
  const [best] = new Negotiator(req).languages(["sv", "en"]);
  return best === "en" ? "en" : "sv";
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/**
 * Reads and drops what is left of a refused upload: closing the connection while the client still writes would
 * make it fail with EPIPE/ECONNRESET instead of showing the 413. A flood past MAX_DISCARD_BYTES is cut off.
 */
function discardBody(req: express.Request, res: express.Response) {
  const declared = Number(req.get("content-length") ?? 0);
  if (declared > MAX_DISCARD_BYTES) return void res.setHeader("Connection", "close");
  let dropped = 0;
  req.on("data", (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > MAX_DISCARD_BYTES) req.socket.destroy();
  });
  req.resume();
}

function sendErrorPage(req: express.Request, res: express.Response, status: 403 | 413) {
  const locale = localeOf(req);
  const texts = errorTexts[locale];
  const { title, body } = texts[status];
  discardBody(req, res);
  res
    .status(status)
    .type("html")
    .send(
      `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8">` +
        `<meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${escapeHtml(title)} – Tillsammans</title></head><body><main><h1>${escapeHtml(title)}</h1>` +
        `<p>${escapeHtml(body)}</p><p><a href="/">${escapeHtml(texts.backHome)}</a></p></main></body></html>`,
    );
}

let stopping = false;
const app = express();
app.disable("x-powered-by");
// A hop count, not `true`: the client's own X-Forwarded-For entries must not become its address.
if (trustProxy > 0) app.set("trust proxy", trustProxy);

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
      // Radix's scroll lock injects a <style> element carrying this nonce (see entry.client's setNonce).
      `style-src 'self' 'nonce-${nonce}'`,
      // React renders a few style attributes (the QR code, Radix's dialogs).
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
    // Path only: query strings are not logged, and the portal never puts personal data in paths. A balancer's
    // health checks (every second per server) only at debug level, unless they fail.
    const quiet = req.path === "/healthz" && res.statusCode === 200;
    log[quiet ? "debug" : "info"](
      {
        requestId,
        method: req.method,
        path: loggedPath(req.path),
        status: res.statusCode,
        statements: res.locals.statements as number | undefined,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
      },
      "request",
    );
  });
  // Everything the request does from here, the audit trail included, knows its id.
  runInRequest(requestId, next);
});

// While shutting down, tell the load balancer to send no more traffic here.
app.get("/healthz", (_req, res, next) => {
  if (!stopping) return next();
  res.status(503).json({ status: "stopping" });
});

// Hashed file names under /build never change: cache for a year. Everything else is no-store below.
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
// Only names that exist at the top of public/ (read once) go to the file system: a stat that failed on every page
// request was 5 % of the inbox's server time (CPU profile).
const publicEntries = new Set(readdirSync("public").filter((name) => name !== "build"));
const publicFiles = express.static("public", { maxAge: "1h", index: false });
app.use((req, res, next) => (publicEntries.has(req.path.split("/")[1] ?? "") ? publicFiles(req, res, next) : next()));

app.use(async (req, res, next) => {
  res.setHeader("Cache-Control", "no-store");
  if (req.method === "GET" || req.method === "HEAD") return next();
  // Cross-site requests that change state are refused, whatever the cookie's SameSite does.
  const origin = req.get("origin");
  const site = req.get("sec-fetch-site");
  const own = `${req.protocol}://${req.get("host")}`;
  // With Referrer-Policy: no-referrer, browsers send `Origin: null` on their own form posts; the browser-set
  // Sec-Fetch-Site header then says whether the form was ours.
  const sameSiteNull = origin === "null" && site === "same-origin";
  const foreign = !!origin && !sameSiteNull && origin !== own && origin !== new URL(publicUrl).origin;
  if (foreign || (site !== undefined && site !== "same-origin" && site !== "none")) {
    log.warn({ requestId: res.locals.requestId, path: loggedPath(req.path) }, "cross-origin request refused");
    sendErrorPage(req, res, 403);
    return;
  }
  if (origin) {
    // Verified above as ours (this address, PUBLIC_URL, or our own form's "null"). Remix checks again against the
    // Host it was sent, which a proxy in front may have rewritten (nginx's default): it failed such a form with a
    // 500. Hand it the host it compares with.
    const host = req.get("x-forwarded-host")?.split(",")[0]?.trim() || req.get("host");
    req.headers.origin = `${req.protocol}://${host}`;
  }
  // A declared length over the limit is refused unread; a chunked body is counted as it arrives.
  if (Number(req.get("content-length") ?? 0) > MAX_BODY_BYTES) return sendErrorPage(req, res, 413);
  try {
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === "too-large") return sendErrorPage(req, res, 413);
    res.locals.body = body;
  } catch {
    // The client went away mid-upload: nobody is left to answer.
    return;
  }
  next();
});

const handleRemixRequest = createRequestHandler(
  withOutageAnswers(build),
  process.env.NODE_ENV === "development" ? "development" : "production",
);

// @remix-run/express's handler, except that the body is the one read (and size-checked) above.
app.all("*", async (req, res, next) => {
  try {
    let request = createRemixRequest(req, res);
    const body = res.locals.body as Buffer | undefined;
    if (body) request = new Request(request, { body, duplex: "half" } as RequestInit);
    const { result: response, statements } = await countStatements(() =>
      handleRemixRequest(request, {
        requestId: res.locals.requestId as string,
        nonce: res.locals.nonce as string,
        clientIp: req.ip ?? "unknown",
      }),
    );
    res.locals.statements = statements;
    // The benchmark reads how many SQL statements a page sent; not shown to anyone otherwise.
    if (statementCountHeader) res.setHeader("X-Statement-Count", String(statements));
    // sendRemixResponse appends headers: a route's own Cache-Control replaces the default instead of doubling it.
    if (response.headers.has("Cache-Control")) res.removeHeader("Cache-Control");
    await sendRemixResponse(res, response);
  } catch (error) {
    next(error);
  }
});

app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
  log.error({ err: error, requestId: res.locals.requestId }, "unhandled error");
  if (res.headersSent) return void res.destroy();
  res.status(500).type("text/plain").send("Internal Server Error / Internt serverfel");
});

const server = app.listen(port, () => log.info({ port }, `Tillsammans listening on http://localhost:${port}`));

async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "shutting down");
  // Whatever happens below, the process ends.
  setTimeout(() => process.exit(1), 10_000).unref();
  // Stop accepting, let requests in flight finish (for a few seconds at most), then close the database.
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
  server.closeAllConnections();
  try {
    await build.entry.module.shutdown();
  } catch (error) {
    log.error({ err: error }, "shutdown failed");
    process.exit(1);
  }
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
