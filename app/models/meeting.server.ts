import { randomUUID } from "node:crypto";
import { and, asc, eq, gte, inArray, isNull, lt, ne, notInArray, sql, TransactionRollbackError } from "drizzle-orm";
import { getDb, type Database } from "#db/client.server";
import { meetingInvitations, meetings, memberships, reports, users, type UnitKind } from "#db/schema";
import { meetingCalendar } from "~/lib/calendar.server";
import { addCalendarDays, startOfStockholmDay, stockholmDate } from "~/domain/deadlines";
import { audit } from "~/lib/audit.server";
import { env } from "~/lib/env.server";
import { formatDateTime, i18nFor, type AppLocale } from "~/lib/i18n";
import type { CurrentUser } from "~/lib/permissions.server";
import type { MessageTemplates } from "~/lib/message-templates.server";
import { invitationAnswers, type InvitationAnswer, type MeetingForm, type NoMeetingReason } from "~/domain/vocabulary";
import { isUuid } from "~/domain/ids";
import { holdReport, reportChanged, type ReadableReport } from "./report.server";
import { deliverMessage } from "./inbox.server";
import { receptionAddressOf } from "./municipality.server";
import { enqueueEmail } from "./outbox.server";

type Report = typeof reports.$inferSelect;
type Meeting = typeof meetings.$inferSelect;

export interface MeetingInput {
  startsAt: Date;
  durationMinutes: number;
  form: MeetingForm;
  place: string;
  otherParticipants: string;
}

export type InviteeRole = "concern" | "signer" | "principal" | "student_health";

/** One of the people invitees are chosen from: a user the report names (no kind), or a member of a unit (its kind). */
type InviteeSource = { id: string; name: string; kind: UnitKind | null };

/**
 * The people a report's invitees are chosen from, as a json subquery on the outer "reports" row so the report page
 * reads it with the rest of the report. The outer row is named by hand: in a one-table select drizzle writes a bare
 * "id", which inside the subquery would bind to the inner table. Only users of the report's municipality.
 */
export const inviteeSources = sql`coalesce((select json_agg(p) from (
    select u.id, u.name, null::text as kind from users u
    where u.municipality_id = "reports"."municipality_id"
      and u.id in ("reports"."observer_id", "reports"."reporter_id", "reports"."co_signer_id")
  union all
    select distinct u.id, u.name, un.kind::text from memberships m
    join users u on u.id = m.user_id and u.active and u.municipality_id = "reports"."municipality_id"
    join units un on un.id = m.unit_id
    where m.municipality_id = "reports"."municipality_id"
      -- Only for a report the school made: one from outside it (police, a neighbour) the school must not learn of.
      and "reports"."channel" = 'portal'
      -- The two kinds of unit named by id first, so memberships are found by unit (an OR over two tables alone
      -- would read every municipality's memberships).
      and m.unit_id in (select "reports"."unit_id" union all select s.id from units s where s.serves_unit_id = "reports"."unit_id")
      and ((m.unit_id = "reports"."unit_id" and m.role = 'principal')
        or (un.serves_unit_id = "reports"."unit_id" and un.kind = 'student_health' and un.active))
  ) p), '[]'::json)`.mapWith((value: InviteeSource[] | string): InviteeSource[] =>
  typeof value === "string" ? JSON.parse(value) : value,
);

/**
 * Who may be invited from the school: the one who had the concern first (the observer, else the signer), the signer,
 * the co-signer, then, for a report made in the portal, the principals of the report's unit and the student health
 * team that serves it.
 */
