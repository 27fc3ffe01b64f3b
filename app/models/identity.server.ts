import { and, eq, inArray, isNotNull, isNull, lt, ne, sql } from "drizzle-orm";
import { type Database, getDb } from "#db/client.server";
import {
  identityGroupRoles,
  identityProviders,
  memberships,
  municipalities,
  oidcSignIns,
  units,
  userIdentities,
  users,
} from "#db/schema";
import { audit } from "~/lib/audit.server";
import { env, oidcSecretSuffix } from "~/lib/env.server";
import type { OidcClaims, OidcSettings, PendingSignIn } from "~/lib/oidc.server";
import { isUuid } from "~/domain/ids";
import type { Role } from "~/domain/vocabulary";
import type { CurrentUser } from "~/lib/permissions.server";
import { grantNeedsTwo } from "./admin-proposal.server";
import { activeUnitExists, isUniqueViolation, normaliseEmail } from "./user.server";

/** Long enough to pass a card reader or BankID on a phone; short enough that a forgotten tab does not linger. */
export const SIGN_IN_TIMEOUT_MS = 10 * 60 * 1000;

export interface SignInProvider {
  municipalityId: string;
  displayName: string;
}

/**
 * The providers the login page offers: those whose client secret is set on this server. A provider configured in
 * the database without its secret is left out rather than failing at the provider.
 */
export async function signInProviders(): Promise<SignInProvider[]> {
  const secrets = env().oidcClientSecrets;
  if (!Object.keys(secrets).length) return [];
  const rows = await getDb()
    .select({
      municipalityId: identityProviders.municipalityId,
      displayName: identityProviders.displayName,
      slug: municipalities.slug,
    })
    .from(identityProviders)
    .innerJoin(municipalities, eq(municipalities.id, identityProviders.municipalityId))
    .orderBy(identityProviders.displayName);
  return rows
    .filter((row) => secrets[oidcSecretSuffix(row.slug)])
    .map(({ municipalityId, displayName }) => ({ municipalityId, displayName }));
}

/**
 * A municipality's provider as openid-client needs it, with the `acr` values that mean more than one factor, or null
 * when none is configured or its secret is missing.
 */
export async function providerSettings(
  municipalityId: string,
): Promise<(OidcSettings & { mfaAcrValues: string[] }) | null> {
  const [row] = await getDb()
    .select({
      issuer: identityProviders.issuer,
      clientId: identityProviders.clientId,
      mfaAcrValues: identityProviders.mfaAcrValues,
      slug: municipalities.slug,
    })
    .from(identityProviders)
    .innerJoin(municipalities, eq(municipalities.id, identityProviders.municipalityId))
    .where(eq(identityProviders.municipalityId, municipalityId))
    .limit(1);
  const clientSecret = row ? env().oidcClientSecrets[oidcSecretSuffix(row.slug)] : undefined;
  if (!row || !clientSecret) return null;
  return { issuer: row.issuer, clientId: row.clientId, clientSecret, mfaAcrValues: row.mfaAcrValues };
}

/** Whether the login page shows the password form: some municipality still lets its users use a password. */
export async function anyPasswordSignIn() {
  const [row] = await getDb()
    .select({ id: municipalities.id })
    .from(municipalities)
    .leftJoin(identityProviders, eq(identityProviders.municipalityId, municipalities.id))
    .where(sql`${identityProviders.municipalityId} is null or ${identityProviders.passwordSignIn}`)
    .limit(1);
  return !!row;
}

/** Whether a municipality's users may sign in with a portal password (yes when it has no provider). */
export async function passwordSignInAllowed(municipalityId: string) {
  const [row] = await getDb()
    .select({ allowed: identityProviders.passwordSignIn })
    .from(identityProviders)
    .where(eq(identityProviders.municipalityId, municipalityId))
    .limit(1);
  return row?.allowed ?? true;
}

