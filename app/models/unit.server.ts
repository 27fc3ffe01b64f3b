import { and, asc, count, eq, sql } from "drizzle-orm";
import { getDb, type Database } from "#db/client.server";
import { memberships, units, users, type UnitKind } from "#db/schema";
import { isUuid } from "~/domain/ids";
import { audit } from "~/lib/audit.server";
import type { CurrentUser } from "~/lib/permissions.server";
import { unitKindsWithChildren } from "~/domain/vocabulary";
import { isUniqueViolation } from "./user.server";

export function countsChildren(kind: UnitKind) {
  return (unitKindsWithChildren as readonly UnitKind[]).includes(kind);
}

/** Every unit of the municipality with its number of members, active ones first. */
export async function listUnits({ municipalityId }: { municipalityId: string }) {
  const members = getDb()
    .select({ unitId: memberships.unitId, n: count().as("n") })
    .from(memberships)
    .where(eq(memberships.municipalityId, municipalityId))
    .groupBy(memberships.unitId)
    .as("members");
  return getDb()
    .select({
      id: units.id,
      name: units.name,
      kind: units.kind,
      enrolledChildren: units.enrolledChildren,
      active: units.active,
      members: sql<number>`coalesce(${members.n}, 0)`.mapWith(Number),
    })
    .from(units)
    .leftJoin(members, eq(members.unitId, units.id))
    .where(eq(units.municipalityId, municipalityId))
    .orderBy(sql`${units.active} desc`, asc(units.name));
}

/** Active units for a select (new memberships are only made in active units). */
export async function listActiveUnitOptions({ municipalityId }: { municipalityId: string }) {
  return getDb()
    .select({ id: units.id, name: units.name, kind: units.kind })
    .from(units)
    .where(and(eq(units.municipalityId, municipalityId), eq(units.active, true)))
    .orderBy(asc(units.name));
}

/** A unit of the municipality, or null (unknown id, malformed id, other municipality). */
export async function getUnit({ municipalityId, unitId }: { municipalityId: string; unitId: string }) {
  if (!isUuid(unitId)) return null;
  const [row] = await getDb()
    .select()
    .from(units)
    .where(and(eq(units.id, unitId), eq(units.municipalityId, municipalityId)))
    .limit(1);
  return row ?? null;
}

/**
 * Links a student health team to the school or preschool it serves (or unlinks it with null). Only a student
 * health team can serve, and only an active school or preschool of the same municipality can be served.
 */
export async function setServedUnit({
  municipalityId,
  unitId,
  servedUnitId,
  by,
}: {
  municipalityId: string;
  unitId: string;
  servedUnitId: string | null;
  /** The administrator making the change; tests and the seed link units without one. */
  by?: CurrentUser;
}) {
  if (servedUnitId) {
    const served = await getUnit({ municipalityId, unitId: servedUnitId });
    if (!served?.active || !countsChildren(served.kind)) return false;
  }
  return getDb().transaction(async (tx) => {
    const rows = await tx
      .update(units)
      .set({ servesUnitId: servedUnitId })
      .where(and(eq(units.id, unitId), eq(units.municipalityId, municipalityId), eq(units.kind, "student_health")))
      .returning({ id: units.id });
    if (rows.length !== 1) return false;
    await auditUnit(tx, { user: by, municipalityId }, "update", unitId, { fields: ["servesUnitId"] });
    return true;
  });
}

/** A change to a unit is audited in the change's transaction, so both commit or neither. */
function auditUnit(
  tx: Database,
  who: { user?: CurrentUser; municipalityId: string },
  action: "create" | "update" | "deactivate",
  unitId: string,
  details?: Record<string, unknown>,
) {
  return audit({ action, ...who, recordType: "unit", recordId: unitId, details }, tx);
}

/** The unit's members with their role there. */
export async function listUnitMembers({ municipalityId, unitId }: { municipalityId: string; unitId: string }) {
  return getDb()
    .select({
      membershipId: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      active: users.active,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.municipalityId, municipalityId)))
    .where(and(eq(memberships.unitId, unitId), eq(memberships.municipalityId, municipalityId)))
    .orderBy(asc(users.name), asc(memberships.role));
}

