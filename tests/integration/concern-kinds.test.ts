import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, concernKinds, reportConcernKinds, reportEvents, reports } from "#db/schema";
import { ReportKinds, type ReportKindsData } from "~/components/report-kinds";
import { DEFAULT_CONCERN_KINDS, requiresPoliceConsideration } from "~/domain/concern-kinds";
import { i18nFor } from "~/lib/i18n";
import { addCalendarDays, stockholmDate, stockholmInstant } from "~/domain/deadlines";
import {
  addConcernKind,
  concernKindsOf,
  kindsOfReport,
  moveConcernKind,
  renameConcernKind,
  setConcernKindActive,
  setReportKinds,
} from "~/models/concern-kinds.server";
import { registerReport } from "~/models/report.server";
import { getCurrentUser } from "~/models/user.server";
import * as detailRoute from "~/routes/reports.$reportId";
import * as kindsRoute from "~/routes/reports.$reportId.kinds";
import * as manageRoute from "~/routes/guidance.manage.concern-kinds";
import * as newRoute from "~/routes/reports.new";
import { createReport, createWorld, reportInput, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";

type World = Awaited<ReturnType<typeof createWorld>>;
const as = async (world: World, role: keyof World["user"]) =>
  (await getCurrentUser(world.user[role].id, world.municipality.id))!;
const kindOf = async (world: World, code: string) =>
  (await concernKindsOf({ municipalityId: world.municipality.id })).find((k) => k.code === code)!;

/** The kinds form as the page sends it: one `kindIds` per ticked box. */
const postKinds = (reportId: string, cookie: string, kindIds: string[]) =>
  callRoute(kindsRoute.action, {
    path: `/reports/${reportId}/kinds`,
    params: { reportId },
    cookie,
    method: "POST",
    body: new URLSearchParams([["intent", "kinds"], ...kindIds.map((id) => ["kindIds", id])]).toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
const postManage = (cookie: string, form: Record<string, string>) =>
  callRoute(manageRoute.action, { path: "/guidance/manage/concern-kinds", cookie, method: "POST", form });

describe("police consideration", () => {
  it("is required when any kind is one of violence, and not otherwise", () => {
    expect(requiresPoliceConsideration([])).toBe(false);
    expect(requiresPoliceConsideration([{ violence: false }, { violence: false }])).toBe(false);
    expect(requiresPoliceConsideration([{ violence: false }, { violence: true }])).toBe(true);
    const violent = DEFAULT_CONCERN_KINDS.filter((k) => k.violence).map((k) => k.code);
    expect(violent.sort()).toEqual(["physical_violence", "sexual_abuse", "witnessing_violence"]);
  });
});

describe("the municipality's list of kinds", () => {
  it("starts with the defaults, in their order, for every municipality", async () => {
    const a = await createWorld("Förvalsstad");
    const b = await createWorld("Annanstad");
    const listA = await concernKindsOf({ municipalityId: a.municipality.id });
    const listB = await concernKindsOf({ municipalityId: b.municipality.id });
    expect(listA.map((k) => k.code)).toEqual(DEFAULT_CONCERN_KINDS.map((k) => k.code));
    expect(listA.map((k) => k.code)).toEqual([
      "physical_violence",
      "sexual_abuse",
      "psychological_violence",
      "witnessing_violence",
      "neglect",
      "honour_related",
      "own_behaviour",
      "school_absence",
      "parental_substance_or_mental_illness",
      "other",
    ]);
    expect(listA.every((k) => k.active && k.labelSv === null && k.labelEn === null)).toBe(true);
    expect(listA.filter((k) => k.violence).map((k) => k.code)).toEqual([
      "physical_violence",
      "sexual_abuse",
      "witnessing_violence",
    ]);
    // Each municipality has rows of its own.
    expect(listB.map((k) => k.code)).toEqual(listA.map((k) => k.code));
    expect(listA.some((k) => listB.some((o) => o.id === k.id))).toBe(false);
  });

  it("lets the coordinator add, rename, retire, reactivate and order kinds, audited", async () => {
    const world = await createWorld();
    const coordinator = await as(world, "coordinator");
    const key = randomUUID();
    const added = await addConcernKind(
      coordinator,
      { labelSv: "Hedersrelaterat våld", labelEn: "Honour violence", violence: true },
      key,
    );
    expect(added).toMatchObject({ ok: true, created: true });
    if (!added.ok) return;
    // The same form sent again finds the first one's kind.
    expect(
      await addConcernKind(
        coordinator,
        { labelSv: "Hedersrelaterat våld", labelEn: "Honour violence", violence: true },
        key,
      ),
    ).toEqual({ ok: true, id: added.id, created: false });
    // Another kind with the same name is refused.
    expect(
      await addConcernKind(
        coordinator,
        { labelSv: "hedersrelaterat VÅLD", labelEn: "x", violence: false },
        randomUUID(),
      ),
    ).toEqual({ ok: false, error: "nameTaken" });

    let list = await concernKindsOf({ municipalityId: world.municipality.id });
    expect(list.at(-1)).toMatchObject({ id: added.id, labelSv: "Hedersrelaterat våld", violence: true, active: true });

    expect(
      await renameConcernKind(coordinator, added.id, {
        labelSv: "Hedersvåld",
        labelEn: "Honour-based violence",
        violence: true,
      }),
    ).toEqual({ ok: true });
    // A default keeps its flag: police consideration for violence is the guidelines' rule, not a setting.
    const physical = await kindOf(world, "physical_violence");
    expect(
      await renameConcernKind(coordinator, physical.id, {
        labelSv: "Fysiskt våld mot barnet",
        labelEn: "Physical violence against the child",
        violence: false,
      }),
    ).toEqual({ ok: true });
    expect(await kindOf(world, "physical_violence")).toMatchObject({
      labelSv: "Fysiskt våld mot barnet",
      violence: true,
    });
    // Both fields empty: a default is worded by the portal again.
    expect(await renameConcernKind(coordinator, physical.id, { labelSv: "", labelEn: "", violence: true })).toEqual({
      ok: true,
    });
    expect(await kindOf(world, "physical_violence")).toMatchObject({ labelSv: null, labelEn: null });

    expect(await setConcernKindActive(coordinator, added.id, false)).toEqual({ ok: true });
    expect(
      (await concernKindsOf({ municipalityId: world.municipality.id })).find((k) => k.id === added.id)?.active,
    ).toBe(false);
    expect(await setConcernKindActive(coordinator, added.id, true)).toEqual({ ok: true });

    expect(await moveConcernKind(coordinator, added.id, "up")).toEqual({ ok: true });
    list = await concernKindsOf({ municipalityId: world.municipality.id });
    expect(list.map((k) => k.code).slice(-2)).toEqual([list.find((k) => k.id === added.id)!.code, "other"]);
    // The first cannot go further up: nothing changes.
    const first = list[0];
    expect(await moveConcernKind(coordinator, first.id, "up")).toEqual({ ok: true });
    expect((await concernKindsOf({ municipalityId: world.municipality.id }))[0].id).toBe(first.id);

    const audited = await getDb()
      .select({ action: auditEvents.action, details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.recordType, "concern_kind"), eq(auditEvents.recordId, added.id)));
    // Added, renamed, retired, reactivated, moved (the resend and the refused name wrote nothing).
    expect(audited.map((a) => a.action)).toEqual(["create", "update", "update", "update", "update"]);
  });

  it("never reaches another municipality's kind", async () => {
    const world = await createWorld();
    const other = await createWorld("Grannstad");
    const coordinator = await as(world, "coordinator");
    const theirs = await kindOf(other, "neglect");
    expect(
      await renameConcernKind(coordinator, theirs.id, { labelSv: "Mitt", labelEn: "Mine", violence: false }),
    ).toEqual({
      ok: false,
      error: "notFound",
    });
    expect(await setConcernKindActive(coordinator, theirs.id, false)).toEqual({ ok: false, error: "notFound" });
    expect(await moveConcernKind(coordinator, theirs.id, "down")).toEqual({ ok: false, error: "notFound" });
    expect(await kindOf(other, "neglect")).toEqual(theirs);

    // Through the page: the other municipality's id does not exist here.
    const cookie = await sessionCookieFor(world.user.coordinator);
    const refused = await postManage(cookie, { intent: "retire", kindId: theirs.id });
    expect(refused.status).toBe(404);
    expect(await kindOf(other, "neglect")).toEqual(theirs);
    const done = await postManage(cookie, { intent: "retire", kindId: (await kindOf(world, "neglect")).id });
    expect(done.status).toBe(302);
    expect((await kindOf(world, "neglect")).active).toBe(false);
  });

  it("is the coordinator's page alone", async () => {
    const world = await createWorld();
    const own = (await kindOf(world, "other")).id;
    for (const role of ["reception_worker", "staff", "admin"] as const) {
      const cookie = await sessionCookieFor(world.user[role]);
      expect((await postManage(cookie, { intent: "retire", kindId: own })).status).toBe(403);
    }
    const page = await callRoute(manageRoute.loader, {
      path: "/guidance/manage/concern-kinds",
      cookie: await sessionCookieFor(world.user.coordinator),
    });
    expect(page.status).toBe(200);
    expect((page.data as { kinds: { code: string }[] }).kinds).toHaveLength(DEFAULT_CONCERN_KINDS.length);
  });
});

describe("the kinds reception sets on a report", () => {
  it("are set by social services, replaced as a whole, with an event and an audit entry", async () => {
    const world = await createWorld();
    const report = await createReport(world.user.staff, world.unit.school.id);
    const worker = await as(world, "reception_worker");
    const physical = await kindOf(world, "physical_violence");
    const neglect = await kindOf(world, "neglect");
    const row = { id: report.id, municipalityId: world.municipality.id };

    expect(await setReportKinds(worker, row, [neglect.id])).toEqual({ ok: true });
    expect(requiresPoliceConsideration(await kindsOfReport(row))).toBe(false);
    const investigator = await as(world, "investigator");
    expect(await setReportKinds(investigator, row, [physical.id, neglect.id])).toEqual({ ok: true });
    const set = await kindsOfReport(row);
    expect(set.map((k) => k.code)).toEqual(["physical_violence", "neglect"]);
    expect(requiresPoliceConsideration(set)).toBe(true);
    // The same set again changes nothing and records nothing.
    expect(await setReportKinds(investigator, row, [neglect.id, physical.id])).toEqual({ ok: true });

    const events = await getDb()
      .select({ kind: reportEvents.kind })
      .from(reportEvents)
      .where(and(eq(reportEvents.reportId, report.id), eq(reportEvents.kind, "kinds_set")));
    expect(events).toHaveLength(2);
    const audited = await getDb()
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.recordType, "report"), eq(auditEvents.recordId, report.id)));
    expect(audited.filter((a) => (a.details as { change?: string } | null)?.change === "kinds_set")).toHaveLength(2);
  });

  it("are refused to school staff, and never cross a municipality", async () => {
    const world = await createWorld();
    const other = await createWorld("Grannstad");
    const report = await createReport(world.user.staff, world.unit.school.id);
    const theirReport = await createReport(other.user.staff, other.unit.school.id);
    const neglect = await kindOf(world, "neglect");
    const theirNeglect = await kindOf(other, "neglect");
    const row = { id: report.id, municipalityId: world.municipality.id };

    expect(await setReportKinds(await as(world, "staff"), row, [neglect.id])).toEqual({
      ok: false,
      error: "notAllowed",
    });
    expect(await setReportKinds(await as(world, "principal"), row, [neglect.id])).toEqual({
      ok: false,
      error: "notAllowed",
    });
    const worker = await as(world, "reception_worker");
    expect(await setReportKinds(worker, row, [theirNeglect.id])).toEqual({ ok: false, error: "unknownKind" });
    expect(await setReportKinds(worker, { id: theirReport.id }, [neglect.id])).toEqual({
      ok: false,
      error: "notFound",
    });
    expect(await kindsOfReport(row)).toEqual([]);
    expect(await kindsOfReport({ id: theirReport.id, municipalityId: other.municipality.id })).toEqual([]);

    // Through the step route: staff are refused, another municipality's report does not exist.
    expect((await postKinds(report.id, await sessionCookieFor(world.user.staff), [neglect.id])).status).toBe(403);
    const reception = await sessionCookieFor(world.user.reception_worker);
    expect((await postKinds(theirReport.id, reception, [neglect.id])).status).toBe(404);
    const unknown = await postKinds(report.id, reception, [theirNeglect.id]);
    expect(unknown.status).toBe(200);
    expect(unknown.data).toMatchObject({ intent: "kinds", error: "reports:errors.unknownKind" });
    const none = await postKinds(report.id, reception, []);
    expect(none.data).toMatchObject({ intent: "kinds", error: "reports:errors.kindRequired" });
    const saved = await postKinds(report.id, reception, [neglect.id]);
    expect(saved.status).toBe(302);
    expect((await kindsOfReport(row)).map((k) => k.code)).toEqual(["neglect"]);
  });

  it("keeps a retired kind already set, but sets no retired kind anew", async () => {
    const world = await createWorld();
    const report = await createReport(world.user.staff, world.unit.school.id);
    const worker = await as(world, "reception_worker");
    const coordinator = await as(world, "coordinator");
    const [neglect, absence] = [await kindOf(world, "neglect"), await kindOf(world, "school_absence")];
    const row = { id: report.id, municipalityId: world.municipality.id };
    await setReportKinds(worker, row, [neglect.id]);
    await setConcernKindActive(coordinator, neglect.id, false);
    await setConcernKindActive(coordinator, absence.id, false);
    expect(await setReportKinds(worker, row, [neglect.id, absence.id])).toEqual({ ok: false, error: "unknownKind" });
    const other = await kindOf(world, "other");
    expect(await setReportKinds(worker, row, [neglect.id, other.id])).toEqual({ ok: true });
  });

  it("are on the case page for social services only, with the reporter's suggestion, age band and days", async () => {
    const world = await createWorld();
    const physical = await kindOf(world, "physical_violence");
    const report = await createReport(world.user.staff, world.unit.school.id, { suggestedKindId: physical.id });
    const reception = await sessionCookieFor(world.user.reception_worker);
    const page = await callRoute(detailRoute.loader, {
      path: `/reports/${report.id}`,
      params: { reportId: report.id },
      cookie: reception,
    });
    const data = page.data as {
      report: {
        concernKinds: { options: { id: string }[]; selected: string[]; suggested: { id: string } | null };
        ageBand: string | null;
        daysToReport: number | null;
      };
    };
    expect(data.report.concernKinds.suggested?.id).toBe(physical.id);
    expect(data.report.concernKinds.selected).toEqual([]);
    expect(data.report.concernKinds.options).toHaveLength(DEFAULT_CONCERN_KINDS.length);
    expect(data.report.daysToReport).toBe(3);
    expect(data.report.ageBand).not.toBeNull();

    const staffPage = await callRoute(detailRoute.loader, {
      path: `/reports/${report.id}`,
      params: { reportId: report.id },
      cookie: await sessionCookieFor(world.user.staff),
    });
    const seen = JSON.stringify(staffPage.data);
    expect(staffPage.status).toBe(200);
    for (const hidden of ["concernKinds", "ageBand", "daysToReport", "suggestedKind", physical.id])
      expect(seen).not.toContain(hidden);
  });
});

