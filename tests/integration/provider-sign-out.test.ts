import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, sessions } from "#db/schema";
import { env, oidcSecretSuffix, resetEnv } from "~/lib/env.server";
import { runInRequest } from "~/lib/request-context.server";
import * as loginRoute from "~/routes/login";
import * as backchannel from "~/routes/login_.oidc.backchannel";
import * as logout from "~/routes/logout";
import { freePort } from "../../scripts/free-port";
import { sessionCookieFor, testContext } from "../factories";
import { CLIENT_ID, providerSignInFixture } from "../provider-sign-in";
import { callRoute } from "../routes";

// Signing out of a session begun at the municipality's provider (issue 25, item 4): RP-initiated logout sends the
// browser on to the real provider (oidc-provider on 127.0.0.1), and the provider's back-channel logout ends the portal
// session. The provider's own back-channel POSTs reach the portal's route through a small relay on 127.0.0.1 (the
// route runs in this process, on the test database); tests/server/provider-sign-out.test.ts sends them to the built
// server instead, through its origin check.

const BACKCHANNEL_EVENT = { "http://schemas.openid.net/event/backchannel-logout": {} };
let relay: Server;
let relayPort = 0;
/** What the portal's back-channel route answered the provider, in order. */
let relayed: { status: number; cacheControl: string | null; body: string }[] = [];
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  // The portal's back-channel endpoint, as the provider reaches it: the route's action behind a plain HTTP server.
  relayPort = await freePort();
  relay = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = new Request(`http://localhost${req.url}`, {
      method: req.method,
      headers: { "Content-Type": req.headers["content-type"] ?? "" },
      body: Buffer.concat(chunks),
    });
    const context = testContext();
    let response: Response;
    try {
      response = (await runInRequest(context.requestId, () =>
        backchannel.action({ request, params: {}, context }),
      )) as Response;
    } catch (thrown) {
      response = thrown instanceof Response ? thrown : new Response(null, { status: 500 });
    }
    const body = await response.text();
    relayed.push({ status: response.status, cacheControl: response.headers.get("Cache-Control"), body });
    res.writeHead(response.status).end(body);
  });
  await new Promise<void>((resolve) => relay.listen(relayPort, "127.0.0.1", resolve));
});

const oidc = providerSignInFixture({
  client: () => ({
    postLogoutRedirectUris: [`${env().publicUrl}/login`],
    // With a back-channel URI, oidc-provider puts `sid` in the ID token (and in its logout tokens).
    backchannelLogoutUri: `http://127.0.0.1:${relayPort}/login/oidc/backchannel`,
  }),
});

afterAll(async () => {
  relay?.closeAllConnections();
  await new Promise((resolve) => relay?.close(resolve));
});

beforeEach(() => {
  relayed = [];
});

/** A staff member known at the provider, with a portal account linked at their first sign-in. */
async function staffAtProvider(name: string) {
  const at = oidc.person(name);
  return { ...at, user: await oidc.staffWith(at.email) };
}

/** The whole sign-in in a browser of its own: its session cookie and the browser. */
async function signIn(sub: string) {
  const { answer, session, browser } = await oidc.signInAs(sub);
  expect(answer.location).toBe("/inbox");
  if (!session) throw new Error("no session cookie");
  return { cookie: session, browser };
}

/** The provider's sids of a user's provider sessions (one per sign-in), oldest first. */
async function providerSids(userId: string) {
  const rows = await getDb()
    .select({ sid: sessions.providerSid })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.providerIssuer, oidc.provider().issuer)))
    .orderBy(sessions.createdAt);
  return rows.map((row) => {
    if (!row.sid) throw new Error("a provider session without the provider's sid");
    return row.sid;
  });
}

/** Whether the cookie still signs its browser in: the login page sends a signed-in user on (302), shows itself (200). */
async function signedIn(cookie: string) {
  const page = await callRoute(loginRoute.loader, { path: "/login", cookie });
  return page.status === 302;
}

