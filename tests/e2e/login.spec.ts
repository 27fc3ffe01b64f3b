import { expect, test, type Page } from "@playwright/test";
import { account, demoAccounts, expectNoAxeViolations, login, logout, waitForHydration } from "./support";

/** Navigation every role has, and the administration items only the admin has (app/lib/navigation.server.ts). */
const NAV_FOR_ALL = { sv: ["Start", "Inkorg", "Inställningar"], en: ["Home", "Inbox", "Settings"] };
const NAV_ADMIN_ONLY = { sv: ["Användare", "Enheter", "Loggkontroll"], en: ["Users", "Units", "Audit log"] };
/** The administration's links a role sees: all for the admin, the audit log for the security reviewer, else none. */
const adminLinksOf = (role: string, name: string) =>
  role === "admin" || (role === "security_reviewer" && ["Loggkontroll", "Audit log"].includes(name)) ? 1 : 0;

/**
 * What Chromium tells assistive technology about the user menu's <summary>: its role (a disclosure triangle, a
 * button to screen readers), name and expanded state. Playwright gives a <summary> no role, so ask the browser.
 */
async function userMenuSummaryAx(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send("DOM.getDocument");
    const selector = ".site-header__tools details.user-menu > summary";
    const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
    const { nodes } = await cdp.send("Accessibility.getPartialAXTree", { nodeId, fetchRelatives: false });
    const node = nodes[0];
    return {
      role: node?.role?.value,
      name: node?.name?.value,
      expanded: node?.properties?.find((p) => p.name === "expanded")?.value.value,
    };
  } finally {
    await cdp.detach();
  }
}

