import { and, eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { basicFeedback, messages, outboxEmails, reports } from "#db/schema";
import { ReportInvestigation } from "~/components/report-investigation";
import { addCalendarDays, stockholmDate, stockholmInstant } from "~/domain/deadlines";
import { fourMonthsAfter, investigationCase, investigationState } from "~/domain/investigation";
import type { CaseReply } from "~/domain/report-case-schema";
import { formatDate, i18nFor } from "~/lib/i18n";
import { renderMessage } from "~/lib/message-templates.server";
import { recordChildHeard, recordDecision, recordProtectionAssessment, registerReport } from "~/models/report.server";
import { getCurrentUser } from "~/models/user.server";
import * as dashboardRoute from "~/routes/feedback._index";
import * as investigationRoute from "~/routes/reports.$reportId.investigation";
import { createReport, createUser, createWorld, decisionInput, reportInput, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";

/**
 * A school report made by a principal for a teacher who saw it, co-signed by a second principal, and decided; made
 * and decided `at` (now unless given).
 */
async function setup(decision: "opened" | "not_opened" = "opened", at = new Date()) {
  const world = await createWorld();
  const m = world.municipality.id;
  const current = async (id: string) => (await getCurrentUser(id, m))!;
  const principal = await current(world.user.principal.id);
  const deputy = await current(
    (await createUser({ municipalityId: m, unitId: world.unit.school.id, role: "principal" })).id,
  );
  const teacher = await current(world.user.staff.id);
  const worker = await current(world.user.reception_worker.id);
  const investigator = await current(world.user.investigator.id);
  const report = await createReport(
    principal,
    world.unit.school.id,
    {
      observerId: teacher.id,
      onBehalfReason: "Pedagogen ville inte skriva själv.",
      coSignerId: deputy.id,
      childName: "Hemlig Barnsson",
    },
    at,
  );
  await decide(worker, report.id, decision, at);
  return { world, principal, deputy, teacher, worker, investigator, report };
}

async function decide(
  worker: { id: string; municipalityId: string },
  reportId: string,
  decision: "opened" | "not_opened" = "opened",
  at = new Date(),
) {
  const w = (await getCurrentUser(worker.id, worker.municipalityId))!;
  await recordProtectionAssessment(w, reportId, "no_immediate_need", at);
  await recordChildHeard(w, reportId, true, "");
  const decided = await recordDecision(w, reportId, decisionInput(decision), at);
  if (!decided.ok) throw new Error("not decided");
}

const post = async (user: { id: string; municipalityId: string }, reportId: string, form: Record<string, string>) =>
  callRoute(investigationRoute.action, {
    path: `/reports/${reportId}/investigation`,
    params: { reportId },
    cookie: await sessionCookieFor(user),
    method: "POST",
    form,
  });

const row = async (id: string) => (await getDb().select().from(reports).where(eq(reports.id, id)))[0];

/** A user's "investigation closed" messages, as a Swedish reader sees them. */
const closedMessages = async (userId: string) =>
  (
    await getDb()
      .select()
      .from(messages)
      .where(and(eq(messages.recipientId, userId), eq(messages.kind, "feedback")))
  )
    .map((r) => ({ ...r, ...renderMessage(r, "sv") }))
    .filter((r) => r.subject.startsWith("Utredningen"));

const today = () => stockholmDate(new Date());
/** Noon in Stockholm `days` days ago. */
const daysAgo = (days: number) => stockholmInstant(addCalendarDays(today(), -days), "12:00");

/** The investigation section as the report page renders it (in a static router, as Remix does), in Swedish. */
async function renderSection(reportId: string, routeReply?: CaseReply) {
  const investigation = investigationCase(await row(reportId), new Date());
  const section = () => createElement(ReportInvestigation, { report: { id: reportId, investigation }, routeReply });
  const handler = createStaticHandler([{ path: "*", Component: section }]);
  const context = await handler.query(new Request(`http://localhost/reports/${reportId}`));
  if (context instanceof Response) throw new Error("no page");
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToStaticMarkup(
    createElement(
      I18nextProvider,
      { i18n: i18nFor("sv") },
      createElement(StaticRouterProvider, { router, context, hydrate: false }),
    ),
  );
}

describe("the investigation an opened decision starts", () => {
  it("starts on the decision's day with a four-month limit, which an investigator may correct", async () => {
    const { investigator, report } = await setup("opened", stockholmInstant("2026-01-12", "10:00"));
    const state = investigationState(await row(report.id));
    expect(state?.startedOn).toBe("2026-01-12");
    expect(state?.dueOn).toBe(fourMonthsAfter("2026-01-12"));
    expect(fourMonthsAfter("2026-10-31")).toBe("2027-02-28");
    expect(fourMonthsAfter("2026-01-15")).toBe("2026-05-15");

    const res = await post(investigator, report.id, { intent: "investigationStart", startedOn: "2026-01-15" });
    expect(res.location).toBe(`/reports/${report.id}?notice=investigationSaved`);
    const corrected = investigationState(await row(report.id));
    expect(corrected).toMatchObject({ startedOn: "2026-01-15", dueOn: "2026-05-15" });
  });

  it("refuses a start before the day of the decision that opened it", async () => {
    const { investigator, report } = await setup("opened", stockholmInstant("2026-01-12", "10:00"));
    for (const startedOn of ["2001-01-01", "2026-01-11"]) {
      const res = await post(investigator, report.id, { intent: "investigationStart", startedOn });
      expect(res.data).toEqual({
        intent: "investigationStart",
        error: "reports:errors.startBeforeDecision",
        values: { startedOn },
      });
    }
    expect((await row(report.id)).investigationStartedOn).toBeNull();
    expect(investigationState(await row(report.id))).toMatchObject({ startedOn: "2026-01-12", dueOn: "2026-05-12" });
    // The decision's own day is allowed (and saved as corrected).
    const same = await post(investigator, report.id, { intent: "investigationStart", startedOn: "2026-01-12" });
    expect(same.location).toBe(`/reports/${report.id}?notice=investigationSaved`);
  });

  it("a start corrected later than an extension's last day keeps four months from the new start", async () => {
    const { investigator, report } = await setup("opened", stockholmInstant("2026-01-12", "10:00"));
    const extended = await post(investigator, report.id, {
      intent: "investigationExtend",
      dueOn: "2026-06-01",
      reason: "Väntar på utlåtande från BUP.",
    });
    expect(extended.status).toBe(302);
    expect(investigationState(await row(report.id))?.dueOn).toBe("2026-06-01");
    await post(investigator, report.id, { intent: "investigationStart", startedOn: "2026-03-10" });
    expect(investigationState(await row(report.id))?.dueOn).toBe("2026-07-10");
  });

  it("has none when no investigation was opened", async () => {
    const { investigator, report } = await setup("not_opened");
    expect(investigationState(await row(report.id))).toBeNull();
    const res = await post(investigator, report.id, {
      intent: "investigationEnd",
      endedOn: today(),
      outcome: "other",
    });
    expect(res.data).toMatchObject({ intent: "investigationEnd", error: "reports:errors.notInvestigated" });
  });

  it("is extended only with a reason, and to a later day", async () => {
    const { investigator, report } = await setup();
    const due = investigationState(await row(report.id))!.dueOn;
    const later = fourMonthsAfter(due);
    const noReason = await post(investigator, report.id, { intent: "investigationExtend", dueOn: later, reason: " " });
    expect(noReason.data).toMatchObject({ error: "reports:errors.extensionReasonRequired" });
    const earlier = await post(investigator, report.id, {
      intent: "investigationExtend",
      dueOn: today(),
      reason: "Väntar på BBIC-underlag.",
    });
    expect(earlier.data).toMatchObject({ error: "reports:errors.extensionNotLater" });
    expect((await row(report.id)).investigationExtensions).toEqual([]);

    const ok = await post(investigator, report.id, {
      intent: "investigationExtend",
      dueOn: later,
      reason: "Väntar på utlåtande från BUP.",
    });
    expect(ok.location).toBe(`/reports/${report.id}?notice=investigationSaved`);
    const state = investigationState(await row(report.id))!;
    expect(state.dueOn).toBe(later);
    expect(state.extensions).toEqual([
      expect.objectContaining({ dueOn: later, reason: "Väntar på utlåtande från BUP.", byId: investigator.id }),
    ]);
  });

  it("ends with an outcome: reporter, observer and co-signer are told once that it closed, and nothing more", async () => {
    const { principal, deputy, teacher, investigator, report } = await setup();
    const missing = await post(investigator, report.id, { intent: "investigationEnd", endedOn: today() });
    expect(missing.data).toMatchObject({ error: "reports:errors.investigationOutcomeRequired" });

    const form = { intent: "investigationEnd", endedOn: today(), outcome: "support_granted" };
    const res = await post(investigator, report.id, form);
    expect(res.location).toBe(`/reports/${report.id}?notice=investigationEnded`);
    expect(await row(report.id)).toMatchObject({
      investigationEndedOn: today(),
      investigationOutcome: "support_granted",
    });
    // A resent form changes nothing and tells nobody again.
    expect((await post(investigator, report.id, form)).status).toBe(302);
    // Another end (a second investigator's, or another day) is refused, not dropped in silence.
    for (const other of [
      { ...form, outcome: "other" },
      { ...form, endedOn: addCalendarDays(today(), -1) },
    ]) {
      const refused = await post(investigator, report.id, other);
      expect(refused.data).toMatchObject({ intent: "investigationEnd", error: "reports:errors.endedDifferently" });
      const html = await renderSection(report.id, refused.data as CaseReply);
      expect(html).toContain("Utredningen är redan avslutad, med ett annat datum eller utfall");
    }
    expect(await row(report.id)).toMatchObject({
      investigationEndedOn: today(),
      investigationOutcome: "support_granted",
    });

    for (const who of [principal, deputy, teacher]) {
      const told = await closedMessages(who.id);
      expect(told).toHaveLength(1);
      expect(told[0].subject).toBe(`Utredningen efter anmälan ${report.reference} är avslutad`);
      expect(told[0].body).toContain("avslutat utredningen");
      expect(told[0].body).not.toMatch(/insats|beviljad|Hemlig/i);
      expect(told[0].link).toBe(`/reports/${report.id}`);
    }
    const stages = await getDb()
      .select()
      .from(basicFeedback)
      .where(and(eq(basicFeedback.reportId, report.id), eq(basicFeedback.stage, "investigation_closed")));
    expect(stages).toHaveLength(3);
    // The e-mail notices carry no content.
    const mails = await getDb().select().from(outboxEmails).where(eq(outboxEmails.recipientId, teacher.id));
    expect(mails.length).toBeGreaterThanOrEqual(3);
    for (const mail of mails) expect(`${mail.subject}\n${mail.textBody}`).not.toMatch(/Hemlig|ORO-|utredning|insats/i);

    // Ended: no extension any more.
    const extend = await post(investigator, report.id, {
      intent: "investigationExtend",
      dueOn: "2099-01-01",
      reason: "För sent.",
    });
    expect(extend.data).toMatchObject({ error: "reports:errors.investigationEnded" });
  });

  it("takes one of two investigators' ends sent at once and refuses the other", async () => {
    const { teacher, investigator, world, report } = await setup();
    const second = await createUser({
      municipalityId: investigator.municipalityId,
      unitId: world.unit.investigation.id,
      role: "investigator",
    });
    const ends = await Promise.all([
      post(investigator, report.id, { intent: "investigationEnd", endedOn: today(), outcome: "support_granted" }),
      post(second, report.id, { intent: "investigationEnd", endedOn: today(), outcome: "no_support_needed" }),
    ]);
    expect(ends.map((e) => e.status).sort()).toEqual([200, 302]);
    const refused = ends.find((e) => e.status === 200)!;
    expect(refused.data).toMatchObject({ error: "reports:errors.endedDifferently" });
    const kept =
      (refused.data as CaseReply).values?.outcome === "support_granted" ? "no_support_needed" : "support_granted";
    expect((await row(report.id)).investigationOutcome).toBe(kept);
    expect(await closedMessages(teacher.id)).toHaveLength(1);
  });

  it("tells the reporter the day the investigation ended, not the day that was recorded", async () => {
    const { teacher, investigator, report } = await setup("opened", daysAgo(20));
    const endedOn = addCalendarDays(today(), -10);
    const res = await post(investigator, report.id, { intent: "investigationEnd", endedOn, outcome: "referred" });
    expect(res.status).toBe(302);
    const [told] = await closedMessages(teacher.id);
    expect(told.params).toMatchObject({ text: "investigation_closed", date: endedOn });
    expect(told.body).toContain(`den ${formatDate(endedOn, "sv")} avslutat utredningen`);
  });

  it("keeps the chosen outcome when an end is refused", async () => {
    const { investigator, report } = await setup();
    const res = await post(investigator, report.id, {
      intent: "investigationEnd",
      endedOn: addCalendarDays(today(), -1),
      outcome: "support_granted",
    });
    expect(res.data).toMatchObject({
      error: "reports:errors.endBeforeStart",
      values: { endedOn: addCalendarDays(today(), -1), outcome: "support_granted" },
    });
    const html = await renderSection(report.id, res.data as CaseReply);
    const checked = [...html.matchAll(/<input type="radio" name="outcome"[^>]*>/g)].filter(([i]) =>
      i.includes("checked"),
    );
    expect(checked.map(([i]) => i)).toEqual([expect.stringContaining('value="support_granted"')]);
    expect(html).toContain(`action="/reports/${report.id}/investigation"`);
  });

  it("is recorded by social services only, in their own municipality", async () => {
    const { teacher, principal, investigator, report } = await setup();
    const form = { intent: "investigationEnd", endedOn: today(), outcome: "other" };
    expect((await post(teacher, report.id, form)).status).toBe(403);
    expect((await post(principal, report.id, form)).status).toBe(403);
    const other = await createWorld("Annanstad");
    const otherReport = await createReport(other.user.staff, other.unit.school.id);
    await decide(other.user.reception_worker, otherReport.id);
    expect((await post(investigator, otherReport.id, form)).status).toBe(404);
    expect((await row(otherReport.id)).investigationEndedOn).toBeNull();
    expect((await row(report.id)).investigationEndedOn).toBeNull();
  });

  it("counts the closing feedback given on time on /feedback, apart from the decision's", async () => {
    const { worker, investigator, report } = await setup();
    await post(investigator, report.id, { intent: "investigationEnd", endedOn: today(), outcome: "referred" });
    const page = await callRoute(dashboardRoute.loader, { path: "/feedback", cookie: await sessionCookieFor(worker) });
    const data = page.data as Awaited<ReturnType<typeof dashboardRoute.loader>>;
    const of = (stage: string) => data.periods.filter((p) => p.stage === stage && p.days === 30);
    // Reporter, observer and co-signer, each told in the portal at once: on time.
    expect(of("investigation_closed")).toEqual([
      expect.objectContaining({ stage: "investigation_closed", days: 30, total: 3, onTime: 3, share: 1 }),
    ]);
    expect(of("decided")).toEqual([expect.objectContaining({ total: 3, onTime: 3 })]);
  });

  it("puts the closing feedback for a reporter outside the portal on /feedback", async () => {
    const { world, worker, investigator } = await setup();
    const registered = await registerReport(worker, {
      ...reportInput(world.unit.school.id),
      channel: "phone",
      receivedAt: stockholmInstant(today(), "08:00"),
      reporterName: "Granne Grannsson",
      reporterPhone: "070-111 11 11",
      reporterEmail: "",
    });
    await decide(worker, registered.id);
    await post(investigator, registered.id, { intent: "investigationEnd", endedOn: today(), outcome: "referred" });
    const page = await callRoute(dashboardRoute.loader, { path: "/feedback", cookie: await sessionCookieFor(worker) });
    const data = page.data as Awaited<ReturnType<typeof dashboardRoute.loader>>;
    const open = data.open.filter((o) => o.reportId === registered.id).map((o) => o.stage);
    expect(open.sort()).toEqual(["decided", "investigation_closed", "received"]);
  });
});
