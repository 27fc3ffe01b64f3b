import { expect, test, type Page } from "@playwright/test";
import { account, expectNoAxeViolations, login, logout, waitForHydration } from "./support";

async function openDemoReport(page: Page) {
  await page.goto("/reports?status=all");
  // The demo report by the teacher, still undecided.
  await page
    .getByRole("row", { name: /Omar Exempelsson/ })
    .getByRole("link")
    .first()
    .click();
  await waitForHydration(page);
  return page.getByRole("region", { name: "Anmälningsmöte" });
}

async function openInvitation(page: Page) {
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Möten" }).click();
  await page
    .getByRole("row", { name: /Mottagningen, rum 3/ })
    .getByRole("link")
    .click();
  await waitForHydration(page);
}

/**
 * Reception invites the teacher from the report; the teacher proposes another time; reception accepts it; the
 * teacher accepts; the e-mails go out through the outbox.
 */
test("invite, propose, accept the proposal, accept, e-mailed", async ({ page }) => {
  test.setTimeout(180_000);
  const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" });
  await login(page, account("mottagning@exempelstad.example"));
  let section = await openDemoReport(page);
  await section.getByLabel("Datum", { exact: true }).fill(tomorrow);
  await section.getByLabel("Klockan", { exact: true }).fill("10:00");
  await section.getByLabel("Plats, rum eller videolänk").fill("Mottagningen, rum 3");
  await section
    .getByLabel("Övriga deltagare (vårdnadshavare, barnet, tolk och språk)")
    .fill("Vårdnadshavare, tolk (somaliska)");
  await expect(section.getByLabel("Johan Berg")).toBeChecked();
  await section.getByRole("button", { name: "Skicka inbjudan" }).click();
  await expect(page.getByText("Inbjudan är skickad.").first()).toBeVisible();
  await expect(section).toContainText("Johan Berg: Inte svarat");
  await expectNoAxeViolations(page);
  await logout(page);

  await login(page, account("larare@exempelstad.example"));
  await openInvitation(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inbjudan till anmälningsmöte");
  await expectNoAxeViolations(page);
  await page.getByLabel("Datum").fill(tomorrow);
  await page.getByLabel("Klockan").fill("14:00");
  await page.getByRole("button", { name: "Föreslå tiden" }).click();
  await expect(page.getByRole("main")).toContainText("Föreslagit annan tid");
  await logout(page);

  await login(page, account("mottagning@exempelstad.example"));
  section = await openDemoReport(page);
  await expect(section).toContainText("Johan Berg: Föreslagit annan tid");
  await section.getByRole("button", { name: "Acceptera tiden" }).click();
  await expect(page.getByText("Mötet är flyttat och alla är meddelade.").first()).toBeVisible();
  await expect(section).toContainText("14:00");
  await logout(page);

  await login(page, account("larare@exempelstad.example"));
  await openInvitation(page);
  await expect(page.getByRole("main")).toContainText("14:00");
  await page.getByRole("button", { name: "Tacka ja" }).click();
  await expect(page.getByText("Ditt svar är skickat.").first()).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Tackat ja");

  // The e-mails went out through the outbox: the invitation and the new time. No day-before reminder: a meeting
  // invited less than a day ahead has had its invitation as the reminder (tests/integration/meetings.test.ts).
  await expect(async () => {
    await page.goto("/dev/mail");
    await expect(page.getByRole("main")).toContainText("Inbjudan till anmälningsmöte");
    await expect(page.getByRole("main")).toContainText("Ny tid för anmälningsmöte");
  }).toPass({ timeout: 60_000, intervals: [2_000] });
  await expect(page.getByRole("main")).not.toContainText("Omar");
});
