import { createServer, type Server } from "node:http";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  beginSignIn,
  completeSignIn,
  endSessionUrl,
  forgetProviders,
  type OidcSettings,
  verifyLogoutToken,
} from "~/lib/oidc.server";
import { freePort } from "../../scripts/free-port";
import { LOA2, LOA3, startTestProvider, TestBrowser, type TestProvider } from "../oidc-provider";

// The whole authorization code flow against a real OpenID provider (oidc-provider) on 127.0.0.1, driven by fetch
// with a cookie jar through the provider's own login page; no browser, no database.

const BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout";

let provider: TestProvider;
let portal: Server;
let portalUrl: string;
let settings: OidcSettings;
let redirectUri: string;
/** Logout tokens the provider posted to the portal's back-channel endpoint. */
let logoutTokens: string[] = [];

beforeAll(async () => {
  const portalPort = await freePort();
  portalUrl = `http://127.0.0.1:${portalPort}`;
  redirectUri = `${portalUrl}/auth/oidc/callback`;
  portal = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const token = new URLSearchParams(Buffer.concat(chunks).toString("utf8")).get("logout_token");
    if (req.url === "/auth/oidc/backchannel" && token) logoutTokens.push(token);
    res.writeHead(200).end();
  });
  await new Promise<void>((resolve) => portal.listen(portalPort, "127.0.0.1", resolve));

  provider = await startTestProvider({
    clients: [
      {
        clientId: "portal",
        clientSecret: "portal-secret-portal-secret",
        redirectUris: [redirectUri],
        postLogoutRedirectUris: [`${portalUrl}/signed-out`],
        backchannelLogoutUri: `${portalUrl}/auth/oidc/backchannel`,
      },
      { clientId: "other", clientSecret: "other-secret-other-secret", redirectUris: [`${portalUrl}/other/callback`] },
    ],
    accounts: [
      {
        sub: "anna",
        password: "anna-pw",
        email: "anna@kommun.example",
        emailVerified: true,
        name: "Anna Andersson",
        groups: ["skola-norr-personal"],
        acr: LOA2,
        amr: ["pwd"],
      },
      {
        sub: "bertil",
        password: "bertil-pw",
        email: "bertil@kommun.example",
        emailVerified: false,
        name: "Bertil Berg",
        groups: ["soc-handlaggare", "skola-norr-rektor"],
        acr: LOA3,
        amr: ["mfa", "hwk"],
      },
    ],
  });
  settings = { issuer: provider.issuer, clientId: "portal", clientSecret: "portal-secret-portal-secret" };
});

afterAll(async () => {
  await provider?.stop();
  portal?.closeAllConnections();
  await new Promise((resolve) => portal?.close(resolve));
});

beforeEach(() => {
  forgetProviders();
  logoutTokens = [];
});

async function begin(s = settings) {
  const started = await beginSignIn(s, redirectUri);
  if (!started.ok) throw new Error(`beginSignIn refused: ${started.reason}`);
  return started;
}

/** Up to the provider's redirect back to the portal: the callback URL and what the portal kept. */
async function signInAtProvider(login: string, password: string, browser = new TestBrowser()) {
  const { url, pending } = await begin();
  const callback = await browser.signIn(url, login, password);
  return { callback, pending, browser };
}

async function signIn(login: string, password: string) {
  const { callback, pending, browser } = await signInAtProvider(login, password);
  const result = await completeSignIn(settings, callback, pending);
  return { result, pending, browser };
}

function refusal(result: { ok: boolean; reason?: string }) {
  return result.ok ? "accepted" : result.reason;
}

const now = () => Math.floor(Date.now() / 1000);

