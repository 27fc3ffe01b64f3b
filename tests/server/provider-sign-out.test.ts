/**
 * Back-channel logout through the built server (issue 25, item 4): the real provider (oidc-provider on 127.0.0.1)
 * posts its logout token to the running portal itself, server to server, with no cookie and no Origin, through
 * scripts/server.ts's origin and body checks and Remix. A fresh PostgreSQL database, so the test can configure the
 * demo municipality's provider and read the sessions and the audit trail. Needs TEST_DATABASE_URL (or DATABASE_URL)
 * and `remix build`; skipped without a database.
 */
import { and, eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "#db/client.server";
import { migrateDatabase } from "#db/migrate";
import { auditEvents, identityProviders, municipalities, sessions, users } from "#db/schema";
import { seedDemo } from "~/demo/seed.server";
import { oidcSecretSuffix } from "~/lib/env.server";
import { LOA3, startTestProvider, TestBrowser, type TestProvider } from "../oidc-provider";
import { CookieJar, request, startServer, type RunningServer } from "./helpers";

const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const SECRET = "portal-secret-portal-secret";
const CLIENT = "tillsammans";
const EMAIL = "larare@exempelstad.example";

describe.skipIf(!adminUrl)("back-channel logout posted by the provider to the running portal", () => {
  const name = `tillsammans_signout_${Date.now()}_${process.pid}`;
  let admin: ReturnType<typeof postgres>;
  let handle: DatabaseHandle;
  let server: RunningServer;
  let provider: TestProvider;
  let municipalityId: string;
  let userId: string;
  /** The server's PUBLIC_URL (its default, http://localhost:PORT): what the provider sends browsers back to. */
  let publicUrl: string;

  beforeAll(async () => {
    admin = postgres(adminUrl as string, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const direct = new URL(adminUrl as string);
    direct.pathname = `/${name}`;
    handle = openDatabase({ url: direct.toString() });
    await migrateDatabase(handle);
    await seedDemo(handle.db);
    const [teacher] = await handle.db
      .select({ id: users.id, municipalityId: users.municipalityId, slug: municipalities.slug })
      .from(users)
      .innerJoin(municipalities, eq(municipalities.id, users.municipalityId))
      .where(eq(users.email, EMAIL));
    ({ id: userId, municipalityId } = teacher);
    server = await startServer({
      DATABASE_URL: direct.toString(),
      DEMO_MODE: "1",
      [`OIDC_CLIENT_SECRET_${oidcSecretSuffix(teacher.slug)}`]: SECRET,
    });
    publicUrl = `http://localhost:${server.port}`;
    provider = await startTestProvider({
      clients: [
        {
          clientId: CLIENT,
          clientSecret: SECRET,
          redirectUris: [`${publicUrl}/login/oidc/callback`],
          postLogoutRedirectUris: [`${publicUrl}/login`],
          // The running portal itself, as a municipality registers PUBLIC_URL + /login/oidc/backchannel.
          backchannelLogoutUri: `${server.url}/login/oidc/backchannel`,
        },
      ],
      accounts: [{ sub: "johan", password: "pw", email: EMAIL, emailVerified: true, acr: LOA3, amr: ["mfa"] }],
    });
    await handle.db.insert(identityProviders).values({
      municipalityId,
      issuer: provider.issuer,
      clientId: CLIENT,
      displayName: "Exempelstad",
      passwordSignIn: true,
    });
  });

  afterAll(async () => {
    await provider?.stop();
    if (server && server.process.exitCode === null && server.process.signalCode === null) await server.stop();
    await handle?.close();
    if (admin) {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  /** Signs in through the provider in a browser of its own; the portal's cookies and the provider's browser. */
  async function signIn() {
    const jar = new CookieJar();
    const started = await request(server, `/login/oidc?${new URLSearchParams({ municipality: municipalityId })}`, {
      jar,
    });
    await started.body?.cancel();
    expect(started.status).toBe(302);
    const browser = new TestBrowser();
    const back = await browser.signIn(new URL(started.headers.get("Location") ?? ""), "johan", "pw");
    expect(back.origin).toBe(publicUrl);
    const answer = await request(server, `${back.pathname}${back.search}`, { jar });
    await answer.body?.cancel();
    expect(answer.headers.get("Location")).toBe("/");
    return { jar, browser };
  }

  async function signedIn(jar: CookieJar) {
    const page = await request(server, "/login", { jar: jar.clone() });
    await page.body?.cancel();
    return page.status === 302;
  }

  async function endSessionUrl() {
    const discovery = await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json();
    const url = new URL(discovery.end_session_endpoint);
    url.searchParams.set("client_id", CLIENT);
    url.searchParams.set("post_logout_redirect_uri", `${publicUrl}/login`);
    return url;
  }

  it("ends the session the user signed out of at the provider, and only that one", async () => {
    const first = await signIn();
    const second = await signIn();
    expect(await signedIn(first.jar)).toBe(true);
    expect(await signedIn(second.jar)).toBe(true);
    const before = await handle.db.select().from(sessions).where(eq(sessions.userId, userId));
    expect(before).toHaveLength(2);

    // Signing out at the provider (from another service, say): it posts its logout token to the portal.
    const back = await first.browser.signOut(await endSessionUrl());
    expect(back.href).toBe(`${publicUrl}/login`);
    expect(await signedIn(first.jar)).toBe(false);
    expect(await signedIn(second.jar)).toBe(true);
    expect(
      await handle.db
        .select({ userId: auditEvents.userId, details: auditEvents.details })
        .from(auditEvents)
        .where(and(eq(auditEvents.municipalityId, municipalityId), eq(auditEvents.action, "logout"))),
    ).toEqual([{ userId, details: { method: "oidc", by: "provider" } }]);

    // By subject only: the provider's own call fails unless the portal answers 200.
    await provider.sendBackchannelLogout(CLIENT, "johan");
    expect(await signedIn(second.jar)).toBe(false);
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, userId))).toEqual([]);
    expect(server.output()).not.toContain("cross-origin request refused");
    expect(server.output()).not.toContain("back-channel logout refused");
  });

  it("takes a logout token without an Origin, and refuses one a browser posts from another site", async () => {
    const forged = await fetch(`${server.url}/login/oidc/backchannel`, {
      method: "POST",
      body: new URLSearchParams({ logout_token: "not.a.token" }),
    });
    expect([forged.status, forged.headers.get("Cache-Control"), await forged.text()]).toEqual([400, "no-store", ""]);
    const crossSite = await request(server, "/login/oidc/backchannel", {
      form: { logout_token: "not.a.token" },
      headers: { Origin: "https://elsewhere.example", "Sec-Fetch-Site": "cross-site" },
    });
    await crossSite.body?.cancel();
    expect(crossSite.status).toBe(403);
  });

  it("signs out at the provider after the portal's own sign-out", async () => {
    const { jar, browser } = await signIn();
    const out = await request(server, "/logout", { jar, form: {} });
    await out.body?.cancel();
    expect(out.status).toBe(302);
    const to = new URL(out.headers.get("Location") ?? "");
    expect(to.origin).toBe(provider.issuer);
    expect(to.searchParams.get("client_id")).toBe(CLIENT);
    expect(await signedIn(jar)).toBe(false);
    const back = await browser.signOut(to);
    expect(back.href).toBe(`${publicUrl}/login`);
  });
});
