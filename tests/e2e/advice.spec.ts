import { expect, test } from "@playwright/test";
import { account, expectNoAxeViolations, login, logout, waitForHydration } from "./support";

/**
 * Reception logs a call with the keyboard alone, in one pass; the caller reads the written advice in the inbox
 * and quotes the code in a report; reception sees the report linked to the call.
 */
test("a call is logged with the keyboard, the caller reads the advice and quotes the code in a report", async ({
  page,
}) => {
  test.slow();
  await login(page, account("mottagning@exempelstad.example"));
  await page.goto("/advice/new");
  await waitForHydration(page);
  const type = async (label: string, text: string) => {
    await page.getByLabel(label, { exact: true }).focus();
    await page.keyboard.type(text);
  };
  // Date, time, length and channel are filled in for "now, by phone": start at the caller's unit.
  await type("Uppringarens enhet", "Solbackens skola");
  await page.getByLabel("Uppringarens roll").focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByLabel("Uppringarens roll")).toHaveValue("teacher");
  await type("Uppringarens e-post (om hen använder portalen)", "larare@exempelstad.example");
  await page.getByLabel("Försummelse").focus();
  await page.keyboard.press("Space");
  await page.getByLabel("Barnets ålder").focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await type("Kort sammanfattning", "Eleven kommer utan matsäck och säger att det inte finns mat hemma.");
  await page.getByLabel("Anmäl nu").focus();
  await page.keyboard.press("Space");
  await type("Överenskommen uppföljning", "Läraren skriver anmälan i dag.");
  await page.getByRole("button", { name: "Spara och visa koden" }).focus();
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Rådgivning R-[A-Z0-9]{4}$/);
  await expect(page.getByText("Samtalet är loggat och rådet skickat till uppringarens inkorg.").first()).toBeVisible();
  const code = ((await page.getByRole("heading", { level: 1 }).textContent()) ?? "").replace("Rådgivning ", "").trim();
  await expectNoAxeViolations(page);
  await logout(page);

  // The caller: the advice in writing, with the code.
  await login(page, account("larare@exempelstad.example"));
  await page.goto("/inbox");
  await page.getByRole("main").getByRole("link", { name: "Råd från mottagningen" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Råd från mottagningen");
  await expect(page.getByRole("main")).toContainText(`Din kod: ${code}.`);
  await expect(page.getByRole("main")).toContainText("Anmäl nu");

  // The e-mail notice went through the outbox (demo mode records it instead of sending) and says nothing more.
  await expect(async () => {
    await page.goto("/dev/mail");
    await expect(page.getByRole("main")).toContainText("Till larare@exempelstad.example");
    await expect(page.getByRole("main")).toContainText("skickad");
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole("main")).not.toContainText("matsäck");
  await expectNoAxeViolations(page);

  // A report quoting the code.
  await page.goto("/reports/new");
  await waitForHydration(page);
  await page.getByLabel("Barnets namn").fill("Kodbarn Testsson");
  await page.getByLabel("Födelsedatum").fill("2015-02-02");
  await page.getByLabel("När såg eller hörde du det?").fill("2026-11-20");
  await page
    .getByLabel("Vad har du sett och hört?")
    .fill("Eleven har saknat matsäck fem dagar i rad och sagt att det inte finns mat hemma.");
  await page.getByLabel("Kod från rådgivningssamtal").fill(code);
  await page.getByLabel("Ditt telefonnummer").fill("0123-45 12 01");
  await page.getByRole("button", { name: "Skicka anmälan" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anmälan är skickad");
  const reference = ((await page.locator(".receipt__reference strong").textContent()) ?? "").trim();
  await logout(page);

  // Reception: the report links to the call, and the call to the report.
  await login(page, account("mottagning@exempelstad.example"));
  await page.goto("/advice?followed=yes");
  await page.getByRole("link", { name: code }).click();
  await expect(page.getByRole("link", { name: reference })).toBeVisible();
  await page.getByRole("link", { name: reference }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Anmälan ${reference}`);
  await expect(page.getByRole("link", { name: code })).toBeVisible();
});

test("a summary with a personal identity number is refused, with what was typed kept", async ({ page }) => {
  await login(page, account("mottagning@exempelstad.example"));
  await page.goto("/advice/new");
  await waitForHydration(page);
  await page.getByLabel("Uppringarens roll").selectOption("principal");
  await page.getByLabel("Sexuella övergrepp").check();
  const summary = "Rektorn ringde om eleven 120315-1234 som berättat om övergrepp.";
  await page.getByLabel("Anmäl nu").check();
  await page.getByLabel("Kort sammanfattning").fill(summary);
  await page.getByRole("button", { name: "Spara och visa koden" }).click();
  await expect(page.getByText(/ser ut som ett personnummer/).first()).toBeVisible();
  await expect(page.getByLabel("Kort sammanfattning")).toHaveValue(summary);
  await expect(page).toHaveURL(/\/advice\/new$/);
  await expectNoAxeViolations(page);
});
