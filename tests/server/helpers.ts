/**
 * Start the built production server (scripts/server.ts) as a child process and talk to it over HTTP.
 * The tests assume `remix build` has run (`npm test` does it first).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { freePort } from "../../scripts/free-port";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { DEMO_PASSWORD } from "~/demo/accounts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const STARTUP_TIMEOUT_MS = 60_000;

export { DEMO_PASSWORD };

export { freePort };

export interface RunningServer {
  url: string;
  port: number;
  process: ChildProcess;
  /** What the server wrote to stdout and stderr (LOG_LEVEL=warn unless overridden). */
  output(): string;
  /** Sends SIGTERM and waits (at most `timeoutMs`) for the process to exit. */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

/**
 * Starts `scripts/server.ts` on a free port with a fresh DATA_DIR (embedded PGlite, demo seeded), unless `env`
 * says otherwise. A value of undefined in `env` removes the variable from the inherited environment.
 */
export async function startServer(env: Record<string, string | undefined> = {}): Promise<RunningServer> {
  if (!existsSync(path.join(ROOT, "build/index.js"))) {
    throw new Error("build/index.js is missing: run `npx remix build` first (`npm test` does)");
  }
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "tillsammans-server-test-"));
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  // Nothing from the developer's shell or the test runner may point the server elsewhere.
  for (const name of [
    "DATABASE_URL",
    "DATABASE_READ_URL",
    "MIGRATION_DATABASE_URL",
    "PUBLIC_URL",
    "SESSION_SECRET",
    "DATA_MASTER_KEY_PREVIOUS",
    "TRUST_PROXY",
    "DATABASE_POOL_SIZE",
    "DATABASE_STATEMENT_TIMEOUT_MS",
  ]) {
    delete childEnv[name];
  }
  Object.assign(childEnv, {
    PORT: String(port),
    DATA_DIR: dataDir,
    NODE_ENV: "production",
    DEMO_MODE: "1",
    LOG_LEVEL: "warn",
  });
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[name];
    else childEnv[name] = value;
  }

  // One node process (no npx/tsx wrapper in between), so SIGTERM reaches the server itself.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts"], {
    cwd: ROOT,
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const cleanup = () => rmSync(dataDir, { recursive: true, force: true });

  const url = `http://127.0.0.1:${port}`;
  const server: RunningServer = {
    url,
    port,
    process: child,
    output: () => output,
    async stop(timeoutMs = 5_000) {
      const started = Date.now();
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), timeoutMs).unref());
      const result = await Promise.race([exited, timer]);
      if (result === "timeout") {
        child.kill("SIGKILL");
        await exited;
        cleanup();
        throw new Error(`the server did not exit within ${timeoutMs} ms of SIGTERM\n${output}`);
      }
      cleanup();
      return { ...result, ms: Date.now() - started };
    },
  };

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      cleanup();
      throw new Error(`the server exited during startup (${child.exitCode ?? child.signalCode})\n${output}`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) return server;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await server.stop().catch(() => {});
      throw new Error(`the server did not answer /healthz within ${STARTUP_TIMEOUT_MS} ms\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A tiny cookie jar: name → value, updated from Set-Cookie (Max-Age=0 removes). */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  constructor(init: Record<string, string> = {}) {
    for (const [name, value] of Object.entries(init)) this.cookies.set(name, value);
  }

  update(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";").map((s) => s.trim());
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const removed = attributes.some((a) => /^max-age=0$/i.test(a)) || value === "";
      if (removed) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string) {
    return this.cookies.get(name);
  }

  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  clone() {
    return new CookieJar(Object.fromEntries(this.cookies));
  }
}

export interface RequestOptions {
  method?: string;
  jar?: CookieJar;
  headers?: Record<string, string>;
  /** Sent as application/x-www-form-urlencoded, with the server's own Origin as a browser would. */
  form?: Record<string, string>;
  body?: BodyInit;
  signal?: AbortSignal;
}

/** One request, redirects not followed; Set-Cookie goes into the jar. */
export async function request(server: Pick<RunningServer, "url">, pathname: string, options: RequestOptions = {}) {
  const headers = new Headers(options.headers);
  if (options.jar?.cookies.size) headers.set("Cookie", options.jar.header());
  let body = options.body;
  if (options.form) {
    body = new URLSearchParams(options.form).toString();
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    if (!headers.has("Origin")) headers.set("Origin", server.url);
  }
  const init: RequestInit & { duplex?: "half" } = {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
    redirect: "manual",
    signal: options.signal,
  };
  if (body instanceof ReadableStream) init.duplex = "half";
  const response = await fetch(`${server.url}${pathname}`, init);
  options.jar?.update(response);
  return response;
}

export const SESSION_COOKIE = "tillsammans_session";

/** Logs in through the form and returns a jar holding the session cookie. */
export async function login(
  server: Pick<RunningServer, "url">,
  email: string,
  password = DEMO_PASSWORD,
  jar = new CookieJar(),
) {
  const response = await request(server, "/login", { jar, form: { email, password, redirectTo: "/" } });
  expect(response.status, `login of ${email}`).toBe(302);
  await response.body?.cancel();
  const cookieName = [...jar.cookies.keys()].find((n) => n === SESSION_COOKIE || n.startsWith("__Host-"));
  expect(cookieName, "a session cookie after login").toBeTruthy();
  return jar;
}

/** Whether the jar's session is signed in: a page behind login answers 200 instead of redirecting. */
export async function isSignedIn(server: RunningServer, jar: CookieJar) {
  const response = await request(server, "/inbox", { jar });
  await response.body?.cancel();
  return response.status === 200;
}

/** Starts the server with `env`, sees it answer /healthz, stops it; returns what it wrote. */
export async function startsAndServes(env: Record<string, string | undefined>) {
  const server = await startServer(env);
  try {
    const health = await request(server, "/healthz");
    expect(health.status).toBe(200);
    await health.body?.cancel();
  } finally {
    await server.stop();
  }
  return server.output();
}
