/**
 * Identities sealed in the application (issue 22, item 9; decision 021): per-municipality data keys wrapped by a
 * master key from the environment, AES-256-GCM with the municipality and column bound in, key rotation, and the keyed
 * hash that links reports by personal identity number.
 */
import { createHash, randomBytes } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "#db/client.server";
import { dataKeys, municipalities } from "#db/schema";
import { resetEnv } from "~/lib/env.server";
import {
  ensureDataKey,
  ensureDataKeys,
  forgetKeys,
  isSealed,
  keyringFor,
  linkHash,
  rewrapDataKeys,
  rotateDataKeys,
} from "~/lib/sealed.server";
import { createMunicipality } from "../factories";
import { ownDatabaseOnPostgres } from "../setup/databases";

/** The file's master key; a rotation test moves to NEXT and back. */
const MASTER = randomBytes(32).toString("base64");
const NEXT = randomBytes(32).toString("base64");
const masterId = (base64: string) =>
  createHash("sha256").update(Buffer.from(base64, "base64")).digest("hex").slice(0, 8);

function useMasterKeys(current: string, previous: string[] = []) {
  process.env.DATA_MASTER_KEY = current;
  if (previous.length) process.env.DATA_MASTER_KEY_PREVIOUS = previous.join(",");
  else delete process.env.DATA_MASTER_KEY_PREVIOUS;
  resetEnv();
  // A new process would start with an empty cache: the unwrapped keys must come from the rows again.
  forgetKeys();
}

/**
 * On PostgreSQL every file shares the run's database, and rotating or re-wrapping touches every municipality's keys:
 * under this file's master key, the other files could no longer unwrap theirs. The file gets a database of its own.
 */
let dropOwnDatabase: (() => Promise<void>) | undefined;
// The run's own key (vitest.config.ts), given back afterwards to the files that run next in this worker.
const runKey = process.env.DATA_MASTER_KEY;
beforeAll(async () => {
  useMasterKeys(MASTER);
  dropOwnDatabase = await ownDatabaseOnPostgres("sealed");
});
afterAll(async () => {
  if (runKey === undefined) delete process.env.DATA_MASTER_KEY;
  else process.env.DATA_MASTER_KEY = runKey;
  delete process.env.DATA_MASTER_KEY_PREVIOUS;
  resetEnv();
  forgetKeys();
  await dropOwnDatabase?.();
});
afterEach(() => {
  vi.restoreAllMocks();
  useMasterKeys(MASTER);
});

/** A municipality as it was before data keys (the factory's createMunicipality makes one). */
async function municipalityWithoutKey(name: string) {
  const [row] = await getDb()
    .insert(municipalities)
    .values({ name, slug: `${name.toLowerCase()}-${randomBytes(4).toString("hex")}` })
    .returning();
  return row;
}

async function municipalityWithKey(name = "Nyckelby") {
  const municipality = await createMunicipality(name);
  await ensureDataKey(getDb(), municipality.id);
  return municipality;
}

const rowsOf = (municipalityId: string) =>
  getDb().select().from(dataKeys).where(eq(dataKeys.municipalityId, municipalityId)).orderBy(asc(dataKeys.version));

/** The stored value with one byte of its iv | ciphertext | tag flipped at `at` (negative: from the end). */
function flipped(stored: string, at: number) {
  const cut = stored.lastIndexOf(":") + 1;
  const bytes = Buffer.from(stored.slice(cut), "base64url");
  bytes[at < 0 ? bytes.length + at : at] ^= 0x01;
  return stored.slice(0, cut) + bytes.toString("base64url");
}

const NAME = "Alva Ödmark Lindqvist";
const NUMBER = "20150317-2387";

