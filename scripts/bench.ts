/**
 * `npm run bench`: the benchmark of docs/PERFORMANCE.md (issue 9).
 *
 * Builds the production server, starts it against a dataset, signs in as the demo roles and loads each key page
 * with autocannon at 1, 10 and 50 connections, beside a bare page (/bench/bare: the layout for a signed-in user and
 * no data query). Prints requests/s, p50/p95/p99, each page's requests/s as a share of the bare page's, the SQL
 * statements a request sends, the JavaScript a page ships, and whether the targets are met.
 * Then (issue 24, item 2) loads the inbox, a report and the report form in Debian's chromium with the CPU slowed
 * four times (DevTools' CPU throttling), and prints Largest Contentful Paint and, on the form, the time from a
 * keypress to the next paint (scripts/bench/browser.ts).
 *
 *   npx tsx scripts/bench.ts [--database-url URL | --data-dir DIR] [--duration 10] [--warmup 2] [--rounds 1]
 *     [--connections 1,10,50] [--skip-build] [--markdown FILE] [--label "PostgreSQL · city"] [--stats-year 2025]
 *     [--pages "stats,inbox"] [--no-browser] [--browser-runs 3] [--servers 2]
 *
 * --database-url: a PostgreSQL database holding the demo municipality (scripts/bench-seed.ts, or
 *   `DATABASE_URL=… npx tsx scripts/seed.ts --demo`). --data-dir: a DATA_DIR whose pglite/ folder holds one.
 * Neither: a throwaway PGlite demo database, seeded by the server itself in demo mode and removed afterwards.
 * --pages: only the pages whose names contain one of these words, beside the bare page (their yardstick); the
 *   browser's pages ("reception inbox", "report", "report form") are chosen by the same words.
 * --servers N: N server processes behind HAProxy (scripts/cluster/balancer.ts), loaded through it; PostgreSQL only.
 * --no-browser: no browser measurements. --browser-runs: loads of each page in the browser, each in a fresh
 *   context (a cold cache); the figures are the medians of the loads'.
 *
 * The loaders write audit rows, so every run adds some to the dataset.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import type { Role } from "../db/schema";
import { KEY_DELAY_MS, measureInBrowser, TYPED, type BrowserResult } from "./bench/browser";
import { haproxyAvailable, startBalancer } from "./cluster/balancer";
import { freePort } from "./free-port";
import { declaredNamespaces } from "./route-namespaces";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
// Taken by everyone who builds in this checkout, so that two builds never write build/ and public/build/ at once.
const BUILD_LOCK = "/tmp/tillsammans-build.lock";
const KB = 1000;
/**
 * The demo accounts of app/demo/seed.server.ts (`demoAccounts`, `DEMO_PASSWORD`), written out: importing that module loads the
 * app's models, and rrule's CommonJS with them, which a plain ESM script cannot.
 */
const DEMO_PASSWORD = "demo-tillsammans-2026";
const ACCOUNTS: Partial<Record<Role, string>> = {
  staff: "larare@exempelstad.example",
  reception_worker: "mottagning@exempelstad.example",
  steering: "styrgrupp@exempelstad.example",
};

// ---------------------------------------------------------------------------------------------------------------
// Options

