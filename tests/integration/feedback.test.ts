import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import {
  auditEvents,
  basicFeedback,
  consents,
  extendedFeedback,
  messages,
  outboxEmails,
  reportEvents,
  reports,
  supplementRequests,
} from "#db/schema";
import { stockholmInstant } from "~/domain/deadlines";
import { formatDate, i18nFor } from "~/lib/i18n";
import { renderMessage } from "~/lib/message-templates.server";
import { reportDecisions, type ConsentInfoKind } from "~/domain/vocabulary";
import {
  feedbackDashboard,
  giveBasicFeedback,
  recordConsent,
  recordFeedbackGiven,
  saveFeedbackText,
  sendExtendedFeedback,
  withdrawConsent,
  type ConsentInput,
} from "~/models/feedback.server";
import {
  addSupplement,
  assignReport,
  recordChildHeard,
  recordDecision,
  recordProtectionAssessment,
  registerReport,
  requestSupplement,
} from "~/models/report.server";
import { getCurrentUser } from "~/models/user.server";
import * as readRoute from "~/routes/feedback.$feedbackId";
import * as consentsRoute from "~/routes/reports.$reportId_.feedback.consents";
import { createReport, createUser, createWorld, decisionInput, reportInput, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";
import { asOwner } from "../owner";

async function setup() {
  const world = await createWorld();
  const m = world.municipality.id;
  const current = async (id: string) => (await getCurrentUser(id, m))!;
  const worker = await current(world.user.reception_worker.id);
  const teacher = await current(world.user.staff.id);
  const principal = await current(world.user.principal.id);
  const preschoolTeacher = await current(
    (await createUser({ municipalityId: m, unitId: world.unit.preschool.id, role: "staff" })).id,
  );
  const created = await createReport(teacher, world.unit.school.id, {
    childName: "Hemlig Barnsson",
    coSignerId: principal.id,
  });
  const row = async () => (await getDb().select().from(reports).where(eq(reports.id, created.id)))[0];
  return { world, worker, teacher, principal, preschoolTeacher, report: await row(), row };
}

/** Takes a report through the steps a decision needs, then decides it. */
async function decide(worker: Awaited<ReturnType<typeof setup>>["worker"], reportId: string, at = new Date()) {
  await recordProtectionAssessment(worker, reportId, "no_immediate_need", at);
  await recordChildHeard(worker, reportId, true, "");
  return recordDecision(worker, reportId, decisionInput("opened"), at);
}

/** A user's feedback messages as a Swedish reader sees them. */
const feedbackMessages = async (userId: string) =>
  (
    await getDb()
      .select()
      .from(messages)
      .where(and(eq(messages.recipientId, userId), eq(messages.kind, "feedback")))
      .orderBy(messages.createdAt)
  ).map((m) => ({ ...m, ...renderMessage(m, "sv") }));

function consentInput(overrides: Partial<ConsentInput> = {}): ConsentInput {
  return {
    giver: "guardians",
    givenBy: "Anna Andersson, mamma, och Ali Andersson, pappa",
    jointCustody: true,
    bothGuardiansConsented: true,
    form: "written",
    documentReference: "BLANKETT-1",
    recipientUnitIds: [],
    recipientUserIds: [],
    infoKinds: ["school_support"],
    validFrom: new Date(Date.now() - 86_400_000),
    validUntil: new Date(Date.now() + 90 * 86_400_000),
    submissionKey: randomUUID(),
    ...overrides,
  };
}

describe("basic feedback", () => {
  it(
    "tells the reporter and the co-signer on receipt and on the decision, once, " +
      "with e-mail notices that hold nothing personal",
    async () => {
      const { worker, teacher, principal, report } = await setup();
      expect((await feedbackMessages(teacher.id)).map((m) => m.subject)).toEqual([
        `Återkoppling på anmälan ${report.reference}`,
      ]);
      expect(await feedbackMessages(principal.id)).toHaveLength(1);

      // The decision submitted twice at once (a double click): one decision, one feedback per person.
      await recordProtectionAssessment(worker, report.id, "no_immediate_need");
      await recordChildHeard(worker, report.id, true, "");
      const results = await Promise.all([
        recordDecision(worker, report.id, decisionInput("opened")),
        recordDecision(worker, report.id, decisionInput("opened")),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const teacherMessages = await feedbackMessages(teacher.id);
      expect(teacherMessages).toHaveLength(2);
      expect(teacherMessages[1].body).toContain("beslutat att inleda en utredning");
      // The decision is not taken for a second receipt (issue 19).
      expect(teacherMessages.map((m) => m.subject)).toEqual([
        `Återkoppling på anmälan ${report.reference}`,
        `Beslut om anmälan ${report.reference}`,
      ]);
      expect(teacherMessages[1].body).toContain(report.reference);
      expect(await feedbackMessages(principal.id)).toHaveLength(2);
      const rows = await getDb().select().from(basicFeedback).where(eq(basicFeedback.reportId, report.id));
      expect(rows).toHaveLength(4);
      expect(rows.every((r) => r.channel === "portal" && r.deliveredAt && r.deliveredAt < r.dueAt)).toBe(true);

      const mails = await getDb().select().from(outboxEmails).where(eq(outboxEmails.recipientId, teacher.id));
      expect(mails.length).toBeGreaterThanOrEqual(2);
      for (const mail of mails) {
        expect(`${mail.subject}\n${mail.textBody}`).not.toMatch(/Hemlig|Barnsson|ORO-|inleda/);
      }
    },
  );

  it("gives nothing to a reporter who did not ask, and uses the coordinator's own text", async () => {
    const { world, worker, teacher } = await setup();
    const coordinator = (await getCurrentUser(world.user.coordinator.id, world.municipality.id))!;
    await saveFeedbackText(coordinator, "opened", {
      sv: "Egen text: utredning i {reference} från {date}.",
      en: "Own text {reference}.",
    });
    const quiet = await createReport(teacher, world.unit.school.id, { wantsFeedback: false });
    const asked = await createReport(teacher, world.unit.school.id);
    await decide(worker, quiet.id);
    await decide(worker, asked.id, stockholmInstant("2026-12-01", "10:00"));
    const bodies = (await feedbackMessages(teacher.id)).map((m) => m.body);
    expect(bodies.filter((b) => b.includes(quiet.reference))).toEqual([]);
    expect(bodies).toContain(`Egen text: utredning i ${asked.reference} från 1 december 2026.`);
  });

  it("makes a task for a reporter outside the portal, ticked off once, and counts the share on time", async () => {
    const { world, worker } = await setup();
    const now = stockholmInstant("2026-12-10", "12:00");
    const registered = await registerReport(worker, {
      ...reportInput(world.unit.school.id),
      channel: "phone",
      receivedAt: stockholmInstant("2026-12-01", "09:00"),
      reporterName: "Granne Grannsson",
      reporterPhone: "070-111 11 11",
      reporterEmail: "",
    });
    const tasks = await getDb().select().from(basicFeedback).where(eq(basicFeedback.reportId, registered.id));
    expect(tasks).toEqual([expect.objectContaining({ stage: "received", recipientId: null, deliveredAt: null })]);
    await decide(worker, registered.id, stockholmInstant("2026-12-02", "10:00"));

    let board = await feedbackDashboard(worker, now);
    const open = board.open.filter((o) => o.reportId === registered.id);
    expect(open.map((o) => o.stage).sort()).toEqual(["decided", "received"]);
    // Decided on the 2nd with 3 days: due through the 5th, so on the 10th it is overdue.
    expect(open.find((o) => o.stage === "decided")?.state).toBe("overdue");

    const decidedTask = open.find((o) => o.stage === "decided")!;
    expect(
      await recordFeedbackGiven(worker, decidedTask.id, {
        channel: "phone",
        deliveredAt: stockholmInstant("2026-12-04", "12:00"),
      }),
    ).not.toBeNull();
    expect(await recordFeedbackGiven(worker, decidedTask.id, { channel: "letter", deliveredAt: now })).toBeNull();
    board = await feedbackDashboard(worker, now);
    expect(board.open.filter((o) => o.reportId === registered.id).map((o) => o.stage)).toEqual(["received"]);
    expect(board.periods.find((p) => p.days === 30)).toMatchObject({ total: 1, onTime: 1, share: 1 });
  });
});

describe("consent", () => {
  it("refuses a consent the rules do not allow, and records a double submit once", async () => {
    const { worker, teacher, preschoolTeacher, report } = await setup();
    const to = { recipientUserIds: [teacher.id] };
    expect(
      await recordConsent(worker, report, consentInput({ ...to, giver: "guardian", bothGuardiansConsented: false })),
    ).toEqual({
      ok: false,
      error: "bothGuardiansRequired",
    });
    const from = stockholmInstant("2026-01-10");
    expect(
      await recordConsent(
        worker,
        report,
        consentInput({ ...to, validFrom: from, validUntil: stockholmInstant("2027-01-11") }),
      ),
    ).toEqual({ ok: false, error: "tooLong" });
    expect(await recordConsent(worker, report, consentInput({ ...to, validFrom: from, validUntil: from }))).toEqual({
      ok: false,
      error: "endsBeforeStart",
    });
    // Someone at another unit cannot be named on this report's consent, nor can nobody.
    expect(await recordConsent(worker, report, consentInput({ recipientUserIds: [preschoolTeacher.id] }))).toEqual({
      ok: false,
      error: "unknownRecipient",
    });
    expect(await recordConsent(worker, report, consentInput())).toEqual({ ok: false, error: "unknownRecipient" });

    const input = consentInput(to);
    const [first, second] = await Promise.all([
      recordConsent(worker, report, input),
      recordConsent(worker, report, input),
    ]);
    expect(first.ok && second.ok && first.consent.id === second.consent.id).toBe(true);
    expect(await getDb().select().from(consents).where(eq(consents.reportId, report.id))).toHaveLength(1);
  });

  it("can be withdrawn but never deleted", async () => {
    const { worker, teacher, report } = await setup();
    const result = await recordConsent(worker, report, consentInput({ recipientUserIds: [teacher.id] }));
    if (!result.ok) throw new Error(result.error);
    expect(await withdrawConsent(worker, report.id, result.consent.id)).not.toBeNull();
    expect(await withdrawConsent(worker, report.id, result.consent.id)).toBeNull();
    await expect(getDb().delete(consents).where(eq(consents.id, result.consent.id))).rejects.toThrow();
  });

  it("refuses a consent identical to one on record (same giver, recipients, kinds and days), naming it", async () => {
    const { world, worker, teacher, principal, report } = await setup();
    const days = { validFrom: stockholmInstant("2026-11-01"), validUntil: stockholmInstant("2027-06-01") };
    const terms = {
      ...days,
      recipientUnitIds: [world.unit.school.id],
      recipientUserIds: [teacher.id, principal.id],
      infoKinds: ["school_support", "joint_planning"] as ConsentInfoKind[],
    };
    const first = await recordConsent(worker, report, consentInput(terms));
    if (!first.ok) throw new Error(first.error);
    // The same consent saved again from a fresh form, recipients and kinds ticked in another order, another document.
    const again = await recordConsent(
      worker,
      report,
      consentInput({
        ...terms,
        givenBy: " anna andersson, mamma, och ali andersson, pappa ",
        recipientUserIds: [principal.id, teacher.id],
        infoKinds: ["joint_planning", "school_support"],
        documentReference: "BLANKETT-2",
      }),
    );
    expect(again).toEqual({
      ok: false,
      error: "duplicate",
      duplicate: expect.objectContaining({ id: first.consent.id }),
    });

    // Anything that differs is a consent of its own: fewer kinds, another recipient, other days, another giver.
    for (const differs of [
      { infoKinds: ["school_support"] as ConsentInfoKind[] },
      { recipientUserIds: [teacher.id] },
      { validUntil: stockholmInstant("2027-05-01") },
      { giver: "child" as const, givenBy: "Barnet" },
    ]) {
      expect((await recordConsent(worker, report, consentInput({ ...terms, ...differs }))).ok).toBe(true);
    }
    // Once withdrawn, the guardians may consent to the same again.
    await withdrawConsent(worker, report.id, first.consent.id);
    expect((await recordConsent(worker, report, consentInput(terms))).ok).toBe(true);
    expect(await getDb().select().from(consents).where(eq(consents.reportId, report.id))).toHaveLength(6);
  });

  it("records one consent when two reception workers save the same one at once", async () => {
    const { world, worker, teacher, report } = await setup();
    const colleague = (await getCurrentUser(
      (
        await createUser({
          municipalityId: world.municipality.id,
          unitId: world.unit.reception.id,
          role: "reception_worker",
        })
      ).id,
      world.municipality.id,
    ))!;
    const days = { validFrom: stockholmInstant("2026-11-01"), validUntil: stockholmInstant("2027-06-01") };
    // Different page views: different submission keys. Overlapping on PostgreSQL.
    const results = await Promise.all(
      [worker, colleague, worker, colleague].map((who) =>
        recordConsent(who, report, consentInput({ ...days, recipientUserIds: [teacher.id] })),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error)).toEqual(["duplicate", "duplicate", "duplicate"]);
    expect(await getDb().select().from(consents).where(eq(consents.reportId, report.id))).toHaveLength(1);
  });

  it("tells reception which consent is already on record, in the user's language, and keeps the form as sent", async () => {
    const { worker, teacher, report } = await setup();
    const cookie = await sessionCookieFor(worker);
    const post = () =>
      callRoute(consentsRoute.action, {
        path: `/reports/${report.id}/feedback/consents`,
        params: { reportId: report.id },
        cookie,
        method: "POST",
        form: {
          intent: "consent",
          giver: "guardians",
          givenBy: "Anna Andersson, mamma",
          form: "written",
          infoKinds: "school_support",
          recipientUserIds: teacher.id,
          validFrom: "2026-11-01",
          validUntil: "2027-05-31",
          submissionKey: randomUUID(),
        },
      });
    expect((await post()).status).toBe(302);
    const refused = await post();
    expect(refused.status).toBe(200);
    const data = refused.data as {
      intent: string;
      result: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
      duplicate: { givenBy: string; from: string; until: string };
    };
    expect(data.intent).toBe("consent");
    // A form-level error (conform's key ""), the form as sent.
    expect(data.result.error).toEqual({ "": ["feedback:errors.duplicateConsent"] });
    expect(data.duplicate).toEqual({ givenBy: "Anna Andersson, mamma", from: "2026-11-01", until: "2027-05-31" });
    expect(data.result.initialValue).toMatchObject({ givenBy: "Anna Andersson, mamma", validUntil: "2027-05-31" });
    for (const locale of ["sv", "en"] as const) {
      const { givenBy, from, until } = data.duplicate;
      const text = i18nFor(locale).getFixedT(locale, "feedback")("errors.duplicateConsent", {
        givenBy,
        from: formatDate(from, locale),
        until: formatDate(until, locale),
      });
      expect(text).toContain("Anna Andersson, mamma");
      expect(text).toContain(locale === "sv" ? "31 maj 2027" : "31 May 2027");
    }
    expect(await getDb().select().from(consents).where(eq(consents.reportId, report.id))).toHaveLength(1);
  });
});

describe("extended feedback", () => {
  it("goes only under an active covering consent, is read by its recipient alone, and stays readable after a withdrawal", async () => {
    const { world, worker, teacher, principal, report } = await setup();
    const send = (recipientId: string, kind: "school_support" | "joint_planning" = "school_support") =>
      sendExtendedFeedback(worker, report, {
        recipientId,
        kind,
        body: "Barnet får stöd av BUP. Skolan kan ge extra tid.",
        submissionKey: randomUUID(),
      });

    expect(await send(teacher.id)).toEqual({ ok: false, coverage: { ok: false, reason: "none" } });
    const result = await recordConsent(worker, report, consentInput({ recipientUnitIds: [world.unit.school.id] }));
    if (!result.ok) throw new Error(result.error);
    expect(await send(teacher.id, "joint_planning")).toEqual({ ok: false, coverage: { ok: false, reason: "kind" } });
    const sent = await send(teacher.id);
    if (!sent.ok) throw new Error("not sent");

    // The teacher reads it; the principal (same unit, also covered) gets a 404, as does the sender's colleague.
    const read = (userCookie: string) =>
      callRoute(readRoute.loader, {
        path: `/feedback/${sent.id}`,
        params: { feedbackId: sent.id },
        cookie: userCookie,
      });
    expect((await read(await sessionCookieFor(principal))).status).toBe(404);
    const teacherCookie = await sessionCookieFor(teacher);
    const first = await read(teacherCookie);
    expect(first.status).toBe(200);
    expect(first.data).toMatchObject({ body: expect.stringContaining("BUP"), consentWithdrawnAt: null });
    const [row] = await getDb().select().from(extendedFeedback).where(eq(extendedFeedback.id, sent.id));
    expect(row.readAt).not.toBeNull();
    const reads = await getDb()
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.recordId, sent.id), eq(auditEvents.action, "read"), eq(auditEvents.userId, teacher.id)),
      );
    expect(reads).toHaveLength(1);

    // The e-mail notice says nothing of the content.
    const [notice] = await getDb()
      .select()
      .from(outboxEmails)
      .where(and(eq(outboxEmails.recipientId, teacher.id), sql`${outboxEmails.textBody} like ${"%/inbox/%"}`))
      .orderBy(sql`${outboxEmails.createdAt} desc`)
      .limit(1);
    expect(notice.textBody).not.toMatch(/BUP|stöd|Hemlig/);

    await withdrawConsent(worker, report.id, result.consent.id);
    const refused = await send(teacher.id);
    expect(refused).toMatchObject({ ok: false, coverage: { ok: false, reason: "withdrawn" } });
    const again = await read(teacherCookie);
    expect(again.status).toBe(200);
    expect((again.data as { consentWithdrawnAt: string | null }).consentWithdrawnAt).not.toBeNull();
    const events = await getDb()
      .select({ kind: reportEvents.kind })
      .from(reportEvents)
      .where(eq(reportEvents.reportId, report.id));
    expect(events.map((e) => e.kind)).toEqual(
      expect.arrayContaining(["consent_recorded", "extended_feedback_sent", "consent_withdrawn"]),
    );
  });

  it("sends a double submit once", async () => {
    const { worker, teacher, report } = await setup();
    const result = await recordConsent(worker, report, consentInput({ recipientUserIds: [teacher.id] }));
    if (!result.ok) throw new Error(result.error);
    const input = {
      recipientId: teacher.id,
      kind: "school_support" as const,
      body: "Text",
      submissionKey: randomUUID(),
    };
    const [a, b] = await Promise.all([
      sendExtendedFeedback(worker, report, input),
      sendExtendedFeedback(worker, report, input),
    ]);
    expect(a.ok && b.ok && a.id === b.id).toBe(true);
    expect(await getDb().select().from(extendedFeedback).where(eq(extendedFeedback.reportId, report.id))).toHaveLength(
      1,
    );
  });
});

