import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, memberships, reportDrafts, reportEvents, reports, reportSupplements } from "#db/schema";
import { addCalendarDays, stockholmDate, stockholmInstant } from "~/domain/deadlines";
import * as detailRoute from "~/routes/reports.$reportId";
import { caseStep } from "../case-steps";
import * as receiptRoute from "~/routes/reports.$reportId_.receipt";
import * as listRoute from "~/routes/reports._index";
import * as newRoute from "~/routes/reports.new";
import * as registerRoute from "~/routes/reports.register";
import { createReport, createUser, createWorld, decideForm, reportFormFields, sessionCookieFor } from "../factories";
import { openedFields, openedRow } from "../sealed";
import { callRoute } from "../routes";

// ------------------------------------------------------------------------------------------------ helpers

type World = Awaited<ReturnType<typeof createWorld>>;
type Reply = { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
type StepReply = { intent: string; error: string } | undefined;

interface CaseReport {
  id: string;
  reference: string;
  status: string;
  decidedAt: string | null;
  channel: string;
  registeredByName: string | null;
  protection: { dueAt: string; state: string; assessedAt: string | null; outcome: string | null };
  decisionDeadline: { dueAt: string; state: string };
  assignedToId: string | null;
  assignedToName: string | null;
  childHeard: boolean | null;
  childHeardNote: string | null;
  decision: string | null;
  neededSupplement: boolean;
  events: { kind: string; at: string; actorName: string | null; details: Record<string, unknown> | null }[];
  notes: { text: string; authorName: string; createdAt: string }[];
  supplements: { text: string; createdAt: string; authorName: string }[];
  content: Record<string, unknown>;
}
interface ReporterReport {
  id: string;
  reference: string;
  status: string;
  decidedAt: string | null;
  observerName: string | null;
  onBehalfReason: string | null;
  coSignerName: string | null;
  wantsFeedback: boolean;
  content: Record<string, unknown>;
  supplements: { text: string; createdAt: string; authorName: string }[];
}
type DetailData =
  | { view: "case"; report: CaseReport }
  | { view: "reporter"; report: ReporterReport; canSupplement: boolean };
interface InboxRow {
  id: string;
  childName: string;
  channel: string;
  unitKind: string | null;
  protectionState: string;
  decisionState: string;
  assignedToName: string | null;
}
interface InboxData {
  view: "reception";
  total: number;
  filter: Record<string, unknown>;
  reports: InboxRow[];
}
interface ReporterListData {
  view: "reporter";
  reports: { id: string; childName: string; status: string; mine: boolean }[];
  drafts: { id: string; childName: string }[];
}
interface NewFormData {
  draftId: string;
  savedAt: string | null;
  latestDraft: { id: string } | null;
  defaults: Record<string, string>;
}

const today = () => stockholmDate(new Date());
/** Noon (Stockholm) a number of calendar days ago: never in the future, never near a day boundary. */
const noonDaysAgo = (days: number, time = "12:00") => stockholmInstant(addCalendarDays(today(), -days), time);

/** The optional fields of the report form, which the browser sends empty when nothing is filled in. */
const EMPTY_OPTIONAL_FIELDS = {
  interpreterLanguage: "",
  otherAgencies: "",
  adviceCode: "",
  observerId: "",
  observerName: "",
  onBehalfReason: "",
  coSignerId: "",
};

/** A complete, valid report form as the browser sends it, the empty optional fields included. */
const reportForm = (world: World, overrides: Record<string, string> = {}) =>
  reportFormFields(world, { ...EMPTY_OPTIONAL_FIELDS, ...overrides });

const postNew = (cookie: string, form: Record<string, string>) =>
  callRoute(newRoute.action, { path: "/reports/new", cookie, method: "POST", form });
const submit = (cookie: string, form: Record<string, string>, draftId: string = randomUUID()) =>
  postNew(cookie, { ...form, draftId, intent: "submit" });
/** Opens the form as a browser does: a plain /reports/new is sent on to an address with a new draft id. */
const openForm = async (cookie: string, draftId?: string) => {
  if (draftId) return callRoute(newRoute.loader, { path: `/reports/new?draft=${draftId}`, cookie });
  const first = await callRoute(newRoute.loader, { path: "/reports/new", cookie });
  if (first.status !== 302) return first;
  return callRoute(newRoute.loader, { path: first.location!, cookie });
};
const view = (reportId: string, cookie: string) =>
  callRoute(detailRoute.loader, { path: `/reports/${reportId}`, params: { reportId }, cookie });
/** A step on the report page, sent from a fresh page (a new submission key). */
const act = (reportId: string, cookie: string, form: Record<string, string>) => {
  const { handler, ...at } = caseStep(reportId, form.intent);
  return callRoute(handler, {
    ...at,
    cookie,
    method: "POST",
    form: { submissionKey: randomUUID(), ...form },
  });
};
const receipt = (reportId: string, cookie: string) =>
  callRoute(receiptRoute.loader, { path: `/reports/${reportId}/receipt`, params: { reportId }, cookie });
const list = (cookie: string, query = "") =>
  callRoute(listRoute.loader, { path: `/reports${query ? `?${query}` : ""}`, cookie });
const register = (cookie: string, form: Record<string, string>) =>
  callRoute(registerRoute.action, {
    path: "/reports/register",
    cookie,
    method: "POST",
    form: { submissionKey: randomUUID(), ...form },
  });

const replyOf = (r: { data: unknown }) => (r.data as { result: Reply }).result;
const caseOf = async (reportId: string, cookie: string) => {
  const result = await view(reportId, cookie);
  expect(result.status).toBe(200);
  const data = result.data as DetailData;
  expect(data.view).toBe("case");
  return (data as Extract<DetailData, { view: "case" }>).report;
};
const reporterOf = async (reportId: string, cookie: string) => {
  const result = await view(reportId, cookie);
  expect(result.status).toBe(200);
  const data = result.data as DetailData;
  expect(data.view).toBe("reporter");
  return data as Extract<DetailData, { view: "reporter" }>;
};
const inbox = async (cookie: string, query = "") => {
  const result = await list(cookie, query);
  expect(result.status).toBe(200);
  const data = result.data as InboxData;
  expect(data.view).toBe("reception");
  return data;
};
const inboxNames = async (cookie: string, query = "") => (await inbox(cookie, query)).reports.map((r) => r.childName);
const reporterList = async (cookie: string) => {
  const result = await list(cookie);
  expect(result.status).toBe(200);
  const data = result.data as ReporterListData;
  expect(data.view).toBe("reporter");
  return data;
};

/** What a thrown error (a 500 for the browser) said, database errors by their cause. */
const thrown = (error: unknown) => `threw: ${(error as { cause?: Error }).cause?.message ?? (error as Error).message}`;
const receiptId = (location: string | null) => location?.match(/^\/reports\/([0-9a-f-]{36})\/receipt$/)?.[1] ?? "";
// Rows as stored, with the child's identity and a draft's fields opened (they are sealed: decision 021).
const rowOf = async (id: string) => openedRow((await getDb().select().from(reports).where(eq(reports.id, id)))[0]);
const reportsOf = async (municipalityId: string) =>
  Promise.all(
    (
      await getDb()
        .select()
        .from(reports)
        .where(eq(reports.municipalityId, municipalityId))
        .orderBy(asc(reports.reference))
    ).map(openedRow),
  );
const draftOf = async (id: string) => {
  const [row] = await getDb().select().from(reportDrafts).where(eq(reportDrafts.id, id));
  return row && { ...row, fields: await openedFields(row) };
};
const auditOf = (recordId: string, userId: string) =>
  getDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.recordId, recordId), eq(auditEvents.userId, userId)))
    .orderBy(asc(auditEvents.id));

// ------------------------------------------------------------------------------------------------ drafts

