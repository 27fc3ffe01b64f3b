import { expect, test } from "@playwright/test";
import { account, expectNoAxeViolations, login, logout, waitForHydration } from "./support";

test("a coordinator edits and publishes an article; staff find the new text by search", async ({ page }) => {
  const sentence = `Ny mening från samordnaren ${Date.now().toString(36)}.`;
  await login(page, account("samordnare@exempelstad.example"));
  await page.goto("/guidance/manage");
  await page.getByRole("link", { name: "Anmälningsskyldigheten" }).click();
  await waitForHydration(page);
  const swedish = page.getByRole("group", { name: "Svenska" });
  const body = swedish.getByLabel("Text", { exact: true });
  await body.fill(`${await body.inputValue()}\n\n${sentence}`);
  await swedish.getByLabel("Vad har ändrats?").fill("Lagt till en mening.");
  // "Senast granskad" shows only when the coordinator says the text was checked against the law (issue 21).
  await page.getByLabel("Jag har i dag kontrollerat texten och varje lagrum mot den gällande lagtexten").check();
  await page.getByRole("button", { name: "Spara och publicera" }).click();
  await expect(page.getByText("Artikeln är publicerad.").first()).toBeVisible();
  const history = page.getByRole("table", { name: "Historik" });
  await expect(history.getByRole("row", { name: /Version 2/ })).toContainText("Gäller nu");
  await expect(history.getByRole("row", { name: /Version 2/ })).toContainText("Lagt till en mening.");
  await expectNoAxeViolations(page);
  await history.getByRole("link", { name: "Version 2" }).click();
  await expect(page.locator("ins", { hasText: "samordnaren" })).toBeVisible();
  await logout(page);

  await login(page, account("larare@exempelstad.example"));
  await page.goto("/guidance");
  await page.getByLabel("Sök i vägledningen").fill("samordnaren");
  await page.getByRole("button", { name: "Sök", exact: true }).click();
  await expect(page.getByRole("heading", { name: /1 träff/ })).toBeVisible();
  await page.getByRole("link", { name: "Anmälningsskyldigheten" }).click();
  await expect(page.getByText(sentence)).toBeVisible();
  await expect(page.getByText("Senast granskad")).toBeVisible();
});

test("the agreement shows the version in force and what changed", async ({ page }) => {
  await login(page, account("forskola@exempelstad.example"));
  await page.goto("/guidance/agreement");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Samverkansöverenskommelse: Vi gör det tillsammans");
  await expect(page.getByText(/Version 2 gäller/)).toBeVisible();
  await expect(page.getByText("Nästa översyn")).toBeVisible();
  await page.getByText("Visa ändringarna i texten").click();
  await expect(page.locator(".change-view ins").first()).toBeVisible();
  await expectNoAxeViolations(page);
});