export function inviteesOf(report: Pick<Report, "reporterId" | "observerId" | "coSignerId">, sources: InviteeSource[]) {
  const people: { id: string | null; role: InviteeRole }[] = [
    { id: report.observerId ?? report.reporterId, role: "concern" },
    { id: report.reporterId, role: "signer" },
    { id: report.coSignerId, role: "principal" },
  ];
  const named = people.filter((o): o is { id: string; role: InviteeRole } => !!o.id);
  const fromUnit = sources.filter((s) => s.kind);
  // Principals before the student health team, each by name.
  fromUnit.sort(
    (a, b) =>
      Number(a.kind === "student_health") - Number(b.kind === "student_health") || a.name.localeCompare(b.name, "sv"),
  );
  const all = [
    ...named,
    ...fromUnit.map((r) => ({
      id: r.id,
      role: (r.kind === "student_health" ? "student_health" : "principal") as InviteeRole,
    })),
  ];
  const seen = new Set<string>();
  const unique = all.filter((o) => !seen.has(o.id) && seen.add(o.id));
  const names = new Map(sources.map((s) => [s.id, s.name]));
  return unique.flatMap((o) => {
    const name = names.get(o.id);
    return name === undefined ? [] : [{ ...o, name }];
  });
}

/** A report's invitee candidates on their own (the report page reads `inviteeSources` with the rest of the report). */
export async function inviteeOptions(
  report: Pick<Report, "id" | "municipalityId" | "reporterId" | "observerId" | "coSignerId">,
) {
  const [row] = await getDb()
    .select({ sources: inviteeSources })
    .from(reports)
    .where(and(eq(reports.municipalityId, report.municipalityId), eq(reports.id, report.id)));
  return inviteesOf(report, row?.sources ?? []);
}

type Change = "invited" | "rescheduled" | "cancelled" | "reminder";

/**
 * Someone a meeting's e-mail goes to, with their language and the meeting's time in it, and the report's reference:
 * the one thing about the report that meeting messages and e-mails name (never anything about the child).
 */
async function addressee(db: Database, meeting: Meeting, userId: string) {
  const [row] = await db
    .select({ email: users.email, name: users.name, locale: users.locale, reference: reports.reference })
    .from(users)
    .innerJoin(reports, and(eq(reports.id, meeting.reportId), eq(reports.municipalityId, meeting.municipalityId)))
    .where(and(eq(users.id, userId), eq(users.municipalityId, meeting.municipalityId)));
  if (!row) return null;
  const locale: AppLocale = row.locale === "en" ? "en" : "sv";
  const t = i18nFor(locale).getFixedT(locale, "meetings");
  return { ...row, locale, t, when: formatDateTime(meeting.startsAt, locale) };
}

/**
 * Tells one invitee: an inbox message and an e-mail with the calendar file. The e-mail holds the report's reference,
 * the time and the place and a link, nothing about the child.
 */
async function tell(db: Database, meeting: Meeting, invitationId: string, inviteeId: string, change: Change) {
  const to = await addressee(db, meeting, inviteeId);
  if (!to) return;
  const { reference, t } = to;
  const where = meeting.place || t(`forms.${meeting.form}`);
  const link = `/invitations/${invitationId}`;
  await deliverMessage(
    {
      municipalityId: meeting.municipalityId,
      recipientId: inviteeId,
      template: `meetings:mail.${change}` as const,
      params: { startsAt: meeting.startsAt.toISOString(), place: meeting.place || null, form: meeting.form, reference },
      link,
    },
    db,
  );
  await enqueueEmail(db, {
    municipalityId: meeting.municipalityId,
    recipientId: inviteeId,
    toAddress: to.email,
    subject: t(`mail.${change}.subject`, { reference }),
    textBody: t(`mail.${change}.email`, { when: to.when, where, reference, url: `${env().publicUrl}${link}` }),
    calendar: calendarFor(meeting, to, to.locale, change === "cancelled"),
  });
}

/**
 * The one who handed an invitation over: the entry leaves their calendar at once (a CANCEL of the same UID), and later
 * moves and cancellations go to the colleague, not to them. No inbox message: they chose it on the page.
 */
async function releaseCalendar(db: Database, meeting: Meeting, invitationId: string, userId: string) {
  const to = await addressee(db, meeting, userId);
  if (!to) return;
  const { reference, t } = to;
  await enqueueEmail(db, {
    municipalityId: meeting.municipalityId,
    recipientId: userId,
    toAddress: to.email,
    subject: t("mail.handedOver.subject", { reference }),
    textBody: t("mail.handedOver.email", {
      when: to.when,
      reference,
      url: `${env().publicUrl}/invitations/${invitationId}`,
    }),
    calendar: calendarFor(meeting, to, to.locale, true),
  });
}

