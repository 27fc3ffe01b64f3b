import { createElement, type FunctionComponent } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { CaseProcess } from "~/components/report-case";
import { ReportInvestigation } from "~/components/report-investigation";
import { DueBadge } from "~/components/report-status";
import { ReceptionInbox } from "~/components/reports-inbox";
import { type AppLocale, i18nFor } from "~/lib/i18n";

// Issue 21, item 5: every deadline says what it counts; the legal ones (protection assessment, 14-day decision,
// the investigation's four months) count calendar days, whatever the municipality counts its feedback in.

/** A component as the server renders it (as Remix does: a static router). */
async function render(component: FunctionComponent, locale: AppLocale = "sv") {
  const handler = createStaticHandler([{ path: "*", Component: component }]);
  const context = await handler.query(new Request("http://localhost/reports"));
  if (context instanceof Response) throw new Error("no page");
  const router = createStaticRouter(handler.dataRoutes, context);
  const html = renderToStaticMarkup(
    createElement(
      I18nextProvider,
      { i18n: i18nFor(locale) },
      createElement(StaticRouterProvider, { router, context, hydrate: false }),
    ),
  );
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");
}

const ID = "00000000-0000-4000-8000-000000000031";
// Received 2027-03-01 in Stockholm: protection due through the 2nd, decision through the 15th (exclusive bounds).
const PROTECTION_DUE = "2027-03-02T23:00:00.000Z";
const DECISION_DUE = "2027-03-15T23:00:00.000Z";

const caseReport = (over: Partial<Parameters<typeof CaseProcess>[0]["report"]> = {}) => ({
  id: ID,
  protection: { dueAt: PROTECTION_DUE, state: "upcoming", assessedAt: null, outcome: null },
  decisionDeadline: { dueAt: DECISION_DUE, state: "upcoming" },
  decidedAt: null,
  assignedToId: null,
  childHeard: null,
  childHeardNote: null,
  decision: null,
  decisionGround: null,
  decisionReasons: null,
  remainingConcern: null,
  police: { considered: null, reported: null, note: null, consultedOn: null, required: false, reconsider: false },
  neededSupplement: false,
  secondLooks: [],
  channel: "portal",
  reporterPhone: "",
  reporterEmail: "",
  registeredByName: null,
  workers: [],
  ...over,
});

