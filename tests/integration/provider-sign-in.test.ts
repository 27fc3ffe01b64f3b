import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { userIdentities, users } from "#db/schema";
import { oidcSecretSuffix, resetEnv } from "~/lib/env.server";
import { getCurrentUser } from "~/models/user.server";
import { saveIdentityProvider } from "~/models/identity.server";
import { login } from "~/server/auth.server";
import * as loginRoute from "~/routes/login";
import * as start from "~/routes/login_.oidc";
import * as callback from "~/routes/login_.oidc.callback";
import { getSession } from "~/lib/session.server";
import { needsStepUp } from "~/lib/step-up.server";
import * as inboxRoute from "~/routes/inbox._index";
import * as confirm from "~/routes/login_.confirm";
import { createUser, TEST_PASSWORD } from "../factories";
import { LOA3, TestBrowser } from "../oidc-provider";
import { providerSignInFixture } from "../provider-sign-in";
import { callRoute } from "../routes";

// Sign-in through the municipality's own provider (issue 25): the portal's routes against a real OpenID provider
// (oidc-provider on 127.0.0.1), its login page walked with fetch; the portal's side runs on the test database.

const oidc = providerSignInFixture();
const { person, staffWith, pressButton, signInAs, auditOf } = oidc;

describe("sign-in through the municipality's provider", () => {
  it("offers the provider on the login page only when its client secret is set", async () => {
    const page = await callRoute(loginRoute.loader, { path: "/login" });
    expect((page.data as { providers: unknown[] }).providers).toContainEqual({
      municipalityId: oidc.world().municipality.id,
      displayName: "Norrstad",
    });
    delete process.env[`OIDC_CLIENT_SECRET_${oidcSecretSuffix(oidc.slug())}`];
    resetEnv();
    const without = await callRoute(loginRoute.loader, { path: "/login" });
    expect(
      (without.data as { providers: { municipalityId: string }[] }).providers.map((p) => p.municipalityId),
    ).not.toContain(oidc.world().municipality.id);
    const pressed = await callRoute(start.loader, {
      path: `/login/oidc?${new URLSearchParams({ municipality: oidc.world().municipality.id })}`,
    });
    expect(pressed.location).toBe("/login?signInError=unavailable");
  });

  it("sends PKCE, state and nonce, and keeps them server-side, not in the browser's cookie", async () => {
    const { url, cookie } = await pressButton();
    expect(url.origin).toBe(oidc.provider().issuer);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    for (const name of ["state", "nonce", "code_challenge"]) {
      const value = url.searchParams.get(name) ?? "";
      expect(value.length).toBeGreaterThan(20);
      expect(cookie).not.toContain(value);
    }
  });

  it("links an existing account once by a verified e-mail, then finds it by the provider's subject", async () => {
    const annaAt = person("anna");
    const anna = await staffWith(annaAt.email);
    const { answer, session } = await signInAs(annaAt.sub);
    expect(answer.status).toBe(302);
    expect(answer.location).toBe("/inbox");
    expect(session).toMatch(/^tillsammans_session=.{20,}/);
    // The pending sign-in's cookie is cleared.
    expect(answer.cookies.some((c) => c.startsWith("tillsammans_oidc=;") && c.includes("Max-Age=0"))).toBe(true);
    const page = await callRoute(loginRoute.loader, { path: "/login", cookie: session });
    expect(page).toMatchObject({ status: 302, location: "/" });

    const links = await getDb().select().from(userIdentities).where(eq(userIdentities.userId, anna.id));
    expect(links).toMatchObject([
      { issuer: oidc.provider().issuer, subject: annaAt.sub, municipalityId: oidc.world().municipality.id },
    ]);
    expect(await auditOf("identity.linked")).toEqual([{ userId: anna.id, recordId: anna.id, details: null }]);

    // The address changes at the provider: the subject still finds her, and nothing is linked again.
    await getDb()
      .update(users)
      .set({ email: `renamed-${annaAt.email}` })
      .where(eq(users.id, anna.id));
    const again = await signInAs(annaAt.sub);
    expect(again.answer.location).toBe("/inbox");
    expect(await auditOf("identity.linked")).toHaveLength(1);
    expect((await auditOf("login.success")).map((row) => row.details)).toEqual([
      { method: "oidc" },
      { method: "oidc" },
    ]);
  });

  it("refuses, with a message and an audit row, a user the portal does not know or whose e-mail is unverified", async () => {
    const bo = person("bo", { emailVerified: false });
    await staffWith(bo.email);
    for (const { sub } of [person("nobody"), bo]) {
      const { answer } = await signInAs(sub);
      expect(answer.location).toBe("/login?signInError=unknown&redirectTo=%2Finbox");
    }
    expect(
      await getDb()
        .select()
        .from(userIdentities)
        .where(eq(userIdentities.municipalityId, oidc.world().municipality.id)),
    ).toEqual([]);
    expect((await auditOf("login.failure")).map((row) => row.details)).toEqual([
      { method: "oidc", reason: "unknown" },
      { method: "oidc", reason: "unknown" },
    ]);
    const page = await callRoute(loginRoute.loader, { path: "/login?signInError=unknown" });
    expect(page.data).toMatchObject({ signInError: "unknown" });
    const made = await callRoute(loginRoute.loader, { path: "/login?signInError=<script>" });
    expect(made.data).toMatchObject({ signInError: null });
  });

  it("refuses a deactivated account", async () => {
    const gone = person("gone");
    await staffWith(gone.email, false);
    const { answer } = await signInAs(gone.sub);
    expect(answer.location).toContain("signInError=inactive");
    expect((await auditOf("login.failure")).map((row) => row.details)).toEqual([
      { method: "oidc", reason: "inactive" },
    ]);
  });

  it("takes an answer only in the browser that asked, and only once", async () => {
    const anna = person("anna");
    await staffWith(anna.email);
    const requestIds = [randomUUID(), randomUUID()];
    const elsewhere = await signInAs(anna.sub, {
      cookie: () => "tillsammans_oidc=someone-elses",
      requestId: requestIds[0],
    });
    expect(elsewhere.answer.location).toBe("/login?signInError=state");
    const { answer, back, cookie } = await signInAs(anna.sub);
    expect(answer.location).toBe("/inbox");
    const resent = await callRoute(callback.loader, {
      path: `${back.pathname}${back.search}`,
      cookie,
      context: { requestId: requestIds[1] },
    });
    expect(resent.location).toBe("/login?signInError=state");
    expect((await auditOf("login.failure", requestIds)).map((row) => row.details)).toEqual([
      { method: "oidc", reason: "state" },
      { method: "oidc", reason: "state" },
    ]);
  });

  it.each([
    ["expired", { claims: { exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 } }],
    ["audience", { claims: { aud: "another-service" } }],
    ["issuer", { claims: { iss: "https://idp.elsewhere.example" } }],
    ["nonce", { claims: { nonce: "not-this-sign-in" } }],
    ["signature", { key: "unpublished" as const }],
  ])("refuses an ID token with the wrong %s, with a message and an audit row", async (reason, tampering) => {
    const anna = person("anna");
    await staffWith(anna.email);
    oidc.provider().tamperNextIdToken(tampering);
    const { answer } = await signInAs(anna.sub);
    expect(answer.location).toBe(`/login?signInError=${reason}&redirectTo=%2Finbox`);
    expect(answer.cookies.some((c) => c.startsWith("tillsammans_session="))).toBe(false);
    expect((await auditOf("login.failure")).map((row) => row.details)).toEqual([{ method: "oidc", reason }]);
    expect(await auditOf("login.success")).toEqual([]);
  });

  it("asks for the portal's own code next when the user has one", async () => {
    const annaAt = person("anna");
    const anna = await staffWith(annaAt.email);
    await getDb().update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, anna.id));
    const { answer } = await signInAs(annaAt.sub);
    expect(answer.location).toBe("/login/code?redirectTo=%2Finbox");
    expect((await auditOf("login.success")).map((row) => row.details)).toEqual([
      { method: "oidc", secondFactor: "pending" },
    ]);
  });

  it("refuses a portal password where the municipality allows only its own sign-in", async () => {
    await saveIdentityProvider({
      municipalityId: oidc.world().municipality.id,
      issuer: oidc.provider().issuer,
      clientId: "tillsammans",
      displayName: "Norrstad",
      passwordSignIn: false,
    });
    const staff = await getCurrentUser(oidc.world().user.staff.id, oidc.world().municipality.id);
    const result = await login({ email: staff?.email ?? "", password: TEST_PASSWORD, ip: "10.9.9.9", requestId: "r" });
    expect(result).toEqual({ ok: false, reason: "provider" });
    expect((await auditOf("login.failure")).map((row) => row.details)).toEqual([{ reason: "provider" }]);
  });
});