/**
 * An answer reception has to act on (a proposed time, a decline, a hand-over) reaches the meeting's organiser: an inbox
 * message saying who answered, and an e-mail naming only the report's reference, the kind of answer and a proposed
 * time. The e-mail goes to reception's shared address instead when the municipality has one (in the organiser's
 * language). A decline's reason may name the child or the family: it stays on the report's page, out of both.
 */
async function tellOrganiser(
  db: Database,
  meeting: Meeting,
  invitee: CurrentUser,
  answer: Exclude<Answer, { answer: "accepted" }>,
  colleague: string,
) {
  const organiser = await addressee(db, meeting, meeting.organizerId);
  if (!organiser) return;
  const { reference, t } = organiser;
  const link = `/reports/${meeting.reportId}`;
  const base = { reference, invitee: invitee.name, startsAt: meeting.startsAt.toISOString() };
  const params: MessageTemplates["meetings:mail.answered"] =
    answer.answer === "proposed"
      ? { ...base, answer: answer.answer, proposedStartsAt: answer.proposedStartsAt.toISOString() }
      : answer.answer === "declined"
        ? { ...base, answer: answer.answer }
        : { ...base, answer: answer.answer, colleague };
  const message = { municipalityId: meeting.municipalityId, recipientId: meeting.organizerId, link };
  await deliverMessage({ ...message, template: "meetings:mail.answered", params }, db);
  const shared = await receptionAddressOf(meeting.municipalityId, db);
  const proposed = answer.answer === "proposed" ? formatDateTime(answer.proposedStartsAt, organiser.locale) : "";
  await enqueueEmail(db, {
    municipalityId: meeting.municipalityId,
    // The team's address is nobody's own.
    recipientId: shared ? null : meeting.organizerId,
    toAddress: shared ?? organiser.email,
    subject: t(`mail.answered.subject.${answer.answer}`, { reference }),
    textBody: t(`mail.answered.email.${answer.answer}`, {
      reference,
      when: organiser.when,
      proposed,
      url: `${env().publicUrl}${link}`,
    }),
  });
}

/** The meeting as one invitee's calendar entry: a request, or its removal once the meeting is cancelled. */
export function calendarFor(
  meeting: Meeting,
  invitee: { email: string; name: string },
  locale: AppLocale,
  cancelled = meeting.status === "cancelled",
) {
  const method = cancelled ? "CANCEL" : "REQUEST";
  const title = i18nFor(locale).getFixedT(locale, "meetings")("calendarTitle");
  const content = meetingCalendar(
    {
      uid: meeting.uid,
      sequence: meeting.sequence,
      startsAt: meeting.startsAt,
      durationMinutes: meeting.durationMinutes,
      title,
      place: meeting.place,
      attendees: [{ email: invitee.email, name: invitee.name }],
    },
    method,
  );
  return { method, content } as const;
}

async function activeInvitations(db: Database, meetingId: string) {
  return db
    .select()
    .from(meetingInvitations)
    .where(and(eq(meetingInvitations.meetingId, meetingId), ne(meetingInvitations.answer, "handed_over")));
}

const ofMunicipality = (user: CurrentUser, id: string) =>
  and(eq(meetings.id, id), eq(meetings.municipalityId, user.municipalityId));

