import { createElement, type FunctionComponent } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { ReviewChecklist } from "~/components/review-checklist";
import { ReviewMonth } from "~/components/review-month";
import { reviewItems } from "~/domain/review-checklist";
import { i18nFor } from "~/lib/i18n";

/** A page as the server renders it (as Remix does: a static router), in Swedish. */
async function render(page: FunctionComponent, path: string) {
  const handler = createStaticHandler([{ path: "*", Component: page }]);
  const context = await handler.query(new Request(`http://localhost${path}`));
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

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const month = {
  month: "2025-03",
  over: true,
  manage: true,
  sample: {
    drawnAt: "2025-04-02T08:00:00.000Z",
    size: 10,
    candidates: 2,
    cases: 2,
    completed: 0,
    unassigned: 2,
    seed: "0123456789abcdef",
    drawnBy: "Samordnare Sam",
    reproduces: true,
  },
  findings: { cases: 0, items: Object.fromEntries(reviewItems.map((i) => [i, { yes: 0, no: 0, na: 0 }])) },
  sampleSize: 10,
  cases: [1, 2].map((n) => ({
    id: id(n),
    position: n,
    reviewerName: null,
    completedAt: null,
    deviations: 0,
    reference: null,
    mine: false,
  })),
  openDeviations: 0,
  deviations: [],
  previous: "2025-02",
  next: "2025-04",
  drawableOn: "2025-04-01",
  today: "2026-12-06",
} as const;

describe("the quality review's pages", () => {
  it("say when a case has no reviewer, and show the seed to those who draw", async () => {
    const html = await render(() => createElement(ReviewMonth, { data: month as never }), "/reviews?month=2025-03");
    expect(html).toContain("2 ärenden har ingen granskare");
    expect(html).toContain("0123456789abcdef");
    expect(html).toContain("Ingen granskare");
    expect(html).not.toContain('value="draw"');
  });

  it("offer the draw for a month that is over and not drawn, and the checklist with the portal's suggestions", async () => {
    const undrawn = { ...month, sample: null, findings: null, cases: [] };
    const html = await render(() => createElement(ReviewMonth, { data: undrawn as never }), "/reviews");
    expect(html).toContain('value="draw"');
    expect(html).toContain("Dra urvalet för mars 2025");

    const suggestions = Object.fromEntries(
      reviewItems.map((i) => [i, { answer: i === "child_heard" ? null : "yes", why: "heard" }]),
    );
    const review = {
      id: id(1),
      position: 3,
      month: "2025-03",
      reportId: id(2),
      reference: "ORO-2025-0042",
      decision: "not_opened",
      receivedAt: "2025-03-01T08:00:00.000Z",
      decidedAt: "2025-03-10T08:00:00.000Z",
      completedAt: null,
      answers: null,
      suggestions,
    };
    const data = { review, owners: [{ id: id(3), name: "Mottagare Mo" }], today: "2026-12-06" };
    const form = await render(() => createElement(ReviewChecklist, { data: data as never }), `/reviews/${id(1)}`);
    expect(form).toContain("Granska ärende 3 i urvalet för mars 2025");
    expect(form).toContain("Utredning inleds inte");
    expect(form.match(/type="radio"/g)).toHaveLength(reviewItems.length * 3);
    const checked = [...form.matchAll(/name="(\w+)\.answer" form="review-checklist" checked="" value="(\w+)"/g)];
    expect(checked.map((m) => m[1])).toEqual(reviewItems.filter((i) => i !== "child_heard"));
    expect(form).toContain("Portalen har inget förslag");
    expect(form).toContain("Mottagare Mo");
  });
});