describe("drafts", () => {
  it("saves the raw fields with intent=save and gives them back to the author to resume", async () => {
    const world = await createWorld();
    const staff = await sessionCookieFor(world.user.staff);
    const draftId = randomUUID();
    // Anything typed is kept, valid or not: a draft is not checked.
    const fields = {
      childName: "Halvskriven Draftsson",
      childPersonalNumber: "12345",
      observations: "Började skriva",
      observedOn: "i går",
    };
    const saved = await postNew(staff, { ...fields, draftId, intent: "save" });
    expect(saved.status).toBe(302);
    expect(saved.location).toBe(`/reports/new?draft=${draftId}&notice=draftSaved`);

    const row = await draftOf(draftId);
    expect(row).toMatchObject({ authorId: world.user.staff.id, municipalityId: world.municipality.id });
    expect(row.fields).toEqual(fields);
    expect(await reportsOf(world.municipality.id)).toEqual([]);

    const resumed = await openForm(staff, draftId);
    expect(resumed.status).toBe(200);
    const data = resumed.data as NewFormData;
    expect(data.draftId).toBe(draftId);
    expect(data.defaults).toEqual(fields);
    expect(data.savedAt).toEqual(expect.any(String));

    // Saving again replaces the fields.
    await postNew(staff, { ...fields, childName: "Ändrat namn", draftId, intent: "save" });
    expect((await draftOf(draftId)).fields.childName).toBe("Ändrat namn");
    expect(((await openForm(staff, draftId)).data as NewFormData).defaults.childName).toBe("Ändrat namn");

    // A fresh form points back to the latest draft and starts with a new id and the form's defaults.
    const fresh = (await openForm(staff)).data as NewFormData;
    expect(fresh.latestDraft?.id).toBe(draftId);
    expect(fresh.draftId).not.toBe(draftId);
    expect(fresh.defaults).toMatchObject({ unitId: world.unit.school.id, wantsFeedback: "on", observedBy: "me" });

    // The author's list shows the draft; the saves and the read are in the audit log.
    expect((await reporterList(staff)).drafts).toEqual([
      expect.objectContaining({ id: draftId, childName: "Ändrat namn" }),
    ]);
    const logged = await auditOf(draftId, world.user.staff.id);
    expect(logged.map((a) => [a.action, a.recordType])).toEqual([
      ["update", "report_draft"],
      ["read", "report_draft"],
      ["update", "report_draft"],
      ["read", "report_draft"],
    ]);
  });

  it("keeps a draft from everyone else, even the principal of the same unit", async () => {
    const world = await createWorld();
    const other = await createWorld("Annanstad");
    const staff = await sessionCookieFor(world.user.staff);
    const draftId = randomUUID();
    await postNew(staff, { ...reportForm(world, { childName: "Hemligt barn" }), draftId, intent: "save" });
    const before = await draftOf(draftId);

    const intruders = [
      world.user.principal,
      await createUser({ municipalityId: world.municipality.id, unitId: world.unit.school.id, role: "staff" }),
      other.user.principal,
    ];
    for (const intruder of intruders) {
      const cookie = await sessionCookieFor(intruder);
      expect((await openForm(cookie, draftId)).status).toBe(404);
      expect((await postNew(cookie, { draftId, intent: "save", childName: "Överskrivet" })).status).toBe(404);
      expect((await postNew(cookie, { draftId, intent: "autosave", childName: "Överskrivet" })).status).toBe(404);
      expect((await postNew(cookie, { draftId, intent: "discard" })).status).toBe(404);
      // A submit with errors saves the draft: not someone else's.
      expect((await submit(cookie, { childName: "Överskrivet" }, draftId)).status).toBe(404);
      const fresh = (await openForm(cookie)).data as NewFormData;
      expect(fresh.latestDraft).toBeNull();
      expect(JSON.stringify((await list(cookie)).data)).not.toContain("Hemligt barn");
    }
    const after = await draftOf(draftId);
    expect(after.fields).toEqual(before.fields);
    expect(after.authorId).toBe(world.user.staff.id);
    // Reception does not write reports at all.
    expect((await openForm(await sessionCookieFor(world.user.reception_worker), draftId)).status).toBe(403);
  });

  it("refuses a submit to someone else's draft id and leaves that draft for its author to send", async () => {
    const world = await createWorld();
    const staff = await sessionCookieFor(world.user.staff);
    const principal = await sessionCookieFor(world.user.principal);
    const draftId = randomUUID();
    await postNew(staff, { ...reportForm(world, { childName: "Lärarens barn" }), draftId, intent: "save" });

    // A complete, valid form from the principal, but with the teacher's draft id.
    const hijack = await submit(principal, reportForm(world, { childName: "Rektorns barn" }), draftId);
    expect(hijack.status).toBe(404);
    expect(await reportsOf(world.municipality.id)).toEqual([]);

    const own = await submit(staff, reportForm(world, { childName: "Lärarens barn" }), draftId);
    expect(own.status).toBe(302);
    const [row] = await reportsOf(world.municipality.id);
    expect(row).toMatchObject({ childName: "Lärarens barn", reporterId: world.user.staff.id, sourceDraftId: draftId });
    expect(await draftOf(draftId)).toBeUndefined();
  });

  it("refuses a draft id already used in another municipality with a 404, not a server error", async () => {
    const world = await createWorld();
    const other = await createWorld("Annanstad");
    const draftId = randomUUID();
    expect((await submit(await sessionCookieFor(world.user.staff), reportForm(world), draftId)).status).toBe(302);
    const elsewhere = await submit(await sessionCookieFor(other.user.staff), reportForm(other), draftId).catch(
      (error) => ({ status: thrown(error) }),
    );
    expect(elsewhere.status).toBe(404);
    expect(await reportsOf(other.municipality.id)).toEqual([]);
  });

  it("keeps one draft id for the life of the page: the address carries it, and running the loader again keeps it", async () => {
    const world = await createWorld();
    const staff = await sessionCookieFor(world.user.staff);
    const first = await callRoute(newRoute.loader, { path: "/reports/new", cookie: staff });
    expect(first.status).toBe(302);
    const draftId = new URL(first.location!, "http://localhost").searchParams.get("draft")!;
    expect(first.location).toBe(`/reports/new?draft=${draftId}`);
    expect(draftId).toMatch(/^[0-9a-f-]{36}$/);

    const fresh = (await openForm(staff, draftId)).data as NewFormData;
    expect(fresh).toMatchObject({ draftId, savedAt: null, latestDraft: null });
    // Revalidation before anything is saved gives the same id, not a new draft.
    expect(((await openForm(staff, draftId)).data as NewFormData).draftId).toBe(draftId);

    // The autosave a pause in typing sends; the page read again holds the same draft, and no banner points at itself.
    const typed = { childName: "Pausad Skrivsson", observations: "Skrev lite, tänkte, skrev mer." };
    const autosaved = await postNew(staff, { ...typed, draftId, intent: "autosave" });
    expect(autosaved.data).toEqual({ autosaved: expect.any(String) });
    const again = (await openForm(staff, draftId)).data as NewFormData;
    expect(again).toMatchObject({ draftId, defaults: typed, latestDraft: null, savedAt: expect.any(String) });
    expect(
      await getDb().select().from(reportDrafts).where(eq(reportDrafts.authorId, world.user.staff.id)),
    ).toHaveLength(1);

    // A new form elsewhere points back to it.
    expect(((await openForm(staff)).data as NewFormData).latestDraft?.id).toBe(draftId);
  });

  it("does not revalidate the form after an autosave, but does after a save or a submit", () => {
    const args = (intent: string) => {
      const formData = new FormData();
      formData.set("intent", intent);
      return { formData, defaultShouldRevalidate: true } as unknown as Parameters<
        NonNullable<typeof newRoute.shouldRevalidate>
      >[0];
    };
    expect(newRoute.shouldRevalidate(args("autosave"))).toBe(false);
    expect(newRoute.shouldRevalidate(args("submit"))).toBe(true);
    expect(newRoute.shouldRevalidate(args("save"))).toBe(true);
  });

  it("never brings a sent report's draft back: a late autosave, a save or going back to the form finds the receipt", async () => {
    const world = await createWorld();
    const staff = await sessionCookieFor(world.user.staff);
    const draftId = randomUUID();
    const sent = await submit(staff, reportForm(world), draftId);
    expect(sent.status).toBe(302);
    const [report] = await reportsOf(world.municipality.id);
    expect(sent.location).toBe(`/reports/${report.id}/receipt`);

    // An autosave from a slow request or a second tab arrives after the submit.
    const late = await postNew(staff, {
      ...reportForm(world, { childName: "Sent ändrat" }),
      draftId,
      intent: "autosave",
    });
    expect(late.data).toEqual({ sent: { id: report.id, reference: report.reference } });
    expect(await draftOf(draftId)).toBeUndefined();
    const saved = await postNew(staff, { ...reportForm(world), draftId, intent: "save" });
    expect(saved).toMatchObject({ status: 302, location: `/reports/${report.id}/receipt` });
    expect(await draftOf(draftId)).toBeUndefined();
    // The back button after the submit.
    expect(await openForm(staff, draftId)).toMatchObject({ status: 302, location: `/reports/${report.id}/receipt` });
    expect((await reporterList(staff)).drafts).toEqual([]);
    expect(await reportsOf(world.municipality.id)).toHaveLength(1);
  });

  it("keeps everything typed when a submit has errors: in the reply and in the saved draft", async () => {
    const world = await createWorld();
    const staff = await sessionCookieFor(world.user.staff);
    const draftId = randomUUID();
    const typed = reportForm(world, {
      childName: "",
      childGroup: "Fritids",
      otherAgencies: "BUP",
      adviceCode: "R-7K3Q",
    });
    const result = await submit(staff, typed, draftId);
    expect(result.status).toBe(200);
    const reply = replyOf(result);
    expect(reply.error).toEqual({ childName: ["reports:errors.childNameRequired"] });
    const nonEmpty = Object.fromEntries(Object.entries(typed).filter(([, v]) => v !== ""));
    expect(reply.initialValue).toMatchObject(nonEmpty);

    const draft = await draftOf(draftId);
    expect(draft.authorId).toBe(world.user.staff.id);
    expect(draft.fields).toEqual(typed);
    expect(((await openForm(staff, draftId)).data as NewFormData).defaults).toEqual(typed);
    expect(await reportsOf(world.municipality.id)).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------------ validation

describe("validation of the report form", () => {
  it("answers each broken rule with its own error by the field, creates nothing and keeps the draft", async () => {
    const world = await createWorld();
    const other = await createWorld("Annanstad");
    const staff = await sessionCookieFor(world.user.staff);
    const colleague = await createUser({
      municipalityId: world.municipality.id,
      unitId: world.unit.school.id,
      role: "staff",
      name: "Kollega Karlsson",
    });
    const preschoolPrincipal = await createUser({
      municipalityId: world.municipality.id,
      unitId: world.unit.preschool.id,
      role: "principal",
    });
    const e = (key: string) => [`reports:errors.${key}`];
    const cases: [string, Record<string, string>, Record<string, string[]>][] = [
      ["no child name", { childName: "  " }, { childName: e("childNameRequired") }],
      ["no observations", { observations: "" }, { observations: e("observationsRequired") }],
      ["no observation date", { observedOn: "" }, { observedOn: e("observedOnRequired") }],
      [
        "an observation date in the future",
        { observedOn: addCalendarDays(today(), 1) },
        { observedOn: e("dateInFuture") },
      ],
      [
        "a bad check digit",
        { childPersonalNumber: "20121212-1213" },
        { childPersonalNumber: e("personalNumber.checksum") },
      ],
      [
        "an impossible date in the number",
        { childPersonalNumber: "20230230-1235" },
        { childPersonalNumber: e("personalNumber.date") },
      ],
      ["not a number at all", { childPersonalNumber: "tolv" }, { childPersonalNumber: e("personalNumber.format") }],
      [
        "no number and no birth date",
        { childPersonalNumber: "", childBirthDate: "" },
        { childBirthDate: e("birthDateRequired") },
      ],
      ["an impossible birth date", { childBirthDate: "2019-02-30" }, { childBirthDate: ["common:dates.invalid"] }],
      [
        "a guardian named without whether they know",
        { guardian1Informed: "" },
        { guardian1Informed: e("guardianInformedRequired") },
      ],
      [
        "a guardian not informed without a reason",
        { guardian2Name: "Vårdnadshavare Två", guardian2Informed: "no" },
        { guardian2Reason: e("guardianReasonRequired") },
      ],
      [
        "an interpreter without a language",
        { interpreterNeeded: "on", interpreterLanguage: "" },
        { interpreterLanguage: e("interpreterLanguageRequired") },
      ],
      [
        "another observer without a reason",
        { observedBy: "other", observerName: "Fritidsledare Fia" },
        { onBehalfReason: e("onBehalfReasonRequired") },
      ],
      [
        "a colleague observer without a reason",
        { observedBy: "colleague", observerId: colleague.id },
        { onBehalfReason: e("onBehalfReasonRequired") },
      ],
      [
        "an observer who is no colleague",
        { observedBy: "colleague", observerId: world.user.reception_worker.id, onBehalfReason: "Hotad." },
        { observerId: e("observerRequired") },
      ],
      ["a co-signer who is staff, not a principal", { coSignerId: colleague.id }, { coSignerId: e("coSignerInvalid") }],
      [
        "a co-signer who is principal of another unit",
        { coSignerId: preschoolPrincipal.id },
        { coSignerId: e("coSignerInvalid") },
      ],
      [
        "a co-signer in social services",
        { coSignerId: world.user.reception_worker.id },
        { coSignerId: e("coSignerInvalid") },
      ],
      ["a unit the reporter does not work in", { unitId: world.unit.preschool.id }, { unitId: e("unitRequired") }],
      ["another municipality's school", { unitId: other.unit.school.id }, { unitId: e("unitRequired") }],
      ["no unit", { unitId: "" }, { unitId: e("unitRequired") }],
    ];
    for (const [label, overrides, errors] of cases) {
      const draftId = randomUUID();
      const result = await submit(staff, reportForm(world, overrides), draftId);
      expect(result.status, label).toBe(200);
      expect(replyOf(result).error, label).toEqual(errors);
      expect((await draftOf(draftId))?.fields, label).toMatchObject(overrides);
    }
    expect(await reportsOf(world.municipality.id)).toEqual([]);
  });

  it("reports every error of the form at once", async () => {
    const world = await createWorld();
    const staff = await sessionCookieFor(world.user.staff);
    const result = await submit(
      staff,
      reportForm(world, {
        childName: "",
        observations: "",
        observedOn: "",
        childBirthDate: "",
        interpreterNeeded: "on",
        guardian1Informed: "",
      }),
    );
    expect(Object.keys(replyOf(result).error ?? {}).sort()).toEqual(
      ["childBirthDate", "childName", "guardian1Informed", "interpreterLanguage", "observations", "observedOn"].sort(),
    );
  });

  it("stores a personal identity number normalised as YYYYMMDD-NNNN, with the birth date it carries", async () => {
    const world = await createWorld();
    const staff = await sessionCookieFor(world.user.staff);
    const ten = await submit(
      staff,
      reportForm(world, { childName: "Tio siffror", childPersonalNumber: "121212-1212", childBirthDate: "" }),
    );
    expect(ten.status).toBe(302);
    expect(await rowOf(receiptId(ten.location))).toMatchObject({
      childPersonalNumber: "20121212-1212",
      childBirthDate: "2012-12-12",
    });
    // A birth date typed as well gives way to the one in the number.
    const both = await submit(
      staff,
      reportForm(world, { childPersonalNumber: "201212121212", childBirthDate: "2017-01-01" }),
    );
    expect(both.status).toBe(302);
    expect(await rowOf(receiptId(both.location))).toMatchObject({
      childPersonalNumber: "20121212-1212",
      childBirthDate: "2012-12-12",
    });
  });

  it("accepts a valid coordination number (day + 60), normalised, with the real birth date derived", async () => {
    const world = await createWorld();
    const staff = await sessionCookieFor(world.user.staff);
    const result = await submit(staff, reportForm(world, { childPersonalNumber: "121272-1235", childBirthDate: "" }));
    expect(result.status).toBe(302);
    expect(await rowOf(receiptId(result.location))).toMatchObject({
      childPersonalNumber: "20121272-1235",
      childBirthDate: "2012-12-12",
    });
    const wrong = await submit(staff, reportForm(world, { childPersonalNumber: "121272-1236", childBirthDate: "" }));
    expect(replyOf(wrong).error).toEqual({ childPersonalNumber: ["reports:errors.personalNumber.checksum"] });
  });
});

// ------------------------------------------------------------------------------------------------ submitting

describe("submitting a report", () => {
  it("redirects to the receipt with a reference ORO-YYYY-NNNN, removes the draft and creates one report per draft", async () => {
    const world = await createWorld();
    const other = await createWorld("Annanstad");
    const staff = await sessionCookieFor(world.user.staff);
    const draftId = randomUUID();
    await postNew(staff, { ...reportForm(world), draftId, intent: "save" });
    expect(await draftOf(draftId)).toBeDefined();

    const first = await submit(staff, reportForm(world), draftId);
    expect(first.status).toBe(302);
    const id = receiptId(first.location);
    expect(id).not.toBe("");
    expect(await draftOf(draftId)).toBeUndefined();
    const year = today().slice(0, 4);
    const shown = await receipt(id, staff);
    expect(shown.status).toBe(200);
    expect(shown.data).toMatchObject({ id, reference: `ORO-${year}-0001`, wantsFeedback: true, acute: false });
    // The receipt shows no content.
    expect(JSON.stringify(shown.data)).not.toContain("Saga");

    // The same draft sent again (a double click, a resent form) leads to the same report.
    const again = await submit(staff, reportForm(world, { childName: "Ändrat efteråt" }), draftId);
    expect(again.status).toBe(302);
    expect(again.location).toBe(first.location);
    const rows = await reportsOf(world.municipality.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      childName: "Saga Testsson",
      channel: "portal",
      reporterId: world.user.staff.id,
      reporterName: world.user.staff.name,
    });
    const created = await getDb()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "create"),
          eq(auditEvents.recordType, "report"),
          eq(auditEvents.userId, world.user.staff.id),
        ),
      );
    expect(created.map((a) => a.recordId)).toEqual([id]);

    // The numbers count per municipality.
    const second = await submit(staff, reportForm(world));
    expect((await rowOf(receiptId(second.location))).reference).toBe(`ORO-${year}-0002`);
    const elsewhere = await submit(await sessionCookieFor(other.user.staff), reportForm(other));
    expect((await rowOf(receiptId(elsewhere.location))).reference).toBe(`ORO-${year}-0001`);
  });

  it("stores what the form says: child, guardians, interpreter, acute, the advice code", async () => {
    const world = await createWorld();
    const staff = await sessionCookieFor(world.user.staff);
    const result = await submit(
      staff,
      reportForm(world, {
        guardian1Informed: "yes",
        guardian1Reason: "",
        guardian2Name: "Vårdnadshavare Två",
        guardian2Informed: "no",
        guardian2Reason: "Bor inte med barnet.",
        interpreterNeeded: "on",
        interpreterLanguage: "arabiska",
        acute: "on",
        adviceCode: "r-7k3q",
      }),
    );
    expect(result.status).toBe(302);
    const row = await rowOf(receiptId(result.location));
    expect(row).toMatchObject({
      unitId: world.unit.school.id,
      childName: "Saga Testsson",
      childBirthDate: "2017-04-09",
      childPersonalNumber: null,
      observedOn: addCalendarDays(today(), -2),
      guardians: [
        { name: "Vårdnadshavare Ett", informed: true, notInformedReason: "" },
        { name: "Vårdnadshavare Två", informed: false, notInformedReason: "Bor inte med barnet." },
      ],
      interpreterNeeded: true,
      interpreterLanguage: "arabiska",
      acute: true,
      adviceCode: "R-7K3Q",
      reporterPhone: "0123-45 12 01",
      observerId: null,
      observerName: null,
      onBehalfReason: null,
    });
  });

  it("asks for feedback by default and stores the reporter's choice", async () => {
    const world = await createWorld();
    const staff = await sessionCookieFor(world.user.staff);
    expect(((await openForm(staff)).data as NewFormData).defaults.wantsFeedback).toBe("on");
    const yes = await submit(staff, reportForm(world));
    expect((await rowOf(receiptId(yes.location))).wantsFeedback).toBe(true);
    const { wantsFeedback: _unchecked, ...withoutFeedback } = reportForm(world);
    const no = await submit(staff, withoutFeedback);
    expect(no.status).toBe(302);
    const noId = receiptId(no.location);
    expect((await rowOf(noId)).wantsFeedback).toBe(false);
    expect((await receipt(noId, staff)).data).toMatchObject({ wantsFeedback: false });
    expect((await reporterOf(noId, staff)).report.wantsFeedback).toBe(false);
  });

  it("records who had the concern when a principal reports for a teacher, and the teacher can follow it", async () => {
    const world = await createWorld();
    const principal = await sessionCookieFor(world.user.principal);
    const reason = "Läraren har blivit hotad av en vårdnadshavare.";
    const result = await submit(
      principal,
      reportForm(world, { observedBy: "colleague", observerId: world.user.staff.id, onBehalfReason: reason }),
    );
    expect(result.status).toBe(302);
    const id = receiptId(result.location);
    expect(await rowOf(id)).toMatchObject({
      reporterId: world.user.principal.id,
      observerId: world.user.staff.id,
      observerName: null,
      onBehalfReason: reason,
    });
    const teacher = await sessionCookieFor(world.user.staff);
    const seen = await reporterOf(id, teacher);
    expect(seen.report).toMatchObject({ observerName: world.user.staff.name, onBehalfReason: reason });
    expect((await reporterList(teacher)).reports).toEqual([expect.objectContaining({ id, mine: false })]);

    // Someone outside the portal: a name, no user.
    const outside = await submit(
      principal,
      reportForm(world, { observedBy: "other", observerName: "Fritidsledare Fia", onBehalfReason: reason }),
    );
    expect(await rowOf(receiptId(outside.location))).toMatchObject({
      observerId: null,
      observerName: "Fritidsledare Fia",
      onBehalfReason: reason,
    });
    // Observed by me: whatever else was typed in the observer fields is dropped.
    const me = await submit(
      principal,
      reportForm(world, { observedBy: "me", observerName: "Glömt kvar", onBehalfReason: "Glömt kvar" }),
    );
    expect(await rowOf(receiptId(me.location))).toMatchObject({
      observerId: null,
      observerName: null,
      onBehalfReason: null,
    });
  });

  it("stores a principal of the unit as co-signer", async () => {
    const world = await createWorld();
    const staff = await sessionCookieFor(world.user.staff);
    const result = await submit(staff, reportForm(world, { coSignerId: world.user.principal.id }));
    expect(result.status).toBe(302);
    const id = receiptId(result.location);
    expect((await rowOf(id)).coSignerId).toBe(world.user.principal.id);
    expect((await reporterOf(id, staff)).report.coSignerName).toBe(world.user.principal.name);
  });

  it("numbers by the Stockholm year of receipt", async () => {
    const world = await createWorld();
    // 2025-12-31 22:30 UTC is 23:30 in Stockholm; 23:30 UTC is already 00:30 on New Year's Day.
    const late = await createReport(world.user.staff, world.unit.school.id, {}, new Date("2025-12-31T22:30:00Z"));
    const newYear = await createReport(world.user.staff, world.unit.school.id, {}, new Date("2025-12-31T23:30:00Z"));
    expect(late.reference).toBe("ORO-2025-0001");
    expect(newYear.reference).toBe("ORO-2026-0001");
  });

  it("leaves no draft behind when autosaves race the submit (a slow autosave in flight as the user sends)", async () => {
    const world = await createWorld();
    const staff = await sessionCookieFor(world.user.staff);
    for (let round = 0; round < 5; round++) {
      const draftId = randomUUID();
      const autosave = () =>
        postNew(staff, { ...reportForm(world, { childName: `Kapplöpning ${round}` }), draftId, intent: "autosave" });
      const [sent] = await Promise.all([submit(staff, reportForm(world), draftId), autosave(), autosave(), autosave()]);
      expect(sent.status).toBe(302);
      expect(await draftOf(draftId)).toBeUndefined();
      // Whatever arrives later is a no-op too.
      await autosave();
      expect(await draftOf(draftId)).toBeUndefined();
    }
    expect(await reportsOf(world.municipality.id)).toHaveLength(5);
  });

  it("gives reports sent at the same time distinct, consecutive references", async () => {
    const world = await createWorld();
    const made = await Promise.all(
      Array.from({ length: 6 }, () => createReport(world.user.staff, world.unit.school.id)),
    );
    const year = today().slice(0, 4);
    expect(made.map((r) => r.reference).sort()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `ORO-${year}-000${n}`));
  });

  it("creates one report when the same draft is sent several times at once", async () => {
    const world = await createWorld();
    const staff = await sessionCookieFor(world.user.staff);
    const draftId = randomUUID();
    // A double click or a resent form: the requests overlap (on PostgreSQL; PGlite runs transactions one at a time).
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => submit(staff, reportForm(world), draftId)),
    );
    expect(results.map((r) => (r.status === "fulfilled" ? r.value.status : thrown(r.reason)))).toEqual([
      302, 302, 302, 302,
    ]);
    const locations = results.map(
      (r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof submit>>>).value.location,
    );
    expect(new Set(locations).size).toBe(1);
    expect(await reportsOf(world.municipality.id)).toHaveLength(1);
  });
});