/** Invites to a report meeting. The same invitation form sent again finds the first one's meeting (`created: false`). */
export async function createMeeting(
  user: CurrentUser,
  report: Report,
  input: MeetingInput,
  inviteeIds: string[],
  submissionKey?: string,
) {
  return getDb().transaction(async (tx) => {
    // Only on a report of the user's municipality; null otherwise.
    const mine = await holdReport(tx, user, report.id, "share");
    if (!mine) return null;
    const id = randomUUID();
    const [meeting] = await tx
      .insert(meetings)
      .values({
        ...input,
        id,
        municipalityId: user.municipalityId,
        reportId: report.id,
        organizerId: user.id,
        uid: `${id}@tillsammans`,
        submissionKey,
      })
      .onConflictDoNothing({ target: meetings.submissionKey })
      .returning();
    if (!meeting) {
      // Only a key conflicts: the meeting its first form made.
      if (submissionKey === undefined) throw new Error("no meeting inserted, and no submission key to conflict");
      const [first] = await tx.select().from(meetings).where(eq(meetings.submissionKey, submissionKey));
      return { ...first, created: false };
    }
    const invitations = await tx
      .insert(meetingInvitations)
      .values(inviteeIds.map((inviteeId) => ({ municipalityId: user.municipalityId, meetingId: id, inviteeId })))
      .returning();
    await reportChanged(tx, user, report, "meeting_invited");
    for (const inv of invitations) await tell(tx, meeting, inv.id, inv.inviteeId, "invited");
    return { ...meeting, created: true };
  });
}

/**
 * A new time (or place): the calendar entry updates in place, everyone is told, answers start over and a new
 * day-before reminder is due. `proposedBy` is the invitation whose proposed time this is: that answer becomes "accepted".
 */
export async function rescheduleMeeting(
  user: CurrentUser,
  meeting: Meeting,
  input: Pick<MeetingInput, "startsAt" | "durationMinutes" | "place">,
  proposedBy?: string,
) {
  return getDb().transaction(async (tx) => {
    const [updated] = await tx
      .update(meetings)
      .set({ ...input, sequence: meeting.sequence + 1, reminderSentAt: null, updatedAt: new Date() })
      .where(
        and(
          ofMunicipality(user, meeting.id),
          eq(meetings.sequence, meeting.sequence),
          eq(meetings.status, "scheduled"),
        ),
      )
      .returning();
    if (!updated) return null;
    const invitations = await activeInvitations(tx, meeting.id);
    await tx
      .update(meetingInvitations)
      .set({ answer: "pending", answeredAt: null, proposedStartsAt: null, declineReason: null })
      .where(
        inArray(
          meetingInvitations.id,
          invitations.map((i) => i.id),
        ),
      );
    if (proposedBy) {
      await tx
        .update(meetingInvitations)
        .set({ answer: "accepted", answeredAt: new Date() })
        .where(
          and(
            eq(meetingInvitations.id, proposedBy),
            eq(meetingInvitations.meetingId, updated.id),
            eq(meetingInvitations.municipalityId, user.municipalityId),
          ),
        );
    }
    await reportChanged(tx, user, { id: meeting.reportId }, "meeting_rescheduled");
    for (const inv of invitations) await tell(tx, updated, inv.id, inv.inviteeId, "rescheduled");
    return updated;
  });
}

export async function cancelMeeting(user: CurrentUser, meeting: Meeting) {
  return getDb().transaction(async (tx) => {
    const [updated] = await tx
      .update(meetings)
      .set({ status: "cancelled", sequence: meeting.sequence + 1, updatedAt: new Date() })
      .where(and(ofMunicipality(user, meeting.id), eq(meetings.status, "scheduled")))
      .returning();
    if (!updated) return null;
    await reportChanged(tx, user, { id: meeting.reportId }, "meeting_cancelled");
    for (const inv of await activeInvitations(tx, meeting.id))
      await tell(tx, updated, inv.id, inv.inviteeId, "cancelled");
    return updated;
  });
}

/**
 * No meeting offered: which exception applies, so the statistics tell "why not" from "forgotten". Not while a meeting
 * is scheduled (cancel it first): false then, and nothing is written.
 */
