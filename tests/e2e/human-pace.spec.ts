import { expect, test, type Browser, type Locator, type Page, type Route } from "@playwright/test";
import { account, expectNoAxeViolations, login, pathOf, waitForHydration, type DemoAccount } from "./support";

/**
 * The forms used as people use them (issue 17): typing key by key with pauses long enough for the report form's
 * autosave (4 s after the last key), the same draft in two tabs, the back button after sending, a session that ends
 * mid-form, a slow network and a send that fails on the way. After each of these every character typed is still
 * there, read back from the fields, and what was sent exists once, counted where the user sees it.
 */

const STAMP = Date.now().toString(36);
/** About 30 words a minute would be 400 ms a key; 35 ms keeps the suite short while each key is its own event. */
const KEY_DELAY = 35;
/** Longer than the report form's autosave delay (4 s) plus its round trip. */
const PAUSE = 6_000;

const teacher = account("larare@exempelstad.example");
const reception = account("mottagning@exempelstad.example");
const coordinator = account("samordnare@exempelstad.example");

function stockholmToday() {
  return new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" });
}
function plusDays(date: string, days: number) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Types key by key, after whatever the field already holds. */
async function typeSlowly(field: Locator, text: string) {
  await field.focus();
  await field.press("Control+End");
  await field.pressSequentially(text, { delay: KEY_DELAY });
}

/** The user stops typing: reads, thinks, answers the phone. */
async function pause(page: Page) {
  await page.waitForTimeout(PAUSE);
}

/** Every response arrives `ms` later than it would (the request leaves late, which is the same to the page). */
async function slowNetwork(page: Page, ms = 2_000) {
  await page.route("**/*", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    await route.fallback().catch(() => {
      /* the page moved on while the request waited */
    });
  });
}

/**
 * The next POST to `path` (with `intent`, if given) fails with a 503. "lost": it reaches the server, which does its
 * work, but the answer never comes back (a proxy timing out); "refused": it never reaches the server. The returned
 * function waits until it has failed.
 */
async function failNextPost(page: Page, path: string, how: "lost" | "refused", intent?: string) {
  let failed!: () => void;
  const done = new Promise<void>((resolve) => (failed = resolve));
  let used = false;
  await page.route("**/*", async (route: Route) => {
    const request = route.request();
    // With JavaScript a form posts to `<path>.data` (Remix's single fetch); without it, to the path itself.
    const target = new URL(request.url()).pathname.replace(/\.data$/, "");
    const body = request.postData() ?? "";
    const intended = !intent || new RegExp(`intent(=|"\\r\\n\\r\\n)${intent}(&|\\r|$)`).test(body);
    if (used || request.method() !== "POST" || target !== path || !intended) return route.fallback();
    used = true;
    if (how === "lost") await route.fetch();
    await route.fulfill({ status: 503, contentType: "text/plain", body: "Service Unavailable" });
    failed();
  });
  return async () => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`no POST to ${path} was made`)), 20_000)),
    );
    await Promise.race([done, late]).finally(() => clearTimeout(timer));
  };
}

/** The session ends as if it had expired (30 minutes idle): the browser no longer has it. */
async function endSession(page: Page) {
  await page.context().clearCookies();
}

/** The page's note that what was sent did not get through (app/components/form-failure.tsx). */
function failureNote(page: Page, kind: "notSent" | "signedOut") {
  const text = kind === "notSent" ? "Svaret från portalen kom inte fram" : "Du har blivit utloggad";
  return page.getByRole("alert").filter({ hasText: text });
}

/**
 * After the session ended and the user sent something: the page stays as typed and says so; the user signs in again
 * in a new tab from the note's link, and comes back to the form.
 */
async function signInAgain(page: Page, who: DemoAccount) {
  const note = failureNote(page, "signedOut");
  await expect(note).toBeVisible();
  await expectNoAxeViolations(page);
  const [tab] = await Promise.all([
    page.context().waitForEvent("page"),
    note.getByRole("link", { name: "Logga in i en ny flik" }).click(),
  ]);
  await login(tab, who);
  await tab.close();
  await page.bringToFront();
}

// ---------------------------------------------------------------------------------------------------------------
// The report form

const DRAFT_PATH = /\/reports\/new\?draft=[0-9a-f-]{36}$/;
const RECEIPT_PATH = /\/reports\/[0-9a-f-]{36}\/receipt$/;