// ------------------------------------------------------------------------------------------------ visibility

describe("who sees which report", () => {
  it("shows staff only the reports they signed, observed or co-signed", async () => {
    const world = await createWorld();
    const colleague = await createUser({
      municipalityId: world.municipality.id,
      unitId: world.unit.school.id,
      role: "staff",
    });
    const signed = await createReport(world.user.staff, world.unit.school.id, { childName: "Signerad" });
    const observed = await createReport(world.user.principal, world.unit.school.id, {
      childName: "Observerad",
      observerId: world.user.staff.id,
      onBehalfReason: "Hotad.",
    });
    const coSigned = await createReport(colleague, world.unit.school.id, {
      childName: "Medundertecknad",
      coSignerId: world.user.staff.id,
    });
    const notMine = await createReport(colleague, world.unit.school.id, { childName: "Kollegans" });

    const staff = await sessionCookieFor(world.user.staff);
    const mine = (await reporterList(staff)).reports;
    expect(mine.map((r) => r.childName).sort()).toEqual(["Medundertecknad", "Observerad", "Signerad"]);
    expect(mine.find((r) => r.id === signed.id)?.mine).toBe(true);
    expect(mine.every((r) => r.status === "received")).toBe(true);
    for (const r of [signed, observed, coSigned]) {
      expect((await view(r.id, staff)).status).toBe(200);
      expect((await receipt(r.id, staff)).status).toBe(200);
    }
    expect((await view(notMine.id, staff)).status).toBe(404);
    expect((await receipt(notMine.id, staff)).status).toBe(404);
    expect((await act(notMine.id, staff, { intent: "supplement", text: "Hej" })).status).toBe(404);
    const denied = await auditOf(notMine.id, world.user.staff.id);
    expect(denied.map((a) => a.action)).toEqual(["access.denied", "access.denied", "access.denied"]);
  });

  it("shows a principal their unit's reports, also a teacher's, but no other unit's", async () => {
    const world = await createWorld();
    const preschoolStaff = await createUser({
      municipalityId: world.municipality.id,
      unitId: world.unit.preschool.id,
      role: "staff",
    });
    const teachers = await createReport(world.user.staff, world.unit.school.id, { childName: "Lärarens" });
    const preschool = await createReport(preschoolStaff, world.unit.preschool.id, { childName: "Förskolans" });
    const principal = await sessionCookieFor(world.user.principal);
    expect((await reporterList(principal)).reports.map((r) => [r.childName, r.mine])).toEqual([["Lärarens", false]]);
    const seen = await reporterOf(teachers.id, principal);
    expect(seen.canSupplement).toBe(true);
    expect((await receipt(teachers.id, principal)).status).toBe(200);
    expect((await view(preschool.id, principal)).status).toBe(404);
    expect((await receipt(preschool.id, principal)).status).toBe(404);
  });

  it("keeps showing a co-signed report to a principal who has moved to another unit", async () => {
    const world = await createWorld();
    const staff = await sessionCookieFor(world.user.staff);
    const result = await submit(staff, reportForm(world, { coSignerId: world.user.principal.id }));
    const id = receiptId(result.location);
    await getDb()
      .update(memberships)
      .set({ unitId: world.unit.preschool.id })
      .where(eq(memberships.userId, world.user.principal.id));
    const principal = await sessionCookieFor(world.user.principal);
    expect((await view(id, principal)).status).toBe(200);
    expect((await reporterList(principal)).reports.map((r) => r.id)).toEqual([id]);
  });

  it("answers another municipality's report with 404 for everyone, and leaves it out of every list", async () => {
    const world = await createWorld();
    const other = await createWorld("Annanstad");
    const theirs = await createReport(other.user.staff, other.unit.school.id, { childName: "Grannkommunens barn" });
    for (const role of ["staff", "principal", "reception_worker", "investigator"] as const) {
      const cookie = await sessionCookieFor(world.user[role]);
      expect((await view(theirs.id, cookie)).status, role).toBe(404);
      expect((await receipt(theirs.id, cookie)).status, role).toBe(404);
      expect(JSON.stringify((await list(cookie, "status=all")).data), role).not.toContain("Grannkommunens barn");
    }
    const reception = await sessionCookieFor(world.user.reception_worker);
    expect((await act(theirs.id, reception, { intent: "assess", outcome: "no_immediate_need" })).status).toBe(404);
    expect((await act(theirs.id, reception, { intent: "note", text: "Fel kommun" })).status).toBe(404);
    expect((await rowOf(theirs.id)).protectionAssessedAt).toBeNull();
    // An id that does not exist looks the same.
    expect((await view(randomUUID(), reception)).status).toBe(404);
    expect((await view("inte-ett-id", reception)).status).toBe(404);
  });

  it("refuses coordinators, the steering group and administrators with 403", async () => {
    const world = await createWorld();
    const report = await createReport(world.user.staff, world.unit.school.id);
    for (const role of ["coordinator", "steering", "admin"] as const) {
      const cookie = await sessionCookieFor(world.user[role]);
      expect((await list(cookie)).status, role).toBe(403);
      expect((await view(report.id, cookie)).status, role).toBe(403);
      expect((await receipt(report.id, cookie)).status, role).toBe(403);
      expect((await act(report.id, cookie, { intent: "supplement", text: "x" })).status, role).toBe(403);
      expect((await act(report.id, cookie, { intent: "note", text: "x" })).status, role).toBe(403);
      expect((await openForm(cookie)).status, role).toBe(403);
      expect((await submit(cookie, reportForm(world))).status, role).toBe(403);
      expect((await callRoute(registerRoute.loader, { path: "/reports/register", cookie })).status, role).toBe(403);
    }
    expect(await reportsOf(world.municipality.id)).toHaveLength(1);
  });

  it("never shows the reporter notes, the protection outcome, the assignment, the child-heard note or the timeline", async () => {
    const world = await createWorld();
    const caseWorker = await createUser({
      municipalityId: world.municipality.id,
      unitId: world.unit.reception.id,
      role: "reception_worker",
      name: `Handläggare ${randomUUID().slice(0, 8)}`,
    });
    const report = await createReport(world.user.staff, world.unit.school.id);
    const reception = await sessionCookieFor(world.user.reception_worker);
    const note = `Intern anteckning ${randomUUID()}`;
    const heardNote = `Barnet var bortrest ${randomUUID()}`;
    expect((await act(report.id, reception, { intent: "note", text: note })).status).toBe(302);
    expect((await act(report.id, reception, { intent: "assess", outcome: "immediate_measures" })).status).toBe(302);
    expect((await act(report.id, reception, { intent: "assign", assigneeId: caseWorker.id })).status).toBe(302);
    expect((await act(report.id, reception, { intent: "childHeard", heard: "no", text: heardNote })).status).toBe(302);
    expect((await act(report.id, reception, { intent: "neededSupplement", needed: "yes" })).status).toBe(302);

    const hidden = [
      "notes",
      "events",
      "protection",
      "protectionOutcome",
      "decisionDeadline",
      "assignedToId",
      "assignedToName",
      "childHeard",
      "childHeardNote",
      "neededSupplement",
      "workers",
      "decision",
    ];
    const check = async (cookie: string) => {
      const data = await reporterOf(report.id, cookie);
      const json = JSON.stringify(data);
      expect(json).not.toContain(note);
      expect(json).not.toContain(heardNote);
      expect(json).not.toContain(caseWorker.name);
      expect(json).not.toContain(caseWorker.id);
      expect(json).not.toContain("immediate_measures");
      expect(json).not.toContain("protection_assessed");
      for (const key of hidden) expect(data.report, key).not.toHaveProperty(key);
      const listed = JSON.stringify((await list(cookie)).data);
      expect(listed).not.toContain(note);
      expect(listed).not.toContain(caseWorker.name);
      return data.report;
    };
    const staff = await sessionCookieFor(world.user.staff);
    const principal = await sessionCookieFor(world.user.principal);
    for (const cookie of [staff, principal]) {
      const seen = await check(cookie);
      expect(seen.status).toBe("received");
      expect(seen.decidedAt).toBeNull();
    }
    expect((await reporterList(staff)).reports[0].status).toBe("received");

    expect((await act(report.id, reception, decideForm("opened"))).status).toBe(302);
    for (const cookie of [staff, principal]) {
      const seen = await check(cookie);
      expect(seen.status).toBe("opened");
      expect(seen.decidedAt).toEqual(expect.any(String));
    }
    expect((await reporterList(staff)).reports[0].status).toBe("opened");
    // Reception sees it all.
    const full = await caseOf(report.id, reception);
    expect(full.notes.map((n) => n.text)).toEqual([note]);
    expect(full).toMatchObject({
      childHeardNote: heardNote,
      assignedToName: caseWorker.name,
      protection: { outcome: "immediate_measures" },
    });
  });
});

