import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, consents, guardianConsentAnswers, reports } from "#db/schema";
import { addCalendarDays, stockholmDate } from "~/domain/deadlines";
import { checkExtendedFeedback } from "~/models/feedback.server";
import * as route from "~/routes/reports.$reportId_.guardian-consent";
import { createReport, createUser, createWorld, currentUsers, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";
import { openedAnswerRow, openedConsentRow } from "../sealed";

/**
 * Issue 21, item 4: the school can ask the guardians for consent. School staff on the report record that the guardians
 * were asked and what they answered (who, what it covers, in what form); reception sees it and confirms it into the
 * consent register, or records why not. Only a confirmed consent lets extended feedback through.
 */

async function setup() {
  const world = await createWorld("Samtyckesstad");
  const { staff, principal } = await currentUsers(world, "staff", "principal");
  const report = await createReport(staff, world.unit.school.id, { childName: "Hemlig Barnsson" });
  const cookie = async (user: { id: string; municipalityId: string }) => sessionCookieFor(user);
  const call = async (user: { id: string; municipalityId: string }, form?: Record<string, string>) =>
    callRoute(form ? route.action : route.loader, {
      path: `/reports/${report.id}/guardian-consent`,
      params: { reportId: report.id },
      cookie: await cookie(user),
      ...(form ? { method: "POST" as const, form } : {}),
    });
  const today = stockholmDate(new Date());
  const answerForm = (fields: Record<string, string> = {}) => ({
    intent: "record",
    askedOn: today,
    giver: "guardians",
    givenBy: "Anna Andersson, mamma, och Ali Andersson, pappa",
    answer: "yes",
    infoKinds: "school_support",
    form: "written",
    note: "",
    submissionKey: randomUUID(),
    ...fields,
  });
  // The rows as stored, the guardians' names opened (sealed at rest, decision 021).
  const storedAnswers = () =>
    getDb()
      .select()
      .from(guardianConsentAnswers)
      .where(eq(guardianConsentAnswers.reportId, report.id))
      .orderBy(guardianConsentAnswers.createdAt, guardianConsentAnswers.id);
  const answers = async () => Promise.all((await storedAnswers()).map(openedAnswerRow));
  const storedConsents = () => getDb().select().from(consents).where(eq(consents.reportId, report.id));
  const consentRows = async () => Promise.all((await storedConsents()).map(openedConsentRow));
  const reportRow = async () => (await getDb().select().from(reports).where(eq(reports.id, report.id)))[0];
  const stored = { answers: storedAnswers, consents: storedConsents };
  return { world, staff, principal, report, call, today, answerForm, answers, consentRows, reportRow, stored };
}

type PageData = {
  view: "school" | "reception";
  answers: { id: string; answer: string; status: string; givenBy: string; infoKinds: string[] }[];
};

describe("the school records the guardians' answer", () => {
  it("once for a resent form; reception sees it; extended feedback waits until reception confirms it", async () => {
    const { world, staff, call, answerForm, answers, consentRows, reportRow, today, stored } = await setup();
    const form = answerForm({ infoKinds: "school_support" });
    expect(await call(staff, form)).toMatchObject({ status: 302 });
    expect(await call(staff, form)).toMatchObject({ status: 302 });
    const [recorded, ...more] = await answers();
    expect(more).toEqual([]);
    expect(recorded).toMatchObject({
      answer: "yes",
      giver: "guardians",
      infoKinds: ["school_support"],
      form: "written",
      askedOn: today,
      status: "pending",
      recordedById: staff.id,
      givenBy: "Anna Andersson, mamma, och Ali Andersson, pappa",
    });
    expect((await stored.answers())[0].givenBy).toMatch(/^sealed:/);
    // The school's own record is not a consent: nothing in the register, nothing lets extended feedback through.
    expect(await consentRows()).toEqual([]);
    expect((await checkExtendedFeedback(await reportRow(), staff.id, "school_support")).ok).toBe(false);

    // Reception sees it, pending, on the report's page for it.
    const worker = world.user.reception_worker;
    const page = (await call(worker)).data as PageData;
    expect(page.view).toBe("reception");
    expect(page.answers).toMatchObject([
      { id: recorded.id, status: "pending", answer: "yes", givenBy: "Anna Andersson, mamma, och Ali Andersson, pappa" },
    ]);

    // Confirmed into the register: a consent from the day asked, to the school and the one who asked.
    const until = addCalendarDays(today, 180);
    const confirm = { intent: "confirm", answerId: recorded.id, validUntil: until, submissionKey: randomUUID() };
    expect(await call(worker, confirm)).toMatchObject({ status: 302 });
    expect(await call(worker, confirm)).toMatchObject({ status: 302 });
    const [consent, ...others] = await consentRows();
    expect(others).toEqual([]);
    expect(consent).toMatchObject({
      giver: "guardians",
      givenBy: "Anna Andersson, mamma, och Ali Andersson, pappa",
      form: "written",
      infoKinds: ["school_support"],
      recipientUnitIds: [world.unit.school.id],
      recipientUserIds: [staff.id],
      recordedById: worker.id,
    });
    expect((await stored.consents())[0].givenBy).toMatch(/^sealed:/);
    expect((await answers())[0]).toMatchObject({ status: "confirmed", consentId: consent.id, handledById: worker.id });
    expect((await checkExtendedFeedback(await reportRow(), staff.id, "school_support")).ok).toBe(true);
    // Only what the guardians agreed to.
    expect((await checkExtendedFeedback(await reportRow(), staff.id, "outcome_and_support")).ok).toBe(false);
  });

  it("a 'no' is recorded too, and reception closes it with a reason and no consent", async () => {
    const { world, staff, call, answerForm, answers, consentRows } = await setup();
    expect(await call(staff, answerForm({ answer: "no", infoKinds: "" }))).toMatchObject({ status: 302 });
    const [no] = await answers();
    expect(no).toMatchObject({ answer: "no", infoKinds: [] });
    const worker = world.user.reception_worker;
    // A 'no' cannot be confirmed into the register.
    const confirm = { intent: "confirm", answerId: no.id, validUntil: "2027-01-31", submissionKey: randomUUID() };
    expect((await call(worker, confirm)).data).toMatchObject({ error: "feedback:guardianConsent.errors.notYes" });
    const decline = { intent: "decline", answerId: no.id, reason: "Vårdnadshavarna sa nej till skolan." };
    expect(await call(worker, decline)).toMatchObject({ status: 302 });
    expect((await answers())[0]).toMatchObject({ status: "not_confirmed", handledNote: decline.reason });
    expect(await consentRows()).toEqual([]);
    // The same form resent is answered as done; closed is closed for anyone else.
    expect(await call(worker, decline)).toMatchObject({ status: 302 });
    const lead = world.user.reception_lead;
    const other = { ...decline, reason: "Något annat." };
    expect((await call(lead, other)).data).toMatchObject({ error: "feedback:guardianConsent.errors.handled" });
    expect((await answers())[0]).toMatchObject({ handledNote: decline.reason, handledById: worker.id });
  });

  it("refuses a 'yes' without what it covers, and a day not yet come, keeping what was typed", async () => {
    const { staff, call, answerForm, answers, today } = await setup();
    const noScope = await call(staff, answerForm({ infoKinds: "" }));
    expect(noScope.status).toBe(200);
    expect(JSON.stringify(noScope.data)).toContain("feedback:errors.kindsRequired");
    expect(JSON.stringify(noScope.data)).toContain("Anna Andersson, mamma");
    const future = await call(staff, answerForm({ askedOn: addCalendarDays(today, 2) }));
    expect(JSON.stringify(future.data)).toContain("feedback:errors.dateInFuture");
    const personalNumber = await call(staff, answerForm({ note: "Barnet 20160412-1234 sa ja" }));
    expect(personalNumber.status).toBe(200);
    expect(await answers()).toEqual([]);
  });

  it("only those on the report record it, only reception confirms it, and nobody else sees it", async () => {
    const { world, staff, principal, call, answerForm, answers } = await setup();
    // The principal of the report's school may record it (they support the one who reported).
    expect(await call(principal, answerForm())).toMatchObject({ status: 302 });
    const [recorded] = await answers();
    // Reception may not record the school's answer; school staff may not confirm it.
    expect(await call(world.user.reception_worker, answerForm())).toMatchObject({ status: 403 });
    const confirm = { intent: "confirm", answerId: recorded.id, validUntil: "2027-01-31", submissionKey: randomUUID() };
    expect(await call(staff, confirm)).toMatchObject({ status: 403 });
    // A teacher of another school, and another municipality, do not find the report.
    const elsewhere = await createUser({
      municipalityId: world.municipality.id,
      unitId: world.unit.preschool.id,
      role: "staff",
    });
    expect(await call(elsewhere)).toMatchObject({ status: 404 });
    expect(await call(elsewhere, answerForm())).toMatchObject({ status: 404 });
    const other = await createWorld("Annanstad");
    expect(await call(other.user.reception_worker)).toMatchObject({ status: 404 });
    // Coordinators and the steering group do not read reports.
    for (const user of [world.user.coordinator, world.user.steering]) expect((await call(user)).status).toBe(403);
    expect(await answers()).toHaveLength(1);
  });

  it("handled by two workers at once (confirm and refuse, or confirm twice), comes to one outcome", async () => {
    const { world, staff, call, answerForm, answers, consentRows, today } = await setup();
    const worker = world.user.reception_worker;
    const lead = world.user.reception_lead;
    const confirm = (answerId: string) => ({
      intent: "confirm",
      answerId,
      validUntil: addCalendarDays(today, 90),
      submissionKey: randomUUID(),
    });
    await call(staff, answerForm());
    const [first] = await answers();
    const both = await Promise.all([
      call(worker, confirm(first.id)),
      call(lead, { intent: "decline", answerId: first.id, reason: "Kunde inte bekräftas." }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 302]);
    const [settled] = await answers();
    expect(await consentRows()).toHaveLength(settled.status === "confirmed" ? 1 : 0);

    await call(staff, answerForm({ infoKinds: "joint_planning" }));
    const second = (await answers())[1];
    const twice = await Promise.all([call(worker, confirm(second.id)), call(lead, confirm(second.id))]);
    expect(twice.map((r) => r.status).sort()).toEqual([200, 302]);
    const planning = (await consentRows()).filter((c) => c.infoKinds.includes("joint_planning"));
    expect(planning).toHaveLength(1);
    expect((await answers())[1]).toMatchObject({ status: "confirmed", consentId: planning[0].id });
  });

  it("is audited without the guardians' names or the note", async () => {
    const { world, staff, report, call, answerForm, answers } = await setup();
    await call(staff, answerForm({ note: "Mamma ringde tillbaka" }));
    const [recorded] = await answers();
    const worker = world.user.reception_worker;
    await call(worker);
    const confirm = { intent: "confirm", answerId: recorded.id, validUntil: "2027-06-30", submissionKey: randomUUID() };
    await call(worker, confirm);
    const trail = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordType, "report"), eq(auditEvents.recordId, report.id)));
    const kinds = trail.map((e) => (e.details as { event?: string; view?: string } | null) ?? {});
    expect(JSON.stringify(kinds)).toContain("guardian_answer_recorded");
    expect(JSON.stringify(kinds)).toContain("guardian_answer_confirmed");
    expect(JSON.stringify(kinds)).toContain("guardianConsent");
    expect(JSON.stringify(trail)).not.toMatch(/Andersson|Mamma ringde/);
  });
});
