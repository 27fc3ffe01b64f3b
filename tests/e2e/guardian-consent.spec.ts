import { expect, test } from "@playwright/test";
import {
  account,
  expectNoAxeViolations,
  login,
  logout,
  pathOf,
  startReport,
  stockholmDaysAgo,
  submitReport,
  waitForHydration,
} from "./support";

/**
 * The school asks the guardians for consent (issue 21, item 4): a teacher on a phone records what the guardians said,
 * with pauses and a double click; reception finds it waiting on the report's feedback page, confirms it, and the
 * consent is in the register.
 */

const CHILD = `Samtyckesbarn ${Date.now().toString(36)}`;
const GIVEN_BY = "Sara Lind, mamma";

const teacher = account("larare@exempelstad.example");
const reception = account("mottagning@exempelstad.example");

test("a teacher records the guardians' yes on a phone; reception confirms it into the register", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 375, height: 800 });
  await login(page, teacher);
  await startReport(page, {
    child: CHILD,
    born: "2017-09-14",
    group: "2A",
    observedOn: stockholmDaysAgo(2),
    seen: "Barnet har kommit hungrig till skolan flera dagar och säger att det inte finns mat hemma.",
  });
  await page.getByLabel("Ditt telefonnummer").fill("0123-45 12 01");
  const reference = await submitReport(page);

  // From the report, the way to record the guardians' answer.
  await page.goto("/reports");
  await page.getByRole("row").filter({ hasText: CHILD }).getByRole("link", { name: reference }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Anmälan ${reference}`);
  await waitForHydration(page);
  const reportPath = pathOf(page.url());
  await page.getByRole("link", { name: /Registrera deras svar/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Vårdnadshavarnas samtycke – ${reference}`);
  await waitForHydration(page);

  const form = page.getByRole("region", { name: "Registrera vårdnadshavarnas svar" });
  await form.getByRole("radio", { name: "vårdnadshavare", exact: true }).check();
  await form.getByLabel("Namn och relation till barnet").pressSequentially(GIVEN_BY, { delay: 40 });
  await page.waitForTimeout(700);
  await form.getByRole("radio", { name: "Ja, samtycker" }).check();
  await form.getByRole("checkbox", { name: "Hur skolan kan stödja barnet" }).check();
  await form.getByRole("radio", { name: "muntligt" }).check();
  await form.getByLabel("Anteckning").fill("Mamma svarade när hon hämtade.");
  await form.getByRole("button", { name: "Spara svaret" }).dblclick();
  await expect(page.getByRole("status").filter({ hasText: "Svaret är sparat." })).toBeVisible();
  // Once, however many clicks.
  const answers = page.getByRole("region", { name: "Registrerade svar" }).getByRole("article");
  await expect(answers).toHaveCount(1);
  await expect(answers.first()).toContainText("Väntar på mottagningen");
  await expectNoAxeViolations(page);
  await logout(page);

  // Reception sees it waiting on the report's feedback page, and confirms it.
  await page.setViewportSize({ width: 1280, height: 900 });
  await login(page, reception);
  await page.goto(`${reportPath}/feedback`);
  await page.getByRole("link", { name: /1 väntar på att bekräftas/ }).click();
  await waitForHydration(page);
  await expect(page.getByRole("article").first()).toContainText(GIVEN_BY);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Bekräfta samtycket" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Samtycket är infört i registret." })).toBeVisible();
  await expect(page.getByRole("article").first()).toContainText("Bekräftat och infört i samtyckesregistret");
  // Nothing left to confirm, and the consent is in the register.
  await expect(page.getByRole("button", { name: "Bekräfta samtycket" })).toHaveCount(0);
  await page.goto(`${reportPath}/feedback`);
  await expect(page.getByRole("main")).toContainText(GIVEN_BY);
  await expect(page.getByRole("main")).toContainText("Gäller");
});
