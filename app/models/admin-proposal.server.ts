import { and, asc, count, eq, ne } from "drizzle-orm";
import { getDb, type Database } from "#db/client.server";
import { adminProposals, memberships, units, users, type AdminProposalKind, type Role } from "#db/schema";
import { socialServicesRoles } from "~/domain/vocabulary";
import { isUuid } from "~/domain/ids";
import { audit } from "~/lib/audit.server";
import { can, type CurrentUser } from "~/lib/permissions.server";
import { activeUnitExists, addMembership, isUniqueViolation, resetPassword, resetSecondFactor } from "./user.server";
import { deliverMessage } from "./inbox.server";

/**
 * Changes to a user that take two administrators (issue 22, item 1): granting a social-services role, and resetting
 * the password or second factor of a user who holds one. One administrator proposes (a row here, nothing applied);
 * another approves, and the change is applied in the approval's transaction, or rejects; the proposer may withdraw.
 * Whoever proposed never decides, nor does the person it concerns (permission "adminProposal:decide"). The person
 * concerned is told in their inbox when it is approved, the proposer when it is rejected. Audited with ids only: never
 * a password or its hash.
 */

const SOCIAL_SERVICES: readonly Role[] = socialServicesRoles;

/** A grant of this role takes two administrators. */
export function grantNeedsTwo(role: Role) {
  return SOCIAL_SERVICES.includes(role);
}

/** A credential reset of this user takes two administrators: they hold a social-services role now. */
export function resetNeedsTwo(target: { memberships: { role: Role }[] }) {
  return target.memberships.some((m) => SOCIAL_SERVICES.includes(m.role));
}

export type ProposalInput =
  | { kind: "grant_role"; unitId: string; role: Role }
  | { kind: "reset_password"; passwordHash: string }
  | { kind: "reset_second_factor" };

export type ProposeResult =
  | { ok: true; proposalId: string }
  | { ok: false; error: "alreadyProposed" | "duplicate" | "unitNotFound" };

/** Records a proposal about `targetUserId` (a user of the admin's municipality, checked by the caller's guard). */
export async function propose(admin: CurrentUser, targetUserId: string, input: ProposalInput): Promise<ProposeResult> {
  const municipalityId = admin.municipalityId;
  const db = getDb();
  if (input.kind === "grant_role") {
    if (!(await activeUnitExists(db, municipalityId, input.unitId))) return { ok: false, error: "unitNotFound" };
    const [held] = await db
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(
          eq(memberships.userId, targetUserId),
          eq(memberships.unitId, input.unitId),
          eq(memberships.role, input.role),
          eq(memberships.municipalityId, municipalityId),
        ),
      );
    if (held) return { ok: false, error: "duplicate" };
  }
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(adminProposals)
        .values({
          municipalityId,
          kind: input.kind,
          targetUserId,
          unitId: input.kind === "grant_role" ? input.unitId : null,
          role: input.kind === "grant_role" ? input.role : null,
          passwordHash: input.kind === "reset_password" ? input.passwordHash : null,
          proposedById: admin.id,
        })
        .returning({ id: adminProposals.id });
      const details = {
        kind: input.kind,
        userId: targetUserId,
        ...(input.kind === "grant_role" ? { unitId: input.unitId, role: input.role } : {}),
      };
      await audit({ action: "create", user: admin, recordType: "admin_proposal", recordId: row.id, details }, tx);
      return { ok: true as const, proposalId: row.id };
    });
  } catch (error) {
    if (
      isUniqueViolation(error, "admin_proposals_pending_grant_idx") ||
      isUniqueViolation(error, "admin_proposals_pending_reset_idx")
    )
      return { ok: false, error: "alreadyProposed" };
    throw error;
  }
}

