import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import {
  adviceAmendments,
  guidanceArticles,
  guidanceVersions,
  meetingInvitations,
  meetings,
  messages,
  reportEvents,
  reportNotes,
  reports,
  supplementRequests,
  trainingRegistrations,
  trainings,
} from "#db/schema";
import { stockholmInstant } from "~/domain/deadlines";
import {
  acceptProposal,
  answerInvitation,
  cancelMeeting,
  createMeeting,
  recordHeld,
  rescheduleMeeting,
} from "~/models/meeting.server";
import {
  cancelRegistration,
  cancelTraining,
  createTraining,
  publishTraining,
  recordAttendance,
  registerFor,
  registrationsOf,
  updateTraining,
  type TrainingInput,
} from "~/models/training.server";
import { addNote, addSupplement, requestSupplement } from "~/models/report.server";
import { addAmendment } from "~/models/advice.server";
import { publishDraft, saveDraft } from "~/models/guidance.server";
import { getCurrentUser } from "~/models/user.server";
import { createConsultation, createReport, createWorld, guidanceContent, publishedArticle } from "../factories";

// Each writer is called with a user of municipality A and a record of municipality B, as a caller that skipped the
// scoped read would: B's rows must be unchanged and the writer must report that it did nothing.

const DAY = 86_400_000;

function input(overrides: Partial<TrainingInput> = {}): TrainingInput {
  const startsAt = overrides.startsAt ?? new Date(Date.now() + 30 * DAY);
  return {
    title: "Anmälningsplikten – grundutbildning",
    topic: "reporting_duty",
    audienceRoles: ["staff", "principal"],
    audienceUnitKinds: ["preschool", "school"],
    description: "Vad anmälningsplikten innebär.",
    startsAt,
    durationMinutes: 120,
    place: "Stadshuset, sal 2",
    capacity: 20,
    registrationDeadline: new Date(startsAt.getTime() - 2 * DAY),
    organisers: "Samverkansenheten",
    ...overrides,
  };
}

async function twoMunicipalities() {
  const a = await createWorld("Astad");
  const b = await createWorld("Bstad");
  const as = async (w: typeof a, role: keyof typeof a.user) =>
    (await getCurrentUser(w.user[role].id, w.municipality.id))!;
  return { a, b, as };
}

/** Everything stored about a training and its registrations, to compare before and after. */
async function trainingFingerprint(trainingId: string) {
  const [row] = await getDb().select().from(trainings).where(eq(trainings.id, trainingId));
  const regs = await getDb()
    .select()
    .from(trainingRegistrations)
    .where(eq(trainingRegistrations.trainingId, trainingId));
  return JSON.stringify({ row, regs: regs.sort((x, y) => x.id.localeCompare(y.id)) });
}

async function reportFingerprint(reportId: string) {
  const db = getDb();
  const [row] = await db.select().from(reports).where(eq(reports.id, reportId));
  const notes = await db.select().from(reportNotes).where(eq(reportNotes.reportId, reportId));
  const asked = await db.select().from(supplementRequests).where(eq(supplementRequests.reportId, reportId));
  const events = await db.select().from(reportEvents).where(eq(reportEvents.reportId, reportId));
  return JSON.stringify({ row, notes, asked, events: events.length });
}

/** B's published training with one registration, plus A's coordinator. */
async function trainingOfB() {
  const { a, b, as } = await twoMunicipalities();
  const coordinatorB = await as(b, "coordinator");
  const [training] = await createTraining(coordinatorB, input());
  await publishTraining(coordinatorB, training, "one");
  const [fresh] = await getDb().select().from(trainings).where(eq(trainings.id, training.id));
  expect(await registerFor(fresh, await as(b, "staff"), null)).toMatchObject({ ok: true });
  const [row] = await getDb().select().from(trainings).where(eq(trainings.id, training.id));
  return { row, coordinatorA: await as(a, "coordinator"), coordinatorB, a, b, as };
}

