import { expect, test, type Page } from "@playwright/test";
import {
  account,
  expectNoAxeViolations,
  login,
  logout,
  openInbox,
  openReport,
  startReport,
  stockholmDaysAgo,
  submitReport,
  waitForHydration,
} from "./support";

/**
 * The reception lead's second look (issue 20): reception closes a violence report without hearing the child; the
 * police consideration is required before the decision; the "not opened" waits as a proposal; the lead returns it
 * with a comment; reception decides again; the lead approves; the teacher gets the decision feedback only then.
 */

const CHILD = `Granskningsbarn ${Date.now().toString(36)}`;
const NOT_HEARD = "Barnet är tre veckor bortrest med en släkting och kan inte nås före beslutet.";
const POLICE_WHY = "Uppgifterna räcker inte för en polisanmälan; samråd med Barnahus bedöms inte behövas nu.";
const FIRST_REASONS = "Vårdnadshavarna förklarar blåmärket med en olycka på fotbollsträningen.";
const RETURN_COMMENT = "Förklaringen kommer bara från vårdnadshavarna. Kontakta skolsköterskan innan du beslutar.";
const SECOND_REASONS =
  "Skolsköterskan bekräftar olyckan på träningen och har sett barnet efteråt. Inga andra tecken på våld.";

const teacher = account("larare@exempelstad.example");
const reception = account("mottagning@exempelstad.example");
const lead = account("gruppledare@exempelstad.example");

/** Reception proposes "not opened" on the ground that no concern remains, with `reasons` and no remaining concern. */
async function decideNotOpened(page: Page, reasons: string) {
  const process = page.getByRole("region", { name: "Handläggning" });
  await process.getByRole("group", { name: "Beslut", exact: true }).getByLabel("Utredning inleds inte").check();
  await process
    .getByRole("group", { name: "Finns det kvarstående oro efter förhandsbedömningen?" })
    .getByRole("radio", { name: "Nej" })
    .check();
  await process.getByLabel("Ingen oro kvarstår efter förhandsbedömningen").check();
  await process.getByLabel("Skäl för beslutet").fill(reasons);
  await process.getByRole("button", { name: "Registrera beslut" }).click();
}

/** The teacher's inbox: the receipt once, and the decision feedback `decisions` times. */
async function expectTeacherFeedback(page: Page, reference: string, decisions: number) {
  await login(page, teacher);
  const inbox = await openInbox(page, { all: true });
  await expect(inbox.getByRole("link", { name: `Återkoppling på anmälan ${reference}` })).toHaveCount(1);
  await expect(inbox.getByRole("link", { name: `Beslut om anmälan ${reference}` })).toHaveCount(decisions);
  return inbox;
}

