import { and, countDistinct, eq, gte, inArray, lt, lte, min, notExists, sql } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { memberships, trainingRegistrations, trainings, units, users } from "#db/schema";
import type { CurrentUser } from "~/lib/permissions.server";
import type { Role, UnitKind } from "~/domain/vocabulary";

/** The units whose staff have the reporting duty and are counted. */
export const COVERED_UNIT_KINDS = ["preschool", "school"] as const satisfies readonly UnitKind[];
/** Who counts as staff of a unit. */
export const COVERED_ROLES = ["staff", "principal"] as const satisfies readonly Role[];
/** Attendance counts for this long. */
export const TRAINED_WITHIN_MONTHS = 12;
/** Staff who joined within this long and have never attended are listed by name. */
export const NEW_STAFF_MONTHS = 6;

export interface UnitCoverage {
  id: string;
  name: string;
  kind: UnitKind;
  /** Active staff and principals of the unit. */
  staff: number;
  /** Of them, those who attended a reporting-duty training in the last 12 months. */
  trained: number;
  /** trained / staff; null when the unit has no staff. */
  share: number | null;
  /** Staff, but nobody trained. */
  noneTrained: boolean;
}

export interface NewStaffMember {
  userId: string;
  name: string;
  unitId: string;
  unitName: string;
  joinedAt: Date;
}

export interface Coverage {
  /** Every unit of the municipality (a coordinator) or the units the user is principal of. */
  scope: "all" | "own";
  since: Date;
  newSince: Date;
  units: UnitCoverage[];
  newStaff: NewStaffMember[];
}

/** The same instant `months` calendar months earlier, kept inside the month (31 March less one month is 28/29 February). */
export function monthsBefore(now: Date, months: number) {
  const date = new Date(now);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date;
}

const collator = new Intl.Collator("sv");

/**
 * Training coverage on the reporting duty, per unit, with the new staff who have not yet attended. A coordinator
 * sees every preschool and school of the municipality, a principal only the units they lead, anyone else nothing.
 * Two grouped queries, whatever the number of units.
 */
export async function coverageFor(user: CurrentUser, now = new Date()): Promise<Coverage> {
  const since = monthsBefore(now, TRAINED_WITHIN_MONTHS);
  const newSince = monthsBefore(now, NEW_STAFF_MONTHS);
  const all = user.memberships.some((m) => m.role === "coordinator");
  const ownUnitIds = [...new Set(user.memberships.filter((m) => m.role === "principal").map((m) => m.unitId))];
  const scope = all ? "all" : "own";
  if (!all && !ownUnitIds.length) return { scope, since, newSince, units: [], newStaff: [] };

  const db = getDb();
  const municipalityId = user.municipalityId;
  const unitsInScope = and(
    eq(units.municipalityId, municipalityId),
    eq(units.active, true),
    inArray(units.kind, COVERED_UNIT_KINDS),
    all ? undefined : inArray(units.id, ownUnitIds),
  );
  const reportingDutyAttendance = and(
    eq(trainingRegistrations.municipalityId, municipalityId),
    eq(trainingRegistrations.attended, true),
    eq(trainings.topic, "reporting_duty"),
  );

  // One row per (unit, person) who counts as staff there.
  const staff = db
    .selectDistinct({ unitId: memberships.unitId, userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.active, true)))
    .where(
      and(
        eq(memberships.municipalityId, municipalityId),
        inArray(memberships.role, COVERED_ROLES),
        all ? undefined : inArray(memberships.unitId, ownUnitIds),
      ),
    )
    .as("staff");
  // Everyone who attended within the window, once each.
  const trained = db
    .selectDistinct({ userId: trainingRegistrations.userId })
    .from(trainingRegistrations)
    .innerJoin(trainings, eq(trainings.id, trainingRegistrations.trainingId))
    .where(and(reportingDutyAttendance, gte(trainings.startsAt, since), lt(trainings.startsAt, now)))
    .as("trained");

  const unitRows = await db
    .select({
      id: units.id,
      name: units.name,
      kind: units.kind,
      staff: countDistinct(staff.userId),
      trained: countDistinct(trained.userId),
    })
    .from(units)
    .leftJoin(staff, eq(staff.unitId, units.id))
    .leftJoin(trained, eq(trained.userId, staff.userId))
    .where(unitsInScope)
    .groupBy(units.id);

  // Joined a unit (as staff or principal) within the window and never attended, at any time.
  const joinedAt = min(memberships.createdAt);
  const newRows = await db
    .select({ userId: users.id, name: users.name, unitId: units.id, unitName: units.name, joinedAt })
    .from(memberships)
    .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.active, true)))
    .innerJoin(units, eq(units.id, memberships.unitId))
    .where(
      and(
        unitsInScope,
        eq(memberships.municipalityId, municipalityId),
        inArray(memberships.role, COVERED_ROLES),
        lte(memberships.createdAt, now),
        notExists(
          db
            .select({ one: sql`1` })
            .from(trainingRegistrations)
            .innerJoin(trainings, eq(trainings.id, trainingRegistrations.trainingId))
            .where(and(reportingDutyAttendance, eq(trainingRegistrations.userId, memberships.userId))),
        ),
      ),
    )
    // Someone who was staff before and became principal last month is not new: the earliest membership counts.
    .groupBy(users.id, units.id)
    .having(sql`min(${memberships.createdAt}) >= ${newSince.toISOString()}::timestamptz`);

  const unitList = unitRows
    .map(
      (r): UnitCoverage => ({
        ...r,
        share: r.staff > 0 ? r.trained / r.staff : null,
        noneTrained: r.staff > 0 && r.trained === 0,
      }),
    )
    // Worst first; units without staff (no share) last.
    .sort((a, b) => (a.share ?? 2) - (b.share ?? 2) || collator.compare(a.name, b.name));
  const newStaff = newRows
    .flatMap((r) => (r.joinedAt ? [{ ...r, joinedAt: new Date(r.joinedAt) }] : []))
    .sort((a, b) => collator.compare(a.unitName, b.unitName) || collator.compare(a.name, b.name));
  return { scope, since, newSince, units: unitList, newStaff };
}
