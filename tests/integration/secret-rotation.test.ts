import { eq } from "drizzle-orm";
import { TOTP, Secret } from "otpauth";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { sessions, users } from "#db/schema";
import { acceptTotpCode } from "~/lib/auth.server";
import { resetEnv } from "~/lib/env.server";
import { getSession, sessionCookieName } from "~/lib/session.server";
import { encryptSecret, newSecret, openSecret } from "~/lib/totp.server";
import { getCurrentUser, reencryptStaleTotpSecrets, setTotp } from "~/models/user.server";
import { createWorld, sessionCookieFor } from "../factories";

const OLD = process.env.SESSION_SECRET!;
const NEW = "a-brand-new-session-secret-for-the-rotation-test";

function rotate(previous: string | undefined) {
  process.env.SESSION_SECRET = NEW;
  if (previous) process.env.SESSION_SECRET_PREVIOUS = previous;
  else delete process.env.SESSION_SECRET_PREVIOUS;
  resetEnv();
}

afterEach(() => {
  process.env.SESSION_SECRET = OLD;
  delete process.env.SESSION_SECRET_PREVIOUS;
  resetEnv();
});

const requestWith = (cookie: string) => new Request("http://localhost/", { headers: { Cookie: cookie } });

describe("rotating SESSION_SECRET", () => {
  it("keeps sessions made under the previous secret, re-keying each on its next request", async () => {
    const { user } = await createWorld();
    const cookie = await sessionCookieFor(user.staff);
    expect(cookie.startsWith(`${sessionCookieName()}=`)).toBe(true);
    const [before] = await getDb().select().from(sessions).where(eq(sessions.userId, user.staff.id));

    rotate(OLD);
    const session = await getSession(requestWith(cookie));
    expect(session?.userId).toBe(user.staff.id);
    const [after] = await getDb().select().from(sessions).where(eq(sessions.userId, user.staff.id));
    expect(after.id).not.toBe(before.id);

    // Once re-keyed, the old secret can go.
    rotate(undefined);
    expect((await getSession(requestWith(cookie)))?.userId).toBe(user.staff.id);
  });

  it("signs everyone out when the old secret is not listed", async () => {
    const { user } = await createWorld();
    const cookie = await sessionCookieFor(user.staff);
    rotate(undefined);
    expect(await getSession(requestWith(cookie))).toBeNull();
  });

  it("still reads second-factor secrets encrypted under the previous secret, and re-encrypts them all at start-up", async () => {
    const { user } = await createWorld();
    const current = (await getCurrentUser(user.reception_worker.id, user.reception_worker.municipalityId))!;
    const base32 = newSecret();
    await setTotp(current, { secret: encryptSecret(base32), enabledAt: new Date() });
    const [{ totpSecret: oldStored }] = await getDb().select({ totpSecret: users.totpSecret }).from(users).where(eq(users.id, current.id));

    rotate(OLD);
    expect(openSecret(oldStored!)).toEqual({ base32, stale: true });
    const code = new TOTP({ secret: Secret.fromBase32(base32), digits: 6, period: 30 }).generate();
    expect(await acceptTotpCode(current, code)).toBe(true);
    // Scoped to this test's municipality: on PostgreSQL other test files share the database.
    expect(await reencryptStaleTotpSecrets({ municipalityId: current.municipalityId })).toBe(1);
    expect(await reencryptStaleTotpSecrets({ municipalityId: current.municipalityId })).toBe(0);
    const [{ totpSecret: newStored }] = await getDb().select({ totpSecret: users.totpSecret }).from(users).where(eq(users.id, current.id));
    expect(newStored).not.toBe(oldStored);

    rotate(undefined);
    expect(openSecret(newStored!)).toEqual({ base32, stale: false });
    expect(() => openSecret(oldStored!)).toThrow(/cannot be decrypted/);
  });

  it("refuses a previous secret shorter than 32 characters", () => {
    process.env.SESSION_SECRET_PREVIOUS = "too-short";
    resetEnv();
    expect(() => openSecret("x.y.z")).toThrow(/SESSION_SECRET_PREVIOUS/);
  });
});