describe("sign-in through the municipality's provider", () => {
  it("sends the browser to the provider with PKCE (S256), state and nonce, and returns the user's claims", async () => {
    const { url, pending } = await begin();
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("client_id")).toBe("portal");
    expect(url.searchParams.get("redirect_uri")).toBe(redirectUri);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get("state")).toBe(pending.state);
    expect(url.searchParams.get("nonce")).toBe(pending.nonce);
    expect(url.searchParams.get("scope")?.split(" ").sort()).toEqual(["email", "groups", "openid", "profile"]);
    // What is kept server-side never travels in the URL.
    expect(url.href).not.toContain(pending.codeVerifier);

    const callback = await new TestBrowser().signIn(url, "bertil", "bertil-pw");
    expect(callback.origin + callback.pathname).toBe(redirectUri);
    expect(callback.searchParams.get("code")).toBeTruthy();

    const result = await completeSignIn(settings, callback, pending);
    if (!result.ok) throw new Error(`refused: ${result.reason}`);
    expect(result.claims).toEqual({
      sub: "bertil",
      iss: provider.issuer,
      sid: expect.any(String),
      email: "bertil@kommun.example",
      emailVerified: false,
      name: "Bertil Berg",
      groups: ["soc-handlaggare", "skola-norr-rektor"],
      acr: LOA3,
      amr: ["mfa", "hwk"],
      authTime: expect.any(Number),
    });
    expect(decodeJwt(result.idToken).sub).toBe("bertil");
  });

  it("tells a password-only sign-in from a multi-factor one and reads a verified e-mail", async () => {
    const { result } = await signIn("anna", "anna-pw");
    if (!result.ok) throw new Error(`refused: ${result.reason}`);
    expect(result.claims).toMatchObject({ sub: "anna", acr: LOA2, amr: ["pwd"], emailVerified: true });
    expect(result.claims.groups).toEqual(["skola-norr-personal"]);
  });

  it("reads the claims from the ID token alone when the provider puts them there", async () => {
    const generous = await startTestProvider({
      profileInIdToken: true,
      clients: [{ clientId: "portal", clientSecret: "s3cret-s3cret-s3cret", redirectUris: [redirectUri] }],
      accounts: [{ sub: "cecilia", password: "pw", email: "c@kommun.example", groups: ["g1"], amr: ["pwd"] }],
    });
    try {
      const s = { issuer: generous.issuer, clientId: "portal", clientSecret: "s3cret-s3cret-s3cret" };
      const started = await beginSignIn(s, redirectUri);
      if (!started.ok) throw new Error(started.reason);
      const callback = await new TestBrowser().signIn(started.url, "cecilia", "pw");
      const result = await completeSignIn(s, callback, started.pending);
      if (!result.ok) throw new Error(`refused: ${result.reason}`);
      expect(decodeJwt(result.idToken)).toMatchObject({ email: "c@kommun.example", groups: ["g1"] });
      expect(result.claims).toMatchObject({ sub: "cecilia", email: "c@kommun.example", groups: ["g1"] });
    } finally {
      await generous.stop();
    }
  });

  it("sees a changed group at the next sign-in, and a removed account cannot sign in", async () => {
    provider.addAccount({ sub: "david", password: "pw", groups: ["a", "b"] });
    const first = await signIn("david", "pw");
    expect(first.result.ok && first.result.claims.groups).toEqual(["a", "b"]);

    provider.setGroups("david", ["b"]);
    const second = await signIn("david", "pw");
    expect(second.result.ok && second.result.claims.groups).toEqual(["b"]);

    provider.removeAccount("david");
    await expect(signInAtProvider("david", "pw")).rejects.toThrow(/Wrong username or password/);
  });

  it("reports a user who cancels at the provider", async () => {
    const { url, pending } = await begin();
    const callback = await new TestBrowser().signIn(url, "anna", "", { cancel: true });
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(refusal(await completeSignIn(settings, callback, pending))).toBe("cancelled");
  });
});

