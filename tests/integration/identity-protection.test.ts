import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { and, eq, inArray } from "drizzle-orm";
import { createElement, type FunctionComponent } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, messages, outboxEmails, reportDrafts, reportEvents, reports, type Role } from "#db/schema";
import { seedArticles } from "~/demo/guidance-content";
import { ReporterProtection, type ReporterProtectionData } from "~/components/reporter-protection";
import { i18nFor } from "~/lib/i18n";
import { logger } from "~/lib/logger.server";
import { recordChildHeard, recordDecision, recordProtectionAssessment } from "~/models/report.server";
import { getCurrentUser } from "~/models/user.server";
import * as detailRoute from "~/routes/reports.$reportId";
import * as threatRoute from "~/routes/reports.$reportId.threat";
import * as inboxRoute from "~/routes/inbox._index";
import * as newRoute from "~/routes/reports.new";
import * as registerRoute from "~/routes/reports.register";
import { createReport, createWorld, decisionInput, reportFormFields, sessionCookieFor } from "../factories";
import { openedDrafts, openedRows } from "../sealed";
import { callRoute } from "../routes";

/**
 * Issue 21, item 3: a threatened reporter asks that their identity be kept from the family (OSL 26 kap. 5 §), with a
 * reason; social services see the request on the case and keep a "threat" flag of their own. The request and its
 * reason stay on the report pages: never in an e-mail, an inbox message, a log line or an address.
 */

