import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The demo password (app/demo/accounts.ts); the login page shows it in demo mode. */
export const DEMO_PASSWORD = "demo-tillsammans-2026";

export type Role =
  | "staff"
  | "principal"
  | "reception_worker"
  | "reception_lead"
  | "investigator"
  | "coordinator"
  | "steering"
  | "admin"
  | "security_reviewer";

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  unit: string;
  /** The role as the header shows it (locales/<lang>/common.json `roles`). */
  roleLabel: { sv: string; en: string };
  /** The heading of the role's card on the home page (`home.roles.<role>.heading`, Swedish). */
  homeHeading: string;
}

/** The demo accounts of app/demo/seed.server.ts (all but the counsellor), written out: what the user should see. */
export const demoAccounts: DemoAccount[] = [
  {
    email: "rektor@exempelstad.example",
    name: "Karin Lindqvist",
    role: "principal",
    unit: "Solbackens skola",
    roleLabel: { sv: "Rektor", en: "Principal" },
    homeHeading: "Du som är rektor",
  },
  {
    email: "larare@exempelstad.example",
    name: "Johan Berg",
    role: "staff",
    unit: "Solbackens skola",
    roleLabel: { sv: "Personal", en: "Staff" },
    homeHeading: "Du som arbetar i skola eller förskola",
  },
  {
    email: "forskola@exempelstad.example",
    name: "Amira Hassan",
    role: "staff",
    unit: "Förskolan Lärkan",
    roleLabel: { sv: "Personal", en: "Staff" },
    homeHeading: "Du som arbetar i skola eller förskola",
  },
  {
    email: "mottagning@exempelstad.example",
    name: "Eva Sjöberg",
    role: "reception_worker",
    unit: "Mottagningen för barn och unga",
    roleLabel: { sv: "Mottagningssekreterare", en: "Reception social worker" },
    homeHeading: "Mottagningen",
  },
  {
    email: "gruppledare@exempelstad.example",
    name: "Maria Lundgren",
    role: "reception_lead",
    unit: "Mottagningen för barn och unga",
    roleLabel: { sv: "Gruppledare", en: "Reception team lead" },
    homeHeading: "Gruppledare på mottagningen",
  },
  {
    email: "utredare@exempelstad.example",
    name: "Mikael Nyström",
    role: "investigator",
    unit: "Utredningsenheten barn och unga",
    roleLabel: { sv: "Utredare", en: "Investigator" },
    homeHeading: "Utredning",
  },
  {
    email: "samordnare@exempelstad.example",
    name: "Lena Ekholm",
    role: "coordinator",
    unit: "Samverkansenheten",
    roleLabel: { sv: "Samordnare", en: "Coordinator" },
    homeHeading: "Samordnare",
  },
  {
    email: "styrgrupp@exempelstad.example",
    name: "Per Holmgren",
    role: "steering",
    unit: "Förvaltningsstöd och ledning",
    roleLabel: { sv: "Styrgrupp", en: "Steering group" },
    homeHeading: "Styrgrupp",
  },
  {
    email: "admin@exempelstad.example",
    name: "Sara Wikström",
    role: "admin",
    unit: "Förvaltningsstöd och ledning",
    roleLabel: { sv: "Administratör", en: "Administrator" },
    homeHeading: "Administration",
  },
  {
    email: "granskare@exempelstad.example",
    name: "Hanna Forsberg",
    role: "security_reviewer",
    unit: "Förvaltningsstöd och ledning",
    roleLabel: { sv: "Säkerhetsgranskare", en: "Security reviewer" },
    homeHeading: "Du som är säkerhetsgranskare",
  },
];

export function account(email: string): DemoAccount {
  const found = demoAccounts.find((a) => a.email === email);
  if (!found) throw new Error(`no demo account ${email}`);
  return found;
}

/**
 * Waits until React has hydrated the page and run its effects: the router's scroll restoration (rendered last in
 * app/root.tsx) switches the history to manual scrolling in an effect. Returns at once when JavaScript is off.
 */