function reportFields(page: Page) {
  return {
    child: page.getByLabel("Barnets namn"),
    born: page.getByLabel("Födelsedatum"),
    group: page.getByLabel("Klass eller avdelning"),
    observedOn: page.getByLabel("När såg eller hörde du det?"),
    seen: page.getByLabel("Vad har du sett och hört?"),
    words: page.getByLabel("Barnets egna ord"),
    phone: page.getByLabel("Ditt telefonnummer"),
  };
}
type ReportFields = ReturnType<typeof reportFields>;

async function expectValues(
  fields: Partial<Record<keyof ReportFields, Locator>>,
  values: Partial<Record<keyof ReportFields, string>>,
) {
  for (const [name, value] of Object.entries(values))
    await expect(fields[name as keyof ReportFields]!).toHaveValue(value!);
}

async function openNewReport(page: Page) {
  await page.goto("/reports/new");
  await expect(page).toHaveURL(DRAFT_PATH);
  await waitForHydration(page);
  return pathOf(page.url());
}

/** The reporter's list: how many sent reports and how many drafts name the child. */
async function reporterCounts(page: Page, child: string) {
  await page.goto("/reports");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const sent = await page.getByRole("row").filter({ hasText: child }).count();
  const drafts = await page.getByRole("link", { name: child, exact: true }).count();
  return { sent, drafts };
}

async function receiptReference(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anmälan är skickad");
  const reference = ((await page.locator(".receipt__reference strong").textContent()) ?? "").trim();
  expect(reference).toMatch(/^ORO-\d{4}-\d{4}$/);
  return reference;
}

test("report: typed with pauses, open in two tabs, sent, then back: every character kept, one report", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const child = `Pausbarn ${STAMP}`;
  const seen1 = "Barnet kom till skolan utan jacka i minus tio grader, för tredje dagen i rad.";
  const seen2 = " Hen sa att ”mamma sover” och åt två portioner till lunch; ingen hämtade efter fritids.";
  const words = "Jag vill inte gå hem i dag.";
  const yesterday = plusDays(stockholmToday(), -1);

  await login(page, teacher);
  const draftPath = await openNewReport(page);
  const f = reportFields(page);
  await typeSlowly(f.child, child);
  await f.born.fill("2016-04-12");
  await typeSlowly(f.group, "4A");
  await f.observedOn.fill(yesterday);
  await typeSlowly(f.seen, seen1);
  await pause(page);
  // The autosave has run: nothing typed is gone, the page is on the same draft, and no "resume your draft" banner
  // points at it (one may point at an older draft the teacher left earlier).
  await expect(page.getByText(/^Utkastet sparades \d/)).toBeVisible();
  await expectValues(f, { child, born: "2016-04-12", group: "4A", observedOn: yesterday, seen: seen1 });
  expect(pathOf(page.url())).toBe(draftPath);
  await expect(page.locator(`a[href="${draftPath}"]`)).toHaveCount(0);

  await typeSlowly(f.seen, seen2);
  await pause(page);
  await expectValues(f, { child, seen: seen1 + seen2 });
  expect(pathOf(page.url())).toBe(draftPath);
  await expect(page.locator(`a[href="${draftPath}"]`)).toHaveCount(0);

  // The same draft in a second tab: what was saved, nothing lost, the same draft.
  const tab = await context.newPage();
  await tab.goto(draftPath);
  await waitForHydration(tab);
  const g = reportFields(tab);
  await expectValues(g, { child, born: "2016-04-12", group: "4A", observedOn: yesterday, seen: seen1 + seen2 });
  expect(pathOf(tab.url())).toBe(draftPath);
  await expect(tab.locator(`a[href="${draftPath}"]`)).toHaveCount(0);

  // The first tab finishes and sends.
  await page.bringToFront();
  await typeSlowly(f.words, words);
  await typeSlowly(f.phone, "0123-45 12 01");
  await expectValues(f, { child, seen: seen1 + seen2, words, phone: "0123-45 12 01" });
  await page.getByRole("button", { name: "Skicka anmälan" }).click();
  const reference = await receiptReference(page);

  // The second tab, still open on the form: a late edit is autosaved into nothing, and the page says it was sent.
  await tab.bringToFront();
  await typeSlowly(g.words, "Sent tillägg.");
  await pause(tab);
  await expect(
    tab.getByRole("alert").filter({ hasText: `Den här anmälan är redan skickad (referens ${reference})` }),
  ).toBeVisible();
  await expectNoAxeViolations(tab);
  // Completed and sent from there as well, it gives the same report's receipt.
  await typeSlowly(g.phone, "0123-45 12 01");
  await tab.getByRole("button", { name: "Skicka anmälan" }).click();
  expect(await receiptReference(tab)).toBe(reference);
  await tab.close();

  // Back from the receipt: the draft's address now shows the receipt, not a form to send again.
  await page.goBack();
  await expect(page).toHaveURL(RECEIPT_PATH);
  expect(await receiptReference(page)).toBe(reference);
  // Back once more leaves the report: the draft's place in the history does not hold the back button.
  await page.goBack();
  await expect(page).not.toHaveURL(/\/receipt$|draft=/);
  await page.goForward();
  await expect(page).toHaveURL(RECEIPT_PATH);
  expect(await receiptReference(page)).toBe(reference);

  // One report, no draft left, and it holds every character of the first tab.
  expect(await reporterCounts(page, child)).toEqual({ sent: 1, drafts: 0 });
  await page.getByRole("row").filter({ hasText: child }).getByRole("link", { name: reference }).click();
  await expect(page.getByRole("main")).toContainText(seen1 + seen2);
  await expect(page.getByRole("main")).toContainText(words);
  await expect(page.getByRole("main")).not.toContainText("Sent tillägg.");
});

