import { createHash, timingSafeEqual } from "node:crypto";
import {
  type CompactJWSHeaderParameters,
  compactVerify,
  createRemoteJWKSet,
  type FlattenedJWSInput,
  errors as jose,
  jwtVerify,
  type RemoteJWKSet,
} from "jose";
import * as client from "openid-client";

/**
 * Sign-in through a municipality's own OpenID Connect provider (issue 25): the authorization code flow with PKCE,
 * `state` and `nonce`, on top of `openid-client` (certified). This module knows nothing of users, sessions or the
 * database; the routes store the pending values server-side and map the claims to accounts.
 *
 * Nothing here logs, and no result carries token contents beyond the claims in `OidcClaims` (and the raw ID token,
 * which the app does not keep: it carries personal data, so RP-initiated logout names the client instead).
 */

export type OidcSettings = {
  /** The issuer identifier, e.g. https://idp.example-kommun.se; the discovery document is found from it. */
  issuer: string;
  clientId: string;
  /** From the environment, never the database (issue 25). */
  clientSecret: string;
  /**
   * As registered at the provider. OpenID Connect's default for a client that did not say is client_secret_basic,
   * while openid-client's own default is client_secret_post, so this module picks the standard's.
   */
  tokenEndpointAuthMethod?: "client_secret_basic" | "client_secret_post";
};

/** Why a sign-in (or reaching the provider at all) was refused: the route words it and writes the audit row. */
export type OidcFailure =
  | "state" // the callback's state is not the one this browser was sent off with (CSRF, or a stale tab)
  | "nonce" // the ID token was not minted for this sign-in (replayed or injected)
  | "expired" // the ID token's exp/iat/nbf do not hold now
  | "audience" // the ID token is for another client
  | "issuer" // the ID token, the callback or the discovery document names another issuer
  | "signature" // not signed by a key the provider publishes
  | "cancelled" // the user (or the provider's policy) declined: error=access_denied
  | "provider_error" // the provider answered with an error (e.g. invalid_grant for a used or expired code)
  | "invalid" // a malformed or inconsistent response
  | "unreachable" // network failure or timeout talking to the provider
  | "configuration"; // the settings cannot work (issuer not https, redirect URI with a query, …)

export type PendingSignIn = {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The exact redirect URI sent to the provider; the token request must repeat it byte for byte. */
  redirectUri: string;
  /** Seconds: the answer's auth_time must be this recent (0 for a step-up, which asks the user to sign in again). */
  maxAge?: number;
};

export type OidcClaims = {
  /** Stable per provider; together with `iss` this is what an account is matched by. */
  sub: string;
  iss: string;
  /** The provider's session, which back-channel logout may name instead of `sub`. */
  sid?: string;
  email?: string;
  /** Only true when the provider asserts it; linking to an existing account by e-mail requires it. */
  emailVerified: boolean;
  name?: string;
  groups: string[];
  acr?: string;
  /** Empty when the provider says nothing about how the user authenticated. */
  amr: string[];
  authTime?: number;
};

export type SignInResult = { ok: true; claims: OidcClaims; idToken: string } | { ok: false; reason: OidcFailure };

export type LogoutTokenResult =
  | { ok: true; sub?: string; sid?: string; jti: string }
  | { ok: false; reason: Exclude<OidcFailure, "state" | "nonce" | "cancelled" | "provider_error"> };

const BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
/** Re-read the discovery document now and then, so a provider that moves an endpoint is followed. */
const DISCOVERY_TTL_MS = 60 * 60 * 1000;
/** Seconds; openid-client's default is 30, too long for a user waiting on a login page. */
const REQUEST_TIMEOUT_S = 10;
/** A logout token is delivered at once; an old one is a replay. */
const LOGOUT_TOKEN_MAX_AGE_S = 300;

class ConfigurationError extends Error {}

