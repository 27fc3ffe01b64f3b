import { and, asc, count, eq, ilike, inArray, isNotNull, isNull, lt, notInArray, or, sql } from "drizzle-orm";
import { getDb, type Database } from "#db/client.server";
import { memberships, sessions, units, users, type Role, type UnitKind } from "#db/schema";
import { isUuid } from "~/domain/ids";
import type { ListRows } from "~/domain/list-rows";
import { audit } from "~/lib/audit.server";
import { hashPassword } from "~/lib/password.server";
import type { CurrentUser } from "~/lib/permissions.server";
import { destroyUserSessions } from "~/lib/session.server";
import { encryptSecret, openSecret } from "~/lib/totp.server";
import { revokeFeedOnReactivation } from "./calendar-feed.server";

export function normaliseEmail(email: string) {
  return email.trim().toLowerCase();
}

/** For login only: the row with its password hash. */
export async function findUserForLogin(email: string) {
  const [row] = await getDb()
    .select({
      id: users.id,
      municipalityId: users.municipalityId,
      passwordHash: users.passwordHash,
      active: users.active,
      totpEnabledAt: users.totpEnabledAt,
    })
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .limit(1);
  return row ?? null;
}

/**
 * The outer `users` row as a CurrentUser, built in SQL so that the layout can read it beside the session in the same
 * statement. Columns are qualified by hand (drizzle writes bare names in a one-table select). A role in a deactivated
 * unit gives no access.
 */
const currentUserJson = sql`json_build_object(
  'id', "users"."id", 'municipalityId', "users"."municipality_id", 'name', "users"."name", 'email', "users"."email",
  'locale', "users"."locale", 'totpEnabled', "users"."totp_enabled_at" is not null,
  'mustChangePassword', "users"."password_change_required", 'listRows', "users"."list_rows",
  'secondFactorRoles', coalesce((select ip.second_factor_roles from identity_providers ip
    where ip.municipality_id = "users"."municipality_id"), '{}'),
  'memberships', coalesce((
    select json_agg(json_build_object('unitId', u.id, 'unitName', u.name, 'unitKind', u.kind, 'role', m.role) order by m.created_at, m.id)
    from memberships m join units u on u.id = m.unit_id and u.active
    where m.user_id = "users"."id" and m.municipality_id = "users"."municipality_id"
  ), '[]'::json))`;

/** The active user of a session row (`"sessions"`), as JSON: a scalar subquery to select beside the session. */
export const sessionUser = sql<unknown>`(select ${currentUserJson} from users
  where "users"."id" = "sessions"."user_id" and "users"."municipality_id" = "sessions"."municipality_id"
    and "users"."active")`;

/** The JSON of `currentUserJson` as it arrives: an object from postgres-js, a string from PGlite, null if none. */
export function parseCurrentUser(value: unknown): CurrentUser | null {
  if (value === null || value === undefined) return null;
  return (typeof value === "string" ? JSON.parse(value) : value) as CurrentUser;
}

/** Keeps the rows per page the user chose for the long lists (a CHECK holds it to 25, 50 or 100). */
export async function rememberListRows(user: CurrentUser, rows: ListRows) {
  await getDb()
    .update(users)
    .set({ listRows: rows })
    .where(and(eq(users.id, user.id), eq(users.municipalityId, user.municipalityId)));
}

/** The signed-in user with current memberships; null when missing or deactivated. */
export async function getCurrentUser(userId: string, municipalityId: string): Promise<CurrentUser | null> {
  const [row] = await getDb()
    .select({ user: currentUserJson })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.municipalityId, municipalityId), eq(users.active, true)))
    .limit(1);
  return parseCurrentUser(row?.user);
}

export async function setUserLocale(user: CurrentUser, locale: "sv" | "en") {
  await getDb().transaction(async (tx) => {
    await tx
      .update(users)
      .set({ locale })
      .where(and(eq(users.id, user.id), eq(users.municipalityId, user.municipalityId)));
    await audit({ action: "update", user, recordType: "user", recordId: user.id, details: { field: "locale" } }, tx);
  });
}