async function logoutRows() {
  return getDb()
    .select({ userId: auditEvents.userId, details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.municipalityId, oidc.world().municipality.id), eq(auditEvents.action, "logout")))
    .orderBy(auditEvents.id);
}

/** A logout token as the provider would sign it, with `claims` changed or added. */
function logoutToken(claims: Record<string, unknown>, key: "published" | "unpublished" = "published") {
  return oidc.provider().sign(
    {
      iss: oidc.provider().issuer,
      aud: CLIENT_ID,
      iat: now(),
      jti: randomUUID(),
      events: BACKCHANNEL_EVENT,
      ...claims,
    },
    key,
  );
}

/** Posts a logout token to the route as a provider would: the route's Response itself, for its headers. */
async function postLogoutToken(token: string, requestId = `test-${randomUUID()}`) {
  const request = new Request("http://localhost/login/oidc/backchannel", {
    method: "POST",
    body: new URLSearchParams({ logout_token: token }),
  });
  const context = testContext({ requestId });
  return (await runInRequest(requestId, () => backchannel.action({ request, params: {}, context }))) as Response;
}

describe("back-channel logout from the municipality's provider", () => {
  it("ends exactly the session the provider's own logout token names, within one request", async () => {
    const anna = await staffAtProvider("anna");
    const bo = await staffAtProvider("bo");
    const annaFirst = await signIn(anna.sub);
    const annaSecond = await signIn(anna.sub);
    const boSession = await signIn(bo.sub);
    const annaPassword = await sessionCookieFor(anna.user);
    // One session at the provider per browser, each with its own sid; the first browser's is the older session.
    const sids = await providerSids(anna.user.id);
    expect(sids).toHaveLength(2);
    expect(new Set(sids).size).toBe(2);
    const firstSid = sids[0];
    for (const c of [annaFirst.cookie, annaSecond.cookie, boSession.cookie, annaPassword]) {
      expect(await signedIn(c)).toBe(true);
    }

    // The provider itself posts its logout token to the portal's back channel.
    await oidc.provider().sendBackchannelLogout(CLIENT_ID, anna.sub, firstSid);
    expect(relayed).toEqual([{ status: 200, cacheControl: "no-store", body: "" }]);

    expect(await signedIn(annaFirst.cookie)).toBe(false);
    expect(await signedIn(annaSecond.cookie)).toBe(true);
    expect(await signedIn(boSession.cookie)).toBe(true);
    expect(await signedIn(annaPassword)).toBe(true);
    expect(await logoutRows()).toEqual([{ userId: anna.user.id, details: { method: "oidc", by: "provider" } }]);
  });

  it("ends every provider session of the user a token names by `sub` only, and no password session", async () => {
    const anna = await staffAtProvider("anna");
    const bo = await staffAtProvider("bo");
    const annaFirst = await signIn(anna.sub);
    const annaSecond = await signIn(anna.sub);
    const boSession = await signIn(bo.sub);
    const annaPassword = await sessionCookieFor(anna.user);

    const response = await postLogoutToken(await logoutToken({ sub: anna.sub }));
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");

    expect(await signedIn(annaFirst.cookie)).toBe(false);
    expect(await signedIn(annaSecond.cookie)).toBe(false);
    expect(await signedIn(boSession.cookie)).toBe(true);
    expect(await signedIn(annaPassword)).toBe(true);
    expect(await logoutRows()).toEqual([
      { userId: anna.user.id, details: { method: "oidc", by: "provider" } },
      { userId: anna.user.id, details: { method: "oidc", by: "provider" } },
    ]);
  });

  it("answers 200 to a valid token when no session is left to end", async () => {
    const anna = await staffAtProvider("anna");
    const response = await postLogoutToken(await logoutToken({ sub: anna.sub, sid: "ended-long-ago" }));
    expect(response.status).toBe(200);
    expect(await logoutRows()).toEqual([]);
  });

  it.each([
    ["a key the provider does not publish", { sub: "SUB" }, "unpublished" as const],
    ["another audience", { sub: "SUB", aud: "another-service" }, "published" as const],
    ["another issuer", { sub: "SUB", iss: "https://idp.elsewhere.example" }, "published" as const],
    ["an old token", { sub: "SUB", iat: now() - 3600 }, "published" as const],
    ["no logout event (an ID token passed off as one)", { sub: "SUB", events: undefined, nonce: "n" }, "published"],
    ["neither sub nor sid", {}, "published" as const],
  ] as const)("refuses a token with %s: 400, no reason given, nothing ended", async (_what, claims, key) => {
    const anna = await staffAtProvider("anna");
    const { cookie } = await signIn(anna.sub);
    const sub = "sub" in claims ? { sub: anna.sub } : {};
    const token = await logoutToken({ ...claims, ...sub }, key);
    const response = await postLogoutToken(token);
    expect(response.status).toBe(400);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.text()).toBe("");
    expect(await signedIn(cookie)).toBe(true);
    expect(await logoutRows()).toEqual([]);
  });

  it("refuses what is not a logout token at all", async () => {
    const forms: Record<string, string>[] = [{ logout_token: "not.a.jwt" }, { logout_token: "" }, {}];
    for (const form of forms) {
      const answer = await callRoute(backchannel.action, { path: "/login/oidc/backchannel", method: "POST", form });
      expect(answer.status).toBe(400);
    }
  });
});

