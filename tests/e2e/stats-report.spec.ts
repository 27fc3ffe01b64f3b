import { expect, test } from "@playwright/test";
import { account, expectNoAxeViolations, login, waitForHydration } from "./support";

/** Each page's text of a PDF (pdf.js, as Firefox reads it), in the order it is drawn. */
async function pdfPages(pdf: Buffer) {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false })
    .promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(""));
  }
  await document.destroy();
  return pages;
}

/** Text compared without its spacing: a PDF splits and spaces its runs of text as it likes. */
const squash = (s: string) => s.replace(/\s+/g, "");

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

test("the yearly report printed to PDF: the summary alone on page 1, each part on a page of its own, numbered", async ({
  page,
}) => {
  await login(page, account("styrgrupp@exempelstad.example"));
  await page.goto("/stats/report?year=2025");
  await waitForHydration(page);
  await expectNoAxeViolations(page);

  // The headings as the page has them, in order: the parts' (h2 of a part) and every other.
  const report = page.locator("article.stats-report");
  const headings = (await report.locator("h1, h2, h3").allTextContents()).map((h) => h.trim());
  const parts = (await report.locator(".stats-report__part > h2").allTextContents()).map((h) => h.trim());
  const cover = (await report.locator(".stats-report__cover").locator("h1, h2").allTextContents()).map((h) => h.trim());
  expect(parts).toEqual([
    "Anmälningar och rådgivning 2025",
    "Per enhetstyp 2025",
    "Alla nyckeltal 2025 och 2024",
    "Uppföljning av överenskommelsen 2025",
  ]);
  expect(cover).toEqual(["Årsrapport 2025 – Exempelstad", "Största förändringarna"]);

  const pdf = await page.pdf({ format: "A4", printBackground: true });
  const pages = (await pdfPages(pdf)).map(squash);
  const onPage = pages.map((text) =>
    headings.filter((h) => text.includes(squash(h))).sort((a, b) => text.indexOf(squash(a)) - text.indexOf(squash(b))),
  );
  const seen = onPage.map((h, i) => `page ${i + 1}: ${h.join(" | ")}`).join("\n");
  await test.info().attach("headings per page", { body: seen, contentType: "text/plain" });
  console.log(`${pages.length} pages\n${seen}`);

  expect(pages.length).toBeGreaterThanOrEqual(2);
  // Small enough to send with the agenda: Chromium writes each patterned bar as an image, kept to the bar's size.
  expect(pdf.length).toBeLessThan(2_000_000);
  // Page 1 is the summary: the title, the key figures in short and the largest changes; no part starts there.
  expect(pages[0]).toContain(squash("I korthet: 2025 jämfört med 2024"));
  expect(onPage[0]).toEqual(expect.arrayContaining(cover));
  for (const part of parts) expect(onPage[0]).not.toContain(part);
  // Each part starts a page, in order, its heading the first on that page.
  const pageOf = parts.map((part) => onPage.findIndex((h) => h.includes(part)));
  for (const [i, n] of pageOf.entries()) {
    expect(n, parts[i]).toBeGreaterThan(i === 0 ? 0 : pageOf[i - 1]);
    expect(onPage[n][0], parts[i]).toBe(parts[i]);
  }
  // Every chart is printed with its table (the caption twice: the chart's and the table's).
  for (const caption of await report.locator("figure.bar-chart figcaption").allTextContents())
    expect(pages.join("").split(squash(caption)).length - 1, caption).toBeGreaterThanOrEqual(2);
  // Every page has its number of the whole and the running footer, in the page margins.
  for (const [i, text] of pages.entries()) {
    expect(text, `page ${i + 1}`).toContain(squash(`${i + 1} / ${pages.length}`));
    expect(text, `page ${i + 1}`).toContain(squash("Exempelstad · Årsrapport 2025"));
  }
  // The app's frame is not printed.
  expect(pages.join("")).not.toContain(squash("Visa rapporten"));
});