test("a teacher logs in, sees their home and unit, and logs out", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await waitForHydration(page);
  await page.getByLabel("E-postadress").fill("larare@exempelstad.example");
  await page.getByLabel("Lösenord").fill("demo-tillsammans-2026");
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Välkommen, Johan Berg");
  await expect(page.getByRole("banner")).toContainText("Solbackens skola");
  // The user menu: a disclosure (<details>), opened and used with the keyboard once hydrated (Escape needs JS).
  await waitForHydration(page);
  const tools = page.locator(".site-header__tools");
  const userMenu = tools.locator("details.user-menu");
  const summary = userMenu.locator("summary");
  await expect(summary).toContainText("Johan Berg");
  // Closed: the panel's link and button are hidden, also from assistive technology and the tab order.
  await expect(userMenu).not.toHaveAttribute("open");
  expect(await userMenuSummaryAx(page)).toEqual({
    role: "DisclosureTriangle",
    name: "Johan Berg Personal · Solbackens skola",
    expanded: false,
  });
  await expect(tools.getByRole("link", { name: "Inställningar" })).toBeHidden();
  await expect(tools.getByRole("button", { name: "Logga ut" })).toBeHidden();
  await summary.focus();
  await page.keyboard.press("Enter");
  await expect(userMenu).toHaveAttribute("open", "");
  await expect.poll(async () => (await userMenuSummaryAx(page)).expanded).toBe(true);
  // (The main navigation, also in the banner, has its own settings link: look at the header's tools only.)
  await expect(tools.getByRole("link", { name: "Inställningar" })).toBeVisible();
  await expect(tools.getByRole("button", { name: "Logga ut" })).toBeVisible();
  // Tab goes through the panel in order.
  await page.keyboard.press("Tab");
  await expect(tools.getByRole("link", { name: "Inställningar" })).toBeFocused();
  // Staff report deviations from the agreement from here (coordinators have them in the main navigation).
  await page.keyboard.press("Tab");
  await expect(tools.getByRole("link", { name: "Avvikelser" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(tools.getByRole("button", { name: "Logga ut" })).toBeFocused();
  await expectNoAxeViolations(page);
  await page.keyboard.press("Escape");
  await expect(userMenu).not.toHaveAttribute("open");
  await expect(tools.getByRole("button", { name: "Logga ut" })).toBeHidden();
  await expect(summary).toBeFocused();
  // A click outside closes it, and so does focus moving out of it.
  await summary.click();
  await expect(userMenu).toHaveAttribute("open", "");
  await page.getByRole("heading", { level: 1 }).click();
  await expect(userMenu).not.toHaveAttribute("open");
  await summary.click();
  await expect(userMenu).toHaveAttribute("open", "");
  await summary.focus();
  await page.keyboard.press("Shift+Tab");
  await expect(userMenu).not.toHaveAttribute("open");
  // A client-side navigation closes it.
  await summary.click();
  await tools.getByRole("link", { name: "Inställningar" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(userMenu).not.toHaveAttribute("open");
  await summary.click();
  await tools.getByRole("button", { name: "Logga ut" }).click();
  await expect(page).toHaveURL(/\/login$/);
});

// The only failed login of the run: the address is throttled after 20, the account after 5.
test("a wrong password shows the generic error and keeps the e-mail", async ({ page }) => {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("E-postadress").fill("rektor@exempelstad.example");
  await page.getByLabel("Lösenord").fill("fel-lösenord");
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Fel e-postadress eller lösenord. Kontrollera och försök igen.");
  await expect(page.getByLabel("E-postadress")).toHaveValue("rektor@exempelstad.example");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Logga in");
  await expectNoAxeViolations(page);
});

test("an empty login form explains what is missing, next to each field", async ({ page }) => {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByRole("button", { name: "Logga in" }).click();
  const email = page.getByLabel("E-postadress");
  const password = page.getByLabel("Lösenord");
  await expect(email).toHaveAttribute("aria-invalid", "true", { timeout: 3_000 });
  await expect(email).toHaveAccessibleDescription("Fyll i din e-postadress.");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription("Fyll i ditt lösenord.");
  await expectNoAxeViolations(page);
});

for (const who of demoAccounts) {
  test(`${who.roleLabel.sv} ${who.email} sees their home, switches to English and back, and logs out`, async ({
    page,
  }) => {
    await login(page, who);
    await expect(page).toHaveURL(/\/$/);
    const html = page.locator("html");
    const banner = page.getByRole("banner");
    const nav = page.getByRole("navigation", { name: "Huvudmeny" });

    // Home: greeting, the role's own guidance, and who is signed in where.
    await expect(html).toHaveAttribute("lang", "sv");
    await expect(page).toHaveTitle("Start – Tillsammans");
    await expect(page.getByRole("heading", { level: 2, name: who.homeHeading, exact: true })).toBeVisible();
    await expect(banner).toContainText(who.name);
    await expect(banner).toContainText(`${who.roleLabel.sv} · ${who.unit}`);

    // Navigation: what the role may use, and the administration only for the admin (its audit log for the reviewer).
    for (const name of NAV_FOR_ALL.sv) await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
    for (const name of NAV_ADMIN_ONLY.sv) {
      await expect(nav.getByRole("link", { name, exact: true })).toHaveCount(adminLinksOf(who.role, name));
    }
    await expect(nav.getByRole("link", { name: "Start", exact: true })).toHaveAttribute("aria-current", "page");

    // English: <html lang>, page text, header and navigation change; the choice is announced in its own language.
    const toEnglish = banner.getByRole("button", { name: "English" });
    await expect(toEnglish).toHaveAttribute("lang", "en");
    await toEnglish.click();
    await expect(html).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${who.name}`);
    await expect(page).toHaveTitle("Home – Tillsammans");
    await expect(banner).toContainText(`${who.roleLabel.en} · ${who.unit}`);
    const navEn = page.getByRole("navigation", { name: "Main menu" });
    for (const name of NAV_FOR_ALL.en) await expect(navEn.getByRole("link", { name, exact: true })).toBeVisible();
    for (const name of NAV_ADMIN_ONLY.en) {
      await expect(navEn.getByRole("link", { name, exact: true })).toHaveCount(adminLinksOf(who.role, name));
    }
    const summary = banner.locator("details.user-menu > summary");
    await expect(summary).toContainText(who.name);
    await summary.click();
    await expect(banner.getByRole("button", { name: "Log out" })).toBeVisible();
    await expect(page.locator(".site-header__tools").getByRole("link", { name: "Settings" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(banner.getByRole("button", { name: "Log out" })).toBeHidden();
    // One page in English for axe: the home page of every role.
    await expectNoAxeViolations(page);

    await banner.getByRole("button", { name: "Svenska" }).click();
    await expect(html).toHaveAttribute("lang", "sv");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Välkommen, ${who.name}`);
    await expect(banner).toContainText(`${who.roleLabel.sv} · ${who.unit}`);

    await logout(page);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });
}

test.describe("keyboard", () => {
  test("the skip link is the first stop and moves focus to the main content (signed out)", async ({ page }) => {
    await page.goto("/login");
    await waitForHydration(page);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Hoppa till innehållet" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();
    // The next stop is the first control of the content, not the header.
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("E-postadress")).toBeFocused();
  });

  test("the skip link is the first stop and moves focus to the main content (signed in)", async ({ page }) => {
    await login(page, account("samordnare@exempelstad.example"));
    // A fresh page load: after the login form's in-app navigation the keyboard starts where the form was.
    await page.reload();
    await waitForHydration(page);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Hoppa till innehållet" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("main").locator(":focus")).toHaveCount(1);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("logging in, switching language and logging out work as plain forms", async ({ page }) => {
    const who = account("styrgrupp@exempelstad.example");
    await login(page, who);
    const banner = page.getByRole("banner");
    await expect(banner).toContainText(`${who.roleLabel.sv} · ${who.unit}`);
    // The user menu is a native <details>: it opens without JavaScript, and the panel holds the settings link and
    // the log-out form's button (logout() below clicks it).
    const userMenu = banner.locator("details.user-menu");
    await expect(banner.getByRole("button", { name: "Logga ut" })).toBeHidden();
    await userMenu.locator("summary").click();
    await expect(userMenu).toHaveAttribute("open", "");
    await expect(page.locator(".site-header__tools").getByRole("link", { name: "Inställningar" })).toBeVisible();
    await expect(banner.getByRole("button", { name: "Logga ut" })).toBeVisible();
    await userMenu.locator("summary").click();
    await expect(userMenu).not.toHaveAttribute("open");

    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${who.name}`);
    await page.getByRole("button", { name: "Svenska" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "sv");

    await logout(page);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });
});
