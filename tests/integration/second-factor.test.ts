import { afterEach, describe, expect, it } from "vitest";
import { login } from "~/server/auth.server";
import { resetEnv } from "~/lib/env.server";
import { currentCode, decryptSecret } from "~/lib/totp.server";
import { eq } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { users } from "#db/schema";
import * as codeRoute from "~/routes/login_.code";
import * as settings from "~/routes/settings";
import * as home from "~/routes/_index";
import { createWorld, sessionCookieFor, TEST_PASSWORD } from "../factories";
import { callRoute } from "../routes";

afterEach(() => {
  process.env.DEMO_MODE = "1";
  resetEnv();
});

async function enrol(cookie: string, userId: string) {
  expect(
    (await callRoute(settings.action, { path: "/settings", method: "POST", cookie, form: { intent: "totp-start" } }))
      .status,
  ).toBe(302);
  const [row] = await getDb().select({ secret: users.totpSecret }).from(users).where(eq(users.id, userId));
  const secret = decryptSecret(row.secret!);
  const wrong = await callRoute(settings.action, {
    path: "/settings",
    method: "POST",
    cookie,
    form: { intent: "totp-confirm", code: "000000" === currentCode(secret) ? "111111" : "000000" },
  });
  expect(wrong.data).toEqual({ error: "auth:errors.codeInvalid" });
  const code = currentCode(secret);
  const right = await callRoute(settings.action, {
    path: "/settings",
    method: "POST",
    cookie,
    form: { intent: "totp-confirm", code },
  });
  expect(right.status).toBe(302);
  return { secret, code };
}

describe("second factor", () => {
  it("cannot be switched off by starting a new enrolment", async () => {
    const { user } = await createWorld();
    const cookie = await sessionCookieFor(user.staff);
    await enrol(cookie, user.staff.id);
    const restart = await callRoute(settings.action, {
      path: "/settings",
      method: "POST",
      cookie,
      form: { intent: "totp-start" },
    });
    expect(restart.data).toEqual({ error: "auth:errors.secondFactorAlreadyOn" });
    const result = await login({ email: user.staff.email, password: TEST_PASSWORD, ip: "10.1.1.2", requestId: "t2" });
    expect(result).toMatchObject({ ok: true, secondFactorPending: true });
  });

  it("once enrolled, login waits for a correct code before any page opens", async () => {
    const { user } = await createWorld();
    const { secret, code: usedCode } = await enrol(await sessionCookieFor(user.staff), user.staff.id);

    const result = await login({ email: user.staff.email, password: TEST_PASSWORD, ip: "10.1.1.1", requestId: "t" });
    expect(result).toMatchObject({ ok: true, secondFactorPending: true });
    if (!result.ok) return;
    const pending = result.setCookie.split(";")[0];
    const blocked = await callRoute(home.loader, { path: "/", cookie: pending });
    expect(blocked).toMatchObject({ status: 302, location: "/login/code" });

    const bad = await callRoute(codeRoute.action, {
      path: "/login/code",
      method: "POST",
      cookie: pending,
      form: { code: "12345x" },
    });
    expect(bad.status).toBe(200);
    const wrongCode = String((Number(currentCode(secret)) + 1) % 1_000_000).padStart(6, "0");
    const wrong = await callRoute(codeRoute.action, {
      path: "/login/code",
      method: "POST",
      cookie: pending,
      form: { code: wrongCode },
    });
    expect(JSON.stringify(wrong.data)).toContain("auth:errors.codeInvalid");
    // The code used to enrol a moment ago is spent: the same code does not work twice.
    const replay = await callRoute(codeRoute.action, {
      path: "/login/code",
      method: "POST",
      cookie: pending,
      form: { code: usedCode },
    });
    expect(replay.status).toBe(200);
    expect(JSON.stringify(replay.data)).toContain("auth:errors.codeInvalid");
    const good = await callRoute(codeRoute.action, {
      path: "/login/code",
      method: "POST",
      cookie: pending,
      // The next step's code (one step of drift is allowed): a fresh code, not yet used.
      form: { code: currentCode(secret, Date.now() + 30_000), redirectTo: "/inbox" },
    });
    expect(good).toMatchObject({ status: 302, location: "/inbox" });
    // The pending cookie is dead; a new session id was issued with the second factor.
    expect((await callRoute(home.loader, { path: "/", cookie: pending })).status).toBe(302);
  });

  it("outside demo mode, reception workers and admins must enrol before anything else", async () => {
    process.env.DEMO_MODE = "0";
    resetEnv();
    const { user } = await createWorld();
    const cookie = await sessionCookieFor(user.reception_worker);
    expect(await callRoute(home.loader, { path: "/", cookie })).toMatchObject({
      status: 302,
      location: "/settings?secondFactor=required",
    });
    expect((await callRoute(settings.loader, { path: "/settings", cookie })).status).toBe(200);
    // Teachers are not forced.
    expect((await callRoute(home.loader, { path: "/", cookie: await sessionCookieFor(user.staff) })).status).toBe(200);

    await enrol(cookie, user.reception_worker.id);
    expect((await callRoute(home.loader, { path: "/", cookie })).status).toBe(200);
    // And it cannot be switched off again.
    const off = await callRoute(settings.action, {
      path: "/settings",
      method: "POST",
      cookie,
      form: { intent: "totp-remove", code: "000000" },
    });
    expect(off.data).toEqual({ error: "auth:errors.secondFactorRequired" });
  });
});
