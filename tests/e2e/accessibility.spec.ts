import { expect, test, type Page } from "@playwright/test";
import {
  account,
  axeViolations,
  crawl,
  demoAccounts,
  expectNoAxeViolations,
  formatViolations,
  login,
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
}

for (const who of demoAccounts) {
  test(`every page reachable as ${who.email} passes axe`, async ({ page }) => {
    test.slow();
    await login(page, who);
    const result = await crawl(page, { start: "/", limit: 60 });
    // Sanity: the crawl found the shell's pages, so it did crawl.
    expect(result.pages.map((p) => p.url)).toEqual(
      expect.arrayContaining(["/", "/inbox", "/settings", "/accessibility"])
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
    })
  );
  await page.goto("/axe-self-test");
  const violations = await axeViolations(page);
  expect(violations.map((v) => v.rule)).toContain("image-alt");
  expect(formatViolations(violations)).toMatch(
    /^\/axe-self-test: \[critical\] image-alt – .*\n\s+img\s+<img class="planted"/m
  );
});