export async function recordNoMeeting(user: CurrentUser, reportId: string, reason: NoMeetingReason, note: string) {
  return getDb().transaction(async (tx) => {
    // Locked first (createMeeting holds it shared), so a meeting invited at the same moment is seen below or waits.
    if (!(await holdReport(tx, user, reportId, "update"))) return false;
    const [scheduled] = await tx
      .select({ id: meetings.id })
      .from(meetings)
      .where(
        and(
          eq(meetings.municipalityId, user.municipalityId),
          eq(meetings.reportId, reportId),
          eq(meetings.status, "scheduled"),
        ),
      )
      .limit(1);
    if (scheduled) return false;
    await tx
      .update(reports)
      .set({ noMeetingReason: reason, noMeetingNote: note })
      .where(and(eq(reports.municipalityId, user.municipalityId), eq(reports.id, reportId)));
    await reportChanged(tx, user, { id: reportId }, "no_meeting", { details: { reason } });
    return true;
  });
}

type ReportMeeting = Pick<
  Meeting,
  "id" | "startsAt" | "durationMinutes" | "form" | "place" | "otherParticipants" | "status"
> & {
  invitations: {
    id: string;
    inviteeName: string;
    answer: string;
    declineReason: string | null;
    proposedStartsAt: Date | null;
    attended: boolean | null;
    answeredAt: Date | null;
    /** For a handed-over invitation: the colleague it went to. */
    handedOverTo: string | null;
  }[];
};

/**
 * A report's meetings, soonest first, each with its invitations: a json subquery on the outer "reports" row (named by
 * hand, as in inviteeSources) for the report page's one select. A handed-over invitation stays in the list with
 * whom it went to and when, beside the colleague's own.
 */
export const reportMeetings = sql`coalesce((
    select json_agg(json_build_object('id', mt.id, 'startsAt', mt.starts_at, 'durationMinutes', mt.duration_minutes, 'form', mt.form,
      'place', mt.place, 'otherParticipants', mt.other_participants, 'status', mt.status, 'invitations', coalesce((
        select json_agg(json_build_object('id', i.id, 'inviteeName', coalesce(u.name, ''), 'answer', i.answer,
          'declineReason', i.decline_reason, 'proposedStartsAt', i.proposed_starts_at, 'attended', i.attended,
          'answeredAt', i.answered_at, 'handedOverTo', (
            select hu.name from meeting_invitations h join users hu on hu.id = h.invitee_id
            where h.meeting_id = i.meeting_id and h.handed_over_from_id = i.invitee_id limit 1))
          order by i.created_at)
        from meeting_invitations i left join users u on u.id = i.invitee_id
        where i.meeting_id = mt.id
      ), '[]'::json)) order by mt.starts_at)
    from meetings mt
    where mt.report_id = "reports"."id" and mt.municipality_id = "reports"."municipality_id"
  ), '[]'::json)`.mapWith((value: ReportMeeting[] | string): ReportMeeting[] => {
  const rows = typeof value === "string" ? (JSON.parse(value) as ReportMeeting[]) : value;
  // JSON has no timestamps: the strings become Dates again.
  return rows.map((m) => ({
    ...m,
    startsAt: new Date(m.startsAt),
    invitations: m.invitations.map((i) => ({
      ...i,
      proposedStartsAt: i.proposedStartsAt && new Date(i.proposedStartsAt),
      answeredAt: i.answeredAt && new Date(i.answeredAt),
    })),
  }));
});

/** One of this report's meetings; a meeting of another report is not found. */
export async function meetingOfReport(report: ReadableReport, meetingId: string) {
  if (!isUuid(meetingId)) return null;
  const [row] = await getDb()
    .select()
    .from(meetings)
    .where(
      and(
        eq(meetings.municipalityId, report.municipalityId),
        eq(meetings.reportId, report.id),
        eq(meetings.id, meetingId),
      ),
    );
  return row ?? null;
}

/** An invitation as its invitee sees it: time, place and form, never the report's content. */
export async function invitationFor(user: CurrentUser, invitationId: string) {
  const [row] = await getDb()
    .select({ invitation: meetingInvitations, meeting: meetings, unitId: reports.unitId, reference: reports.reference })
    .from(meetingInvitations)
    .innerJoin(meetings, eq(meetings.id, meetingInvitations.meetingId))
    .innerJoin(reports, eq(reports.id, meetings.reportId))
    .where(
      and(
        eq(meetingInvitations.id, invitationId),
        eq(meetingInvitations.inviteeId, user.id),
        eq(meetingInvitations.municipalityId, user.municipalityId),
      ),
    );
  return row ?? null;
}