export type OidcProvider = {
  config: client.Configuration;
  /**
   * The provider's signing keys, fetched and cached by jose and fetched again when a token names a `kid` it has
   * not seen (key rotation), at most once per 30 s for tokens from the network (back-channel logout).
   */
  jwks: RemoteJWKSet;
  /** Asymmetric only: an HS256 token "signed" with our own client secret proves nothing about the provider. */
  algorithms: string[];
};

const providers = new Map<string, { provider: Promise<OidcProvider>; at: number }>();

function cacheKey(settings: OidcSettings) {
  // The secret is part of the key so that a rotated secret takes effect without a restart; hashed so the map's
  // keys never hold it in the clear.
  const secret = createHash("sha256").update(settings.clientSecret).digest("base64url");
  return [settings.issuer, settings.clientId, settings.tokenEndpointAuthMethod ?? "", secret].join("\n");
}

/** Tests and the demo run a provider on this machine over plain http; nothing else may. */
function isLoopback(url: URL) {
  return url.hostname === "localhost" || url.hostname === "127.0.0.1" || url.hostname === "[::1]";
}

function allowedUrl(url: URL, insecureAllowed: boolean) {
  return url.protocol === "https:" || (insecureAllowed && url.protocol === "http:" && isLoopback(url));
}

async function discover(settings: OidcSettings): Promise<OidcProvider> {
  const issuer = URL.canParse(settings.issuer) ? new URL(settings.issuer) : undefined;
  if (!issuer) throw new ConfigurationError("the issuer is not a URL");
  const insecure = issuer.protocol === "http:" && isLoopback(issuer);
  if (!allowedUrl(issuer, insecure)) throw new ConfigurationError("the issuer must be an https URL");

  const auth =
    settings.tokenEndpointAuthMethod === "client_secret_post"
      ? client.ClientSecretPost(settings.clientSecret)
      : client.ClientSecretBasic(settings.clientSecret);
  const config = await client.discovery(issuer, settings.clientId, undefined, auth, {
    execute: insecure ? [client.allowInsecureRequests] : [],
    timeout: REQUEST_TIMEOUT_S,
  });

  const metadata = config.serverMetadata();
  if (!metadata.jwks_uri || !URL.canParse(metadata.jwks_uri)) throw new ConfigurationError("no jwks_uri");
  const jwksUri = new URL(metadata.jwks_uri);
  if (!allowedUrl(jwksUri, insecure)) throw new ConfigurationError("the jwks_uri must be an https URL");

  // Why jose checks the ID token's signature and not openid-client's enableNonRepudiationChecks: that one refetches
  // the JWKS for an unknown kid only when its copy is at least 60 s old, so every sign-in in the first minute after
  // a provider starts signing with a new key would be refused. Here the ID token comes straight from the token
  // endpoint (TLS, a code bound by PKCE), so refetching at once for it cannot be abused (see idTokenKey).
  const jwks = createRemoteJWKSet(jwksUri, { timeoutDuration: REQUEST_TIMEOUT_S * 1000 });
  const algorithms = (metadata.id_token_signing_alg_values_supported ?? ["RS256"]).filter(
    (alg) => alg !== "none" && !alg.startsWith("HS"),
  );
  return { config, jwks, algorithms };
}

/**
 * The provider's configuration and keys, discovered once per issuer and client and then reused: discovery and the
 * JWKS are not fetched on every sign-in. A failed discovery is not kept, so the next attempt tries again.
 */
export function providerFor(settings: OidcSettings): Promise<OidcProvider> {
  const key = cacheKey(settings);
  const cached = providers.get(key);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.provider;
  const provider = discover(settings);
  providers.set(key, { provider, at: Date.now() });
  provider.catch(() => {
    if (providers.get(key)?.provider === provider) providers.delete(key);
  });
  return provider;
}

/** For tests: forget every discovered provider. */
export function forgetProviders() {
  providers.clear();
}

