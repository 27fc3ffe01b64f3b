/**
 * The browser part of `npm run bench` (issue 24, item 2): loads pages in Debian's chromium with the CPU slowed
 * (DevTools' CPU throttling) and reads Largest Contentful Paint, and on a form the time from a keypress to the next
 * paint.
 *
 * Keypress to paint is the Event Timing API's figure, as INP counts it: per keystroke the longest `duration` of its
 * events (keydown to the paint after its handlers, rounded to 8 ms). The browser reports no event under 16 ms; for
 * such a key the page's own measurement stands in: the keydown's timestamp to the end of the frame after its input
 * event (a requestAnimationFrame, then a message, which runs once that frame's work is done).
 */
import { chromium, type Browser, type Page } from "playwright-core";
import playwrightConfig from "../../playwright.config";

export interface BrowserPage {
  name: string;
  path: string;
  /** The session's Cookie header, as signIn gives it ("tillsammans_session=…"). */
  cookie: string;
  /** A field to type into after the page has loaded (a CSS selector): the keypress-to-paint measurement. */
  typeInto?: string;
}

export interface BrowserOptions {
  /** Loads of each page, each in a fresh context (a cold cache). */
  runs: number;
  /** How many times slower the CPU runs (DevTools' CPU throttling). */
  cpuSlowdown: number;
  /** Progress, one line at a time. */
  log: (line: string) => void;
}

export interface BrowserResult {
  name: string;
  path: string;
  /** Largest Contentful Paint of each load, in ms since navigation began. */
  lcp: number[];
  /** Per load that typed: each key's time from keypress to paint in ms, and how many of them Event Timing gave. */
  typing: { times: number[]; fromEventTiming: number }[];
  /** What went wrong, per load: a page with errors has no figure from that load. */
  errors: string[];
}

// Plain ASCII: Playwright sends other characters as inserted text, without key events.
export const TYPED = "oro i hemmet";
export const KEY_DELAY_MS = 150;
const KEY_EVENTS = new Set(["keydown", "keypress", "keyup", "beforeinput", "input"]);

interface LcpEntry {
  startTime: number;
  element: string;
}

interface Typed {
  value: string;
  keys: { down: number; painted: number }[];
  events: { name: string; startTime: number; duration: number }[];
}

declare global {
  interface Window {
    __benchTyping?: Typed;
  }
}

export async function measureInBrowser(base: string, pages: BrowserPage[], options: BrowserOptions) {
  // The end-to-end tests' browser and switches: Debian's chromium, never one Playwright downloads.
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
  try {
    const results: BrowserResult[] = [];
    for (const spec of pages) {
      const result: BrowserResult = { name: spec.name, path: spec.path, lcp: [], typing: [], errors: [] };
      for (let run = 1; run <= options.runs; run++) {
        try {
          await measureOnce(browser, base, spec, options, result);
        } catch (error) {
          result.errors.push(`load ${run}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
        }
      }
      results.push(result);
    }
    return { version: browser.version(), results };
  } finally {
    await browser.close();
  }
}

async function measureOnce(
  browser: Browser,
  base: string,
  spec: BrowserPage,
  options: BrowserOptions,
  result: BrowserResult,
) {
  const context = await browser.newContext({ locale: "sv-SE", timezoneId: "Europe/Stockholm" });
  try {
    const { hostname } = new URL(base);
    await context.addCookies(
      spec.cookie.split("; ").map((pair) => {
        const at = pair.indexOf("=");
        return { name: pair.slice(0, at), value: pair.slice(at + 1), domain: hostname, path: "/", httpOnly: true };
      }),
    );
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: options.cpuSlowdown });
    const response = await page.goto(base + spec.path, { waitUntil: "load", timeout: 60_000 });
    if (response?.status() !== 200) throw new Error(`GET ${spec.path} answered ${response?.status()}, not 200`);
    // Hydrated: the router's scroll restoration (rendered last in app/root.tsx) switches to manual in an effect.
    await page.waitForFunction(() => window.history.scrollRestoration === "manual", null, { timeout: 30_000 });
    // Read before typing: the first input ends the search for the largest paint.
    const lcp = await largestContentfulPaint(page);
    if (!lcp) throw new Error("the browser reported no largest-contentful-paint entry");
    result.lcp.push(lcp.startTime);
    let line = `${spec.name}: LCP ${lcp.startTime.toFixed(0)} ms (${lcp.element})`;
    if (spec.typeInto) {
      const typed = await typeInto(page, spec.typeInto);
      result.typing.push(typed);
      line +=
        `, keypress to paint ${typed.times.map((t) => t.toFixed(0)).join(" ")} ms ` +
        `(${typed.fromEventTiming} of ${typed.times.length} from Event Timing)`;
    }
    options.log(line);
  } finally {
    await context.close();
  }
}

/** The last Largest Contentful Paint candidate, or null when the browser reports none within 5 s. */
function largestContentfulPaint(page: Page) {
  return page.evaluate(
    () =>
      new Promise<LcpEntry | null>((resolve) => {
        const observer = new PerformanceObserver((list) => {
          const last = list.getEntries().at(-1) as
            | (PerformanceEntry & { element?: Element | null; url?: string })
            | undefined;
          if (!last) return;
          observer.disconnect();
          const el = last.element;
          const element = el
            ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.classList[0] ? `.${el.classList[0]}` : ""}`
            : last.url || "a removed element";
          resolve({ startTime: last.startTime, element });
        });
        observer.observe({ type: "largest-contentful-paint", buffered: true });
        setTimeout(() => resolve(null), 5_000);
      }),
  );
}

