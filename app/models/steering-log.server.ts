import { and, asc, desc, eq, gte, inArray, isNull, lte, or, gt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "#db/client.server";
import { memberships, steeringActions, steeringAgendaItems, steeringMeetings, users } from "#db/schema";
import { isUuid } from "~/domain/ids";
import { steeringOwnerRoles, type SteeringFigure } from "~/domain/steering-log";
import { audit } from "~/lib/audit.server";
import type { CurrentUser } from "~/lib/permissions.server";
import { insertOnce } from "./insert-once.server";

/**
 * The steering group's log (issue 21, item 8), the municipality in every where. The routes check steeringLog:read /
 * steeringLog:write; a meeting of another municipality is not found here, so it is a 404 there. Creating rows takes
 * the form's submission key: a resent form finds the first one's row. The audit says what was done, never the texts.
 */

const owner = alias(users, "owner");

export async function createSteeringMeeting(
  user: CurrentUser,
  input: { heldOn: string; title: string; submissionKey: string },
) {
  const keyed = { table: steeringMeetings, by: steeringMeetings.createdById, submissionKey: input.submissionKey };
  return insertOnce(user, keyed, async (tx) => {
    const [row] = await tx
      .insert(steeringMeetings)
      .values({ municipalityId: user.municipalityId, createdById: user.id, ...input })
      .onConflictDoNothing({ target: steeringMeetings.submissionKey })
      .returning({ id: steeringMeetings.id });
    if (row) await audit({ action: "create", user, recordType: "steering_meeting", recordId: row.id }, tx);
    return row;
  });
}

/** The municipality's meetings, the latest first, with how many items and open actions each has. */
export async function listSteeringMeetings(user: CurrentUser) {
  return getDb()
    .select({
      id: steeringMeetings.id,
      heldOn: steeringMeetings.heldOn,
      title: steeringMeetings.title,
      items: sql<number>`(select count(*)::int from ${steeringAgendaItems}
        where ${steeringAgendaItems.meetingId} = ${steeringMeetings.id})`,
    })
    .from(steeringMeetings)
    .where(eq(steeringMeetings.municipalityId, user.municipalityId))
    .orderBy(desc(steeringMeetings.heldOn), desc(steeringMeetings.createdAt));
}

/** A meeting of the user's municipality, or null (another municipality's, none, or not an id). */
export async function steeringMeetingFor(user: CurrentUser, meetingId: string) {
  if (!isUuid(meetingId)) return null;
  const [row] = await getDb()
    .select({ id: steeringMeetings.id, heldOn: steeringMeetings.heldOn, title: steeringMeetings.title })
    .from(steeringMeetings)
    .where(and(eq(steeringMeetings.municipalityId, user.municipalityId), eq(steeringMeetings.id, meetingId)));
  return row ?? null;
}

const actionColumns = {
  id: steeringActions.id,
  meetingId: steeringActions.meetingId,
  meetingTitle: steeringMeetings.title,
  meetingHeldOn: steeringMeetings.heldOn,
  agendaItemId: steeringActions.agendaItemId,
  description: steeringActions.description,
  ownerId: steeringActions.ownerId,
  ownerName: owner.name,
  dueOn: steeringActions.dueOn,
  closedAt: steeringActions.closedAt,
  closingNote: steeringActions.closingNote,
};

function selectActions(user: CurrentUser) {
  return getDb()
    .select(actionColumns)
    .from(steeringActions)
    .innerJoin(
      steeringMeetings,
      and(eq(steeringMeetings.id, steeringActions.meetingId), eq(steeringMeetings.municipalityId, user.municipalityId)),
    )
    .innerJoin(owner, and(eq(owner.id, steeringActions.ownerId), eq(owner.municipalityId, user.municipalityId)));
}

/** The actions still open, soonest due first. */
export async function openSteeringActions(user: CurrentUser) {
  return selectActions(user)
    .where(and(eq(steeringActions.municipalityId, user.municipalityId), isNull(steeringActions.closedAt)))
    .orderBy(asc(steeringActions.dueOn), asc(steeringActions.createdAt));
}

/** A meeting's agenda items in order and its actions (open ones first). */
export async function steeringMeetingView(user: CurrentUser, meetingId: string) {
  const items = await getDb()
    .select({
      id: steeringAgendaItems.id,
      position: steeringAgendaItems.position,
      title: steeringAgendaItems.title,
      figure: steeringAgendaItems.figure,
      notes: steeringAgendaItems.notes,
      decision: steeringAgendaItems.decision,
    })
    .from(steeringAgendaItems)
    .where(
      and(eq(steeringAgendaItems.municipalityId, user.municipalityId), eq(steeringAgendaItems.meetingId, meetingId)),
    )
    .orderBy(asc(steeringAgendaItems.position));
  const actions = await selectActions(user)
    .where(and(eq(steeringActions.municipalityId, user.municipalityId), eq(steeringActions.meetingId, meetingId)))
    .orderBy(sql`${steeringActions.closedAt} is not null`, asc(steeringActions.dueOn));
  return { items, actions };
}

export async function addSteeringAgendaItem(
  user: CurrentUser,
  meetingId: string,
  input: {
    title: string;
    figure: SteeringFigure | null;
    notes: string;
    decision: string;
    submissionKey: string;
  },
) {
  const keyed = { table: steeringAgendaItems, by: steeringAgendaItems.createdById, submissionKey: input.submissionKey };
  return insertOnce(user, keyed, async (tx) => {
    // The next place on the agenda; two added at once may share one, and then keep the order they were added in.
    const [{ next }] = await tx
      .select({ next: sql<number>`coalesce(max(${steeringAgendaItems.position}), 0)::int + 1` })
      .from(steeringAgendaItems)
      .where(eq(steeringAgendaItems.meetingId, meetingId));
    const [row] = await tx
      .insert(steeringAgendaItems)
      .values({ municipalityId: user.municipalityId, meetingId, position: next, createdById: user.id, ...input })
      .onConflictDoNothing({ target: steeringAgendaItems.submissionKey })
      .returning({ id: steeringAgendaItems.id });
    if (row) {
      const details = { meetingId, figure: input.figure, decided: input.decision !== "" };
      await audit({ action: "create", user, recordType: "steering_agenda_item", recordId: row.id, details }, tx);
    }
    return row;
  });
}

/** Who may own an action: the municipality's active members of the group and coordinators, by name. */
export async function steeringOwners(user: CurrentUser) {
  return getDb()
    .selectDistinct({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(
      memberships,
      and(
        eq(memberships.userId, users.id),
        eq(memberships.municipalityId, user.municipalityId),
        inArray(memberships.role, [...steeringOwnerRoles]),
      ),
    )
    .where(and(eq(users.municipalityId, user.municipalityId), eq(users.active, true)))
    .orderBy(asc(users.name), asc(users.id));
}

export type AddActionResult = { ok: true; id: string } | { ok: false; error: "ownerInvalid" | "itemInvalid" };

/**
 * An action agreed at a meeting (on one of its items, or on the meeting as a whole). The owner must be one of
 * steeringOwners and the item one of this meeting's; otherwise the form is refused with its error.
 */
export async function addSteeringAction(
  user: CurrentUser,
  meetingId: string,
  input: {
    description: string;
    ownerId: string;
    dueOn: string;
    agendaItemId: string | null;
    submissionKey: string;
  },
): Promise<AddActionResult | null> {
  if (!(await steeringOwners(user)).some((o) => o.id === input.ownerId)) return { ok: false, error: "ownerInvalid" };
  if (input.agendaItemId) {
    if (!isUuid(input.agendaItemId)) return { ok: false, error: "itemInvalid" };
    const [item] = await getDb()
      .select({ id: steeringAgendaItems.id })
      .from(steeringAgendaItems)
      .where(
        and(
          eq(steeringAgendaItems.municipalityId, user.municipalityId),
          eq(steeringAgendaItems.meetingId, meetingId),
          eq(steeringAgendaItems.id, input.agendaItemId),
        ),
      );
    if (!item) return { ok: false, error: "itemInvalid" };
  }
  const keyed = { table: steeringActions, by: steeringActions.createdById, submissionKey: input.submissionKey };
  const made = await insertOnce(user, keyed, async (tx) => {
    const [row] = await tx
      .insert(steeringActions)
      .values({ municipalityId: user.municipalityId, meetingId, createdById: user.id, ...input })
      .onConflictDoNothing({ target: steeringActions.submissionKey })
      .returning({ id: steeringActions.id });
    if (row) {
      const details = { meetingId, dueOn: input.dueOn, onItem: !!input.agendaItemId };
      await audit({ action: "create", user, recordType: "steering_action", recordId: row.id, details }, tx);
    }
    return row;
  });
  return made ? { ok: true, id: made.id } : null;
}

/**
 * Closes an open action of the meeting, with an optional note. Closing one already closed (a resent form, or two
 * members at once) changes nothing and is not an error: it is closed. False when the meeting has no such action.
 */
export async function closeSteeringAction(
  user: CurrentUser,
  meetingId: string,
  actionId: string,
  closingNote: string,
  now = new Date(),
) {
  if (!isUuid(actionId)) return false;
  return getDb().transaction(async (tx) => {
    const mine = and(
      eq(steeringActions.municipalityId, user.municipalityId),
      eq(steeringActions.meetingId, meetingId),
      eq(steeringActions.id, actionId),
    );
    const [closed] = await tx
      .update(steeringActions)
      .set({ closedAt: now, closedById: user.id, closingNote: closingNote || null })
      .where(and(mine, isNull(steeringActions.closedAt)))
      .returning({ id: steeringActions.id });
    if (closed) {
      await audit(
        { action: "update", user, recordType: "steering_action", recordId: closed.id, details: { closed: true } },
        tx,
      );
      return true;
    }
    const [exists] = await tx.select({ id: steeringActions.id }).from(steeringActions).where(mine);
    return !!exists;
  });
}

/**
 * The yearly report's part (app/routes/stats.report.tsx): the year's meetings with their decisions, and the actions
 * that were open at the year's end (made by then, not closed by then), soonest due first.
 */
export async function steeringYear(user: CurrentUser, year: number) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  // The end of the year in Stockholm: the first instant of the next year there.
  const yearEnd = sql`(${`${year + 1}-01-01 00:00:00`}::timestamp at time zone 'Europe/Stockholm')`;
  const meetings = await getDb()
    .select({ id: steeringMeetings.id, heldOn: steeringMeetings.heldOn, title: steeringMeetings.title })
    .from(steeringMeetings)
    .where(
      and(
        eq(steeringMeetings.municipalityId, user.municipalityId),
        gte(steeringMeetings.heldOn, from),
        lte(steeringMeetings.heldOn, to),
      ),
    )
    .orderBy(asc(steeringMeetings.heldOn), asc(steeringMeetings.createdAt));
  const decisions = meetings.length
    ? await getDb()
        .select({
          meetingId: steeringAgendaItems.meetingId,
          title: steeringAgendaItems.title,
          figure: steeringAgendaItems.figure,
          decision: steeringAgendaItems.decision,
        })
        .from(steeringAgendaItems)
        .where(
          and(
            eq(steeringAgendaItems.municipalityId, user.municipalityId),
            inArray(
              steeringAgendaItems.meetingId,
              meetings.map((m) => m.id),
            ),
            sql`${steeringAgendaItems.decision} <> ''`,
          ),
        )
        .orderBy(asc(steeringAgendaItems.position))
    : [];
  const open = await selectActions(user)
    .where(
      and(
        eq(steeringActions.municipalityId, user.municipalityId),
        lte(steeringMeetings.heldOn, to),
        sql`${steeringActions.createdAt} < ${yearEnd}`,
        or(isNull(steeringActions.closedAt), gt(steeringActions.closedAt, yearEnd)),
      ),
    )
    .orderBy(asc(steeringActions.dueOn));
  return {
    meetings: meetings.map((m) => ({ ...m, decisions: decisions.filter((d) => d.meetingId === m.id) })),
    openActions: open.map((a) => ({
      id: a.id,
      description: a.description,
      ownerName: a.ownerName,
      dueOn: a.dueOn,
      meetingTitle: a.meetingTitle,
    })),
  };
}
