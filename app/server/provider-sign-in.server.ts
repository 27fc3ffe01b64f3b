import { randomBytes } from "node:crypto";
import { redirect } from "@remix-run/node";
import { safeRedirect } from "~/domain/redirect";
import { audit } from "~/lib/audit.server";
import { env } from "~/lib/env.server";
import { beginSignIn, completeSignIn, type OidcFailure } from "~/lib/oidc.server";
import {
  createSession,
  destroySession,
  getSession,
  keyedHash,
  purgeExpiredSessions,
  readCookie,
  siteCookie,
} from "~/lib/session.server";
import {
  accountForClaims,
  providerAssertsMfa,
  providerSettings,
  SIGN_IN_TIMEOUT_MS,
  savePendingSignIn,
  syncProviderMemberships,
  takePendingSignIn,
} from "~/models/identity.server";

/**
 * Why a sign-in through the provider ended on the login page: the provider library's reasons, and the portal's own
 * (no provider configured, no account, a deactivated account). The login page words each; never personal data.
 */
export const signInErrors = [
  "state",
  "nonce",
  "expired",
  "audience",
  "issuer",
  "signature",
  "cancelled",
  "provider_error",
  "invalid",
  "unreachable",
  "configuration",
  "unavailable",
  "unknown",
  "inactive",
] as const satisfies readonly (OidcFailure | string)[];
export type SignInError = (typeof signInErrors)[number];

/** The path the provider sends the browser back to; registered at the provider as PUBLIC_URL + this. */
export const CALLBACK_PATH = "/login/oidc/callback";

function pendingCookieName() {
  return env().secureCookies ? "__Host-tillsammans-oidc" : "tillsammans_oidc";
}

function toLogin(reason: SignInError, redirectTo: string, headers?: HeadersInit) {
  const params = new URLSearchParams({ signInError: reason });
  if (redirectTo !== "/") params.set("redirectTo", redirectTo);
  return redirect(`/login?${params}`, { headers });
}

/**
 * Sends the browser to the municipality's provider. What the answer must match stays in the database under the
 * keyed hash of a token only this browser holds (an HttpOnly cookie), so an answer is taken in the browser that asked.
 */
export async function startProviderSignIn(input: {
  municipalityId: string | null;
  redirectTo: string;
  /** A step-up: the user signs in again at the provider now (prompt=login, max_age=0). */
  reauthenticate?: boolean;
}) {
  const redirectTo = safeRedirect(input.redirectTo);
  const { municipalityId } = input;
  const settings = municipalityId ? await providerSettings(municipalityId) : null;
  if (!municipalityId || !settings) return toLogin("unavailable", redirectTo);
  const begun = await beginSignIn(settings, `${env().publicUrl}${CALLBACK_PATH}`, {
    reauthenticate: input.reauthenticate,
  });
  if (!begun.ok) return toLogin(begun.reason, redirectTo);
  const token = randomBytes(32).toString("base64url");
  await savePendingSignIn({
    id: keyedHash(token),
    municipalityId,
    pending: begun.pending,
    redirectTo,
  });
  return redirect(begun.url.href, {
    headers: { "Set-Cookie": siteCookie(pendingCookieName(), token, SIGN_IN_TIMEOUT_MS / 1000) },
  });
}

/**
 * The provider's answer: the pending sign-in is taken (once), the answer checked by openid-client, the account found
 * or linked, and a session begun. Every refusal is audited with its reason and shown on the login page.
 */
export async function finishProviderSignIn(input: { request: Request; requestId: string; now?: Date }) {
  const { request, requestId } = input;
  const now = input.now ?? new Date();
  const clear = { "Set-Cookie": siteCookie(pendingCookieName(), null) };
  const token = readCookie(request, pendingCookieName());
  const taken = token ? await takePendingSignIn(keyedHash(token), now) : null;
  const refuse = async (reason: SignInError, municipalityId?: string) => {
    await audit({ action: "login.failure", municipalityId, requestId, details: { method: "oidc", reason } });
    return toLogin(reason, taken?.redirectTo ?? "/", clear);
  };
  // No sign-in waiting in this browser: started elsewhere, too long ago, or an answer sent again.
  if (!taken) return refuse("state");
  const { municipalityId } = taken;
  const settings = await providerSettings(municipalityId);
  if (!settings) return refuse("unavailable", municipalityId);
  const answer = await completeSignIn(settings, new URL(request.url), taken.pending);
  if (!answer.ok) return refuse(answer.reason, municipalityId);

  const match = await accountForClaims(municipalityId, answer.claims);
  if (!match.ok) return refuse(match.reason, municipalityId);
  const { userId } = match;
  await syncProviderMemberships({ municipalityId, userId, groups: answer.claims.groups });
  // A session already in this browser (another user's, or a pending second factor) ends with the new sign-in.
  const previous = await getSession(request, now);
  if (previous) await destroySession(previous.id);
  await purgeExpiredSessions(now);
  // More than one factor at the provider stands for the portal's own (issue 25, item 3); otherwise the portal's code
  // is asked as after a password when the user has one, and requireUser has a social-services user set one up.
  const mfa = providerAssertsMfa(answer.claims, settings.mfaAcrValues);
  const secondFactorPending = match.totpEnabled && !mfa;
  const provider = { issuer: answer.claims.iss, sid: answer.claims.sid, mfa };
  const setCookie = await createSession({ userId, municipalityId, secondFactorPending, provider, now });
  await audit({
    action: "login.success",
    municipalityId,
    userId,
    requestId,
    details: {
      method: "oidc",
      ...(mfa ? { secondFactor: "provider" } : secondFactorPending ? { secondFactor: "pending" } : {}),
    },
  });
  const to = secondFactorPending
    ? `/login/code?${new URLSearchParams({ redirectTo: taken.redirectTo })}`
    : taken.redirectTo;
  const headers = new Headers();
  headers.append("Set-Cookie", setCookie);
  headers.append("Set-Cookie", clear["Set-Cookie"]);
  return redirect(to, { headers });
}
