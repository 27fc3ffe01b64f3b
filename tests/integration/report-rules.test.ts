import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, decisionReviews, reportDrafts, reports } from "#db/schema";
import * as detailRoute from "~/routes/reports.$reportId";
import { caseStep } from "../case-steps";
import * as listRoute from "~/routes/reports._index";
import * as newRoute from "~/routes/reports.new";
import * as registerRoute from "~/routes/reports.register";
import { createReport, createUser, createWorld, decideForm, sessionCookieFor } from "../factories";
import { openedDrafts, openedRows } from "../sealed";
import { callRoute } from "../routes";

type Reply = { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
type World = Awaited<ReturnType<typeof createWorld>>;

/** A complete, valid form as the browser sends it. */
function reportForm(world: World, overrides: Record<string, string> = {}) {
  return {
    unitId: world.unit.school.id,
    childName: "Alva Testsson",
    childBirthDate: "2018-03-02",
    childGroup: "2B",
    observedOn: "2026-11-20",
    observations: "Alva hade ett blåmärke på kinden och ville inte gå ut på rasten.",
    childWords: "Pappa blir arg.",
    guardian1Name: "Vårdnadshavare Ett",
    guardian1Informed: "no",
    guardian1Reason: "Det kan utsätta Alva för risk.",
    wantsFeedback: "on",
    observedBy: "me",
    reporterPhone: "0123-45 12 01",
    reporterEmail: "larare@example.test",
    ...overrides,
  };
}

async function post(cookie: string, form: Record<string, string>) {
  return callRoute(newRoute.action, { path: "/reports/new", cookie, method: "POST", form });
}

const replyOf = (r: { data: unknown }) => (r.data as { result: Reply }).result;

/** A step on the report page, sent from a fresh page (a new submission key). */
async function step(reportId: string, cookie: string, form: Record<string, string>) {
  const { handler, ...at } = caseStep(reportId, form.intent);
  return callRoute(handler, {
    ...at,
    cookie,
    method: "POST",
    form: { submissionKey: randomUUID(), ...form },
  });
}

async function view(reportId: string, cookie: string) {
  return callRoute(detailRoute.loader, { path: `/reports/${reportId}`, params: { reportId }, cookie });
}

describe("the written report", () => {
  it("submits once per draft, with a reference, and removes the draft", async () => {
    const world = await createWorld();
    const cookie = await sessionCookieFor(world.user.staff);
    const draftId = randomUUID();
    const first = await post(cookie, { ...reportForm(world), draftId, intent: "submit" });
    expect(first.status).toBe(302);
    const id = first.location?.match(/\/reports\/([0-9a-f-]{36})\/receipt$/)?.[1];
    expect(id).toBeTruthy();
    const again = await post(cookie, { ...reportForm(world), draftId, intent: "submit" });
    expect(again.location).toBe(first.location);
    const rows = await openedRows(
      getDb().select().from(reports).where(eq(reports.municipalityId, world.municipality.id)),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      reference: expect.stringMatching(/^ORO-\d{4}-0001$/),
      reporterId: world.user.staff.id,
      channel: "portal",
      wantsFeedback: true,
      childBirthDate: "2018-03-02",
      guardians: [{ name: "Vårdnadshavare Ett", informed: false, notInformedReason: "Det kan utsätta Alva för risk." }],
    });
    expect(await openedDrafts(getDb().select().from(reportDrafts).where(eq(reportDrafts.id, draftId)))).toEqual([]);
    const second = await post(cookie, { ...reportForm(world), draftId: randomUUID(), intent: "submit" });
    const secondId = second.location?.split("/")[2] ?? "";
    const [row] = await openedRows(getDb().select().from(reports).where(eq(reports.id, secondId)));
    expect(row.reference).toMatch(/-0002$/);
    const created = await getDb()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.recordType, "report"),
          eq(auditEvents.action, "create"),
          eq(auditEvents.userId, world.user.staff.id),
        ),
      );
    expect(created).toHaveLength(2);
  });

  it("refuses a bad form with errors by the fields, keeps what was typed and saves it as a draft", async () => {
    const world = await createWorld();
    const cookie = await sessionCookieFor(world.user.staff);
    const draftId = randomUUID();
    const bad = await post(cookie, {
      ...reportForm(world, {
        observations: "",
        childPersonalNumber: "19121212-1213",
        guardian1Informed: "",
        interpreterNeeded: "on",
        observedBy: "other",
        adviceCode: "ABC",
      }),
      draftId,
      intent: "submit",
    });
    const reply = replyOf(bad);
    expect(reply.error).toMatchObject({
      observations: ["reports:errors.observationsRequired"],
      childPersonalNumber: ["reports:errors.personalNumber.checksum"],
      guardian1Informed: ["reports:errors.guardianInformedRequired"],
      interpreterLanguage: ["reports:errors.interpreterLanguageRequired"],
      observerName: ["reports:errors.observerNameRequired"],
      onBehalfReason: ["reports:errors.onBehalfReasonRequired"],
      adviceCode: ["reports:errors.adviceCodeInvalid"],
    });
    expect(reply.initialValue).toMatchObject({ childName: "Alva Testsson", childWords: "Pappa blir arg." });
    const [draft] = await openedDrafts(getDb().select().from(reportDrafts).where(eq(reportDrafts.id, draftId)));
    expect(draft.fields).toMatchObject({ childName: "Alva Testsson", childPersonalNumber: "19121212-1213" });
    expect(
      await openedRows(getDb().select().from(reports).where(eq(reports.municipalityId, world.municipality.id))),
    ).toEqual([]);

    const noBirth = await post(cookie, { ...reportForm(world, { childBirthDate: "" }), draftId, intent: "submit" });
    expect(replyOf(noBirth).error).toMatchObject({ childBirthDate: ["reports:errors.birthDateRequired"] });
    const impossible = await post(cookie, {
      ...reportForm(world, { childBirthDate: "2019-02-30", observedOn: "2099-01-01" }),
      draftId,
      intent: "submit",
    });
    expect(replyOf(impossible).error).toMatchObject({
      childBirthDate: ["common:dates.invalid"],
      observedOn: ["reports:errors.dateInFuture"],
    });
    const otherUnit = await post(cookie, {
      ...reportForm(world, { unitId: world.unit.preschool.id }),
      draftId,
      intent: "submit",
    });
    expect(replyOf(otherUnit).error).toMatchObject({ unitId: ["reports:errors.unitRequired"] });
    const notPrincipal = await post(cookie, {
      ...reportForm(world, { coSignerId: world.user.reception_worker.id }),
      draftId,
      intent: "submit",
    });
    expect(replyOf(notPrincipal).error).toMatchObject({ coSignerId: ["reports:errors.coSignerInvalid"] });
  });

  it("stores a valid personal identity number normalised, with the birth date it carries", async () => {
    const world = await createWorld();
    const cookie = await sessionCookieFor(world.user.staff);
    const result = await post(cookie, {
      ...reportForm(world, { childPersonalNumber: "121212-1212", childBirthDate: "" }),
      draftId: randomUUID(),
      intent: "submit",
    });
    expect(result.status).toBe(302);
    const [row] = await openedRows(
      getDb().select().from(reports).where(eq(reports.municipalityId, world.municipality.id)),
    );
    // Ten digits with "-": the latest century that is not in the future.
    expect(row).toMatchObject({ childPersonalNumber: "20121212-1212", childBirthDate: "2012-12-12" });
  });

  it("records who observed it when a principal reports for a teacher", async () => {
    const world = await createWorld();
    const cookie = await sessionCookieFor(world.user.principal);
    const result = await post(cookie, {
      ...reportForm(world, {
        observedBy: "colleague",
        observerId: world.user.staff.id,
        onBehalfReason: "Läraren har blivit hotad av en vårdnadshavare.",
      }),
      draftId: randomUUID(),
      intent: "submit",
    });
    expect(result.status).toBe(302);
    const [row] = await openedRows(
      getDb().select().from(reports).where(eq(reports.municipalityId, world.municipality.id)),
    );
    expect(row).toMatchObject({
      reporterId: world.user.principal.id,
      observerId: world.user.staff.id,
      onBehalfReason: expect.stringContaining("hotad"),
    });
    // The teacher who observed it follows the report too.
    expect((await view(row.id, await sessionCookieFor(world.user.staff))).status).toBe(200);
  });

  it("keeps drafts private to their author", async () => {
    const world = await createWorld();
    const staff = await sessionCookieFor(world.user.staff);
    const principal = await sessionCookieFor(world.user.principal);
    const draftId = randomUUID();
    expect((await post(staff, { draftId, intent: "save", childName: "Hemligt barn" })).location).toBe(
      `/reports/new?draft=${draftId}&notice=draftSaved`,
    );
    const resumed = await callRoute(newRoute.loader, { path: `/reports/new?draft=${draftId}`, cookie: staff });
    expect((resumed.data as { defaults: Record<string, string> }).defaults.childName).toBe("Hemligt barn");
    expect(
      (await callRoute(newRoute.loader, { path: `/reports/new?draft=${draftId}`, cookie: principal })).status,
    ).toBe(404);
    expect((await post(principal, { draftId, intent: "save", childName: "Överskrivet" })).status).toBe(404);
    expect((await post(principal, { draftId, intent: "discard" })).status).toBe(404);
    const [draft] = await openedDrafts(getDb().select().from(reportDrafts).where(eq(reportDrafts.id, draftId)));
    expect(draft.fields.childName).toBe("Hemligt barn");
    const list = await callRoute(listRoute.loader, { path: "/reports", cookie: principal });
    expect(JSON.stringify(list.data)).not.toContain("Hemligt barn");
    expect((await post(staff, { draftId, intent: "discard" })).location).toBe("/reports?notice=draftDeleted");
    expect(await openedDrafts(getDb().select().from(reportDrafts).where(eq(reportDrafts.id, draftId)))).toEqual([]);
  });
});