export async function getPasswordHash(user: CurrentUser) {
  const [row] = await getDb()
    .select({ hash: users.passwordHash })
    .from(users)
    .where(and(eq(users.id, user.id), eq(users.municipalityId, user.municipalityId)));
  return row?.hash ?? null;
}

export async function setPasswordHash(user: CurrentUser, hash: string) {
  await getDb()
    .update(users)
    .set({ passwordHash: hash, passwordChangeRequired: false })
    .where(and(eq(users.id, user.id), eq(users.municipalityId, user.municipalityId)));
}

export async function getTotpSecret(user: CurrentUser) {
  const [row] = await getDb()
    .select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt })
    .from(users)
    .where(and(eq(users.id, user.id), eq(users.municipalityId, user.municipalityId)));
  return row ?? null;
}

/** Marks a code's time step as used; false when it (or a later one) was used already, even by a parallel request. */
export async function consumeTotpStep(user: CurrentUser, step: number) {
  const rows = await getDb()
    .update(users)
    .set({ totpLastStep: step })
    .where(
      and(
        eq(users.id, user.id),
        eq(users.municipalityId, user.municipalityId),
        or(isNull(users.totpLastStep), lt(users.totpLastStep, step)),
      ),
    )
    .returning({ id: users.id });
  return rows.length === 1;
}

/** Starts enrolment (a secret, not enabled), enables or removes the user's second factor, audited with the change. */
export async function setTotp(user: CurrentUser, values: { secret: string | null; enabledAt: Date | null }) {
  await getDb().transaction(async (tx) => {
    await tx
      .update(users)
      // A new or removed secret starts with no used step; enabling keeps the step the confirming code used.
      .set({
        totpSecret: values.secret,
        totpEnabledAt: values.enabledAt,
        ...(values.enabledAt ? {} : { totpLastStep: null }),
      })
      .where(and(eq(users.id, user.id), eq(users.municipalityId, user.municipalityId)));
    const entry = { user, recordType: "user", recordId: user.id };
    if (!values.secret) await audit({ action: "second_factor.removed", ...entry }, tx);
    else if (values.enabledAt) await audit({ action: "second_factor.enrolled", ...entry }, tx);
    else await audit({ action: "update", ...entry, details: { secondFactor: "enrolment started" } }, tx);
  });
}

/**
 * After a SESSION_SECRET rotation: every second-factor secret still encrypted under a previous secret is stored
 * again under the current one (run at start-up), so the previous secret can be dropped. Returns how many.
 */
export async function reencryptStaleTotpSecrets(scope: { municipalityId?: string } = {}) {
  const rows = await getDb()
    .select({ id: users.id, secret: users.totpSecret })
    .from(users)
    .where(
      and(
        isNotNull(users.totpSecret),
        scope.municipalityId ? eq(users.municipalityId, scope.municipalityId) : undefined,
      ),
    );
  let count = 0;
  for (const { id, secret } of rows) {
    // Never null (the where above); checked for the type.
    if (secret === null) continue;
    const { base32, stale } = openSecret(secret);
    if (!stale) continue;
    await getDb()
      .update(users)
      .set({ totpSecret: encryptSecret(base32) })
      .where(and(eq(users.id, id), eq(users.totpSecret, secret)));
    count += 1;
  }
  return count;
}

// ---------------------------------------------------------------------------------------------------------------
// Administration: every query below is scoped by the administrator's municipality inside its `where`.
// ---------------------------------------------------------------------------------------------------------------

export const ADMIN_PAGE_SIZE = 50;

/** True when the error (or one it wraps) is PostgreSQL's unique_violation, optionally on one named index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const {
      code,
      constraint: name,
      constraint_name,
    } = e as { code?: unknown; constraint?: unknown; constraint_name?: unknown };
    if (code === "23505")
      return !constraint || name === constraint || constraint_name === constraint || !(name ?? constraint_name);
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** `%` and `_` typed into a search box are literal characters, not wildcards. */
export function likePattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface AdminMembership {
  id: string;
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  unitActive: boolean;
  role: Role;
}