describe("the reporter's suggestion", () => {
  const today = () => stockholmDate(new Date());
  const form = (world: World, overrides: Record<string, string> = {}) => ({
    draftId: randomUUID(),
    intent: "submit",
    unitId: world.unit.school.id,
    childName: "Saga Testsson",
    childPersonalNumber: "",
    childBirthDate: "2017-04-09",
    childGroup: "3A",
    observedOn: addCalendarDays(today(), -2),
    observations: "Saga kom till skolan med ett blåmärke på kinden och ville inte gå hem.",
    childWords: "",
    guardian1Name: "",
    interpreterLanguage: "",
    otherAgencies: "",
    adviceCode: "",
    wantsFeedback: "on",
    observedBy: "me",
    reporterPhone: "0123-45 12 01",
    reporterEmail: "larare@example.test",
    ...overrides,
  });
  const submit = async (world: World, overrides: Record<string, string>) =>
    callRoute(newRoute.action, {
      path: "/reports/new",
      cookie: await sessionCookieFor(world.user.staff),
      method: "POST",
      form: form(world, overrides),
    });
  const stored = async (location: string | null) => {
    const id = location!.split("/")[2];
    const [row] = await getDb()
      .select({ suggestedKindId: reports.suggestedKindId })
      .from(reports)
      .where(eq(reports.id, id));
    return row.suggestedKindId;
  };

  it("is stored from the report form, optional, and only one of the municipality's active kinds", async () => {
    const world = await createWorld();
    const other = await createWorld("Grannstad");
    const neglect = await kindOf(world, "neglect");

    const opened = await callRoute(newRoute.loader, {
      path: `/reports/new?draft=${randomUUID()}`,
      cookie: await sessionCookieFor(world.user.staff),
    });
    // The school sees the active kinds' names and nothing more.
    const options = (opened.data as { concernKinds: Record<string, unknown>[] }).concernKinds;
    expect(options).toHaveLength(DEFAULT_CONCERN_KINDS.length);
    expect(Object.keys(options[0]).sort()).toEqual(["code", "id", "labelEn", "labelSv"]);

    const suggested = await submit(world, { suggestedKindId: neglect.id });
    expect(suggested.status).toBe(302);
    expect(await stored(suggested.location)).toBe(neglect.id);

    const without = await submit(world, {});
    expect(without.status).toBe(302);
    expect(await stored(without.location)).toBeNull();

    const theirs = await submit(world, { suggestedKindId: (await kindOf(other, "neglect")).id });
    expect(theirs.status).toBe(200);
    expect(JSON.stringify(theirs.data)).toContain("reports:errors.unknownKind");

    await setConcernKindActive(await as(world, "coordinator"), neglect.id, false);
    const retired = await submit(world, { suggestedKindId: neglect.id });
    expect(retired.status).toBe(200);
  });
});

