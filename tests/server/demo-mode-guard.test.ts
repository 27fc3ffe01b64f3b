/**
 * The production server refuses to start in demo mode where real people could be signing in (PUBLIC_URL https, or
 * NODE_ENV=production on a real database): one line on stderr naming the rule, never the database address or a
 * secret, and a non-zero exit, before it opens any database. The local demo, the e2e server's settings and
 * production without demo mode still start. The rule itself, case by case: tests/unit/demo-mode-guard.test.ts.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startsAndServes } from "./helpers";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SECRET = "hemlig-sessionsnyckel-".repeat(3);
// Nothing listens here: a server that got past the check would fail on it, not exit with the refusal.
const DATABASE_URL = "postgres://tillsammans:hemligt-losenord@db.internal:9/tillsammans";

/** Runs scripts/server.ts with exactly these settings (and PATH; NODE_ENV as unset) and waits for it to exit. */
function runServer(settings: Record<string, string>) {
  const env: NodeJS.ProcessEnv = { NODE_ENV: "development", PATH: process.env.PATH, PORT: "9", LOG_LEVEL: "info" };
  Object.assign(env, settings);
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

describe("demo mode guard at startup", () => {
  it.each([
    ["DEMO_MODE=1 on a database in production", { DEMO_MODE: "1", DATABASE_URL, NODE_ENV: "production" }],
    [
      "DEMO_MODE=1 on a database in production, with a session secret",
      { DEMO_MODE: "1", DATABASE_URL, NODE_ENV: "production", SESSION_SECRET: SECRET },
    ],
    ["the embedded demo behind https", { NODE_ENV: "production", PUBLIC_URL: "https://tillsammans.example.se" }],
    ["DEMO_MODE=1 behind https in development", { DEMO_MODE: "1", PUBLIC_URL: "https://demo.example.se" }],
  ])("refuses %s: one line on stderr, exit 1", async (_name, settings) => {
    const { code, stdout, stderr } = await runServer(settings);
    expect(code).toBe(1);
    const lines = stderr.trim().split("\n");
    expect(lines, stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^Tillsammans did not start: Invalid environment: .*DEMO_MODE: demo mode .* is refused/);
    const everything = stdout + stderr;
    expect(everything).not.toContain("hemligt-losenord");
    expect(everything).not.toContain("db.internal");
    expect(everything).not.toContain(SECRET);
    // It stopped before anything else: no database opened, nothing listening.
    expect(stdout).toBe("");
  });

  it.each([
    [
      "the local demo as `npm start` runs it (no NODE_ENV, no DEMO_MODE)",
      { NODE_ENV: undefined, DEMO_MODE: undefined },
    ],
    ["the e2e server's settings (production, DEMO_MODE=1, http)", { PUBLIC_URL: "http://localhost:3210" }],
    [
      "production without demo mode, behind https",
      {
        DEMO_MODE: "0",
        SESSION_SECRET: SECRET,
        DATA_MASTER_KEY: Buffer.alloc(32, 7).toString("base64"),
        PUBLIC_URL: "https://tillsammans.example.se",
      },
    ],
  ])("starts %s", async (_name, settings) => {
    await startsAndServes(settings);
  });
});