// ------------------------------------------------------------------------------------------------ supplements

describe("supplements", () => {
  it("lets the reporter add one with its own time, leaving the report unchanged", async () => {
    const world = await createWorld();
    const report = await createReport(world.user.staff, world.unit.school.id, {}, noonDaysAgo(3));
    const staff = await sessionCookieFor(world.user.staff);
    const before = await rowOf(report.id);

    const empty = await act(report.id, staff, { intent: "supplement", text: "   " });
    expect(empty.status).toBe(200);
    expect(empty.data).toEqual({ intent: "supplement", error: "reports:errors.supplementRequired" });

    const startedAt = Date.now();
    const added = await act(report.id, staff, { intent: "supplement", text: "  Barnet berättade mer i dag.  " });
    expect(added.status).toBe(302);
    expect(added.location).toBe(`/reports/${report.id}?notice=supplementAdded`);

    const seen = await reporterOf(report.id, staff);
    expect(seen.report.supplements).toEqual([
      {
        id: expect.any(String),
        text: "Barnet berättade mer i dag.",
        createdAt: expect.any(String),
        authorName: world.user.staff.name,
      },
    ]);
    // Its own time: now, not the report's.
    const createdAt = new Date(seen.report.supplements[0].createdAt).getTime();
    expect(Math.abs(createdAt - startedAt)).toBeLessThan(60_000);
    expect(seen.report.content).toMatchObject({ observations: before.observations, childWords: before.childWords });

    const after = await rowOf(report.id);
    expect(after).toEqual(before);

    const reception = await sessionCookieFor(world.user.reception_worker);
    const full = await caseOf(report.id, reception);
    expect(full.supplements.map((s) => s.text)).toEqual(["Barnet berättade mer i dag."]);
    expect(full.events.map((e) => [e.kind, e.actorName])).toEqual([
      ["submitted", world.user.staff.name],
      ["supplement_added", world.user.staff.name],
    ]);
    const logged = await auditOf(report.id, world.user.staff.id);
    expect(logged.filter((a) => a.action === "update")).toEqual([
      expect.objectContaining({ recordType: "report", details: { change: "supplement_added" } }),
    ]);
  });

  it("lets the unit's principal add one; reception, investigators and uninvolved staff cannot", async () => {
    const world = await createWorld();
    const report = await createReport(world.user.staff, world.unit.school.id);
    const colleague = await createUser({
      municipalityId: world.municipality.id,
      unitId: world.unit.school.id,
      role: "staff",
    });
    expect(
      (
        await act(report.id, await sessionCookieFor(world.user.principal), {
          intent: "supplement",
          text: "Från rektor.",
        })
      ).status,
    ).toBe(302);
    expect(
      (
        await act(report.id, await sessionCookieFor(world.user.reception_worker), {
          intent: "supplement",
          text: "Mottagning",
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await act(report.id, await sessionCookieFor(world.user.investigator), {
          intent: "supplement",
          text: "Utredare",
        })
      ).status,
    ).toBe(403);
    expect(
      (await act(report.id, await sessionCookieFor(colleague), { intent: "supplement", text: "Kollega" })).status,
    ).toBe(404);
    const rows = await getDb().select().from(reportSupplements).where(eq(reportSupplements.reportId, report.id));
    expect(rows.map((r) => [r.text, r.authorId])).toEqual([["Från rektor.", world.user.principal.id]]);
  });
});

// ------------------------------------------------------------------------------------------------ reception's inbox

describe("reception's inbox", () => {
  it("lists the municipality's reports only, and is logged", async () => {
    const world = await createWorld();
    const other = await createWorld("Annanstad");
    await createReport(world.user.staff, world.unit.school.id, { childName: "Vårt barn" });
    await createReport(other.user.staff, other.unit.school.id, { childName: "Deras barn" });
    const data = await inbox(await sessionCookieFor(world.user.reception_worker), "status=all");
    expect(data.reports.map((r) => r.childName)).toEqual(["Vårt barn"]);
    expect(data.total).toBe(1);
    expect(data.filter).toMatchObject({ status: "all", due: "any", assigned: "any", sort: "due" });
    const [logged] = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.userId, world.user.reception_worker.id), eq(auditEvents.action, "list")));
    expect(logged).toMatchObject({
      recordType: "report",
      municipalityId: world.municipality.id,
      details: { view: "reception", count: 1 },
    });
  });

  it("sorts by the nearest deadline still open (protection until assessed, then the decision), acute first on a tie", async () => {
    const world = await createWorld();
    const reception = await sessionCookieFor(world.user.reception_worker);
    const make = (childName: string, at: Date, extra: Record<string, unknown> = {}) =>
      createReport(world.user.staff, world.unit.school.id, { childName, ...extra }, at);
    // Decision due at the start of 5 days ago (protection assessed).
    const decisionLate = await make("Beslut försenat", noonDaysAgo(20));
    // Protection due at the start of 3 days ago.
    await make("Skydd försenat", noonDaysAgo(5));
    // Protection due at the start of tomorrow, both; the acute one first.
    await make("Igår lugn", noonDaysAgo(1, "09:00"));
    await make("Igår akut", noonDaysAgo(1, "15:00"), { acute: true });
    // Protection due at the start of the day after tomorrow.
    await make("Idag", new Date());
    // Protection assessed; the decision is due in 9 days. Its protection deadline (4 days ago) no longer counts.
    const assessed = await make("Bedömd", noonDaysAgo(6));
    for (const r of [decisionLate, assessed]) {
      expect((await act(r.id, reception, { intent: "assess", outcome: "no_immediate_need" })).status).toBe(302);
    }
    expect(await inboxNames(reception)).toEqual([
      "Beslut försenat",
      "Skydd försenat",
      "Igår akut",
      "Igår lugn",
      "Idag",
      "Bedömd",
    ]);
    expect(await inboxNames(reception, "sort=due")).toEqual(await inboxNames(reception));
    expect(await inboxNames(reception, "sort=received")).toEqual([
      "Idag",
      "Igår akut",
      "Igår lugn",
      "Skydd försenat",
      "Bedömd",
      "Beslut försenat",
    ]);
    const rows = (await inbox(reception)).reports;
    const state = (name: string) => rows.find((r) => r.childName === name);
    expect(state("Beslut försenat")).toMatchObject({ protectionState: "done_late", decisionState: "overdue" });
    expect(state("Skydd försenat")).toMatchObject({ protectionState: "overdue", decisionState: "upcoming" });
    expect(state("Igår lugn")).toMatchObject({ protectionState: "due_today" });
    expect(state("Idag")).toMatchObject({ protectionState: "upcoming", decisionState: "upcoming" });
  });

  it("filters what is overdue and what is due by the end of today, on either deadline", async () => {
    const world = await createWorld();
    const reception = await sessionCookieFor(world.user.reception_worker);
    const make = (childName: string, at: Date) =>
      createReport(world.user.staff, world.unit.school.id, { childName }, at);
    const decisionLate = await make("Beslut försenat", noonDaysAgo(20));
    await make("Skydd försenat", noonDaysAgo(5));
    await make("Skydd idag", noonDaysAgo(1));
    // The 14th day after receipt is today: the decision is due today.
    const decisionToday = await make("Beslut idag", noonDaysAgo(14));
    await make("Ny", new Date());
    for (const r of [decisionLate, decisionToday])
      await act(r.id, reception, { intent: "assess", outcome: "no_immediate_need" });

    expect(await inboxNames(reception, "due=overdue")).toEqual(["Beslut försenat", "Skydd försenat"]);
    // Both due at the start of tomorrow: the earlier received first.
    expect(await inboxNames(reception, "due=today")).toEqual([
      "Beslut försenat",
      "Skydd försenat",
      "Beslut idag",
      "Skydd idag",
    ]);
    expect((await inbox(reception, "due=today")).total).toBe(4);
    expect(await inboxNames(reception, "due=any")).toHaveLength(5);
  });

  it("filters open and decided, assigned to me or to nobody", async () => {
    const world = await createWorld();
    const reception = await sessionCookieFor(world.user.reception_worker);
    const make = (childName: string) =>
      createReport(world.user.staff, world.unit.school.id, { childName }, noonDaysAgo(2));
    const decided = await make("Beslutad");
    const mine = await make("Min");
    const investigators = await make("Utredarens");
    await make("Ingens");
    await act(decided.id, reception, { intent: "assess", outcome: "no_immediate_need" });
    await act(decided.id, reception, { intent: "childHeard", heard: "yes", text: "" });
    expect((await act(decided.id, reception, decideForm("not_opened"))).status).toBe(302);
    await act(mine.id, reception, { intent: "assign", assigneeId: world.user.reception_worker.id });
    await act(investigators.id, reception, { intent: "assign", assigneeId: world.user.investigator.id });

    const sorted = async (query: string) => (await inboxNames(reception, query)).sort();
    expect(await sorted("")).toEqual(["Ingens", "Min", "Utredarens"]);
    expect(await sorted("status=open")).toEqual(["Ingens", "Min", "Utredarens"]);
    expect(await sorted("status=decided")).toEqual(["Beslutad"]);
    expect(await sorted("status=all")).toEqual(["Beslutad", "Ingens", "Min", "Utredarens"]);
    expect(await sorted("assigned=me")).toEqual(["Min"]);
    expect(await sorted("assigned=nobody")).toEqual(["Ingens"]);
    expect(await sorted("status=all&assigned=nobody")).toEqual(["Beslutad", "Ingens"]);
    const investigator = await sessionCookieFor(world.user.investigator);
    expect(await inboxNames(investigator, "status=open&assigned=me")).toEqual(["Utredarens"]);
    expect((await inbox(reception, "assigned=me")).reports[0].assignedToName).toBe(world.user.reception_worker.name);
  });

  it("filters by channel and by the kind of the child's unit", async () => {
    const world = await createWorld();
    const reception = await sessionCookieFor(world.user.reception_worker);
    const preschoolStaff = await createUser({
      municipalityId: world.municipality.id,
      unitId: world.unit.preschool.id,
      role: "staff",
    });
    await createReport(world.user.staff, world.unit.school.id, { childName: "Skolbarn" });
    await createReport(preschoolStaff, world.unit.preschool.id, { childName: "Förskolebarn" });
    const police = await register(reception, {
      channel: "police",
      receivedOn: addCalendarDays(today(), -1),
      receivedTime: "08:15",
      reporterName: "Polisen",
      childName: "Polisärende",
      childBirthDate: "2014-02-02",
      observations: "Polisen kallades till hemmet.",
    });
    expect(police.status).toBe(302);
    const sorted = async (query: string) => (await inboxNames(reception, query)).sort();
    expect(await sorted("channel=police")).toEqual(["Polisärende"]);
    expect(await sorted("channel=portal")).toEqual(["Förskolebarn", "Skolbarn"]);
    expect(await sorted("channel=paper")).toEqual([]);
    expect(await sorted("unitKind=preschool")).toEqual(["Förskolebarn"]);
    expect(await sorted("unitKind=school")).toEqual(["Skolbarn"]);
    expect(await sorted("unitKind=school&channel=police")).toEqual([]);
    // Unknown values fall back to no filter.
    expect(await sorted("channel=brevduva&unitKind=slott")).toEqual(["Förskolebarn", "Polisärende", "Skolbarn"]);
  });
});

