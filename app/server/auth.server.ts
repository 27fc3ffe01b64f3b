import { redirect, type AppLoadContext } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { messages } from "#db/schema";
import { passwordSignInAllowed } from "~/models/identity.server";
import { unreadOf } from "~/models/inbox.server";
import {
  consumeTotpStep,
  findUserForLogin,
  getPasswordHash,
  getTotpSecret,
  parseCurrentUser,
  sessionUser,
  setPasswordHash,
} from "~/models/user.server";
import { audit } from "../lib/audit.server";
import { notePermission } from "../lib/request-context.server";
import { hashPassword, verifyPassword } from "../lib/password.server";
import { env } from "../lib/env.server";
import { isUuid } from "../domain/ids";
import { can, requiresSecondFactor, type Action, type CurrentUser, type Resource } from "../lib/permissions.server";
import {
  createSession,
  destroyOtherSessions,
  getSession,
  purgeExpiredSessions,
  type SessionRow,
} from "../lib/session.server";
import { registerAttempt, registerSuccess, throttleKey } from "../lib/throttle.server";
import type { SignInStrength } from "../lib/step-up.server";
import { codeStep, decryptSecret } from "../lib/totp.server";

// Verified when the e-mail is unknown, so a wrong address takes as long as a wrong password.
let dummyHash: Promise<string> | undefined;

export type LoginResult =
  | { ok: true; setCookie: string; secondFactorPending: boolean }
  | { ok: false; reason: "invalid" | "locked" | "provider"; retryAt?: Date };

export async function login(input: {
  email: string;
  password: string;
  ip: string;
  requestId: string;
  now?: Date;
}): Promise<LoginResult> {
  const now = input.now ?? new Date();
  const attempt = await registerAttempt(throttleKey.account(input.email), input.ip, now);
  const user = await findUserForLogin(input.email);
  if (attempt.lockedUntil) {
    await audit({
      action: "login.locked",
      municipalityId: user?.municipalityId,
      userId: user?.id,
      requestId: input.requestId,
    });
    return { ok: false, reason: "locked", retryAt: attempt.lockedUntil };
  }
  dummyHash ??= hashPassword("not-a-real-password");
  const hash = user?.passwordHash ?? (await dummyHash);
  const valid = (await verifyPassword(hash, input.password)) && !!user?.active && !!user.passwordHash;
  if (!valid || !user) {
    await audit({
      action: "login.failure",
      municipalityId: user?.municipalityId,
      userId: user?.id,
      requestId: input.requestId,
    });
    return { ok: false, reason: "invalid" };
  }
  await registerSuccess(attempt);
  // The password was right, but the municipality has its users sign in through its own provider only.
  if (!(await passwordSignInAllowed(user.municipalityId))) {
    await audit({
      action: "login.failure",
      municipalityId: user.municipalityId,
      userId: user.id,
      requestId: input.requestId,
      details: { reason: "provider" },
    });
    return { ok: false, reason: "provider" };
  }
  await purgeExpiredSessions(now);
  const secondFactorPending = !!user.totpEnabledAt;
  const setCookie = await createSession({
    userId: user.id,
    municipalityId: user.municipalityId,
    secondFactorPending,
    now,
  });
  await audit({
    action: "login.success",
    municipalityId: user.municipalityId,
    userId: user.id,
    requestId: input.requestId,
    details: secondFactorPending ? { secondFactor: "pending" } : undefined,
  });
  return { ok: true, setCookie, secondFactorPending };
}

/**
 * Checks a one-time code against the user's secret (enabled, or being enrolled) and uses up its time step,
 * so a code seen over a shoulder or replayed is refused the second time.
 */
export async function acceptTotpCode(user: CurrentUser, code: string, now = Date.now()) {
  const stored = await getTotpSecret(user);
  if (!stored?.secret) return false;
  const step = codeStep(decryptSecret(stored.secret), code, now);
  return step !== null && (await consumeTotpStep(user, step));
}