test("a violence report closed without hearing the child waits for the lead, is returned, decided again and approved", async ({
  page,
}) => {
  test.setTimeout(180_000);

  // 1. The teacher reports, wanting feedback.
  await login(page, teacher);
  await startReport(page, {
    child: CHILD,
    born: "2014-02-11",
    group: "6A",
    observedOn: stockholmDaysAgo(2),
    seen: "Barnet har ett stort blåmärke på överarmen och ryckte till när jag lade handen på axeln.",
  });
  await page.getByLabel("Barnets egna ord").fill("Jag ramlade.");
  await page.getByLabel("Ditt telefonnummer").fill("0123-45 12 01");
  await expect(page.getByLabel("Jag vill ha återkoppling")).toBeChecked();
  const reference = await submitReport(page);
  await logout(page);

  // 2. Reception: protection assessment, physical violence, the child not heard.
  await login(page, reception);
  await openReport(page, reference);
  const process = page.getByRole("region", { name: "Handläggning" });
  await process.getByLabel("Inget omedelbart skyddsbehov").check();
  await process.getByRole("button", { name: "Registrera skyddsbedömning" }).click();
  await expect(page.getByText("Skyddsbedömningen är registrerad.").first()).toBeVisible();

  const kinds = page.getByRole("region", { name: "Typ av oro" });
  await kinds.getByRole("checkbox", { name: /^Fysiskt våld/ }).check();
  await kinds.getByRole("button", { name: "Spara typ av oro" }).click();
  await expect(page.getByText("Typ av oro är sparad.").first()).toBeVisible();
  await expect(kinds.getByRole("checkbox", { name: /^Fysiskt våld/ })).toBeChecked();
  await expect(process.getByRole("heading", { name: "Polisanmälan · krävs före beslut (våld)" })).toBeVisible();

  await process.getByRole("group", { name: "Har barnet hörts?" }).getByRole("radio", { name: "Nej" }).check();
  await process.getByLabel("Hur barnet hördes, eller varför inte").fill(NOT_HEARD);
  await process.getByRole("button", { name: "Spara", exact: true }).click();
  await expect(page.getByText("Barnets röst är dokumenterad.").first()).toBeVisible();
  await expect(process).toContainText(`Barnet har inte hörts: ${NOT_HEARD}`);
  // The inspectors' finding stands beside the decision, with the reason.
  await expect(process.getByRole("note").filter({ hasText: "kom till tals i endast 25 %" })).toContainText(
    `Skäl till att barnet inte har hörts: ${NOT_HEARD}`,
  );

  // "Not opened" with a violence kind: refused until the police report has been considered.
  await decideNotOpened(page, FIRST_REASONS);
  await expect(process.getByRole("alert")).toHaveText(
    "Anmälan gäller våld: dokumentera först att polisanmälan har övervägts.",
  );
  await expect(page.getByRole("region", { name: "Gruppledarens granskning" })).toHaveCount(0);

  await process.getByRole("group", { name: "Har polisanmälan övervägts?" }).getByRole("radio", { name: "Ja" }).check();
  await process.getByRole("group", { name: "Har en polisanmälan gjorts?" }).getByRole("radio", { name: "Nej" }).check();
  await process.getByLabel("Varför, eller varför inte").fill(POLICE_WHY);
  await process.getByRole("button", { name: "Spara övervägandet" }).click();
  await expect(page.getByText("Övervägandet om polisanmälan är dokumenterat.").first()).toBeVisible();
  await expect(process).toContainText(`Övervägd, ingen polisanmälan: ${POLICE_WHY}`);

  // Now the decision is taken, as a proposal for the lead.
  await decideNotOpened(page, FIRST_REASONS);
  await expect(
    page
      .getByText(
        "Beslutet väntar på en gruppledares granskning. Det gäller, och anmälaren får besked, först när det är godkänt.",
      )
      .first(),
  ).toBeVisible();
  await expect(process.getByRole("button", { name: "Registrera beslut" })).toHaveCount(0);
  await expect(
    process.getByRole("note").filter({ hasText: "Förslaget väntar på en gruppledares granskning." }),
  ).toBeVisible();
  const secondLook = page.getByRole("region", { name: "Gruppledarens granskning" });
  await expect(secondLook).toContainText("Väntar på granskning");
  await expect(secondLook).toContainText(
    "Förslag: Utredning inleds inte · Ingen oro kvarstår efter förhandsbedömningen",
  );
  await expect(secondLook).toContainText(FIRST_REASONS);
  await expect(secondLook).toContainText("Granskas eftersom: anmälan gäller våld, barnet har inte hörts");
  // Reception may not review: no answers on the card.
  await expect(secondLook.getByRole("button")).toHaveCount(0);
  await logout(page);

  // The teacher has the receipt, not the decision.
  await expectTeacherFeedback(page, reference, 0);
  await logout(page);

  // 3. The lead: the queue from the main menu, with the deadline; the report; a return with a comment.
  await login(page, lead);
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Granska beslut" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Granska beslut");
  await waitForHydration(page);
  const row = page.getByRole("row", { name: new RegExp(reference) });
  await expect(row).toContainText(CHILD);
  await expect(row).toContainText(reception.name);
  await expect(row).toContainText("anmälan gäller våld, barnet har inte hörts");
  const deadline = ((await row.locator(".due").textContent()) ?? "").trim();
  expect(deadline).toMatch(/^Senast (i dag|\d{1,2} \S+ \d{4})$/);
  await expectNoAxeViolations(page);

  await row.getByRole("link", { name: reference }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Anmälan ${reference}`);
  await waitForHydration(page);
  // The same deadline on the report.
  await expect(process.locator(".due").last()).toHaveText(deadline);
  await expect(secondLook.getByRole("button", { name: "Godkänn beslutet" })).toBeVisible();
  await expectNoAxeViolations(page);
  await secondLook.getByLabel("Kommentar till den som föreslog beslutet").fill(RETURN_COMMENT);
  await secondLook.getByRole("button", { name: "Returnera förslaget" }).click();
  await expect(page.getByText("Förslaget är returnerat till den som föreslog det.").first()).toBeVisible();
  await expect(secondLook).toContainText(`Returnerat av ${lead.name}`);
  await expect(secondLook).toContainText(`Kommentar: ${RETURN_COMMENT}`);
  await expect(secondLook.getByRole("button")).toHaveCount(0);
  await logout(page);

  // Reception: the message, the comment on the report, and a new decision.
  await login(page, reception);
  let inbox = await openInbox(page, { all: true });
  const returned = `Beslutsförslaget för anmälan ${reference} är returnerat`;
  await expect(inbox.getByRole("link", { name: returned })).toHaveCount(1);
  await inbox.getByRole("link", { name: returned }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(returned);
  await expect(page.getByRole("main")).toContainText(
    `${lead.name} har returnerat ditt förslag att inte inleda utredning.`,
  );
  await openReport(page, reference);
  await expect(secondLook).toContainText(`Returnerat av ${lead.name}`);
  await expect(secondLook).toContainText(`Kommentar: ${RETURN_COMMENT}`);
  await expect(secondLook).not.toContainText("Väntar på granskning");
  await decideNotOpened(page, SECOND_REASONS);
  await expect(page.getByText("Beslutet väntar på en gruppledares granskning.").first()).toBeVisible();
  await expect(secondLook).toContainText("Väntar på granskning");
  await expect(secondLook).toContainText(SECOND_REASONS);
  await logout(page);

  // Still no decision for the teacher.
  await expectTeacherFeedback(page, reference, 0);
  await logout(page);

  // 4. The lead approves; the decision takes effect.
  await login(page, lead);
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Granska beslut" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Granska beslut");
  await page
    .getByRole("row", { name: new RegExp(reference) })
    .getByRole("link", { name: reference })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Anmälan ${reference}`);
  await waitForHydration(page);
  await secondLook.getByRole("button", { name: "Godkänn beslutet" }).click();
  await expect(page.getByText("Beslutet är godkänt och gäller nu. Anmälaren får besked.").first()).toBeVisible();
  await expect(secondLook).toContainText(`Godkänt av ${lead.name}`);
  await expect(secondLook).toContainText(`Returnerat av ${lead.name}`);
  await expect(process).toContainText("Utredning inleds inte");
  await expect(process).toContainText(SECOND_REASONS);
  await expectNoAxeViolations(page);
  // Off the queue.
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Granska beslut" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Granska beslut");
  await expect(page.getByRole("row", { name: new RegExp(reference) })).toHaveCount(0);
  await logout(page);

  // The teacher: the decision feedback now, once, and nothing of the reasons.
  inbox = await expectTeacherFeedback(page, reference, 1);
  const decided = `Beslut om anmälan ${reference}`;
  await inbox.getByRole("link", { name: decided }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(decided);
  await expect(page.getByRole("main")).toContainText(reference);
  await expect(page.getByRole("main")).not.toContainText(SECOND_REASONS);
  await expect(page.getByRole("main")).not.toContainText(RETURN_COMMENT);
});