describe("sealing a value", () => {
  it("opens what it sealed, and the stored value shows neither the text nor its base64", async () => {
    const { id } = await municipalityWithKey();
    const keyring = await keyringFor(id);
    for (const plain of [NAME, NUMBER, "", "Å".repeat(500)]) {
      const stored = keyring.seal("report.childName", plain);
      expect(stored).toMatch(/^sealed:1:[A-Za-z0-9_-]+$/);
      expect(isSealed(stored)).toBe(true);
      expect(keyring.open("report.childName", stored)).toBe(plain);
      if (!plain) continue;
      expect(stored).not.toContain(plain);
      for (const encoding of ["base64", "base64url", "hex"] as const) {
        expect(stored).not.toContain(Buffer.from(plain).toString(encoding).replace(/=+$/, ""));
      }
    }
    expect(keyring.seal("report.childPersonalNumber", NUMBER)).not.toContain("20150317");
  });

  it("gives a different value each time (a fresh iv), each of which opens", async () => {
    const { id } = await municipalityWithKey();
    const keyring = await keyringFor(id);
    const values = Array.from({ length: 5 }, () => keyring.seal("report.guardianName", NAME));
    expect(new Set(values).size).toBe(5);
    const ivs = values.map((v) => Buffer.from(v.split(":")[2], "base64url").subarray(0, 12).toString("hex"));
    expect(new Set(ivs).size).toBe(5);
    for (const v of values) expect(keyring.open("report.guardianName", v)).toBe(NAME);
  });

  it("does not open in another municipality or another column, nor a flipped byte or a cut value", async () => {
    const here = await keyringFor((await municipalityWithKey("Härby")).id);
    const there = await keyringFor((await municipalityWithKey("Därby")).id);
    const stored = here.seal("report.childName", NAME);
    expect(here.open("report.childName", stored)).toBe(NAME);

    const refused = [
      () => there.open("report.childName", stored),
      () => here.open("report.guardianName", stored),
      () => here.open("report.childPersonalNumber", stored),
      () => here.open("report.childName", flipped(stored, 0)), // the iv
      () => here.open("report.childName", flipped(stored, 14)), // the ciphertext
      () => here.open("report.childName", flipped(stored, -1)), // the tag
      () => here.open("report.childName", stored.slice(0, -4)),
      () => here.open("report.childName", stored.slice(0, stored.lastIndexOf(":") + 20)),
      () => here.open("report.childName", "sealed:1:"),
      () => here.open("report.childName", "sealed:1"),
      () => here.open("report.childName", stored.replace("sealed:1:", "sealed:7:")),
      // A character outside base64url that a lenient decoder would skip.
      () => here.open("report.childName", `${stored.slice(0, 20)}.${stored.slice(20)}`),
    ];
    for (const open of refused) {
      let error: unknown;
      try {
        open();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(Error);
      // Nothing of the value or its text in the message (it may reach a log).
      expect((error as Error).message).not.toContain(NAME);
      expect((error as Error).message).not.toContain(stored.slice(10, 30));
    }
  });

  it("passes values from before encryption through, and null stays null", async () => {
    const keyring = await keyringFor((await municipalityWithKey()).id);
    expect(isSealed(NAME)).toBe(false);
    expect(keyring.open("report.childName", NAME)).toBe(NAME);
    expect(keyring.open("report.childPersonalNumber", NUMBER)).toBe(NUMBER);
    expect(keyring.isCurrent(NAME)).toBe(false);
    expect(keyring.sealNullable("report.childPersonalNumber", null)).toBeNull();
    expect(keyring.openNullable("report.childPersonalNumber", null)).toBeNull();
    const stored = keyring.sealNullable("report.childPersonalNumber", NUMBER);
    expect(stored && isSealed(stored)).toBe(true);
    expect(keyring.openNullable("report.childPersonalNumber", stored)).toBe(NUMBER);
  });
});

describe("data keys", () => {
  it("are not made by keyringFor: a municipality without one is refused", async () => {
    const { id } = await municipalityWithoutKey("Nyckellös");
    await expect(keyringFor(id)).rejects.toThrow(/ensureDataKey/);
    expect(await rowsOf(id)).toHaveLength(0);
  });

  it("are stored wrapped under the master key, with its id", async () => {
    const { id } = await municipalityWithKey();
    const [row] = await rowsOf(id);
    expect(row.version).toBe(1);
    expect(row.wrapped).toMatch(new RegExp(`^${masterId(MASTER)}:[A-Za-z0-9_-]+$`));
    // 12 bytes of iv, the 32-byte key, 16 bytes of tag.
    expect(Buffer.from(row.wrapped.split(":")[1], "base64url")).toHaveLength(60);
  });

  it("end as one version-1 key when five servers ensure one at once", async () => {
    const { id } = await municipalityWithoutKey("Samtidigby");
    // On PostgreSQL, open five connections first: otherwise the first call is done before the others connect.
    await Promise.all(Array.from({ length: 5 }, () => getDb().execute(sql`select pg_sleep(0.05)`)));
    await Promise.all(Array.from({ length: 5 }, () => ensureDataKey(getDb(), id)));
    const rows = await rowsOf(id);
    expect(rows.map((r) => r.version)).toEqual([1]);
    // Every caller opens what another sealed: there is one key.
    const keyring = await keyringFor(id);
    forgetKeys();
    expect((await keyringFor(id)).open("report.childName", keyring.seal("report.childName", NAME))).toBe(NAME);
  });

  it("can be made inside a caller's transaction", async () => {
    const { id } = await municipalityWithoutKey("Transaktionsby");
    const stored = await getDb().transaction(async (tx) => {
      await ensureDataKey(tx, id);
      await ensureDataKey(tx, id);
      return (await keyringFor(id, tx)).seal("report.childName", NAME);
    });
    expect(await rowsOf(id)).toHaveLength(1);
    forgetKeys();
    expect((await keyringFor(id)).open("report.childName", stored)).toBe(NAME);
  });

  it("are made at start for every municipality without one", async () => {
    const a = await municipalityWithoutKey("Startby");
    const b = await municipalityWithoutKey("Uppstartby");
    expect(await ensureDataKeys()).toBeGreaterThanOrEqual(2);
    expect((await rowsOf(a.id)).map((r) => r.version)).toEqual([1]);
    expect((await rowsOf(b.id)).map((r) => r.version)).toEqual([1]);
    expect(await ensureDataKeys()).toBe(0);
  });
});

describe("rotating the data keys", () => {
  it("seals new values under version 2; version-1 values still open and are no longer current", async () => {
    const { id } = await municipalityWithKey();
    const before = await keyringFor(id);
    const old = before.seal("report.childName", NAME);
    expect(before.isCurrent(old)).toBe(true);

    expect(await rotateDataKeys()).toBeGreaterThanOrEqual(1);
    expect((await rowsOf(id)).map((r) => r.version)).toEqual([1, 2]);
    const after = await keyringFor(id);
    const fresh = after.seal("report.childName", NAME);
    expect(fresh).toMatch(/^sealed:2:/);
    expect(after.open("report.childName", old)).toBe(NAME);
    expect(after.open("report.childName", fresh)).toBe(NAME);
    expect(after.isCurrent(old)).toBe(false);
    expect(after.isCurrent(fresh)).toBe(true);
    // A new process reads both versions from the rows.
    forgetKeys();
    const restarted = await keyringFor(id);
    expect(restarted.open("report.childName", old)).toBe(NAME);
    expect(restarted.open("report.childName", fresh)).toBe(NAME);
  });

  it("reaches a server that did not rotate after a minute, or at once when it meets the new version", async () => {
    const { id } = await municipalityWithKey();
    const running = await keyringFor(id);
    expect(running.seal("report.childName", NAME)).toMatch(/^sealed:1:/);
    // Another server (its own copy of the module, its own cache) rotates and seals under version 2.
    vi.resetModules();
    const other = await import("~/lib/sealed.server");
    expect(await other.rotateDataKeys(getDb())).toBeGreaterThanOrEqual(1);
    const theirs = (await other.keyringFor(id, getDb())).seal("report.childName", NAME);
    expect(theirs).toMatch(/^sealed:2:/);

    // Within the minute this server still seals under version 1 (its cached newest)...
    expect((await keyringFor(id)).seal("report.childName", NAME)).toMatch(/^sealed:1:/);
    // ...and a minute later under version 2.
    const now = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(now + 61_000);
    expect((await keyringFor(id)).seal("report.childName", NAME)).toMatch(/^sealed:2:/);
    vi.restoreAllMocks();

    // A value under a version this server has not read yet fails once, and the next keyring reads it.
    const another = await municipalityWithKey("Senareby");
    const stale = await keyringFor(another.id);
    await other.rotateDataKeys(getDb());
    const newer = (await other.keyringFor(another.id, getDb())).seal("report.childName", NAME);
    expect(() => stale.open("report.childName", newer)).toThrow();
    expect((await keyringFor(another.id)).open("report.childName", newer)).toBe(NAME);
  });
});

describe("rotating the master key", () => {
  it("unwraps under the previous key, re-wraps under the new one, after which the old key can go", async () => {
    const { id } = await municipalityWithKey();
    const stored = (await keyringFor(id)).seal("report.childPersonalNumber", NUMBER);

    // The new key alone cannot unwrap data keys wrapped under the old one.
    useMasterKeys(NEXT);
    await expect(keyringFor(id)).rejects.toThrow();
    // The new key with the old one beside it can.
    useMasterKeys(NEXT, [MASTER]);
    expect((await keyringFor(id)).open("report.childPersonalNumber", stored)).toBe(NUMBER);
    expect((await rowsOf(id))[0].wrapped.startsWith(`${masterId(MASTER)}:`)).toBe(true);

    const rewrapped = await rewrapDataKeys();
    expect(rewrapped).toBeGreaterThanOrEqual(1);
    const rows = await rowsOf(id);
    expect(rows.every((r) => r.wrapped.startsWith(`${masterId(NEXT)}:`))).toBe(true);
    expect(await rewrapDataKeys()).toBe(0);

    // Dropped: the old master key is no longer needed, and values sealed before still open.
    useMasterKeys(NEXT);
    expect((await keyringFor(id)).open("report.childPersonalNumber", stored)).toBe(NUMBER);

    // Back to the file's master key for the tests after this one.
    useMasterKeys(MASTER, [NEXT]);
    expect(await rewrapDataKeys()).toBe(rewrapped);
  });

  it("refuses to re-wrap a key under a master key it does not have, naming no key", async () => {
    const { id } = await municipalityWithKey();
    useMasterKeys(NEXT);
    const error = await rewrapDataKeys().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/DATA_MASTER_KEY_PREVIOUS/);
    for (const key of [MASTER, NEXT]) expect((error as Error).message).not.toContain(key);
    expect((await rowsOf(id))[0].wrapped.startsWith(`${masterId(MASTER)}:`)).toBe(true);
  });
});

describe("the link hash", () => {
  it("is the same for the same number in one municipality, whatever its form, and differs between municipalities", async () => {
    const a = await municipalityWithKey("Länkby");
    const b = await municipalityWithKey("Länkstad");
    const hash = linkHash(a.id, NUMBER);
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(linkHash(a.id, NUMBER)).toBe(hash);
    expect(linkHash(a.id, " 201503172387 ")).toBe(hash);
    expect(linkHash(a.id, "150317-2387")).toBe(hash);
    expect(linkHash(b.id, NUMBER)).not.toBe(hash);
    expect(linkHash(a.id, "20150317-2397")).not.toBe(hash);
    expect(hash).not.toContain("20150317");
    // Keyed: not a plain hash of the number anyone could compute.
    expect(hash).not.toBe(createHash("sha256").update(NUMBER).digest("base64url"));
  });

  it("follows the master key (a rotation rehashes the stored numbers at start: report-identity.server.ts)", async () => {
    const { id } = await municipalityWithKey();
    const underOld = linkHash(id, NUMBER);
    useMasterKeys(NEXT, [MASTER]);
    expect(linkHash(id, NUMBER)).not.toBe(underOld);
  });
});
