import { and, eq, inArray } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, loginThrottles } from "#db/schema";
import { delayAfter } from "~/lib/throttle.server";
import { currentCode, encryptSecret, newSecret } from "~/lib/totp.server";
import { setTotp } from "~/models/user.server";
import { login } from "~/server/auth.server";
import * as loginRoute from "~/routes/login";
import * as codeRoute from "~/routes/login_.code";
import * as settings from "~/routes/settings";
import { createWorld, currentUsers, sessionCookieFor, TEST_PASSWORD } from "../factories";
import { callRoute, type RouteResult } from "../routes";

// Each test signs in from addresses of its own (TEST-NET-2): on PostgreSQL every file shares one database.
let nextAddress = 1;
const address = () => `198.51.100.${nextAddress++}`;

const signIn = (email: string, password: string, clientIp: string) =>
  callRoute(loginRoute.action, { path: "/login", method: "POST", form: { email, password }, context: { clientIp } });
const enterCode = (cookie: string, code: string, clientIp: string) =>
  callRoute(codeRoute.action, { path: "/login/code", method: "POST", cookie, form: { code }, context: { clientIp } });
const changePassword = (cookie: string, current: string, clientIp: string, next = "en ny och lång mening här") =>
  callRoute(settings.action, {
    path: "/settings",
    method: "POST",
    cookie,
    form: { intent: "password", current, next, confirm: next },
    context: { clientIp },
  });

const says = (result: RouteResult, key: string) => JSON.stringify(result.data ?? null).includes(key);
const locked = (result: RouteResult) => result.status === 200 && says(result, "auth:errors.locked|");
const signedIn = (result: RouteResult) => result.status === 302;

/** Moves the clock (Date only: the database and the timers keep running). */
function clockAt(time: number) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(time);
}

afterEach(() => {
  vi.useRealTimers();
});

async function throttleRow(key: string) {
  const [row] = await getDb().select().from(loginThrottles).where(eq(loginThrottles.key, key));
  return row ?? null;
}

/** A user with a second factor switched on, and their secret. */
async function withSecondFactor() {
  const world = await createWorld();
  const { staff } = await currentUsers(world, "staff");
  const secret = newSecret();
  await setTotp(staff, { secret: encryptSecret(secret), enabledAt: new Date() });
  return { user: staff, secret };
}

/** Not the current code (a neighbouring step's code could match it, about once in 500 000). */
const wrongCode = (secret: string) => String((Number(currentCode(secret)) + 500_000) % 1_000_000).padStart(6, "0");

/** Signs in with the password (what the login route does) and returns the half-signed-in session's cookie. */
async function passwordStep(email: string, ip: string) {
  const result = await login({ email, password: TEST_PASSWORD, ip, requestId: `pw-${ip}` });
  expect(result).toMatchObject({ ok: true, secondFactorPending: true });
  return result.ok ? result.setCookie.split(";")[0] : "";
}

