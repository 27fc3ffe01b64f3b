/**
 * Demo mode (the public demo password, no second factor, /dev/mail) is refused where real people could be signing
 * in: when PUBLIC_URL is https on another host, or in production on a database on another host. Demo mode counts whether set
 * with DEMO_MODE=1 or implied by the missing DATABASE_URL. The embedded demo stays allowed on http, also with
 * NODE_ENV=production (the e2e server and tests/server run it so), and so does production without demo mode.
 * The server's own one-line refusal and exit code are in tests/server/demo-mode-guard.test.ts.
 */
import { describe, expect, it } from "vitest";
import { parseEnv as parseEnvOf } from "~/lib/env.server";

/** The tables below give plain strings; parseEnv checks them as it checks process.env. */
const parseEnv = (source: Record<string, string>) => parseEnvOf(source as NodeJS.ProcessEnv);

const SECRET = "s".repeat(40);
const DATABASE_URL = "postgres://tillsammans:hemligt-losenord@db.internal:5432/tillsammans";

describe("demo mode guard", () => {
  it.each([
    ["DEMO_MODE=1, a database, production", { DEMO_MODE: "1", DATABASE_URL, NODE_ENV: "production" }],
    [
      "DEMO_MODE=1, a database, production, https",
      { DEMO_MODE: "1", DATABASE_URL, NODE_ENV: "production", PUBLIC_URL: "https://tillsammans.example.se" },
    ],
    [
      "DEMO_MODE=1, a database, production, a session secret",
      { DEMO_MODE: "1", DATABASE_URL, NODE_ENV: "production", SESSION_SECRET: SECRET },
    ],
    ["DEMO_MODE=1, https", { DEMO_MODE: "1", PUBLIC_URL: "https://tillsammans.example.se" }],
    ["implied demo, https", { PUBLIC_URL: "https://tillsammans.example.se" }],
    ["implied demo, https, production", { NODE_ENV: "production", PUBLIC_URL: "https://tillsammans.example.se" }],
    ["DEMO_MODE=1, a database, https", { DEMO_MODE: "1", DATABASE_URL, PUBLIC_URL: "https://demo.example.se" }],
    ["https in capitals", { DEMO_MODE: "1", PUBLIC_URL: "HTTPS://tillsammans.example.se" }],
  ])("refuses %s", (_name, source) => {
    expect(() => parseEnv(source)).toThrow(/DEMO_MODE: demo mode .* is refused/);
  });

  it("never throws a malformed address back with its password in it", () => {
    const malformed = "postgres://tillsammans:hemligt losenord@db internal/x";
    let thrown: unknown;
    try {
      parseEnv({ DEMO_MODE: "1", DATABASE_URL: malformed, NODE_ENV: "production", SESSION_SECRET: SECRET });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(JSON.stringify(thrown)).not.toContain("hemligt");
    expect((thrown as Error).message).not.toContain("hemligt");
  });

  it("names the rule, never the database address or a secret", () => {
    let message = "";
    try {
      parseEnv({ DEMO_MODE: "1", DATABASE_URL, NODE_ENV: "production", SESSION_SECRET: SECRET });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/NODE_ENV=production/);
    expect(message).not.toContain("hemligt");
    expect(message).not.toContain("db.internal");
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain("\n");
  });

  it.each([
    ["the local demo (npm start: nothing set)", {}],
    [
      "the e2e server (production, embedded, DEMO_MODE=1, http)",
      {
        NODE_ENV: "production",
        DEMO_MODE: "1",
        PUBLIC_URL: "http://localhost:3210",
      },
    ],
    ["tests/server's demo (production, embedded, no PUBLIC_URL)", { NODE_ENV: "production", DEMO_MODE: "1" }],
    [
      "tests/server's demo on a local PostgreSQL (production)",
      { NODE_ENV: "production", DEMO_MODE: "1", DATABASE_URL: "postgres://postgres@127.0.0.1:5432/x" },
    ],
    ["a TLS test on this machine", { NODE_ENV: "production", PUBLIC_URL: "https://localhost:8443" }],
    ["demo on a development database", { NODE_ENV: "development", DEMO_MODE: "1", DATABASE_URL }],
    ["demo on a test database", { NODE_ENV: "test", DEMO_MODE: "1", DATABASE_URL }],
  ])("allows %s in demo mode", (_name, source) => {
    expect(parseEnv(source).demoMode).toBe(true);
  });

  it.each([
    [
      "production on a database",
      { NODE_ENV: "production", DATABASE_URL, SESSION_SECRET: SECRET, PUBLIC_URL: "https://tillsammans.example.se" },
    ],
    [
      "production on a database, DEMO_MODE=0",
      {
        NODE_ENV: "production",
        DEMO_MODE: "0",
        DATABASE_URL,
        SESSION_SECRET: SECRET,
        PUBLIC_URL: "https://tillsammans.example.se",
      },
    ],
    [
      "production on the embedded database, DEMO_MODE=0",
      { NODE_ENV: "production", DEMO_MODE: "0", SESSION_SECRET: SECRET, PUBLIC_URL: "https://tillsammans.example.se" },
    ],
  ])("allows %s without demo mode", (_name, settings) => {
    // Outside demo mode a master key for the identities is required too (decision 021).
    const source = { ...settings, DATA_MASTER_KEY: Buffer.alloc(32, 7).toString("base64") };
    const env = parseEnv(source);
    expect(env.demoMode).toBe(false);
    expect(env.secureCookies).toBe(true);
  });
});
