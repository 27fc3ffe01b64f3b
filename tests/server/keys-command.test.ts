/**
 * `npm run keys:reencrypt -- --rotate` as an operator runs it (decision 021): a new data key for every municipality
 * and every identity re-sealed under it, beside nothing else; run again, nothing is left to do. Needs TEST_DATABASE_URL;
 * skipped without one.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "#db/client.server";
import { seedDemo } from "~/demo/seed.server";
import { createTestDatabase, dropTestDatabase } from "../setup/databases";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;

describe.skipIf(!adminUrl)("npm run keys:reencrypt", () => {
  const name = `tillsammans_keys_${Date.now()}_${process.pid}`;
  let appUrl: string;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    ({ appUrl } = await createTestDatabase(adminUrl as string, name));
    handle = openDatabase({ url: appUrl });
    expect(await seedDemo(handle.db)).toBe(true);
  });
  afterAll(async () => {
    await handle?.close();
    await dropTestDatabase(adminUrl as string, name);
  });

  /** The command in a process of its own, with the test run's master key (vitest.config.ts), as a server has it. */
  async function run(...args: string[]) {
    const env = { PATH: process.env.PATH, DATABASE_URL: appUrl, DATA_MASTER_KEY: process.env.DATA_MASTER_KEY };
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/keys.ts", ...args], {
      cwd: ROOT,
      env: { ...env, NODE_ENV: "development", DEMO_MODE: "0", SESSION_SECRET: "s".repeat(40) },
    });
    return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}");
  }

  it("rotates the data keys and re-seals every identity under the new one; a second run has nothing to do", async () => {
    const sql = postgres(appUrl, { max: 1, onnotice: () => {} });
    try {
      const versions = async () =>
        (await sql`select distinct substring(child_name from '^sealed:(\\d+):') as v from reports`).map((r) => r.v);
      expect(await versions()).toEqual(["1"]);
      const first = await run("--rotate");
      expect(first).toMatchObject({ created: 0, rotated: 1, rewrapped: 0 });
      expect(first.resealed).toBeGreaterThanOrEqual(4);
      expect(await versions()).toEqual(["2"]);
      const [{ keys }] = await sql`select count(*)::int as keys from data_keys`;
      expect(keys).toBe(2);
      expect(await run()).toEqual({ created: 0, rotated: 0, rewrapped: 0, resealed: 0 });
    } finally {
      await sql.end();
    }
  });
});