describe("a correct password at a shared address", () => {
  it("never counts as a failure: it neither locks the address again nor keeps its failures fresh", async () => {
    const { user } = await createWorld();
    const school = address();
    const t0 = Date.now();
    clockAt(t0);
    // Twenty typos by different people behind the school's one address: the twentieth locks it for 30 s.
    for (let i = 0; i < 20; i++) {
      expect(says(await signIn(`nobody${i}@test.example`, "fel", school), "auth:errors.invalidCredentials")).toBe(true);
    }
    expect(locked(await signIn(user.staff.email, TEST_PASSWORD, school))).toBe(true);

    // The lock has run out: a teacher signs in, and the next person is not locked out by it.
    clockAt(t0 + 31_000);
    expect(signedIn(await signIn(user.staff.email, TEST_PASSWORD, school))).toBe(true);
    expect(signedIn(await signIn(user.principal.email, TEST_PASSWORD, school))).toBe(true);
    clockAt(t0 + 30 * 60_000);
    expect(signedIn(await signIn(user.coordinator.email, TEST_PASSWORD, school))).toBe(true);
    const row = await throttleRow(`ip:${school}`);
    expect(row).toMatchObject({ failures: 20, lockedUntil: null });
    expect(row?.lastFailureAt.getTime()).toBe(t0);

    // An hour after the last failure (not the last sign-in) the address starts from zero again.
    clockAt(t0 + 61 * 60_000);
    expect(says(await signIn("nobody-late@test.example", "fel", school), "auth:errors.invalidCredentials")).toBe(true);
    expect(signedIn(await signIn(user.investigator.email, TEST_PASSWORD, school))).toBe(true);
    expect(await throttleRow(`ip:${school}`)).toMatchObject({ failures: 1, lockedUntil: null });
  });

  it("still lets real failures lock the address, whoever signs in between them", async () => {
    const { user } = await createWorld();
    const school = address();
    for (let i = 0; i < 19; i++) {
      await signIn(`nobody${i}@test.example`, "fel", school);
      expect(signedIn(await signIn(user.staff.email, TEST_PASSWORD, school))).toBe(true);
    }
    expect(says(await signIn("nobody-20@test.example", "fel", school), "auth:errors.invalidCredentials")).toBe(true);
    expect(locked(await signIn(user.principal.email, TEST_PASSWORD, school))).toBe(true);
  });
});

describe("one-time codes on their own counter", () => {
  it("five wrong codes lock the code step; the password again does not give fresh guesses", async () => {
    const { user, secret } = await withSecondFactor();
    const home = address();
    const t0 = Date.now();
    clockAt(t0);
    let pending = await passwordStep(user.email, home);
    const wrong = wrongCode(secret);
    for (let i = 0; i < 5; i++) {
      expect(says(await enterCode(pending, wrong, home), "auth:errors.codeInvalid")).toBe(true);
    }
    expect(says(await enterCode(pending, wrong, home), "auth:errors.tooManyCodes")).toBe(true);

    // The password again (from another address, too): a correct password clears only the password counter.
    pending = await passwordStep(user.email, address());
    const refused = await enterCode(pending, currentCode(secret), home);
    expect(says(refused, "auth:errors.tooManyCodes")).toBe(true);
    expect(says(await enterCode(pending, currentCode(secret), address()), "auth:errors.tooManyCodes")).toBe(true);

    // After the lock, a correct code signs in and clears the code counter.
    clockAt(t0 + 31_000);
    const done = await enterCode(pending, currentCode(secret), home);
    expect(done).toMatchObject({ status: 302 });
    pending = await passwordStep(user.email, home);
    for (let i = 0; i < 5; i++) {
      expect(says(await enterCode(pending, wrong, home), "auth:errors.codeInvalid")).toBe(true);
    }
  });

  it("lets no more than five parallel code guesses through, while the password is entered again at the same time", async () => {
    const { user, secret } = await withSecondFactor();
    const home = address();
    const pending = await passwordStep(user.email, home);
    const wrong = wrongCode(secret);
    const results = await Promise.all([
      ...Array.from({ length: 12 }, () => enterCode(pending, wrong, home)),
      ...Array.from({ length: 3 }, () => signIn(user.email, TEST_PASSWORD, address())),
    ]);
    const codes = results.slice(0, 12);
    expect(codes.filter((r) => says(r, "auth:errors.codeInvalid"))).toHaveLength(5);
    expect(codes.filter((r) => says(r, "auth:errors.tooManyCodes"))).toHaveLength(7);
    expect(results.slice(12).every(signedIn)).toBe(true);
  });
});