test("report: on a slow network, an autosave and a send that fail keep every character; sent again, one report", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const child = `Långsambarn ${STAMP}`;
  const seen = "Barnet har haft samma kläder hela veckan och somnar på lektionerna, trött och hungrig.";
  const words = "Pappa blir arg när jag frågar.";
  const yesterday = plusDays(stockholmToday(), -1);

  await login(page, teacher);
  await slowNetwork(page);
  const draftPath = await openNewReport(page);
  const f = reportFields(page);
  // The first autosave is lost on the way: the page stays as typed, and the next one saves it all.
  const autosaveFailed = await failNextPost(page, "/reports/new", "refused", "autosave");
  await typeSlowly(f.child, child);
  await f.born.fill("2015-08-30");
  await f.observedOn.fill(yesterday);
  await pause(page);
  await autosaveFailed();
  await expect(failureNote(page, "notSent")).toBeVisible();
  expect(pathOf(page.url())).toBe(draftPath);
  await expectValues(f, { child, born: "2015-08-30", observedOn: yesterday });
  await typeSlowly(f.seen, seen);
  await pause(page);
  // That autosave's answer took 2 s longer: it is in, the note is gone, and nothing typed meanwhile was lost.
  await expect(page.getByText(/^Utkastet sparades \d/)).toBeVisible({ timeout: 15_000 });
  await expect(failureNote(page, "notSent")).toHaveCount(0);
  await typeSlowly(f.words, words);
  await typeSlowly(f.phone, "0123-45 12 01");
  const all = { child, born: "2015-08-30", observedOn: yesterday, seen, words, phone: "0123-45 12 01" };
  await expectValues(f, all);

  // The send fails on the way to the server.
  const sendFailed = await failNextPost(page, "/reports/new", "refused", "submit");
  await page.getByRole("button", { name: "Skicka anmälan" }).click();
  await sendFailed();
  await expect(failureNote(page, "notSent")).toBeVisible();
  await expect(page.getByRole("button", { name: "Skicka anmälan" })).toBeEnabled({ timeout: 15_000 });
  await expectValues(f, all);
  await expectNoAxeViolations(page);

  // Sent again, it goes through, once.
  await page.getByRole("button", { name: "Skicka anmälan" }).click();
  const reference = await receiptReference(page);
  expect(await reporterCounts(page, child)).toEqual({ sent: 1, drafts: 0 });
  await page.getByRole("row").filter({ hasText: child }).getByRole("link", { name: reference }).click();
  await expect(page.getByRole("main")).toContainText(seen);
  await expect(page.getByRole("main")).toContainText(words);
});

