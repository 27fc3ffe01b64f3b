import { describe, expect, it } from "vitest";
import { login } from "~/server/auth.server";
import { getSession } from "~/lib/session.server";
import * as settings from "~/routes/settings";
import { createWorld, sessionCookieFor, TEST_PASSWORD } from "../factories";
import { callRoute } from "../routes";

const NEW_PASSWORD = "en ny och lång mening som lösenord";
const post = (cookie: string, form: Record<string, string>) =>
  callRoute(settings.action, { path: "/settings", method: "POST", cookie, form: { intent: "password", ...form } });
const request = (cookie: string) => new Request("http://localhost/", { headers: { Cookie: cookie } });

describe("changing one's own password", () => {
  it("needs the current password, a long enough new one typed twice, and keeps nothing typed", async () => {
    const { user } = await createWorld();
    const cookie = await sessionCookieFor(user.principal);
    const short = await post(cookie, { current: TEST_PASSWORD, next: "kort", confirm: "kort" });
    expect(JSON.stringify(short.data)).toContain("auth:errors.newPasswordTooShort");
    const mismatch = await post(cookie, { current: TEST_PASSWORD, next: NEW_PASSWORD, confirm: `${NEW_PASSWORD}!` });
    expect(JSON.stringify(mismatch.data)).toContain("auth:errors.confirmMismatch");
    const wrong = await post(cookie, { current: "inte rätt lösenord", next: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(JSON.stringify(wrong.data)).toContain("auth:errors.currentWrong");
    expect(JSON.stringify(wrong.data)).not.toContain(NEW_PASSWORD);
    // Nothing changed: the old password still works.
    expect(
      (await login({ email: user.principal.email, password: TEST_PASSWORD, ip: "10.2.0.1", requestId: "a" })).ok,
    ).toBe(true);
  });

  it("changes it, ends the user's other sessions and keeps this one", async () => {
    const { user } = await createWorld();
    const here = await sessionCookieFor(user.staff);
    const elsewhere = await sessionCookieFor(user.staff);
    const result = await post(here, { current: TEST_PASSWORD, next: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(result).toMatchObject({ status: 302, location: "/settings?notice=passwordChanged" });
    expect(await getSession(request(here))).not.toBeNull();
    expect(await getSession(request(elsewhere))).toBeNull();
    expect((await login({ email: user.staff.email, password: TEST_PASSWORD, ip: "10.2.0.2", requestId: "b" })).ok).toBe(
      false,
    );
    expect((await login({ email: user.staff.email, password: NEW_PASSWORD, ip: "10.2.0.3", requestId: "c" })).ok).toBe(
      true,
    );
  });
});