type World = Awaited<ReturnType<typeof createWorld>>;
type Reply = { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
interface Protection {
  identityProtection: { requested: boolean; reason: string | null };
}
type CaseData = Protection & {
  threat: { flagged: boolean; changedAt: string | null; changedByName: string | null };
  events: { kind: string; details: Record<string, unknown> | null }[];
};

const REASON = "Pappan hotade mig på parkeringen den 3 mars och sa att han vet var jag bor.";

/** A complete, valid report form as the browser sends it, about a child of its own. */
const reportForm = (world: World, overrides: Record<string, string> = {}) =>
  reportFormFields(world, { childName: "Saga Skyddsson", ...overrides });

const asking = { identityProtectionRequested: "on", identityProtectionReason: REASON };

const postNew = (cookie: string, form: Record<string, string>) =>
  callRoute(newRoute.action, { path: "/reports/new", cookie, method: "POST", form });
const submit = (cookie: string, form: Record<string, string>, draftId: string = randomUUID()) =>
  postNew(cookie, { ...form, draftId, intent: "submit" });
const receiptId = (location: string | null) => location?.match(/^\/reports\/([0-9a-f-]{36})\/receipt$/)?.[1] ?? "";
const view = (reportId: string, cookie: string) =>
  callRoute(detailRoute.loader, { path: `/reports/${reportId}`, params: { reportId }, cookie });
const postThreat = (reportId: string, cookie: string, flagged: string) =>
  callRoute(threatRoute.action, {
    path: `/reports/${reportId}/threat`,
    params: { reportId },
    cookie,
    method: "POST",
    form: { intent: "threat", flagged },
  });
const rowOf = async (id: string) => (await openedRows(getDb().select().from(reports).where(eq(reports.id, id))))[0];
const cookieOf = (world: World, role: Role) => sessionCookieFor(world.user[role]);
const as = async (world: World, role: Role) => (await getCurrentUser(world.user[role].id, world.municipality.id))!;

async function caseOf(reportId: string, cookie: string) {
  const result = await view(reportId, cookie);
  expect(result.status).toBe(200);
  const data = result.data as { view: string; report: CaseData };
  expect(data.view).toBe("case");
  return data.report;
}
async function reporterOf(reportId: string, cookie: string) {
  const result = await view(reportId, cookie);
  expect(result.status).toBe(200);
  const data = result.data as { view: string; report: Protection & Record<string, unknown> };
  expect(data.view).toBe("reporter");
  return data.report;
}

/** Submits a report asking for protection as the school's staff member; its id. */
async function reportAsking(world: World, overrides: Record<string, string> = {}) {
  const sent = await submit(await cookieOf(world, "staff"), reportForm(world, { ...asking, ...overrides }));
  expect(sent.status).toBe(302);
  const id = receiptId(sent.location);
  expect(id).not.toBe("");
  return { id, location: sent.location };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the reporter's request for identity protection", () => {
  it("is stored with its reason and shown to social services on the case, and to the reporter as asked", async () => {
    const world = await createWorld();
    const { id } = await reportAsking(world);
    expect(await rowOf(id)).toMatchObject({
      identityProtectionRequested: true,
      identityProtectionReason: REASON,
      threatFlag: false,
    });

    for (const role of ["reception_worker", "reception_lead", "investigator"] as const) {
      const c = await caseOf(id, await cookieOf(world, role));
      expect(c.identityProtection, role).toEqual({ requested: true, reason: REASON });
      expect(c.threat, role).toEqual({ flagged: false, changedAt: null, changedByName: null });
    }

    // The reporter (and their principal) see what was asked for; the threat flag is social services' own marking.
    for (const role of ["staff", "principal"] as const) {
      const mine = await reporterOf(id, await cookieOf(world, role));
      expect(mine.identityProtection, role).toEqual({ requested: true, reason: REASON });
      expect(Object.keys(mine), role).not.toContain("threat");
    }
  });

  it("is not asked for unless ticked: a reason typed before unticking is not kept", async () => {
    const world = await createWorld();
    const { id } = await reportAsking(world, { identityProtectionRequested: "" });
    expect(await rowOf(id)).toMatchObject({ identityProtectionRequested: false, identityProtectionReason: null });
    const c = await caseOf(id, await cookieOf(world, "reception_worker"));
    expect(c.identityProtection).toEqual({ requested: false, reason: null });
  });

  it("needs a reason when asked: a translated error on that field alone, nothing typed lost", async () => {
    const world = await createWorld();
    const staff = await cookieOf(world, "staff");
    const draftId = randomUUID();
    const form = reportForm(world, { identityProtectionRequested: "on", identityProtectionReason: "   " });
    const refused = await submit(staff, form, draftId);
    expect(refused.status).toBe(200);
    const reply = (refused.data as { result: Reply }).result;
    expect(reply.status).toBe("error");
    const errors = Object.entries(reply.error ?? {}).filter(([, e]) => e?.length);
    expect(errors).toEqual([["identityProtectionReason", ["reports:errors.identityProtectionReasonRequired"]]]);
    // The form comes back as typed, and the draft holds it too.
    expect(reply.initialValue).toMatchObject({
      childName: form.childName,
      observations: form.observations,
      identityProtectionRequested: "on",
    });
    const [draft] = await openedDrafts(getDb().select().from(reportDrafts).where(eq(reportDrafts.id, draftId)));
    expect(draft.fields).toMatchObject({ childName: form.childName, identityProtectionRequested: "on" });
    expect(
      await openedRows(getDb().select().from(reports).where(eq(reports.municipalityId, world.municipality.id))),
    ).toEqual([]);

    // The message is written in both languages.
    for (const lang of ["sv", "en"]) {
      const texts = JSON.parse(readFileSync(`locales/${lang}/reports.json`, "utf8"));
      const message = texts.errors.identityProtectionReasonRequired;
      expect(typeof message, lang).toBe("string");
      expect(message.length, lang).toBeGreaterThan(10);
    }
  });

  it("survives a draft save and resume, and is sent from the draft", async () => {
    const world = await createWorld();
    const staff = await cookieOf(world, "staff");
    const draftId = randomUUID();
    const saved = await postNew(staff, { ...reportForm(world, asking), draftId, intent: "save" });
    expect(saved.status).toBe(302);
    // The address says a draft was saved, never what it holds.
    expect(saved.location).toBe(`/reports/new?draft=${draftId}&notice=draftSaved`);

    const resumed = await callRoute(newRoute.loader, { path: `/reports/new?draft=${draftId}`, cookie: staff });
    expect(resumed.status).toBe(200);
    const defaults = (resumed.data as { defaults: Record<string, string> }).defaults;
    expect(defaults).toMatchObject(asking);

    const sent = await submit(staff, defaults, draftId);
    expect(sent.status).toBe(302);
    const id = receiptId(sent.location);
    expect(await rowOf(id)).toMatchObject({ identityProtectionRequested: true, identityProtectionReason: REASON });
  });

  it("never reaches an e-mail, an inbox message, a log line or an address", async () => {
    const world = await createWorld();
    const logged: unknown[] = [];
    for (const level of ["trace", "debug", "info", "warn", "error", "fatal"] as const)
      vi.spyOn(logger, level).mockImplementation(((...args: unknown[]) => {
        logged.push(args);
      }) as never);

    // Co-signed by the principal, so two people get basic feedback.
    const { id, location } = await reportAsking(world, { coSignerId: world.user.principal.id });
    expect(location).not.toMatch(/identity|protection|skydd/i);
    const worker = await as(world, "reception_worker");
    await recordProtectionAssessment(worker, id, "no_immediate_need");
    await recordChildHeard(worker, id, true, "");
    expect(await recordDecision(worker, id, decisionInput("opened"))).toEqual({ ok: true });
    const flagged = await postThreat(id, await cookieOf(world, "reception_worker"), "yes");
    expect(flagged.status).toBe(302);
    expect(flagged.location).toBe(`/reports/${id}?notice=saved`);

    const mails = await getDb()
      .select()
      .from(outboxEmails)
      .where(eq(outboxEmails.municipalityId, world.municipality.id));
    const sent = await getDb().select().from(messages).where(eq(messages.municipalityId, world.municipality.id));
    // Something was sent (received and decided, to the reporter and the co-signer), and none of it tells.
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect(mails.length).toBeGreaterThanOrEqual(2);
    const recipients = sent.map((m) => m.recipientId);
    expect(recipients).toEqual(expect.arrayContaining([world.user.staff.id, world.user.principal.id]));
    for (const text of [JSON.stringify(mails), JSON.stringify(sent)]) {
      expect(text).not.toContain(REASON);
      expect(text).not.toMatch(/identit|threat|hot(et|ad)|skydd för/i);
    }
    // The messages as their recipients read them, put into words.
    for (const role of ["staff", "principal"] as const) {
      const page = await callRoute(inboxRoute.loader, { path: "/inbox", cookie: await cookieOf(world, role) });
      expect(page.status).toBe(200);
      const text = JSON.stringify(page.data);
      expect(text).not.toContain(REASON);
      expect(text).not.toMatch(/identit|threat/i);
    }
    expect(JSON.stringify(logged)).not.toContain(REASON);
    expect(JSON.stringify(logged)).not.toMatch(/identityProtection/);

    // The audit log names the change, never the reason.
    const audited = await getDb()
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.recordId, id));
    expect(JSON.stringify(audited)).not.toContain(REASON);
  });
});

