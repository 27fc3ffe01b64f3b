import { expect, test, type Page } from "@playwright/test";
import {
  account,
  axeViolations,
  crawl,
  demoAccounts,
  expectNoAxeViolations,
  formatViolations,
  login,
  smallTargets,
  waitForHydration,
  type CrawlResult,
} from "./support";

/**
 * axe (WCAG 2.1 A and AA) on every page reachable in the demo: for each account, every page its links lead to
 * from the home page, so new pages are covered as soon as something links to them. The English home page of every
 * role is scanned in login.spec.ts, the inbox after reading in inbox.spec.ts.
 */

function check(result: CrawlResult) {
  const pages = result.pages.map((p) => `${p.url} ${p.status}${p.withoutJs ? " (without the app's scripts)" : ""}`);
  test.info().annotations.push({ type: "scanned", description: pages.join(", ") });
  if (result.skipped.length) {
    test.info().annotations.push({ type: "not visited (limits)", description: result.skipped.join(", ") });
  }
  if (process.env.CRAWL_LOG) console.log(`${test.info().title}\n  ${pages.join("\n  ")}`);
  // A link the app renders must lead somewhere: no 403 (navigation follows permissions), no 404, no 500.
  expect(result.brokenLinks, "links that lead to an error page").toEqual([]);
  expect(result.scriptErrors, "errors in the browser (a failed hydration shows here)").toEqual([]);
  expect(result.violations, `axe found WCAG 2.1 A/AA violations:\n${formatViolations(result.violations)}`).toEqual([]);
  expect(result.reflow, "pages that scroll sideways at 320 px (WCAG 1.4.10)").toEqual([]);
  expect(result.smallTargets, "targets under 24 by 24 px (WCAG 2.2 2.5.8)").toEqual([]);
  expect(result.unlimitedFields, "text fields without maxLength").toEqual([]);
}

for (const who of demoAccounts) {
  test(`every page reachable as ${who.email} passes axe`, async ({ page }) => {
    test.slow();
    await login(page, who);
    const result = await crawl(page, { start: "/", limit: 60 });
    // Sanity: the crawl found the shell's pages, so it did crawl.
    expect(result.pages.map((p) => p.url)).toEqual(
      expect.arrayContaining(["/", "/inbox", "/settings", "/accessibility"]),
    );
    check(result);
  });
}

/** A page as it is once hydrated. */
async function scan(page: Page, path: string, { status = 200 } = {}) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(status);
  await waitForHydration(page);
  await expectNoAxeViolations(page);
}

test("the pages reachable signed out pass axe: login, accessibility statement, 404", async ({ page }) => {
  const result = await crawl(page, { start: "/login", limit: 20 });
  expect(result.pages.map((p) => p.url)).toEqual(expect.arrayContaining(["/login", "/accessibility"]));
  check(result);

  await scan(page, "/finns-inte", { status: 404 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sidan finns inte");
});

test.describe("in English", () => {
  test.use({ locale: "en-GB" });

  test("the login page, the accessibility statement and the 404 page pass axe", async ({ page }) => {
    await scan(page, "/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log in");
    await scan(page, "/accessibility");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accessibility statement");
    await scan(page, "/does-not-exist", { status: 404 });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  });
});

test("a confirmation (the status message after saving) passes axe and stays until it is closed", async ({ page }) => {
  // The notice travels in the query string after a redirect, so a GET shows it without changing anything.
  await login(page, account("styrgrupp@exempelstad.example"));
  await page.goto("/settings?notice=saved");
  await waitForHydration(page);
  const status = page.getByRole("main").getByRole("status").filter({ hasText: "Ändringarna är sparade." });
  await expect(status).toBeVisible();
  await expectNoAxeViolations(page);
  await status.getByRole("button", { name: "Stäng" }).click();
  await expect(status).toHaveCount(0);
});

test("the axe check itself reports a violation with its rule, element and URL", async ({ page }) => {
  // A page made up here, not the app's: it shows that a violation does fail the checks above.
  await page.route("**/axe-self-test", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: '<!doctype html><html lang="sv"><title>Test</title><main><img class="planted" src="/favicon.svg"></main></html>',
    }),
  );
  await page.goto("/axe-self-test");
  const violations = await axeViolations(page);
  expect(violations.map((v) => v.rule)).toContain("image-alt");
  expect(formatViolations(violations)).toMatch(
    /^\/axe-self-test: \[critical\] image-alt – .*\n\s+img\s+<img class="planted"/m,
  );
});

