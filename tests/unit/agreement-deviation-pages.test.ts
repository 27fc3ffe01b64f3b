import { createElement, type FunctionComponent } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { AgreementDeviationForm } from "~/components/agreement-deviation-form";
import { AgreementDeviationLink } from "~/components/agreement-deviation-link";
import { AgreementDeviationDetail, AgreementDeviationList } from "~/components/agreement-deviation-view";
import { statusesBefore, stepsFrom } from "~/domain/agreement-deviation";
import { i18nFor } from "~/lib/i18n";

/** A page as the server renders it (as Remix does: a static router), in `lang`. */
async function render(page: FunctionComponent, path: string, lang: "sv" | "en" = "sv") {
  const handler = createStaticHandler([{ path: "*", Component: page }]);
  const context = await handler.query(new Request(`http://localhost${path}`));
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

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
/** A key shown instead of its text: "kinds.other", "deviations:…". */
/** The radio button with this value, as rendered. */
const radio = (html: string, value: string) =>
  new RegExp(`<input type="radio"[^>]*value="${value}"[^>]*>`).exec(html)?.[0] ?? "";
const RAW_KEY = /(deviations:|\b(kinds|statuses|steps|stepsTaken|list|form|detail|errors)\.[a-z_]+)/;

const deviation = {
  id: id(1),
  kind: "meeting_not_held",
  status: "investigating",
  filedAt: "2026-03-02T08:00:00.000Z",
  statusChangedAt: "2026-03-03T08:00:00.000Z",
  closedAt: null,
  unitName: "Solbackens skola",
  mine: false,
  filerName: "Lärare Lena",
  report: null,
  description: "Mötet ställdes in.",
  steps: [
    { step: "investigate", at: "2026-03-03T08:00:00.000Z", note: "Mottagningen är kontaktad.", actorName: "Sam" },
  ],
};

describe("the deviation pages", () => {
  it("show a coordinator the filer, the notes and only the steps still open", async () => {
    const data = { handles: true, nextSteps: ["measure", "follow_up", "close"], deviation };
    const html = await render(
      () => createElement(AgreementDeviationDetail, { data: data as never, refused: null }),
      "/",
    );
    expect(html).toContain("Lärare Lena");
    expect(html).toContain("Mottagningen är kontaktad.");
    expect(radio(html, "measure")).toContain('checked=""');
    expect(html).not.toContain('value="investigate"');
    expect(html).toContain("Avsluta");
    expect(html).not.toMatch(RAW_KEY);
  });

  it("show the filer the status and the steps, no form, in both languages", async () => {
    const mine = {
      ...deviation,
      mine: true,
      filerName: null,
      report: { id: id(2), reference: "ORO-2026-0007" },
      steps: [{ step: "investigate", at: "2026-03-03T08:00:00.000Z", note: null, actorName: null }],
    };
    for (const lang of ["sv", "en"] as const) {
      const data = { handles: false, nextSteps: [], deviation: mine };
      const html = await render(
        () => createElement(AgreementDeviationDetail, { data: data as never, refused: null }),
        "/",
        lang,
      );
      expect(html).toContain("ORO-2026-0007");
      expect(html).toContain(lang === "sv" ? "Utredning påbörjad" : "Investigation started");
      expect(html).not.toContain("<form");
      expect(html).not.toMatch(RAW_KEY);
    }
  });

  it("keep a refused step as typed, with its error", async () => {
    const data = { handles: true, nextSteps: ["measure", "follow_up", "close"], deviation };
    const refused = { field: "note" as const, error: "deviations:errors.noteRequired", step: "close", note: "" };
    const html = await render(() => createElement(AgreementDeviationDetail, { data: data as never, refused }), "/");
    expect(radio(html, "close")).toContain('checked=""');
    expect(radio(html, "measure")).not.toContain('checked=""');
    expect(html).toContain("Skriv en anteckning om steget.");
    expect(html).toContain('aria-invalid="true"');
  });

  it("say why a step was refused even when the deviation has closed meanwhile", async () => {
    const closed = { ...deviation, status: "closed" };
    const data = { handles: true, nextSteps: [], deviation: closed };
    const refused = { field: "form" as const, error: "deviations:errors.stepTaken", step: "measure", note: "Sent." };
    const html = await render(() => createElement(AgreementDeviationDetail, { data: data as never, refused }), "/");
    expect(html).toContain("Avvikelsen har redan kommit till det steget eller längre.");
    expect(html).toContain("Avvikelsen är avslutad.");
    expect(html).not.toContain('name="step"');
  });

  it("list a coordinator's deviations with the filer and without a report's reference they may not see", async () => {
    const data = { page: 1, pageCount: 1, handles: true, deviations: [{ ...deviation }] };
    const html = await render(() => createElement(AgreementDeviationList, { data: data as never }), "/deviations");
    expect(html).toContain("Alla avvikelser");
    expect(html).toContain("Lärare Lena");
    expect(html).toContain("Anmälningsmötet blev inte av");
    expect(html).not.toMatch(RAW_KEY);
  });

  it("ask for the unit only without a report and with several units; name the report's reference only", async () => {
    const units = [
      { id: id(3), name: "Solbackens skola" },
      { id: id(4), name: "Förskolan Lärkan" },
    ];
    const general = await render(
      () => createElement(AgreementDeviationForm, { report: null, units, submissionKey: id(9) }),
      "/deviations/new",
    );
    expect(general).toContain('name="unitId"');
    expect(general).toContain(`name="submissionKey" value="${id(9)}`);
    expect(general).toContain('maxLength="4000"');
    const report = { id: id(5), reference: "ORO-2026-0007", unitName: "Solbackens skola" };
    const onReport = await render(
      () => createElement(AgreementDeviationForm, { report, units, submissionKey: id(9) }),
      "/deviations/new",
    );
    expect(onReport).not.toContain('name="unitId"');
    expect(onReport).toContain(`name="reportId" value="${id(5)}"`);
    expect(onReport).toContain("Gäller anmälan ORO-2026-0007 (Solbackens skola).");
    expect(onReport).not.toMatch(RAW_KEY);
    const link = await render(() => createElement(AgreementDeviationLink, { reportId: id(5) }), "/");
    expect(link).toContain(`href="/deviations/new?report=${id(5)}"`);
  });
});

describe("the steps of a deviation", () => {
  it("go forward only, any may be skipped, none after closing", () => {
    expect(stepsFrom("open")).toEqual(["investigate", "measure", "follow_up", "close"]);
    expect(stepsFrom("measuring")).toEqual(["follow_up", "close"]);
    expect(stepsFrom("closed")).toEqual([]);
    expect(statusesBefore("investigate")).toEqual(["open"]);
    expect(statusesBefore("close")).toEqual(["open", "investigating", "measuring", "following_up"]);
  });
});
