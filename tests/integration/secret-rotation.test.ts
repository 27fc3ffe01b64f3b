import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { TOTP, Secret } from "otpauth";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { sessions, users } from "#db/schema";
import { acceptTotpCode } from "~/server/auth.server";
import { resetEnv } from "~/lib/env.server";
import { IDLE_TIMEOUT_MS, getSession, sessionCookieName } from "~/lib/session.server";
import { decryptSecret, encryptSecret, newSecret, openSecret, settleSecretRewrites } from "~/lib/totp.server";
import { getCurrentUser, reencryptStaleTotpSecrets, setTotp } from "~/models/user.server";
import { createWorld, sessionCookieFor } from "../factories";

const OLD = process.env.SESSION_SECRET!;
const NEW = "a-brand-new-session-secret-for-the-rotation-test";

/** The process now runs with NEW as SESSION_SECRET, and `previous` (if any) in SESSION_SECRET_PREVIOUS. */
function rotate(previous: string | undefined) {
  process.env.SESSION_SECRET = NEW;
  if (previous) process.env.SESSION_SECRET_PREVIOUS = previous;
  else delete process.env.SESSION_SECRET_PREVIOUS;
  resetEnv();
}

afterEach(async () => {
  await settleSecretRewrites();
  process.env.SESSION_SECRET = OLD;
  delete process.env.SESSION_SECRET_PREVIOUS;
  resetEnv();
});

const requestWith = (cookie: string) => new Request("http://localhost/", { headers: { Cookie: cookie } });
const tokenOf = (cookie: string) => cookie.slice(cookie.indexOf("=") + 1);
const hmac = (secret: string, token: string) => createHmac("sha256", secret).update(token).digest("hex");

async function storedTotp(userId: string) {
  const [row] = await getDb().select({ secret: users.totpSecret }).from(users).where(eq(users.id, userId));
  return row.secret!;
}

/** A reception worker with a second factor enrolled under the secret in force now. */
async function enrolled() {
  const { user } = await createWorld();
  const current = (await getCurrentUser(user.reception_worker.id, user.reception_worker.municipalityId))!;
  const base32 = newSecret();
  await setTotp(current, { secret: encryptSecret(base32), enabledAt: new Date() });
  return { current, base32, stored: await storedTotp(current.id) };
}

describe("rotating SESSION_SECRET: sessions", () => {
  it("keeps sessions made under the previous secret, re-keying each to the current secret on its next request", async () => {
    const { user } = await createWorld();
    const cookie = await sessionCookieFor(user.staff);
    expect(cookie.startsWith(`${sessionCookieName()}=`)).toBe(true);
    const [before] = await getDb().select().from(sessions).where(eq(sessions.userId, user.staff.id));
    expect(before.id).toBe(hmac(OLD, tokenOf(cookie)));

    rotate(OLD);
    const session = await getSession(requestWith(cookie));
    expect(session?.userId).toBe(user.staff.id);
    expect(session?.id).toBe(hmac(NEW, tokenOf(cookie)));
    const rows = await getDb().select().from(sessions).where(eq(sessions.userId, user.staff.id));
    expect(rows.map((r) => r.id)).toEqual([hmac(NEW, tokenOf(cookie))]);
    // A second request finds it under the current secret at once, and it stays as it is.
    expect((await getSession(requestWith(cookie)))?.id).toBe(session?.id);

    // Once re-keyed, the old secret can go.
    rotate(undefined);
    expect((await getSession(requestWith(cookie)))?.userId).toBe(user.staff.id);
  });

  it("accepts any of several previous secrets", async () => {
    const { user } = await createWorld();
    const cookie = await sessionCookieFor(user.principal);
    rotate(`an-even-older-secret-that-no-longer-matters-at-all, ${OLD}`);
    expect((await getSession(requestWith(cookie)))?.id).toBe(hmac(NEW, tokenOf(cookie)));
  });

  it("deletes an expired session found under a previous secret instead of re-keying it", async () => {
    const { user } = await createWorld();
    const cookie = await sessionCookieFor(user.staff);
    rotate(OLD);
    const later = new Date(Date.now() + IDLE_TIMEOUT_MS + 60_000);
    expect(await getSession(requestWith(cookie), later)).toBeNull();
    expect(await getDb().select().from(sessions).where(eq(sessions.userId, user.staff.id))).toEqual([]);
  });

  it("signs everyone out when the old secret is not listed", async () => {
    const { user } = await createWorld();
    const cookie = await sessionCookieFor(user.staff);
    rotate(undefined);
    expect(await getSession(requestWith(cookie))).toBeNull();
  });
});

describe("rotating SESSION_SECRET: second-factor secrets", () => {
  it("reads a secret encrypted under the previous secret and writes it back under the current one at once", async () => {
    const { current, base32, stored: oldStored } = await enrolled();

    rotate(OLD);
    expect(openSecret(oldStored)).toEqual({ base32, stale: true });
    const code = new TOTP({ secret: Secret.fromBase32(base32), digits: 6, period: 30 }).generate();
    expect(await acceptTotpCode(current, code)).toBe(true);
    await settleSecretRewrites();
    const newStored = await storedTotp(current.id);
    expect(newStored).not.toBe(oldStored);
    expect(openSecret(newStored)).toEqual({ base32, stale: false });
    // Nothing left for the start-up pass.
    expect(await reencryptStaleTotpSecrets({ municipalityId: current.municipalityId })).toBe(0);

    rotate(undefined);
    expect(decryptSecret(newStored)).toBe(base32);
    expect(() => openSecret(oldStored)).toThrow(/cannot be decrypted/);
  });

  it("re-encrypts every stale secret at start-up, once", async () => {
    const { current, base32, stored: oldStored } = await enrolled();

    rotate(OLD);
    // Scoped to this test's municipality: on PostgreSQL other test files share the database.
    expect(await reencryptStaleTotpSecrets({ municipalityId: current.municipalityId })).toBe(1);
    expect(await reencryptStaleTotpSecrets({ municipalityId: current.municipalityId })).toBe(0);
    const newStored = await storedTotp(current.id);
    expect(newStored).not.toBe(oldStored);

    rotate(undefined);
    expect(openSecret(newStored)).toEqual({ base32, stale: false });
  });

  it("does not overwrite a secret that changed after it was read", async () => {
    const { current, stored: oldStored } = await enrolled();
    rotate(OLD);
    // The user enrols a new authenticator meanwhile: the late write-back of the old value must not undo it.
    const replacement = encryptSecret(newSecret());
    await setTotp(current, { secret: replacement, enabledAt: new Date() });
    decryptSecret(oldStored);
    await settleSecretRewrites();
    expect(await storedTotp(current.id)).toBe(replacement);
  });

  it("leaves secrets under the current secret alone", async () => {
    const { current, base32, stored } = await enrolled();
    expect(decryptSecret(stored)).toBe(base32);
    await settleSecretRewrites();
    expect(await storedTotp(current.id)).toBe(stored);
  });
});

describe("SESSION_SECRET_PREVIOUS", () => {
  it("refuses a previous secret shorter than 32 characters", () => {
    process.env.SESSION_SECRET_PREVIOUS = `${OLD},too-short`;
    resetEnv();
    expect(() => openSecret("x.y.z")).toThrow(/SESSION_SECRET_PREVIOUS/);
  });
});
