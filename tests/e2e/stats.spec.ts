import { expect, test } from "@playwright/test";
import { account, expectNoAxeViolations, login, logout, waitForHydration } from "./support";

/** The steering group reads the figures for a chosen period and downloads them; staff may not. */
test("the steering group opens the statistics, changes the period and downloads the CSV; staff get 403", async ({
  page,
}) => {
  await login(page, account("styrgrupp@exempelstad.example"));
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Statistik" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Statistik");
  await waitForHydration(page);
  const year = new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" }).slice(0, 4);
  await expect(page.getByRole("main")).toContainText(`Visar 1 januari ${year} – 31 december ${year}`);
  // The chart has a text alternative and the same numbers stand in a table beside it.
  await expect(page.getByRole("img", { name: /Anmälningar per månad och varifrån de kom/ })).toBeVisible();
  const table = page.getByRole("table", { name: "Anmälningar per månad och varifrån de kom" });
  await expect(table.getByRole("row")).toHaveCount(12 + 2);
  // Per kind of unit: a row each; the units themselves are on a page of their own (issue 23, item 7).
  const kinds = page.getByRole("table", { name: "Anmälningar och rådgivning per enhetstyp" });
  await expect(kinds.getByRole("row")).toHaveCount(1 + 3);
  await expect(kinds.getByRole("row", { name: /^Skola/ })).toContainText(/av \d+ enheter har personal/);
  await expect(page.getByRole("table", { name: "Skola: anmälningar och rådgivning per enhet" })).toHaveCount(0);
  // The key shares per source: four sources and all reports, each a row, with a chart beside.
  await expect(page.getByRole("table", { name: "Nyckeltal per källa" }).getByRole("row")).toHaveCount(1 + 5);
  await expect(page.getByRole("img", { name: /Nyckeltal per källa/ })).toBeVisible();
  await expectNoAxeViolations(page);

  // The autumn term: six months.
  await page.getByLabel("Period", { exact: true }).selectOption({ label: "Termin" });
  await page.getByLabel("Termin", { exact: true }).selectOption({ label: `Hösten ${year} (juli–december)` });
  await page.getByRole("button", { name: "Visa" }).click();
  await expect(page).toHaveURL(/period=term/);
  await expect(page.getByRole("main")).toContainText(`Visar 1 juli ${year} – 31 december ${year}`);
  await expect(table.getByRole("row")).toHaveCount(6 + 2);
  // No count from 1 to 4 is ever shown as a number; a hidden count is "dold", never "< 5".
  for (const cell of await table.getByRole("cell").allTextContents())
    expect(cell).toMatch(/^(0|dold|[5-9]|\d[\d\s\u00a0]+)$/);
  await expectNoAxeViolations(page);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Ladda ner siffrorna som CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`statistik-${year}-07-01-${year}-12-31.csv`);
  const csv = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString("utf8");
  expect(text).toContain("figure,month,group,value");
  expect(text).toContain(`reports,${year}-07,school,`);

  // Per unit, for the same period: the demo school has its own row, and the trained-staff column is filled.
  await page.getByRole("link", { name: "Per enhet", exact: true }).click();
  await expect(page).toHaveURL(/\/stats\/units\?period=term/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Statistik per enhet");
  await waitForHydration(page);
  // The main menu still says where you are: under Statistik.
  await expect(
    page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Statistik" }),
  ).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("main")).toContainText(`Visar 1 juli ${year} – 31 december ${year}`);
  const schools = page.getByRole("table", { name: "Skola: anmälningar och rådgivning per enhet" });
  await expect(schools.getByRole("row", { name: /Solbackens skola/ })).toContainText(/Ja|Nej/);
  // …and a chart of the same figures lying down, one row per unit.
  await expect(page.getByRole("img", { name: /Skola: anmälningar och rådgivning per enhet/ })).toBeVisible();
  await expectNoAxeViolations(page);
  // The period form stays on this page.
  await page.getByLabel("Period", { exact: true }).selectOption({ label: "År" });
  await page.getByRole("button", { name: "Visa" }).click();
  await expect(page).toHaveURL(/\/stats\/units\?period=year/);
  await expect(page.getByRole("main")).toContainText(`Visar 1 januari ${year} – 31 december ${year}`);
  // And back to the statistics, for the same period.
  await page.getByRole("link", { name: "Tillbaka till statistiken" }).click();
  await expect(page).toHaveURL(/\/stats\?period=year/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Statistik");
  await logout(page);

  await login(page, account("larare@exempelstad.example"));
  const response = await page.goto("/stats");
  expect(response?.status()).toBe(403);
});
