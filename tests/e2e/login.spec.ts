import { expect, test } from "@playwright/test";

test("a teacher logs in, sees their home and unit, and logs out", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("E-postadress").fill("larare@exempelstad.example");
  await page.getByLabel("Lösenord").fill("demo-tillsammans-2026");
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Välkommen, Johan Berg");
  await expect(page.getByRole("banner")).toContainText("Solbackens skola");
  await page.getByRole("button", { name: "Logga ut" }).click();
  await expect(page).toHaveURL(/\/login$/);
});

test("a wrong password shows the generic error and keeps the e-mail", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-postadress").fill("rektor@exempelstad.example");
  await page.getByLabel("Lösenord").fill("fel-lösenord");
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Fel e-postadress eller lösenord. Kontrollera och försök igen.");
  await expect(page.getByLabel("E-postadress")).toHaveValue("rektor@exempelstad.example");
});
