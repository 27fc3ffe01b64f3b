import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { ReportMeetings } from "~/components/report-meetings";
import { i18nFor } from "~/lib/i18n";

/** The report page's meetings section as the server renders it (as Remix does: a static router), in Swedish. */
async function render(status: "scheduled" | "cancelled") {
  const meeting = {
    id: "00000000-0000-4000-8000-000000000001",
    startsAt: "2027-01-15T09:00:00.000Z",
    durationMinutes: 60,
    form: "in_person",
    place: "",
    otherParticipants: "",
    status,
    invitations: ["Johan Berg", "Rektor Rut", "Kurator Kim"].map((inviteeName, i) => ({
      id: `00000000-0000-4000-8000-00000000001${i}`,
      inviteeName,
      // Kim took over from Rut: Rut is no longer told of changes.
      answer: i === 1 ? "handed_over" : "pending",
      declineReason: null,
      proposedStartsAt: null,
      attended: null,
      answeredAt: null,
      handedOverTo: i === 1 ? "Kurator Kim" : null,
    })),
  };
  const section = () =>
    createElement(ReportMeetings, {
      reportId: "00000000-0000-4000-8000-000000000002",
      meetings: [meeting],
      candidates: [],
      noMeetingReason: null,
      noMeetingNote: null,
      now: Date.parse("2027-01-01T00:00:00Z"),
      submissionKey: "00000000-0000-4000-8000-000000000003",
    });
  const handler = createStaticHandler([{ path: "*", Component: section }]);
  const context = await handler.query(new Request("http://localhost/reports/00000000-0000-4000-8000-000000000002"));
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

describe("the report page's meetings section", () => {
  it("offers 'no meeting offered' only while no meeting is scheduled", async () => {
    expect(await render("cancelled")).toContain('value="noMeeting"');
    const scheduled = await render("scheduled");
    expect(scheduled).not.toContain('value="noMeeting"');
    expect(scheduled).not.toContain("Inget möte erbjuds");
  });

  it("asks before cancelling, in a disclosure that works without JavaScript, saying who will be e-mailed", async () => {
    const html = await render("scheduled");
    const disclosure = html.match(/<details[^>]*><summary>Ställ in mötet<\/summary>.*?<\/details>/)?.[0] ?? "";
    expect(disclosure).not.toBe("");
    // The form sends the confirmation the server requires; the one who handed over is not told.
    expect(disclosure).toContain('<input type="hidden" name="confirm" value="yes"/>');
    expect(disclosure).toContain("Alla 2 inbjudna får besked i e-post");
    expect(disclosure).toMatch(/<button type="submit" name="intent" value="cancelMeeting"[^>]*>Ja, ställ in mötet</);
    // "No": back to the report page (with JavaScript it closes the disclosure in place).
    expect(disclosure).toMatch(/<a href="\/reports\/00000000-0000-4000-8000-000000000002"[^>]*>Nej, behåll det</);
    // Nothing outside the disclosure cancels.
    expect(html.replace(disclosure, "")).not.toContain('value="cancelMeeting"');
  });
});