export async function waitForHydration(page: Page, timeout = 15_000) {
  const hasApp = await page.evaluate(() => "__remixContext" in window);
  if (!hasApp) return;
  await page.waitForFunction(() => window.history.scrollRestoration === "manual", null, { timeout });
}

/**
 * Logs in through the form (works with and without JavaScript) and waits for the home page. With JavaScript it
 * waits for hydration first, so the test drives the enhanced form, not the plain one.
 */
export async function login(page: Page, who: DemoAccount) {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("E-postadress").fill(who.email);
  await page.getByLabel("Lösenord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Välkommen, ${who.name}`);
}

/**
 * Logs out through the header's user menu, a <details> disclosure (the same with and without JavaScript): open it
 * if it is closed, then press its "Logga ut" button, the log-out form's submit button.
 */
export async function logout(page: Page) {
  await waitForHydration(page);
  const userMenu = page.getByRole("banner").locator("details.user-menu");
  if (!(await userMenu.evaluate((details: HTMLDetailsElement) => details.open))) {
    await userMenu.locator("summary").click();
  }
  await userMenu.getByRole("button", { name: "Logga ut" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Logga in");
}

/** The header's link to the inbox (before the navigation's); its accessible name carries the unread count. */
export function inboxLink(page: Page) {
  return page
    .getByRole("banner")
    .getByRole("link", { name: /^(Inkorg|Inbox)/ })
    .first();
}

/** A calendar date in Stockholm `days` before today ("2026-11-23"). */
export function stockholmDaysAgo(days: number) {
  return new Date(Date.now() - days * 86_400_000).toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" });
}

/**
 * Opens the inbox from the header's link and waits for hydration; returns the page's main region. With `all`, it
 * then picks the "Alla" tab (read and unread alike).
 */
export async function openInbox(page: Page, { all = false }: { all?: boolean } = {}) {
  await inboxLink(page).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inkorg");
  await waitForHydration(page);
  const inbox = page.getByRole("main");
  if (all) await inbox.getByRole("tab", { name: /^Alla/ }).click();
  return inbox;
}

// ---------------------------------------------------------------------------------------------------------------
// reports

/** The first fields of a new report, as a person fills them in (Swedish labels). */
export interface ReportStart {
  child: string;
  born: string;
  group: string;
  observedOn: string;
  seen: string;
}

/** Opens /reports/new, waits for hydration and fills in the child, the date of birth, class, when, and what was seen. */
export async function startReport(page: Page, report: ReportStart) {
  await page.goto("/reports/new");
  await waitForHydration(page);
  await page.getByLabel("Barnets namn").fill(report.child);
  await page.getByLabel("Födelsedatum").fill(report.born);
  await page.getByLabel("Klass eller avdelning").fill(report.group);
  await page.getByLabel("När såg eller hörde du det?").fill(report.observedOn);
  await page.getByLabel("Vad har du sett och hört?").fill(report.seen);
}

/** Sends the report form and returns the reference the receipt shows ("ORO-2026-0042"). */
export async function submitReport(page: Page) {
  await page.getByRole("button", { name: "Skicka anmälan" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anmälan är skickad");
  const reference = (await page.locator(".receipt__reference strong").textContent())?.trim() ?? "";
  expect(reference).toMatch(/^ORO-\d{4}-\d{4}$/);
  return reference;
}

/**
 * Social services: the report page from the list of reports, by reference. Newest first: by deadline, a decided
 * report would come after the demo's hundreds of older decided ones, pages away.
 */
export async function openReport(page: Page, reference: string) {
  await page.goto("/reports?status=all&sort=received");
  await page
    .getByRole("row", { name: new RegExp(reference) })
    .getByRole("link", { name: reference })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Anmälan ${reference}`);
  await waitForHydration(page);
}

/**
 * Reception, on the report page: no immediate need of protection, the child heard (`howHeard`), and the decision
 * that an investigation is opened with no remaining concern. Returns the "Handläggning" region.
 */
export async function openInvestigation(page: Page, howHeard: string) {
  const process = page.getByRole("region", { name: "Handläggning" });
  await process.getByLabel("Inget omedelbart skyddsbehov").check();
  await process.getByRole("button", { name: "Registrera skyddsbedömning" }).click();
  await expect(page.getByText("Skyddsbedömningen är registrerad.").first()).toBeVisible();
  await process.getByRole("group", { name: "Har barnet hörts?" }).getByRole("radio", { name: "Ja" }).check();
  await process.getByLabel("Hur barnet hördes, eller varför inte").fill(howHeard);
  await process.getByRole("button", { name: "Spara", exact: true }).click();
  await expect(page.getByText("Barnets röst är dokumenterad.").first()).toBeVisible();
  await process.getByLabel("Utredning inleds", { exact: true }).check();
  await process
    .getByRole("group", { name: "Finns det kvarstående oro efter förhandsbedömningen?" })
    .getByRole("radio", { name: "Nej" })
    .check();
  await process.getByRole("button", { name: "Registrera beslut" }).click();
  await expect(page.getByText("Beslutet är registrerat.").first()).toBeVisible();
  return process;
}

// ---------------------------------------------------------------------------------------------------------------
// axe

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export interface Violation {
  url: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** WCAG 2.1 A/AA violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  // Legacy mode runs axe in the page itself (no extra page per scan); only violations are worked out in detail.
  const results = await new AxeBuilder({ page })
    .options({ resultTypes: ["violations"] })
    .withTags(WCAG_TAGS)
    .setLegacyMode(true)
    .analyze();
  const url = pathOf(page.url());
  return results.violations.map((v) => ({
    url,
    rule: v.id,
    impact: v.impact ?? "unknown",
    help: v.help,
    targets: v.nodes.map((n) => `${n.target.join(" ")}  ${n.html.replace(/\s+/g, " ").slice(0, 160)}`),
  }));
}

export function formatViolations(violations: Violation[]) {
  return violations
    .map(
      (v) =>
        `${v.url}: [${v.impact}] ${v.rule} – ${v.help}\n${v.targets.map((target) => `      ${target}`).join("\n")}`,
    )
    .join("\n");
}

/** Fails with every violation's rule, elements and URL in the message. */
export async function expectNoAxeViolations(page: Page) {
  const violations = await axeViolations(page);
  expect(violations, `axe found WCAG 2.1 A/AA violations:\n${formatViolations(violations)}`).toEqual([]);
}

// ---------------------------------------------------------------------------------------------------------------
// layout: reflow, target size, text limits

/** WCAG 1.4.10: content reflows at 320 CSS px (1280 px at 400 % zoom) without scrolling sideways. */
export const REFLOW_WIDTH = 320;
/** WCAG 2.2 2.5.8: a pointer target is at least 24 by 24 CSS px. */
export const MIN_TARGET = 24;

/**
 * How far the page scrolls sideways at `width` CSS px, with the outermost elements that stick out (data tables
 * scroll inside their own container, which is allowed). The viewport is put back afterwards.
 */
export async function sidewaysScroll(page: Page, width = REFLOW_WIDTH): Promise<{ px: number; culprits: string[] }> {
  const size = page.viewportSize() ?? { width: 1280, height: 720 };
  await page.setViewportSize({ width, height: size.height });
  try {
    return await page.evaluate(() => {
      const root = document.documentElement;
      const width = root.clientWidth;
      const culprits: string[] = [];
      for (const el of document.body.querySelectorAll("*")) {
        const right = el.getBoundingClientRect().right;
        const parentRight = el.parentElement?.getBoundingClientRect().right ?? 0;
        if (right > width + 0.5 && parentRight <= width + 0.5) {
          const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40);
          culprits.push(
            `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}"> ${Math.round(right - width)} px: ${text}`,
          );
        }
      }
      return { px: root.scrollWidth - width, culprits: culprits.slice(0, 5) };
    });
  } finally {
    await page.setViewportSize(size);
  }
}