test("report: the session ends mid-form; after signing in again every character is there and one report is sent", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const child = `Sessionsbarn ${STAMP}`;
  const seen1 = "Barnet berättade på rasten att det inte finns mat hemma.";
  const seen2 = " Efter lunch sa hen att storebror slår när ingen vuxen är hemma.";
  const yesterday = plusDays(stockholmToday(), -1);

  await login(page, teacher);
  const draftPath = await openNewReport(page);
  const f = reportFields(page);
  await typeSlowly(f.child, child);
  await f.born.fill("2017-01-09");
  await f.observedOn.fill(yesterday);
  await typeSlowly(f.seen, seen1);
  await pause(page);
  await expect(page.getByText(/^Utkastet sparades \d/)).toBeVisible();

  // Away for longer than the session lasts; back, the user goes on typing, and the autosave meets the ended session.
  await endSession(page);
  await typeSlowly(f.seen, seen2);
  await typeSlowly(f.phone, "0123-45 12 01");
  await pause(page);
  // Nothing typed has gone from the page under the user's hands.
  expect(pathOf(page.url())).toBe(draftPath);
  await expectValues(f, { child, seen: seen1 + seen2, phone: "0123-45 12 01" });

  await expect(failureNote(page, "signedOut")).toBeVisible();
  await page.getByRole("button", { name: "Skicka anmälan" }).click();
  await signInAgain(page, teacher);
  // The page never left the draft, and nothing typed is missing.
  expect(pathOf(page.url())).toBe(draftPath);
  await expectValues(f, {
    child,
    born: "2017-01-09",
    observedOn: yesterday,
    seen: seen1 + seen2,
    phone: "0123-45 12 01",
  });
  await page.getByRole("button", { name: "Skicka anmälan" }).click();
  const reference = await receiptReference(page);
  expect(await reporterCounts(page, child)).toEqual({ sent: 1, drafts: 0 });
  await page.getByRole("row").filter({ hasText: child }).getByRole("link", { name: reference }).click();
  await expect(page.getByRole("main")).toContainText(seen1 + seen2);
});

// ---------------------------------------------------------------------------------------------------------------
// Reception's forms on a report: the meeting invitation and the consent

/** A report from the teacher, sent quickly: the meeting and consent tests work on their own report. */
async function sendReport(browser: Browser, child: string) {
  const page = await browser.newPage();
  await login(page, teacher);
  await openNewReport(page);
  const f = reportFields(page);
  await f.child.fill(child);
  await f.born.fill("2014-03-03");
  await f.observedOn.fill(plusDays(stockholmToday(), -2));
  await f.seen.fill("Barnet har berättat om bråk hemma och är rädd för att gå hem.");
  await f.phone.fill("0123-45 12 01");
  await page.getByRole("button", { name: "Skicka anmälan" }).click();
  const reference = await receiptReference(page);
  await page.close();
  return reference;
}