describe("what reporters see", () => {
  it("shows staff their own reports and a principal their unit's, never another unit's", async () => {
    const world = await createWorld();
    const colleague = await createUser({
      municipalityId: world.municipality.id,
      unitId: world.unit.school.id,
      role: "staff",
    });
    const preschoolStaff = await createUser({
      municipalityId: world.municipality.id,
      unitId: world.unit.preschool.id,
      role: "staff",
    });
    const own = await createReport(world.user.staff, world.unit.school.id, { childName: "Eget barn" });
    const colleagues = await createReport(colleague, world.unit.school.id, { childName: "Kollegans barn" });
    const preschool = await createReport(preschoolStaff, world.unit.preschool.id, { childName: "Förskolebarn" });
    const names = async (cookie: string) =>
      (
        (await callRoute(listRoute.loader, { path: "/reports", cookie })).data as { reports: { childName: string }[] }
      ).reports
        .map((r) => r.childName)
        .sort();
    expect(await names(await sessionCookieFor(world.user.staff))).toEqual(["Eget barn"]);
    expect(await names(await sessionCookieFor(world.user.principal))).toEqual(["Eget barn", "Kollegans barn"]);
    expect((await view(colleagues.id, await sessionCookieFor(world.user.staff))).status).toBe(404);
    expect((await view(preschool.id, await sessionCookieFor(world.user.principal))).status).toBe(404);
    expect((await view(own.id, await sessionCookieFor(world.user.principal))).status).toBe(200);
    const denied = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "access.denied"), eq(auditEvents.userId, world.user.principal.id)));
    expect(denied.map((d) => d.recordId)).toContain(preschool.id);
  });

  it("never shows reporters the internal notes, the assessment or the timeline; the status follows the decision", async () => {
    const world = await createWorld();
    const report = await createReport(world.user.staff, world.unit.school.id);
    const reception = await sessionCookieFor(world.user.reception_worker);
    const secret = `Intern anteckning ${randomUUID()}`;
    expect((await step(report.id, reception, { intent: "note", text: secret })).status).toBe(302);
    expect((await step(report.id, reception, { intent: "assess", outcome: "immediate_measures" })).status).toBe(302);
    expect(
      (await step(report.id, reception, { intent: "childHeard", heard: "no", text: "Barnet var sjukt hela veckan." }))
        .status,
    ).toBe(302);
    for (const user of [world.user.staff, world.user.principal]) {
      const data = (await view(report.id, await sessionCookieFor(user))).data as {
        view: string;
        report: Record<string, unknown>;
      };
      expect(data.view).toBe("reporter");
      const json = JSON.stringify(data);
      expect(json).not.toContain(secret);
      expect(json).not.toContain("immediate_measures");
      expect(json).not.toContain("Barnet var sjukt");
      for (const key of ["notes", "events", "protection", "childHeard", "assignedToName", "decisionDeadline"]) {
        expect(data.report, key).not.toHaveProperty(key);
      }
      expect(data.report.status).toBe("received");
    }
    expect((await step(report.id, reception, decideForm("not_opened"))).status).toBe(302);
    const statusNow = async () =>
      ((await view(report.id, await sessionCookieFor(world.user.staff))).data as { report: { status: string } }).report
        .status;
    // The child was not heard: the "not opened" takes effect when a reception lead approves it, not before.
    expect(await statusNow()).toBe("received");
    const [proposal] = await getDb().select().from(decisionReviews).where(eq(decisionReviews.reportId, report.id));
    const lead = await sessionCookieFor(world.user.reception_lead);
    expect((await step(report.id, lead, { intent: "approve", proposalId: proposal.id, comment: "" })).status).toBe(302);
    expect(await statusNow()).toBe("not_opened");
    const caseData = (await view(report.id, reception)).data as { view: string; report: { notes: { text: string }[] } };
    expect(caseData.view).toBe("case");
    expect(caseData.report.notes.map((n) => n.text)).toEqual([secret]);
  });

  it("lets the reporter add a supplement with its own time, leaving the report unchanged", async () => {
    const world = await createWorld();
    const report = await createReport(world.user.staff, world.unit.school.id);
    const staff = await sessionCookieFor(world.user.staff);
    const [before] = await openedRows(getDb().select().from(reports).where(eq(reports.id, report.id)));
    const empty = await step(report.id, staff, { intent: "supplement", text: "  " });
    expect(empty.data).toEqual({ intent: "supplement", error: "reports:errors.supplementRequired" });
    expect((await step(report.id, staff, { intent: "supplement", text: "Barnet berättade mer i dag." })).status).toBe(
      302,
    );
    expect(
      (await step(report.id, await sessionCookieFor(world.user.reception_worker), { intent: "supplement", text: "x" }))
        .status,
    ).toBe(403);
    const data = (await view(report.id, staff)).data as {
      report: { supplements: { text: string; createdAt: string }[] };
    };
    expect(data.report.supplements).toEqual([
      expect.objectContaining({ text: "Barnet berättade mer i dag.", createdAt: expect.any(String) }),
    ]);
    const [after] = await openedRows(getDb().select().from(reports).where(eq(reports.id, report.id)));
    expect(after.observations).toBe(before.observations);
  });
});