/**
 * Pointer targets smaller than 24 by 24 px, as "element "name" w×h". A link inside a sentence is left out (the
 * criterion's inline exception); hidden and visually hidden elements are not targets.
 */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const found: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(
      'a[href], button, input:not([type="hidden"]), select, textarea, summary',
    )) {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width <= 1 || box.height <= 1 || style.visibility === "hidden") continue;
      if (box.width >= min && box.height >= min) continue;
      const words = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();
      if (
        el.tagName === "A" &&
        style.display === "inline" &&
        words(el.parentElement?.textContent) !== words(el.textContent)
      )
        continue;
      const name = words(el.getAttribute("aria-label") ?? el.textContent ?? el.getAttribute("name")).slice(0, 40);
      const type = el instanceof HTMLInputElement ? `[type=${el.type}]` : "";
      found.push(`${el.tagName.toLowerCase()}${type} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return found;
  }, MIN_TARGET);
}

/** Text fields of forms that change something (method="post") that carry no maxLength: each must have its limit. */
export async function fieldsWithoutLimit(page: Page): Promise<string[]> {
  return page
    .locator(
      'form[method="post" i] :is(textarea, input:is(:not([type]), [type="text"], [type="email"], [type="tel"], ' +
        '[type="url"], [type="search"], [type="password"])):not([readonly]):not([maxlength])',
    )
    .evaluateAll((fields) => fields.map((f) => `#${f.id || (f as HTMLInputElement).name}`));
}