/** Keeps what the provider's answer must match, under the keyed hash of the browser's token. */
export async function savePendingSignIn(input: {
  id: string;
  municipalityId: string;
  pending: PendingSignIn;
  redirectTo: string;
  now?: Date;
}) {
  const now = input.now ?? new Date();
  const db = getDb();
  // Abandoned sign-ins go as new ones come: the table holds minutes of them.
  await db.delete(oidcSignIns).where(lt(oidcSignIns.expiresAt, now));
  await db.insert(oidcSignIns).values({
    id: input.id,
    municipalityId: input.municipalityId,
    state: input.pending.state,
    nonce: input.pending.nonce,
    codeVerifier: input.pending.codeVerifier,
    maxAge: input.pending.maxAge ?? null,
    redirectUri: input.pending.redirectUri,
    redirectTo: input.redirectTo,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SIGN_IN_TIMEOUT_MS),
  });
}

/** Takes the browser's pending sign-in: deleted in the same statement, so a resent answer finds nothing. */
export async function takePendingSignIn(id: string, now = new Date()) {
  const [row] = await getDb().delete(oidcSignIns).where(eq(oidcSignIns.id, id)).returning();
  if (!row || row.expiresAt.getTime() <= now.getTime()) return null;
  const { state, nonce, codeVerifier, redirectUri } = row;
  const pending: PendingSignIn = {
    state,
    nonce,
    codeVerifier,
    redirectUri,
    ...(row.maxAge !== null ? { maxAge: row.maxAge } : {}),
  };
  return { municipalityId: row.municipalityId, redirectTo: row.redirectTo, pending };
}

export type AccountMatch =
  | { ok: true; userId: string; totpEnabled: boolean }
  | { ok: false; reason: "unknown" | "inactive" };

/**
 * The portal account of a provider's user: by issuer and subject; otherwise, once, by an e-mail the provider says it
 * verified, for an account of the same municipality not yet linked to this provider. Never by an unverified e-mail:
 * whoever can set their address at the provider could take over an account.
 */
export async function accountForClaims(
  municipalityId: string,
  claims: OidcClaims,
  /**
   * Two first sign-ins of one person at once (two tabs): the unique indexes let one link or make the account, and
   * the other looks again, once, and finds it by the subject.
   */
  again = true,
): Promise<AccountMatch> {
  const db = getDb();
  const columns = { id: users.id, active: users.active, totpEnabledAt: users.totpEnabledAt };
  const [known] = await db
    .select(columns)
    .from(userIdentities)
    .innerJoin(users, eq(users.id, userIdentities.userId))
    .where(
      and(
        eq(userIdentities.municipalityId, municipalityId),
        eq(userIdentities.issuer, claims.iss),
        eq(userIdentities.subject, claims.sub),
        eq(users.municipalityId, municipalityId),
      ),
    )
    .limit(1);
  if (known) return matched(known);
  if (!claims.email || !claims.emailVerified) return newAccount(municipalityId, claims, again);

  const [byEmail] = await db
    .select({ ...columns, linkedTo: userIdentities.subject })
    .from(users)
    .leftJoin(userIdentities, and(eq(userIdentities.userId, users.id), eq(userIdentities.issuer, claims.iss)))
    .where(and(eq(users.municipalityId, municipalityId), eq(users.email, normaliseEmail(claims.email))))
    .limit(1);
  if (!byEmail) return newAccount(municipalityId, claims, again);
  // Linked already: to this person a moment ago (another tab), or to someone else at the provider.
  if (byEmail.linkedTo !== null) {
    return byEmail.linkedTo === claims.sub ? matched(byEmail) : { ok: false, reason: "unknown" };
  }
  if (!byEmail.active) return { ok: false, reason: "inactive" };
  // The link and its audit entry commit together, or neither does.
  const inserted = await db.transaction(async (tx) => {
    const rows = await tx
      .insert(userIdentities)
      .values({ municipalityId, userId: byEmail.id, issuer: claims.iss, subject: claims.sub })
      .onConflictDoNothing()
      .returning({ id: userIdentities.id });
    if (rows.length) {
      const entry = { municipalityId, userId: byEmail.id, recordType: "user", recordId: byEmail.id };
      await audit({ action: "identity.linked", ...entry }, tx);
    }
    return rows;
  });
  if (!inserted.length)
    return again ? accountForClaims(municipalityId, claims, false) : { ok: false, reason: "unknown" };
  return matched(byEmail);
}