const { values: args } = parseArgs({
  options: {
    "database-url": { type: "string" },
    "data-dir": { type: "string" },
    duration: { type: "string", default: "10" },
    rounds: { type: "string", default: "1" },
    warmup: { type: "string", default: "2" },
    connections: { type: "string", default: "1,10,50" },
    "skip-build": { type: "boolean", default: false },
    markdown: { type: "string" },
    label: { type: "string" },
    "stats-year": { type: "string", default: "2025" },
    pages: { type: "string" },
    "no-browser": { type: "boolean", default: false },
    "browser-runs": { type: "string", default: "3" },
    servers: { type: "string", default: "1" },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (args.help) {
  console.log(
    readFileSync(fileURLToPath(import.meta.url), "utf8")
      .split("*/")[0]
      .replace(/^\/\*\*\n| \* ?/gm, "")
      .trimEnd(),
  );
  process.exit(0);
}

function positive(name: string, value: string, integer = false) {
  const n = Number(value);
  if (!(n > 0) || (integer && !Number.isInteger(n)))
    usage(`--${name} must be a positive ${integer ? "whole " : ""}number`);
  return n;
}
function usage(message: string): never {
  console.error(`bench: ${message} (see --help)`);
  process.exit(2);
}

const duration = positive("duration", args.duration);
const warmup = Number(args.warmup);
const rounds = positive("rounds", args.rounds, true);
const browserRuns = positive("browser-runs", args["browser-runs"], true);
const serverCount = positive("servers", args.servers, true);
if (serverCount > 1 && !args["database-url"]) usage("--servers needs --database-url: PGlite lives inside one process");
if (serverCount > 1 && !haproxyAvailable()) usage("--servers needs Debian's haproxy (apt-get install haproxy)");
if (!(warmup >= 0)) usage("--warmup must be 0 or more seconds");
const connectionCounts = [...new Set(args.connections.split(",").map((c) => positive("connections", c.trim(), true)))];
if (args["database-url"] && args["data-dir"]) usage("give --database-url or --data-dir, not both");
if (!/^\d{4}$/.test(args["stats-year"])) usage("--stats-year must be a year");

// ---------------------------------------------------------------------------------------------------------------
// Pages and targets

interface Limits {
  /** Lowest requests/s at 10 connections, as a share of the bare page's. */
  shareAt10: number;
  /** Highest p95 at 1 connection, in ms. */
  p95At1: number;
}
const KEY_PAGE: Limits = { shareAt10: 0.6, p95At1: 30 };
const STATS_PAGE: Limits = { shareAt10: 0.25, p95At1: 200 };
const MAX_STATEMENTS = 5;
const MAX_JS_GZIP = 150 * KB;
const CPU_SLOWDOWN = 4;
const MAX_LCP_MS = 1500;
const MAX_INPUT_TO_PAINT_MS = 100;

interface PageSpec {
  name: string;
  role: Role;
  /** The Remix route the URL renders (for the JavaScript it ships). */
  route: string;
  /** Finds the URL, given a way to fetch another page as this role. */
  url(get: (path: string) => Promise<string>): Promise<string>;
  /** null: the bare page, the yardstick; "none": measured and reported, no target. */
  limits: Limits | null | "none";
}

/** The first link in `path`'s HTML that `pattern` matches (its first group). */
async function firstLink(get: (path: string) => Promise<string>, path: string, pattern: RegExp, what: string) {
  const found = pattern.exec(await get(path))?.[1];
  if (!found) throw new Error(`no ${what} on ${path} to benchmark: is the dataset empty?`);
  return found;
}

function nextMonth() {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
}

const PAGES: PageSpec[] = [
  { name: "bare", role: "staff", route: "routes/bench.bare", url: async () => "/bench/bare", limits: null },
  // Lists at the default 25 rows (issue 24's product decision), the address naming it so that a run of the larger
  // sizes below, which the server remembers for the user, does not change it.
  {
    name: "reception inbox",
    role: "reception_worker",
    route: "routes/reports._index",
    url: async () => "/reports?rows=25",
    limits: KEY_PAGE,
  },
  {
    name: "report",
    role: "reception_worker",
    route: "routes/reports.$reportId",
    url: (get) => firstLink(get, "/reports", /href="(\/reports\/[0-9a-f-]{36})"/, "report link"),
    limits: KEY_PAGE,
  },
  {
    name: "advice list, filtered",
    role: "reception_worker",
    route: "routes/advice._index",
    url: async () => "/advice?unitKind=school&rows=25",
    limits: KEY_PAGE,
  },
  ...([50, 100] as const).flatMap((rows): PageSpec[] => [
    {
      name: `reception inbox, ${rows} rows`,
      role: "reception_worker",
      route: "routes/reports._index",
      url: async () => `/reports?rows=${rows}`,
      limits: "none",
    },
    {
      name: `advice list, ${rows} rows`,
      role: "reception_worker",
      route: "routes/advice._index",
      url: async () => `/advice?unitKind=school&rows=${rows}`,
      limits: "none",
    },
  ]),
  {
    // Trainings are planned ahead: next month is the one people look at (and the demo's trainings start then).
    name: "training month",
    role: "staff",
    route: "routes/trainings._index",
    url: async () => `/trainings?view=month&month=${nextMonth()}`,
    limits: KEY_PAGE,
  },
  {
    name: "stats, year",
    role: "steering",
    route: "routes/stats._index",
    url: async () => `/stats?period=year&year=${args["stats-year"]}`,
    limits: STATS_PAGE,
  },
  {
    name: "guidance article",
    role: "staff",
    route: "routes/guidance.$slug",
    url: (get) =>
      firstLink(
        get,
        "/guidance",
        /href="(\/guidance\/(?!should-i-report"|agreement"|manage[/"])[a-z0-9-]+)"/,
        "guidance article link",
      ),
    limits: KEY_PAGE,
  },
];

interface BrowserSpec {
  name: string;
  role: Role;
  url(get: (path: string) => Promise<string>): Promise<string>;
  /** The field typed into (a CSS selector): the keypress-to-paint measurement. */
  typeInto?: string;
}

