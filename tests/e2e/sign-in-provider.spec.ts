import { expect, test } from "@playwright/test";
import { LOA3, startTestProvider, type TestProvider } from "../oidc-provider";
import { E2E_PROVIDER_SECRET } from "./provider-secret";
import { account, expectNoAxeViolations, login, logout, waitForHydration } from "./support";

/**
 * Sign-in with the municipality's own identity provider (issue 25), as people do it: an administrator points the
 * demo municipality at a real OpenID provider (oidc-provider on 127.0.0.1) and lets a group give a role; a teacher
 * the portal has never seen then signs in through the provider's own login page, at human pace, and lands in the
 * portal with that role. The provider stays configured for the specs after this one; their password sign-ins are
 * unchanged (the municipality keeps passwords on).
 */

const admin = account("admin@exempelstad.example");
const TEACHER = { sub: "e2e-nils", password: "provider-pw-2026", name: "Nils Nyberg" };
let provider: TestProvider;

test.beforeAll(async ({ baseURL }) => {
  provider = await startTestProvider({
    clients: [
      {
        clientId: "tillsammans",
        clientSecret: E2E_PROVIDER_SECRET,
        redirectUris: [`${baseURL}/login/oidc/callback`],
        postLogoutRedirectUris: [`${baseURL}/login`],
      },
    ],
    accounts: [
      {
        ...TEACHER,
        email: "nils.nyberg@exempelstad.example",
        emailVerified: true,
        groups: ["exempelstad-hamnskolan-personal"],
        acr: LOA3,
        amr: ["mfa", "hwk"],
      },
    ],
  });
});

test.afterAll(async () => {
  await provider?.stop();
});

test("a teacher new to the portal signs in through the municipality's provider, with the role their group gives", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await login(page, admin);
  await page.goto("/admin/sign-in");
  await waitForHydration(page);
  const settings = page.getByRole("region", { name: "Kommunens inloggningstjänst" });
  await expect(settings.getByText("Klienthemligheten är satt på servern")).toBeVisible();
  await settings.getByLabel("Utfärdare (issuer)").fill(provider.issuer);
  await settings.getByLabel("Klient-id").fill("tillsammans");
  await settings.getByLabel("Namn på knappen").fill("Exempelstad");
  await settings.getByRole("button", { name: "Spara inloggningstjänsten" }).click();
  await expect(page.getByText("Inloggningstjänsten är sparad.")).toBeVisible();

  const groups = page.getByRole("region", { name: "Grupper och roller" });
  await groups.getByLabel("Grupp", { exact: true }).fill("exempelstad-hamnskolan-personal");
  await groups.getByLabel("Enhet").selectOption({ label: "Hamnskolan" });
  await groups.getByLabel("Roll").selectOption({ label: "Personal" });
  await groups.getByRole("button", { name: "Lägg till" }).click();
  await expect(page.getByText("Gruppen ger nu rollen. Den gäller från nästa inloggning.")).toBeVisible();
  await expect(groups.getByRole("cell", { name: "exempelstad-hamnskolan-personal" })).toBeVisible();
  await expectNoAxeViolations(page);
  await logout(page);

  // The login page offers the municipality's sign-in above the password form.
  await page.goto("/login");
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Logga in med Exempelstad" }).click();

  // The provider's own page, typed at a person's pace.
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
  await page.getByLabel("Username").pressSequentially(TEACHER.sub, { delay: 80 });
  await page.waitForTimeout(600);
  await page.getByLabel("Password").pressSequentially(TEACHER.password, { delay: 60 });
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Välkommen, ${TEACHER.name}`);
  // The group made them staff at Hamnskolan: they may write a report for it.
  await page.goto("/reports/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Skriv en orosanmälan");
  await expect(page.getByText("Hamnskolan").first()).toBeVisible();

  // Signing out of the portal goes on to the provider, which asks, signs out there too and sends the browser back.
  const userMenu = page.getByRole("banner").locator("details.user-menu");
  await waitForHydration(page);
  await userMenu.locator("summary").click();
  await userMenu.getByRole("button", { name: "Logga ut" }).click();
  await expect(page.getByRole("heading", { name: "Sign out of the test identity provider?" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/reports/new");
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
});
