import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { meetingInvitations, reports } from "#db/schema";
import { addCalendarDays, stockholmDate, stockholmInstant } from "~/domain/deadlines";
import { TEXT_LIMITS } from "~/domain/text-limits";
import { createMeeting } from "~/models/meeting.server";
import { getCurrentUser } from "~/models/user.server";
import * as adviceRoute from "~/routes/advice.$consultationId";
import * as feedbackTextsRoute from "~/routes/feedback.texts";
import * as invitationRoute from "~/routes/invitations.$invitationId";
import { caseStep } from "../case-steps";
import * as consentsRoute from "~/routes/reports.$reportId_.feedback.consents";
import * as extendedRoute from "~/routes/reports.$reportId_.feedback.extended";
import { createConsultation, createReport, createWorld, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";

/**
 * A text one character longer than its field takes is refused with a form error, the database stays as it was and the
 * text comes back as typed. (Before, these actions cut the text with `.slice(0, n)` and saved the rest silently.)
 */

// Everything a refused form could have written, for this municipality only (PostgreSQL runs test files side by side).
const TABLES = [
  "reports",
  "report_events",
  "report_notes",
  "report_supplements",
  "supplement_requests",
  "meetings",
  "meeting_invitations",
  "advice_consultations",
  "advice_amendments",
  "feedback_texts",
  "consents",
  "extended_feedback",
  "messages",
];

async function snapshot(municipalityId: string) {
  const parts: string[] = [];
  for (const table of TABLES) {
    const result = (await getDb().execute(
      sql`select coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as digest from ${sql.identifier(table)} t
          where t.municipality_id = ${municipalityId}`,
    )) as unknown as { rows?: { digest: string }[] } & { digest: string }[];
    parts.push(`${table}:${(result.rows ?? result)[0].digest}`);
  }
  return parts;
}

/** A text of `length` characters with a line break inside (a textarea's text has them) and none at the ends (trimmed). */
const textOf = (length: number) => {
  const text = `Rad ett\n${"Barnet berättade mer. ".repeat(Math.ceil(length / 22))}`;
  return `${text.slice(0, length - 1)}.`;
};

async function setup() {
  const world = await createWorld();
  const created = await createReport(world.user.staff, world.unit.school.id, { childName: "Lång Textsson" });
  const [report] = await getDb().select().from(reports).where(eq(reports.id, created.id));
  const worker = (await getCurrentUser(world.user.reception_worker.id, world.municipality.id))!;
  const meeting = (await createMeeting(
    worker,
    report,
    {
      startsAt: stockholmInstant(addCalendarDays(stockholmDate(new Date()), 7), "10:00"),
      durationMinutes: 60,
      form: "in_person",
      place: "",
      otherParticipants: "",
    },
    [world.user.staff.id],
  ))!;
  const [invitation] = await getDb()
    .select()
    .from(meetingInvitations)
    .where(eq(meetingInvitations.meetingId, meeting.id));
  const consultation = await createConsultation(world.user.reception_worker);
  return {
    world,
    report,
    invitationId: invitation.id,
    consultationId: consultation.id,
    cookie: {
      staff: await sessionCookieFor(world.user.staff),
      reception: await sessionCookieFor(world.user.reception_worker),
      coordinator: await sessionCookieFor(world.user.coordinator),
    },
  };
}

type Setup = Awaited<ReturnType<typeof setup>>;
type Case = {
  field: string;
  limit: number;
  post: (s: Setup, text: string) => ReturnType<typeof callRoute>;
};

const onReport = (s: Setup, cookie: string, form: Record<string, string>) =>
  callRoute(caseStep(s.report.id, form.intent).handler, {
    ...caseStep(s.report.id, form.intent),
    cookie,
    method: "POST",
    form: { submissionKey: randomUUID(), ...form },
  });
const onFeedback = (s: Setup, step: "consents" | "extended", form: Record<string, string>) =>
  callRoute((step === "consents" ? consentsRoute : extendedRoute).action, {
    path: `/reports/${s.report.id}/feedback/${step}`,
    params: { reportId: s.report.id },
    cookie: s.cookie.reception,
    method: "POST",
    form: { submissionKey: randomUUID(), ...form },
  });
const consent = (s: Setup, overrides: Record<string, string>) =>
  onFeedback(s, "consents", {
    intent: "consent",
    giver: "guardian",
    givenBy: "Vårdnadshavare Ett",
    form: "written",
    documentReference: "",
    infoKinds: "outcome_and_support",
    recipientUserIds: s.world.user.staff.id,
    validFrom: stockholmDate(new Date()),
    validUntil: addCalendarDays(stockholmDate(new Date()), 30),
    ...overrides,
  });
const meeting = (s: Setup, overrides: Record<string, string>) =>
  onReport(s, s.cookie.reception, {
    intent: "meeting",
    date: addCalendarDays(stockholmDate(new Date()), 14),
    time: "09:30",
    duration: "45",
    form: "in_person",
    place: "",
    otherParticipants: "",
    invitees: s.world.user.staff.id,
    ...overrides,
  });

const cases: Case[] = [
  {
    field: "internal note",
    limit: TEXT_LIMITS.note,
    post: (s, text) => onReport(s, s.cookie.reception, { intent: "note", text }),
  },
  {
    field: "supplement",
    limit: TEXT_LIMITS.supplement,
    post: (s, text) => onReport(s, s.cookie.staff, { intent: "supplement", text }),
  },
  {
    field: "supplement question",
    limit: TEXT_LIMITS.supplementQuestion,
    post: (s, question) => onReport(s, s.cookie.reception, { intent: "requestSupplement", question }),
  },
  {
    field: "why the child was not heard",
    limit: TEXT_LIMITS.childHeardNote,
    post: (s, text) => onReport(s, s.cookie.reception, { intent: "childHeard", heard: "no", text }),
  },
  {
    field: "why no meeting is offered",
    limit: TEXT_LIMITS.noMeetingNote,
    post: (s, text) => onReport(s, s.cookie.reception, { intent: "noMeeting", reason: "violence_suspected", text }),
  },
  { field: "meeting place", limit: TEXT_LIMITS.meetingPlace, post: (s, place) => meeting(s, { place }) },
  {
    field: "other meeting participants",
    limit: TEXT_LIMITS.meetingParticipants,
    post: (s, otherParticipants) => meeting(s, { otherParticipants }),
  },
  {
    field: "reason for declining a meeting",
    limit: TEXT_LIMITS.declineReason,
    post: (s, reason) =>
      callRoute(invitationRoute.action, {
        path: `/invitations/${s.invitationId}`,
        params: { invitationId: s.invitationId },
        cookie: s.cookie.staff,
        method: "POST",
        form: { intent: "declined", reason },
      }),
  },
  {
    field: "advice amendment",
    limit: TEXT_LIMITS.amendment,
    post: (s, text) =>
      callRoute(adviceRoute.action, {
        path: `/advice/${s.consultationId}`,
        params: { consultationId: s.consultationId },
        cookie: s.cookie.reception,
        method: "POST",
        form: { intent: "amend", text, submissionKey: randomUUID() },
      }),
  },
  ...(["sv", "en"] as const).map(
    (lang): Case => ({
      field: `feedback text (${lang})`,
      limit: TEXT_LIMITS.feedbackText,
      post: (s, text) =>
        callRoute(feedbackTextsRoute.action, {
          path: "/feedback/texts",
          cookie: s.cookie.coordinator,
          method: "POST",
          form: {
            intent: "text",
            key: "received",
            sv: "Vi har tagit emot anmälan.",
            en: "We have received the report.",
            [lang]: text,
          },
        }),
    }),
  ),
  {
    field: "extended feedback",
    limit: TEXT_LIMITS.extendedFeedback,
    post: (s, body) =>
      onFeedback(s, "extended", {
        intent: "send",
        recipientId: s.world.user.staff.id,
        kind: "outcome_and_support",
        body,
      }),
  },
  { field: "who gave the consent", limit: TEXT_LIMITS.consentGivenBy, post: (s, givenBy) => consent(s, { givenBy }) },
  {
    field: "consent document reference",
    limit: TEXT_LIMITS.consentDocument,
    post: (s, documentReference) => consent(s, { documentReference }),
  },
];

/** A plain form's `error`, or the messages of a conform reply (`result.error`, by field). */
function errorsOf(data: unknown): string[] {
  const { error, result } = (data ?? {}) as { error?: string; result?: { error?: Record<string, string[] | null> } };
  return [...(error ? [error] : []), ...Object.values(result?.error ?? {}).flatMap((e) => e ?? [])];
}

describe("a text longer than its field takes", () => {
  it.each(cases)("$field: refused with a form error, nothing saved, the text handed back", async ({ limit, post }) => {
    const s = await setup();
    const before = await snapshot(s.world.municipality.id);
    const typed = textOf(limit + 1);
    const result = await post(s, typed);
    expect(result.status).toBe(200);
    expect(errorsOf(result.data)).toContainEqual(expect.stringMatching(/:errors\.(tooLong|textTooLong)$/));
    expect(JSON.stringify(result.data)).toContain(JSON.stringify(typed).slice(1, -1));
    expect(await snapshot(s.world.municipality.id)).toEqual(before);
  });

  it.each(cases)("$field: exactly at the limit is not refused for its length", async ({ limit, post }) => {
    const s = await setup();
    const result = await post(s, textOf(limit));
    expect(JSON.stringify(result.data ?? null)).not.toMatch(/tooLong|textTooLong/);
  });
});