export async function listInvitations(user: CurrentUser) {
  return getDb()
    .select({
      id: meetingInvitations.id,
      answer: meetingInvitations.answer,
      startsAt: meetings.startsAt,
      form: meetings.form,
      place: meetings.place,
      status: meetings.status,
      // The report it concerns, by its reference: never anything about the child.
      reference: reports.reference,
    })
    .from(meetingInvitations)
    .innerJoin(meetings, eq(meetings.id, meetingInvitations.meetingId))
    .innerJoin(reports, and(eq(reports.id, meetings.reportId), eq(reports.municipalityId, meetings.municipalityId)))
    .where(and(eq(meetingInvitations.inviteeId, user.id), eq(meetingInvitations.municipalityId, user.municipalityId)))
    .orderBy(asc(meetings.startsAt));
}

/** Colleagues at the unit an invitation can be handed over to: active, and not invited to this meeting already. */
export async function handOverCandidates(user: CurrentUser, unitId: string | null, meetingId: string, db = getDb()) {
  if (!unitId) return [];
  const invited = db
    .select({ id: meetingInvitations.inviteeId })
    .from(meetingInvitations)
    .where(eq(meetingInvitations.meetingId, meetingId));
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(
      and(
        eq(memberships.unitId, unitId),
        eq(users.active, true),
        eq(users.municipalityId, user.municipalityId),
        ne(users.id, user.id),
        notInArray(users.id, invited),
      ),
    )
    .orderBy(asc(users.name));
}

export type Answer =
  | { answer: "accepted" }
  | { answer: "declined"; reason: string }
  | { answer: "proposed"; proposedStartsAt: Date }
  | { answer: "handed_over"; colleagueId: string };

/** The invitee's answer. Handing over creates the colleague's own invitation and tells them. */
export async function answerInvitation(user: CurrentUser, invitationId: string, answer: Answer, now = new Date()) {
  const found = await invitationFor(user, invitationId);
  if (!found || found.invitation.answer === "handed_over" || found.meeting.status !== "scheduled") return null;
  return answerHeld(user, found, invitationId, answer, now).catch((error: unknown) => {
    if (error instanceof TransactionRollbackError) return null;
    throw error;
  });
}