/**
 * A code from the user's authenticator, at sign-in or to switch it off: counted before it is checked on the code's
 * own counter and the address (a correct password does not clear it), and a wrong or refused one audited as a failed
 * sign-in. `details` say where, if not at sign-in (never the code).
 */
export async function checkOwnCode(input: {
  user: CurrentUser;
  code: string;
  ip: string;
  requestId: string;
  details?: Record<string, unknown>;
}): Promise<"ok" | "invalid" | "locked"> {
  const { user, requestId } = input;
  const details = { secondFactor: true, ...input.details };
  const attempt = await registerAttempt(throttleKey.code(user.id), input.ip);
  if (attempt.lockedUntil) {
    await audit({ action: "login.locked", user, requestId, details });
    return "locked";
  }
  if (!(await acceptTotpCode(user, input.code))) {
    await audit({ action: "login.failure", user, requestId, details });
    return "invalid";
  }
  await registerSuccess(attempt);
  return "ok";
}

/**
 * A user changes their own password: the current one must be right, and every other session of theirs ends,
 * so a stolen session does not outlive the change. The current password is limited and audited as at sign-in, on
 * the same counters (a stolen session must not become a way to guess it).
 */
export async function changeOwnPassword(input: {
  user: CurrentUser;
  sessionId: string;
  current: string;
  next: string;
  ip: string;
  requestId: string;
  now?: Date;
}): Promise<{ ok: true } | { ok: false; error: "wrongCurrent" } | { ok: false; error: "locked"; retryAt: Date }> {
  const { user, requestId } = input;
  // Where the check was made; never what was typed.
  const details = { path: "/settings" };
  const attempt = await registerAttempt(throttleKey.account(user.email), input.ip, input.now);
  if (attempt.lockedUntil) {
    await audit({ action: "login.locked", user, requestId, details });
    return { ok: false, error: "locked", retryAt: attempt.lockedUntil };
  }
  const hash = await getPasswordHash(user);
  if (!hash || !(await verifyPassword(hash, input.current))) {
    await audit({ action: "login.failure", user, requestId, details });
    return { ok: false, error: "wrongCurrent" };
  }
  await registerSuccess(attempt);
  await setPasswordHash(user, await hashPassword(input.next));
  await destroyOtherSessions(user.id, input.sessionId);
  await audit({
    action: "update",
    user,
    recordType: "user",
    recordId: user.id,
    requestId,
    details: { field: "password" },
  });
  return { ok: true };
}

interface GuardArgs {
  request: Request;
  context: AppLoadContext;
}

function loginRedirect(request: Request) {
  // The path only: a query string (an admin's search, say) could hold personal data and must not travel on. A report
  // draft's id holds none, and brings the writer back to their draft after signing in again.
  const url = new URL(request.url);
  const draft = url.searchParams.get("draft") ?? undefined;
  const back = url.pathname === "/reports/new" && isUuid(draft) ? `${url.pathname}?draft=${draft}` : url.pathname;
  const params = back === "/" ? "" : `?${new URLSearchParams({ redirectTo: back })}`;
  return redirect(`/login${params}`);
}

/** Paths a user may reach before changing an administrator's password or enrolling a required second factor. */
const ENROLMENT_PATHS = new Set(["/settings", "/logout", "/language"]);

/** The signed-in user, read fresh from the database, or a redirect to the login page. */
export async function requireUser(args: GuardArgs): Promise<CurrentUser> {
  const found = await getUserAndSession(args.request, args.context);
  if (!found) throw loginRedirect(args.request);
  if (found.session.secondFactorPending) throw redirect("/login/code");
  const { user } = found;
  const path = new URL(args.request.url).pathname;
  if (user.mustChangePassword && !ENROLMENT_PATHS.has(path)) throw redirect("/settings?password=required");
  // A sign-in with more than one factor at the municipality's provider stands for the portal's own (issue 25).
  const secondFactorMissing = requiresSecondFactor(user) && !user.totpEnabled && !found.session.providerMfa;
  if (!env().demoMode && secondFactorMissing && !ENROLMENT_PATHS.has(path)) {
    throw redirect("/settings?secondFactor=required");
  }
  return user;
}