/** The nearest value of `key` in an error's chain of causes (the libraries nest their details one or two deep). */
function detail(error: unknown, key: string): unknown {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== null && typeof current === "object"; depth++) {
    if (key in current) return (current as Record<string, unknown>)[key];
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function claimReason(claim: unknown): OidcFailure {
  switch (claim) {
    case "nonce":
      return "nonce";
    case "aud":
    case "azp":
      return "audience";
    case "iss":
      return "issuer";
    case "exp":
    case "iat":
    case "nbf":
    case "auth_time":
      return "expired";
    default:
      return "invalid";
  }
}

/**
 * openid-client's and oauth4webapi's failures by their error classes and codes (never their messages). Programming
 * errors (a TypeError with an ERR_INVALID_ARG_* code) are not a refusal and are thrown on.
 */
function clientReason(error: unknown): OidcFailure {
  if (error instanceof ConfigurationError) return "configuration";
  if (error instanceof client.AuthorizationResponseError) {
    return error.error === "access_denied" ? "cancelled" : "provider_error";
  }
  if (error instanceof client.ResponseBodyError || error instanceof client.WWWAuthenticateChallengeError) {
    return "provider_error";
  }
  if (error instanceof client.ClientError) {
    switch (error.code) {
      case "OAUTH_JWT_CLAIM_COMPARISON_FAILED":
      case "OAUTH_JWT_TIMESTAMP_CHECK_FAILED":
        return claimReason(detail(error, "claim"));
      case "OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED":
        return detail(error, "attribute") === "issuer" ? "issuer" : "invalid";
      case "OAUTH_KEY_SELECTION_FAILED":
        return "signature";
      case "OAUTH_HTTP_REQUEST_FORBIDDEN":
      case "OAUTH_REQUEST_PROTOCOL_FORBIDDEN":
        return "configuration";
      case "OAUTH_TIMEOUT":
      case "OAUTH_ABORT":
        return "unreachable";
      case "OAUTH_RESPONSE_IS_NOT_CONFORM":
        return "provider_error";
      default:
        return "invalid";
    }
  }
  // fetch() itself fails with a TypeError ("fetch failed", the socket error as its cause) that has no code.
  if (error instanceof TypeError && (error as { code?: unknown }).code === undefined) return "unreachable";
  throw error;
}

function joseReason(error: unknown): OidcFailure {
  if (error instanceof jose.JOSEError) {
    switch (error.code) {
      case "ERR_JWKS_NO_MATCHING_KEY":
      case "ERR_JWKS_MULTIPLE_MATCHING_KEYS":
      case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      case "ERR_JOSE_ALG_NOT_ALLOWED":
      case "ERR_JOSE_NOT_SUPPORTED":
        return "signature";
      case "ERR_JWT_EXPIRED":
        return "expired";
      case "ERR_JWT_CLAIM_VALIDATION_FAILED":
        return claimReason((error as jose.JWTClaimValidationFailed).claim);
      case "ERR_JWKS_TIMEOUT":
      case "ERR_JOSE_GENERIC": // the JWKS answered with something other than 200 and a JSON body
        return "unreachable";
      default:
        return "invalid";
    }
  }
  if (error instanceof TypeError) return "unreachable"; // fetch() of the JWKS failed
  throw error;
}

function sameString(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The key for an ID token's signature. An unknown kid makes jose refetch the JWKS unless it did so in the last
 * 30 s; for an ID token we refetch once regardless, so a provider's key rotation never refuses a sign-in.
 */
function idTokenKey(jwks: RemoteJWKSet) {
  return async (header: CompactJWSHeaderParameters, token: FlattenedJWSInput) => {
    try {
      return await jwks(header, token);
    } catch (error) {
      if (!(error instanceof jose.JWKSNoMatchingKey) || !jwks.coolingDown) throw error;
      await jwks.reload();
      return jwks(header, token);
    }
  };
}

/**
 * Where to send the browser, and what to keep server-side (never in the URL or a readable cookie) until the
 * provider sends it back. Requests `openid email profile`, and `groups` where the provider lists that scope (many
 * providers add a group claim by their own configuration instead, and some refuse unknown scopes), and `acr`/`amr`
 * through the claims parameter where the provider supports it.
 */
export async function beginSignIn(
  settings: OidcSettings,
  redirectUri: string,
  options: { reauthenticate?: boolean } = {},
): Promise<{ ok: true; url: URL; pending: PendingSignIn } | { ok: false; reason: OidcFailure }> {
  // openid-client sends the callback URL without its query as redirect_uri at the token endpoint, so a registered
  // redirect URI with a query of its own could never match.
  const redirect = URL.canParse(redirectUri) ? new URL(redirectUri) : undefined;
  if (!redirect || redirect.search || redirect.hash) return { ok: false, reason: "configuration" };

  let provider: OidcProvider;
  try {
    provider = await providerFor(settings);
  } catch (error) {
    return { ok: false, reason: clientReason(error) };
  }
  const metadata = provider.config.serverMetadata();
  const scope = ["openid", "email", "profile", ...(metadata.scopes_supported?.includes("groups") ? ["groups"] : [])];
  // A strict provider (oidc-provider is one) puts acr and amr in the ID token only when asked for them, and how the
  // user authenticated decides whether the portal's own second factor is needed.
  const claims: Record<string, string> = metadata.claims_parameter_supported
    ? { claims: JSON.stringify({ id_token: { acr: null, amr: null, auth_time: null } }) }
    : {};

  const pending: PendingSignIn = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
    redirectUri: redirect.href,
    ...(options.reauthenticate ? { maxAge: 0 } : {}),
  };
  // A step-up: the user signs in again at the provider, whatever session they have there (OIDC Core 3.1.2.1).
  const again: Record<string, string> = options.reauthenticate ? { prompt: "login", max_age: "0" } : {};
  const url = client.buildAuthorizationUrl(provider.config, {
    ...again,
    redirect_uri: pending.redirectUri,
    scope: scope.join(" "),
    ...claims,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: "S256",
  });
  return { ok: true, url, pending };
}

function stringClaim(value: unknown) {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function stringList(value: unknown) {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/**
 * The provider's answer at the redirect URI, checked (state, the `iss` response parameter, PKCE, then the ID
 * token's issuer, audience, expiry, nonce and signature) and exchanged for the user's claims. `callbackUrl` is the
 * request's URL; only its query is used, so a proxy in front of the app cannot change the redirect URI sent back.
 */
export async function completeSignIn(
  settings: OidcSettings,
  callbackUrl: URL,
  pending: PendingSignIn,
): Promise<SignInResult> {
  const fail = (reason: OidcFailure): SignInResult => ({ ok: false, reason });
  let provider: OidcProvider;
  try {
    provider = await providerFor(settings);
  } catch (error) {
    return fail(clientReason(error));
  }
  const metadata = provider.config.serverMetadata();

  // openid-client checks both as well, but reports them with the same code as any malformed response; checked
  // here first so the audit row can say which.
  const state = callbackUrl.searchParams.get("state");
  if (state === null || !sameString(state, pending.state)) return fail("state");
  const iss = callbackUrl.searchParams.get("iss");
  if (iss !== null ? iss !== metadata.issuer : metadata.authorization_response_iss_parameter_supported === true) {
    return fail("issuer");
  }

  const currentUrl = new URL(pending.redirectUri);
  currentUrl.search = callbackUrl.search;
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(provider.config, currentUrl, {
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      pkceCodeVerifier: pending.codeVerifier,
      idTokenExpected: true,
      ...(pending.maxAge !== undefined ? { maxAge: pending.maxAge } : {}),
    });
  } catch (error) {
    return fail(clientReason(error));
  }
  const idToken = tokens.id_token;
  const idClaims = tokens.claims();
  if (!idToken || !idClaims) return fail("invalid");

  try {
    await compactVerify(idToken, idTokenKey(provider.jwks), { algorithms: provider.algorithms });
  } catch (error) {
    return fail(joseReason(error));
  }

  // Providers that follow the core spec strictly put the profile claims (e-mail, name, groups) only in the
  // UserInfo response for the code flow; openid-client checks that its `sub` is the ID token's.
  let userInfo: client.UserInfoResponse | undefined;
  if (metadata.userinfo_endpoint) {
    try {
      userInfo = await client.fetchUserInfo(provider.config, tokens.access_token, idClaims.sub);
    } catch (error) {
      return fail(clientReason(error));
    }
  }
  // What the ID token asserts wins: it is signed and was just verified.
  const merged: Record<string, unknown> = { ...userInfo, ...idClaims };
  const emailVerified = merged.email_verified;
  const claims: OidcClaims = {
    sub: idClaims.sub,
    iss: idClaims.iss,
    sid: stringClaim(idClaims.sid),
    email: stringClaim(merged.email),
    emailVerified: emailVerified === true || emailVerified === "true",
    name: stringClaim(merged.name),
    groups: stringList(merged.groups),
    acr: stringClaim(idClaims.acr),
    amr: stringList(idClaims.amr),
    authTime: typeof idClaims.auth_time === "number" ? idClaims.auth_time : undefined,
  };
  return { ok: true, claims, idToken };
}

/**
 * The provider's end-session URL for RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0), or null when the
 * provider has none or cannot be reached: the portal session ends either way, the caller then simply stays on the
 * portal. Without an `id_token_hint` (the portal keeps no ID tokens: they carry personal data) the request names the
 * client by `client_id`, which the specification asks for with a `post_logout_redirect_uri`; the provider then
 * confirms the sign-out with the user itself.
 */
export async function endSessionUrl(
  settings: OidcSettings,
  options: { idTokenHint?: string; postLogoutRedirectUri: string; state?: string },
): Promise<URL | null> {
  let provider: OidcProvider;
  try {
    provider = await providerFor(settings);
  } catch {
    return null;
  }
  if (!provider.config.serverMetadata().end_session_endpoint) return null;
  try {
    return client.buildEndSessionUrl(provider.config, {
      client_id: settings.clientId,
      post_logout_redirect_uri: options.postLogoutRedirectUri,
      ...(options.idTokenHint ? { id_token_hint: options.idTokenHint } : {}),
      ...(options.state ? { state: options.state } : {}),
    });
  } catch {
    // An end_session_endpoint that is not a URL, or not https where the issuer is.
    return null;
  }
}

/**
 * A back-channel logout token (OpenID Connect Back-Channel Logout 1.0, section 2.6): signed by the provider,
 * for this client, recent, with the logout event and `sub` and/or `sid`, and without a `nonce` (so an ID token
 * cannot be passed off as one). openid-client has no helper for this; jose checks the JWT. The endpoint that
 * receives these is open to anyone, so here an unknown kid refetches the JWKS at most once per 30 s.
 */
export async function verifyLogoutToken(settings: OidcSettings, logoutToken: string): Promise<LogoutTokenResult> {
  const fail = (reason: OidcFailure): LogoutTokenResult => {
    if (reason === "state" || reason === "nonce" || reason === "cancelled" || reason === "provider_error") {
      return { ok: false, reason: "invalid" };
    }
    return { ok: false, reason };
  };
  let provider: OidcProvider;
  try {
    provider = await providerFor(settings);
  } catch (error) {
    return fail(clientReason(error));
  }
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(logoutToken, provider.jwks, {
      algorithms: provider.algorithms,
      issuer: provider.config.serverMetadata().issuer,
      audience: settings.clientId,
      requiredClaims: ["iat", "jti", "events"],
      maxTokenAge: LOGOUT_TOKEN_MAX_AGE_S,
      clockTolerance: 30,
    }));
  } catch (error) {
    return fail(joseReason(error));
  }
  const events = payload.events;
  const event =
    events !== null && typeof events === "object"
      ? (events as Record<string, unknown>)[BACKCHANNEL_LOGOUT_EVENT]
      : null;
  if (event === null || typeof event !== "object" || "nonce" in payload) return fail("invalid");
  const sub = stringClaim(payload.sub);
  const sid = stringClaim(payload.sid);
  const jti = stringClaim(payload.jti);
  if ((!sub && !sid) || !jti) return fail("invalid");
  return { ok: true, ...(sub ? { sub } : {}), ...(sid ? { sid } : {}), jti };
}