describe("a request for protection from someone who reported by phone or on paper", () => {
  // OSL 26 kap. 5 § protects an individual's report above all: the neighbour who calls is the one it is for.
  const registerForm = (world: Awaited<ReturnType<typeof createWorld>>, fields: Record<string, string> = {}) => ({
    channel: "phone",
    receivedOn: new Date(Date.now() - 86_400_000).toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" }),
    receivedTime: "08:00",
    unitId: world.unit.school.id,
    childName: "Telefonbarn Skyddsson",
    childBirthDate: "2015-02-03",
    observations: "Grannen hör skrik från lägenheten flera kvällar i veckan.",
    reporterName: "Granne Grannsson",
    reporterPhone: "070-111 11 11",
    submissionKey: randomUUID(),
    ...fields,
  });
  const register = async (world: Awaited<ReturnType<typeof createWorld>>, form: Record<string, string>) =>
    callRoute(registerRoute.action, {
      path: "/reports/register",
      method: "POST",
      cookie: await cookieOf(world, "reception_worker"),
      form,
    });

  it("is registered by reception with its reason and shown first on the case", async () => {
    const world = await createWorld();
    const done = await register(
      world,
      registerForm(world, { identityProtectionRequested: "on", identityProtectionReason: REASON }),
    );
    expect(done.status, JSON.stringify(done.data)).toBe(302);
    const id = /^\/reports\/([0-9a-f-]{36})\?/.exec(done.location ?? "")?.[1] ?? "";
    expect(await rowOf(id)).toMatchObject({ identityProtectionRequested: true, identityProtectionReason: REASON });
    const c = await caseOf(id, await cookieOf(world, "investigator"));
    expect(c.identityProtection).toEqual({ requested: true, reason: REASON });
  });

  it("needs a reason there too, and is not stored unless ticked", async () => {
    const world = await createWorld();
    const refused = await register(world, registerForm(world, { identityProtectionRequested: "on" }));
    expect(refused.status).toBe(200);
    expect(JSON.stringify(refused.data)).toContain("reports:errors.identityProtectionReasonRequired");
    const unticked = await register(world, registerForm(world, { identityProtectionReason: REASON }));
    const id = /^\/reports\/([0-9a-f-]{36})\?/.exec(unticked.location ?? "")?.[1] ?? "";
    expect(await rowOf(id)).toMatchObject({ identityProtectionRequested: false, identityProtectionReason: null });
  });
});