describe("reception", () => {
  it("takes the steps in order, once each, with the timeline and the audit log recording who", async () => {
    const world = await createWorld();
    const report = await createReport(world.user.staff, world.unit.school.id);
    const reception = await sessionCookieFor(world.user.reception_worker);
    const err = async (form: Record<string, string>) =>
      (await step(report.id, reception, form)).data as { error: string } | undefined;

    expect(await err(decideForm("opened"))).toMatchObject({
      error: "reports:errors.protectionMissing",
    });
    expect((await step(report.id, reception, { intent: "assess", outcome: "no_immediate_need" })).status).toBe(302);
    expect(await err({ intent: "assess", outcome: "immediate_measures" })).toMatchObject({
      error: "reports:errors.alreadyAssessed",
    });
    expect(await err(decideForm("opened"))).toMatchObject({
      error: "reports:errors.childHeardMissing",
    });
    expect(await err({ intent: "childHeard", heard: "no", text: "" })).toMatchObject({
      error: "reports:errors.childNotHeardReasonRequired",
    });
    expect(await err({ intent: "assign", assigneeId: world.user.staff.id })).toMatchObject({
      error: "reports:errors.notSocialServices",
    });
    expect(
      (await step(report.id, reception, { intent: "assign", assigneeId: world.user.investigator.id })).status,
    ).toBe(302);
    expect(
      (await step(report.id, reception, { intent: "childHeard", heard: "yes", text: "Samtal i skolan." })).status,
    ).toBe(302);
    expect((await step(report.id, reception, { intent: "neededSupplement", needed: "yes" })).status).toBe(302);
    expect((await step(report.id, reception, decideForm("opened"))).status).toBe(302);
    expect(await err(decideForm("not_opened"))).toMatchObject({
      error: "reports:errors.alreadyDecided",
    });

    const [row] = await openedRows(getDb().select().from(reports).where(eq(reports.id, report.id)));
    expect(row).toMatchObject({
      protectionOutcome: "no_immediate_need",
      assignedToId: world.user.investigator.id,
      childHeard: true,
      neededSupplement: true,
      decision: "opened",
      decidedAt: expect.any(Date),
    });
    const data = (await view(report.id, reception)).data as {
      report: { events: { kind: string; actorName: string | null }[] };
    };
    expect(data.report.events.map((e) => e.kind)).toEqual([
      "submitted",
      "protection_assessed",
      "assigned",
      "child_heard",
      "needed_supplement",
      "decided",
    ]);
    expect(data.report.events.slice(1).every((e) => e.actorName === world.user.reception_worker.name)).toBe(true);
    const audited = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordId, report.id), eq(auditEvents.userId, world.user.reception_worker.id)));
    expect(audited.filter((a) => a.action === "update")).toHaveLength(5);
    expect(audited.some((a) => a.action === "read")).toBe(true);
    // Reporters may not take reception's steps.
    expect(
      (await step(report.id, await sessionCookieFor(world.user.staff), { intent: "note", text: "x" })).status,
    ).toBe(403);
  });

  it("lists the municipality's reports with what is due, filtered and sorted", async () => {
    const world = await createWorld();
    const other = await createWorld("Annanstad");
    const now = Date.now();
    const daysAgo = (d: number) => new Date(now - d * 86_400_000);
    const overdue = await createReport(world.user.staff, world.unit.school.id, { childName: "Försenad" }, daysAgo(5));
    const fresh = await createReport(world.user.staff, world.unit.school.id, { childName: "Ny" }, daysAgo(0));
    const preschoolStaff = await createUser({
      municipalityId: world.municipality.id,
      unitId: world.unit.preschool.id,
      role: "staff",
    });
    await createReport(preschoolStaff, world.unit.preschool.id, { childName: "Förskola" }, daysAgo(1));
    await createReport(other.user.staff, other.unit.school.id, { childName: "Grannkommun" });
    const reception = await sessionCookieFor(world.user.reception_worker);
    const list = async (query: string) =>
      (
        (await callRoute(listRoute.loader, { path: `/reports?${query}`, cookie: reception })).data as {
          reports: { childName: string; protectionState: string }[];
        }
      ).reports;

    const all = await list("");
    expect(all.map((r) => r.childName)).toEqual(["Försenad", "Förskola", "Ny"]);
    expect(all.find((r) => r.childName === "Försenad")?.protectionState).toBe("overdue");
    expect(all.find((r) => r.childName === "Ny")?.protectionState).toBe("upcoming");
    expect((await list("due=overdue")).map((r) => r.childName)).toEqual(["Försenad"]);
    expect((await list("due=today")).map((r) => r.childName)).toEqual(["Försenad", "Förskola"]);
    expect((await list("unitKind=preschool")).map((r) => r.childName)).toEqual(["Förskola"]);
    expect((await list("sort=received")).map((r) => r.childName)).toEqual(["Ny", "Förskola", "Försenad"]);
    expect((await list("channel=police")).map((r) => r.childName)).toEqual([]);

    await step(fresh.id, reception, { intent: "assign", assigneeId: world.user.reception_worker.id });
    expect((await list("assigned=me")).map((r) => r.childName)).toEqual(["Ny"]);
    expect((await list("assigned=nobody")).map((r) => r.childName)).toEqual(["Försenad", "Förskola"]);

    await step(overdue.id, reception, { intent: "assess", outcome: "no_immediate_need" });
    await step(overdue.id, reception, { intent: "childHeard", heard: "yes", text: "" });
    await step(overdue.id, reception, decideForm("already_ongoing"));
    expect((await list("")).map((r) => r.childName)).toEqual(["Förskola", "Ny"]);
    expect((await list("status=decided")).map((r) => r.childName)).toEqual(["Försenad"]);
    expect((await list("status=investigation")).map((r) => r.childName)).toEqual(["Försenad"]);
    // Investigators start with what is handed to investigation.
    const investigator = await sessionCookieFor(world.user.investigator);
    const theirs = (await callRoute(listRoute.loader, { path: "/reports", cookie: investigator })).data as {
      filter: { status: string };
      reports: { childName: string }[];
    };
    expect(theirs.filter.status).toBe("investigation");
    expect(theirs.reports.map((r) => r.childName)).toEqual(["Försenad"]);
  });

  it("registers a report from another channel with deadlines from when it arrived", async () => {
    const world = await createWorld();
    const reception = await sessionCookieFor(world.user.reception_worker);
    const form = {
      channel: "police",
      receivedOn: "2026-03-28",
      receivedTime: "23:30",
      reporterName: "Polisen",
      childName: "Registrerat barn",
      childBirthDate: "2012-01-01",
      observations: "Polisen kallades till hemmet.",
      wantsFeedback: "on",
      submissionKey: randomUUID(),
    };
    const result = await callRoute(registerRoute.action, {
      path: "/reports/register",
      cookie: reception,
      method: "POST",
      form,
    });
    expect(result.status).toBe(302);
    const [row] = await openedRows(
      getDb().select().from(reports).where(eq(reports.municipalityId, world.municipality.id)),
    );
    expect(row).toMatchObject({ channel: "police", registeredById: world.user.reception_worker.id, reporterId: null });
    expect(row.receivedAt.toISOString()).toBe("2026-03-28T22:30:00.000Z");
    // The next Stockholm day, 29 March, is the last one; summer time has begun by its end.
    expect(row.protectionDueAt.toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(row.decisionDueAt.toISOString()).toBe("2026-04-11T22:00:00.000Z");

    // Registered with the child's school: still not the school's report, so its principal does not see it.
    const withSchool = await callRoute(registerRoute.action, {
      path: "/reports/register",
      cookie: reception,
      method: "POST",
      form: {
        ...form,
        channel: "phone",
        reporterName: "En granne",
        unitId: world.unit.school.id,
        submissionKey: randomUUID(),
      },
    });
    const schoolReportId = withSchool.location?.match(/^\/reports\/([0-9a-f-]{36})/)?.[1] ?? "";
    expect((await view(schoolReportId, reception)).status).toBe(200);
    const principal = await sessionCookieFor(world.user.principal);
    expect((await view(schoolReportId, principal)).status).toBe(404);
    const principalList = await callRoute(listRoute.loader, { path: "/reports", cookie: principal });
    expect(JSON.stringify(principalList.data)).not.toContain("En granne");

    const future = await callRoute(registerRoute.action, {
      path: "/reports/register",
      cookie: reception,
      method: "POST",
      form: { ...form, receivedOn: "2099-01-01" },
    });
    expect(replyOf(future).error).toMatchObject({ receivedOn: ["reports:errors.dateInFuture"] });
    const investigator = await sessionCookieFor(world.user.investigator);
    expect(
      (await callRoute(registerRoute.action, { path: "/reports/register", cookie: investigator, method: "POST", form }))
        .status,
    ).toBe(403);
  });
});