export interface UnitInput {
  name: string;
  kind: UnitKind;
  enrolledChildren: number | null;
}

function values(input: UnitInput) {
  return {
    name: input.name.trim(),
    kind: input.kind,
    enrolledChildren: countsChildren(input.kind) ? input.enrolledChildren : null,
  };
}

/** A unit's name is unique within the municipality (case-insensitive): a clash is an answer, not an error. */
export async function createUnit(
  admin: CurrentUser,
  input: UnitInput,
): Promise<{ ok: true; unitId: string } | { ok: false; error: "nameTaken" }> {
  try {
    return await getDb().transaction(async (tx) => {
      const [row] = await tx
        .insert(units)
        .values({ municipalityId: admin.municipalityId, ...values(input) })
        .returning({ id: units.id });
      const who = { user: admin, municipalityId: admin.municipalityId };
      await auditUnit(tx, who, "create", row.id, { kind: input.kind });
      return { ok: true as const, unitId: row.id };
    });
  } catch (error) {
    if (isUniqueViolation(error, "units_municipality_name_idx")) return { ok: false, error: "nameTaken" };
    throw error;
  }
}

/** The audit entry names the fields the edit changed; an edit that changed none (a resent form) writes none. */
export async function updateUnit(
  admin: CurrentUser,
  input: UnitInput & { unitId: string },
): Promise<{ ok: true } | { ok: false; error: "nameTaken" | "notFound" }> {
  const municipalityId = admin.municipalityId;
  const where = and(eq(units.id, input.unitId), eq(units.municipalityId, municipalityId));
  try {
    return await getDb().transaction(async (tx) => {
      const [current] = await tx
        .select({ name: units.name, kind: units.kind, enrolledChildren: units.enrolledChildren })
        .from(units)
        .where(where)
        .for("update");
      if (!current) return { ok: false as const, error: "notFound" as const };
      const next = values(input);
      await tx.update(units).set(next).where(where);
      const fields = (["name", "kind", "enrolledChildren"] as const).filter((f) => next[f] !== current[f]);
      if (fields.length) await auditUnit(tx, { user: admin, municipalityId }, "update", input.unitId, { fields });
      return { ok: true as const };
    });
  } catch (error) {
    if (isUniqueViolation(error, "units_municipality_name_idx")) return { ok: false, error: "nameTaken" };
    throw error;
  }
}

/** Members whose account is active: while there are any, the unit still gives them access and stays active. */
export async function countActiveMembers({ municipalityId, unitId }: { municipalityId: string; unitId: string }) {
  const [{ n }] = await getDb()
    .select({ n: count() })
    .from(memberships)
    .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.active, true)))
    .where(and(eq(memberships.unitId, unitId), eq(memberships.municipalityId, municipalityId)));
  return n;
}

export type DeactivateUnitResult = { ok: true } | { ok: false; error: "hasMembers"; members: number };

/** Deactivates a unit that no active user belongs to. Returns ok also when it was already inactive. */
export async function deactivateUnit(
  admin: CurrentUser,
  { unitId }: { unitId: string },
): Promise<DeactivateUnitResult> {
  const municipalityId = admin.municipalityId;
  const members = await countActiveMembers({ municipalityId, unitId });
  if (members > 0) return { ok: false, error: "hasMembers", members };
  await setUnitActive(admin, unitId, false);
  return { ok: true };
}

export async function reactivateUnit(admin: CurrentUser, { unitId }: { unitId: string }) {
  await setUnitActive(admin, unitId, true);
}

/** Only a unit whose state changed is audited: deactivating an inactive unit (a resent form) writes no entry. */
function setUnitActive(admin: CurrentUser, unitId: string, active: boolean) {
  const municipalityId = admin.municipalityId;
  return getDb().transaction(async (tx) => {
    const rows = await tx
      .update(units)
      .set({ active })
      .where(and(eq(units.id, unitId), eq(units.municipalityId, municipalityId), eq(units.active, !active)))
      .returning({ id: units.id });
    if (!rows.length) return;
    const who = { user: admin, municipalityId };
    if (active) await auditUnit(tx, who, "update", unitId, { active: true });
    else await auditUnit(tx, who, "deactivate", unitId);
  });
}