async function membershipsOf(municipalityId: string, userIds: string[]): Promise<Map<string, AdminMembership[]>> {
  const byUser = new Map<string, AdminMembership[]>();
  if (!userIds.length) return byUser;
  const rows = await getDb()
    .select({
      id: memberships.id,
      userId: memberships.userId,
      unitId: units.id,
      unitName: units.name,
      unitKind: units.kind,
      unitActive: units.active,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(units, and(eq(units.id, memberships.unitId), eq(units.municipalityId, municipalityId)))
    .where(and(eq(memberships.municipalityId, municipalityId), inArray(memberships.userId, userIds)))
    .orderBy(asc(units.name), asc(memberships.role));
  for (const { userId, ...m } of rows) {
    const list = byUser.get(userId) ?? [];
    list.push(m);
    byUser.set(userId, list);
  }
  return byUser;
}

/**
 * What an administrator should look at: active accounts without any role (they can do nothing) and accounts
 * still on a password an administrator chose.
 */
export async function adminAttention(municipalityId: string) {
  const active = and(eq(users.municipalityId, municipalityId), eq(users.active, true));
  const withRole = getDb()
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(eq(memberships.municipalityId, municipalityId));
  const [[noRole], [temporary]] = await Promise.all([
    getDb()
      .select({ n: count() })
      .from(users)
      .where(and(active, notInArray(users.id, withRole))),
    getDb()
      .select({ n: count() })
      .from(users)
      .where(and(active, eq(users.passwordChangeRequired, true))),
  ]);
  return { usersWithoutRole: noRole.n, usersOnTemporaryPassword: temporary.n };
}

/** One page of the municipality's users, active and deactivated, searched by name or e-mail. */
export async function listUsers({
  municipalityId,
  query,
  page = 1,
  pageSize = ADMIN_PAGE_SIZE,
}: {
  municipalityId: string;
  query?: string;
  page?: number;
  pageSize?: number;
}) {
  const db = getDb();
  const q = query?.trim();
  const where = and(
    eq(users.municipalityId, municipalityId),
    q ? or(ilike(users.name, likePattern(q)), ilike(users.email, likePattern(q))) : undefined,
  );
  const [{ total }] = await db.select({ total: count() }).from(users).where(where);
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, active: users.active })
    .from(users)
    .where(where)
    .orderBy(asc(users.name), asc(users.email))
    .limit(pageSize)
    .offset((Math.max(1, page) - 1) * pageSize);
  const byUser = await membershipsOf(
    municipalityId,
    rows.map((r) => r.id),
  );
  return { total, users: rows.map((r) => ({ ...r, memberships: byUser.get(r.id) ?? [] })) };
}

/** Id and name of every user in the municipality, for filter lists. */
export async function listUserOptions({ municipalityId }: { municipalityId: string }) {
  return getDb()
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.municipalityId, municipalityId))
    .orderBy(asc(users.name), asc(users.email));
}

/** A user of the municipality with all memberships, or null (unknown id, malformed id, other municipality). */
export async function getUserForAdmin({ municipalityId, userId }: { municipalityId: string; userId: string }) {
  if (!isUuid(userId)) return null;
  const [row] = await getDb()
    .select({
      id: users.id,
      municipalityId: users.municipalityId,
      name: users.name,
      email: users.email,
      active: users.active,
      createdAt: users.createdAt,
      deactivatedAt: users.deactivatedAt,
      totpEnabledAt: users.totpEnabledAt,
    })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.municipalityId, municipalityId)))
    .limit(1);
  if (!row) return null;
  const byUser = await membershipsOf(municipalityId, [row.id]);
  return { ...row, memberships: byUser.get(row.id) ?? [] };
}

