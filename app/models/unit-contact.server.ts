import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb, type Database } from "#db/client.server";
import { memberships, unitContacts, units, users, type UnitKind } from "#db/schema";
import { isUuid } from "~/domain/ids";
import { audit } from "~/lib/audit.server";
import type { CurrentUser } from "~/lib/permissions.server";

/** Who may be a unit's contact person: its active staff, and its principals (who may name themselves). */
const CONTACT_ROLES = ["staff", "principal"] as const;

/** Members of the unit, active, in a role that may be its contact person. */
function eligible(unitId: string) {
  return and(
    eq(memberships.unitId, unitId),
    inArray(memberships.role, [...CONTACT_ROLES]),
    eq(users.active, true),
    eq(users.id, memberships.userId),
  );
}

/**
 * A unit's contact person (none or one), as long as they still work at the unit and are active: someone who left is
 * no longer named, without anyone having to clear it. Check-in invitations and training announcements go here.
 */
export async function unitContactPersons(municipalityId: string, unitId: string, db: Database = getDb()) {
  return db
    .selectDistinct({ id: users.id, name: users.name, email: users.email })
    .from(unitContacts)
    .innerJoin(users, and(eq(users.id, unitContacts.userId), eq(users.municipalityId, municipalityId)))
    .innerJoin(memberships, eligible(unitId))
    .where(and(eq(unitContacts.unitId, unitId), eq(unitContacts.municipalityId, municipalityId)))
    .orderBy(asc(users.name));
}

/** The contact persons of the municipality's active units of the given kinds, each person once. */
export async function contactPersonsOfUnitKinds(municipalityId: string, kinds: UnitKind[], db: Database = getDb()) {
  if (!kinds.length) return [];
  return db
    .selectDistinct({ id: users.id })
    .from(unitContacts)
    .innerJoin(units, and(eq(units.id, unitContacts.unitId), eq(units.active, true), inArray(units.kind, kinds)))
    .innerJoin(users, and(eq(users.id, unitContacts.userId), eq(users.municipalityId, municipalityId)))
    .innerJoin(
      memberships,
      and(
        eq(memberships.unitId, unitContacts.unitId),
        inArray(memberships.role, [...CONTACT_ROLES]),
        eq(users.active, true),
        eq(users.id, memberships.userId),
      ),
    )
    .where(eq(unitContacts.municipalityId, municipalityId));
}

/** The unit's active principals, with the unit's name. */
export async function unitPrincipals(municipalityId: string, unitId: string, db: Database = getDb()) {
  return db
    .selectDistinct({ id: users.id, unit: units.name })
    .from(memberships)
    .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.municipalityId, municipalityId)))
    .innerJoin(units, and(eq(units.id, memberships.unitId), eq(units.municipalityId, municipalityId)))
    .where(
      and(
        eq(memberships.municipalityId, municipalityId),
        eq(memberships.unitId, unitId),
        eq(memberships.role, "principal"),
        eq(users.active, true),
      ),
    );
}

/** Whom a principal may name: the unit's active staff and principals. */
export async function contactCandidates(municipalityId: string, unitId: string) {
  return getDb()
    .selectDistinct({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.municipalityId, municipalityId)))
    .where(and(eq(memberships.municipalityId, municipalityId), eligible(unitId)))
    .orderBy(asc(users.name), asc(users.id));
}

export type AssignResult = { ok: true } | { ok: false; error: "notStaff" };

/**
 * Names the unit's contact person, replacing whoever was, or clears it (`userId` null). The caller has checked that
 * `by` may (unit:assignContact on the unit); here only that the person works at the unit. Audited with the change.
 */
export async function assignUnitContact(
  by: CurrentUser,
  unitId: string,
  userId: string | null,
  requestId?: string,
): Promise<AssignResult> {
  const municipalityId = by.municipalityId;
  return getDb().transaction(async (tx) => {
    if (userId === null) {
      await tx
        .delete(unitContacts)
        .where(and(eq(unitContacts.unitId, unitId), eq(unitContacts.municipalityId, municipalityId)));
    } else {
      if (!isUuid(userId)) return { ok: false, error: "notStaff" };
      const [member] = await tx
        .select({ id: users.id })
        .from(memberships)
        .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.municipalityId, municipalityId)))
        .where(and(eq(memberships.municipalityId, municipalityId), eligible(unitId), eq(users.id, userId)))
        .limit(1);
      if (!member) return { ok: false, error: "notStaff" };
      const row = { municipalityId, unitId, userId, assignedById: by.id, assignedAt: new Date() };
      await tx
        .insert(unitContacts)
        .values(row)
        .onConflictDoUpdate({
          target: unitContacts.unitId,
          set: { userId, assignedById: by.id, assignedAt: row.assignedAt },
        });
    }
    await audit(
      {
        action: "update",
        user: by,
        recordType: "unit_contact",
        recordId: unitId,
        requestId,
        details: { contact: userId },
      },
      tx,
    );
    return { ok: true } as const;
  });
}
