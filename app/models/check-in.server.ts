import { and, asc, count, desc, eq, gte, lte, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Database } from "#db/client.server";
import { checkIns, units, users } from "#db/schema";
import type { CheckInReason } from "~/domain/check-in";
import { isUuid } from "~/domain/ids";
import { audit } from "~/lib/audit.server";
import type { CheckInNotice } from "~/lib/message-templates.server";
import type { CurrentUser } from "~/lib/permissions.server";
import { deliverMessage } from "./inbox.server";
import { insertOnce } from "./insert-once.server";
import { unitContactPersons, unitPrincipals } from "./unit-contact.server";

/**
 * Check-ins with units (issue 21, item 7), the municipality in every where. A coordinator plans one with a unit (from
 * the radar on /stats, or any unit of the municipality), then records it held, with the day, who came and the actions
 * agreed, or cancels it. The audit says what happened, never the texts.
 */

export const CHECK_INS_PER_PAGE = 100;

const planner = alias(users, "planner");

/**
 * Tells the unit that a check-in was planned or called off, inside the change's transaction: its contact person, or
 * with none named its principals. The unit and the day only; why the coordinators want it stays with them.
 */
async function tellUnit(
  tx: Database,
  checkIn: { municipalityId: string; unitId: string; plannedFor: string },
  notice: CheckInNotice,
) {
  const { municipalityId, unitId, plannedFor } = checkIn;
  const contacts = await unitContactPersons(municipalityId, unitId, tx);
  const addressees = contacts.length ? contacts : await unitPrincipals(municipalityId, unitId, tx);
  const [unit] = await tx
    .select({ name: units.name })
    .from(units)
    .where(and(eq(units.id, unitId), eq(units.municipalityId, municipalityId)));
  for (const person of addressees)
    await deliverMessage(
      {
        municipalityId,
        recipientId: person.id,
        template: `checkIns:mail.${notice}`,
        params: { unit: unit.name, plannedFor },
        notify: true,
      },
      tx,
    );
}

export interface PlanInput {
  unitId: string;
  reason: CheckInReason;
  plannedFor: string;
  submissionKey: string;
}

/**
 * Plans a check-in. A resent form (the same submission key) finds the first one's check-in (`created: false`); null
 * when the key is someone else's. The caller has checked the unit is the municipality's.
 */
export async function planCheckIn(user: CurrentUser, input: PlanInput, now = new Date()) {
  const keyed = { table: checkIns, by: checkIns.plannedById, submissionKey: input.submissionKey };
  return insertOnce(user, keyed, async (tx) => {
    const [row] = await tx
      .insert(checkIns)
      .values({
        municipalityId: user.municipalityId,
        unitId: input.unitId,
        reason: input.reason,
        plannedFor: input.plannedFor,
        plannedById: user.id,
        createdAt: now,
        submissionKey: input.submissionKey,
      })
      .onConflictDoNothing({ target: checkIns.submissionKey })
      .returning({ id: checkIns.id });
    if (row) {
      const entry = { recordType: "check_in", recordId: row.id, recordUnitId: input.unitId };
      await audit({ action: "create", user, ...entry, details: { reason: input.reason } }, tx);
      await tellUnit(tx, { municipalityId: user.municipalityId, ...input }, "invited");
    }
    return row;
  });
}

const columns = {
  id: checkIns.id,
  unitId: checkIns.unitId,
  unitName: units.name,
  reason: checkIns.reason,
  plannedFor: checkIns.plannedFor,
  plannerName: planner.name,
  status: checkIns.status,
  heldOn: checkIns.heldOn,
  attendees: checkIns.attendees,
  agreedActions: checkIns.agreedActions,
  recordedAt: checkIns.recordedAt,
};

function selectCheckIns(user: CurrentUser) {
  return getDb()
    .select(columns)
    .from(checkIns)
    .innerJoin(units, and(eq(units.id, checkIns.unitId), eq(units.municipalityId, user.municipalityId)))
    .innerJoin(planner, and(eq(planner.id, checkIns.plannedById), eq(planner.municipalityId, user.municipalityId)));
}