// ------------------------------------------------------------------------------------------------ deadlines

describe("deadlines in Stockholm calendar days", () => {
  it("counts across the spring change to summer time", async () => {
    const world = await createWorld();
    // 2026-03-28 23:30 in Stockholm (UTC+1); summer time starts 2026-03-29 02:00.
    const made = await createReport(world.user.staff, world.unit.school.id, {}, new Date("2026-03-28T22:30:00Z"));
    const row = await rowOf(made.id);
    expect(row.receivedAt.toISOString()).toBe("2026-03-28T22:30:00.000Z");
    // The last allowed day is 29 March; the bound is the start of 30 March, already UTC+2.
    expect(row.protectionDueAt.toISOString()).toBe("2026-03-29T22:00:00.000Z");
    // 14 days: the whole of 11 April; the bound is the start of 12 April.
    expect(row.decisionDueAt.toISOString()).toBe("2026-04-11T22:00:00.000Z");
  });

  it("counts across the autumn change back to winter time", async () => {
    const world = await createWorld();
    // 2026-10-24 23:59 in Stockholm (UTC+2); winter time starts 2026-10-25 03:00.
    const made = await createReport(world.user.staff, world.unit.school.id, {}, new Date("2026-10-24T21:59:00Z"));
    const row = await rowOf(made.id);
    expect(row.protectionDueAt.toISOString()).toBe("2026-10-25T23:00:00.000Z");
    expect(row.decisionDueAt.toISOString()).toBe("2026-11-07T23:00:00.000Z");
  });

  it("counts a report received a minute after Stockholm midnight as that day, though UTC still says the day before", async () => {
    const world = await createWorld();
    // 2026-01-15 00:01 in Stockholm is 2026-01-14 23:01 UTC.
    const winter = await rowOf(
      (await createReport(world.user.staff, world.unit.school.id, {}, new Date("2026-01-14T23:01:00Z"))).id,
    );
    expect(winter.protectionDueAt.toISOString()).toBe("2026-01-16T23:00:00.000Z");
    expect(winter.decisionDueAt.toISOString()).toBe("2026-01-29T23:00:00.000Z");
    // 2026-06-15 00:01 in Stockholm is 2026-06-14 22:01 UTC.
    const summer = await rowOf(
      (await createReport(world.user.staff, world.unit.school.id, {}, new Date("2026-06-14T22:01:00Z"))).id,
    );
    expect(summer.protectionDueAt.toISOString()).toBe("2026-06-16T22:00:00.000Z");
    expect(summer.decisionDueAt.toISOString()).toBe("2026-06-29T22:00:00.000Z");
    // A minute before Stockholm midnight is still the day before.
    const lateEvening = await rowOf(
      (await createReport(world.user.staff, world.unit.school.id, {}, new Date("2026-01-14T22:59:00Z"))).id,
    );
    expect(lateEvening.protectionDueAt.toISOString()).toBe("2026-01-15T23:00:00.000Z");
  });

  it("shows reception where each deadline stands", async () => {
    const world = await createWorld();
    const reception = await sessionCookieFor(world.user.reception_worker);
    const make = (at: Date) => createReport(world.user.staff, world.unit.school.id, {}, at);
    const fresh = await make(new Date());
    const yesterday = await make(noonDaysAgo(1));
    const threeDays = await make(noonDaysAgo(3));
    const fourteen = await make(noonDaysAgo(14));
    const fifteen = await make(noonDaysAgo(15));

    const states = async (id: string) => {
      const r = await caseOf(id, reception);
      return [r.protection.state, r.decisionDeadline.state];
    };
    expect(await states(fresh.id)).toEqual(["upcoming", "upcoming"]);
    expect(await states(yesterday.id)).toEqual(["due_today", "upcoming"]);
    expect(await states(threeDays.id)).toEqual(["overdue", "upcoming"]);
    // 14 days: the whole 14th day after receipt is allowed; the 15th is late.
    expect(await states(fourteen.id)).toEqual(["overdue", "due_today"]);
    expect(await states(fifteen.id)).toEqual(["overdue", "overdue"]);

    await act(fresh.id, reception, { intent: "assess", outcome: "no_immediate_need" });
    await act(threeDays.id, reception, { intent: "assess", outcome: "no_immediate_need" });
    expect((await caseOf(fresh.id, reception)).protection.state).toBe("done");
    expect((await caseOf(threeDays.id, reception)).protection.state).toBe("done_late");
    const due = (await caseOf(yesterday.id, reception)).protection.dueAt;
    expect(due).toBe(stockholmInstant(addCalendarDays(today(), 1)).toISOString());
  });
});