/** Reception: the report's page, from the list of reports. Returns its path. */
async function openReport(page: Page, reference: string) {
  await page.goto("/reports?status=all");
  await page
    .getByRole("row", { name: new RegExp(reference) })
    .getByRole("link", { name: reference })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Anmälan ${reference}`);
  await waitForHydration(page);
  return new URL(page.url()).pathname;
}

test("meeting invitation: typed with a pause, the session ends, the answer is lost and it is sent again: one meeting", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const reference = await sendReport(browser, `Mötesbarn ${STAMP}`);
  const place = `Mottagningen, rum 7 – ingång från gården ${STAMP}`;
  const others = "Vårdnadshavare (båda), tolk på arabiska, kuratorn Åsa";
  const date = plusDays(stockholmToday(), 9);

  await login(page, reception);
  const reportPath = await openReport(page, reference);
  const section = page.getByRole("region", { name: "Anmälningsmöte" });
  const fields = {
    date: section.getByLabel("Datum", { exact: true }),
    time: section.getByLabel("Klockan", { exact: true }),
    place: section.getByLabel("Plats, rum eller videolänk"),
    others: section.getByLabel("Övriga deltagare (vårdnadshavare, barnet, tolk och språk)"),
  };
  await fields.date.fill(date);
  await fields.time.fill("13:30");
  await typeSlowly(fields.place, place);
  await pause(page);
  await typeSlowly(fields.others, others);
  const typed = async () => {
    await expect(fields.date).toHaveValue(date);
    await expect(fields.time).toHaveValue("13:30");
    await expect(fields.place).toHaveValue(place);
    await expect(fields.others).toHaveValue(others);
    await expect(section.getByRole("checkbox", { name: /Johan Berg/ })).toBeChecked();
  };
  await typed();

  // The session ends before sending: after signing in again, the invitation is still as typed.
  await endSession(page);
  await section.getByRole("button", { name: "Skicka inbjudan" }).click();
  await signInAgain(page, reception);
  expect(pathOf(page.url())).toBe(reportPath);
  await typed();

  // Sent; the server makes the meeting but the answer is lost. What was typed stays; sent again, one meeting.
  // The invitation posts to the report page's meetings step (app/routes/reports.$reportId.meetings.tsx).
  const failed = await failNextPost(page, `${reportPath}/meetings`, "lost");
  await section.getByRole("button", { name: "Skicka inbjudan" }).click();
  await failed();
  // The user is told, and what they typed is all there.
  await expect(failureNote(page, "notSent")).toBeVisible();
  await typed();
  await expectNoAxeViolations(page);
  await section.getByRole("button", { name: "Skicka inbjudan" }).click();
  await expect(page.getByText("Inbjudan är skickad.").first()).toBeVisible();
  await expect(section.getByText(place)).toHaveCount(1);
  await expect(section).toContainText("Johan Berg: Inte svarat");

  // Back after sending, then the page again: still one meeting, here and in the list of meetings.
  await page.goBack();
  await page.goto(reportPath);
  await expect(section.getByText(place)).toHaveCount(1);
  await page.goto(`/meetings?week=${date}`);
  await expect(
    page.getByRole("region", { name: "Kommande" }).getByRole("listitem").filter({ hasText: place }),
  ).toHaveCount(1);
  await expect(page.getByRole("table").getByRole("link", { name: `13:30 ${reference}` })).toHaveCount(1);
});

test("consent: typed with a pause, the answer is lost and it is saved again, then back: one consent", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const reference = await sendReport(browser, `Samtyckesbarn ${STAMP}`);
  const givenBy = `Maria Ölund-Çelik, mamma ${STAMP}`;
  const documentRef = "Blankett 2026/417 – inskannad, original i akten";
  const today = stockholmToday();

  await login(page, reception);
  const reportPath = await openReport(page, reference);
  await page
    .getByRole("region", { name: "Återkoppling och samtycke" })
    .getByRole("link", { name: "Återkoppling och samtycke för anmälan" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Återkoppling och samtycke – ${reference}`);
  const feedbackPath = `${reportPath}/feedback`;
  await waitForHydration(page);
  const consents = page.getByRole("region", { name: "Samtycken" });
  await consents.locator("summary", { hasText: "Registrera ett samtycke" }).click();
  const fields = {
    givenBy: consents.getByLabel("Namn och relation till barnet"),
    documentRef: consents.getByLabel("Dokumentreferens (t.ex. diarienummer för blanketten)"),
    kind: consents
      .getByRole("group", { name: "Vilka uppgifter får lämnas?" })
      .getByRole("checkbox", { name: "Hur skolan kan stödja barnet" }),
    school: consents
      .getByRole("group", { name: "Till vem?" })
      .getByRole("checkbox", { name: "Alla som arbetar på Solbackens skola" }),
  };
  await consents
    .getByRole("group", { name: "Vem lämnade samtycket?" })
    .getByRole("radio", { name: "vårdnadshavare", exact: true })
    .check();
  await typeSlowly(fields.givenBy, givenBy);
  await pause(page);
  await typeSlowly(fields.documentRef, documentRef);
  await fields.kind.check();
  await fields.school.check();
  const typed = async () => {
    await expect(fields.givenBy).toHaveValue(givenBy);
    await expect(fields.documentRef).toHaveValue(documentRef);
    await expect(fields.kind).toBeChecked();
    await expect(fields.school).toBeChecked();
    await expect(consents.getByLabel("Gäller från och med")).toHaveValue(today);
  };
  await typed();

  // Saved; the server registers it but the answer is lost. What was typed stays; saved again, one consent.
  // The form posts to the consents step of the page (reports.$reportId_.feedback.consents.tsx).
  const failed = await failNextPost(page, `${feedbackPath}/consents`, "lost");
  await consents.getByRole("button", { name: "Spara samtycket" }).click();
  await failed();
  // The user is told, and what they typed is all there.
  await expect(failureNote(page, "notSent")).toBeVisible();
  await typed();
  await expectNoAxeViolations(page);
  await consents.getByRole("button", { name: "Spara samtycket" }).click();
  await expect(page.getByText("Samtycket är registrerat.").first()).toBeVisible();
  const listed = consents.getByRole("listitem").filter({ hasText: givenBy });
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText(documentRef);

  // After saving the form is closed and empty (defect 9).
  await expect(consents.getByRole("button", { name: "Spara samtycket" })).toBeHidden();
  await consents.locator("summary", { hasText: "Registrera ett samtycke" }).click();
  await expect(fields.givenBy).toHaveValue("");

  // Back after saving, then forward: still one.
  await page.goBack();
  await page.goForward();
  await page.goto(feedbackPath);
  await expect(consents.getByRole("listitem").filter({ hasText: givenBy })).toHaveCount(1);
});

// ---------------------------------------------------------------------------------------------------------------
// The advice log and the training form

