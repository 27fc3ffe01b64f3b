import { createElement, type FunctionComponent } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { SecondLook, type SecondLookShown } from "~/components/second-look";
import { SecondLookQueue } from "~/components/second-look-queue";
import { TEXT_LIMITS } from "~/domain/text-limits";
import { i18nFor } from "~/lib/i18n";

/** A component as the server renders it (as Remix does: a static router), in Swedish. */
async function render(component: FunctionComponent) {
  const handler = createStaticHandler([{ path: "*", Component: component }]);
  const context = await handler.query(new Request("http://localhost/reports/review"));
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

const WORKER = "00000000-0000-4000-8000-000000000001";
const LEAD = "00000000-0000-4000-8000-000000000002";
const proposal = (status: string, over: Partial<SecondLookShown> = {}): SecondLookShown => ({
  id: `00000000-0000-4000-8000-00000000001${status.length}`,
  status,
  secondLookReasons: ["violence", "child_not_heard"],
  decision: "not_opened",
  ground: "need_met_outside_social_services",
  decisionReasons: "Elevhälsan har en plan.",
  remainingConcern: false,
  proposedById: WORKER,
  proposedByName: "Eva Sjöberg",
  proposedAt: "2027-01-10T09:00:00.000Z",
  reviewedByName: null,
  reviewedAt: null,
  comment: null,
  ...over,
});

const card = (secondLooks: SecondLookShown[], mayReview: boolean, userId: string) =>
  render(() =>
    createElement(SecondLook, { reportId: "00000000-0000-4000-8000-000000000009", secondLooks, mayReview, userId }),
  );

describe("the second look on the report page", () => {
  it("gives a lead both answers, each comment labelled and limited, the return's required", async () => {
    const html = await card([proposal("proposed")], true, LEAD);
    expect(html).toContain('value="approve"');
    expect(html).toContain('value="return"');
    expect(html).toContain('<label for="second-look-approve">');
    expect(html).toContain('<label for="second-look-return">');
    expect(html.match(new RegExp(`maxLength="${TEXT_LIMITS.reviewComment}"`, "gi"))).toHaveLength(2);
    expect(html).toMatch(/<textarea id="second-look-return"[^>]*required=""/);
    expect(html).toContain("anmälan gäller våld, barnet har inte hörts");
  });

  it("gives the lead who proposed it no answer, and reception only where it stands", async () => {
    const own = await card([proposal("proposed", { proposedById: LEAD })], true, LEAD);
    expect(own).not.toContain('value="approve"');
    expect(own).toContain("En annan gruppledare granskar det.");
    const reception = await card([proposal("proposed")], false, WORKER);
    expect(reception).not.toContain("<form");
    expect(reception).toContain("väntar på en gruppledares granskning");
  });

  it("shows a returned proposal with the lead's comment, and nothing before any proposal", async () => {
    const returned = proposal("returned", {
      reviewedByName: "Maria Lundgren",
      reviewedAt: "2027-01-11T09:00:00.000Z",
      comment: "Hör barnet först.",
    });
    const html = await card([returned], false, WORKER);
    expect(html).toContain("Returnerat av Maria Lundgren");
    expect(html).toContain("Hör barnet först.");
    expect(html).not.toContain("<form");
    expect(await card([], true, LEAD)).toBe("");
  });
});

describe("the leads' queue", () => {
  it("is a captioned table with the decision deadline in words", async () => {
    const html = await render(() =>
      createElement(SecondLookQueue, {
        proposals: [
          {
            proposalId: "00000000-0000-4000-8000-000000000021",
            reportId: "00000000-0000-4000-8000-000000000022",
            reference: "ORO-2027-0001",
            childName: "Testbarn",
            decisionDueAt: "2027-01-20T23:00:00.000Z",
            decisionState: "overdue",
            proposedAt: "2027-01-10T09:00:00.000Z",
            proposedByName: "Eva Sjöberg",
            secondLookReasons: ["earlier_reports"],
            own: false,
          },
        ],
      }),
    );
    expect(html).toContain("<caption>Beslutsförslag som väntar på granskning (1)</caption>");
    expect(html).toContain('<th scope="col">Beslutsfrist</th>');
    expect(html).toContain("Försenad – senast");
    expect(html).toContain('href="/reports/00000000-0000-4000-8000-000000000022#second-look-heading"');
  });
});