// Root and route loaders run for the same request: read the session once per request.
const perRequest = new WeakMap<object, { found: Promise<SignedIn | null>; byAction: boolean }>();
type SignedIn = { session: SessionRow; user: CurrentUser; unread: number | null };

/**
 * The session, its user and their unread messages, or null; does not redirect. After an action the loaders run with
 * the same context: the user is the same, but the unread count read before the action may not be, so it is null then.
 */
export async function getUserAndSession(request: Request, context?: AppLoadContext): Promise<SignedIn | null> {
  const key = context ?? request;
  const isRead = request.method === "GET" || request.method === "HEAD";
  let entry = perRequest.get(key);
  if (!entry) {
    entry = { found: loadUserAndSession(request), byAction: !isRead };
    perRequest.set(key, entry);
  }
  const found = await entry.found;
  return found && entry.byAction && isRead ? { ...found, unread: null } : found;
}

async function loadUserAndSession(request: Request): Promise<SignedIn | null> {
  const session = await getSession(request, new Date(), {
    user: sessionUser,
    unread: sql`(select count(*) from ${messages} where ${unreadOf(sql`"sessions"."user_id"`, sql`"sessions"."municipality_id"`)})`,
  });
  const user = parseCurrentUser(session?.alongside.user);
  if (!session || !user) return null;
  return { session, user, unread: Number(session.alongside.unread) };
}

/**
 * What the step-up rule (app/lib/step-up.server.ts) needs of this request's sign-in. Called after the route's guard:
 * the session and user are the ones the guard read (once per request).
 */
export async function signInStrength(args: GuardArgs): Promise<SignInStrength> {
  const found = await getUserAndSession(args.request, args.context);
  if (!found) throw loginRedirect(args.request);
  const { secondFactorAt, providerMfa } = found.session;
  return { totpEnabled: found.user.totpEnabled, secondFactorAt, providerMfa };
}

/** The signed-in user if they may do `action` (on `resource`); otherwise a 403, logged in the audit trail. */
export async function requirePermission(args: GuardArgs, action: Action, resource?: Resource) {
  notePermission(action);
  const user = await requireUser(args);
  await assertCan(args, user, action, resource);
  return user;
}

/**
 * A 403 when the role may not do the action at all; a 404 when it may but not on this record, so a
 * record in another unit or municipality looks exactly like one that does not exist.
 */
export async function assertCan(args: GuardArgs, user: CurrentUser, action: Action, resource?: Resource) {
  if (can(user, action, resource)) return;
  await audit({
    action: "access.denied",
    user,
    recordType: resource?.type,
    recordId: resource?.id,
    requestId: args.context.requestId,
    details: { action, path: new URL(args.request.url).pathname },
  });
  throw resource && can(user, action) ? notFound() : forbidden();
}

/**
 * A record the user asked for that is not in their reach: a 404 like any unknown id, but written to the audit
 * log, so an administrator's log review shows someone probing ids of other units or municipalities.
 */
export async function recordNotFound(
  args: GuardArgs,
  user: CurrentUser,
  recordType: string,
  recordId?: string,
): Promise<never> {
  await audit({
    action: "access.denied",
    user,
    recordType,
    recordId: recordId && isUuid(recordId) ? recordId : null,
    requestId: args.context.requestId,
    details: { reason: "not found", path: new URL(args.request.url).pathname },
  });
  throw notFound();
}

export function forbidden() {
  return new Response(null, { status: 403, statusText: "Forbidden" });
}

export function notFound() {
  return new Response(null, { status: 404, statusText: "Not Found" });
}