describe("the current password on /settings", () => {
  it("is limited like sign-in, on the same account counter, and every failure is audited without what was typed", async () => {
    const { user } = await createWorld();
    const cookie = await sessionCookieFor(user.principal);
    const here = address();
    const t0 = Date.now();
    clockAt(t0);
    const guesses = ["gissning-ett", "gissning-två", "gissning-tre", "gissning-fyra", "gissning-fem"];
    for (const guess of guesses) {
      const wrong = await changePassword(cookie, guess, here);
      expect(wrong.status).toBe(200);
      expect(says(wrong, "auth:errors.currentWrong")).toBe(true);
    }
    // Even the right password is refused now, with sign-in's message and status; sign-in is locked too.
    const refused = await changePassword(cookie, TEST_PASSWORD, here);
    expect(locked(refused)).toBe(true);
    expect(locked(await signIn(user.principal.email, TEST_PASSWORD, address()))).toBe(true);

    const events = await getDb()
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.userId, user.principal.id), inArray(auditEvents.action, ["login.failure", "login.locked"])),
      );
    const failures = events.filter((e) => e.action === "login.failure");
    expect(failures).toHaveLength(5);
    expect(events.filter((e) => e.action === "login.locked")).toHaveLength(2);
    for (const event of failures) {
      expect(event.municipalityId).toBe(user.principal.municipalityId);
      expect(event.recordType).toBeNull();
    }
    const written = JSON.stringify(events);
    for (const typed of [...guesses, TEST_PASSWORD, "en ny och lång mening här"]) expect(written).not.toContain(typed);

    // When the lock has run out the right password changes it, and the account starts afresh.
    clockAt(t0 + 31_000);
    expect(await changePassword(cookie, TEST_PASSWORD, here)).toMatchObject({
      status: 302,
      location: "/settings?notice=passwordChanged",
    });
    expect(await throttleRow(`account:${user.principal.email.toLowerCase()}`)).toBeNull();
    expect(await throttleRow(`ip:${here}`)).toMatchObject({ failures: 5, lockedUntil: null });
  });

  it("limits the code that switches the second factor off, and audits each wrong one", async () => {
    const { user, secret } = await withSecondFactor();
    const cookie = await sessionCookieFor(user);
    const here = address();
    const wrong = wrongCode(secret);
    const remove = (code: string) =>
      callRoute(settings.action, {
        path: "/settings",
        method: "POST",
        cookie,
        form: { intent: "totp-remove", code },
        context: { clientIp: here },
      });
    for (let i = 0; i < 5; i++) expect((await remove(wrong)).data).toEqual({ error: "auth:errors.codeInvalid" });
    expect((await remove(currentCode(secret))).data).toEqual({ error: "auth:errors.tooManyCodes" });
    const failures = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.userId, user.id), eq(auditEvents.action, "login.failure")));
    expect(failures).toHaveLength(5);
    expect(JSON.stringify(failures)).not.toContain(wrong);
  });
});

describe.skipIf(process.env.TEST_DB !== "postgres")("a shared address under parallel sign-ins (PostgreSQL)", () => {
  it("keeps exactly the failures, and the lock they alone give, however successes and failures interleave", async () => {
    const world = await createWorld();
    const people = Object.values(world.user).filter((u) => u.active);
    // Below the limit, at it with its lock run out, and past it: the failures from 16 minutes ago lock no longer.
    for (const [round, before] of [14, 16, 18, 19, 20, 23].entries()) {
      const school = address();
      const lastFailureAt = new Date(Date.now() - 16 * 60_000);
      const lock = delayAfter(before, 20);
      await getDb()
        .insert(loginThrottles)
        .values({
          key: `ip:${school}`,
          failures: before,
          lastFailureAt,
          lockedUntil: lock ? new Date(lastFailureAt.getTime() + lock) : null,
        });
      const results = await Promise.all([
        ...people.slice(0, 8).map((u) => signIn(u.email, TEST_PASSWORD, school)),
        ...Array.from({ length: 4 }, (_, i) => signIn(`nobody${round}-${i}@test.example`, "fel", school)),
      ]);
      const failed = results.filter((r) => says(r, "auth:errors.invalidCredentials")).length;
      const row = await throttleRow(`ip:${school}`);
      expect(row?.failures).toBe(before + failed);
      // The lock in force is the one the counted failures give from the last of them, or none.
      const now = Date.now();
      const due = delayAfter(row!.failures, 20);
      const expected = due > 0 && row!.lastFailureAt.getTime() + due > now ? row!.lastFailureAt.getTime() + due : null;
      const actual = row?.lockedUntil && row.lockedUntil.getTime() > now ? row.lockedUntil.getTime() : null;
      expect(actual).toBe(expected);
    }
  });
});
