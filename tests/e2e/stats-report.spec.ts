import { expect, test } from "@playwright/test";
import { account, expectNoAxeViolations, login, waitForHydration } from "./support";

/** The steering group opens the yearly report, picks another year with the form, and prints it without the app's frame. */
test("the steering group reads the yearly report, changes the year and prints it without the navigation", async ({
  page,
}) => {
  await login(page, account("styrgrupp@exempelstad.example"));
  const response = await page.goto("/stats/report?year=2025");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Årsrapport 2025 – Exempelstad");
  await expect(page).toHaveTitle("Årsrapport – Tillsammans");
  await waitForHydration(page);

  const table = page.getByRole("table", { name: "Nyckeltal 2025 jämfört med 2024" });
  await expect(table.getByRole("columnheader")).toHaveText(["Nyckeltal", "2024", "2025", "Förändring"]);
  await expect(table.getByRole("rowheader", { name: "Orosanmälningar totalt" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Största förändringarna" })).toBeVisible();
  // No count from 1 to 4 is ever shown as a number: the figures' columns hold 0, ≥ 5, a share, days or a mark
  // ("dold" for a count, "för få" for a share or median), never "< 5".
  for (const row of await table.locator("tbody tr").all()) {
    const cells = await row.getByRole("cell").allTextContents();
    for (const cell of cells.slice(0, 2))
      expect(cell).toMatch(/^(0|dold|för få|[5-9]|\d[\d\s\u00a0]+|\d+(,\d)? dagar?|\d+\s%)$/);
  }
  await expect(page.getByText("Skriv ut eller spara som PDF från webbläsaren")).toBeVisible();
  await expectNoAxeViolations(page);

  // Another year with the form (a plain GET: the URL carries the year).
  await page.getByLabel("År", { exact: true }).selectOption("2024");
  await page.getByRole("button", { name: "Visa rapporten" }).click();
  await expect(page).toHaveURL(/\/stats\/report\?year=2024$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Årsrapport 2024 – Exempelstad");
  await expect(page.getByRole("table", { name: "Nyckeltal 2024 jämfört med 2023" })).toBeVisible();
  await expect(page.getByLabel("År", { exact: true })).toHaveValue("2024");
  await expectNoAxeViolations(page);

  // Printed: the report stays, the header with the navigation, the footer and the year form go.
  const navigation = page.getByRole("navigation", { name: "Huvudmeny" });
  await expect(navigation).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(navigation).toBeHidden();
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("contentinfo")).toBeHidden();
  await expect(page.getByRole("button", { name: "Visa rapporten" })).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("table", { name: "Nyckeltal 2024 jämfört med 2023" })).toBeVisible();
  await page.emulateMedia({ media: "screen" });
  await expect(navigation).toBeVisible();
});

test("staff may not open the yearly report", async ({ page }) => {
  await login(page, account("larare@exempelstad.example"));
  const response = await page.goto("/stats/report");
  expect(response?.status()).toBe(403);
});
