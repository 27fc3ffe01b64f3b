import { expect, test } from "@playwright/test";
import { account, expectNoAxeViolations, login, logout, waitForHydration } from "./support";

/** Reception invites the teacher to a report meeting from the report; the teacher answers in the portal. */
test("reception invites the reporter to a report meeting and the teacher accepts", async ({ page }) => {
  test.slow();
  await login(page, account("mottagning@exempelstad.example"));
  await page.goto("/reports?status=all");
  // The demo report by the teacher, still undecided.
  await page.getByRole("row", { name: /Omar Exempelsson/ }).getByRole("link").first().click();
  await waitForHydration(page);
  const section = page.getByRole("region", { name: "Anmälningsmöte" });
  const date = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await section.getByLabel("Datum", { exact: true }).fill(date);
  await section.getByLabel("Klockan", { exact: true }).fill("10:00");
  await section.getByLabel("Plats, rum eller videolänk").fill("Mottagningen, rum 3");
  await section.getByLabel("Övriga deltagare (vårdnadshavare, barnet, tolk och språk)").fill("Vårdnadshavare, tolk (somaliska)");
  await expect(section.getByLabel("Johan Berg")).toBeChecked();
  await section.getByRole("button", { name: "Skicka inbjudan" }).click();
  await expect(page.getByText("Inbjudan är skickad.").first()).toBeVisible();
  await expect(section).toContainText("Johan Berg: Inte svarat");
  await expectNoAxeViolations(page);
  await logout(page);

  await login(page, account("larare@exempelstad.example"));
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Möten" }).click();
  await page.getByRole("row", { name: /Mottagningen, rum 3/ }).getByRole("link").click();
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inbjudan till anmälningsmöte");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Tacka ja" }).click();
  await expect(page.getByText("Ditt svar är skickat.").first()).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Tackat ja");
  await logout(page);

  await login(page, account("mottagning@exempelstad.example"));
  await page.goto("/reports?status=all");
  await page.getByRole("row", { name: /Omar Exempelsson/ }).getByRole("link").first().click();
  await expect(page.getByRole("region", { name: "Anmälningsmöte" })).toContainText("Johan Berg: Tackat ja");
});