// ------------------------------------------------------------------------------------------------ the process

describe("reception's steps", () => {
  it("records the protection assessment once", async () => {
    const world = await createWorld();
    const report = await createReport(world.user.staff, world.unit.school.id);
    const reception = await sessionCookieFor(world.user.reception_worker);
    expect(((await act(report.id, reception, { intent: "assess", outcome: "maybe" })).data as StepReply)?.error).toBe(
      "reports:errors.outcomeRequired",
    );
    expect((await rowOf(report.id)).protectionAssessedAt).toBeNull();

    const first = await act(report.id, reception, { intent: "assess", outcome: "immediate_measures" });
    expect(first.status).toBe(302);
    expect(first.location).toBe(`/reports/${report.id}?notice=protectionRecorded`);
    const assessed = await rowOf(report.id);
    expect(assessed).toMatchObject({ protectionOutcome: "immediate_measures", protectionAssessedAt: expect.any(Date) });

    const second = await act(report.id, await sessionCookieFor(world.user.investigator), {
      intent: "assess",
      outcome: "no_immediate_need",
    });
    expect(second.status).toBe(200);
    expect(second.data).toEqual({ intent: "assess", error: "reports:errors.alreadyAssessed" });
    const after = await rowOf(report.id);
    expect(after.protectionOutcome).toBe("immediate_measures");
    expect(after.protectionAssessedAt).toEqual(assessed.protectionAssessedAt);
    const events = await getDb()
      .select()
      .from(reportEvents)
      .where(and(eq(reportEvents.reportId, report.id), eq(reportEvents.kind, "protection_assessed")));
    expect(events).toHaveLength(1);
  });

  it("decides only after the protection assessment and whether the child was heard, and only once", async () => {
    const world = await createWorld();
    const report = await createReport(world.user.staff, world.unit.school.id);
    const reception = await sessionCookieFor(world.user.reception_worker);
    const error = async (form: Record<string, string>) =>
      ((await act(report.id, reception, form)).data as StepReply)?.error;

    expect(await error(decideForm("opened"))).toBe("reports:errors.protectionMissing");
    await act(report.id, reception, { intent: "assess", outcome: "no_immediate_need" });
    expect(await error(decideForm("opened"))).toBe("reports:errors.childHeardMissing");
    expect(await error(decideForm("perhaps"))).toBe("reports:errors.decisionRequired");
    expect(await error({ intent: "childHeard", heard: "no", text: "   " })).toBe(
      "reports:errors.childNotHeardReasonRequired",
    );
    expect(await error({ intent: "childHeard", text: "Vet inte" })).toBe("reports:errors.childHeardRequired");
    expect((await rowOf(report.id)).childHeard).toBeNull();

    expect(
      (await act(report.id, reception, { intent: "childHeard", heard: "no", text: "Barnet var sjukt hela veckan." }))
        .status,
    ).toBe(302);
    expect(await rowOf(report.id)).toMatchObject({
      childHeard: false,
      childHeardNote: "Barnet var sjukt hela veckan.",
    });
    expect(
      (await act(report.id, reception, { intent: "childHeard", heard: "yes", text: "Samtal i skolan." })).status,
    ).toBe(302);
    expect(await rowOf(report.id)).toMatchObject({ childHeard: true, childHeardNote: "Samtal i skolan." });

    const decided = await act(report.id, reception, decideForm("not_opened"));
    expect(decided.status).toBe(302);
    expect(decided.location).toBe(`/reports/${report.id}?notice=decisionRecorded`);
    const row = await rowOf(report.id);
    expect(row).toMatchObject({ decision: "not_opened", decidedAt: expect.any(Date) });

    expect(await error(decideForm("opened"))).toBe("reports:errors.alreadyDecided");
    expect(await error({ intent: "childHeard", heard: "no", text: "Ändrat i efterhand." })).toBe(
      "reports:errors.alreadyDecided",
    );
    const after = await rowOf(report.id);
    expect(after).toMatchObject({
      decision: "not_opened",
      decidedAt: row.decidedAt,
      childHeard: true,
      childHeardNote: "Samtal i skolan.",
    });
    const full = await caseOf(report.id, reception);
    expect(full).toMatchObject({
      decision: "not_opened",
      status: "not_opened",
      decidedAt: row.decidedAt?.toISOString(),
    });
    expect(full.decisionDeadline.state).toBe("done");
  });

  it("assigns only to social workers of the municipality, and unassigns", async () => {
    const world = await createWorld();
    const other = await createWorld("Annanstad");
    const report = await createReport(world.user.staff, world.unit.school.id);
    const reception = await sessionCookieFor(world.user.reception_worker);
    const colleague = await createUser({
      municipalityId: world.municipality.id,
      unitId: world.unit.reception.id,
      role: "reception_worker",
      name: "Kollega på mottagningen",
    });
    const inactive = await createUser({
      municipalityId: world.municipality.id,
      unitId: world.unit.reception.id,
      role: "reception_worker",
      active: false,
    });

    const ok = await act(report.id, reception, { intent: "assign", assigneeId: colleague.id });
    expect(ok.location).toBe(`/reports/${report.id}?notice=assigned`);
    expect((await rowOf(report.id)).assignedToId).toBe(colleague.id);
    expect(await caseOf(report.id, reception)).toMatchObject({
      assignedToId: colleague.id,
      assignedToName: "Kollega på mottagningen",
    });

    for (const wrong of [
      world.user.staff.id,
      world.user.principal.id,
      world.user.coordinator.id,
      inactive.id,
      other.user.reception_worker.id,
      randomUUID(),
    ]) {
      const result = await act(report.id, reception, { intent: "assign", assigneeId: wrong });
      expect(result.data).toEqual({ intent: "assign", error: "reports:errors.notSocialServices" });
    }
    expect((await rowOf(report.id)).assignedToId).toBe(colleague.id);

    expect((await act(report.id, reception, { intent: "assign", assigneeId: world.user.investigator.id })).status).toBe(
      302,
    );
    expect((await rowOf(report.id)).assignedToId).toBe(world.user.investigator.id);
    expect((await act(report.id, reception, { intent: "assign", assigneeId: "" })).status).toBe(302);
    expect((await rowOf(report.id)).assignedToId).toBeNull();
  });

  it("toggles whether the report needed supplementing, and keeps internal notes", async () => {
    const world = await createWorld();
    const report = await createReport(world.user.staff, world.unit.school.id);
    const reception = await sessionCookieFor(world.user.reception_worker);
    await act(report.id, reception, { intent: "neededSupplement", needed: "yes" });
    expect((await rowOf(report.id)).neededSupplement).toBe(true);
    await act(report.id, reception, { intent: "neededSupplement", needed: "no" });
    expect((await rowOf(report.id)).neededSupplement).toBe(false);

    expect((await act(report.id, reception, { intent: "note", text: "  " })).data).toEqual({
      intent: "note",
      error: "reports:errors.noteRequired",
    });
    const added = await act(report.id, reception, { intent: "note", text: "Ring skolan på måndag." });
    expect(added.location).toBe(`/reports/${report.id}?notice=noteAdded`);
    await act(report.id, await sessionCookieFor(world.user.investigator), {
      intent: "note",
      text: "Känd sedan tidigare.",
    });
    const notes = (await caseOf(report.id, reception)).notes;
    expect(notes.map((n) => [n.text, n.authorName])).toEqual([
      ["Ring skolan på måndag.", world.user.reception_worker.name],
      ["Känd sedan tidigare.", world.user.investigator.name],
    ]);
    expect(notes.every((n) => typeof n.createdAt === "string")).toBe(true);
    expect((await act(report.id, reception, { intent: "teleport" })).status).toBe(400);
  });

  it("writes every step to the timeline with who did it, and every read and change to the audit log", async () => {
    const world = await createWorld();
    const worker = await createUser({
      municipalityId: world.municipality.id,
      unitId: world.unit.reception.id,
      role: "reception_worker",
      name: "Mottagare Maja",
    });
    const report = await createReport(world.user.staff, world.unit.school.id);
    const reception = await sessionCookieFor(worker);
    const steps: Record<string, string>[] = [
      { intent: "assess", outcome: "no_immediate_need" },
      { intent: "assign", assigneeId: world.user.investigator.id },
      { intent: "childHeard", heard: "yes", text: "Samtal i skolan." },
      { intent: "neededSupplement", needed: "yes" },
      { intent: "note", text: "En intern anteckning." },
      decideForm("opened"),
    ];
    for (const form of steps) expect((await act(report.id, reception, form)).status, form.intent).toBe(302);
    // A refused step changes nothing and is no change to log.
    expect((await act(report.id, reception, decideForm("not_opened"))).status).toBe(200);

    const full = await caseOf(report.id, reception);
    expect(full.events.map((e) => [e.kind, e.actorName])).toEqual([
      ["submitted", world.user.staff.name],
      ["protection_assessed", "Mottagare Maja"],
      ["assigned", "Mottagare Maja"],
      ["child_heard", "Mottagare Maja"],
      ["needed_supplement", "Mottagare Maja"],
      ["decided", "Mottagare Maja"],
    ]);
    expect(full.events.find((e) => e.kind === "decided")?.details).toEqual({
      decision: "opened",
      ground: null,
      remainingConcern: false,
    });
    const times = full.events.map((e) => e.at);
    expect([...times].sort()).toEqual(times);

    const logged = await auditOf(report.id, worker.id);
    expect(logged.every((a) => a.recordType === "report" && a.municipalityId === world.municipality.id)).toBe(true);
    // Each change is audited in its own transaction, named as in the timeline.
    expect(logged.filter((a) => a.action === "update").map((a) => (a.details as { change: string }).change)).toEqual([
      "protection_assessed",
      "assigned",
      "child_heard",
      "needed_supplement",
      "note_added",
      "decided",
    ]);
    // The unit each was done in: the reception worker's own.
    expect(new Set(logged.map((a) => a.unitId))).toEqual(new Set([world.unit.reception.id]));
    expect(logged.filter((a) => a.action === "read").map((a) => a.details)).toEqual([{ view: "case" }]);
    expect(logged).toHaveLength(steps.length + 1);

    // The reporter's reads are logged too.
    const staff = await sessionCookieFor(world.user.staff);
    await view(report.id, staff);
    await receipt(report.id, staff);
    const reads = (await auditOf(report.id, world.user.staff.id)).filter((a) => a.action === "read");
    expect(reads.map((a) => [a.recordType, a.details])).toEqual([
      ["report", { view: "reporter" }],
      ["report", { page: "receipt" }],
    ]);
  });

  it("refuses reporters reception's steps", async () => {
    const world = await createWorld();
    const report = await createReport(world.user.staff, world.unit.school.id);
    for (const role of ["staff", "principal"] as const) {
      const cookie = await sessionCookieFor(world.user[role]);
      const forms: Record<string, string>[] = [
        { intent: "assess", outcome: "no_immediate_need" },
        { intent: "assign", assigneeId: world.user.reception_worker.id },
        { intent: "childHeard", heard: "yes", text: "" },
        decideForm("opened"),
        { intent: "neededSupplement", needed: "yes" },
        { intent: "note", text: "Från skolan" },
      ];
      for (const form of forms) {
        expect((await act(report.id, cookie, form)).status, `${role} ${form.intent}`).toBe(403);
      }
    }
    const row = await rowOf(report.id);
    expect(row).toMatchObject({
      protectionAssessedAt: null,
      assignedToId: null,
      childHeard: null,
      decision: null,
      neededSupplement: false,
    });
  });
});

