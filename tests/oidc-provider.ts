import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { decodeJwt, exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from "jose";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { freePort } from "../scripts/free-port";

/**
 * A real OpenID provider for the tests (issue 25): panva's `oidc-provider`, the certified Node implementation, on
 * 127.0.0.1 over plain http. Its own login page is replaced by a minimal one (below) because the built-in
 * development pages accept any name and cannot say how the user authenticated (`acr`/`amr`); consent is given
 * automatically, as a municipality's provider does for its own services.
 *
 * Traps found on the way:
 * - oidc-provider 9 warns "Unsupported runtime" on Node 20 (it asks for 22 LTS) but declares no engines and works.
 * - Its outgoing requests (back-channel logout) refuse loopback addresses (SSRF protection); `fetch` below lifts
 *   that, since the portal under test listens on 127.0.0.1.
 * - It takes its signing keys only when constructed, so `rotateKeys` builds a new Provider with the new key first
 *   and the old one still published; sessions and codes live in its in-memory adapter, which is shared by every
 *   instance in the process, so sign-ins in progress survive the swap.
 */

export type TestAccount = {
  sub: string;
  password: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
  groups?: string[];
  /** Level of assurance, as the Swedish eID framework names them. */
  acr?: string;
  /** e.g. ["pwd"] for a password, ["mfa", "hwk"] for a card or BankID. */
  amr?: string[];
};

export type TestClient = {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  backchannelLogoutUri?: string;
  tokenEndpointAuthMethod?: "client_secret_basic" | "client_secret_post";
};

/**
 * How the next ID token from the token endpoint is falsified. A compliant provider cannot be configured to issue an
 * expired token, one for another audience or issuer, or one signed with a key it does not publish, so a middleware
 * on the provider's own (Koa) stack re-signs the token it just issued: with its published key (`published`, the
 * default: only the changed claims are wrong), with a key it never published under a new kid (`unpublished`), or
 * with such a key under the published kid (`unpublished-same-kid`: the signature itself fails).
 */
export type IdTokenTampering = {
  claims?: Record<string, unknown>;
  key?: "published" | "unpublished" | "unpublished-same-kid";
};

export const LOA2 = "http://id.elegnamnden.se/loa/1.0/loa2";
export const LOA3 = "http://id.elegnamnden.se/loa/1.0/loa3";

type SigningKey = { kid: string; privateKey: CryptoKey; jwk: JWK };

async function newSigningKey(): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = `key-${randomBytes(6).toString("hex")}`;
  return { kid, privateKey, jwk: { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" } };
}

function html(value: string) {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}

function loginPage(uid: string, login: string, error?: string) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
<body><main>
<h1>Test identity provider</h1>
${error ? `<p role="alert">${html(error)}</p>` : ""}
<form id="login" method="post" action="/interaction/${html(uid)}/login">
<label>Username <input name="login" autocomplete="username" value="${html(login)}" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form>
<form id="abort" method="post" action="/interaction/${html(uid)}/abort"><button type="submit">Cancel</button></form>
</main></body></html>`;
}

/** `form` is oidc-provider's own (id op.logoutForm, with its xsrf token); the buttons submit it. */
async function logoutSource(ctx: KoaContextWithOIDC, form: string) {
  ctx.type = "html";
  ctx.body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
<body><main>
<h1>Sign out of the test identity provider?</h1>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
<button type="submit" form="op.logoutForm">Stay signed in</button>
</main></body></html>`;
}

async function formBody(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export type TestProvider = {
  issuer: string;
  stop(): Promise<void>;
  /** Sign with a new key from now on; the old one stays published. */
  rotateKeys(): Promise<void>;
  setGroups(sub: string, groups: string[]): void;
  addAccount(account: TestAccount): void;
  /** The account can no longer sign in (the login page refuses it). */
  removeAccount(sub: string): void;
  tamperNextIdToken(tampering: IdTokenTampering): void;
  /** The provider's own back-channel logout to the client's backchannel_logout_uri. */
  sendBackchannelLogout(clientId: string, sub: string, sid?: string): Promise<void>;
  /** A JWT signed with the provider's current (published) key, or with a key it never published. */
  sign(claims: JWTPayload, key?: "published" | "unpublished"): Promise<string>;
  /** How often the JWKS was fetched. */
  jwksRequests(): number;
};

export async function startTestProvider(options: {
  clients: TestClient[];
  accounts: TestAccount[];
  /** Put the profile claims in the ID token too (many providers do); by default only UserInfo has them. */
  profileInIdToken?: boolean;
}): Promise<TestProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const accounts = new Map(options.accounts.map((account) => [account.sub, { ...account }]));
  const cookieKeys = [randomBytes(32).toString("base64url")];
  const rogue = await newSigningKey();
  let keys = [await newSigningKey()];
  let tampering: IdTokenTampering | undefined;
  let jwksRequests = 0;

  async function resign(idToken: string, how: IdTokenTampering) {
    const claims = { ...decodeJwt(idToken), ...how.claims };
    const kid = how.key === "unpublished" ? rogue.kid : keys[0].kid;
    const privateKey =
      how.key === "unpublished" || how.key === "unpublished-same-kid" ? rogue.privateKey : keys[0].privateKey;
    return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid }).sign(privateKey);
  }

  function configuration(): Configuration {
    return {
      clients: options.clients.map((c) => ({
        client_id: c.clientId,
        client_secret: c.clientSecret,
        redirect_uris: c.redirectUris,
        post_logout_redirect_uris: c.postLogoutRedirectUris ?? [],
        ...(c.backchannelLogoutUri
          ? { backchannel_logout_uri: c.backchannelLogoutUri, backchannel_logout_session_required: true }
          : {}),
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: c.tokenEndpointAuthMethod ?? "client_secret_basic",
      })),
      jwks: { keys: keys.map((key) => key.jwk) },
      cookies: { keys: cookieKeys },
      scopes: ["openid", "email", "profile", "groups"],
      claims: {
        openid: ["sub"],
        email: ["email", "email_verified"],
        profile: ["name"],
        groups: ["groups"],
        acr: null,
        amr: null,
        sid: null,
        auth_time: null,
        iss: null,
      },
      acrValues: [LOA2, LOA3],
      conformIdTokenClaims: !options.profileInIdToken,
      pkce: { required: () => true },
      // Seconds; explicit so that oidc-provider does not print a notice for each default it falls back to.
      ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
      features: {
        devInteractions: { enabled: false },
        rpInitiatedLogout: { enabled: true, logoutSource },
        backchannelLogout: { enabled: true },
        // acr, amr and auth_time reach the ID token only when the client asks for them here.
        claimsParameter: { enabled: true },
      },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      async findAccount(_ctx, sub) {
        const account = accounts.get(sub);
        if (!account) return undefined;
        return {
          accountId: sub,
          async claims() {
            return {
              sub,
              email: account.email,
              email_verified: account.emailVerified,
              name: account.name,
              groups: account.groups ?? [],
            };
          },
        };
      },
      // Without the SSRF guard's dispatcher (see the top of the file).
      fetch: (url, init) => {
        const { dispatcher: _dispatcher, ...rest } = (init ?? {}) as RequestInit & { dispatcher?: unknown };
        return fetch(url, rest);
      },
    };
  }

  function build() {
    const provider = new Provider(issuer, configuration());
    provider.use(async (ctx, next) => {
      await next();
      const oidc = (ctx as unknown as KoaContextWithOIDC).oidc;
      const body = ctx.body as { id_token?: string } | undefined;
      if (!tampering || oidc?.route !== "token" || ctx.status !== 200 || !body?.id_token) return;
      const how = tampering;
      tampering = undefined;
      ctx.body = { ...body, id_token: await resign(body.id_token, how) };
    });
    return { provider, handle: provider.callback() };
  }

  let current = build();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) {
    const { provider } = current;
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) {
      res.writeHead(400).end("interaction mismatch");
      return;
    }
    if (details.prompt.name === "consent") {
      // The municipality's own services need no consent screen.
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session?.accountId, clientId: String(details.params.client_id) });
      if (!grant) throw new Error("grant vanished");
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }
    if (action === "abort" && req.method === "POST") {
      await provider.interactionFinished(
        req,
        res,
        { error: "access_denied", error_description: "The user cancelled" },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (action === "login" && req.method === "POST") {
      const form = await formBody(req);
      const login = form.get("login") ?? "";
      const account = accounts.get(login);
      if (!account || account.password !== form.get("password")) {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(loginPage(uid, login, "Wrong username or password"));
        return;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: account.sub, acr: account.acr, amr: account.amr } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(loginPage(uid, String(details.params.login_hint ?? "")));
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", issuer).pathname;
    const match = /^\/interaction\/([^/]+)(?:\/(login|abort))?$/.exec(path);
    if (match) {
      interaction(req, res, match[1], match[2]).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
      return;
    }
    if (path === "/jwks") jwksRequests += 1;
    current.handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));

  return {
    issuer,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
    async rotateKeys() {
      keys = [await newSigningKey(), ...keys];
      current = build();
    },
    setGroups(sub, groups) {
      const account = accounts.get(sub);
      if (!account) throw new Error(`no account ${sub}`);
      account.groups = groups;
    },
    addAccount(account) {
      accounts.set(account.sub, { ...account });
    },
    removeAccount(sub) {
      accounts.delete(sub);
    },
    tamperNextIdToken(how) {
      tampering = how;
    },
    async sendBackchannelLogout(clientId, sub, sid) {
      const client = await current.provider.Client.find(clientId);
      if (!client) throw new Error(`no client ${clientId}`);
      // Not in oidc-provider's type definitions, but the method its own end-session endpoint calls.
      await (client as unknown as { backchannelLogout(sub: string, sid?: string): Promise<void> }).backchannelLogout(
        sub,
        sid,
      );
    },
    async sign(claims, key = "published") {
      const signer = key === "published" ? keys[0] : rogue;
      return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: signer.kid }).sign(signer.privateKey);
    },
    jwksRequests: () => jwksRequests,
  };
}