describe("the threat flag", () => {
  it("is set and cleared by social services, with who and when, in the history and the audit log", async () => {
    const world = await createWorld();
    const report = await createReport(world.user.staff, world.unit.school.id);
    const reception = await cookieOf(world, "reception_worker");

    const set = await postThreat(report.id, reception, "yes");
    expect(set.status).toBe(302);
    let c = await caseOf(report.id, reception);
    expect(c.threat).toMatchObject({ flagged: true, changedByName: world.user.reception_worker.name });
    expect(c.threat.changedAt).toEqual(expect.any(String));
    expect(await rowOf(report.id)).toMatchObject({
      threatFlag: true,
      threatFlagChangedById: world.user.reception_worker.id,
    });

    // The same answer again (a double click, a resent form) changes nothing and adds nothing to the history.
    expect((await postThreat(report.id, reception, "yes")).status).toBe(302);
    // An investigator clears it, a reception lead sets it again.
    expect((await postThreat(report.id, await cookieOf(world, "investigator"), "no")).status).toBe(302);
    expect((await rowOf(report.id)).threatFlag).toBe(false);
    expect((await postThreat(report.id, await cookieOf(world, "reception_lead"), "yes")).status).toBe(302);
    c = await caseOf(report.id, reception);
    expect(c.threat).toMatchObject({ flagged: true, changedByName: world.user.reception_lead.name });

    const events = await getDb()
      .select({ details: reportEvents.details, actorId: reportEvents.actorId })
      .from(reportEvents)
      .where(and(eq(reportEvents.reportId, report.id), eq(reportEvents.kind, "threat_flag")))
      .orderBy(reportEvents.at);
    expect(events).toEqual([
      { details: { flagged: true }, actorId: world.user.reception_worker.id },
      { details: { flagged: false }, actorId: world.user.investigator.id },
      { details: { flagged: true }, actorId: world.user.reception_lead.id },
    ]);
    const audited = await getDb()
      .select({ userId: auditEvents.userId, action: auditEvents.action, details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.recordType, "report"), eq(auditEvents.recordId, report.id)))
      // In the order written: without it PostgreSQL may return the rows in any order (CI once gave another).
      .orderBy(auditEvents.id);
    const changes = audited.filter((a) => (a.details as { change?: string } | null)?.change === "threat_flag");
    expect(changes).toEqual([
      { userId: world.user.reception_worker.id, action: "update", details: { change: "threat_flag", flagged: true } },
      { userId: world.user.investigator.id, action: "update", details: { change: "threat_flag", flagged: false } },
      { userId: world.user.reception_lead.id, action: "update", details: { change: "threat_flag", flagged: true } },
    ]);

    // The school never sees it.
    const staffView = await reporterOf(report.id, await cookieOf(world, "staff"));
    expect(JSON.stringify(staffView)).not.toMatch(/threat/i);
  });

  it("is refused to everyone else: 403 for the school and other roles, 404 across municipalities", async () => {
    const world = await createWorld();
    const other = await createWorld("Grannstad");
    const report = await createReport(world.user.staff, world.unit.school.id);
    const theirs = await createReport(other.user.staff, other.unit.school.id);

    for (const role of ["staff", "principal", "coordinator", "steering", "admin"] as const) {
      const refused = await postThreat(report.id, await cookieOf(world, role), "yes");
      expect(refused.status, role).toBe(403);
    }
    expect((await postThreat(theirs.id, await cookieOf(world, "reception_worker"), "yes")).status).toBe(404);
    // A value the form never sends is the form's error, nothing changed.
    const odd = await postThreat(report.id, await cookieOf(world, "reception_worker"), "maybe");
    expect(odd.status).toBe(200);
    expect(odd.data).toMatchObject({ intent: "threat", error: "reports:errors.threatFlagInvalid" });

    expect((await rowOf(report.id)).threatFlag).toBe(false);
    expect((await rowOf(theirs.id)).threatFlag).toBe(false);
    const events = await getDb()
      .select()
      .from(reportEvents)
      .where(and(inArray(reportEvents.reportId, [report.id, theirs.id]), eq(reportEvents.kind, "threat_flag")));
    expect(events).toEqual([]);
  });
});

