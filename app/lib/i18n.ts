import i18next, { type BackendModule, type i18n, type InitOptions } from "i18next";
// A .server module is an empty one in the browser bundle: there serverLocales is undefined and texts come from lazy.ts.
import { serverLocales } from "./locales/all.server";
import { lazyTexts, type Namespace } from "./locales/lazy";

export const supportedLocales = ["sv", "en"] as const;
export type AppLocale = (typeof supportedLocales)[number];
export const defaultLocale: AppLocale = "sv";
export const TIME_ZONE = "Europe/Stockholm";

/**
 * A route's `handle`: the namespaces its page uses besides "common" (tests/unit/i18n-namespaces.test.ts checks them
 * against the route's code). The browser fetches these before showing the page (entry.client, Layout in root.tsx).
 */
export interface RouteTexts {
  i18n: Namespace[];
}

/** "common" and the namespaces the given route handles declare, each once. */
export function namespacesOf(handles: readonly unknown[]): Namespace[] {
  return [
    ...new Set<Namespace>(["common", ...handles.flatMap((h) => (h as Partial<RouteTexts> | undefined)?.i18n ?? [])]),
  ];
}

export function isLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (supportedLocales as readonly string[]).includes(value);
}

// What the server and the browser instances share.
const baseOptions: InitOptions = {
  supportedLngs: [...supportedLocales],
  defaultNS: "common",
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
};

const instances = new Map<AppLocale, i18n>();

/** The server's instance for a language, holding every text (rendering, page titles, messages made in loaders). */
export function i18nFor(locale: AppLocale): i18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      ...baseOptions,
      resources: serverLocales,
      lng: locale,
      fallbackLng: defaultLocale,
      ns: Object.keys(serverLocales.sv),
      initImmediate: false,
    });
    rememberPlainLookups(instance);
    instances.set(locale, instance);
  }
  return instance;
}

/** Plain lookups remembered per language, namespace and prefix, at most this many each (keys come from the code). */
const MAX_REMEMBERED = 5000;

/**
 * The server's texts never change after start-up, so a plain lookup (one key, no options) gives the same text every
 * time: remember it. i18next spends 5–10 µs on each call, and a page such as /stats makes hundreds of them, a tenth of
 * its server time. Calls with options (counts, values, defaults) still go to i18next.
 */
function rememberPlainLookups(instance: i18n) {
  type Lookup = (...args: unknown[]) => string;
  const getFixedT = instance.getFixedT.bind(instance) as unknown as (...args: unknown[]) => Lookup;
  const remembered = new Map<string, Map<string, string>>();
  instance.getFixedT = ((lng: unknown, ns?: unknown, keyPrefix?: unknown) => {
    const t = getFixedT(lng, ns, keyPrefix);
    const scope = JSON.stringify([lng, ns, keyPrefix]);
    const known = remembered.get(scope) ?? new Map<string, string>();
    remembered.set(scope, known);
    const lookUp = (key: unknown, ...rest: unknown[]) => {
      if (rest.length > 0 || typeof key !== "string") return t(key, ...rest);
      let text = known.get(key);
      if (text === undefined) {
        text = t(key);
        if (known.size < MAX_REMEMBERED) known.set(key, text);
      }
      return text;
    };
    return Object.assign(lookUp, t);
  }) as unknown as i18n["getFixedT"];
}

/** Fetches a namespace's texts in a language: its own chunk (locales/lazy.ts). */
const lazyBackend: BackendModule = {
  type: "backend",
  init() {},
  read(lng, ns, callback) {
    const load = lazyTexts[lng as AppLocale]?.[ns as Namespace];
    if (!load) return callback(new Error(`no texts ${lng}/${ns}`), false);
    load().then(
      (texts) => callback(null, texts.default as never),
      (error: Error) => {
        // As Remix does with a route module it cannot fetch (offline, or a deploy replaced it): load the page afresh,
        // rendered whole by the server, and leave the page waiting meanwhile. Before hydration there is nothing to
        // reload: startBrowserI18n fails and the page stays as the server sent it.
        if (browserI18n) window.location.reload();
        else callback(error, false);
      },
    );
  },
};

// The browser's one instance (startBrowserI18n); undefined on the server.
let browserI18n: i18n | undefined;

/**
 * The browser's instance, in the page's language with "common" and `ns` fetched before it resolves (it rejects if
 * they cannot be fetched), so the first render matches the server's. Later namespaces come with loadNamespaces
 * (Layout, before a page shows); changeLanguage fetches every namespace fetched so far in the new language before
 * it switches.
 */
export async function startBrowserI18n(lng: AppLocale, ns: Namespace[]) {
  const instance = i18next.createInstance().use(lazyBackend);
  const init = {
    ...baseOptions,
    lng,
    ns,
    // Both languages have every key (tests/unit/i18n.test.ts): no second language to fetch as a fallback.
    fallbackLng: false,
    // A text missing in the browser is a route that did not declare its namespace: loud, so the e2e crawl fails.
    // (A call with a defaultValue expects some keys to be missing, e.g. record types the texts do not name.)
    saveMissing: true,
    missingKeyHandler: (lngs, namespace, key, _fallback, _update, call?: { defaultValue?: unknown }) => {
      if (call?.defaultValue === undefined) console.error(`Missing text ${namespace}:${key} (${lngs.join()})`);
    },
  } satisfies InitOptions;
  // The promise init returns resolves even when texts failed to load; its callback is told.
  await new Promise<void>((resolve, reject) => {
    void instance.init(init, (error) => (error ? reject(new Error("texts not loaded", { cause: error })) : resolve()));
  });
  browserI18n = instance;
  return instance;
}

/** `<title>` for a route: "Page – Tillsammans", in the language the root loader chose. */
export function pageTitle(matches: readonly { id: string; data?: unknown }[], key: string) {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  const locale = isLocale(root?.locale) ? root.locale : defaultLocale;
  // In the browser the page's instance: its language follows the root's once that language's texts are in (Layout).
  return [{ title: `${(browserI18n ?? i18nFor(locale)).t(key)} – Tillsammans` }];
}

/**
 * A formatter per language and options, made once: constructing an Intl.DateTimeFormat costs far more than formatting
 * with one (on the inbox, making one per date was a fifth of the server's time per request).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale} ${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

/** Dates and times are always shown in Swedish time, whatever the server's or browser's zone. */
export function formatDateTime(value: Date | string, locale: AppLocale, options?: Intl.DateTimeFormatOptions) {
  const date = typeof value === "string" ? new Date(value) : value;
  return dateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", {
    timeZone: TIME_ZONE,
    dateStyle: "medium",
    timeStyle: "short",
    ...options,
  }).format(date);
}

/** A calendar date ("2026-11-24") in words; it names a day, not an instant, so no time zone shifts it. */
export function formatDate(value: string, locale: string) {
  return dateTimeFormat(locale === "en" ? "en-GB" : "sv-SE", { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${value.slice(0, 10)}T12:00:00Z`),
  );
}

/** A month ("2026-11") as "nov. 2026" / "Nov 2026". */
export function formatMonth(month: string, locale: string) {
  return dateTimeFormat(locale === "en" ? "en-GB" : "sv-SE", {
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${month}-15T12:00:00Z`));
}