// ------------------------------------------------------------------------------------------------ registering

describe("registering a report from another channel", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const policeForm = (overrides: Record<string, string> = {}) => ({
    channel: "police",
    receivedOn: "2026-10-24",
    receivedTime: "23:59",
    reporterName: "Polisen, Region Syd",
    reporterPhone: "114 14",
    childName: "Registrerat barn",
    childPersonalNumber: "121212-1212",
    observations: "Polisen kallades till hemmet en sen kväll.",
    wantsFeedback: "on",
    ...overrides,
  });

  it("registers a police report with deadlines from when it arrived, not from now", async () => {
    const world = await createWorld();
    const reception = await sessionCookieFor(world.user.reception_worker);
    const result = await register(reception, policeForm());
    expect(result.status).toBe(302);
    const id = result.location?.match(/^\/reports\/([0-9a-f-]{36})\?notice=reportRegistered$/)?.[1] ?? "";
    const row = await rowOf(id);
    expect(row).toMatchObject({
      municipalityId: world.municipality.id,
      channel: "police",
      registeredById: world.user.reception_worker.id,
      reporterId: null,
      reporterName: "Polisen, Region Syd",
      unitId: null,
      childPersonalNumber: "20121212-1212",
      childBirthDate: "2012-12-12",
      reference: "ORO-2026-0001",
    });
    // 23:59 on 24 October in Stockholm (UTC+2).
    expect(row.receivedAt.toISOString()).toBe("2026-10-24T21:59:00.000Z");
    expect(row.protectionDueAt.toISOString()).toBe("2026-10-25T23:00:00.000Z");
    expect(row.decisionDueAt.toISOString()).toBe("2026-11-07T23:00:00.000Z");

    const full = await caseOf(id, reception);
    expect(full).toMatchObject({ channel: "police", registeredByName: world.user.reception_worker.name });
    expect(full.events.map((e) => [e.kind, e.actorName, e.details])).toEqual([
      ["registered", world.user.reception_worker.name, { channel: "police" }],
    ]);
    const [created] = (await auditOf(id, world.user.reception_worker.id)).filter((a) => a.action === "create");
    expect(created).toMatchObject({ recordType: "report", details: { channel: "police" } });
    // It follows the same path as any report.
    expect(await inboxNames(reception, "channel=police&status=all")).toEqual(["Registrerat barn"]);
  });

  it("refuses a date or time in the future", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    // Noon in Stockholm on 15 June 2026.
    vi.setSystemTime(new Date("2026-06-15T10:00:00Z"));
    const world = await createWorld();
    const reception = await sessionCookieFor(world.user.reception_worker);
    const tomorrow = await register(reception, policeForm({ receivedOn: "2026-06-16", receivedTime: "08:00" }));
    expect(replyOf(tomorrow).error).toEqual({ receivedOn: ["reports:errors.dateInFuture"] });
    const laterToday = await register(reception, policeForm({ receivedOn: "2026-06-15", receivedTime: "12:30" }));
    expect(replyOf(laterToday).error).toEqual({ receivedTime: ["reports:errors.dateInFuture"] });
    expect(await reportsOf(world.municipality.id)).toEqual([]);

    const earlierToday = await register(reception, policeForm({ receivedOn: "2026-06-15", receivedTime: "11:30" }));
    expect(earlierToday.status).toBe(302);
    const [row] = await reportsOf(world.municipality.id);
    expect(row.receivedAt.toISOString()).toBe("2026-06-15T09:30:00.000Z");
    expect(row.protectionDueAt.toISOString()).toBe("2026-06-16T22:00:00.000Z");
  });

  it("checks the form: channel, time, reporter, and a unit of the municipality", async () => {
    const world = await createWorld();
    const other = await createWorld("Annanstad");
    const reception = await sessionCookieFor(world.user.reception_worker);
    const missing = await register(reception, policeForm({ channel: "", receivedTime: "", reporterName: "" }));
    expect(replyOf(missing).error).toEqual({
      channel: ["reports:errors.channelRequired"],
      receivedTime: ["reports:errors.timeRequired"],
      reporterName: ["reports:errors.reporterNameRequired"],
    });
    const portal = await register(reception, policeForm({ channel: "portal" }));
    expect(replyOf(portal).error).toHaveProperty("channel");
    const foreignUnit = await register(reception, policeForm({ unitId: other.unit.school.id }));
    expect(replyOf(foreignUnit).error).toEqual({ unitId: ["reports:errors.unitRequired"] });
    expect(await reportsOf(world.municipality.id)).toEqual([]);
    const withUnit = await register(reception, policeForm({ channel: "paper", unitId: world.unit.school.id }));
    expect(withUnit.status).toBe(302);
    expect((await reportsOf(world.municipality.id))[0]).toMatchObject({
      channel: "paper",
      unitId: world.unit.school.id,
    });
  });

  it("is for reception workers only: investigators and reporters get 403", async () => {
    const world = await createWorld();
    for (const role of ["investigator", "staff", "principal"] as const) {
      const cookie = await sessionCookieFor(world.user[role]);
      expect((await callRoute(registerRoute.loader, { path: "/reports/register", cookie })).status, role).toBe(403);
      expect((await register(cookie, policeForm())).status, role).toBe(403);
    }
    expect(await reportsOf(world.municipality.id)).toEqual([]);
    expect(
      (
        await callRoute(registerRoute.loader, {
          path: "/reports/register",
          cookie: await sessionCookieFor(world.user.reception_worker),
        })
      ).status,
    ).toBe(200);
  });
});
