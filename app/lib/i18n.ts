import i18next, { type i18n } from "i18next";
import sv from "./locales/sv";
// A .server module is an empty one in the browser bundle: there serverLocales is undefined and English comes by loadLocale.
import { serverLocales } from "./locales/all.server";

export const supportedLocales = ["sv", "en"] as const;
export type AppLocale = (typeof supportedLocales)[number];
export const defaultLocale: AppLocale = "sv";
export const TIME_ZONE = "Europe/Stockholm";

export type LocaleTexts = typeof sv;

/** The texts of each language loaded so far: Swedish always; English on the server always, in the browser on demand. */
const loaded: Partial<Record<AppLocale, LocaleTexts>> = { sv, ...serverLocales };
// Every instance made, so texts loaded later reach them too (the browser makes one or two, the server one per language).
const made: i18n[] = [];

/**
 * Makes sure a language's texts are here before a page renders in it (the browser, before hydrating or switching
 * language): fetched once as their own script, then added to every instance made so far.
 */
export async function loadLocale(locale: AppLocale) {
  if (loaded[locale]) return;
  const texts = (await import("./locales/en")).default;
  loaded[locale] = texts;
  for (const instance of made) {
    for (const [ns, bundle] of Object.entries(texts)) instance.addResourceBundle(locale, ns, bundle, true, true);
  }
}

export function isLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (supportedLocales as readonly string[]).includes(value);
}

/** One configured i18next instance; the server makes one per language, the browser one per page load. */
export function createI18n(lng: AppLocale): i18n {
  const instance = i18next.createInstance();
  made.push(instance);
  void instance.init({
    resources: { ...loaded },
    lng,
    fallbackLng: defaultLocale,
    supportedLngs: [...supportedLocales],
    defaultNS: "common",
    ns: Object.keys(sv),
    interpolation: { escapeValue: false },
    initImmediate: false,
    react: { useSuspense: false },
  });
  return instance;
}

const instances = new Map<AppLocale, i18n>();

/** A shared instance per language (server-side rendering, page titles). */
export function i18nFor(locale: AppLocale): i18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = createI18n(locale);
    instances.set(locale, instance);
  }
  return instance;
}

/** `<title>` for a route: "Page – Tillsammans", in the language the root loader chose. */
export function pageTitle(matches: readonly { id: string; data?: unknown }[], key: string) {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  const locale = isLocale(root?.locale) ? root.locale : defaultLocale;
  return [{ title: `${i18nFor(locale).t(key)} – Tillsammans` }];
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
  return dateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", { timeZone: TIME_ZONE, dateStyle: "medium", timeStyle: "short", ...options }).format(date);
}

/** A calendar date ("2026-11-24") in words; it names a day, not an instant, so no time zone shifts it. */
export function formatDate(value: string, locale: string) {
  return dateTimeFormat(locale === "en" ? "en-GB" : "sv-SE", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${value.slice(0, 10)}T12:00:00Z`));
}

/** A month ("2026-11") as "nov. 2026" / "Nov 2026". */
export function formatMonth(month: string, locale: string) {
  return dateTimeFormat(locale === "en" ? "en-GB" : "sv-SE", { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-15T12:00:00Z`));
}