describe("the report's legal deadlines say they count calendar days", () => {
  it("on the case page: the protection assessment and the 14-day decision, in Swedish", async () => {
    const text = await render(() => createElement(CaseProcess, { report: caseReport() }));
    expect(text).toContain("Senast 2 mars 2027 (frist: 1 kalenderdag från att anmälan kom in)");
    expect(text).toContain("Senast 15 mars 2027 (frist: 14 kalenderdagar från att anmälan kom in)");
  });

  it("on the case page, in English", async () => {
    const text = await render(() => createElement(CaseProcess, { report: caseReport() }), "en");
    expect(text).toContain("Due 2 Mar 2027 (deadline: 1 calendar day from receipt of the report)");
    expect(text).toContain("Due 15 Mar 2027 (deadline: 14 calendar days from receipt of the report)");
  });

  it("still when a deadline is met late or has passed: what it counted stays beside it", async () => {
    const report = caseReport({
      protection: { dueAt: PROTECTION_DUE, state: "done_late", assessedAt: "2027-03-03T09:00:00.000Z", outcome: null },
      decisionDeadline: { dueAt: DECISION_DUE, state: "overdue" },
    });
    const text = await render(() => createElement(CaseProcess, { report }));
    expect(text).toContain("efter fristen 2 mars 2027 (frist: 1 kalenderdag från att anmälan kom in)");
    expect(text).toContain("Försenad – senast 15 mars 2027 (frist: 14 kalenderdagar från att anmälan kom in)");
  });

  it("keeps the badge's own text as it was (the leads' queue shows the same deadline without the rule)", async () => {
    const html = renderToStaticMarkup(
      createElement(
        I18nextProvider,
        { i18n: i18nFor("sv") },
        createElement(DueBadge, { state: "upcoming", dueAt: DECISION_DUE, doneAt: null, counts: "x" }),
      ),
    );
    expect(html).toMatch(/<span class="due due--upcoming">Senast 15 mars 2027<\/span>/);
  });

  it("in reception's inbox: both due columns say calendar days, in both languages", async () => {
    const data = {
      view: "reception",
      canRegister: false,
      filter: { status: "open", due: "any", assigned: "any", sort: "due", channel: null, unitKind: null, page: 1 },
      total: 1,
      pageCount: 1,
      reports: [
        {
          id: ID,
          reference: "ORO-2027-0031",
          acute: false,
          channel: "portal",
          childName: "Testbarn",
          unitName: "Skolan",
          receivedAt: "2027-03-01T09:00:00.000Z",
          protectionState: "upcoming",
          protectionDueAt: PROTECTION_DUE,
          protectionAssessedAt: null,
          decisionState: "upcoming",
          decisionDueAt: DECISION_DUE,
          decidedAt: null,
          decision: null,
          assignedToName: null,
        },
      ],
    } as unknown as Parameters<typeof ReceptionInbox>[0]["data"];
    const sv = await render(() => createElement(ReceptionInbox, { data }));
    expect(sv).toContain("Senast 2 mars 2027 (frist i kalenderdagar)");
    expect(sv).toContain("Senast 15 mars 2027 (frist i kalenderdagar)");
    expect(sv).toContain("Båda fristerna räknas i kalenderdagar");
    const en = await render(() => createElement(ReceptionInbox, { data }), "en");
    expect(en).toContain("Due 2 Mar 2027 (calendar-day deadline)");
    expect(en).toContain("Due 15 Mar 2027 (calendar-day deadline)");
    expect(en).toContain("Both deadlines count calendar days");
  });

  it("for the investigation: four calendar months from its start, also when extended", async () => {
    const investigation = {
      startedOn: "2027-03-10",
      dueOn: "2027-07-10",
      dueAt: "2027-07-10T22:00:00.000Z",
      state: "upcoming",
      extensions: [],
      endedOn: null,
      outcome: null,
    };
    const section = (inv: typeof investigation) => () =>
      createElement(ReportInvestigation, { report: { id: ID, investigation: inv } });
    const sv = await render(section(investigation));
    expect(sv).toContain("Senast 10 juli 2027 (frist: 4 kalendermånader från att utredningen inleddes)");
    const en = await render(section(investigation), "en");
    expect(en).toContain("Due 10 Jul 2027 (deadline: 4 calendar months from the start of the investigation)");

    const extended = {
      ...investigation,
      dueOn: "2027-09-10",
      dueAt: "2027-09-10T22:00:00.000Z",
      extensions: [{ dueOn: "2027-09-10", reason: "Väntar på utlåtande" }],
    } as unknown as typeof investigation;
    expect(await render(section(extended))).toContain(
      "Senast 10 sep. 2027 (frist: 4 kalendermånader från att utredningen inleddes, förlängd)",
    );
    expect(await render(section(extended), "en")).toContain(
      "Due 10 Sept 2027 (deadline: 4 calendar months from the start of the investigation, extended)",
    );

    // An extension made before the start was corrected later, and so within the new four months, extends nothing.
    const outrun = {
      ...investigation,
      startedOn: "2027-06-01",
      dueOn: "2027-10-01",
      dueAt: "2027-10-01T22:00:00.000Z",
      extensions: [{ dueOn: "2027-09-10", reason: "Väntar på utlåtande" }],
    } as unknown as typeof investigation;
    expect(await render(section(outrun))).toContain(
      "Senast 1 okt. 2027 (frist: 4 kalendermånader från att utredningen inleddes)",
    );
  });
});

describe("the feedback texts name every stage basic feedback is due after", () => {
  const t = (locale: AppLocale) => i18nFor(locale).getFixedT(locale, "feedback");
  it("says the response time runs from the investigation's closing being recorded, too", () => {
    for (const kind of ["working", "calendar"])
      for (const count of [1, 3]) {
        expect(t("sv")(`responseTime.${kind}`, { count })).toContain("efter att utredningen registrerats som avslutad");
        expect(t("en")(`responseTime.${kind}`, { count })).toContain("after the investigation is recorded as closed");
      }
    expect(t("sv")("texts.intro")).toContain("och när en utredning avslutas");
    expect(t("en")("texts.intro")).toContain("and when an investigation is closed");
  });
});
