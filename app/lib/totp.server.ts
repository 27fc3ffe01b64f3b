import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { getDb } from "#db/client.server";
import { users } from "#db/schema";
import { env } from "./env.server";
import { logger } from "./logger.server";

const ISSUER = "Tillsammans";

function keyFrom(secret: string) {
  return Buffer.from(hkdfSync("sha256", secret, "tillsammans", "totp-secret", 32));
}

function key() {
  return keyFrom(env().sessionSecret);
}

/** TOTP secrets are kept encrypted (AES-256-GCM) so a database dump alone cannot mint codes. */
export function encryptSecret(base32: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(base32, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64url")).join(".");
}

function decryptWith(stored: string, secretKey: Buffer) {
  const [iv, tag, data] = stored.split(".").map((p) => Buffer.from(p, "base64url"));
  const decipher = createDecipheriv("aes-256-gcm", secretKey, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
}

/**
 * The plain secret, and whether it was encrypted under a previous SESSION_SECRET (then the caller stores it
 * again under the current one). GCM's tag tells a wrong key from a right one.
 */
export function openSecret(stored: string): { base32: string; stale: boolean } {
  const secrets = [env().sessionSecret, ...env().previousSessionSecrets];
  for (const [i, secret] of secrets.entries()) {
    try {
      return { base32: decryptWith(stored, keyFrom(secret)), stale: i > 0 };
    } catch {
      // Not this key; try the next.
    }
  }
  throw new Error("A second-factor secret cannot be decrypted with SESSION_SECRET or SESSION_SECRET_PREVIOUS");
}

/**
 * The plain secret of a stored (encrypted) one. When only a previous SESSION_SECRET opens it, it is written back
 * encrypted under the current one at once, so a user who signs in during a rotation no longer needs the old
 * secret (start-up re-encrypts the rest: `reencryptStaleTotpSecrets`).
 */
export function decryptSecret(stored: string) {
  const { base32, stale } = openSecret(stored);
  if (stale) rewriteUnderCurrentSecret(stored, base32);
  return base32;
}

const rewrites = new Set<Promise<void>>();

/**
 * Replaces the stored value only if it is still the one read (compare-and-swap on the ciphertext, unique by its
 * random IV): a secret changed meanwhile, or already re-encrypted by another request or server, is left alone.
 * Runs beside the caller, which needs only the plain secret; a failure is logged, and the old value keeps working
 * while SESSION_SECRET_PREVIOUS lists its secret.
 */
function rewriteUnderCurrentSecret(stored: string, base32: string) {
  const done: Promise<void> = getDb()
    .update(users)
    .set({ totpSecret: encryptSecret(base32) })
    .where(eq(users.totpSecret, stored))
    .then(
      () => {},
      (error: unknown) => logger.warn({ err: error }, "could not re-encrypt a second-factor secret"),
    )
    .finally(() => rewrites.delete(done));
  rewrites.add(done);
}

/** Resolves when every write-back started by `decryptSecret` has finished (tests, shutdown). */
export async function settleSecretRewrites() {
  await Promise.all([...rewrites]);
}

export function newSecret() {
  return new Secret({ size: 20 }).base32;
}

function totp(base32: string, label: string) {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(base32),
  });
}

export function otpauthUri(base32: string, label: string) {
  return totp(base32, label).toString();
}

/**
 * The time step a code belongs to (the current one, or one either side for clock drift), or null.
 * Callers store the step so the same code cannot be used twice.
 */
export function codeStep(base32: string, code: string, timestamp = Date.now()): number | null {
  const clean = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(clean)) return null;
  const delta = totp(base32, "x").validate({ token: clean, window: 1, timestamp });
  return delta === null ? null : Math.floor(timestamp / 30_000) + delta;
}

export function currentCode(base32: string, timestamp = Date.now()) {
  return totp(base32, "x").generate({ timestamp });
}