describe("the guidance on what secrecy can promise", () => {
  it("cites OSL 26 kap. 5 § and says, in both languages, that it is a harm test and no promise", () => {
    const article = seedArticles.find((a) => a.slug === "after-a-report")!;
    expect(article.legalReferences.some((r) => r.includes("26 kap. 5 §"))).toBe(true);
    for (const text of [article.sv.body, article.en.body]) expect(text).toContain("26 kap. 5 §");
    expect(article.sv.body).toMatch(/inte ett löfte/);
    expect(article.sv.body).toMatch(/partsinsyn/);
    expect(article.en.body).toMatch(/not a promise/);
    expect(article.en.body).toMatch(/party insight/);
  });
});

/** A component as the page renders it, in a router, in `lang`; `routeId` and `data` for a route's own loader data. */
async function render(Component: FunctionComponent, lang: "sv" | "en", route?: { id: string; data: unknown }) {
  const handler = createStaticHandler([
    { path: "*", id: route?.id, loader: route ? () => route.data as object : undefined, Component },
  ]);
  const context = await handler.query(new Request("http://localhost/reports/x"));
  if (context instanceof Response) throw new Error("no page");
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToStaticMarkup(
    createElement(
      I18nextProvider,
      { i18n: i18nFor(lang) },
      createElement(StaticRouterProvider, { router, context, hydrate: false }),
    ),
  );
}

describe("the pages", () => {
  const id = "00000000-0000-4000-8000-000000000001";
  const card = (report: ReporterProtectionData) => () => createElement(ReporterProtection, { report });

  it("put the request first on the case, with the reason, and toggle the threat flag", async () => {
    const asked = { requested: true, reason: REASON };
    const off = { flagged: false, changedAt: null, changedByName: null };
    const html = await render(card({ id, identityProtection: asked, threat: off }), "sv");
    expect(html).toContain("Anmälaren ber att det om möjligt hålls hemligt för familjen vem som har anmält.");
    expect(html).toContain(REASON);
    expect(html).toContain(`action="/reports/${id}/threat"`);
    expect(html).toMatch(/name="flagged" value="yes"/);
    expect(html).toContain("Markera hot");

    const on = { flagged: true, changedAt: "2026-12-01T09:00:00.000Z", changedByName: "Mia Mottagning" };
    const flagged = await render(
      card({ id, identityProtection: { requested: false, reason: null }, threat: on }),
      "en",
    );
    expect(flagged).toContain("The reporter has not asked for their identity to be protected.");
    expect(flagged).toMatch(/name="flagged" value="no"/);
    expect(flagged).toContain("Remove the threat flag");
    expect(flagged).toContain("Mia Mottagning");
  });

  it("give the report form the request and its reason, ticked and filled from a saved draft", async () => {
    const world = await createWorld();
    const staff = await cookieOf(world, "staff");
    const draftId = randomUUID();
    await postNew(staff, { ...reportForm(world, asking), draftId, intent: "save" });
    const page = await callRoute(newRoute.loader, { path: `/reports/new?draft=${draftId}`, cookie: staff });
    for (const lang of ["sv", "en"] as const) {
      const html = await render(newRoute.default, lang, { id: "routes/reports.new", data: page.data });
      expect(html).toMatch(/<input[^>]*name="identityProtectionRequested"[^>]*checked=""/);
      expect(html).toMatch(new RegExp(`<textarea[^>]*name="identityProtectionReason"[^>]*>${REASON}</textarea>`));
      expect(html).toContain('href="/guidance/after-a-report"');
    }
  });
});