/** The municipality's check-ins: planned first (the soonest first), then held (the latest first), then cancelled. */
export async function listCheckIns(user: CurrentUser, page = 1) {
  const scope = eq(checkIns.municipalityId, user.municipalityId);
  const rows = await selectCheckIns(user)
    .where(scope)
    .orderBy(
      sql`case ${checkIns.status} when 'planned' then 0 when 'held' then 1 else 2 end`,
      sql`case when ${checkIns.status} = 'planned' then ${checkIns.plannedFor} end asc`,
      desc(sql`coalesce(${checkIns.heldOn}, ${checkIns.plannedFor})`),
      asc(units.name),
    )
    .limit(CHECK_INS_PER_PAGE)
    .offset((page - 1) * CHECK_INS_PER_PAGE);
  const [{ total }] = await getDb().select({ total: count() }).from(checkIns).where(scope);
  return { checkIns: rows, total, pageCount: Math.ceil(total / CHECK_INS_PER_PAGE) };
}

/** A check-in of the municipality; null when there is none here (unknown, malformed, another municipality's). */
export async function checkInFor(user: CurrentUser, checkInId: string) {
  if (!isUuid(checkInId)) return null;
  const [row] = await selectCheckIns(user).where(
    and(eq(checkIns.municipalityId, user.municipalityId), eq(checkIns.id, checkInId)),
  );
  return row ?? null;
}

export type CheckInRow = NonNullable<Awaited<ReturnType<typeof checkInFor>>>;

export interface HeldInput {
  heldOn: string;
  attendees: string;
  agreedActions: string;
}

export type RecordResult = { ok: true } | { ok: false; error: "alreadyRecorded" };

/**
 * Records a planned check-in as held, or cancels it: in the statement that checks it is still planned, so two
 * coordinators at once, or a resent form, record it once. The same form sent again is answered as the first time.
 */
export async function recordCheckIn(
  user: CurrentUser,
  checkInId: string,
  outcome: ({ status: "held" } & HeldInput) | { status: "cancelled" },
  now = new Date(),
): Promise<RecordResult> {
  const values =
    outcome.status === "held"
      ? { heldOn: outcome.heldOn, attendees: outcome.attendees, agreedActions: outcome.agreedActions }
      : {};
  const done = await getDb().transaction(async (tx) => {
    const [moved] = await tx
      .update(checkIns)
      .set({ status: outcome.status, ...values, recordedById: user.id, recordedAt: now })
      .where(
        and(
          eq(checkIns.municipalityId, user.municipalityId),
          eq(checkIns.id, checkInId),
          eq(checkIns.status, "planned"),
        ),
      )
      .returning({ id: checkIns.id, unitId: checkIns.unitId, plannedFor: checkIns.plannedFor });
    if (!moved) return false;
    const entry = { recordType: "check_in", recordId: moved.id, recordUnitId: moved.unitId };
    await audit({ action: "update", user, ...entry, details: { status: outcome.status } }, tx);
    if (outcome.status === "cancelled")
      await tellUnit(tx, { municipalityId: user.municipalityId, ...moved }, "cancelled");
    return true;
  });
  if (done) return { ok: true };
  const [same] = await getDb()
    .select({ id: checkIns.id })
    .from(checkIns)
    .where(
      and(
        eq(checkIns.municipalityId, user.municipalityId),
        eq(checkIns.id, checkInId),
        eq(checkIns.status, outcome.status),
        eq(checkIns.recordedById, user.id),
        ...(outcome.status === "held"
          ? [
              eq(checkIns.heldOn, outcome.heldOn),
              eq(checkIns.attendees, outcome.attendees),
              eq(checkIns.agreedActions, outcome.agreedActions),
            ]
          : []),
      ),
    );
  return same ? { ok: true } : { ok: false, error: "alreadyRecorded" };
}

export interface CheckInCounts {
  planned: number;
  held: number;
}

/**
 * For the yearly report, as they are in the database (the report hides the small ones): the check-ins planned for a
 * day in the period and not cancelled (those held included), and those held on a day in the period. Days are
 * Stockholm days already, so the period's "YYYY-MM-DD" bounds compare directly.
 */
export async function checkInCounts(user: CurrentUser, period: { from: string; to: string }): Promise<CheckInCounts> {
  const inPeriod = (day: typeof checkIns.plannedFor | typeof checkIns.heldOn) =>
    and(gte(day, period.from), lte(day, period.to));
  const [row] = await getDb()
    .select({
      planned:
        sql<number>`count(*) filter (where ${and(ne(checkIns.status, "cancelled"), inPeriod(checkIns.plannedFor))})`.mapWith(
          Number,
        ),
      held: sql<number>`count(*) filter (where ${and(eq(checkIns.status, "held"), inPeriod(checkIns.heldOn))})`.mapWith(
        Number,
      ),
    })
    .from(checkIns)
    .where(eq(checkIns.municipalityId, user.municipalityId));
  return { planned: row?.planned ?? 0, held: row?.held ?? 0 };
}
