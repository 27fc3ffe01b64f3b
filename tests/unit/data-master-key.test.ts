/**
 * The master key that wraps the municipalities' data keys (issue 22, item 9; decision 021): base64 of 32 random bytes,
 * required outside demo mode; demo mode without one gets a fixed demo key; no key ever appears in an error.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEnv as parseEnvOf } from "~/lib/env.server";

const parseEnv = (source: Record<string, string>) => parseEnvOf(source as NodeJS.ProcessEnv);

const production = {
  NODE_ENV: "production",
  DEMO_MODE: "0",
  SESSION_SECRET: "s".repeat(40),
  PUBLIC_URL: "https://tillsammans.example.se",
};
const KEY = randomBytes(32).toString("base64");
const OLD = randomBytes(32).toString("base64");

describe("DATA_MASTER_KEY", () => {
  it("is required outside demo mode", () => {
    expect(() => parseEnv(production)).toThrow(/DATA_MASTER_KEY: required outside demo mode/);
  });

  it("is taken with the previous keys, in order", () => {
    const env = parseEnv({ ...production, DATA_MASTER_KEY: KEY, DATA_MASTER_KEY_PREVIOUS: ` ${OLD}, ` });
    expect(env.dataMasterKey).toBe(KEY);
    expect(env.previousDataMasterKeys).toEqual([OLD]);
  });

  it.each([
    ["too short", randomBytes(16).toString("base64")],
    ["too long", randomBytes(48).toString("base64")],
    ["not base64", `${"ö".repeat(43)}=`],
    ["a passphrase", "correct horse battery staple, a long one at that!"],
  ])("refuses a key that is %s, without showing it", (_name, bad) => {
    for (const source of [
      { ...production, DATA_MASTER_KEY: bad },
      { ...production, DATA_MASTER_KEY: KEY, DATA_MASTER_KEY_PREVIOUS: `${OLD},${bad}` },
    ]) {
      let message = "";
      try {
        parseEnv(source);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/DATA_MASTER_KEY(_PREVIOUS)?: .*32 random bytes/);
      for (const key of [bad, KEY, OLD]) expect(message).not.toContain(key);
    }
  });

  it("in demo mode defaults to a fixed demo key of 32 bytes, and a given key wins", () => {
    const demo = parseEnv({ DEMO_MODE: "1" });
    expect(Buffer.from(demo.dataMasterKey, "base64")).toHaveLength(32);
    expect(parseEnv({ DEMO_MODE: "1" }).dataMasterKey).toBe(demo.dataMasterKey);
    expect(demo.previousDataMasterKeys).toEqual([]);
    expect(parseEnv({ DEMO_MODE: "1", DATA_MASTER_KEY: KEY }).dataMasterKey).toBe(KEY);
  });
});
