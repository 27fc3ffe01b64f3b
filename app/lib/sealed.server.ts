import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { and, asc, eq, gt, isNull, max } from "drizzle-orm";
import { type Database, getDb } from "#db/client.server";
import { dataKeys, municipalities } from "#db/schema";
import { parsePersonalNumber } from "~/domain/personal-number";
import { env } from "./env.server";

/**
 * Children's identities sealed in the application (issue 22, item 9; decision 021), so that a database dump or backup
 * does not tell which child a report is about. Two levels of keys:
 * - the master key (DATA_MASTER_KEY, with DATA_MASTER_KEY_PREVIOUS during a rotation) lives in the environment only;
 * - each municipality has data keys (table data_keys), random 32 bytes each, stored wrapped under the master key.
 * Values are sealed with AES-256-GCM under the municipality's newest data key, the municipality and the column bound
 * in as additional data, so a value copied to another municipality or column does not open. Personal identity numbers
 * are linked by a keyed hash (HMAC) beside the ciphertext. No key and no plain value ever goes into an error or a log.
 */

/** Which column a sealed value belongs to: bound into the ciphertext (GCM additional data) with the municipality. */
export type SealedField =
  | "report.childName"
  | "report.childPersonalNumber"
  | "report.guardianName"
  | "report.observations"
  | "report.childWords"
  // A report draft's form fields, sealed whole (app/models/report-identity.server.ts).
  | "reportDraft.fields"
  // Who gave a consent (app/models/feedback.server.ts), and who answered the school (guardian-consent.server.ts).
  | "consent.givenBy"
  | "guardianAnswer.givenBy";

export interface Keyring {
  /** "sealed:<keyVersion>:<base64url(iv 12 bytes | ciphertext | tag 16 bytes)>", under the municipality's newest data key. */
  seal(field: SealedField, plain: string): string;
  /**
   * The plain text; a value that is not sealed (a row from before encryption) is returned as it is. Throws on a wrong
   * key, field, municipality or a tampered value.
   */
  open(field: SealedField, stored: string): string;
  /** seal/open for null-able columns: null stays null. */
  sealNullable(field: SealedField, plain: string | null): string | null;
  openNullable(field: SealedField, stored: string | null): string | null;
  /** The newest key version: a stored value under an older one (or not sealed) needs re-encrypting. */
  isCurrent(stored: string): boolean;
}

const PREFIX = "sealed:";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
/** How long a process trusts its idea of a municipality's newest key version before reading it again. */
const REFRESH_MS = 60_000;

/** Anything starting "sealed:" is treated as sealed, so a damaged value fails to open rather than show as text. */
export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

// ---------------------------------------------------------------------------------------------------------------------
// Master keys

interface MasterKey {
  /** The first 8 hex digits of the key's SHA-256: names the key in a wrapped value, reveals nothing usable. */
  id: string;
  key: Buffer;
}

const masterKeyOf = (base64: string): MasterKey => {
  const key = Buffer.from(base64, "base64");
  return { id: createHash("sha256").update(key).digest("hex").slice(0, 8), key };
};

/** The current master key first, then the previous ones (env.server.ts checked each is 32 bytes). */
let masters: { source: object; keys: MasterKey[] } | undefined;
function masterKeys(): MasterKey[] {
  const e = env();
  if (masters?.source !== e) {
    const keys = [e.dataMasterKey, ...e.previousDataMasterKeys].map(masterKeyOf);
    masters = { source: e, keys: keys.filter((k, i) => keys.findIndex((o) => o.id === k.id) === i) };
  }
  return masters.keys;
}

// ---------------------------------------------------------------------------------------------------------------------
// AES-256-GCM

function encrypt(key: Buffer, plain: Buffer, aad: string) {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
}