describe("refused sign-ins", () => {
  it("a callback whose state is not this browser's", async () => {
    const { callback, pending } = await signInAtProvider("anna", "anna-pw");
    expect(refusal(await completeSignIn(settings, callback, { ...pending, state: "someone-elses-state" }))).toBe(
      "state",
    );
    const withoutState = new URL(callback);
    withoutState.searchParams.delete("state");
    expect(refusal(await completeSignIn(settings, withoutState, pending))).toBe("state");
  });

  it("a callback from another sign-in (its state and code) presented with this browser's pending values", async () => {
    const theirs = await signInAtProvider("bertil", "bertil-pw");
    const { pending } = await begin();
    expect(refusal(await completeSignIn(settings, theirs.callback, pending))).toBe("state");
  });

  it("an ID token whose nonce is not this sign-in's", async () => {
    const { callback, pending } = await signInAtProvider("anna", "anna-pw");
    expect(refusal(await completeSignIn(settings, callback, { ...pending, nonce: "a-different-nonce" }))).toBe("nonce");
  });

  it("a replayed ID token: the nonce of an earlier sign-in", async () => {
    const earlier = await signIn("anna", "anna-pw");
    expect(earlier.result.ok).toBe(true);
    provider.tamperNextIdToken({ claims: { nonce: earlier.pending.nonce } });
    expect(refusal((await signIn("anna", "anna-pw")).result)).toBe("nonce");
  });

  it("a callback without a code, or with two", async () => {
    const { callback, pending } = await signInAtProvider("anna", "anna-pw");
    const withoutCode = new URL(callback);
    withoutCode.searchParams.delete("code");
    expect(refusal(await completeSignIn(settings, withoutCode, pending))).toBe("invalid");
    const twoCodes = new URL(callback);
    twoCodes.searchParams.append("code", "another");
    expect(refusal(await completeSignIn(settings, twoCodes, pending))).toBe("invalid");
  });

  it("the same code used twice", async () => {
    const { callback, pending } = await signInAtProvider("anna", "anna-pw");
    expect((await completeSignIn(settings, callback, pending)).ok).toBe(true);
    expect(refusal(await completeSignIn(settings, callback, pending))).toBe("provider_error");
  });

  it("a code redeemed without the PKCE verifier it was issued for", async () => {
    const { callback, pending } = await signInAtProvider("anna", "anna-pw");
    const wrongVerifier = { ...pending, codeVerifier: `${pending.codeVerifier.slice(0, -4)}AAAA` };
    expect(refusal(await completeSignIn(settings, callback, wrongVerifier))).toBe("provider_error");
  });

  it("an expired ID token", async () => {
    provider.tamperNextIdToken({ claims: { iat: now() - 7200, exp: now() - 3600 } });
    expect(refusal((await signIn("anna", "anna-pw")).result)).toBe("expired");
  });

  it("an ID token for another audience", async () => {
    provider.tamperNextIdToken({ claims: { aud: "other" } });
    expect(refusal((await signIn("anna", "anna-pw")).result)).toBe("audience");
  });

  it("an ID token from an unknown issuer", async () => {
    provider.tamperNextIdToken({ claims: { iss: "https://idp.elsewhere.example" } });
    expect(refusal((await signIn("anna", "anna-pw")).result)).toBe("issuer");
  });

  it("a callback that names another issuer (mix-up)", async () => {
    const { callback, pending } = await signInAtProvider("anna", "anna-pw");
    callback.searchParams.set("iss", "https://idp.elsewhere.example");
    expect(refusal(await completeSignIn(settings, callback, pending))).toBe("issuer");
  });

  it("a provider whose discovery document names another issuer", async () => {
    // Same server, reached under another name: its metadata says 127.0.0.1, not localhost.
    const alias = { ...settings, issuer: provider.issuer.replace("127.0.0.1", "localhost") };
    expect(refusal(await beginSignIn(alias, redirectUri))).toBe("issuer");
  });

  it("an ID token signed with a key the provider does not publish", async () => {
    provider.tamperNextIdToken({ key: "unpublished" });
    expect(refusal((await signIn("anna", "anna-pw")).result)).toBe("signature");
  });

  it("an ID token signed with another key under the published key's id", async () => {
    provider.tamperNextIdToken({ key: "unpublished-same-kid" });
    expect(refusal((await signIn("anna", "anna-pw")).result)).toBe("signature");
  });

  it("a tampered ID token signed again with the provider's own key is accepted (the tampering is not the refusal)", async () => {
    // Control for the cases above: re-signing with the published key and unchanged claims passes.
    provider.tamperNextIdToken({ claims: {} });
    expect(refusal((await signIn("anna", "anna-pw")).result)).toBe("accepted");
  });
});

describe("the provider's keys", () => {
  it("still signs the user in after the provider rotates its signing key, by fetching its keys again", async () => {
    const before = await signIn("anna", "anna-pw");
    if (!before.result.ok) throw new Error(before.result.reason);
    const oldKid = decodeProtectedHeader(before.result.idToken).kid;
    const fetched = provider.jwksRequests();

    await provider.rotateKeys();
    const after = await signIn("anna", "anna-pw");
    if (!after.result.ok) throw new Error(`refused after rotation: ${after.result.reason}`);
    expect(decodeProtectedHeader(after.result.idToken).kid).not.toBe(oldKid);
    expect(provider.jwksRequests()).toBe(fetched + 1);
  });
});

describe("settings that cannot work", () => {
  it("an http issuer other than this machine", async () => {
    const insecure = { ...settings, issuer: "http://idp.kommun.example" };
    expect(refusal(await beginSignIn(insecure, redirectUri))).toBe("configuration");
  });

  it("a redirect URI with a query of its own", async () => {
    expect(refusal(await beginSignIn(settings, `${redirectUri}?kommun=1`))).toBe("configuration");
  });

  it("a provider nobody answers at", async () => {
    const silent = { ...settings, issuer: `http://127.0.0.1:${await freePort()}` };
    expect(refusal(await beginSignIn(silent, redirectUri))).toBe("unreachable");
  });
});