describe("supplement requests", () => {
  it("asks the reporter, who answers in the portal; both land on the timeline and the report needed supplementing", async () => {
    const { worker, teacher, report, row } = await setup();
    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000);
    expect(await requestSupplement(worker, report, { question: "När såg du blåmärkena första gången?" }, at(1))).toBe(
      "asked",
    );
    const [question] = await getDb()
      .select()
      .from(messages)
      .where(and(eq(messages.recipientId, teacher.id), eq(messages.kind, "system")))
      .orderBy(sql`${messages.createdAt} desc`)
      .limit(1);
    expect(renderMessage(question, "sv").subject).toBe(`Mottagningen behöver veta mer om anmälan ${report.reference}`);
    expect((await row()).neededSupplement).toBe(true);

    const [request] = await getDb().select().from(supplementRequests).where(eq(supplementRequests.reportId, report.id));
    await addSupplement(teacher, report.id, { text: "I början av november.", requestId: request.id }, at(2));
    // A second answer to the same question is kept, as a supplement of its own.
    await addSupplement(teacher, report.id, { text: "Och igen i veckan.", requestId: request.id }, at(3));
    const [answered] = await getDb().select().from(supplementRequests).where(eq(supplementRequests.id, request.id));
    expect(answered.answeredAt).not.toBeNull();
    const kinds = (
      await getDb()
        .select({ kind: reportEvents.kind })
        .from(reportEvents)
        .where(eq(reportEvents.reportId, report.id))
        .orderBy(reportEvents.at)
    ).map((e) => e.kind);
    expect(kinds.filter((k) => k.startsWith("supplement"))).toEqual([
      "supplement_requested",
      "supplement_answered",
      "supplement_added",
    ]);
  });

  it("cannot ask a reporter who is not in the portal", async () => {
    const { world, worker } = await setup();
    const registered = await registerReport(worker, {
      ...reportInput(world.unit.school.id),
      channel: "police",
      receivedAt: new Date(),
      reporterName: "Polisen",
      reporterPhone: "",
      reporterEmail: "",
    });
    const [report] = await getDb().select().from(reports).where(eq(reports.id, registered.id));
    expect(await requestSupplement(worker, report, { question: "Fråga" })).toBe("notInPortal");
  });
});

