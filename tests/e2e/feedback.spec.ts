import { expect, test, type Locator, type Page } from "@playwright/test";
import {
  account,
  expectNoAxeViolations,
  inboxLink,
  login,
  logout,
  openInbox,
  openInvestigation,
  openReport,
  startReport,
  submitReport,
  waitForHydration,
} from "./support";

/**
 * Feedback to a reporter: a teacher submits a report of their own; reception decides and the teacher gets the basic
 * feedback in the inbox; reception records the guardians' consent, checks it and sends extended feedback; the
 * teacher reads it; reception sees it read and registers the withdrawal, after which nothing new may be sent, while
 * what the teacher already has stays readable with the withdrawal noted.
 */

const CHILD = `Återkopplingsbarn ${Date.now().toString(36)}`;
const GIVEN_BY = "Anna Andersson, mamma";
const KIND = "Hur skolan kan stödja barnet";
const EXTENDED =
  "Barnet har fått en kontaktperson. Skolan kan stödja genom en lugn start på dagen och att mentorn stämmer av varje fredag.";

/** Today as a calendar date in Stockholm ("2026-11-24"), and the day `days` after it. */
function stockholmToday() {
  return new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" });
}
function plusDays(date: string, days: number) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The unread count in the header's inbox link ("Inkorg, 3 olästa meddelanden"), 0 without a badge. */
async function unreadCount(page: Page) {
  const text = (await inboxLink(page).textContent()) ?? "";
  const found = text.match(/(\d+) olästa? meddelanden?/);
  return found ? Number(found[1]) : 0;
}

/**
 * Opens an unread message from the inbox and waits until it has marked itself read in the background (the header's
 * unread count drops by one), so that the next click is not a navigation racing that request.
 */
async function openUnreadMessage(page: Page, link: Locator, subject: string) {
  const before = await unreadCount(page);
  expect(before).toBeGreaterThan(0);
  await expect(link).toContainText("Oläst");
  await link.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(subject);
  await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}$/);
  const after = before - 1;
  await expect(inboxLink(page)).toHaveAccessibleName(after ? new RegExp(`, ${after} olästa? meddelanden?$`) : "Inkorg");
}