/**
 * A first sign-in by someone the portal does not know: an account is made when their groups give them a role here
 * (identity_group_roles), with the provider's name and e-mail; otherwise they are refused as unknown. An address an
 * account already has is refused too: the provider did not verify that it is theirs, or it is another account's.
 */
async function newAccount(municipalityId: string, claims: OidcClaims, again: boolean): Promise<AccountMatch> {
  const db = getDb();
  if (!claims.email || !(await grantsFor(db, municipalityId, claims.groups)).length) {
    return { ok: false, reason: "unknown" };
  }
  const email = normaliseEmail(claims.email);
  try {
    const userId = await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ municipalityId, email, name: claims.name?.trim() || email })
        .returning({ id: users.id });
      await tx
        .insert(userIdentities)
        .values({ municipalityId, userId: user.id, issuer: claims.iss, subject: claims.sub });
      await audit(
        { action: "create", municipalityId, userId: user.id, recordType: "user", recordId: user.id, details: OIDC },
        tx,
      );
      return user.id;
    });
    return { ok: true, userId, totpEnabled: false };
  } catch (error) {
    // A parallel first sign-in of the same person made the account first (found by the subject when looking
    // again), or the address is another account's (still unknown then).
    if (isUniqueViolation(error, "user_identities_subject_idx") || isUniqueViolation(error, "users_email_idx")) {
      return again ? accountForClaims(municipalityId, claims, false) : { ok: false, reason: "unknown" };
    }
    throw error;
  }
}

const OIDC = { method: "oidc" };

/** The (unit, role) pairs a user's groups give: approved mappings at active units. */
async function grantsFor(db: Database, municipalityId: string, groups: string[]) {
  if (!groups.length) return [];
  return db
    .selectDistinct({ unitId: identityGroupRoles.unitId, role: identityGroupRoles.role })
    .from(identityGroupRoles)
    .innerJoin(units, and(eq(units.id, identityGroupRoles.unitId), eq(units.municipalityId, municipalityId)))
    .where(
      and(
        eq(identityGroupRoles.municipalityId, municipalityId),
        inArray(identityGroupRoles.groupName, groups),
        isNotNull(identityGroupRoles.approvedAt),
        eq(units.active, true),
      ),
    );
}

/**
 * The memberships the provider's groups give, as of this sign-in: those the groups give now are added, those they
 * gave before and no longer give are removed. Memberships an administrator gave by hand stay as they are (one the
 * groups also give stays the administrator's). Each change is audited with ids only.
 */
export async function syncProviderMemberships(input: { municipalityId: string; userId: string; groups: string[] }) {
  const { municipalityId, userId } = input;
  await getDb().transaction(async (tx) => {
    const wanted = await grantsFor(tx, municipalityId, input.groups);
    const key = (m: { unitId: string; role: string }) => `${m.unitId} ${m.role}`;
    const wantedKeys = new Set(wanted.map(key));
    const mine = and(eq(memberships.municipalityId, municipalityId), eq(memberships.userId, userId));
    const current = await tx
      .select({
        id: memberships.id,
        unitId: memberships.unitId,
        role: memberships.role,
        fromProvider: memberships.fromProvider,
      })
      .from(memberships)
      .where(mine);
    const held = new Set(current.map(key));
    const gone = current.filter((m) => m.fromProvider && !wantedKeys.has(key(m)));
    if (gone.length) {
      await tx.delete(memberships).where(
        and(
          mine,
          inArray(
            memberships.id,
            gone.map((m) => m.id),
          ),
        ),
      );
    }
    const added = wanted.filter((m) => !held.has(key(m)));
    const inserted = added.length
      ? await tx
          .insert(memberships)
          .values(added.map((m) => ({ municipalityId, userId, unitId: m.unitId, role: m.role, fromProvider: true })))
          .onConflictDoNothing()
          .returning({ id: memberships.id, unitId: memberships.unitId, role: memberships.role })
      : [];
    for (const [action, rows] of [
      ["delete", gone],
      ["create", inserted],
    ] as const) {
      for (const m of rows) {
        const details = { ...OIDC, userId, unitId: m.unitId, role: m.role };
        await audit({ action, municipalityId, userId, recordType: "membership", recordId: m.id, details }, tx);
      }
    }
  });
}