describe("facts fixed at receipt", () => {
  // 23:30 UTC on 10 March is 00:30 on 11 March in Stockholm: the day counts are Stockholm's.
  const receivedAt = new Date("2026-03-10T23:30:00Z");

  it("take the age band from the personal identity number and the days from the observation", async () => {
    const world = await createWorld();
    const report = await createReport(
      world.user.staff,
      world.unit.school.id,
      // Born 15 March 2014 (a coordination number: day + 60): eleven on 11 March 2026, twelve four days later.
      { childPersonalNumber: "20140375-2387", childBirthDate: null, observedOn: "2026-03-08" },
      receivedAt,
    );
    const [row] = await getDb().select().from(reports).where(eq(reports.id, report.id));
    expect(row.ageBand).toBe("10-12");
    expect(row.daysToReport).toBe(3);
  });

  it("take the age band from the birth date, on the Stockholm day of receipt", async () => {
    const world = await createWorld();
    // Six on 11 March (Stockholm), still five on 10 March (UTC).
    const report = await createReport(
      world.user.staff,
      world.unit.school.id,
      { childBirthDate: "2020-03-11", observedOn: "2026-03-11" },
      receivedAt,
    );
    const [row] = await getDb().select().from(reports).where(eq(reports.id, report.id));
    expect(row.ageBand).toBe("6-9");
    expect(row.daysToReport).toBe(0);
  });

  it("leave them empty when unknown, for a registered report too", async () => {
    const world = await createWorld();
    const worker = await as(world, "reception_worker");
    const { unitId: _unit, reporterPhone, reporterEmail, ...content } = reportInput(world.unit.school.id);
    const registered = await registerReport(worker, {
      ...content,
      unitId: null,
      childBirthDate: "2004-01-01",
      observedOn: null,
      channel: "police",
      receivedAt: stockholmInstant("2026-03-02", "09:00"),
      reporterName: "Polisen",
      reporterPhone,
      reporterEmail,
    });
    const [row] = await getDb().select().from(reports).where(eq(reports.id, registered.id));
    // Twenty-two: past the bands of a child.
    expect(row.ageBand).toBeNull();
    expect(row.daysToReport).toBeNull();

    const observed = await registerReport(worker, {
      ...content,
      unitId: null,
      childBirthDate: "2025-06-01",
      observedOn: "2026-02-20",
      channel: "paper",
      receivedAt: stockholmInstant("2026-03-02", "09:00"),
      reporterName: "Anna Anmälare",
      reporterPhone,
      reporterEmail,
    });
    const [second] = await getDb().select().from(reports).where(eq(reports.id, observed.id));
    expect(second.ageBand).toBe("0-2");
    expect(second.daysToReport).toBe(10);
  });
});