// ---------------------------------------------------------------------------------------------------------------
// crawl

export function pathOf(url: string) {
  const u = new URL(url);
  return u.pathname + u.search;
}

/** A link's template: ids in the path and values in the query replaced, e.g. `/admin/users/:id?page=:`. */
export function patternOf(path: string) {
  const u = new URL(path, "http://x");
  const segments = u.pathname
    .split("/")
    .map((s) =>
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s) || /^\d+$/.test(s) ? ":id" : s,
    );
  const keys = [...new Set(u.searchParams.keys())].sort();
  return segments.join("/") + (keys.length ? `?${keys.map((k) => `${k}=:`).join("&")}` : "");
}

export interface CrawledPage {
  url: string;
  status: number;
  /** Scanned without the app's scripts, because with them the page tried to change something as it loaded. */
  withoutJs: boolean;
}

export interface CrawlResult {
  pages: CrawledPage[];
  violations: Violation[];
  /** Links that led to an error status: "page -> link (status)". */
  brokenLinks: string[];
  /** Links not visited because `limit` or `perPattern` was reached. */
  skipped: string[];
  /** Errors the page's scripts logged or threw, e.g. a failed hydration: "page: message". */
  scriptErrors: string[];
  /** Pages that scroll sideways at 320 px: "page: N px (elements)". */
  reflow: string[];
  /** Targets under 24 by 24 px: "page: element". */
  smallTargets: string[];
  /** Text fields of post forms without maxLength: "page: #id". */
  unlimitedFields: string[];
}

/** Same-origin page links: `<a href="/…">` that are not downloads, without fragments, outside /build/, deduplicated. */
async function linksOn(page: Page): Promise<string[]> {
  const hrefs = await page
    .locator('a[href^="/"]:not([download])')
    .evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href") ?? ""));
  const origin = new URL(page.url()).origin;
  const out = new Set<string>();
  for (const href of hrefs) {
    if (href.startsWith("//")) continue; // protocol-relative: another host
    const u = new URL(href, origin);
    if (u.origin !== origin || u.pathname.startsWith("/build/")) continue;
    out.add(u.pathname + u.search);
  }
  return [...out];
}

const isAppScript = (url: URL) => url.pathname.startsWith("/build/") && url.pathname.endsWith(".js");

/**
 * Waits until the page has hydrated and the network has been quiet for a moment, so that what a page does as it
 * loads (lazy route discovery, a fetcher) has happened before axe looks at it.
 */
