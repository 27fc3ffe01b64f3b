import { expect, test } from "@playwright/test";
import {
  account,
  expectNoAxeViolations,
  login,
  logout,
  openInbox,
  openInvestigation,
  openReport,
  startReport,
  stockholmDaysAgo,
  submitReport,
  waitForHydration,
} from "./support";

/**
 * Closing the loop with schools (issue 21): a principal reports on behalf of a teacher who saw it and asks that the
 * reporter's identity be kept from the family; reception sees the request first, and decides; the teacher (not the
 * reporter) gets both feedback messages; the teacher files a deviation "the meeting was not held" from the report; the
 * coordinator, who may not read the report, sees no reference and closes it; the teacher sees it closed.
 */

const CHILD = `Slingbarn ${Date.now().toString(36)}`;
const THREAT = "Pappan har hotat pedagogen vid hämtningen efter ett tidigare samtal.";
const DEVIATION = "Vi blev lovade ett anmälningsmöte men ingen hörde av sig, och ingen tid bokades.";

const principal = account("rektor@exempelstad.example");
const teacher = account("larare@exempelstad.example");
const reception = account("mottagning@exempelstad.example");
const coordinator = account("samordnare@exempelstad.example");

test("a report on a teacher's behalf: protection asked, the teacher told twice, a deviation filed and closed", async ({
  page,
}) => {
  test.setTimeout(240_000);

  // 1. The principal writes the report for the teacher who saw it, and asks for protection.
  await login(page, principal);
  await startReport(page, {
    child: CHILD,
    born: "2016-04-03",
    group: "3B",
    observedOn: stockholmDaysAgo(1),
    seen: "Barnet berättade för sin lärare att pappa slår när han är arg, och hade rodnader på kinden.",
  });
  // A person pauses between sections, as people do.
  await page.waitForTimeout(800);
  await page.getByLabel("En kollega på enheten").check();
  await page.getByLabel("Kollegan som har sett eller hört det").selectOption({ label: teacher.name });
  await page.getByLabel("Varför skriver du anmälan i stället för den personen?").fill("Läraren är hotad av pappan.");
  await page.getByText("Är du hotad? Be om skydd för din identitet").click();
  await page
    .getByLabel(
      "Jag ber socialtjänsten att om möjligt hålla hemligt för familjen vem som har anmält och vem som har sett det",
    )
    .check();
  await page.getByLabel("Varför? Beskriv hotet eller risken").fill(THREAT);
  await page.getByLabel("Ditt telefonnummer").fill("0123-45 12 00");
  const reference = await submitReport(page);
  await logout(page);

  // 2. Reception: the request first on the case; protection assessment, the child heard, an investigation opened.
  await login(page, reception);
  await openReport(page, reference);
  const protection = page.getByRole("region", { name: "Skydd för anmälaren" });
  await expect(protection).toContainText("Anmälaren ber att det om möjligt hålls hemligt för familjen");
  await expect(protection).toContainText(THREAT);
  await expectNoAxeViolations(page);
  await openInvestigation(page, "Samtal med barnet i skolan med kuratorn.");
  await logout(page);

  // 3. The teacher who saw it: the receipt and the decision, though the principal wrote the report.
  await login(page, teacher);
  const inbox = await openInbox(page, { all: true });
  await expect(inbox.getByRole("link", { name: `Återkoppling på anmälan ${reference}` })).toHaveCount(1);
  await expect(inbox.getByRole("link", { name: `Beslut om anmälan ${reference}` })).toHaveCount(1);
  await inbox.getByRole("link", { name: `Beslut om anmälan ${reference}` }).click();
  await expect(page.getByRole("main")).toContainText(
    `beslutat att inleda en utredning efter din anmälan ${reference}.`,
  );

  // From the report, a deviation: the meeting was not held. Sent twice (a double click), filed once.
  await page.goto("/reports");
  await page.getByRole("link", { name: reference }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Anmälan ${reference}`);
  await waitForHydration(page);
  await page.getByRole("link", { name: "Anmäl en avvikelse" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anmäl en avvikelse");
  await waitForHydration(page);
  await expect(page.getByRole("main")).toContainText(`Gäller anmälan ${reference}`);
  await page.getByLabel("Anmälningsmötet blev inte av").check();
  await page.getByLabel("Beskriv vad som hände").fill(DEVIATION);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Skicka avvikelsen" }).dblclick();
  await expect(page.getByText("Avvikelsen är anmäld. Samordnarna tar hand om den.").first()).toBeVisible();
  await page.goto("/deviations");
  await expect(page.getByRole("row").filter({ hasText: "Anmälningsmötet blev inte av" })).toHaveCount(1);
  await logout(page);

  // 4. The coordinator: the deviation without the report's reference, closed with a note.
  await login(page, coordinator);
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Avvikelser" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Avvikelser från överenskommelsen");
  await waitForHydration(page);
  const row = page
    .getByRole("row")
    .filter({ hasText: "Anmälningsmötet blev inte av" })
    .filter({ hasText: teacher.name });
  await expect(row).toHaveCount(1);
  await expect(row).not.toContainText(reference);
  await expectNoAxeViolations(page);
  await row.getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Avvikelse: Anmälningsmötet blev inte av");
  await waitForHydration(page);
  await expect(page.getByRole("main")).toContainText(DEVIATION);
  await expect(page.getByRole("main")).not.toContainText(reference);
  await expect(page.getByRole("main")).not.toContainText(CHILD);
  await page.getByLabel("Avsluta").check();
  await page.getByLabel("Anteckning").fill("Mottagningen har bokat mötet; rutinen för bokning ses över.");
  await page.getByRole("button", { name: "Spara steget" }).click();
  await expect(page.getByText("Avvikelsen är avslutad.").first()).toBeVisible();
  await expectNoAxeViolations(page);
  await logout(page);

  // 5. The teacher sees it closed.
  await login(page, teacher);
  await page.goto("/deviations");
  await expect(page.getByRole("row").filter({ hasText: "Anmälningsmötet blev inte av" })).toContainText("Avslutad");
});
