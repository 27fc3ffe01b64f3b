import { describe, expect, it } from "vitest";
import { parseEnv } from "~/lib/env.server";
import { safeRedirect } from "~/domain/redirect";
import { delayAfter } from "~/lib/throttle.server";
import { codeStep, currentCode, decryptSecret, encryptSecret, newSecret } from "~/lib/totp.server";

describe("safeRedirect", () => {
  it("keeps paths inside the portal and refuses other hosts", () => {
    expect(safeRedirect("/inbox?x=1")).toBe("/inbox?x=1");
    expect(safeRedirect("//evil.example/")).toBe("/");
    expect(safeRedirect("/\\evil.example")).toBe("/");
    expect(safeRedirect("https://evil.example/")).toBe("/");
    expect(safeRedirect(null)).toBe("/");
    // Browsers drop tabs and newlines from URLs: "/\t/evil" would become "//evil".
    expect(safeRedirect("/\t/evil.example")).toBe("/");
    expect(safeRedirect("/\n/evil.example")).toBe("/");
    expect(safeRedirect("/ok/\u0000")).toBe("/");
    // Invalid UTF-8 arrives as U+FFFD, which no Location header can carry.
    expect(safeRedirect("/inbox\uFFFD")).toBe("/");
  });
});

describe("login throttling delays", () => {
  it("start after the free failures and double up to 15 minutes", () => {
    expect(delayAfter(4, 5)).toBe(0);
    expect(delayAfter(5, 5)).toBe(30_000);
    expect(delayAfter(6, 5)).toBe(60_000);
    expect(delayAfter(7, 5)).toBe(120_000);
    expect(delayAfter(30, 5)).toBe(15 * 60_000);
  });
});

describe("TOTP", () => {
  it("accepts the current code and one step of drift, and refuses others", () => {
    const secret = newSecret();
    const now = Date.parse("2026-11-23T12:00:00Z");
    const step = Math.floor(now / 30_000);
    expect(codeStep(secret, currentCode(secret, now), now)).toBe(step);
    expect(codeStep(secret, currentCode(secret, now - 30_000), now)).toBe(step - 1);
    expect(codeStep(secret, currentCode(secret, now - 120_000), now)).toBeNull();
    expect(codeStep(secret, "12345", now)).toBeNull();
  });

  it("stores secrets encrypted and tamper-evident", () => {
    const secret = newSecret();
    const stored = encryptSecret(secret);
    expect(stored).not.toContain(secret);
    expect(decryptSecret(stored)).toBe(secret);
    const [iv, tag, data] = stored.split(".");
    const flipped = data[0] === "A" ? `B${data.slice(1)}` : `A${data.slice(1)}`;
    expect(() => decryptSecret([iv, tag, flipped].join("."))).toThrow();
  });
});

describe("environment", () => {
  it("turns on demo mode without DATABASE_URL and secure cookies only for https", () => {
    const local = parseEnv({ NODE_ENV: "production" });
    expect(local.demoMode).toBe(true);
    expect(local.secureCookies).toBe(false);
    const prod = parseEnv({
      NODE_ENV: "production",
      DATABASE_URL: "postgres://db/x",
      PUBLIC_URL: "https://tillsammans.example.se",
      SESSION_SECRET: "x".repeat(40),
      DATA_MASTER_KEY: Buffer.alloc(32, 7).toString("base64"),
    });
    expect(prod.demoMode).toBe(false);
    expect(prod.secureCookies).toBe(true);
  });

  it("refuses a real database without a session secret, and production without https", () => {
    expect(() => parseEnv({ NODE_ENV: "development", DATABASE_URL: "postgres://db/x" })).toThrow(/SESSION_SECRET/);
    expect(() =>
      parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/x", SESSION_SECRET: "x".repeat(40) }),
    ).toThrow(/PUBLIC_URL/);
    // A read replica or statement timeout only beside a primary, a timeout as a whole number of milliseconds.
    expect(() => parseEnv({ NODE_ENV: "development", DATABASE_READ_URL: "postgres://replica/x" })).toThrow(
      /DATABASE_READ_URL: needs DATABASE_URL/,
    );
    expect(() => parseEnv({ NODE_ENV: "development", DATABASE_STATEMENT_TIMEOUT_MS: "5 s" })).toThrow(
      /DATABASE_STATEMENT_TIMEOUT_MS/,
    );
    // Demo mode on a real database in production is refused (issue 22, tests/unit/demo-mode-guard.test.ts).
    expect(() => parseEnv({ DEMO_MODE: "1", NODE_ENV: "production", DATABASE_URL: "postgres://db/x" })).toThrow(
      /DEMO_MODE/,
    );
  });
});