describe("sign-out", () => {
  it("builds the provider's end-session URL, and the provider's logout reaches the portal's back channel", async () => {
    const { result, browser } = await signIn("bertil", "bertil-pw");
    if (!result.ok) throw new Error(result.reason);
    const url = await endSessionUrl(settings, {
      idTokenHint: result.idToken,
      postLogoutRedirectUri: `${portalUrl}/signed-out`,
      state: "after-logout",
    });
    const discovery = await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json();
    expect(url && url.origin + url.pathname).toBe(discovery.end_session_endpoint);
    expect(url && Object.fromEntries(url.searchParams)).toEqual({
      client_id: "portal",
      id_token_hint: result.idToken,
      post_logout_redirect_uri: `${portalUrl}/signed-out`,
      state: "after-logout",
    });

    const back = await browser.signOut(url as URL);
    expect(back.origin + back.pathname).toBe(`${portalUrl}/signed-out`);
    expect(back.searchParams.get("state")).toBe("after-logout");
    expect(logoutTokens).toHaveLength(1);
    const verified = await verifyLogoutToken(settings, logoutTokens[0]);
    expect(verified).toEqual({ ok: true, sub: "bertil", sid: result.claims.sid, jti: expect.any(String) });
  });

  it("has no end-session URL when the provider cannot be reached", async () => {
    const silent = { ...settings, issuer: `http://127.0.0.1:${await freePort()}` };
    expect(await endSessionUrl(silent, { idTokenHint: "x", postLogoutRedirectUri: `${portalUrl}/signed-out` })).toBe(
      null,
    );
  });

  it("accepts the provider's own back-channel logout token", async () => {
    await provider.sendBackchannelLogout("portal", "anna", "sid-123");
    expect(logoutTokens).toHaveLength(1);
    expect(await verifyLogoutToken(settings, logoutTokens[0])).toEqual({
      ok: true,
      sub: "anna",
      sid: "sid-123",
      jti: expect.any(String),
    });
  });

  describe("refuses a forged or misused logout token", () => {
    const valid = () => ({
      iss: provider.issuer,
      aud: "portal",
      iat: now(),
      exp: now() + 120,
      jti: `jti-${Math.random()}`,
      sub: "anna",
      events: { [BACKCHANNEL_EVENT]: {} },
    });

    it("control: a well-formed one signed with the provider's key is accepted", async () => {
      expect((await verifyLogoutToken(settings, await provider.sign(valid()))).ok).toBe(true);
    });

    it("signed with a key the provider does not publish", async () => {
      expect(refusal(await verifyLogoutToken(settings, await provider.sign(valid(), "unpublished")))).toBe("signature");
    });

    it("for another client", async () => {
      const token = await provider.sign({ ...valid(), aud: "other" });
      expect(refusal(await verifyLogoutToken(settings, token))).toBe("audience");
    });

    it("from another issuer", async () => {
      const token = await provider.sign({ ...valid(), iss: "https://idp.elsewhere.example" });
      expect(refusal(await verifyLogoutToken(settings, token))).toBe("issuer");
    });

    it("too old to be a fresh logout", async () => {
      const token = await provider.sign({ ...valid(), iat: now() - 3600, exp: now() + 60 });
      expect(refusal(await verifyLogoutToken(settings, token))).toBe("expired");
    });

    it("without the logout event, with a nonce, or naming neither sub nor sid", async () => {
      const { events: _events, ...noEvent } = valid();
      const { sub: _sub, ...nobody } = valid();
      for (const claims of [noEvent, { ...valid(), nonce: "n" }, nobody, { ...valid(), events: { other: {} } }]) {
        expect(refusal(await verifyLogoutToken(settings, await provider.sign(claims)))).toBe("invalid");
      }
    });

    it("an ID token passed off as a logout token", async () => {
      const { result } = await signIn("anna", "anna-pw");
      if (!result.ok) throw new Error(result.reason);
      expect(refusal(await verifyLogoutToken(settings, result.idToken))).toBe("invalid");
    });

    it("something that is not a JWT at all", async () => {
      expect(refusal(await verifyLogoutToken(settings, "not.a.jwt"))).toBe("invalid");
    });
  });
});