async function answerHeld(
  user: CurrentUser,
  found: NonNullable<Awaited<ReturnType<typeof invitationFor>>>,
  invitationId: string,
  answer: Answer,
  now: Date,
) {
  const meetingId = found.meeting.id;
  return getDb().transaction(async (tx) => {
    // The meeting is held first: a cancellation or a move at the same moment waits for this answer, or this one waits
    // for it and finds the meeting no longer scheduled. (Checked only inside the UPDATE below, a cancellation that
    // committed meanwhile went unseen, and the organiser was told "declined" about a meeting already called off.)
    // Held for an update, not shared: a hand-over raises the meeting's sequence below, and two shared holders that
    // both raise it would deadlock.
    const [held] = await tx
      .select({ id: meetings.id })
      .from(meetings)
      .where(and(ofMunicipality(user, meetingId), eq(meetings.status, "scheduled")))
      .for("no key update");
    if (!held) return null;
    // A guarded state change: a handed-over invitation takes no answer, whatever was read before; two answers at once
    // are one after the other here, and the second sees the first.
    const [answered] = await tx
      .update(meetingInvitations)
      .set({
        answer: answer.answer,
        answeredAt: now,
        declineReason: answer.answer === "declined" ? answer.reason : null,
        proposedStartsAt: answer.answer === "proposed" ? answer.proposedStartsAt : null,
      })
      .where(
        and(
          eq(meetingInvitations.id, invitationId),
          eq(meetingInvitations.inviteeId, user.id),
          eq(meetingInvitations.municipalityId, user.municipalityId),
          ne(meetingInvitations.answer, "handed_over"),
        ),
      )
      .returning({ id: meetingInvitations.id });
    if (!answered) return null;
    let colleagueName = "";
    if (answer.answer === "handed_over") {
      // Checked after the row is held: a colleague invited meanwhile is no longer one to hand over to.
      const candidates = await handOverCandidates(user, found.unitId, meetingId, tx);
      const chosen = candidates.find((c) => c.id === answer.colleagueId);
      if (!chosen) return tx.rollback();
      colleagueName = chosen.name;
      const [colleague] = await tx
        .insert(meetingInvitations)
        .values({
          municipalityId: user.municipalityId,
          meetingId: found.meeting.id,
          inviteeId: answer.colleagueId,
          handedOverFromId: user.id,
        })
        .onConflictDoNothing()
        .returning();
      if (!colleague) tx.rollback();
      // The one who leaves gets a CANCEL above the REQUEST they hold (RFC 5546, 3.2.5: a strict calendar ignores one
      // that does not raise the SEQUENCE); the colleague's entry starts at the raised one.
      const [raised] = await tx
        .update(meetings)
        .set({ sequence: sql`${meetings.sequence} + 1` })
        .where(and(ofMunicipality(user, meetingId), eq(meetings.status, "scheduled")))
        .returning();
      if (!raised) return tx.rollback();
      await tell(tx, raised, colleague.id, colleague.inviteeId, "invited");
      await releaseCalendar(tx, raised, invitationId, user.id);
    }
    const entry = { recordType: "invitation", recordId: invitationId, details: { answer: answer.answer } };
    await audit({ action: "update", user, ...entry }, tx);
    if (answer.answer !== "accepted") await tellOrganiser(tx, found.meeting, user, answer, colleagueName);
    return answer.answer;
  });
}

/** Reception takes an invitee's proposed time: the meeting moves there and everyone is told. */
export async function acceptProposal(user: CurrentUser, meeting: Meeting, invitationId: string) {
  const [invitation] = await getDb()
    .select()
    .from(meetingInvitations)
    .where(
      and(
        eq(meetingInvitations.id, invitationId),
        eq(meetingInvitations.meetingId, meeting.id),
        eq(meetingInvitations.municipalityId, user.municipalityId),
        eq(meetingInvitations.answer, "proposed"),
      ),
    );
  if (!invitation?.proposedStartsAt) return null;
  return rescheduleMeeting(
    user,
    meeting,
    { startsAt: invitation.proposedStartsAt, durationMinutes: meeting.durationMinutes, place: meeting.place },
    invitation.id,
  );
}

/** After the meeting: it was held, and who of the invited came. */
export async function recordHeld(
  user: CurrentUser,
  meeting: Meeting,
  attendedInvitationIds: string[],
  now = new Date(),
) {
  return getDb().transaction(async (tx) => {
    const [held] = await tx
      .update(meetings)
      .set({ status: "held", heldAt: now, updatedAt: now })
      .where(and(ofMunicipality(user, meeting.id), eq(meetings.status, "scheduled")))
      .returning();
    if (!held) return null;
    for (const inv of await activeInvitations(tx, meeting.id)) {
      await tx
        .update(meetingInvitations)
        .set({ attended: attendedInvitationIds.includes(inv.id) })
        .where(eq(meetingInvitations.id, inv.id));
    }
    await reportChanged(tx, user, { id: meeting.reportId }, "meeting_held", {
      details: { attended: attendedInvitationIds.length },
    });
    return held;
  });
}

/**
 * The day-before reminder: for every scheduled meeting that starts tomorrow (Stockholm calendar day), was invited or
 * last moved at least a day before it starts, and has had none, mark it and tell the invitees who have not declined.
 * The guarded update makes it once per meeting, even with several servers running this at the same time.
 */