describe("signing out of a session begun at the provider", () => {
  it("ends the portal session, then sends the browser to the provider's end-session endpoint", async () => {
    const anna = await staffAtProvider("anna");
    const { cookie, browser } = await signIn(anna.sub);
    const out = await callRoute(logout.action, { path: "/logout", method: "POST", cookie });
    expect(out.status).toBe(302);
    expect(out.cookies).toEqual([expect.stringMatching(/^tillsammans_session=;.*Max-Age=0/)]);
    expect(await signedIn(cookie)).toBe(false);
    expect(await logoutRows()).toEqual([{ userId: anna.user.id, details: { method: "oidc" } }]);

    const url = new URL(out.location ?? "");
    const discovery = await (await fetch(`${oidc.provider().issuer}/.well-known/openid-configuration`)).json();
    expect(url.origin + url.pathname).toBe(discovery.end_session_endpoint);
    // No id_token_hint: the portal keeps no ID tokens.
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: CLIENT_ID,
      post_logout_redirect_uri: `${env().publicUrl}/login`,
    });

    // The provider accepts it: the user confirms there, and comes back to the portal's login page. Its own
    // back-channel logout reaches the portal too, and finds the session already ended.
    const back = await browser.signOut(url);
    expect(back.href).toBe(`${env().publicUrl}/login`);
    expect(relayed).toEqual([{ status: 200, cacheControl: "no-store", body: "" }]);
    expect(await logoutRows()).toHaveLength(1);
  });

  it("goes to the login page as before for a password session, or when the provider is not configured", async () => {
    const anna = await staffAtProvider("anna");
    const password = await sessionCookieFor(anna.user);
    const out = await callRoute(logout.action, { path: "/logout", method: "POST", cookie: password });
    expect(out).toMatchObject({ status: 302, location: "/login" });
    expect(await signedIn(password)).toBe(false);

    const { cookie } = await signIn(anna.sub);
    delete process.env[`OIDC_CLIENT_SECRET_${oidcSecretSuffix(oidc.slug())}`];
    resetEnv();
    const unconfigured = await callRoute(logout.action, { path: "/logout", method: "POST", cookie });
    expect(unconfigured).toMatchObject({ status: 302, location: "/login" });
    expect(await signedIn(cookie)).toBe(false);
    expect(await logoutRows()).toEqual([
      { userId: anna.user.id, details: null },
      { userId: anna.user.id, details: { method: "oidc" } },
    ]);
  });
});