describe("rows", () => {
  it("scope the kinds of a report by municipality", async () => {
    const world = await createWorld();
    const report = await createReport(world.user.staff, world.unit.school.id);
    await setReportKinds(await as(world, "reception_worker"), { id: report.id }, [(await kindOf(world, "other")).id]);
    const [row] = await getDb().select().from(reportConcernKinds).where(eq(reportConcernKinds.reportId, report.id));
    expect(row.municipalityId).toBe(world.municipality.id);
    const [kind] = await getDb().select().from(concernKinds).where(eq(concernKinds.id, row.kindId));
    expect(kind.municipalityId).toBe(world.municipality.id);
  });
});

describe("the case page's section", () => {
  /** As the server renders it (as Remix does: a static router), in Swedish. */
  async function render(report: ReportKindsData) {
    const section = () => createElement(ReportKinds, { report });
    const handler = createStaticHandler([{ path: "*", Component: section }]);
    const context = await handler.query(new Request(`http://localhost/reports/${report.id}`));
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
  const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

  it("names the kinds, ticks those set, and shows the suggestion, the age band and the days", async () => {
    const html = await render({
      id: id(9),
      ageBand: "6-9",
      daysToReport: 1,
      concernKinds: {
        options: [
          { id: id(1), code: "physical_violence", labelSv: null, labelEn: null, violence: true },
          { id: id(2), code: "local_ab12cd34", labelSv: "Mobbning", labelEn: "Bullying", violence: false },
        ],
        selected: [id(2)],
        suggested: { id: id(1), code: "physical_violence", labelSv: null, labelEn: null },
      },
    });
    expect(html).toContain('action="/reports/00000000-0000-4000-8000-000000000009/kinds"');
    expect(html).toContain("Fysiskt våld");
    expect(html).toContain("Mobbning");
    expect(html).toContain(`checked="" value="${id(2)}"`);
    expect(html).not.toContain(`checked="" value="${id(1)}"`);
    expect(html).toContain("6-9 år");
    expect(html).toContain("1 dag<");
    expect(html).toContain("Våld: polisanmälan ska övervägas");
    expect(html).not.toContain("concernKinds.");
  });
});

describe("the coordinators' page", () => {
  it("renders the list with its forms", async () => {
    const world = await createWorld();
    const coordinator = await as(world, "coordinator");
    await addConcernKind(coordinator, { labelSv: "Mobbning", labelEn: "Bullying", violence: false }, randomUUID());
    const page = await callRoute(manageRoute.loader, {
      path: "/guidance/manage/concern-kinds",
      cookie: await sessionCookieFor(world.user.coordinator),
    });
    const handler = createStaticHandler([
      {
        path: "*",
        id: "routes/guidance.manage.concern-kinds",
        loader: () => page.data as object,
        Component: manageRoute.default,
      },
    ]);
    const context = await handler.query(new Request("http://localhost/guidance/manage/concern-kinds"));
    if (context instanceof Response) throw new Error("no page");
    const router = createStaticRouter(handler.dataRoutes, context);
    const html = renderToStaticMarkup(
      createElement(
        I18nextProvider,
        { i18n: i18nFor("sv") },
        createElement(StaticRouterProvider, { router, context, hydrate: false }),
      ),
    );
    expect(html.match(/<li /g)).toHaveLength(DEFAULT_CONCERN_KINDS.length + 1);
    // The first moves only down, the last only up.
    expect(html.split("<li ")[1]).not.toContain("Flytta upp");
    expect(html.split("<li ").at(-1)).not.toContain("Flytta ned");
    expect(html).toContain('value="Mobbning"');
    expect(html).not.toContain("concernKinds.");
  });
});
