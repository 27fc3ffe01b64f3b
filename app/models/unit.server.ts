import { and, asc, count, eq, sql } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { memberships, units, users, type UnitKind } from "#db/schema";
import { isUuid } from "~/domain/ids";
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
}: {
  municipalityId: string;
  unitId: string;
  servedUnitId: string | null;
}) {
  if (servedUnitId) {
    const served = await getUnit({ municipalityId, unitId: servedUnitId });
    if (!served?.active || !countsChildren(served.kind)) return false;
  }
  const rows = await getDb()
    .update(units)
    .set({ servesUnitId: servedUnitId })
    .where(and(eq(units.id, unitId), eq(units.municipalityId, municipalityId), eq(units.kind, "student_health")))
    .returning({ id: units.id });
  return rows.length === 1;
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
  municipalityId: string;
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
  input: UnitInput,
): Promise<{ ok: true; unitId: string } | { ok: false; error: "nameTaken" }> {
  try {
    const [row] = await getDb()
      .insert(units)
      .values({ municipalityId: input.municipalityId, ...values(input) })
      .returning({ id: units.id });
    return { ok: true, unitId: row.id };
  } catch (error) {
    if (isUniqueViolation(error, "units_municipality_name_idx")) return { ok: false, error: "nameTaken" };
    throw error;
  }
}

export async function updateUnit(
  input: UnitInput & { unitId: string },
): Promise<{ ok: true } | { ok: false; error: "nameTaken" | "notFound" }> {
  try {
    const rows = await getDb()
      .update(units)
      .set(values(input))
      .where(and(eq(units.id, input.unitId), eq(units.municipalityId, input.municipalityId)))
      .returning({ id: units.id });
    return rows.length ? { ok: true } : { ok: false, error: "notFound" };
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
export async function deactivateUnit({
  municipalityId,
  unitId,
}: {
  municipalityId: string;
  unitId: string;
}): Promise<DeactivateUnitResult> {
  const members = await countActiveMembers({ municipalityId, unitId });
  if (members > 0) return { ok: false, error: "hasMembers", members };
  await getDb()
    .update(units)
    .set({ active: false })
    .where(and(eq(units.id, unitId), eq(units.municipalityId, municipalityId)));
  return { ok: true };
}

export async function reactivateUnit({ municipalityId, unitId }: { municipalityId: string; unitId: string }) {
  await getDb()
    .update(units)
    .set({ active: true })
    .where(and(eq(units.id, unitId), eq(units.municipalityId, municipalityId)));
}