export async function sendDueReminders(now = new Date()) {
  const tomorrow = addCalendarDays(stockholmDate(now), 1);
  const from = startOfStockholmDay(tomorrow);
  const to = startOfStockholmDay(addCalendarDays(tomorrow, 1));
  const due = await getDb()
    .select({ id: meetings.id })
    .from(meetings)
    .where(
      and(
        eq(meetings.status, "scheduled"),
        isNull(meetings.reminderSentAt),
        gte(meetings.startsAt, from),
        lt(meetings.startsAt, to),
        // Invited (or moved) less than a day ahead: the invitation itself was the reminder.
        gte(meetings.startsAt, sql`${meetings.updatedAt} + interval '24 hours'`),
      ),
    );
  let sent = 0;
  for (const { id } of due) {
    await getDb().transaction(async (tx) => {
      const [meeting] = await tx
        .update(meetings)
        .set({ reminderSentAt: now })
        .where(and(eq(meetings.id, id), isNull(meetings.reminderSentAt)))
        .returning();
      if (!meeting) return;
      for (const inv of await activeInvitations(tx, id)) {
        if (inv.answer !== "declined") await tell(tx, meeting, inv.id, inv.inviteeId, "reminder");
      }
      sent += 1;
    });
  }
  return sent;
}

/**
 * A reception worker's meetings in a period (the ones they organise, not cancelled), soonest first, each with its
 * invitees' answers counted and listed, so reception sees them without opening the report. With `proposalsFirst`,
 * the meetings where a proposed time waits for their decision come before the rest.
 */
export async function upcomingMeetings(user: CurrentUser, from: Date, to: Date, { proposalsFirst = false } = {}) {
  const rows = await getDb()
    .select({ meeting: meetings, reference: reports.reference })
    .from(meetings)
    .innerJoin(reports, and(eq(reports.id, meetings.reportId), eq(reports.municipalityId, meetings.municipalityId)))
    .where(
      and(
        eq(meetings.municipalityId, user.municipalityId),
        eq(meetings.organizerId, user.id),
        ne(meetings.status, "cancelled"),
        gte(meetings.startsAt, from),
        lt(meetings.startsAt, to),
      ),
    )
    .orderBy(asc(meetings.startsAt));
  const invitations = rows.length
    ? await getDb()
        .select({
          id: meetingInvitations.id,
          meetingId: meetingInvitations.meetingId,
          inviteeId: meetingInvitations.inviteeId,
          name: users.name,
          answer: meetingInvitations.answer,
          proposedStartsAt: meetingInvitations.proposedStartsAt,
          answeredAt: meetingInvitations.answeredAt,
          handedOverFromId: meetingInvitations.handedOverFromId,
        })
        .from(meetingInvitations)
        .innerJoin(users, eq(users.id, meetingInvitations.inviteeId))
        .where(
          and(
            eq(meetingInvitations.municipalityId, user.municipalityId),
            inArray(
              meetingInvitations.meetingId,
              rows.map((r) => r.meeting.id),
            ),
          ),
        )
        .orderBy(asc(meetingInvitations.createdAt))
    : [];
  const shaped = rows.map(({ meeting, reference }) => {
    const own = invitations.filter((i) => i.meetingId === meeting.id);
    const answers = Object.fromEntries(
      invitationAnswers.map((a) => [a, own.filter((i) => i.answer === a).length]),
    ) as Record<InvitationAnswer, number>;
    return {
      meeting,
      reference,
      answers,
      openProposal: meeting.status === "scheduled" && answers.proposed > 0,
      invitations: own.map(({ id, inviteeId, name, answer, proposedStartsAt, answeredAt }) => ({
        id,
        name,
        answer,
        proposedStartsAt,
        answeredAt,
        // The colleague's own invitation names the one who handed it over.
        handedOverTo:
          answer === "handed_over" ? (own.find((h) => h.handedOverFromId === inviteeId)?.name ?? null) : null,
      })),
    };
  });
  // A stable sort: within each group the soonest stays first.
  return proposalsFirst ? shaped.sort((a, b) => Number(b.openProposal) - Number(a.openProposal)) : shaped;
}
