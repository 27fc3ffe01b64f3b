import { type AppLoadContext, redirect } from "@remix-run/node";
import { and, eq, inArray } from "drizzle-orm";
import { decodeJwt } from "jose";
import { getDb } from "#db/client.server";
import { identityProviders, sessions, userIdentities } from "#db/schema";
import { audit } from "~/lib/audit.server";
import { env } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";
import { endSessionUrl, type LogoutTokenResult, verifyLogoutToken } from "~/lib/oidc.server";
import { sessionCookie } from "~/lib/session.server";
import { providerSettings } from "~/models/identity.server";
import { getUserAndSession } from "~/server/auth.server";

/**
 * Signing out where the portal session came from the municipality's provider (issue 25, item 4): RP-initiated logout
 * (OpenID Connect RP-Initiated Logout 1.0) sends the browser on to the provider after the portal session has ended,
 * and the provider's back-channel logout (OpenID Connect Back-Channel Logout 1.0) ends portal sessions when the user
 * signs out there. Sessions stay server-side: ending one is deleting its row.
 */

/** Registered at the provider as the client's backchannel_logout_uri: PUBLIC_URL + this. */
export const BACKCHANNEL_PATH = "/login/oidc/backchannel";
/** Registered at the provider as a post_logout_redirect_uri: PUBLIC_URL + this. */
export const POST_LOGOUT_PATH = "/login";

/** A logout token is a few hundred bytes; anything this long is not one, and is not decoded. */
const MAX_LOGOUT_TOKEN_LENGTH = 16 * 1024;

/** One issuer as configured and as the provider writes it: `https://idp.example` and `https://idp.example/` alike. */
function sameIssuer(a: string, b: string) {
  const key = (value: string) => (URL.canParse(value) ? new URL(value).href : value);
  return key(a) === key(b);
}

/**
 * The portal's sign-out (POST /logout): the session ends and is audited as always. A session begun at the
 * municipality's provider then goes on to the provider's end-session endpoint, so that the next person at this
 * computer is not signed straight back in; where that provider is no longer the municipality's, is not configured or
 * cannot be reached, to the login page as after a password sign-in.
 */
export async function signOut(input: { request: Request; context: AppLoadContext }) {
  const found = await getUserAndSession(input.request, input.context);
  let to = POST_LOGOUT_PATH;
  if (found) {
    const [ended] = await getDb()
      .delete(sessions)
      .where(eq(sessions.id, found.session.id))
      .returning({ providerIssuer: sessions.providerIssuer });
    const issuer = ended?.providerIssuer ?? null;
    await audit({
      action: "logout",
      user: found.user,
      requestId: input.context.requestId,
      ...(issuer ? { details: { method: "oidc" } } : {}),
    });
    if (issuer) to = (await providerSignOutUrl(found.session.municipalityId, issuer)) ?? to;
  }
  return redirect(to, { headers: { "Set-Cookie": sessionCookie(null) } });
}

async function providerSignOutUrl(municipalityId: string, issuer: string) {
  const settings = await providerSettings(municipalityId);
  if (!settings || !sameIssuer(settings.issuer, issuer)) return null;
  const url = await endSessionUrl(settings, { postLogoutRedirectUri: `${env().publicUrl}${POST_LOGOUT_PATH}` });
  return url?.href ?? null;
}

type BackchannelFailure = Extract<LogoutTokenResult, { ok: false }>["reason"];

/**
 * A back-channel logout from a provider (POST BACKCHANNEL_PATH, form field `logout_token`). The token names its
 * issuer and audience before it is verified; those only choose which municipalities' settings to verify it with (a
 * regional provider may serve several, each with a client of its own). Verified, it ends the sessions of that
 * municipality begun at that provider: the one provider session it names (`sid`), or else every provider session of
 * the user it names (`sub`). 200 (also when none was left to end) or 400, both `no-store` and without a body: why a
 * token was refused goes to the log as a reason code, never the token, and never to the caller.
 */
