import { expect, test } from "@playwright/test";
import { account, expectNoAxeViolations, login, logout, waitForHydration } from "./support";

/**
 * Two administrators (issue 22, item 1): one proposes to make the school counsellor a reception worker; nothing
 * changes until the second approves it from their home page; the counsellor is told. An administrator's own page
 * offers no role to change. (The counsellor is in no other browser test, so the role given here changes nothing else.)
 */

const admin = account("admin@exempelstad.example");
// Accounts the shared list leaves out (it lists one per role): only their e-mail and name are needed here.
const admin2 = { ...admin, email: "admin2@exempelstad.example", name: "Olof Bergman" };
const counsellor = { ...admin, email: "kurator@exempelstad.example", name: "Nora Karlsson" };

async function openUser(page: import("@playwright/test").Page, name: string) {
  await page.goto(`/admin/users?q=${encodeURIComponent(name)}`);
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await waitForHydration(page);
}

test("a social-services role takes two administrators, and the person is told", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, admin);
  await openUser(page, counsellor.name);
  const roles = page.getByRole("region", { name: "Roller och enheter" });
  const add = page.getByRole("form", { name: "Lägg till roll" });
  await add.getByLabel("Enhet").selectOption({ label: "Mottagningen för barn och unga (Socialtjänstens mottagning)" });
  await add.getByLabel("Roll").selectOption({ label: "Mottagningssekreterare" });
  await add.getByRole("button", { name: "Lägg till roll" }).click();
  await expect(
    page.getByText("Ändringen är föreslagen och väntar på att en annan administratör godkänner den."),
  ).toBeVisible();
  // Nothing changed yet; the proposer may only withdraw it.
  await expect(roles.getByRole("cell", { name: "Mottagningssekreterare", exact: true })).toHaveCount(0);
  const waiting = page.getByRole("region", { name: "Ändringar som väntar på godkännande" });
  await expect(waiting.getByRole("button", { name: "Godkänn" })).toHaveCount(0);
  await expect(waiting.getByRole("button", { name: "Dra tillbaka" })).toBeVisible();
  await expectNoAxeViolations(page);
  await logout(page);

  // The second administrator finds it on their home page, and approves it.
  await login(page, admin2);
  await expect(page.getByText("1 föreslagen ändring väntar på ditt godkännande.")).toBeVisible();
  await page.getByRole("link", { name: counsellor.name }).click();
  await waitForHydration(page);
  await page
    .getByRole("region", { name: "Ändringar som väntar på godkännande" })
    .getByRole("button", { name: "Godkänn" })
    .click();
  await expect(page.getByText("Förslaget är godkänt och ändringen är gjord.")).toBeVisible();
  await expect(
    page
      .getByRole("region", { name: "Roller och enheter" })
      .getByRole("cell", { name: "Mottagningssekreterare", exact: true }),
  ).toBeVisible();
  // Their own page offers no role to add.
  await page.goto("/admin/users?q=Olof");
  await page.getByRole("link", { name: "Olof Bergman", exact: true }).click();
  await expect(page.getByText("Dina egna roller ändras av en annan administratör.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Lägg till roll" })).toHaveCount(0);
  await logout(page);

  // The counsellor is told.
  await login(page, counsellor);
  await page.goto("/inbox");
  await expect(page.getByRole("main")).toContainText("Ditt konto har ändrats");
});
