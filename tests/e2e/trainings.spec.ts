import { expect, test, type Page } from "@playwright/test";
import { account, expectNoAxeViolations, login, logout, waitForHydration, type DemoAccount } from "./support";

/**
 * Trainings: the coordinator plans a weekly series and publishes it; a teacher finds it in the calendar and
 * registers; the principal registers two of their staff; the coordinator sees who is coming (attendance waits
 * until the training has started) and the coverage; the teacher's own list and personal calendar link.
 */

const STAMP = Date.now().toString(36);
// Short, without commas: it must come back unfolded and unescaped in the iCalendar SUMMARY line.
const TITLE = `Anmälningsplikt ${STAMP}`;
const PLACE = "Stadshuset sal B";
const STAFF_A = `Ida Testsson ${STAMP}`;
const STAFF_B = `Olle Provsson ${STAMP}`;
const STAFF_PASSWORD = "utbildning-e2e-2026";

const coordinator = account("samordnare@exempelstad.example");
const teacher = account("larare@exempelstad.example");
const principal = account("rektor@exempelstad.example");
const admin = account("admin@exempelstad.example");
/** Staff at the student health team (not a preschool or school): not in the demo's list in support.ts. */
const counsellor: DemoAccount = {
  email: "kurator@exempelstad.example",
  name: "Nora Karlsson",
  role: "staff",
  unit: "Elevhälsan Solbacken",
  roleLabel: { sv: "Personal", en: "Staff" },
  homeHeading: "Du som arbetar i skola eller förskola",
};

