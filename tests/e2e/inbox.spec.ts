import { expect, test, type Page } from "@playwright/test";
import { account, expectNoAxeViolations, inboxLink, login, waitForHydration } from "./support";

// Each test reads the welcome message of its own account, so no other test depends on it being unread
// (the accessibility crawl never marks anything read).
const WELCOME = "Välkommen till Tillsammans";

async function openWelcomeMessage(page: Page) {
  await expect(inboxLink(page)).toHaveAccessibleName(/1 oläst meddelande$/);
  await inboxLink(page).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inkorg");
  // Unread messages come first (a tab with JavaScript, a section without).
  const item = page.getByRole("main").getByRole("link", { name: WELCOME }).first();
  await expect(item).toContainText("Oläst");
  await item.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(WELCOME);
  await expect(page).toHaveURL(/\/inbox\/[^/]+$/);
  await expect(page.getByRole("main")).toContainText("Det här är din inkorg i Tillsammans.");
}

/** After a reload: no badge, nothing under "Olästa", the message listed as read, and nothing to do on the home page. */
async function expectNothingUnread(page: Page, { js }: { js: boolean }) {
  await expect(inboxLink(page)).toHaveAccessibleName("Inkorg");
  await page.goto("/inbox");
  await waitForHydration(page);
  const main = page.getByRole("main");
  await expect(main).toContainText("Du har inga olästa meddelanden.");
  if (js) {
    // The demo's reviewers also have last month's review notice, read.
    await main.getByRole("tab", { name: /^Alla \(\d+\)$/ }).click();
    await expectNoAxeViolations(page); // the second tab, which the crawl does not open
  }
  const item = main.getByRole("link", { name: WELCOME });
  await expect(item).toHaveCount(1);
  await expect(item).not.toContainText("Oläst");
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Att ta hand om" })).toContainText("Du har inga olästa meddelanden.");
  await expect(inboxLink(page)).toHaveAccessibleName("Inkorg");
}

test("opening a message marks it read and the unread badge disappears", async ({ page }) => {
  await login(page, account("mottagning@exempelstad.example"));
  await expect(page.getByRole("region", { name: "Att ta hand om" }).getByRole("link", { name: WELCOME })).toBeVisible();
  await expectNoAxeViolations(page); // the badge and the unread list
  await openWelcomeMessage(page);
  // With JavaScript the page marks itself read in the background; the button is only for those without.
  await expect(inboxLink(page)).toHaveAccessibleName("Inkorg");
  await expect(page.getByRole("button", { name: "Markera som läst" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  // It was saved, not just hidden.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(WELCOME);
  await expectNothingUnread(page, { js: true });
  await expectNoAxeViolations(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a message stays unread until “Markera som läst” is pressed", async ({ page }) => {
    await login(page, account("forskola@exempelstad.example"));
    await openWelcomeMessage(page);
    // Opening is a GET and changes nothing.
    await page.reload();
    await expect(inboxLink(page)).toHaveAccessibleName(/1 oläst meddelande$/);
    await page.getByRole("button", { name: "Markera som läst" }).click();
    await expect(page).toHaveURL(/\/inbox$/);
    await expectNothingUnread(page, { js: false });
  });
});