/** The pending proposals about one user, oldest first, with what the viewer may do with each. */
export async function listPendingProposals(admin: CurrentUser, targetUserId: string) {
  const proposer = users;
  const rows = await getDb()
    .select({
      id: adminProposals.id,
      kind: adminProposals.kind,
      unitId: adminProposals.unitId,
      unitName: units.name,
      role: adminProposals.role,
      proposedById: adminProposals.proposedById,
      proposedByName: proposer.name,
      proposedAt: adminProposals.proposedAt,
    })
    .from(adminProposals)
    .innerJoin(proposer, eq(proposer.id, adminProposals.proposedById))
    .leftJoin(units, eq(units.id, adminProposals.unitId))
    .where(
      and(
        eq(adminProposals.municipalityId, admin.municipalityId),
        eq(adminProposals.targetUserId, targetUserId),
        eq(adminProposals.status, "pending"),
      ),
    )
    .orderBy(asc(adminProposals.proposedAt), asc(adminProposals.id));
  return rows.map((row) => ({
    ...row,
    mayDecide: can(admin, "adminProposal:decide", proposalResource(admin.municipalityId, row, targetUserId)),
    mayWithdraw: row.proposedById === admin.id,
  }));
}

/**
 * What waits for this administrator (pending, neither theirs nor about them): the total, and the users concerned with
 * how many each, for their home page.
 */
export async function proposalsAwaiting(admin: CurrentUser) {
  const concerned = await getDb()
    .select({ id: users.id, name: users.name, count: count() })
    .from(adminProposals)
    .innerJoin(users, and(eq(users.id, adminProposals.targetUserId), eq(users.municipalityId, admin.municipalityId)))
    .where(
      and(
        eq(adminProposals.municipalityId, admin.municipalityId),
        eq(adminProposals.status, "pending"),
        ne(adminProposals.proposedById, admin.id),
        ne(adminProposals.targetUserId, admin.id),
      ),
    )
    .groupBy(users.id, users.name)
    .orderBy(asc(users.name), asc(users.id));
  return { total: concerned.reduce((sum, u) => sum + u.count, 0), users: concerned };
}

function proposalResource(municipalityId: string, row: { id: string; proposedById: string }, targetUserId: string) {
  return { type: "admin_proposal" as const, id: row.id, municipalityId, proposedById: row.proposedById, targetUserId };
}

export type DecideResult =
  | { ok: true }
  | { ok: false; error: "notFound" | "notAllowed" | "notPending" | "duplicate" | "unitNotFound" };

/** The proposal if it is about this user of the admin's municipality (any status). */
async function findProposal(admin: CurrentUser, proposalId: string, targetUserId: string) {
  if (!isUuid(proposalId)) return null;
  const [row] = await getDb()
    .select({ id: adminProposals.id, proposedById: adminProposals.proposedById })
    .from(adminProposals)
    .where(
      and(
        eq(adminProposals.id, proposalId),
        eq(adminProposals.municipalityId, admin.municipalityId),
        eq(adminProposals.targetUserId, targetUserId),
      ),
    );
  return row ?? null;
}

/** A change an approval could not apply (the unit closed, the role given since): the approval is rolled back. */
class NotApplied extends Error {
  constructor(readonly reason: "duplicate" | "unitNotFound") {
    super(reason);
  }
}

/**
 * Another administrator approves: one conditional UPDATE (still pending, not their own, not about them), so of two
 * approvals at once one applies it; the change, its audit entries and the message to the person concerned commit
 * with it.
 */
export async function approveProposal(
  admin: CurrentUser,
  input: { proposalId: string; targetUserId: string },
): Promise<DecideResult> {
  const found = await findProposal(admin, input.proposalId, input.targetUserId);
  if (!found) return { ok: false, error: "notFound" };
  if (!can(admin, "adminProposal:decide", proposalResource(admin.municipalityId, found, input.targetUserId)))
    return { ok: false, error: "notAllowed" };
  try {
    return await getDb().transaction(async (tx) => {
      // The hash the decision clears, read under the row's lock so the decision below sees the same row.
      const [pending] = await tx
        .select({ passwordHash: adminProposals.passwordHash })
        .from(adminProposals)
        .where(eq(adminProposals.id, found.id))
        .for("update");
      const row = await decide(tx, admin, input, "approved");
      if (!row) return { ok: false as const, error: "notPending" as const };
      const userId = row.targetUserId;
      let unit = "";
      if (row.kind === "grant_role" && row.unitId && row.role) {
        const added = await addMembership(admin, { userId, unitId: row.unitId, role: row.role }, tx);
        if (!added.ok) throw new NotApplied(added.error);
        unit = await unitName(tx, row.unitId);
      } else if (row.kind === "reset_password" && pending?.passwordHash) {
        await resetPassword(admin, { userId, hash: pending.passwordHash }, tx);
      } else if (row.kind === "reset_second_factor") {
        await resetSecondFactor(admin, { userId }, tx);
      }
      await deliverMessage(
        {
          municipalityId: admin.municipalityId,
          recipientId: userId,
          template: "admin:proposalMessages.approved",
          params: changeParams(row, unit, ""),
        },
        tx,
      );
      return { ok: true as const };
    });
  } catch (error) {
    if (error instanceof NotApplied) return { ok: false, error: error.reason };
    throw error;
  }
}