describe("a decision and its preconditions, as the report stands when it is written", () => {
  // The decisions below are taken on 1 December 2026.
  const standardText = (key: string, reference: string) =>
    i18nFor("sv")
      .getFixedT(
        "sv",
        "feedback",
      )(`basic.texts.${key}`)
      .replaceAll("{reference}", reference)
      .replaceAll("{date}", formatDate("2026-12-01", "sv"));

  it.each(reportDecisions)("tells the reporter the text of the decision taken: %s", async (decision) => {
    const { worker, teacher, principal, report } = await setup();
    const at = stockholmInstant("2026-12-01", "10:00");
    await recordProtectionAssessment(worker, report.id, "no_immediate_need", at);
    await recordChildHeard(worker, report.id, true, "");
    expect(await recordDecision(worker, report.id, decisionInput(decision), at)).toEqual({ ok: true });
    for (const person of [teacher, principal]) {
      expect((await feedbackMessages(person.id)).at(-1)?.body).toBe(standardText(decision, report.reference));
    }
  });

  it("takes the text from the decision passed, not from a row read before it was taken", async () => {
    const { teacher, report } = await setup();
    const at = stockholmInstant("2026-12-01", "10:00");
    await getDb().transaction(async (tx) => {
      await tx.update(reports).set({ decision: "already_ongoing", decidedAt: at }).where(eq(reports.id, report.id));
      await giveBasicFeedback(tx, report, "already_ongoing", at);
    });
    expect((await feedbackMessages(teacher.id)).at(-1)?.body).toBe(standardText("already_ongoing", report.reference));
  });

  it("decides on the report as it stands: an assessment recorded after the page was read counts, one undone does not", async () => {
    const { worker, report, row } = await setup();
    await recordProtectionAssessment(worker, report.id, "no_immediate_need");
    await recordChildHeard(worker, report.id, true, "");
    expect(await recordDecision(worker, report.id, decisionInput("not_opened"))).toEqual({ ok: true });
    expect((await row()).decision).toBe("not_opened");

    const other = await setup();
    await recordProtectionAssessment(other.worker, other.report.id, "no_immediate_need");
    await recordChildHeard(other.worker, other.report.id, true, "");
    await getDb()
      .update(reports)
      .set({ protectionAssessedAt: null, protectionOutcome: null })
      .where(eq(reports.id, other.report.id));
    expect(await recordDecision(other.worker, other.report.id, decisionInput("opened"))).toEqual({
      ok: false,
      error: "protectionMissing",
    });
    await getDb()
      .update(reports)
      .set({ protectionAssessedAt: new Date(), childHeard: null })
      .where(eq(reports.id, other.report.id));
    expect(await recordDecision(other.worker, other.report.id, decisionInput("opened"))).toEqual({
      ok: false,
      error: "childHeardMissing",
    });
    expect((await other.row()).decision).toBeNull();
    const decidedFeedback = and(eq(basicFeedback.reportId, other.report.id), eq(basicFeedback.stage, "decided"));
    expect(await getDb().select().from(basicFeedback).where(decidedFeedback)).toEqual([]);
  });

  it("says when the child's hearing or the assignment changed nothing: another municipality's report, or one decided", async () => {
    const { world, worker, report, row } = await setup();
    const stranger = await setup();
    expect(await recordChildHeard(worker, stranger.report.id, true, "")).toEqual({ ok: false, error: "notFound" });
    expect(await assignReport(worker, stranger.report.id, worker.id)).toEqual({ ok: false, error: "notFound" });
    expect(await recordDecision(worker, stranger.report.id, decisionInput("opened"))).toEqual({
      ok: false,
      error: "notFound",
    });
    expect(await stranger.row()).toMatchObject({ childHeard: null, assignedToId: null, decision: null });

    await recordProtectionAssessment(worker, report.id, "no_immediate_need");
    await recordChildHeard(worker, report.id, true, "");
    await recordDecision(worker, report.id, decisionInput("opened"));
    expect(await recordChildHeard(worker, report.id, false, "Barnet var sjukt.")).toEqual({
      ok: false,
      error: "alreadyDecided",
    });
    expect((await row()).childHeard).toBe(true);
    expect(await assignReport(worker, report.id, world.user.reception_worker.id)).toEqual({ ok: true });
  });

  it("rolls the decision back when its basic feedback cannot be written", async () => {
    const { worker, report, row } = await setup();
    await recordProtectionAssessment(worker, report.id, "no_immediate_need");
    await recordChildHeard(worker, report.id, true, "");
    // A real failure of the insert, for this report only: the trigger raises in the decision's transaction.
    await asOwner(async ({ db }) => {
      await db.execute(
        sql.raw(`create function refuse_decided_feedback() returns trigger language plpgsql
          as $$ begin raise exception 'basic feedback refused'; end $$`),
      );
      await db.execute(
        sql.raw(`create trigger refuse_decided_feedback before insert on basic_feedback for each row
          when (new.report_id = '${report.id}' and new.stage = 'decided') execute function refuse_decided_feedback()`),
      );
    });
    try {
      await expect(recordDecision(worker, report.id, decisionInput("opened"))).rejects.toThrow(
        /insert into "basic_feedback"/,
      );
    } finally {
      await asOwner(async ({ db }) => {
        await db.execute(sql.raw("drop trigger refuse_decided_feedback on basic_feedback"));
        await db.execute(sql.raw("drop function refuse_decided_feedback()"));
      });
    }
    expect((await row()).decision).toBeNull();
    const decidedEvent = and(eq(reportEvents.reportId, report.id), eq(reportEvents.kind, "decided"));
    expect(await getDb().select().from(reportEvents).where(decidedEvent)).toEqual([]);
    expect(await recordDecision(worker, report.id, decisionInput("opened"))).toEqual({ ok: true });
  });
});

describe.skipIf(process.env.TEST_DB !== "postgres")(
  "a decision racing a change of its preconditions (PostgreSQL)",
  () => {
    it("waits for a change that holds the report and then decides on what it committed", async () => {
      const { worker, report, row } = await setup();
      await recordProtectionAssessment(worker, report.id, "no_immediate_need");
      await recordChildHeard(worker, report.id, true, "");
      let deciding: Promise<unknown> = Promise.resolve();
      await getDb().transaction(async (tx) => {
        // Holds the row: the decision's UPDATE waits for this commit, then re-reads the row it would change.
        await tx
          .update(reports)
          .set({ protectionAssessedAt: null, protectionOutcome: null })
          .where(eq(reports.id, report.id));
        deciding = recordDecision(worker, report.id, decisionInput("opened"));
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
      expect(await deciding).toEqual({ ok: false, error: "protectionMissing" });
      expect((await row()).decision).toBeNull();
    });
  },
);