/** Types TYPED into `selector` at a human pace and times each keypress to the next paint. */
async function typeInto(page: Page, selector: string) {
  await page.focus(selector);
  await page.evaluate(() => {
    const typed: Typed = { value: "", keys: [], events: [] };
    window.__benchTyping = typed;
    // Capturing on window: ahead of React's listeners on its root.
    addEventListener("keydown", (event) => typed.keys.push({ down: event.timeStamp, painted: NaN }), true);
    addEventListener(
      "input",
      () => {
        const key = typed.keys.at(-1);
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            if (key && Number.isNaN(key.painted)) key.painted = performance.now();
          };
          channel.port2.postMessage(null);
        });
      },
      true,
    );
    // Observed from now on: the buffer keeps only events of 104 ms or more. 16 ms is the lowest threshold allowed.
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        typed.events.push({ name: e.name, startTime: e.startTime, duration: e.duration });
    }).observe({ type: "event", durationThreshold: 16 } as PerformanceObserverInit);
  });
  await page.keyboard.type(TYPED, { delay: KEY_DELAY_MS });
  // The last key's paint, and the observer's last entries, which it hands over when it gets to them.
  await page.waitForTimeout(1_000);
  const typed = await page.evaluate(
    (field) => ({ ...window.__benchTyping!, value: (document.querySelector(field) as HTMLTextAreaElement).value }),
    selector,
  );
  return keypressToPaint(typed);
}

/**
 * Each key's time to paint: the longest Event Timing duration among the events from its keydown to the next key's,
 * else (no event of 16 ms or more) the page's own measurement. Throws when the typing did not reach the field.
 */
function keypressToPaint(typed: Typed) {
  if (typed.value !== TYPED) throw new Error(`typed "${TYPED}" but the field holds "${typed.value}"`);
  if (typed.keys.length !== TYPED.length)
    throw new Error(`typed ${TYPED.length} keys but the page saw ${typed.keys.length} keydown events`);
  let fromEventTiming = 0;
  const times = typed.keys.map((key, i) => {
    const until = typed.keys[i + 1]?.down ?? Infinity;
    const durations = typed.events
      .filter((e) => KEY_EVENTS.has(e.name) && e.startTime >= key.down - 1 && e.startTime < until - 1)
      .map((e) => e.duration);
    if (durations.length) {
      fromEventTiming += 1;
      return Math.max(...durations);
    }
    if (Number.isNaN(key.painted)) throw new Error(`key ${i + 1} was followed by no input event and no paint`);
    return key.painted - key.down;
  });
  return { times, fromEventTiming };
}