/** Reception: the report's feedback page, through the link on the report page. */
async function openFeedbackPage(page: Page, reference: string) {
  await openReport(page, reference);
  const card = page.getByRole("region", { name: "Återkoppling och samtycke" });
  await expect(card).toContainText("Grundläggande återkoppling går ut automatiskt.");
  await card.getByRole("link", { name: "Återkoppling och samtycke för anmälan" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Återkoppling och samtycke – ${reference}`);
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}\/feedback$/);
  await waitForHydration(page);
}

/** Reception: chooses recipient and kind in "Utökad återkoppling" and checks the consent (a GET form). */
async function checkConsent(page: Page) {
  const extended = page.getByRole("region", { name: "Utökad återkoppling" });
  await extended.getByLabel("Mottagare").selectOption({ label: "Johan Berg" });
  await extended.getByLabel("Sorts uppgifter").selectOption({ label: KIND });
  await extended.getByRole("button", { name: "Kontrollera samtycke" }).click();
  await expect(page).toHaveURL(/\?recipient=[0-9a-f-]{36}&kind=school_support$/);
  await expect(extended.getByLabel("Mottagare")).toHaveValue(/^[0-9a-f-]{36}$/);
  return extended;
}

test("basic feedback, consent, extended feedback, reading and withdrawal", async ({ page }) => {
  test.setTimeout(180_000);
  const teacher = account("larare@exempelstad.example");
  const reception = account("mottagning@exempelstad.example");
  const today = stockholmToday();

  // The teacher writes and submits a report, asking for feedback (the default).
  await login(page, teacher);
  await startReport(page, {
    child: CHILD,
    born: "2015-09-03",
    group: "5B",
    observedOn: "2026-11-18",
    seen: "Barnet kommer ofta hungrigt till skolan och säger att ingen är hemma på kvällarna.",
  });
  await page.getByLabel("Barnets egna ord").fill("Mamma jobbar och pappa kommer inte hem.");
  await page.getByLabel("Ditt telefonnummer").fill("0123-45 12 01");
  await expect(page.getByLabel("Jag vill ha återkoppling")).toBeChecked();
  const reference = await submitReport(page);
  const subject = `Återkoppling på anmälan ${reference}`;

  // The receipt is basic feedback too, in the inbox at once.
  let inbox = await openInbox(page);
  await expect(inbox.getByRole("link", { name: subject })).toHaveCount(1);
  await openUnreadMessage(page, inbox.getByRole("link", { name: subject }), subject);
  await expect(page.getByRole("main")).toContainText(`Socialtjänsten har tagit emot din anmälan ${reference} den `);
  await logout(page);

  // Reception assesses, documents the child's voice and decides.
  await login(page, reception);
  await openReport(page, reference);
  await openInvestigation(page, "Samtal med barnet i skolan tillsammans med kuratorn.");
  await logout(page);

  // The teacher: the decision as basic feedback, and nothing more.
  await login(page, teacher);
  inbox = await openInbox(page);
  // The decision under a subject of its own, not the receipt's.
  const decided = `Beslut om anmälan ${reference}`;
  const basicLinks = inbox.getByRole("link", { name: decided });
  await expect(basicLinks).toHaveCount(1);
  await openUnreadMessage(page, basicLinks, decided);
  await expect(page.getByRole("main")).toContainText(
    `beslutat att inleda en utredning efter din anmälan ${reference}.`,
  );
  await expect(page.getByRole("main")).toContainText("Mer än så får vi inte berätta utan vårdnadshavarnas samtycke.");
  await logout(page);

  // Reception: the feedback page, where the basic feedback is shown as given in the portal.
  await login(page, reception);
  await openFeedbackPage(page, reference);
  const basic = page.getByRole("region", { name: "Grundläggande återkoppling" });
  await expect(basic.getByRole("listitem")).toHaveCount(2);
  await expect(basic.getByRole("listitem").filter({ hasText: "Anmälan mottagen" })).toContainText(
    /Johan Berg · given .+ \(i portalen\)/,
  );
  await expect(basic.getByRole("listitem").filter({ hasText: "Beslut om utredning" })).toContainText(
    /Johan Berg · given .+ \(i portalen\)/,
  );
  const consents = page.getByRole("region", { name: "Samtycken" });
  await expect(consents).toContainText("Inget samtycke är registrerat.");
  const extended = page.getByRole("region", { name: "Utökad återkoppling" });
  await expect(extended).toContainText("Ingen utökad återkoppling har skickats.");
  await expectNoAxeViolations(page);

  // Without a consent, nothing more than basic feedback may be given.
  await checkConsent(page);
  await expect(extended.getByRole("status")).toHaveText(
    "Det finns inget samtycke på anmälan. Bara grundläggande återkoppling får ges.",
  );
  await expect(extended.getByRole("button", { name: "Skicka utökad återkoppling" })).toHaveCount(0);

  // The guardians' consent: school support, to everyone at the school, for a year.
  await consents.locator("summary", { hasText: "Registrera ett samtycke" }).click();
  await expect(consents.getByRole("button", { name: "Spara samtycket" })).toBeVisible();
  await expectNoAxeViolations(page); // the form, open
  const giver = consents.getByRole("group", { name: "Vem lämnade samtycket?" });
  await giver.getByRole("radio", { name: "båda vårdnadshavarna" }).check();
  await consents.getByLabel("Namn och relation till barnet").fill(GIVEN_BY);
  await consents.getByRole("checkbox", { name: "Vårdnaden är gemensam" }).check();
  await consents.getByRole("checkbox", { name: "Båda vårdnadshavarna har samtyckt" }).check();
  await consents
    .getByRole("group", { name: "Vilka uppgifter får lämnas?" })
    .getByRole("checkbox", { name: KIND })
    .check();
  const recipients = consents.getByRole("group", { name: "Till vem?" });
  await expect(recipients.getByRole("checkbox", { name: "Johan Berg" })).not.toBeChecked();
  await expect(recipients.getByRole("checkbox", { name: "Karin Lindqvist" })).not.toBeChecked();
  await recipients.getByRole("checkbox", { name: "Alla som arbetar på Solbackens skola" }).check();
  await expect(consents.getByLabel("Gäller från och med")).toHaveValue(today);
  await expect(consents.getByLabel("Gäller till och med")).toHaveValue(plusDays(today, 364));
  await consents.getByRole("button", { name: "Spara samtycket" }).click();
  await expect(page.getByText("Samtycket är registrerat.").first()).toBeVisible();
  const consent = consents.getByRole("listitem").filter({ hasText: GIVEN_BY });
  await expect(consent).toHaveCount(1);
  await expect(consent).toContainText(`Gäller · ${GIVEN_BY} (båda vårdnadshavarna) · skriftligt`);
  await expect(consent).toContainText(`Gäller: ${KIND}`);
  await expect(consent).toContainText("Till: Solbackens skola");
  await expect(consents).not.toContainText("Inget samtycke är registrerat.");

  // Extended feedback: the consent covers the teacher through the school, so it may be written and sent.
  await checkConsent(page);
  await expect(extended.getByRole("status")).toContainText(
    `Samtycke finns: lämnat av ${GIVEN_BY}, gäller till och med `,
  );
  await expectNoAxeViolations(page);
  await extended.getByLabel("Återkoppling", { exact: true }).fill(EXTENDED);
  await extended.getByRole("button", { name: "Skicka utökad återkoppling" }).click();
  await expect(page.getByText("Den utökade återkopplingen är skickad.").first()).toBeVisible();
  const sent = extended.getByRole("listitem").filter({ hasText: "Johan Berg" });
  await expect(sent).toHaveCount(1);
  await expect(sent).toContainText(`Johan Berg · ${KIND} · inte läst ännu`);
  await expect(extended).not.toContainText("Ingen utökad återkoppling har skickats.");

  // The dashboard, from the navigation.
  await page
    .getByRole("navigation", { name: "Huvudmeny" })
    .getByRole("link", { name: "Återkoppling", exact: true })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Återkoppling till anmälare");
  const afterDecisions = page.getByRole("table", {
    name: "Andel grundläggande återkoppling som getts inom svarstiden efter beslut",
  });
  await expect(afterDecisions.getByRole("row", { name: /Senaste 30 dagarna/ })).toBeVisible();
  // The investigations closed are counted apart.
  await expect(
    page.getByRole("table", { name: /efter att en utredning avslutats/ }).getByRole("row", { name: /Senaste 30/ }),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "Återkoppling att ge utanför portalen" })).toBeVisible();
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  await logout(page);

  // The teacher reads the extended feedback, from the inbox.
  await login(page, teacher);
  inbox = await openInbox(page);
  const notice = inbox.getByRole("link", { name: "Utökad återkoppling från socialtjänsten" });
  await expect(notice).toHaveCount(1);
  await openUnreadMessage(page, notice, "Utökad återkoppling från socialtjänsten");
  // The message says only that something is there: the text itself is behind the link.
  await expect(page.getByRole("main")).not.toContainText(EXTENDED);
  await page.getByRole("link", { name: "Öppna det som meddelandet gäller" }).click();
  await expect(page).toHaveURL(/\/feedback\/[0-9a-f-]{36}$/);
  const feedbackPath = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Utökad återkoppling");
  const main = page.getByRole("main");
  await expect(main.getByRole("link", { name: reference })).toBeVisible();
  await expect(main).toContainText(KIND);
  await expect(main).toContainText(`Från${reception.name}`);
  await expect(main.getByText(EXTENDED)).toBeVisible();
  await expect(main).toContainText("Uppgifterna omfattas av sekretess i skolan");
  await expect(main).not.toContainText("Samtycket återkallades");
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  await logout(page);

  // Reception sees it read, then registers the withdrawal of the consent.
  await login(page, reception);
  await openFeedbackPage(page, reference);
  await expect(sent).toContainText(new RegExp(`Johan Berg · ${KIND} · läst \\d`));
  await expect(sent).not.toContainText("inte läst ännu");
  await consent.getByRole("button", { name: "Registrera återkallelse" }).click();
  await expect(
    page.getByText("Återkallelsen är registrerad. Inget mer skickas med stöd av samtycket.").first(),
  ).toBeVisible();
  await expect(consent).toContainText(`Återkallat · ${GIVEN_BY}`);
  await expect(consent).toContainText(/återkallat \d/);
  await expect(consent.getByRole("button", { name: "Registrera återkallelse" })).toHaveCount(0);
  // What was sent under it is marked with the withdrawal.
  await expect(sent).toContainText(/läst \d.* · återkallat \d/);

  // Nothing new may be sent under a withdrawn consent.
  await checkConsent(page);
  await expect(extended.getByRole("status")).toHaveText(/^Samtycket återkallades \d.+\. Inget nytt får skickas\.$/);
  await expect(extended.getByRole("button", { name: "Skicka utökad återkoppling" })).toHaveCount(0);
  await expect(extended.getByLabel("Återkoppling", { exact: true })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await logout(page);

  // The teacher can still read what was sent, with the withdrawal noted.
  await login(page, teacher);
  inbox = await openInbox(page);
  await inbox.getByRole("tab", { name: /^Alla/ }).click();
  await inbox.getByRole("link", { name: "Utökad återkoppling från socialtjänsten" }).click();
  await page.getByRole("link", { name: "Öppna det som meddelandet gäller" }).click();
  await expect(page).toHaveURL(new RegExp(`${feedbackPath}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Utökad återkoppling");
  await expect(page.getByRole("main").getByText(EXTENDED)).toBeVisible();
  await expect(page.getByRole("main")).toContainText(
    /Samtycket återkallades \d.+\. Det du redan fått får du läsa, men inget nytt skickas\./,
  );
  await waitForHydration(page);
  await expectNoAxeViolations(page);
});

// ---------------------------------------------------------------------------------------------------------------
// The consent form after a save

/** Reception: the feedback page of the first report in the list, and its consent section. */
async function openFirstFeedbackPage(page: Page) {
  await page.goto("/reports?status=all");
  const href = await page.getByRole("table").getByRole("link").first().getAttribute("href");
  expect(href).toMatch(/^\/reports\/[0-9a-f-]{36}$/);
  await page.goto(`${href}/feedback`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Återkoppling och samtycke – ORO-/);
  await waitForHydration(page);
  const consents = page.getByRole("region", { name: "Samtycken" });
  return {
    consents,
    form: consents.locator("details", { has: page.locator("summary", { hasText: "Registrera ett samtycke" }) }),
  };
}

const givenByField = (consents: Locator) => consents.getByLabel("Namn och relation till barnet");
const kindBox = (consents: Locator) =>
  consents.getByRole("group", { name: "Vilka uppgifter får lämnas?" }).getByRole("checkbox", { name: KIND });
const firstRecipient = (consents: Locator) =>
  consents.getByRole("group", { name: "Till vem?" }).getByRole("checkbox").first();

/** The rest of a consent once the name is typed: school support, to the first recipient offered, the default days. */
async function completeConsent(consents: Locator) {
  await consents
    .getByRole("group", { name: "Vem lämnade samtycket?" })
    .getByRole("radio", { name: "båda vårdnadshavarna" })
    .check();
  await kindBox(consents).check();
  await firstRecipient(consents).check();
}

async function expectEmptyAndClosed(form: Locator, consents: Locator) {
  await expect(form).not.toHaveAttribute("open");
  await form.locator("summary").click();
  await expect(givenByField(consents)).toHaveValue("");
  await expect(kindBox(consents)).not.toBeChecked();
  await expect(firstRecipient(consents)).not.toBeChecked();
  await expect(consents.getByRole("alert")).toHaveCount(0);
}

test(
  "after a save the consent form is empty and closed, keeps what is typed while the page reloads, " +
    "and refuses the same consent again by name",
  async ({ page }) => {
    const givenBy = `Anna Andersson ${Date.now().toString(36)}, mamma`;
    await login(page, account("mottagning@exempelstad.example"));
    const { consents, form } = await openFirstFeedbackPage(page);
    await form.locator("summary").click();
    await givenByField(consents).fill(givenBy);
    await completeConsent(consents);
    await consents.getByRole("button", { name: "Spara samtycket" }).click();
    await expect(page.getByText("Samtycket är registrerat.").first()).toBeVisible();
    const recorded = consents.getByRole("listitem").filter({ hasText: givenBy });
    await expect(recorded).toHaveCount(1);
    await expectEmptyAndClosed(form, consents);

    // The next one is typed while the page's data is loaded again (a check under "Utökad återkoppling" reruns the
    // loader, which issues a new submission key): what is typed stays, and so does the form's key.
    await givenByField(consents).fill(givenBy);
    const extended = page.getByRole("region", { name: "Utökad återkoppling" });
    await extended.getByLabel("Mottagare").selectOption({ index: 1 });
    await extended.getByLabel("Sorts uppgifter").selectOption({ label: KIND });
    await extended.getByRole("button", { name: "Kontrollera samtycke" }).click();
    await expect(page).toHaveURL(/\?recipient=[0-9a-f-]{36}&kind=school_support$/);
    await expect(form).toHaveAttribute("open", "");
    await expect(givenByField(consents)).toHaveValue(givenBy);

    // The same consent again: refused, naming the one on record; the form stays open and filled in.
    await completeConsent(consents);
    await consents.getByRole("button", { name: "Spara samtycket" }).click();
    await expect(consents.getByRole("alert")).toContainText(`Samtycket finns redan i registret: ${givenBy}, giltigt `);
    await expect(form).toHaveAttribute("open", "");
    await expect(givenByField(consents)).toHaveValue(givenBy);
    await expect(kindBox(consents)).toBeChecked();
    await expect(recorded).toHaveCount(1);
    await expectNoAxeViolations(page);
  },
);

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the consent form comes back closed and empty after a save, and filled in with the refusal after a repeat", async ({
    page,
  }) => {
    const givenBy = `Ali Andersson ${Date.now().toString(36)}, pappa`;
    await login(page, account("mottagning@exempelstad.example"));
    const { consents, form } = await openFirstFeedbackPage(page);
    for (const attempt of [1, 2]) {
      await form.locator("summary").click();
      await givenByField(consents).fill(givenBy);
      await completeConsent(consents);
      await consents.getByRole("button", { name: "Spara samtycket" }).click();
      if (attempt === 1) {
        await expect(page.getByText("Samtycket är registrerat.").first()).toBeVisible();
        await expectEmptyAndClosed(form, consents);
        await form.locator("summary").click(); // closed again, as the loop expects
      }
    }
    await expect(consents.getByRole("alert")).toContainText(`Samtycket finns redan i registret: ${givenBy}, giltigt `);
    await expect(form).toHaveAttribute("open", "");
    await expect(givenByField(consents)).toHaveValue(givenBy);
    await expect(consents.getByRole("listitem").filter({ hasText: givenBy })).toHaveCount(1);
  });
});