/** Another administrator rejects it; the proposer is told. */
export async function rejectProposal(
  admin: CurrentUser,
  input: { proposalId: string; targetUserId: string },
): Promise<DecideResult> {
  const found = await findProposal(admin, input.proposalId, input.targetUserId);
  if (!found) return { ok: false, error: "notFound" };
  if (!can(admin, "adminProposal:decide", proposalResource(admin.municipalityId, found, input.targetUserId)))
    return { ok: false, error: "notAllowed" };
  return getDb().transaction(async (tx) => {
    const row = await decide(tx, admin, input, "rejected");
    if (!row) return { ok: false as const, error: "notPending" as const };
    const [target] = await tx.select({ name: users.name }).from(users).where(eq(users.id, row.targetUserId));
    await deliverMessage(
      {
        municipalityId: admin.municipalityId,
        recipientId: row.proposedById,
        template: "admin:proposalMessages.rejected",
        params: changeParams(row, await unitName(tx, row.unitId), target?.name ?? ""),
        link: `/admin/users/${row.targetUserId}`,
      },
      tx,
    );
    return { ok: true as const };
  });
}

/** The proposer takes it back while it is pending. */
export async function withdrawProposal(
  admin: CurrentUser,
  input: { proposalId: string; targetUserId: string },
): Promise<DecideResult> {
  const found = await findProposal(admin, input.proposalId, input.targetUserId);
  if (!found) return { ok: false, error: "notFound" };
  if (found.proposedById !== admin.id) return { ok: false, error: "notAllowed" };
  return getDb().transaction(async (tx) => {
    const row = await decide(tx, admin, input, "withdrawn");
    return row ? { ok: true as const } : { ok: false as const, error: "notPending" as const };
  });
}

/** The one conditional UPDATE every decision is: it changes a pending proposal, by someone the status allows. */
async function decide(
  tx: Database,
  admin: CurrentUser,
  input: { proposalId: string; targetUserId: string },
  status: "approved" | "rejected" | "withdrawn",
) {
  const who =
    status === "withdrawn"
      ? eq(adminProposals.proposedById, admin.id)
      : and(ne(adminProposals.proposedById, admin.id), ne(adminProposals.targetUserId, admin.id));
  const [row] = await tx
    .update(adminProposals)
    // A temporary password's hash is kept only while the reset waits (approval reads it first, under a lock).
    .set({ status, decidedById: admin.id, decidedAt: new Date(), passwordHash: null })
    .where(
      and(
        eq(adminProposals.id, input.proposalId),
        eq(adminProposals.municipalityId, admin.municipalityId),
        eq(adminProposals.targetUserId, input.targetUserId),
        eq(adminProposals.status, "pending"),
        who,
      ),
    )
    .returning();
  if (!row) return null;
  const details = { status, kind: row.kind, userId: row.targetUserId };
  await audit({ action: "update", user: admin, recordType: "admin_proposal", recordId: row.id, details }, tx);
  return row;
}

async function unitName(tx: Database, unitId: string | null) {
  if (!unitId) return "";
  const [unit] = await tx.select({ name: units.name }).from(units).where(eq(units.id, unitId));
  return unit?.name ?? "";
}

function changeParams(
  row: { kind: AdminProposalKind; role: Role | null },
  unit: string,
  user: string,
):
  | { change: "grant_role"; role: Role; unit: string; user: string }
  | {
      change: "reset_password" | "reset_second_factor";
      user: string;
    } {
  return row.kind === "grant_role" && row.role
    ? { change: "grant_role", role: row.role, unit, user }
    : { change: row.kind === "reset_password" ? "reset_password" : "reset_second_factor", user };
}
