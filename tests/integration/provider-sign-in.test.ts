import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { userIdentities, users } from "#db/schema";
import { oidcSecretSuffix, resetEnv } from "~/lib/env.server";
import { getCurrentUser } from "~/models/user.server";
import { saveIdentityProvider } from "~/models/identity.server";
import { login } from "~/server/auth.server";
import * as loginRoute from "~/routes/login";
import * as start from "~/routes/login_.oidc";
import * as callback from "~/routes/login_.oidc.callback";
import { TEST_PASSWORD } from "../factories";
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