// ---------------------------------------------------------------------------------------------------------------
// The report form on a phone (375 by 667 px), with and without JavaScript

const PHONE = { width: 375, height: 667 };

/** Where the header ends, from the top of the page. */
const headerBottom = (page: Page) =>
  page.evaluate(() => document.querySelector(".site-header")!.getBoundingClientRect().bottom + window.scrollY);

/**
 * The fields that apply only after a choice are hidden until it is made: not shown and not in the accessibility tree
 * (getByRole leaves hidden elements out), so neither focusable nor announced; each choice shows its own.
 */
async function onlyFieldsThatApply(page: Page) {
  const colleague = page.getByRole("combobox", { name: "Kollegan som har sett eller hört det" });
  const otherName = page.getByRole("textbox", { name: "Namn på den som har sett eller hört det" });
  const onBehalf = page.getByRole("textbox", { name: "Varför skriver du anmälan i stället för den personen?" });
  const language = page.getByRole("textbox", { name: "Språk för tolk" });
  const reason = page.getByRole("textbox", { name: "Om inte: varför?" });
  const secondGuardian = page.getByRole("group", { name: "Vårdnadshavare 2" });
  for (const field of [colleague, otherName, onBehalf, language, reason, secondGuardian])
    await expect(field).toHaveCount(0);

  await page.getByRole("radio", { name: "En kollega på enheten" }).check();
  await expect(colleague).toBeVisible();
  await expect(onBehalf).toBeVisible();
  await expect(otherName).toHaveCount(0);
  await page.getByRole("radio", { name: "Någon annan" }).check();
  await expect(otherName).toBeVisible();
  await expect(onBehalf).toBeVisible();
  await expect(colleague).toHaveCount(0);
  await page.getByRole("radio", { name: "Jag själv" }).check();
  await expect(onBehalf).toHaveCount(0);

  await page.getByRole("checkbox", { name: "Tolk behövs" }).check();
  await expect(language).toBeVisible();
  await page.getByRole("group", { name: "Vårdnadshavare 1" }).getByRole("radio", { name: "Nej" }).check();
  await expect(reason).toBeVisible();
  await page.getByText("Barnet har en vårdnadshavare till").click();
  await expect(secondGuardian).toBeVisible();
  // Its own "why not" waits for its own "no".
  await expect(reason).toHaveCount(1);
}

test.describe("on a 375 px phone", () => {
  test.use({ viewport: PHONE });

  test("the report form: a small header, only the fields that apply, 24 px targets", async ({ page }) => {
    await login(page, account("larare@exempelstad.example"));
    await page.goto("/reports/new");
    await waitForHydration(page);
    // Before: the header took 72 % of the screen and the form was 5,600 px long.
    expect(await headerBottom(page)).toBeLessThanOrEqual(PHONE.height * 0.4);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(4_800);
    expect(await smallTargets(page), "targets under 24 by 24 px").toEqual([]);
    await onlyFieldsThatApply(page);
    expect(await smallTargets(page), "targets under 24 by 24 px, every field shown").toEqual([]);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the fields still follow the choices, and a field the server refuses shows again", async ({ page }) => {
      await login(page, account("larare@exempelstad.example"));
      await page.goto("/reports/new");
      await onlyFieldsThatApply(page);
      // A second guardian named but not answered for: the server's answer opens it again, with its error.
      await page
        .getByRole("group", { name: "Vårdnadshavare 2" })
        .getByRole("textbox", { name: "Namn" })
        .fill("Vårdnadshavare Två");
      await page.getByText("Barnet har en vårdnadshavare till").click();
      await expect(page.getByRole("group", { name: "Vårdnadshavare 2" })).toHaveCount(0);
      await page.getByRole("button", { name: "Skicka anmälan" }).click();
      const secondGuardian = page.getByRole("group", { name: "Vårdnadshavare 2" });
      await expect(secondGuardian).toBeVisible();
      await expect(secondGuardian.getByRole("textbox", { name: "Namn" })).toHaveValue("Vårdnadshavare Två");
      await expect(secondGuardian.getByText("Ange om vårdnadshavaren vet om anmälan.")).toBeVisible();
    });
  });
});