const pageNamed = (name: string) => PAGES.find((p) => p.name === name)!;
const BROWSER_PAGES: BrowserSpec[] = [
  pageNamed("reception inbox"),
  pageNamed("report"),
  {
    name: "report form",
    role: "staff",
    // A new draft's own address (a plain /reports/new is sent on to one). Nothing is saved: autosave waits for 4 s
    // without typing, and the browser is gone before then.
    url: async () => `/reports/new?draft=${randomUUID()}`,
    typeInto: 'textarea[name="observations"]',
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Clean-up, also on Ctrl-C

const cleanups: (() => Promise<void> | void)[] = [];
let cleaning: Promise<void> | undefined;
/** Runs once, whoever asks first (the end of the run, or a signal: Ctrl-C may come twice, via tsx and directly). */
function cleanUp() {
  cleaning ??= (async () => {
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch (error) {
        console.error("bench: clean-up failed:", error);
      }
    }
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\nbench: ${signal}, stopping`);
    void cleanUp().finally(() => process.exit(130));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function exited(child: ChildProcess) {
  return child.exitCode !== null || child.signalCode !== null;
}

async function waitForExit(child: ChildProcess, ms: number) {
  if (exited(child)) return true;
  return Promise.race([once(child, "exit").then(() => true), sleep(ms).then(() => false)]);
}

// ---------------------------------------------------------------------------------------------------------------
// Build lock, server

/**
 * Takes the build lock shared with the other people building in this checkout (and builds, unless told not to),
 * and holds it until the returned function is called: the server must load, and the JavaScript be measured from,
 * the same build.
 */
async function holdBuildLock(build: boolean): Promise<() => Promise<void>> {
  const script = `${build ? "npx remix build >&2 || exit 1; " : ""}echo locked; read _`;
  if (build) console.error("bench: building (npx remix build, under the shared build lock)…");
  const holder = spawn("flock", [BUILD_LOCK, "sh", "-c", script], { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] });
  const release = async () => {
    holder.stdin?.end();
    if (!(await waitForExit(holder, 5_000))) holder.kill("SIGKILL");
  };
  cleanups.push(release);
  await new Promise<void>((resolve, reject) => {
    let out = "";
    holder.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("locked")) resolve();
    });
    holder.on("error", reject);
    holder.on("exit", (code) =>
      reject(new Error(build ? `the build failed (exit ${code})` : `flock ended early (exit ${code})`)),
    );
  });
  return release;
}

interface Server {
  base: string;
  /** What the server logged (LOG_LEVEL=warn: warnings and errors only), the first lines of it. */
  logged: string[];
  loggedCount: () => number;
}

async function startServer(database: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Only what is set here: no database, public address or mail server from the caller's shell.
  const inherited = [
    "DATABASE_URL",
    "DATABASE_READ_URL",
    "MIGRATION_DATABASE_URL",
    "DATA_DIR",
    "PUBLIC_URL",
    "TRUST_PROXY",
    "SMTP_URL",
  ];
  for (const name of [...inherited, "SESSION_SECRET_PREVIOUS"]) delete env[name];
  Object.assign(env, {
    NODE_ENV: "production",
    PORT: String(port),
    LOG_LEVEL: "warn",
    STATEMENT_COUNT_HEADER: "1",
    DEMO_MODE: "1",
    ...database,
  });
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logged: string[] = [];
  let count = 0;
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (!line.trim()) continue;
      count += 1;
      if (logged.length < 20) logged.push(line.length > 400 ? `${line.slice(0, 400)}…` : line);
    }
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  cleanups.push(async () => {
    if (exited(child)) return;
    child.kill("SIGTERM");
    if (!(await waitForExit(child, 15_000))) child.kill("SIGKILL");
  });

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited(child))
      throw new Error(
        `the server stopped while starting (exit ${child.exitCode ?? child.signalCode}):\n${logged.join("\n")}`,
      );
    if (Date.now() > deadline)
      throw new Error(`the server did not answer /healthz within 3 minutes:\n${logged.join("\n")}`);
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { base, logged, loggedCount: () => count };
    await sleep(250);
  }
}

/** One server, or `serverCount` behind HAProxy, as one: the balancer's address and every server's log. */
async function startServers(database: Record<string, string>): Promise<Server> {
  if (serverCount === 1) return startServer(database);
  const servers = await Promise.all(Array.from({ length: serverCount }, () => startServer(database)));
  const balancer = await startBalancer({
    port: await freePort(),
    backends: servers.map((s) => Number(new URL(s.base).port)),
  });
  cleanups.push(() => balancer.stop());
  return {
    base: balancer.url,
    logged: servers.flatMap((s) => s.logged),
    loggedCount: () => servers.reduce((n, s) => n + s.loggedCount(), 0),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Signing in, single requests

const SEED_HINT =
  "Does the database hold the demo municipality? Build a dataset with scripts/bench-seed.ts, or for PostgreSQL " +
  "seed the demo with `DATABASE_URL=… npx tsx scripts/seed.ts --demo`.";

async function signIn(base: string, role: Role): Promise<string> {
  const email = ACCOUNTS[role];
  if (!email) throw new Error(`no demo account is listed for the role ${role}`);
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    // The server refuses cross-site posts: say the form came from its own page.
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, redirectTo: "/" }),
  });
  await res.arrayBuffer();
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .filter((c) => !c.endsWith("="))
    .join("; ");
  const to = res.headers.get("location") ?? "";
  if (res.status < 300 || res.status >= 400 || !cookie) {
    throw new Error(`signing in as ${email} failed (HTTP ${res.status}). ${SEED_HINT}`);
  }
  if (to.startsWith("/login"))
    throw new Error(`signing in as ${email} asks for a second factor (${to}): is DEMO_MODE off?`);
  return cookie;
}

interface Fetched {
  status: number;
  html: string;
  statements: number;
}

async function fetchPage(base: string, pathname: string, cookie: string): Promise<Fetched> {
  const res = await fetch(base + pathname, { redirect: "manual", headers: { cookie, accept: "text/html" } });
  const html = await res.text();
  const header = res.headers.get("x-statement-count");
  if (res.status !== 200) {
    throw new Error(
      `GET ${pathname} answered ${res.status}${res.headers.get("location") ? ` → ${res.headers.get("location")}` : ""}, not 200`,
    );
  }
  if (header === null)
    throw new Error(
      `GET ${pathname} has no X-Statement-Count header: does scripts/server.ts honour STATEMENT_COUNT_HEADER?`,
    );
  return { status: res.status, html, statements: Number(header) };
}

// ---------------------------------------------------------------------------------------------------------------
// Load

interface Measurement {
  rps: number;
  requests: number;
  /** Requests that got no answer in autocannon's 10 s, or whose connection failed: queueing under load, reported. */
  unanswered: number;
  p50: number;
  p95: number;
  p99: number;
}

/** The middle value (the mean of the two middle ones for an even count). */
function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Rounds of one page as one measurement: each figure the median of the rounds', the counts summed. */
function medianOf(runs: Measurement[]): Measurement {
  if (runs.length === 1) return runs[0];
  return {
    rps: median(runs.map((r) => r.rps)),
    requests: runs.reduce((sum, r) => sum + r.requests, 0),
    unanswered: runs.reduce((sum, r) => sum + r.unanswered, 0),
    p50: median(runs.map((r) => r.p50)),
    p95: median(runs.map((r) => r.p95)),
    p99: median(runs.map((r) => r.p99)),
  };
}

/** The value below which `p` % of the sorted values lie (nearest rank). */
function percentile(sorted: Float64Array, p: number) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function load(url: string, cookie: string, connections: number, seconds: number): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    // autocannon's own histogram has p90 and p97.5 but no p95: every latency is kept here instead.
    const latencies: number[] = [];
    const instance = autocannon(
      { url, connections, duration: seconds, headers: { cookie, accept: "text/html" } },
      (error, result) => {
        if (error) return reject(error);
        // A wrong answer is the app's fault and stops the run; a request still queued after 10 s is a measurement.
        if (result.non2xx > 0) {
          const codes = JSON.stringify((result as unknown as { statusCodeStats?: unknown }).statusCodeStats ?? {});
          return reject(
            new Error(`${url} at ${connections} connections: ${result.non2xx} non-2xx answers (status codes ${codes})`),
          );
        }
        const sorted = Float64Array.from(latencies).sort();
        resolve({
          rps: result.requests.total / result.duration,
          requests: result.requests.total,
          unanswered: result.errors + result.timeouts,
          p50: percentile(sorted, 50),
          p95: percentile(sorted, 95),
          p99: percentile(sorted, 99),
        });
      },
    );
    instance.on("response", (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// JavaScript per page

interface RemixManifest {
  entry: { module: string; imports?: string[] };
  routes: Record<string, { id: string; parentId?: string; module: string; imports?: string[] }>;
}

interface Shipped {
  files: number;
  bytes: number;
  gzip: number;
  /** Scripts the page's HTML names that the manifest does not account for (should be none). */
  unexpected: string[];
}

/** Reads the manifest of the build the server loaded; call while holding the build lock. */
function readManifest(): { url: string; manifest: RemixManifest } {
  const server = readFileSync(path.join(ROOT, "build/index.js"), "utf8");
  const url = /\/build\/manifest-[A-Za-z0-9]+\.js/.exec(server)?.[0];
  if (!url) throw new Error("build/index.js names no /build/manifest-….js: is this a classic Remix build?");
  const text = readFileSync(path.join(ROOT, "public", url), "utf8");
  const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as RemixManifest;
  return { url, manifest };
}

const fileSizes = new Map<string, { bytes: number; gzip: number }>();
function sizeOf(url: string) {
  let size = fileSizes.get(url);
  if (!size) {
    const content = readFileSync(path.join(ROOT, "public", url));
    size = { bytes: content.length, gzip: gzipSync(content).length };
    fileSizes.set(url, size);
  }
  return size;
}

/**
 * The Swedish text chunks a page fetches before it hydrates (app/lib/locales/lazy.ts): "common" and the namespaces the
 * route's handle names, read from the route's source; the chunk of each namespace from the built map of loaders.
 */
function textChunks(files: Set<string>, route: string) {
  const map = new Map<string, string>();
  for (const f of files) {
    for (const [, ns, url] of readFileSync(path.join(ROOT, "public", f), "utf8").matchAll(
      /(\w+):\(\)=>import\("(\/build\/[^"]+)"\)/g,
    )) {
      if (!map.has(ns)) map.set(ns, url); // Swedish comes first in the map
    }
  }
  if (!map.size) return [];
  const source = ["tsx", "ts"].map((ext) => path.join(ROOT, "app", `${route}.${ext}`)).find(existsSync);
  const namespaces = ["common", ...(source ? declaredNamespaces(source) : [])];
  return namespaces.map((ns) => {
    const url = map.get(ns);
    if (!url) throw new Error(`no text chunk for ${ns} in the build`);
    return url;
  });
}

/**
 * The scripts a page of `route` loads: the manifest itself, the entry module and its imports, the module and
 * imports of each route from the root down to this one, and the page's text chunks. Each file is compressed on its
 * own, as it is served.
 */
function shippedJs(manifestUrl: string, manifest: RemixManifest, route: string, html: string): Shipped {
  const files = new Set<string>([manifestUrl, manifest.entry.module, ...(manifest.entry.imports ?? [])]);
  for (let id: string | undefined = route; id; id = manifest.routes[id]?.parentId) {
    const r = manifest.routes[id];
    if (!r) throw new Error(`the manifest has no route ${id}`);
    files.add(r.module);
    for (const f of r.imports ?? []) files.add(f);
  }
  for (const f of textChunks(files, route)) files.add(f);
  const named = new Set(html.match(/\/build\/[^"'\s)]+\.js/g) ?? []);
  const unexpected = [...named].filter((f) => !files.has(f));
  for (const f of unexpected) files.add(f);
  let bytes = 0;
  let gzip = 0;
  for (const f of files) {
    const size = sizeOf(f);
    bytes += size.bytes;
    gzip += size.gzip;
  }
  return { files: files.size, bytes, gzip, unexpected };
}

// ---------------------------------------------------------------------------------------------------------------
// Output

function textTable(head: string[], rows: string[][], right: boolean[]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function markdownTable(head: string[], rows: string[][], right: boolean[]) {
  const cell = (c: string) => c.replace(/\|/g, "\\|");
  return [
    `| ${head.map(cell).join(" | ")} |`,
    `|${right.map((r) => (r ? " ---: " : " --- ")).join("|")}|`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ].join("\n");
}

// NaN: no request completed within the measurement (its latencies are unknown, and its targets count as missed).
const ms = (v: number) => (Number.isNaN(v) ? "—" : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const rps = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
const pct = (v: number) => `${Math.round(v * 100)} %`;
// One decimal, so that a share just under a limit never reads as the limit itself.
const share = (v: number) => (Number.isNaN(v) ? "—" : `${(v * 100).toFixed(1)} %`);
const kb = (v: number) => (v / KB).toFixed(1);
const verdict = (ok: boolean) => (ok ? "pass" : "FAIL");

function git(...argv: string[]) {
  try {
    return execFileSync("git", argv, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The run

interface PageResult {
  spec: PageSpec;
  path: string;
  cookie: string;
  statements: number;
  coldStatements: number;
  htmlBytes: number;
  js: Shipped;
  /** Per connection count, one measurement per round. */
  runs: Map<number, Measurement[]>;
}

async function main() {
  // Where the data is.
  let database: Record<string, string>;
  let label: string;
  const url = args["database-url"];
  if (url) {
    database = { DATABASE_URL: url };
    label = `PostgreSQL · ${new URL(url).pathname.slice(1) || "postgres"}`;
  } else if (args["data-dir"]) {
    let dir = path.resolve(args["data-dir"]);
    // The PGlite folder itself may be named: DATA_DIR is the folder above it.
    if (!existsSync(path.join(dir, "pglite")) && path.basename(dir) === "pglite") dir = path.dirname(dir);
    if (!existsSync(path.join(dir, "pglite", "PG_VERSION"))) usage(`no PGlite database in ${path.join(dir, "pglite")}`);
    database = { DATA_DIR: dir };
    label = `PGlite · ${path.relative(ROOT, dir) || dir}`;
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), "tillsammans-bench-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    database = { DATA_DIR: dir };
    label = "PGlite · demo data (throwaway)";
  }
  label = args.label ?? label;

  const started = new Date();
  const loadBefore = os.loadavg()[0];
  const release = await holdBuildLock(!args["skip-build"]);
  console.error(
    `bench: starting ${serverCount > 1 ? `${serverCount} servers behind HAProxy` : "the server"} (${label})…`,
  );
  const server = await startServers(database);
  const { url: manifestUrl, manifest } = readManifest();
  // The JavaScript files are measured now, before anyone may rebuild; each page's HTML is checked against them below.
  const manifestFiles = [manifestUrl, manifest.entry.module, ...(manifest.entry.imports ?? [])];
  for (const r of Object.values(manifest.routes)) manifestFiles.push(r.module, ...(r.imports ?? []));
  for (const f of manifestFiles) sizeOf(f);
  await release();

  // One session per role, reused for every request.
  const cookies = new Map<Role, string>();
  for (const role of new Set(PAGES.map((p) => p.role))) cookies.set(role, await signIn(server.base, role));

  // Each page answers 200 with its statement count; its URL found where it depends on the data.
  const pages: PageResult[] = [];
  const wanted = args.pages?.split(",").map((word) => word.trim());
  for (const spec of PAGES.filter((p) => p.limits === null || !wanted || wanted.some((w) => p.name.includes(w)))) {
    const cookie = cookies.get(spec.role)!;
    const get = async (p: string) => (await fetchPage(server.base, p, cookie)).html;
    const pathname = await spec.url(get);
    const first = await fetchPage(server.base, pathname, cookie);
    pages.push({
      spec,
      path: pathname,
      cookie,
      coldStatements: first.statements,
      statements: first.statements,
      htmlBytes: Buffer.byteLength(first.html),
      js: shippedJs(manifestUrl, manifest, spec.route, first.html),
      runs: new Map(),
    });
    console.error(`bench: ${spec.name}: ${pathname} as ${spec.role}: 200, ${first.statements} statements`);
  }

  if (warmup > 0) {
    console.error(`bench: warming up, ${warmup} s per page…`);
    for (const page of pages)
      await load(server.base + page.path, page.cookie, Math.min(10, Math.max(...connectionCounts)), warmup);
  }
  // The steady-state count, after caches have filled: the second of two requests, as a list's first request after
  // another size was loaded keeps the new size for the user (one statement more, once).
  for (const page of pages) {
    await fetchPage(server.base, page.path, page.cookie);
    page.statements = (await fetchPage(server.base, page.path, page.cookie)).statements;
  }

  // Connection count by connection count and round by round, so that a disturbance on the machine hits a page and
  // its yardstick alike: each round measures the bare page and then every page.
  const total = connectionCounts.length * pages.length * rounds;
  let done = 0;
  for (const connections of connectionCounts) {
    for (let round = 1; round <= rounds; round++) {
      for (const page of pages) {
        done += 1;
        process.stderr.write(
          `bench: [${done}/${total}] ${page.spec.name} at ${connections} connection${connections === 1 ? "" : "s"}` +
            `${rounds > 1 ? `, round ${round}` : ""}… `,
        );
        const m = await load(server.base + page.path, page.cookie, connections, duration);
        page.runs.set(connections, [...(page.runs.get(connections) ?? []), m]);
        process.stderr.write(`${rps(m.rps)} req/s, p95 ${ms(m.p95)} ms\n`);
        await sleep(500);
      }
    }
  }

  // After the load, not beside it: chromium and the server would slow each other down.
  const browserPages = args["no-browser"]
    ? []
    : BROWSER_PAGES.filter((p) => !wanted || wanted.some((w) => p.name.includes(w)));
  let browser: { version: string; results: BrowserResult[] } | undefined;
  let browserError: string | undefined;
  if (browserPages.length) {
    console.error(`bench: in chromium, CPU slowed ${CPU_SLOWDOWN}×, ${browserRuns} load(s) per page…`);
    try {
      const specs = [];
      for (const spec of browserPages) {
        const cookie = cookies.get(spec.role)!;
        const pathname = await spec.url(async (p) => (await fetchPage(server.base, p, cookie)).html);
        specs.push({ name: spec.name, path: pathname, cookie, typeInto: spec.typeInto });
      }
      browser = await measureInBrowser(server.base, specs, {
        runs: browserRuns,
        cpuSlowdown: CPU_SLOWDOWN,
        log: (line) => console.error(`bench: ${line}`),
      });
    } catch (error) {
      browserError = error instanceof Error ? error.message.split("\n")[0] : String(error);
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Report

  const bare = pages.find((p) => p.spec.limits === null)!;
  const failures: string[] = [];
  let checks = 0;
  const check = (ok: boolean, what: string) => {
    checks += 1;
    if (!ok) failures.push(what);
    return verdict(ok);
  };

  const loadHead = ["Page", "Conn.", "Req/s", "p50 ms", "p95 ms", "p99 ms", "Unanswered", "vs bare", "Target"];
  const loadRight = [false, true, true, true, true, true, true, true, false];
  const loadRows: string[][] = [];
  for (const page of pages) {
    for (const connections of connectionCounts) {
      const runs = page.runs.get(connections)!;
      const bareRuns = bare.runs.get(connections)!;
      const m = medianOf(runs);
      // Each round's share of that round's bare page, the median of them: a slower minute touches both alike.
      const ratio = median(runs.map((run, i) => (bareRuns[i].rps > 0 ? run.rps / bareRuns[i].rps : NaN)));
      let target = "";
      const limits = page.spec.limits === "none" ? null : page.spec.limits;
      if (limits && connections === 10) {
        const ok = check(ratio >= limits.shareAt10, `${page.spec.name}: ${share(ratio)} of bare at 10 connections`);
        target = `≥ ${pct(limits.shareAt10)} of bare: ${ok}`;
      } else if (limits && connections === 1) {
        target = `p95 < ${limits.p95At1} ms: ${check(m.p95 < limits.p95At1, `${page.spec.name}: p95 ${ms(m.p95)} ms at 1 connection`)}`;
      }
      loadRows.push([
        page.spec.name,
        String(connections),
        rps(m.rps),
        ms(m.p50),
        ms(m.p95),
        ms(m.p99),
        String(m.unanswered),
        page === bare ? "—" : share(ratio),
        target,
      ]);
    }
  }

  const pageHead = ["Page", "Role", "URL", "SQL/request", "HTML kB", "JS files", "JS kB", "JS gzip kB", "Targets"];
  const pageRight = [false, false, false, true, true, true, true, true, false];
  const targetsOf = (page: (typeof pages)[number]) => {
    const name = page.spec.name;
    const statementsOk = check(page.statements <= MAX_STATEMENTS, `${name}: ${page.statements} SQL statements`);
    const jsOk = check(page.js.gzip <= MAX_JS_GZIP, `${name}: ${kb(page.js.gzip)} kB of JavaScript (gzip)`);
    return `≤ ${MAX_STATEMENTS} statements: ${statementsOk}, ≤ ${MAX_JS_GZIP / KB} kB gzip: ${jsOk}`;
  };
  const pageRows = pages.map((page) => {
    const targets = page === bare ? "" : targetsOf(page);
    const statements =
      page.coldStatements === page.statements
        ? String(page.statements)
        : `${page.statements} (first: ${page.coldStatements})`;
    return [
      page.spec.name,
      page.spec.role,
      page.path,
      statements,
      kb(page.htmlBytes),
      String(page.js.files),
      kb(page.js.bytes),
      kb(page.js.gzip),
      targets,
    ];
  });

  const browserHead = ["Page", "URL", "LCP ms", "Input to paint, median ms", "Input to paint, max ms", "Targets"];
  const browserRight = [false, false, true, true, true, false];
  const browserRows = (browser?.results ?? []).map((r) => {
    const lcp = median(r.lcp);
    const targets = [`LCP ≤ ${MAX_LCP_MS} ms: ${check(lcp <= MAX_LCP_MS, `${r.name}: LCP ${ms(lcp)} ms`)}`];
    let typing = ["", ""];
    if (browserPages.find((p) => p.name === r.name)?.typeInto) {
      // Each the median of the loads': the median key of each load, and the slowest key of each load.
      const mid = median(r.typing.map((t) => median(t.times)));
      const max = median(r.typing.map((t) => Math.max(...t.times)));
      typing = [ms(mid), ms(max)];
      const ok = check(max <= MAX_INPUT_TO_PAINT_MS, `${r.name}: input to paint up to ${ms(max)} ms`);
      targets.push(`input to paint ≤ ${MAX_INPUT_TO_PAINT_MS} ms: ${ok}`);
    }
    return [r.name, r.path, ms(lcp), ...typing, targets.join(", ")];
  });
  if (browserError) check(false, `browser measurements: ${browserError}`);

  const cpus = os.cpus();
  const commit = git("rev-parse", "--short", "HEAD") || "unknown";
  const dirty = git("status", "--porcelain", "--untracked-files=no") ? " + uncommitted changes" : "";
  const facts = [
    ["Dataset", label],
    ...(serverCount > 1
      ? [["Servers", `${serverCount} processes behind HAProxy (round robin), loaded through it`]]
      : []),
    ["Date", started.toISOString().replace(/\.\d+Z$/, "Z")],
    ["Commit", `${commit}${dirty}`],
    [
      "Machine",
      `${cpus[0]?.model.trim() ?? "unknown CPU"} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
        `${os.platform()} ${os.release()}`,
    ],
    ["Node.js", process.version],
    // Everything on the machine shares its cores with the server and autocannon: a busy machine shows here.
    ["Load", `1-minute load average ${loadBefore.toFixed(1)} before the run, ${os.loadavg()[0].toFixed(1)} after`],
    [
      "Method",
      `autocannon in the same process as this runner, ${duration} s per measurement after ${warmup} s warm-up per page; ` +
        (rounds > 1
          ? `${rounds} rounds of every page, each figure the median of the rounds' and each share the median of each ` +
            "round's share of that round's bare page; "
          : "") +
        "latency percentiles over every 2xx response; 1 kB = 1000 bytes, gzip per file at zlib's default level",
    ],
  ];
  if (browser) {
    facts.push([
      "Browser",
      `${browser.version} (Debian's chromium), headless, CPU slowed ${CPU_SLOWDOWN}× (DevTools' CPU throttling), ` +
        `${browserRuns} load(s) per page each in a fresh context (a cold cache), each figure the median of the ` +
        `loads'; input to paint: ${TYPED.length} keys typed ${KEY_DELAY_MS} ms apart, per key the Event Timing ` +
        "API's duration (as INP counts it), or the page's own measurement for a key under the API's 16 ms threshold; " +
        "the median key's and the slowest key's time, the target on the slowest",
    ]);
  }
  const warnings: string[] = [];
  for (const page of pages) {
    for (const [connections, runs] of page.runs) {
      const m = medianOf(runs);
      if (runs.some((run) => run.requests === 0))
        warnings.push(
          `${page.spec.name} at ${connections} connections: no request completed within ${duration} s (raise --duration)`,
        );
      if (m.unanswered > 0)
        warnings.push(
          `${page.spec.name} at ${connections} connections: ${m.unanswered} request(s) unanswered ` +
            `within autocannon's 10 s timeout (counted in "Unanswered")`,
        );
    }
    if (page.js.unexpected.length)
      warnings.push(
        `${page.spec.name}: the HTML names scripts the manifest does not list for it: ${page.js.unexpected.join(", ")}`,
      );
  }
  for (const r of browser?.results ?? []) {
    for (const e of r.errors) warnings.push(`${r.name} in the browser, ${e}`);
  }
  if (browserError) warnings.push(`the browser measurements failed: ${browserError}`);
  if (server.loggedCount() > 0) {
    warnings.push(
      `the server logged ${server.loggedCount()} warning/error line(s); the first:\n    ${server.logged.slice(0, 5).join("\n    ")}`,
    );
  }
  const summary = failures.length
    ? `Targets: ${checks - failures.length} of ${checks} met. Missed:\n${failures.map((f) => `  - ${f}`).join("\n")}`
    : `Targets: all ${checks} met.`;

  console.log(`\nTillsammans benchmark — ${label}\n`);
  for (const [k, v] of facts) console.log(`${`${k}:`.padEnd(9)} ${v}`);
  console.log(`\n${textTable(loadHead, loadRows, loadRight)}\n`);
  console.log(`${textTable(pageHead, pageRows, pageRight)}\n`);
  if (browserRows.length) console.log(`${textTable(browserHead, browserRows, browserRight)}\n`);
  console.log(summary);
  for (const w of warnings) console.log(`Warning: ${w}`);

  if (args.markdown) {
    const md = [
      `### ${label}`,
      "",
      ...facts.map(([k, v]) => `- ${k}: ${v}`),
      "",
      markdownTable(loadHead, loadRows, loadRight),
      "",
      markdownTable(
        pageHead,
        pageRows.map((r) => r.map((c, i) => (i === 2 ? `\`${c}\`` : c))),
        pageRight,
      ),
      "",
      ...(browserRows.length
        ? [
            markdownTable(
              browserHead,
              browserRows.map((r) => r.map((c, i) => (i === 1 ? `\`${c}\`` : c))),
              browserRight,
            ),
            "",
          ]
        : []),
      summary.replace(/^ {2}-/gm, "-"),
      ...warnings.map((w) => `\nWarning: ${w}`),
      "",
    ].join("\n");
    writeFileSync(path.resolve(args.markdown), md);
    console.error(`bench: wrote ${args.markdown}`);
  }
}

try {
  await main();
} catch (error) {
  console.error(`\nbench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
