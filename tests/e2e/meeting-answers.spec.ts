import { expect, test, type Page } from "@playwright/test";
import ICAL from "ical.js";
import { account, expectNoAxeViolations, login, logout, waitForHydration, type DemoAccount } from "./support";

/** The demo's school counsellor (Elevhälsan Solbacken), not among support.ts's accounts. */
const counsellor: DemoAccount = {
  email: "kurator@exempelstad.example",
  name: "Nora Karlsson",
  role: "staff",
  unit: "Elevhälsan Solbacken",
  roleLabel: { sv: "Personal", en: "Staff" },
  homeHeading: "Du som arbetar i skola eller förskola",
};
const reception = account("mottagning@exempelstad.example");
const teacher = account("larare@exempelstad.example");
const principal = account("rektor@exempelstad.example");
const admin = account("admin@exempelstad.example");
/** The colleague the administrator adds at Solbackens skola: the demo school has nobody else to hand over to. */
const colleague = { name: "Lisa Holm", email: "lisa.holm@exempelstad.example" };

const PLACE = "Mottagningen, rum 5";
const DECLINE_REASON = "Jag har elevhälsomöte på en annan skola hela den dagen.";
const TIME_ZONE = "Europe/Stockholm";

/** A Stockholm calendar date `days` from today. */
function stockholmDay(days: number) {
  return new Date(Date.now() + days * 86_400_000).toLocaleDateString("sv-SE", { timeZone: TIME_ZONE });
}

/** A Stockholm wall-clock time as the portal writes it (formatDateTime, sv): "12 mars 2026 14:00". */
function shown(date: string, time: string) {
  // Formatting the wall clock as UTC gives the same words as formatting the instant in Stockholm.
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" }).format(
    new Date(`${date}T${time}:00Z`),
  );
}

/** An instant as a Stockholm "YYYY-MM-DD HH:MM". */
function stockholmWallClock(instant: Date) {
  return instant.toLocaleString("sv-SE", { timeZone: TIME_ZONE }).slice(0, 16);
}

function mainNav(page: Page) {
  return page.getByRole("navigation", { name: "Huvudmeny" });
}

async function openDemoReport(page: Page) {
  await page.goto("/reports?status=all");
  // The demo report by the teacher, still undecided.
  await page
    .getByRole("row", { name: /Omar Exempelsson/ })
    .getByRole("link")
    .first()
    .click();
  await waitForHydration(page);
  return page.getByRole("region", { name: "Anmälningsmöte" });
}