export async function activeUnitExists(db: Pick<Database, "select">, municipalityId: string, unitId: string) {
  if (!isUuid(unitId)) return false;
  const [row] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.id, unitId), eq(units.municipalityId, municipalityId), eq(units.active, true)))
    .limit(1);
  return !!row;
}

export type CreateUserResult =
  | { ok: true; userId: string; membershipId: string }
  | { ok: false; error: "emailTaken" | "unitNotFound" };

/**
 * A new user with a password and a first membership, and their audit entries, in one transaction. A taken e-mail is
 * an answer, not an error.
 */
export async function createUserWithMembership(
  admin: CurrentUser,
  input: { name: string; email: string; password: string; unitId: string; role: Role },
): Promise<CreateUserResult> {
  const municipalityId = admin.municipalityId;
  const db = getDb();
  if (!(await activeUnitExists(db, municipalityId, input.unitId))) return { ok: false, error: "unitNotFound" };
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({
          municipalityId,
          name: input.name.trim(),
          email: normaliseEmail(input.email),
          passwordHash,
          // The administrator knows this password: the user replaces it at first login.
          passwordChangeRequired: true,
        })
        .returning({ id: users.id });
      const [membership] = await tx
        .insert(memberships)
        .values({ municipalityId, userId: user.id, unitId: input.unitId, role: input.role })
        .returning({ id: memberships.id });
      await audit({ action: "create", user: admin, recordType: "user", recordId: user.id }, tx);
      const details = { userId: user.id, unitId: input.unitId, role: input.role };
      await audit({ action: "create", user: admin, recordType: "membership", recordId: membership.id, details }, tx);
      return { ok: true as const, userId: user.id, membershipId: membership.id };
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_idx")) return { ok: false, error: "emailTaken" };
    throw error;
  }
}

/** Name and e-mail; false with "emailTaken" when another account has the address. */
export async function updateUserProfile(
  admin: CurrentUser,
  input: { userId: string; name: string; email: string },
): Promise<{ ok: true; changed: ("name" | "email")[] } | { ok: false; error: "emailTaken" | "notFound" }> {
  const municipalityId = admin.municipalityId;
  const current = await getUserForAdmin({ municipalityId, userId: input.userId });
  if (!current) return { ok: false, error: "notFound" };
  const name = input.name.trim();
  const email = normaliseEmail(input.email);
  const changed = [
    ...(name !== current.name ? (["name"] as const) : []),
    ...(email !== current.email ? (["email"] as const) : []),
  ];
  if (!changed.length) return { ok: true, changed };
  try {
    await getDb().transaction(async (tx) => {
      await tx
        .update(users)
        .set({ name, email })
        .where(and(eq(users.id, input.userId), eq(users.municipalityId, municipalityId)));
      const entry = { recordType: "user", recordId: input.userId, details: { fields: changed } };
      await audit({ action: "update", user: admin, ...entry }, tx);
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_idx")) return { ok: false, error: "emailTaken" };
    throw error;
  }
  return { ok: true, changed };
}

/** Pass `db` (a transaction) to make the membership part of a larger change (an approved proposal). */
export async function addMembership(
  admin: CurrentUser,
  input: { userId: string; unitId: string; role: Role },
  db: Database = getDb(),
): Promise<{ ok: true; membershipId: string } | { ok: false; error: "duplicate" | "unitNotFound" }> {
  const municipalityId = admin.municipalityId;
  if (!(await activeUnitExists(db, municipalityId, input.unitId))) return { ok: false, error: "unitNotFound" };
  const { userId, unitId, role } = input;
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(memberships)
        .values({ municipalityId, userId, unitId, role })
        .returning({ id: memberships.id });
      const details = { userId, unitId, role };
      await audit({ action: "create", user: admin, recordType: "membership", recordId: row.id, details }, tx);
      return { ok: true as const, membershipId: row.id };
    });
  } catch (error) {
    if (isUniqueViolation(error, "memberships_user_unit_role_idx")) return { ok: false, error: "duplicate" };
    throw error;
  }
}

