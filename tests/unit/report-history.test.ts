import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { ReportHistory, type ReportHistoryData } from "~/components/report-history";
import { i18nFor } from "~/lib/i18n";

const REPORT = "00000000-0000-4000-8000-000000000002";

/** The case page's earlier reports section as the server renders it (as Remix does: a static router), in Swedish. */
async function render(history: ReportHistoryData) {
  const section = () => createElement(ReportHistory, { reportId: REPORT, history });
  const handler = createStaticHandler([{ path: "*", Component: section }]);
  const context = await handler.query(new Request(`http://localhost/reports/${REPORT}`));
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

describe("the earlier reports section", () => {
  it("lists the child's other reports with their kinds and decision, and offers unlinking only for hand links", async () => {
    const html = await render({
      knownBefore: true,
      earlierCount: 1,
      reports: [
        {
          id: "00000000-0000-4000-8000-000000000010",
          reference: "ORO-2026-0007",
          receivedAt: "2026-10-01T08:00:00.000Z",
          decision: "not_opened",
          kinds: [{ code: "neglect", labelSv: null, labelEn: null }],
          when: "earlier",
          linkedBy: "number",
        },
        {
          id: "00000000-0000-4000-8000-000000000011",
          reference: "ORO-2026-0042",
          receivedAt: "2026-11-20T08:00:00.000Z",
          decision: null,
          kinds: [],
          when: "later",
          linkedBy: "hand",
        },
      ],
    });
    expect(html).toContain("Tidigare anmälningar om barnet");
    expect(html).toContain("Barnet är känt sedan tidigare: 1 tidigare anmälan i kommunen.");
    expect(html).toContain(`href="/reports/00000000-0000-4000-8000-000000000010"`);
    expect(html).toContain("Utredning inleds inte");
    expect(html).toContain("<td>Försummelse</td>");
    expect(html).toContain("Samma personnummer");
    expect(html.match(/name="intent" value="unlink"/g)).toHaveLength(1);
    expect(html).toContain(`aria-label="Ta bort kopplingen till ORO-2026-0042"`);
    expect(html).toContain(`action="/reports/${REPORT}/links"`);
    // The reference field takes its rules from the links route's schema.
    const field = html.match(/<input[^>]*name="reference"[^>]*>/)?.[0] ?? "";
    expect(field).toContain(`required=""`);
    expect(field).toMatch(/maxLength="30"/i);
  });

  it("says so when the child is not known before", async () => {
    const html = await render({ knownBefore: false, earlierCount: 0, reports: [] });
    expect(html).toContain("Inga tidigare anmälningar om barnet i kommunen.");
    expect(html).not.toContain("<table");
  });
});