function stockholmToday() {
  return new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" });
}
function plusDays(date: string, days: number) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
/** "mars 2026", as the calendar's caption names a month. */
function monthName(month: string) {
  return new Intl.DateTimeFormat("sv-SE", { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${month}-15T12:00:00Z`),
  );
}

function mainNav(page: Page) {
  return page.getByRole("navigation", { name: "Huvudmeny" });
}

async function notice(page: Page, text: string) {
  await expect(page.getByText(text).first()).toBeVisible();
}

/** The Solbackens skola row of the coverage table: [staff, trained]. */
async function solbackenCoverage(page: Page) {
  const table = page.getByRole("table", { name: "Utbildningstäckning per enhet, lägst andel först" });
  const row = table.getByRole("row", { name: /Solbackens skola/ });
  await expect(row).toHaveCount(1);
  const cells = row.getByRole("cell");
  return { row, staff: Number(await cells.nth(1).textContent()), trained: Number(await cells.nth(2).textContent()) };
}

async function openCoverage(page: Page) {
  await mainNav(page).getByRole("link", { name: "Utbildningstäckning" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Utbildningstäckning");
  await waitForHydration(page);
}

test("a series is planned and published, staff register, attendance waits, coverage and calendar link", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const firstDate = plusDays(stockholmToday(), 21);
  const deadline = plusDays(firstDate, -3);
  const month = firstDate.slice(0, 7);
  // The weekly occasions that fall in the first one's month (the series may run into the next).
  const inMonth = [0, 7, 14].map((d) => plusDays(firstDate, d)).filter((d) => d.startsWith(month)).length;

  // ---------------------------------------------------------------------------------------------------------------
  // The coordinator: coverage before, then a weekly series of three occasions, saved as a draft and published.
  await login(page, coordinator);
  await openCoverage(page);
  await expect(page.getByRole("main")).toContainText("Alla förskolor och skolor i kommunen.");
  const before = await solbackenCoverage(page);
  expect(before.staff).toBeGreaterThanOrEqual(2); // the principal and the teacher

  await mainNav(page).getByRole("link", { name: "Planera utbildningar" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Planera utbildningar");
  await page.getByRole("link", { name: "Ny utbildning" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ny utbildning");
  await waitForHydration(page);
  await expectNoAxeViolations(page);

  const roles = page.getByRole("group", { name: "För vilka roller?" });
  await expect(roles.getByRole("checkbox", { name: "Personal", exact: true })).toBeChecked();
  await expect(roles.getByRole("checkbox", { name: "Rektor", exact: true })).toBeChecked();
  await expect(roles.getByRole("checkbox", { name: "Utredare", exact: true })).not.toBeChecked();
  const kinds = page.getByRole("group", { name: "För vilka slags enheter?" });
  await expect(kinds.getByRole("checkbox", { name: "Förskola", exact: true })).toBeChecked();
  await expect(kinds.getByRole("checkbox", { name: "Skola", exact: true })).toBeChecked();
  await expect(kinds.getByRole("checkbox", { name: "Elevhälsoteam", exact: true })).not.toBeChecked();
  await expect(page.getByLabel("Upprepas", { exact: true })).toHaveValue("none");

  await page.getByLabel("Rubrik").fill(TITLE);
  await page.getByLabel("Ämne").selectOption({ label: "Anmälningsplikten" });
  await page.getByLabel("Beskrivning").fill("Vad anmälningsplikten innebär och hur du gör en **orosanmälan**.");
  await page.getByLabel("Datum", { exact: true }).fill(firstDate);
  await page.getByLabel("Klockan").fill("09:30");
  await page.getByLabel("Längd i minuter").fill("90");
  await page.getByLabel("Plats eller videolänk").fill(PLACE);
  await page.getByLabel("Antal platser").fill("25");
  await page.getByLabel("Sista anmälningsdag").fill(deadline);
  await page.getByLabel("Upprepas", { exact: true }).selectOption({ label: "Varje vecka samma veckodag" });
  await page.getByLabel("Antal tillfällen").fill("3");
  await page.getByRole("button", { name: "Spara som utkast" }).click();

  await expect(page).toHaveURL(/\/trainings\/manage\/[0-9a-f-]{36}\?notice=trainingCreated$/);
  await notice(page, "Utbildningen är sparad som utkast.");
  const firstId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(page.getByRole("main")).toContainText("Utkast · i en serie");
  await waitForHydration(page);
  await expectNoAxeViolations(page);

  const status = page.getByRole("region", { name: "Publicera eller ställ in" });
  const publishForm = status
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "Publicera", exact: true }) });
  await expect(publishForm.getByRole("radio", { name: "Bara det här tillfället" })).toBeChecked();
  await publishForm.getByRole("radio", { name: "Det här och senare tillfällen i serien" }).check();
  await publishForm.getByRole("button", { name: "Publicera", exact: true }).click();
  await notice(page, "Utbildningen är publicerad.");
  await expect(page).toHaveURL(new RegExp(`/trainings/manage/${firstId}\\?notice=trainingPublished$`));
  await expect(page.getByRole("main")).toContainText("Publicerad · i en serie");
  await expect(status.getByRole("button", { name: "Publicera", exact: true })).toHaveCount(0);

  await page.getByRole("link", { name: "Till planeringen" }).click();
  const planned = page
    .getByRole("table", { name: "Utbildningar från förra veckan och framåt" })
    .getByRole("row")
    .filter({ hasText: TITLE });
  await expect(planned).toHaveCount(3);
  for (const row of await planned.all()) {
    await expect(row).toContainText("i en serie");
    await expect(row.getByRole("cell").nth(2)).toHaveText("Publicerad");
    await expect(row).toContainText("0 av 25");
  }
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  await logout(page);

  // ---------------------------------------------------------------------------------------------------------------
  // The admin adds two staff members to Solbackens skola (the demo school has only the teacher as staff).
  await login(page, admin);
  for (const [name, email] of [
    [STAFF_A, `ida.${STAMP}@exempelstad.example`],
    [STAFF_B, `olle.${STAMP}@exempelstad.example`],
  ]) {
    await page.goto("/admin/users/new");
    await waitForHydration(page);
    await page.getByLabel("Namn").fill(name);
    await page.getByLabel("E-postadress").fill(email);
    await page.getByLabel("Startlösenord").fill(STAFF_PASSWORD);
    await page.getByLabel("Enhet").selectOption({ label: "Solbackens skola (Skola)" });
    await page.getByLabel("Roll").selectOption({ label: "Personal" });
    await page.getByRole("button", { name: "Skapa användare" }).click();
    await notice(page, "Användaren är skapad.");
  }
  await logout(page);

  // ---------------------------------------------------------------------------------------------------------------
  // The teacher: the month table (moving on to the training's month), the list view, the page, registration.
  await login(page, teacher);
  await mainNav(page).getByRole("link", { name: "Utbildningar", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Utbildningar");
  await waitForHydration(page);
  const caption = `Utbildningar i ${monthName(month)}`;
  // This month first; "Nästa månad" until the training's month.
  let shown = stockholmToday().slice(0, 7);
  await expect(page.getByRole("table", { name: `Utbildningar i ${monthName(shown)}` })).toBeVisible();
  while (shown < month) {
    shown = plusDays(`${shown}-28`, 7).slice(0, 7);
    await page.getByRole("navigation", { name: "Byt månad och vy" }).getByRole("link", { name: "Nästa månad" }).click();
    await expect(page.getByRole("table", { name: `Utbildningar i ${monthName(shown)}` })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`[?&]month=${shown}(&|$)`));
  }
  const table = page.getByRole("table", { name: caption });
  await expect(table).toBeVisible();
  await expect(table.getByRole("columnheader")).toHaveText([
    "måndag",
    "tisdag",
    "onsdag",
    "torsdag",
    "fredag",
    "lördag",
    "söndag",
  ]);
  const firstLink = table.getByRole("link", { name: new RegExp(`09:30 ${TITLE}$`) }).first();
  await expect(firstLink).toBeVisible();
  await expect(firstLink).toHaveAttribute("href", `/trainings/${firstId}`);
  await waitForHydration(page);
  await expectNoAxeViolations(page);

  await page
    .getByRole("navigation", { name: "Byt månad och vy" })
    .getByRole("link", { name: "Visa som lista" })
    .click();
  await expect(page).toHaveURL(/[?&]view=list/);
  const list = page.getByRole("region", { name: monthName(month) });
  const listed = list.getByRole("listitem").filter({ hasText: TITLE }).first();
  await expect(listed).toContainText(`Anmälningsplikten · ${PLACE} · 25 platser kvar`);
  await waitForHydration(page);
  await expectNoAxeViolations(page);

  await list.getByRole("link", { name: TITLE }).first().click();
  await expect(page).toHaveURL(new RegExp(`/trainings/${firstId}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  const facts = page.getByRole("main").locator("dl");
  await expect(facts).toContainText("90 minuter");
  await expect(facts).toContainText(PLACE);
  await expect(facts).toContainText("Personal, Rektor · Förskola, Skola");
  await expect(facts).toContainText("25 platser kvar");
  await expect(page.getByRole("main").getByText("orosanmälan")).toBeVisible();
  const icsLink = page.getByRole("link", { name: "Lägg in i din kalender (kalenderfil, .ics)" });
  await expect(icsLink).toHaveAttribute("download", "");
  await expect(icsLink).toHaveAttribute("href", `/trainings/${firstId}/calendar.ics`);
  const ics = await page.request.get(`/trainings/${firstId}/calendar.ics`);
  expect(ics.status()).toBe(200);
  expect(ics.headers()["content-type"]).toMatch(/^text\/calendar/);
  expect(await ics.text()).toContain(`SUMMARY:${TITLE}`);
  await waitForHydration(page);
  await expectNoAxeViolations(page);

  const registration = page.getByRole("region", { name: "Anmälan" });
  await registration.getByRole("button", { name: "Registrera mig" }).click();
  await notice(page, "Du är registrerad.");
  await expect(registration).toContainText("Du är registrerad.");
  await expect(registration.getByRole("button", { name: "Avboka min plats" })).toBeVisible();
  await expect(facts).toContainText("24 platser kvar");
  await expectNoAxeViolations(page);
  // The calendar counts the place taken too.
  await page.goto(`/trainings?view=list&month=${month}`);
  await expect(list.getByRole("listitem").filter({ hasText: TITLE }).first()).toContainText("24 platser kvar");
  await logout(page);

  // ---------------------------------------------------------------------------------------------------------------
  // The principal registers two of their staff; the teacher, already registered, is not offered.
  await login(page, principal);
  await page.goto(`/trainings/${firstId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await waitForHydration(page);
  const staffSection = page.getByRole("region", { name: "Registrera din personal" });
  const choose = staffSection.getByRole("group", { name: "Välj vilka som ska gå" });
  await expect(choose.getByRole("checkbox")).toHaveCount(2);
  await expect(choose.getByRole("checkbox", { name: STAFF_A })).not.toBeChecked();
  await expect(choose.getByRole("checkbox", { name: STAFF_B })).not.toBeChecked();
  await expect(choose).not.toContainText("Johan Berg");
  await expect(choose).not.toContainText("Karin Lindqvist");
  await expectNoAxeViolations(page);

  // Nobody chosen: an error, nothing registered.
  await staffSection.getByRole("button", { name: "Registrera de valda" }).click();
  await expect(staffSection.getByRole("alert")).toHaveText("Välj minst en person.");
  await expectNoAxeViolations(page);

  await choose.getByRole("checkbox", { name: STAFF_A }).check();
  await choose.getByRole("checkbox", { name: STAFF_B }).check();
  await staffSection.getByRole("button", { name: "Registrera de valda" }).click();
  await notice(page, "Personalen är registrerad och meddelad.");
  await expect(page).toHaveURL(new RegExp(`/trainings/${firstId}\\?notice=trainingStaffRegistered$`));
  // Everyone of the school's staff is now registered: nobody left to offer.
  await expect(page.getByRole("region", { name: "Registrera din personal" })).toHaveCount(0);
  await expect(page.getByRole("main").locator("dl")).toContainText("22 platser kvar");

  // The principal's coverage: their own school only.
  await openCoverage(page);
  await expect(page.getByRole("main")).toContainText("De enheter där du är rektor.");
  const ownRows = page
    .getByRole("table", { name: "Utbildningstäckning per enhet, lägst andel först" })
    .getByRole("row");
  await expect(ownRows).toHaveCount(2); // the header and Solbackens skola
  const own = await solbackenCoverage(page);
  expect(own.staff).toBe(before.staff + 2);
  await expectNoAxeViolations(page);
  await logout(page);

  // ---------------------------------------------------------------------------------------------------------------
  // The coordinator: three registered, attendance not yet possible; the coverage.
  await login(page, coordinator);
  await mainNav(page).getByRole("link", { name: "Planera utbildningar" }).click();
  const rows = page
    .getByRole("table", { name: "Utbildningar från förra veckan och framåt" })
    .getByRole("row")
    .filter({ hasText: TITLE });
  await expect(rows.first()).toContainText("3 av 25");
  await expect(rows.nth(1)).toContainText("0 av 25");
  await rows.first().getByRole("link", { name: TITLE }).click();
  await expect(page).toHaveURL(new RegExp(`/trainings/manage/${firstId}$`));
  await waitForHydration(page);
  const registrations = page.getByRole("region", { name: "3 registrerade" });
  const came = registrations.getByRole("group", { name: "Vilka kom?" });
  await expect(came.getByRole("checkbox")).toHaveCount(3);
  for (const name of ["Johan Berg", STAFF_A, STAFF_B])
    await expect(came.getByRole("checkbox", { name })).not.toBeChecked();
  await expect(registrations.getByRole("button", { name: "Spara närvaro" })).toBeDisabled();
  await expect(registrations.getByRole("button", { name: "Alla registrerade kom" })).toBeDisabled();
  await expect(registrations).toContainText("Närvaro kan registreras när utbildningen har börjat.");
  await expectNoAxeViolations(page);

  await openCoverage(page);
  await expect(page.getByRole("main")).toContainText("Alla förskolor och skolor i kommunen.");
  const after = await solbackenCoverage(page);
  expect(after.staff).toBe(before.staff + 2);
  // Nobody has attended yet (attendance cannot be recorded before the start), so nobody more is trained.
  expect(after.trained).toBe(before.trained);
  const newStaff = page.getByRole("table", { name: "Nya i personalen utan utbildning" });
  for (const name of [STAFF_A, STAFF_B]) {
    await expect(newStaff.getByRole("row", { name: new RegExp(name) })).toContainText("Solbackens skola");
  }
  await expect(page.getByRole("link", { name: "Ladda ner tabellen som CSV" })).toHaveAttribute("download", "");
  await expectNoAxeViolations(page);

  // The demo's course held three days ago: the teacher's attendance is recorded, the principal's is not yet.
  await mainNav(page).getByRole("link", { name: "Planera utbildningar" }).click();
  await page
    .getByRole("table", { name: "Utbildningar från förra veckan och framåt" })
    .getByRole("row")
    .filter({ hasText: "Anmälningsplikten – grundutbildning" })
    .first()
    .getByRole("link")
    .click();
  await waitForHydration(page);
  const held = page.getByRole("region", { name: "2 registrerade" }).getByRole("group", { name: "Vilka kom?" });
  await expect(held.getByRole("checkbox", { name: "Johan Berg" })).toBeChecked();
  await held.getByRole("checkbox", { name: "Karin Lindqvist" }).check();
  await page.getByRole("button", { name: "Spara närvaro" }).click();
  await notice(page, "Närvaron är sparad.");
  await expect(
    page.getByRole("region", { name: "2 registrerade" }).getByRole("checkbox", { name: "Karin Lindqvist" }),
  ).toBeChecked();
  await expectNoAxeViolations(page);
  await openCoverage(page);
  // The principal counts among the school's staff: one more trained.
  expect((await solbackenCoverage(page)).trained).toBe(before.trained + 1);
  await logout(page);

  // ---------------------------------------------------------------------------------------------------------------
  // The counsellor works in student health, not a preschool or school: the training is not for them.
  await login(page, counsellor);
  await page.goto(`/trainings?view=list&month=${month}`);
  await expect(page.getByRole("region", { name: monthName(month) })).not.toContainText(TITLE);
  await page.getByLabel("Visa", { exact: true }).selectOption({ label: "Alla utbildningar" });
  await page.getByRole("button", { name: "Visa", exact: true }).click();
  await expect(page).toHaveURL(/audience=all/);
  await expect(page.getByRole("region", { name: monthName(month) }).getByRole("link", { name: TITLE })).toHaveCount(
    inMonth,
  );
  await page.goto(`/trainings/${firstId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(page.getByRole("button", { name: "Registrera mig" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Anmälan" })).toHaveCount(0);
  await logout(page);

  // ---------------------------------------------------------------------------------------------------------------
  // The teacher: their trainings, and a personal calendar link that works until it is stopped.
  await login(page, teacher);
  await mainNav(page).getByRole("link", { name: "Utbildningar", exact: true }).click();
  await page.getByRole("link", { name: "Mina utbildningar och min kalenderlänk" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mina utbildningar");
  await waitForHydration(page);
  const upcoming = page.getByRole("region", { name: "Kommande utbildningar" });
  const mine = upcoming.getByRole("listitem").filter({ hasText: TITLE });
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText(`${TITLE} · ${PLACE} · Registrerad`);
  await expect(mine.getByRole("link", { name: TITLE })).toHaveAttribute("href", `/trainings/${firstId}`);

  const feed = page.getByRole("region", { name: "Din kalender" });
  await expect(feed).toContainText("Du har ingen kalenderlänk.");
  await feed.getByRole("button", { name: "Skapa kalenderlänk" }).click();
  const urlField = feed.getByLabel("Din kalenderlänk");
  await expect(urlField).toHaveValue(/^http:\/\/localhost:\d+\/calendar\/[^/]+\.ics$/);
  await expect(urlField).toHaveAttribute("readonly", "");
  await expect(urlField).toHaveAccessibleDescription("Kopiera länken nu. Den visas bara den här gången.");
  await expect(feed).toContainText("Din kalenderlänk skapades");
  await expectNoAxeViolations(page);
  const feedUrl = await urlField.inputValue();

  const calendar = await page.request.get(feedUrl);
  expect(calendar.status()).toBe(200);
  expect(calendar.headers()["content-type"]).toMatch(/^text\/calendar/);
  const body = await calendar.text();
  expect(body).toContain("BEGIN:VCALENDAR");
  expect(body).toContain(`SUMMARY:${TITLE}`);
  expect(body).toContain("TZID=Europe/Stockholm");
  expect(body).toContain(`DTSTART;TZID=Europe/Stockholm:${firstDate.replaceAll("-", "")}T093000`);
  // Of the new series, only the occasion the teacher registered for (the feed also holds the demo course they attended).
  expect(body.match(new RegExp(`SUMMARY:${TITLE}`, "g"))).toHaveLength(1);
  expect(body).toContain("SUMMARY:Anmälningsplikten – grundutbildning");

  await feed.getByRole("button", { name: "Stäng av kalenderlänken" }).click();
  await expect(feed.getByRole("status")).toHaveText(
    "Kalenderlänken är avstängd. Kalendrar som prenumererar på den får inga fler uppdateringar.",
  );
  await expect(feed).toContainText("Du har ingen kalenderlänk.");
  await expect(feed.getByLabel("Din kalenderlänk")).toHaveCount(0);
  const stopped = await page.request.get(feedUrl);
  expect(stopped.status()).toBe(404);
  await expectNoAxeViolations(page);
});