describe("writers carry the user's municipality", () => {
  it("updateTraining does not change another municipality's training", async () => {
    const { row, coordinatorA } = await trainingOfB();
    const before = await trainingFingerprint(row.id);
    expect(
      await updateTraining(
        coordinatorA,
        row,
        input({ title: "Kapad", startsAt: row.startsAt, registrationDeadline: row.registrationDeadline }),
        "one",
      ),
    ).toBe(0);
    expect(await trainingFingerprint(row.id)).toBe(before);
  });

  it("publishTraining does not publish another municipality's draft", async () => {
    const { a, b, as } = await twoMunicipalities();
    const [draft] = await createTraining(await as(b, "coordinator"), input());
    const before = await trainingFingerprint(draft.id);
    expect(await publishTraining(await as(a, "coordinator"), draft, "one")).toBe(0);
    expect(await trainingFingerprint(draft.id)).toBe(before);
  });

  it("cancelTraining does not cancel another municipality's training nor tell its registrants", async () => {
    const { row, coordinatorA, b } = await trainingOfB();
    const before = await trainingFingerprint(row.id);
    const inboxBefore = await getDb().select().from(messages).where(eq(messages.recipientId, b.user.staff.id));
    expect(await cancelTraining(coordinatorA, row, "one")).toBe(0);
    expect(await trainingFingerprint(row.id)).toBe(before);
    expect(await getDb().select().from(messages).where(eq(messages.recipientId, b.user.staff.id))).toHaveLength(
      inboxBefore.length,
    );
  });

  it("registrationsOf lists nothing of another municipality's training", async () => {
    const { row, coordinatorA, coordinatorB } = await trainingOfB();
    expect(await registrationsOf(coordinatorA, row.id)).toEqual([]);
    expect(await registrationsOf(coordinatorB, row.id)).toHaveLength(1);
  });

  it("recordAttendance does not mark attendance on another municipality's training", async () => {
    const { row, coordinatorA } = await trainingOfB();
    const before = await trainingFingerprint(row.id);
    expect(await recordAttendance(coordinatorA, row, "all")).toBe(0);
    expect(await trainingFingerprint(row.id)).toBe(before);
  });

  it("registerFor does not register a person on another municipality's training", async () => {
    const { row, a, as } = await trainingOfB();
    const before = await trainingFingerprint(row.id);
    expect(await registerFor(row, await as(a, "staff"), null)).toEqual({ ok: false, error: "notOpen" });
    expect(await trainingFingerprint(row.id)).toBe(before);
  });

  it("cancelRegistration cancels no place on another municipality's training", async () => {
    const { row, b, as } = await trainingOfB();
    const before = await trainingFingerprint(row.id);
    // The id of B's registrant, but as a user of A (as a session of another tenant would carry it).
    const staffB = await as(b, "staff");
    const { a } = await twoMunicipalities();
    expect(await cancelRegistration(row, { ...staffB, municipalityId: a.municipality.id })).toBe(false);
    expect(await trainingFingerprint(row.id)).toBe(before);
    expect(await cancelRegistration(row, staffB)).toBe(true);
  });

  it("addNote adds no note to another municipality's report", async () => {
    const { a, b, as } = await twoMunicipalities();
    const report = await createReport(b.user.staff, b.unit.school.id);
    const before = await reportFingerprint(report.id);
    expect(await addNote(await as(a, "reception_worker"), report.id, "Anteckning")).toBe(false);
    expect(await reportFingerprint(report.id)).toBe(before);
  });

  it("requestSupplement asks nothing on another municipality's report", async () => {
    const { a, b, as } = await twoMunicipalities();
    const report = await createReport(b.user.staff, b.unit.school.id);
    const [row] = await getDb().select().from(reports).where(eq(reports.id, report.id));
    const before = await reportFingerprint(report.id);
    const inboxBefore = await getDb().select().from(messages).where(eq(messages.recipientId, b.user.staff.id));
    expect(await requestSupplement(await as(a, "reception_worker"), row, { question: "Hur ofta?" })).toBe("notFound");
    expect(await reportFingerprint(report.id)).toBe(before);
    expect(await getDb().select().from(messages).where(eq(messages.recipientId, b.user.staff.id))).toHaveLength(
      inboxBefore.length,
    );
  });

  it("addSupplement adds nothing to another municipality's report", async () => {
    const { a, b, as } = await twoMunicipalities();
    const report = await createReport(b.user.staff, b.unit.school.id);
    const before = await reportFingerprint(report.id);
    expect(await addSupplement(await as(a, "staff"), report.id, { text: "Mer" })).toBe(false);
    expect(await reportFingerprint(report.id)).toBe(before);
  });

  it("addAmendment adds nothing to another municipality's consultation", async () => {
    const { a, b, as } = await twoMunicipalities();
    const consultation = await createConsultation(b.user.reception_worker);
    expect(await addAmendment(await as(a, "reception_worker"), consultation.id, "Tillägg")).toBe(false);
    expect(
      await getDb().select().from(adviceAmendments).where(eq(adviceAmendments.consultationId, consultation.id)),
    ).toEqual([]);
  });

  describe("guidance", () => {
    async function articleFingerprint(articleId: string) {
      const [row] = await getDb().select().from(guidanceArticles).where(eq(guidanceArticles.id, articleId));
      const versions = await getDb().select().from(guidanceVersions).where(eq(guidanceVersions.articleId, articleId));
      return JSON.stringify({ row, versions: versions.sort((x, y) => x.number - y.number) });
    }

    it("saveDraft writes no draft into another municipality's article", async () => {
      const { a, b, as } = await twoMunicipalities();
      const article = await publishedArticle(b.municipality.id, "anmalan");
      const before = await articleFingerprint(article.id);
      expect(await saveDraft(await as(a, "coordinator"), article.id, guidanceContent({ titleSv: "Kapad" }))).toBeNull();
      expect(await articleFingerprint(article.id)).toBe(before);
    });

    it("publishDraft publishes nothing of another municipality's article", async () => {
      const { a, b, as } = await twoMunicipalities();
      const article = await publishedArticle(b.municipality.id, "anmalan");
      expect(await saveDraft(await as(b, "coordinator"), article.id, guidanceContent({ titleSv: "Utkast" }))).toBe(2);
      const before = await articleFingerprint(article.id);
      expect(await publishDraft(await as(a, "coordinator"), article.id)).toBeNull();
      expect(await articleFingerprint(article.id)).toBe(before);
    });
  });

  describe("meetings", () => {
    /** B's scheduled meeting with one invitation, whose invitee proposed another time. */
    async function meetingOfB() {
      const { a, b, as } = await twoMunicipalities();
      const created = await createReport(b.user.staff, b.unit.school.id);
      const [report] = await getDb().select().from(reports).where(eq(reports.id, created.id));
      const teacherB = await as(b, "staff");
      const meeting = (await createMeeting(
        await as(b, "reception_worker"),
        report,
        {
          startsAt: stockholmInstant("2027-12-10", "09:00"),
          durationMinutes: 30,
          form: "phone",
          place: "",
          otherParticipants: "",
        },
        [teacherB.id],
      ))!;
      const [invitation] = await getDb()
        .select()
        .from(meetingInvitations)
        .where(eq(meetingInvitations.meetingId, meeting.id));
      await answerInvitation(teacherB, invitation.id, {
        answer: "proposed",
        proposedStartsAt: stockholmInstant("2027-12-11", "14:30"),
      });
      const [row] = await getDb().select().from(meetings).where(eq(meetings.id, meeting.id));
      return { meeting: row, invitation, workerA: await as(a, "reception_worker") };
    }

    async function meetingFingerprint(meetingId: string) {
      const [row] = await getDb().select().from(meetings).where(eq(meetings.id, meetingId));
      const invitations = await getDb()
        .select()
        .from(meetingInvitations)
        .where(eq(meetingInvitations.meetingId, meetingId));
      return JSON.stringify({ row, invitations: invitations.sort((x, y) => x.id.localeCompare(y.id)) });
    }

    it("createMeeting creates no meeting on another municipality's report", async () => {
      const { a, b, as } = await twoMunicipalities();
      const created = await createReport(b.user.staff, b.unit.school.id);
      const [report] = await getDb().select().from(reports).where(eq(reports.id, created.id));
      const before = await reportFingerprint(report.id);
      const made = await createMeeting(
        await as(a, "reception_worker"),
        report,
        {
          startsAt: stockholmInstant("2027-12-10", "09:00"),
          durationMinutes: 30,
          form: "phone",
          place: "",
          otherParticipants: "",
        },
        [b.user.staff.id],
      );
      expect(made).toBeNull();
      expect(await getDb().select().from(meetings).where(eq(meetings.reportId, report.id))).toEqual([]);
      expect(await reportFingerprint(report.id)).toBe(before);
    });

    it("rescheduleMeeting does not move another municipality's meeting", async () => {
      const { meeting, workerA } = await meetingOfB();
      const before = await meetingFingerprint(meeting.id);
      expect(
        await rescheduleMeeting(workerA, meeting, {
          startsAt: stockholmInstant("2027-12-12", "10:00"),
          durationMinutes: 30,
          place: "",
        }),
      ).toBeNull();
      expect(await meetingFingerprint(meeting.id)).toBe(before);
    });

    it("acceptProposal does not take a proposal on another municipality's meeting", async () => {
      const { meeting, invitation, workerA } = await meetingOfB();
      const before = await meetingFingerprint(meeting.id);
      expect(await acceptProposal(workerA, meeting, invitation.id)).toBeNull();
      expect(await meetingFingerprint(meeting.id)).toBe(before);
    });

    it("cancelMeeting does not cancel another municipality's meeting", async () => {
      const { meeting, workerA } = await meetingOfB();
      const before = await meetingFingerprint(meeting.id);
      expect(await cancelMeeting(workerA, meeting)).toBeNull();
      expect(await meetingFingerprint(meeting.id)).toBe(before);
    });

    it("recordHeld does not record another municipality's meeting as held", async () => {
      const { meeting, invitation, workerA } = await meetingOfB();
      const before = await meetingFingerprint(meeting.id);
      expect(await recordHeld(workerA, meeting, [invitation.id])).toBeNull();
      expect(await meetingFingerprint(meeting.id)).toBe(before);
    });
  });
});