describe("the provider's multi-factor sign-in and the portal's own second factor (item 3)", () => {
  afterEach(() => {
    process.env.DEMO_MODE = "1";
    resetEnv();
  });

  async function sessionRow(cookie: string | undefined) {
    const found = await getSession(new Request("http://localhost/", { headers: { Cookie: cookie ?? "" } }));
    if (!found) throw new Error("no session");
    return found;
  }

  it("does not ask for the portal's code after a sign-in the provider says used more than one factor", async () => {
    const annaAt = person("anna", { acr: LOA3, amr: ["mfa", "hwk"] });
    const anna = await staffWith(annaAt.email);
    await getDb().update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, anna.id));
    const { answer, session } = await signInAs(annaAt.sub);
    expect(answer.location).toBe("/inbox");
    expect(await sessionRow(session)).toMatchObject({
      secondFactorPending: false,
      providerMfa: true,
      secondFactorAt: expect.any(Date),
    });
    expect((await auditOf("login.success")).map((row) => row.details)).toEqual([
      { method: "oidc", secondFactor: "provider" },
    ]);
  });

  it("counts an acr value only when the municipality named it as multi-factor", async () => {
    const bertilAt = person("bertil", { acr: LOA3, amr: [] });
    const bertil = await staffWith(bertilAt.email);
    await getDb().update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, bertil.id));
    expect((await signInAs(bertilAt.sub)).answer.location).toBe("/login/code?redirectTo=%2Finbox");
    await saveIdentityProvider({
      municipalityId: oidc.world().municipality.id,
      issuer: oidc.provider().issuer,
      clientId: "tillsammans",
      displayName: "Norrstad",
      passwordSignIn: true,
      mfaAcrValues: [LOA3],
    });
    expect((await signInAs(bertilAt.sub)).answer.location).toBe("/inbox");
  });

  it("lets a social-services user in without the portal's code only after a multi-factor sign-in", async () => {
    process.env.DEMO_MODE = "0";
    resetEnv();
    const world = oidc.world();
    const strong = person("stark", { amr: ["mfa"] });
    const weak = person("svag");
    for (const at of [strong, weak]) {
      await createUser({
        municipalityId: world.municipality.id,
        unitId: world.unit.reception.id,
        role: "reception_worker",
        email: at.email,
      });
    }
    const inbox = async (cookie?: string) => (await callRoute(inboxRoute.loader, { path: "/inbox", cookie })).location;
    expect(await inbox((await signInAs(strong.sub)).session)).toBeNull();
    expect(await inbox((await signInAs(weak.sub)).session)).toBe("/settings?secondFactor=required");
  });

  it("has a step-up signed in again at the provider, and the fresh sign-in counts for 15 minutes", async () => {
    // Outside demo mode, where a user with no second factor at all is sent to set one up.
    process.env.DEMO_MODE = "0";
    resetEnv();
    const annaAt = person("anna", { amr: ["mfa"] });
    await staffWith(annaAt.email);
    const { session } = await signInAs(annaAt.sub);
    const row = await sessionRow(session);
    const old = { receivedAt: new Date(Date.now() - 40 * 24 * 3600 * 1000) };
    const strength = { totpEnabled: false, secondFactorAt: row.secondFactorAt, providerMfa: true };
    expect(needsStepUp(strength, old)).toBeNull();
    expect(needsStepUp(strength, old, new Date(Date.now() + 16 * 60 * 1000))).toBe("code");
    expect(needsStepUp({ ...strength, providerMfa: false }, old)).toBe("enrol");

    const page = await callRoute(confirm.loader, { path: "/login/confirm?redirectTo=/reports", cookie: session });
    const again = (page.data as { again: string | null }).again;
    expect(again).toContain("reauthenticate=1");
    const started = await callRoute(start.loader, { path: again ?? "" });
    const url = new URL(started.location ?? "");
    expect(url.searchParams.get("prompt")).toBe("login");
    expect(url.searchParams.get("max_age")).toBe("0");
    const back = await new TestBrowser().signIn(url, annaAt.sub, "pw");
    const answer = await callRoute(callback.loader, {
      path: `${back.pathname}${back.search}`,
      cookie: [session, started.cookies[0].split(";")[0]].join("; "),
    });
    expect(answer.location).toBe("/reports");
    const fresh = answer.cookies.map((c) => c.split(";")[0]).find((c) => c.startsWith("tillsammans_session="));
    expect((await sessionRow(fresh)).secondFactorAt?.getTime()).toBeGreaterThan(row.secondFactorAt?.getTime() ?? 0);
    // The old session ended with the new sign-in.
    expect(await getSession(new Request("http://localhost/", { headers: { Cookie: session ?? "" } }))).toBeNull();
  });
});