function matched(row: { id: string; active: boolean; totpEnabledAt: Date | null }): AccountMatch {
  if (!row.active) return { ok: false, reason: "inactive" };
  return { ok: true, userId: row.id, totpEnabled: row.totpEnabledAt !== null };
}

/**
 * Sets or changes a municipality's provider (the admin page; the tests). Audited when an administrator does it; a
 * changed issuer leaves earlier links to the old one unused (accounts are matched by issuer and subject).
 */
export async function saveIdentityProvider(
  input: {
    municipalityId: string;
    issuer: string;
    clientId: string;
    displayName: string;
    passwordSignIn: boolean;
    mfaAcrValues?: string[];
    secondFactorRoles?: Role[];
  },
  admin?: CurrentUser,
) {
  const { municipalityId, ...values } = input;
  await getDb().transaction(async (tx) => {
    await tx
      .insert(identityProviders)
      .values(input)
      .onConflictDoUpdate({ target: identityProviders.municipalityId, set: { ...values, updatedAt: sql`now()` } });
    if (admin) {
      const details = { fields: ["identityProvider"] };
      await audit({ action: "update", user: admin, recordType: "municipality", recordId: municipalityId, details }, tx);
    }
  });
}

/** The provider as the admin page shows it, with the name of the variable its secret comes from and whether it is set. */
export async function identityProviderOf(municipalityId: string) {
  const [row] = await getDb()
    .select({
      issuer: identityProviders.issuer,
      clientId: identityProviders.clientId,
      displayName: identityProviders.displayName,
      passwordSignIn: identityProviders.passwordSignIn,
      mfaAcrValues: identityProviders.mfaAcrValues,
      secondFactorRoles: identityProviders.secondFactorRoles,
      slug: municipalities.slug,
    })
    .from(municipalities)
    .leftJoin(identityProviders, eq(identityProviders.municipalityId, municipalities.id))
    .where(eq(municipalities.id, municipalityId));
  if (!row) return null;
  const suffix = oidcSecretSuffix(row.slug);
  const { slug: _slug, ...provider } = row;
  return {
    provider: provider.issuer ? provider : null,
    secretVariable: `OIDC_CLIENT_SECRET_${suffix}`,
    secretSet: !!env().oidcClientSecrets[suffix],
  };
}

export interface GroupRole {
  id: string;
  groupName: string;
  unitId: string;
  unitName: string;
  role: Role;
  proposedById: string;
  proposedByName: string;
  approvedAt: Date | null;
}

/** The municipality's group mappings, pending ones first. */
export async function listGroupRoles(municipalityId: string): Promise<GroupRole[]> {
  return getDb()
    .select({
      id: identityGroupRoles.id,
      groupName: identityGroupRoles.groupName,
      unitId: identityGroupRoles.unitId,
      unitName: units.name,
      role: identityGroupRoles.role,
      proposedById: identityGroupRoles.proposedById,
      proposedByName: users.name,
      approvedAt: identityGroupRoles.approvedAt,
    })
    .from(identityGroupRoles)
    .innerJoin(units, eq(units.id, identityGroupRoles.unitId))
    .innerJoin(users, eq(users.id, identityGroupRoles.proposedById))
    .where(eq(identityGroupRoles.municipalityId, municipalityId))
    .orderBy(sql`${identityGroupRoles.approvedAt} is not null`, identityGroupRoles.groupName, units.name);
}