/** The plain bytes, or null when the value is malformed or does not authenticate under this key and additional data. */
function decrypt(key: Buffer, encoded: string, aad: string): Buffer | null {
  // Node's decoder skips characters outside the alphabet: only the canonical encoding is accepted.
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return null;
  const data = Buffer.from(encoded, "base64url");
  if (data.toString("base64url") !== encoded || data.length < IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, data.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    return Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Wrapped data keys: "<masterKeyId>:<base64url(iv | key | tag)>", bound to the municipality and version.

const wrapAad = (municipalityId: string, version: number) => `data-key:${municipalityId}:${version}`;

function wrap(key: Buffer, municipalityId: string, version: number) {
  const [master] = masterKeys();
  return `${master.id}:${encrypt(master.key, key, wrapAad(municipalityId, version))}`;
}

const masterIdOf = (wrapped: string) => wrapped.slice(0, wrapped.indexOf(":"));

function unwrap(wrapped: string, municipalityId: string, version: number): Buffer {
  const masterId = masterIdOf(wrapped);
  const master = masterKeys().find((m) => m.id === masterId);
  if (!master) {
    throw new Error(
      `Data key version ${version} of municipality ${municipalityId} is wrapped under master key ${masterId}, ` +
        "which is neither DATA_MASTER_KEY nor in DATA_MASTER_KEY_PREVIOUS",
    );
  }
  const key = decrypt(master.key, wrapped.slice(masterId.length + 1), wrapAad(municipalityId, version));
  if (!key || key.length !== KEY_BYTES) {
    throw new Error(`Data key version ${version} of municipality ${municipalityId} does not unwrap under ${masterId}`);
  }
  return key;
}

// ---------------------------------------------------------------------------------------------------------------------
// Keyrings

interface Cached {
  /** Unwrapped data keys by version: a version's key never changes (a re-wrap changes only how it is stored). */
  keys: Map<number, Buffer>;
  newest: number;
  /** When the newest version was last read (Date.now()); 0 asks the next keyringFor to read again. */
  checkedAt: number;
}
const cache = new Map<string, Cached>();

/** Empties the process's cache of unwrapped keys (tests; a new master key in the same process). */
export function forgetKeys() {
  cache.clear();
}

/**
 * The municipality's data keys, unwrapped (cached in the process: key rows never change; the newest version is re-read
 * after 60 s so a rotation reaches running servers). Throws if the municipality has no data key (ensureDataKey first)
 * — never creates one itself, because it may run inside a caller's transaction.
 */
export async function keyringFor(municipalityId: string, db: Database = getDb()): Promise<Keyring> {
  let entry = cache.get(municipalityId);
  if (!entry || Date.now() - entry.checkedAt >= REFRESH_MS) {
    const checkedAt = Date.now();
    const rows = await db
      .select({ version: dataKeys.version, wrapped: dataKeys.wrapped })
      .from(dataKeys)
      .where(and(eq(dataKeys.municipalityId, municipalityId), gt(dataKeys.version, entry?.newest ?? 0)))
      .orderBy(asc(dataKeys.version));
    if (!entry && !rows.length) {
      throw new Error(`Municipality ${municipalityId} has no data key: ensureDataKey first`);
    }
    const unwrapped = rows.map((row) => [row.version, unwrap(row.wrapped, municipalityId, row.version)] as const);
    // Another call may have filled the entry meanwhile: add to it rather than replace it.
    entry = cache.get(municipalityId) ?? { keys: new Map(), newest: 0, checkedAt: 0 };
    for (const [version, key] of unwrapped) entry.keys.set(version, key);
    entry.newest = Math.max(entry.newest, ...entry.keys.keys());
    entry.checkedAt = checkedAt;
    cache.set(municipalityId, entry);
  }
  return keyring(municipalityId, entry);
}

const VALUE = /^sealed:(\d{1,9}):(.*)$/s;

function keyring(municipalityId: string, entry: Cached): Keyring {
  const newest = entry.newest;
  const aad = (field: SealedField) => `${municipalityId}:${field}`;
  const seal = (field: SealedField, plain: string) => {
    const key = entry.keys.get(newest);
    if (!key) throw new Error(`Data key version ${newest} of municipality ${municipalityId} is not loaded`);
    return `${PREFIX}${newest}:${encrypt(key, Buffer.from(plain, "utf8"), aad(field))}`;
  };
  const open = (field: SealedField, stored: string) => {
    if (!isSealed(stored)) return stored;
    const match = VALUE.exec(stored);
    if (!match) throw new Error(`A sealed ${field} value is malformed`);
    const version = Number(match[1]);
    const key = entry.keys.get(version);
    if (!key) {
      // Sealed by a server that has read a newer version than this one has: read again on the next keyringFor.
      if (version > entry.newest) entry.checkedAt = 0;
      throw new Error(
        `A sealed ${field} value names data key version ${version}, unknown in municipality ${municipalityId}`,
      );
    }
    const plain = decrypt(key, match[2], aad(field));
    if (!plain) {
      throw new Error(
        `A sealed ${field} value does not open in municipality ${municipalityId}: wrong place or altered`,
      );
    }
    return plain.toString("utf8");
  };
  return {
    seal,
    open,
    sealNullable: (field, plain) => (plain === null ? null : seal(field, plain)),
    openNullable: (field, stored) => (stored === null ? null : open(field, stored)),
    isCurrent: (stored) => VALUE.exec(stored)?.[1] === String(newest),
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Creating, rotating and re-wrapping data keys

/** Inserts a version unless it exists (a concurrent caller's stands); true when this call made it. */
async function addVersion(db: Database, municipalityId: string, version: number) {
  const made = await db
    .insert(dataKeys)
    .values({ municipalityId, version, wrapped: wrap(randomBytes(KEY_BYTES), municipalityId, version) })
    .onConflictDoNothing({ target: [dataKeys.municipalityId, dataKeys.version] })
    .returning({ id: dataKeys.id });
  return made.length > 0;
}

/**
 * Creates version 1 of the municipality's data key unless it has one (insert … on conflict do nothing, then read: two
 * servers at once end with one key). `db` may be a transaction (municipality creation does it in its own).
 */
export async function ensureDataKey(db: Database, municipalityId: string): Promise<void> {
  const [found] = await db
    .select({ id: dataKeys.id })
    .from(dataKeys)
    .where(eq(dataKeys.municipalityId, municipalityId))
    .limit(1);
  if (!found) await addVersion(db, municipalityId, 1);
}

/** Every municipality without a data key gets one (server start). Returns how many were created. */
export async function ensureDataKeys(db: Database = getDb()): Promise<number> {
  const without = await db
    .select({ id: municipalities.id })
    .from(municipalities)
    .leftJoin(dataKeys, eq(dataKeys.municipalityId, municipalities.id))
    .where(isNull(dataKeys.id));
  let created = 0;
  for (const { id } of without) if (await addVersion(db, id, 1)) created += 1;
  return created;
}

/** A new data key version for every municipality (new values are sealed under it; old versions still open). Returns how many. */
export async function rotateDataKeys(db: Database = getDb()): Promise<number> {
  const newest = await db
    .select({ id: municipalities.id, version: max(dataKeys.version) })
    .from(municipalities)
    .leftJoin(dataKeys, eq(dataKeys.municipalityId, municipalities.id))
    .groupBy(municipalities.id);
  let rotated = 0;
  for (const { id, version } of newest) {
    // A rotation running at the same time that made this version first counts for both: the municipality has a new key.
    if (await addVersion(db, id, (version ?? 0) + 1)) rotated += 1;
    // This process seals under the new version at once; other servers within a minute.
    const entry = cache.get(id);
    if (entry) entry.checkedAt = 0;
  }
  return rotated;
}

/** Re-wraps every data key not wrapped under the current master key (after DATA_MASTER_KEY rotation). Returns how many. */
export async function rewrapDataKeys(db: Database = getDb()): Promise<number> {
  const [current] = masterKeys();
  const rows = await db.select().from(dataKeys).orderBy(asc(dataKeys.municipalityId), asc(dataKeys.version));
  const known = new Set(masterKeys().map((m) => m.id));
  const missing = new Set<string>();
  let rewrapped = 0;
  for (const row of rows) {
    const masterId = masterIdOf(row.wrapped);
    if (masterId === current.id) continue;
    if (!known.has(masterId)) {
      missing.add(masterId);
      continue;
    }
    const key = unwrap(row.wrapped, row.municipalityId, row.version);
    // Only if the row is still as read: a re-wrap by another server meanwhile stands.
    const done = await db
      .update(dataKeys)
      .set({ wrapped: wrap(key, row.municipalityId, row.version) })
      .where(and(eq(dataKeys.id, row.id), eq(dataKeys.wrapped, row.wrapped)))
      .returning({ id: dataKeys.id });
    rewrapped += done.length;
  }
  if (missing.size) {
    throw new Error(
      `${rewrapped} data keys re-wrapped, but some are wrapped under master keys ${[...missing].join(", ")}, ` +
        "which are neither DATA_MASTER_KEY nor in DATA_MASTER_KEY_PREVIOUS: add those to DATA_MASTER_KEY_PREVIOUS",
    );
  }
  return rewrapped;
}

// ---------------------------------------------------------------------------------------------------------------------
// Link hashes

/** One form for each number: "YYYYMMDD-NNNC" when it reads as a personal identity or coordination number. */
function normalisedNumber(value: string) {
  const compact = value.replace(/\s+/g, "");
  const full = /^(\d{8})-?(\d{4})$/.exec(compact);
  if (full) return `${full[1]}-${full[2]}`;
  const parsed = parsePersonalNumber(compact);
  return parsed.ok ? parsed.normalized : compact;
}

/**
 * HMAC-SHA256 of a normalised personal identity number, keyed per municipality from the current master key
 * (HMAC(master, "link:" + municipalityId) as the key): the same number in the same municipality always gives the same
 * hash; base64url.
 */
export function linkHash(municipalityId: string, value: string): string {
  const key = createHmac("sha256", masterKeys()[0].key).update(`link:${municipalityId}`).digest();
  return createHmac("sha256", key).update(normalisedNumber(value), "utf8").digest("base64url");
}