/** Removes one membership of this user; returns the removed row or null when it is not theirs. */
export async function removeMembership(admin: CurrentUser, input: { userId: string; membershipId: string }) {
  if (!isUuid(input.membershipId)) return null;
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .delete(memberships)
      .where(
        and(
          eq(memberships.id, input.membershipId),
          eq(memberships.userId, input.userId),
          eq(memberships.municipalityId, admin.municipalityId),
        ),
      )
      .returning({ id: memberships.id, role: memberships.role, unitId: memberships.unitId });
    if (!row) return null;
    const details = { userId: input.userId, unitId: row.unitId, role: row.role };
    await audit({ action: "delete", user: admin, recordType: "membership", recordId: row.id, details }, tx);
    return row;
  });
}

/** Deactivates the account and ends every session it has at once. Returns false when nothing changed. */
export async function deactivateUser(admin: CurrentUser, input: { userId: string; now?: Date }) {
  const rows = await getDb().transaction(async (tx) => {
    const changed = await tx
      .update(users)
      .set({ active: false, deactivatedAt: input.now ?? new Date() })
      .where(and(eq(users.id, input.userId), eq(users.municipalityId, admin.municipalityId), eq(users.active, true)))
      .returning({ id: users.id });
    const entry = { recordType: "user", recordId: input.userId, details: { sessionsEnded: true } };
    if (changed.length) await audit({ action: "deactivate", user: admin, ...entry }, tx);
    return changed;
  });
  // Sessions go even when the row was already inactive: nothing of a deactivated account may stay signed in.
  await destroyUserSessions(input.userId);
  return rows.length > 0;
}

export async function reactivateUser(admin: CurrentUser, input: { userId: string }) {
  return getDb().transaction(async (tx) => {
    const rows = await tx
      .update(users)
      .set({ active: true, deactivatedAt: null })
      .where(and(eq(users.id, input.userId), eq(users.municipalityId, admin.municipalityId), eq(users.active, false)))
      .returning({ id: users.id });
    const entry = { recordType: "user", recordId: input.userId, details: { active: true } };
    if (!rows.length) return false;
    await audit({ action: "update", user: admin, ...entry }, tx);
    // A calendar link from before the deactivation must not come back to life with the account.
    await revokeFeedOnReactivation(tx, admin, input.userId);
    return true;
  });
}

/**
 * An administrator sets a temporary password (a forgotten one): every session of the user ends, and the user
 * must choose their own at the next login. Pass `db` (a transaction) to make it part of a larger change; the sessions
 * end in the same transaction.
 */
export async function resetPassword(admin: CurrentUser, input: { userId: string; hash: string }, db = getDb()) {
  const rows = await db.transaction(async (tx) => {
    const changed = await tx
      .update(users)
      .set({ passwordHash: input.hash, passwordChangeRequired: true })
      .where(and(eq(users.id, input.userId), eq(users.municipalityId, admin.municipalityId)))
      .returning({ id: users.id });
    const details = { field: "password", reset: true, sessionsEnded: true };
    if (changed.length) {
      await tx.delete(sessions).where(eq(sessions.userId, input.userId));
      await audit({ action: "update", user: admin, recordType: "user", recordId: input.userId, details }, tx);
    }
    return changed;
  });
  return rows.length > 0;
}

/** A lost authenticator: the second factor is removed and the user enrols again (required roles are sent to). */
export async function resetSecondFactor(admin: CurrentUser, input: { userId: string }, db = getDb()) {
  const rows = await db.transaction(async (tx) => {
    const changed = await tx
      .update(users)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
      .where(and(eq(users.id, input.userId), eq(users.municipalityId, admin.municipalityId)))
      .returning({ id: users.id });
    const entry = { recordType: "user", recordId: input.userId, details: { reset: true, sessionsEnded: true } };
    if (changed.length) {
      await tx.delete(sessions).where(eq(sessions.userId, input.userId));
      await audit({ action: "second_factor.removed", user: admin, ...entry }, tx);
    }
    return changed;
  });
  return rows.length > 0;
}