async function settle(page: Page, inFlight: () => number) {
  await waitForHydration(page).catch(() => {
    /* not the app (a plain error page from the server): nothing to wait for */
  });
  let quietSince = Date.now();
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    await page.waitForTimeout(50);
    if (inFlight() > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= 200) return;
  }
}

/**
 * Visits every page reachable by links from `start` (GET only, at most `limit` pages and `perPattern` pages per
 * template such as /admin/users/:id) and runs axe on each, with JavaScript as users have it.
 *
 * The crawl never changes anything: requests other than GET/HEAD are refused. A page that sends one as it loads
 * (a message marks itself read) is loaded again without the app's scripts and scanned as the server renders it;
 * inbox.spec.ts scans such a page with JavaScript after it has done its work.
 */
export async function crawl(page: Page, { start = "/", limit = 60, perPattern = 4 } = {}): Promise<CrawlResult> {
  const context = page.context();
  let wrote = false;
  let inFlight = 0;
  await context.route("**/*", (route) => {
    const method = route.request().method();
    if (method === "GET" || method === "HEAD") return route.continue();
    wrote = true;
    return route.abort("blockedbyclient");
  });
  page.on("request", () => inFlight++);
  page.on("requestfinished", () => inFlight--);
  page.on("requestfailed", () => inFlight--);

  const result: CrawlResult = {
    pages: [],
    violations: [],
    brokenLinks: [],
    skipped: [],
    scriptErrors: [],
    reflow: [],
    smallTargets: [],
    unlimitedFields: [],
  };
  let current = start;
  // A failed hydration is only a console error (React then renders the page again on its own): catch it here.
  // A resource that fails to load is logged too; broken links are checked above, so those are left out.
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
      result.scriptErrors.push(`${current}: ${message.text().slice(0, 200)}`);
  });
  page.on("pageerror", (error) => result.scriptErrors.push(`${current}: ${error.message.slice(0, 200)}`));
  const seen = new Set<string>([start]);
  const scanned = new Set<string>();
  const perTemplate = new Map<string, number>();
  const queue: { url: string; from: string | null }[] = [{ url: start, from: null }];

  while (queue.length) {
    const { url, from } = queue.shift()!;
    const pattern = patternOf(url);
    if (result.pages.length >= limit || (perTemplate.get(pattern) ?? 0) >= perPattern) {
      result.skipped.push(url);
      continue;
    }
    wrote = false;
    current = url;
    const response = await page.goto(url);
    await settle(page, () => inFlight);
    const status = response?.status() ?? 0;
    if (status >= 400) result.brokenLinks.push(`${from ?? "(start)"} -> ${url} (${status})`);
    // After a redirect, scan where it led, once.
    const landed = pathOf(page.url());
    if (scanned.has(landed)) continue;
    scanned.add(landed);
    seen.add(landed);
    perTemplate.set(pattern, (perTemplate.get(pattern) ?? 0) + 1);

    let violations = await axeViolations(page);
    // A write while loading or during the scan: the page (or the scan) is not what a reader sees. Scan it again.
    const withoutJs = wrote;
    if (withoutJs) {
      await page.route(isAppScript, (route) => route.abort("blockedbyclient"));
      await page.goto(url);
      violations = await axeViolations(page);
    }
    result.violations.push(...violations);
    result.pages.push({ url: landed, status, withoutJs });
    const sideways = await sidewaysScroll(page);
    if (sideways.px > 0) result.reflow.push(`${landed}: ${sideways.px} px (${sideways.culprits.join("; ")})`);
    result.smallTargets.push(...(await smallTargets(page)).map((t) => `${landed}: ${t}`));
    result.unlimitedFields.push(...(await fieldsWithoutLimit(page)).map((f) => `${landed}: ${f}`));
    for (const link of await linksOn(page)) {
      if (seen.has(link)) continue;
      seen.add(link);
      queue.push({ url: link, from: landed });
    }
    if (withoutJs) await page.unroute(isAppScript);
  }
  await context.unrouteAll({ behavior: "ignoreErrors" });
  return result;
}