/**
 * A group now gives a role at a unit. One that gives a social-services role waits for a second administrator
 * (the separation of duties of issue 22: one person alone cannot open the reports to anyone).
 */
export async function proposeGroupRole(
  admin: CurrentUser,
  input: { groupName: string; unitId: string; role: Role },
): Promise<{ ok: true; id: string; pending: boolean } | { ok: false; error: "duplicate" | "unitNotFound" }> {
  const { municipalityId } = admin;
  const db = getDb();
  if (!(await activeUnitExists(db, municipalityId, input.unitId))) return { ok: false, error: "unitNotFound" };
  const pending = grantNeedsTwo(input.role);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(identityGroupRoles)
        .values({
          municipalityId,
          groupName: input.groupName.trim(),
          unitId: input.unitId,
          role: input.role,
          proposedById: admin.id,
          approvedAt: pending ? null : new Date(),
        })
        .returning({ id: identityGroupRoles.id });
      const details = { unitId: input.unitId, role: input.role, pending };
      await audit({ action: "create", user: admin, recordType: GROUP_ROLE, recordId: row.id, details }, tx);
      return { ok: true as const, id: row.id, pending };
    });
  } catch (error) {
    if (isUniqueViolation(error, "identity_group_roles_mapping_idx")) return { ok: false, error: "duplicate" };
    throw error;
  }
}

const GROUP_ROLE = "identity_group_role";

/** A second administrator approves a waiting mapping; whoever proposed it cannot. */
export async function approveGroupRole(admin: CurrentUser, id: string): Promise<"approved" | "own" | "notFound"> {
  if (!isUuid(id)) return "notFound";
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(identityGroupRoles)
      .set({ approvedById: admin.id, approvedAt: new Date() })
      .where(
        and(
          eq(identityGroupRoles.id, id),
          eq(identityGroupRoles.municipalityId, admin.municipalityId),
          isNull(identityGroupRoles.approvedAt),
          ne(identityGroupRoles.proposedById, admin.id),
        ),
      )
      .returning({ id: identityGroupRoles.id });
    if (!row) {
      const [own] = await tx
        .select({ id: identityGroupRoles.id })
        .from(identityGroupRoles)
        .where(
          and(
            eq(identityGroupRoles.id, id),
            eq(identityGroupRoles.municipalityId, admin.municipalityId),
            eq(identityGroupRoles.proposedById, admin.id),
            isNull(identityGroupRoles.approvedAt),
          ),
        );
      return own ? "own" : "notFound";
    }
    await audit(
      { action: "update", user: admin, recordType: GROUP_ROLE, recordId: id, details: { approved: true } },
      tx,
    );
    return "approved";
  });
}

/** A mapping removed: the memberships it gave go at each member's next sign-in. */
export async function removeGroupRole(admin: CurrentUser, id: string) {
  if (!isUuid(id)) return false;
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .delete(identityGroupRoles)
      .where(and(eq(identityGroupRoles.id, id), eq(identityGroupRoles.municipalityId, admin.municipalityId)))
      .returning({ id: identityGroupRoles.id });
    if (row) await audit({ action: "delete", user: admin, recordType: GROUP_ROLE, recordId: id }, tx);
    return !!row;
  });
}

/**
 * Whether the provider says this sign-in used more than one factor: `amr` holds "mfa" (RFC 8176), or `acr` is one of
 * the values the municipality named for it. Then the portal does not ask for its own second factor as well.
 */
export function providerAssertsMfa(claims: Pick<OidcClaims, "acr" | "amr">, mfaAcrValues: readonly string[]) {
  return claims.amr.includes("mfa") || (!!claims.acr && mfaAcrValues.includes(claims.acr));
}