/** An invitee opens the invitation from "Möten" in the main menu. */
async function openInvitation(page: Page) {
  await mainNav(page).getByRole("link", { name: "Möten", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Möten");
  await page
    .getByRole("row", { name: new RegExp(PLACE) })
    .getByRole("link")
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inbjudan till anmälningsmöte");
  await waitForHydration(page);
}

interface Mail {
  to: string;
  subject: string;
  body: string;
  calendar: string | null;
}

/** The e-mails /dev/mail lists (newest first there), oldest first. */
async function sentMail(page: Page): Promise<Mail[]> {
  await page.goto("/dev/mail");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Skickad e-post (demoläge)");
  const mails = await page
    .getByRole("main")
    .locator("li.card")
    .evaluateAll((cards) =>
      cards.map((card) => ({
        // "Till <address> · <when> · <status>"
        to: /^Till (\S+)/.exec(card.querySelector(".muted")?.textContent ?? "")?.[1] ?? "",
        subject: card.querySelector("h2")?.textContent ?? "",
        body: card.querySelector(".preserve-lines")?.textContent ?? "",
        calendar: card.querySelector("details pre")?.textContent ?? null,
      })),
    );
  return mails.reverse();
}

/** A calendar file as a calendar program reads it, with ical.js. */
function parseCalendar(text: string) {
  const component = new ICAL.Component(ICAL.parse(text));
  // The file defines the zone its times refer to; the parser resolves them through it.
  for (const zone of component.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  const event = component.getFirstSubcomponent("vevent");
  if (!event) throw new Error("a calendar file without an event");
  return {
    method: String(component.getFirstPropertyValue("method")),
    uid: String(event.getFirstPropertyValue("uid")),
    sequence: Number(event.getFirstPropertyValue("sequence") ?? 0),
    start: stockholmWallClock((event.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate()),
    attendee: String(event.getFirstPropertyValue("attendee") ?? "")
      .replace(/^mailto:/i, "")
      .toLowerCase(),
  };
}

type Entry = { sequence: number; start: string };

/**
 * Replays one person's calendar files, in the order they were sent, the way a calendar program applies them (RFC
 * 5546): a REQUEST whose SEQUENCE is not lower than the stored entry's replaces it, a CANCEL removes it. An older
 * file arriving late would be ignored; none should.
 */
function replay(files: ReturnType<typeof parseCalendar>[]) {
  const calendar = new Map<string, Entry>();
  const ignored: string[] = [];
  for (const f of files) {
    const stored = calendar.get(f.uid);
    if (stored && f.sequence < stored.sequence) {
      ignored.push(`${f.method} SEQUENCE ${f.sequence} < ${stored.sequence}`);
      continue;
    }
    if (f.method === "CANCEL") calendar.delete(f.uid);
    else calendar.set(f.uid, { sequence: f.sequence, start: f.start });
  }
  return { entries: [...calendar.entries()].map(([uid, e]) => ({ uid, ...e })), ignored };
}

/**
 * Reception invites the teacher, the principal and the school counsellor; the teacher proposes another time, the
 * counsellor declines, the principal hands over to a colleague the administrator has just added. Reception sees the
 * three answers on /meetings, without opening the report, and accepts the proposal. The calendar files each person
 * was sent leave exactly the right entry in their calendar.
 */
test("three answers reach reception, and every calendar ends true", async ({ page }) => {
  test.setTimeout(180_000);
  // Neither day is tomorrow, so no day-before reminder joins the files.
  const invitedDay = stockholmDay(3);
  const proposedDay = stockholmDay(4);

  await test.step("the administrator adds a staff member at Solbackens skola", async () => {
    await login(page, admin);
    await mainNav(page).getByRole("link", { name: "Användare", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Användare");
    await page.getByRole("link", { name: "Ny användare" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ny användare");
    await waitForHydration(page);
    await page.getByLabel("Namn").fill(colleague.name);
    await page.getByLabel("E-postadress").fill(colleague.email);
    await page.getByLabel("Startlösenord").fill("kollega-e2e-2026-lisa");
    await page.getByLabel("Enhet").selectOption({ label: "Solbackens skola (Skola)" });
    await page.getByLabel("Roll").selectOption({ label: "Personal" });
    await page.getByRole("button", { name: "Skapa användare" }).click();
    await expect(page.getByText("Användaren är skapad.").first()).toBeVisible();
    await logout(page);
  });

  await test.step("reception invites the teacher, the principal and the school counsellor", async () => {
    await login(page, reception);
    const section = await openDemoReport(page);
    await section.getByLabel("Datum", { exact: true }).fill(invitedDay);
    await section.getByLabel("Klockan", { exact: true }).fill("10:00");
    await section.getByLabel("Plats, rum eller videolänk").fill(PLACE);
    await section.getByLabel("Övriga deltagare (vårdnadshavare, barnet, tolk och språk)").fill("Vårdnadshavare");
    const invitees = section.getByRole("group", { name: "Bjud in från skolan" });
    await expect(invitees.getByRole("checkbox", { name: /Johan Berg/ })).toBeChecked();
    await invitees.getByRole("checkbox", { name: /Karin Lindqvist/ }).check();
    await invitees.getByRole("checkbox", { name: /Nora Karlsson/ }).check();
    await section.getByRole("button", { name: "Skicka inbjudan" }).click();
    await expect(page.getByText("Inbjudan är skickad.").first()).toBeVisible();
    for (const name of [teacher.name, principal.name, counsellor.name]) {
      await expect(section).toContainText(`${name}: Inte svarat`);
    }
    await logout(page);
  });

  await test.step("the teacher proposes another time", async () => {
    await login(page, teacher);
    await openInvitation(page);
    const propose = page.getByRole("main").locator("form").filter({ hasText: "Föreslå en annan tid" });
    await propose.getByLabel("Datum").fill(proposedDay);
    await propose.getByLabel("Klockan").fill("14:00");
    await propose.getByRole("button", { name: "Föreslå tiden" }).click();
    await expect(page.getByText("Ditt svar är skickat.").first()).toBeVisible();
    await expect(page.getByRole("main")).toContainText("Föreslagit annan tid");
    await logout(page);
  });

  await test.step("the school counsellor declines with a reason", async () => {
    await login(page, counsellor);
    await openInvitation(page);
    // Typed key by key, as a person writes it.
    await page.getByLabel("Varför kan du inte?").pressSequentially(DECLINE_REASON, { delay: 20 });
    await page.getByRole("button", { name: "Tacka nej" }).click();
    await expect(page.getByText("Ditt svar är skickat.").first()).toBeVisible();
    await expect(page.getByRole("main")).toContainText("Tackat nej");
    await logout(page);
  });

  await test.step("the principal hands over to the new colleague, the one not yet invited", async () => {
    await login(page, principal);
    await openInvitation(page);
    const choice = page.getByLabel("Kollega");
    // The teacher is invited already: only the new colleague is offered.
    await expect(choice.getByRole("option")).toHaveText(["Välj …", colleague.name]);
    await choice.selectOption({ label: colleague.name });
    await page.getByRole("button", { name: "Lämna över" }).click();
    await expect(page.getByText("Ditt svar är skickat.").first()).toBeVisible();
    await expect(page.getByRole("main")).toContainText("Lämnat över");
    await logout(page);
  });

  await test.step("reception sees the three answers on its meetings page and accepts the proposal", async () => {
    await login(page, reception);
    await mainNav(page).getByRole("link", { name: "Anmälningsmöten" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mina anmälningsmöten");
    await waitForHydration(page);
    const meeting = page.getByRole("region", { name: "Kommande" }).getByRole("listitem").filter({ hasText: PLACE });
    await expect(meeting).toHaveCount(1);
    await expect(meeting).toContainText(shown(invitedDay, "10:00"));
    await expect(meeting).toContainText("Föreslagen tid väntar på ditt beslut");
    const answers = meeting.getByRole("list", { name: "Svar på inbjudan" });
    const answerOf = (name: string) => answers.getByRole("listitem").filter({ hasText: `${name}:` });
    await expect(answerOf(teacher.name)).toHaveText(
      `${teacher.name}: Föreslagit annan tid (föreslår ${shown(proposedDay, "14:00")})`,
    );
    await expect(answerOf(counsellor.name)).toHaveText(`${counsellor.name}: Tackat nej`);
    await expect(answerOf(principal.name)).toHaveText(
      new RegExp(`^${principal.name}: Lämnat över \\(till ${colleague.name} .+\\)$`),
    );
    await expect(answerOf(colleague.name)).toHaveText(`${colleague.name}: Inte svarat`);
    // The decline's reason may name the family: it stays on the report's page.
    await expect(page.getByRole("main")).not.toContainText(DECLINE_REASON);
    await expectNoAxeViolations(page);

    await meeting.getByRole("link", { name: shown(invitedDay, "10:00") }).click();
    await waitForHydration(page);
    const section = page.getByRole("region", { name: "Anmälningsmöte" });
    const proposal = section.getByRole("listitem").filter({ hasText: `${teacher.name}: Föreslagit annan tid` });
    await proposal.getByRole("button", { name: "Acceptera tiden" }).click();
    await expect(page.getByText("Mötet är flyttat och alla är meddelade.").first()).toBeVisible();
    await expect(section).toContainText(shown(proposedDay, "14:00"));
    await expect(section).toContainText(`${teacher.name}: Tackat ja`);
  });

  await test.step("the calendar files leave exactly the right entry in each calendar", async () => {
    let mails: Mail[] = [];
    // The new colleague exists only in this test: once both of her files are out, so are everyone's.
    await expect(async () => {
      mails = await sentMail(page);
      expect(mails.filter((m) => m.to.toLowerCase() === colleague.email && m.calendar)).toHaveLength(2);
    }).toPass({ timeout: 30_000, intervals: [1_000] });

    // Nothing about the child in any e-mail, and not the decline's reason either.
    for (const m of mails) {
      for (const text of [m.subject, m.body, m.calendar ?? ""]) {
        expect(text).not.toContain("Omar");
        expect(text).not.toContain("Exempelsson");
        expect(text).not.toContain(DECLINE_REASON);
      }
    }

    const parsed = mails
      .filter((m) => m.calendar)
      .map((m) => ({ to: m.to.toLowerCase(), ...parseCalendar(m.calendar ?? "") }));
    // Each file is addressed to the one it was sent to.
    for (const f of parsed) expect(f.attendee).toBe(f.to);
    // This meeting's files: the demo's other tests may have sent files for meetings of their own.
    const ours = new Set(parsed.filter((f) => f.to === colleague.email).map((f) => f.uid));
    expect(ours.size).toBe(1);
    const files = parsed.filter((f) => ours.has(f.uid));

    const of = (email: string) => files.filter((f) => f.to === email);
    const invited = `${invitedDay} 10:00`;
    const moved = `${proposedDay} 14:00`;
    const sent = (email: string) => of(email).map(({ method, sequence, start }) => ({ method, sequence, start }));
    expect(sent(teacher.email)).toEqual([
      { method: "REQUEST", sequence: 0, start: invited },
      { method: "REQUEST", sequence: 2, start: moved },
    ]);
    // Answers start over when the meeting moves: the one who declined is sent the new time too.
    expect(sent(counsellor.email)).toEqual([
      { method: "REQUEST", sequence: 0, start: invited },
      { method: "REQUEST", sequence: 2, start: moved },
    ]);
    // The hand-over raised the SEQUENCE: the colleague's entry starts at it.
    expect(sent(colleague.email)).toEqual([
      { method: "REQUEST", sequence: 1, start: invited },
      { method: "REQUEST", sequence: 2, start: moved },
    ]);
    // The CANCEL at once on handing over, above the REQUEST it cancels, and nothing after it.
    expect(sent(principal.email)).toEqual([
      { method: "REQUEST", sequence: 0, start: invited },
      { method: "CANCEL", sequence: 1, start: invited },
    ]);
    expect(of(reception.email)).toEqual([]);

    const [uid] = new Set(files.map((f) => f.uid));
    for (const email of [teacher.email, counsellor.email, colleague.email]) {
      expect(replay(of(email)), email).toEqual({ entries: [{ uid, sequence: 2, start: moved }], ignored: [] });
    }
    expect(replay(of(principal.email))).toEqual({ entries: [], ignored: [] });
  });

  await test.step("reception cancels the meeting after confirming, and every calendar is emptied", async () => {
    // It also leaves the demo report free for a meeting of the next test's.
    const section = await openDemoReport(page);
    await section.getByText("Ställ in mötet", { exact: true }).click();
    await expect(section).toContainText("Alla 3 inbjudna får besked i e-post.");
    await section.getByRole("button", { name: "Ja, ställ in mötet" }).click();
    await expect(page.getByText("Mötet är inställt och alla är meddelade.").first()).toBeVisible();
    await expect(async () => {
      const mails = await sentMail(page);
      const cancels = mails
        .filter((m) => m.calendar)
        .map((m) => ({ to: m.to.toLowerCase(), ...parseCalendar(m.calendar ?? "") }))
        .filter((f) => f.method === "CANCEL" && f.sequence === 3);
      expect(cancels.map((f) => f.to).sort()).toEqual([colleague.email, counsellor.email, teacher.email].sort());
    }).toPass({ timeout: 30_000, intervals: [1_000] });
    await logout(page);
  });

  await test.step("the colleague's account is closed again, as when a temporary colleague leaves", async () => {
    // The school's staff are as the demo made them for the tests that follow (the principal's staff list).
    await login(page, admin);
    await page.goto("/admin/users");
    await page.getByRole("link", { name: colleague.name }).click();
    await waitForHydration(page);
    await page.getByRole("button", { name: "Inaktivera kontot" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Ja, inaktivera" }).click();
    await expect(page.getByText("Kontot är inaktiverat och alla inloggningar är avslutade.").first()).toBeVisible();
    await logout(page);
  });
});