test("advice: typed with pauses on a slow network, the answer is lost and it is saved again, then back: one entry", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const yesterday = plusDays(stockholmToday(), -1);
  // An hour no one else logs a call at: the list's rows for it are this test's.
  const time = "03:17";
  const summary = "Läraren ringde om en elev som ofta kommer hungrig, och som sagt att det är bråk hemma på kvällarna.";
  const followUp = "Läraren skriver en anmälan i dag och ringer oss i morgon om hur det gick.";

  await login(page, reception);
  await slowNetwork(page);
  await page.goto("/advice/new");
  await waitForHydration(page, 30_000);
  const fields = {
    date: page.getByLabel("Datum", { exact: true }),
    time: page.getByLabel("Klockan", { exact: true }),
    unit: page.getByLabel("Uppringarens enhet", { exact: true }),
    summary: page.getByLabel("Kort sammanfattning"),
    followUp: page.getByLabel("Överenskommen uppföljning"),
  };
  await fields.date.fill(yesterday);
  await fields.time.fill(time);
  await typeSlowly(fields.unit, "Solbackens skola");
  await page.getByLabel("Uppringarens roll").selectOption("teacher");
  await page.getByLabel("Försummelse").check();
  await typeSlowly(fields.summary, summary);
  await pause(page);
  await page.getByLabel("Anmäl nu").check();
  await typeSlowly(fields.followUp, followUp);
  await pause(page);
  const typed = async () => {
    await expect(fields.date).toHaveValue(yesterday);
    await expect(fields.time).toHaveValue(time);
    await expect(fields.unit).toHaveValue("Solbackens skola");
    await expect(fields.summary).toHaveValue(summary);
    await expect(fields.followUp).toHaveValue(followUp);
    await expect(page.getByLabel("Försummelse")).toBeChecked();
    await expect(page.getByLabel("Anmäl nu")).toBeChecked();
  };
  await typed();

  const failed = await failNextPost(page, "/advice/new", "lost");
  await page.getByRole("button", { name: "Spara och visa koden" }).click();
  await failed();
  // The user is told, and what they typed is all there.
  await expect(failureNote(page, "notSent")).toBeVisible();
  await typed();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Spara och visa koden" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Rådgivning R-[A-Z0-9]{4}$/, { timeout: 20_000 });
  await expect(page.getByRole("main")).toContainText(summary);

  // Back after saving: no second entry.
  await page.goBack();
  await page.unrouteAll({ behavior: "ignoreErrors" });
  await page.goto("/advice");
  await expect(page.getByRole("row").filter({ hasText: time })).toHaveCount(1);
});

test("training: typed with a pause, the answer is lost and it is sent again and back: one training", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const title = `Orosanmälan i praktiken ${STAMP}`;
  const description =
    "Hur du ser tecken, pratar med barnet och skriver en anmälan – med övningar i smågrupper.\n\nTa med ett **eget fall**, avidentifierat.";
  const place = "Stadshuset, sal Ängen (plan 3)";
  const date = plusDays(stockholmToday(), 30);

  await login(page, coordinator);
  await page.goto("/trainings/manage/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ny utbildning");
  await waitForHydration(page);
  const fields = {
    title: page.getByLabel("Rubrik"),
    description: page.getByLabel("Beskrivning"),
    date: page.getByLabel("Datum", { exact: true }),
    place: page.getByLabel("Plats eller videolänk"),
  };
  await typeSlowly(fields.title, title);
  await page.getByLabel("Ämne").selectOption({ label: "Anmälningsplikten" });
  await typeSlowly(fields.description, description);
  await pause(page);
  await fields.date.fill(date);
  await typeSlowly(fields.place, place);
  const typed = async () => {
    await expect(fields.title).toHaveValue(title);
    await expect(fields.description).toHaveValue(description);
    await expect(fields.date).toHaveValue(date);
    await expect(fields.place).toHaveValue(place);
  };
  await typed();

  const failed = await failNextPost(page, "/trainings/manage/new", "lost");
  await page.getByRole("button", { name: "Spara som utkast" }).click();
  await failed();
  // The user is told, and what they typed is all there.
  await expect(failureNote(page, "notSent")).toBeVisible();
  await typed();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Spara som utkast" }).click();
  await expect(page).toHaveURL(/\/trainings\/manage\/[0-9a-f-]{36}\?notice=trainingCreated$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);

  await page.goBack();
  await page.goto("/trainings/manage");
  await expect(page.getByRole("row").filter({ hasText: title })).toHaveCount(1);
});