/**
 * A browser without a browser: fetch with a cookie jar, following the provider's redirects by hand and filling in
 * its login and logout forms, until a redirect leaves the provider (to the client's redirect URI).
 */
export class TestBrowser {
  private cookies = new Map<string, string>();

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key, val = ""] = attribute.trim().split("=");
        if (key.toLowerCase() === "max-age") return Number(val) <= 0;
        if (key.toLowerCase() === "expires") return Date.parse(val) <= Date.now();
        return false;
      });
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(url: URL, form?: Record<string, string>) {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await fetch(url, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: form ? new URLSearchParams(form) : undefined,
    });
    this.remember(response);
    return response;
  }

  /** Follow redirects within `start`'s origin; the URL the provider finally sends the browser to elsewhere. */
  private async walk(start: URL, onPage: (url: URL, page: string) => { url: URL; form: Record<string, string> }) {
    let url = start;
    let response = await this.request(url);
    for (let step = 0; step < 12; step++) {
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location) {
        const next = new URL(location, url);
        if (next.origin !== start.origin) return next;
        url = next;
        response = await this.request(url);
        continue;
      }
      const page = await response.text();
      if (response.status !== 200) throw new Error(`${response.status} at ${url.pathname}: ${page.slice(0, 300)}`);
      const submit = onPage(url, page);
      url = submit.url;
      response = await this.request(url, submit.form);
    }
    throw new Error("too many steps at the provider");
  }

  /** Sign in at the provider as `login`; the callback URL (redirect URI with code, state and iss). */
  signIn(authorizationUrl: URL, login: string, password: string, opts: { cancel?: boolean } = {}) {
    let tried = false;
    return this.walk(authorizationUrl, (url, page) => {
      if (tried && !opts.cancel) {
        const alert = /<p role="alert">([^<]*)<\/p>/.exec(page)?.[1];
        throw new Error(`the provider refused the sign-in: ${alert ?? page.slice(0, 200)}`);
      }
      tried = true;
      const action = /<form id="(login|abort)"[^>]*action="([^"]+)"/g;
      const forms = Object.fromEntries([...page.matchAll(action)].map((m) => [m[1], m[2]]));
      const target = opts.cancel ? forms.abort : forms.login;
      if (!target) throw new Error(`no form at ${url.pathname}: ${page.slice(0, 300)}`);
      return { url: new URL(target, url), form: opts.cancel ? ({} as Record<string, string>) : { login, password } };
    });
  }

  /** Confirm RP-initiated logout at the provider; the post-logout redirect URL. */
  signOut(endSessionUrl: URL) {
    return this.walk(endSessionUrl, (url, page) => {
      const form =
        /<form id="op.logoutForm" method="post" action="([^"]+)"><input type="hidden" name="xsrf" value="([^"]+)"/.exec(
          page,
        );
      if (!form) throw new Error(`no logout form at ${url.pathname}: ${page.slice(0, 300)}`);
      return { url: new URL(form[1], url), form: { xsrf: form[2], logout: "yes" } };
    });
  }
}
