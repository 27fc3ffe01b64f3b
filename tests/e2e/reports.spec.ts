import { expect, test, type Page } from "@playwright/test";
import { account, expectNoAxeViolations, login, logout, waitForHydration } from "./support";

/**
 * The whole path of a report: a teacher uses the helper, reads guidance, writes a report with a mistake, fixes it
 * and submits; reception sees it due, records the protection assessment and the decision; the teacher and the
 * principal see the outcome and nothing more.
 */

const CHILD = `Testbarn ${Date.now().toString(36)}`;
const NOTE = "Intern anteckning som anmälaren aldrig får se";

async function fillReport(page: Page) {
  await page.getByLabel("Barnets namn").fill(CHILD);
  await page.getByLabel("Födelsedatum").fill("2016-04-12");
  await page.getByLabel("Klass eller avdelning").fill("4A");
  await page.getByLabel("När såg eller hörde du det?").fill("2026-11-20");
  await page.getByLabel("Barnets egna ord").fill("Jag vill inte gå hem.");
  await page.getByLabel("Ditt telefonnummer").fill("0123-45 12 01");
}

test("a teacher reports, reception decides, the reporters see only the outcome", async ({ page }) => {
  test.slow();
  const teacher = account("larare@exempelstad.example");
  await login(page, teacher);

  // The helper: one question per step, and the outcome links to the guidance.
  await page
    .getByRole("navigation", { name: /huvudmeny|main/i })
    .getByRole("link", { name: "Vägledning" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vägledning");
  await page
    .getByRole("link", { name: /Ska jag anmäla\?/ })
    .first()
    .click();
  await waitForHydration(page);
  await expect(page.getByText("Är barnet i akut fara just nu?")).toBeVisible();
  await page.getByLabel("Nej", { exact: true }).check();
  await page.getByRole("button", { name: "Nästa" }).click();
  await expect(page.getByText(/misstänker du att barnet far illa/)).toBeVisible();
  await page.getByLabel("Ja", { exact: true }).check();
  await page.getByRole("button", { name: "Nästa" }).click();
  await expect(page.getByRole("heading", { name: "Anmäl nu" })).toBeVisible();
  await expectNoAxeViolations(page);
  // The back button works: the previous question again.
  await page.goBack();
  await expect(page.getByText(/misstänker du att barnet far illa/)).toBeVisible();
  await page.goForward();
  await expect(page.getByRole("heading", { name: "Anmäl nu" })).toBeVisible();

  // An article the outcome points to.
  const readMore = page
    .getByRole("heading", { name: "Läs mer" })
    .locator("xpath=following-sibling::ul[1]")
    .getByRole("link")
    .first();
  const articleTitle = (await readMore.textContent())?.trim() ?? "";
  await readMore.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(articleTitle);
  await expect(page.getByRole("heading", { name: "Bygger på" })).toBeVisible();
  await expectNoAxeViolations(page);

  // The report, with a deliberate mistake: no observations.
  await page.goto("/reports/new");
  await waitForHydration(page);
  await fillReport(page);
  await page.getByRole("button", { name: "Skicka anmälan" }).click();
  await expect(page.getByText("Beskriv vad du har sett och hört.", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Barnets namn")).toHaveValue(CHILD);
  await expectNoAxeViolations(page);
  await page
    .getByLabel("Vad har du sett och hört?")
    .fill("Barnet hade blåmärken på båda armarna i måndags och grät när skolan slutade.");
  await page.getByRole("button", { name: "Skicka anmälan" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anmälan är skickad");
  const reference = (await page.locator(".receipt__reference strong").textContent())?.trim() ?? "";
  expect(reference).toMatch(/^ORO-\d{4}-\d{4}$/);
  await expectNoAxeViolations(page);
  await logout(page);

  // Reception: the report is due, and is handled step by step.
  await login(page, account("mottagning@exempelstad.example"));
  await page.goto("/reports");
  const row = page.getByRole("row", { name: new RegExp(reference) });
  await expect(row).toContainText(CHILD);
  await expect(row).toContainText(/Senast/);
  await row.getByRole("link", { name: reference }).click();
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Anmälan ${reference}`);
  await expectNoAxeViolations(page);
  await page.getByLabel("Inget omedelbart skyddsbehov").check();
  await page.getByRole("button", { name: "Registrera skyddsbedömning" }).click();
  await expect(page.getByText("Skyddsbedömningen är registrerad.").first()).toBeVisible();
  // Deciding before the child's voice is documented is refused with a reason.
  const remainingConcern = page.getByRole("group", { name: "Finns det kvarstående oro efter förhandsbedömningen?" });
  await page.getByLabel("Utredning inleds", { exact: true }).check();
  await remainingConcern.getByRole("radio", { name: "Nej" }).check();
  await page.getByRole("button", { name: "Registrera beslut" }).click();
  await expect(page.getByText("Dokumentera först om barnet har hörts.")).toBeVisible();
  await page.getByRole("group", { name: "Har barnet hörts?" }).getByRole("radio", { name: "Ja" }).check();
  await page.getByLabel("Hur barnet hördes, eller varför inte").fill("Samtal med barnet i skolan med kurator.");
  await page.getByRole("button", { name: "Spara", exact: true }).click();
  await expect(page.getByText("Barnets röst är dokumenterad.").first()).toBeVisible();
  await page.getByLabel("Ny anteckning").fill(NOTE);
  await page.getByRole("button", { name: "Spara anteckning" }).click();
  await expect(page.getByText(NOTE)).toBeVisible();
  await page.getByLabel("Utredning inleds", { exact: true }).check();
  await remainingConcern.getByRole("radio", { name: "Nej" }).check();
  await page.getByRole("button", { name: "Registrera beslut" }).click();
  await expect(page.getByText("Beslutet är registrerat.").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Händelser" })).toBeVisible();
  await logout(page);

  // The teacher and the principal: the outcome, and nothing of reception's own work.
  for (const who of [teacher, account("rektor@exempelstad.example")]) {
    await login(page, who);
    await page.goto("/reports");
    const mine = page.getByRole("row", { name: new RegExp(reference) });
    await expect(mine).toContainText("Utredning inleds");
    await mine.getByRole("link", { name: reference }).click();
    await expect(page.getByText("Socialtjänsten har beslutat att inleda en utredning.")).toBeVisible();
    await expect(page.getByText(NOTE)).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Interna anteckningar" })).toHaveCount(0);
    await expect(page.getByText("Inget omedelbart skyddsbehov")).toHaveCount(0);
    await expect(page.getByText("Samtal med barnet i skolan med kurator.")).toHaveCount(0);
    await expectNoAxeViolations(page);
    await logout(page);
  }
});

test("a draft is kept, private to its author, and resumed", async ({ page }) => {
  await login(page, account("larare@exempelstad.example"));
  await page.goto("/reports/new");
  await waitForHydration(page);
  await page.getByLabel("Barnets namn").fill(`${CHILD} utkast`);
  await page.getByRole("button", { name: "Spara utkast" }).click();
  await expect(page.getByText("Utkastet är sparat. Bara du kan se det.").first()).toBeVisible();
  const draftUrl = page.url();
  expect(draftUrl).toMatch(/\/reports\/new\?draft=[0-9a-f-]{36}/);
  await page.goto("/reports");
  await page.getByRole("link", { name: `${CHILD} utkast` }).click();
  await expect(page.getByLabel("Barnets namn")).toHaveValue(`${CHILD} utkast`);
  await logout(page);

  // The principal of the same school cannot open it.
  await login(page, account("rektor@exempelstad.example"));
  const response = await page.goto(new URL(draftUrl).pathname + new URL(draftUrl).search);
  expect(response?.status()).toBe(404);
});