export async function backchannelLogout(input: { logoutToken: string | null; requestId: string }) {
  const { requestId } = input;
  const answer = (status: 200 | 400) => new Response(null, { status, headers: { "Cache-Control": "no-store" } });
  const refuse = (reason: BackchannelFailure, municipalityId?: string) => {
    // The log, not the audit trail: anyone may post here, and the audit trail can never be cleaned of a flood.
    logger.warn({ requestId, reason, municipalityId }, "back-channel logout refused");
    return answer(400);
  };

  const token = input.logoutToken;
  if (!token || token.length > MAX_LOGOUT_TOKEN_LENGTH) return refuse("invalid");
  let claimed: { iss?: unknown; aud?: unknown };
  try {
    claimed = decodeJwt(token);
  } catch {
    return refuse("invalid");
  }
  const { iss } = claimed;
  if (typeof iss !== "string" || !URL.canParse(iss)) return refuse("issuer");
  const audiences = typeof claimed.aud === "string" ? [claimed.aud] : Array.isArray(claimed.aud) ? claimed.aud : [];

  const withSlash = iss.endsWith("/") ? [iss, iss.slice(0, -1)] : [iss, `${iss}/`];
  const atIssuer = await getDb()
    .select({ municipalityId: identityProviders.municipalityId, clientId: identityProviders.clientId })
    .from(identityProviders)
    .where(inArray(identityProviders.issuer, withSlash));
  if (!atIssuer.length) return refuse("issuer");
  const candidates = atIssuer.filter((row) => audiences.includes(row.clientId));
  if (!candidates.length) return refuse("audience");

  let failure: { reason: BackchannelFailure; municipalityId: string } | null = null;
  let verifiedAny = false;
  for (const { municipalityId } of candidates) {
    const settings = await providerSettings(municipalityId);
    if (!settings) {
      failure ??= { reason: "configuration", municipalityId };
      continue;
    }
    const verified = await verifyLogoutToken(settings, token);
    if (!verified.ok) {
      failure ??= { reason: verified.reason, municipalityId };
      continue;
    }
    verifiedAny = true;
    // The verified token's issuer is the provider's (verifyLogoutToken compared it with the discovery document),
    // and that is what sign-in stored on the session and the user's identity.
    await endProviderSessions({ municipalityId, issuer: iss, sid: verified.sid, sub: verified.sub, requestId });
  }
  if (!verifiedAny) return refuse(failure?.reason ?? "invalid", failure?.municipalityId);
  return answer(200);
}

/** Ends the sessions a verified logout token names, and audits each (ids only), in one transaction. */
async function endProviderSessions(input: {
  municipalityId: string;
  issuer: string;
  sid?: string;
  sub?: string;
  requestId: string;
}) {
  const { municipalityId, issuer, sid, sub, requestId } = input;
  const ofProvider = and(eq(sessions.municipalityId, municipalityId), eq(sessions.providerIssuer, issuer));
  await getDb().transaction(async (tx) => {
    let which: ReturnType<typeof and>;
    if (sid) {
      which = and(ofProvider, eq(sessions.providerSid, sid));
    } else if (sub) {
      const user = tx
        .select({ userId: userIdentities.userId })
        .from(userIdentities)
        .where(
          and(
            eq(userIdentities.municipalityId, municipalityId),
            eq(userIdentities.issuer, issuer),
            eq(userIdentities.subject, sub),
          ),
        );
      which = and(ofProvider, inArray(sessions.userId, user));
    } else {
      return; // verifyLogoutToken requires one of them
    }
    const ended = await tx.delete(sessions).where(which).returning({ userId: sessions.userId });
    for (const { userId } of ended) {
      await audit(
        { action: "logout", municipalityId, userId, requestId, details: { method: "oidc", by: "provider" } },
        tx,
      );
    }
  });
}
