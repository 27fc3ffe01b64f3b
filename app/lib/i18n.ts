import i18next, { type i18n } from "i18next";
import svCommon from "#locales/sv/common.json";
import svAuth from "#locales/sv/auth.json";
import svAdmin from "#locales/sv/admin.json";
import svInbox from "#locales/sv/inbox.json";
import svAccessibility from "#locales/sv/accessibility.json";
import svGuidance from "#locales/sv/guidance.json";
import svReports from "#locales/sv/reports.json";
import svAdvice from "#locales/sv/advice.json";
import svMeetings from "#locales/sv/meetings.json";
import svFeedback from "#locales/sv/feedback.json";
import svTrainings from "#locales/sv/trainings.json";
import svCoverage from "#locales/sv/coverage.json";
import svCalendar from "#locales/sv/calendar.json";
import svStats from "#locales/sv/stats.json";
import svStatsReport from "#locales/sv/stats-report.json";
import enCommon from "#locales/en/common.json";
import enAuth from "#locales/en/auth.json";
import enAdmin from "#locales/en/admin.json";
import enInbox from "#locales/en/inbox.json";
import enAccessibility from "#locales/en/accessibility.json";
import enGuidance from "#locales/en/guidance.json";
import enReports from "#locales/en/reports.json";
import enAdvice from "#locales/en/advice.json";
import enMeetings from "#locales/en/meetings.json";
import enFeedback from "#locales/en/feedback.json";
import enTrainings from "#locales/en/trainings.json";
import enCoverage from "#locales/en/coverage.json";
import enCalendar from "#locales/en/calendar.json";
import enStats from "#locales/en/stats.json";
import enStatsReport from "#locales/en/stats-report.json";

export const supportedLocales = ["sv", "en"] as const;
export type AppLocale = (typeof supportedLocales)[number];
export const defaultLocale: AppLocale = "sv";
export const TIME_ZONE = "Europe/Stockholm";

export const resources = {
  sv: { common: svCommon, auth: svAuth, admin: svAdmin, inbox: svInbox, accessibility: svAccessibility, guidance: svGuidance, reports: svReports, advice: svAdvice, meetings: svMeetings, feedback: svFeedback, trainings: svTrainings, coverage: svCoverage, calendar: svCalendar, stats: svStats, statsReport: svStatsReport },
  en: { common: enCommon, auth: enAuth, admin: enAdmin, inbox: enInbox, accessibility: enAccessibility, guidance: enGuidance, reports: enReports, advice: enAdvice, meetings: enMeetings, feedback: enFeedback, trainings: enTrainings, coverage: enCoverage, calendar: enCalendar, stats: enStats, statsReport: enStatsReport },
} as const;

export function isLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (supportedLocales as readonly string[]).includes(value);
}

/** One configured i18next instance; the server makes one per language, the browser one per page load. */
export function createI18n(lng: AppLocale): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng,
    fallbackLng: defaultLocale,
    supportedLngs: [...supportedLocales],
    defaultNS: "common",
    ns: Object.keys(resources.sv),
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

/** Dates and times are always shown in Swedish time, whatever the server's or browser's zone. */
export function formatDateTime(value: Date | string, locale: AppLocale, options?: Intl.DateTimeFormatOptions) {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", {
    timeZone: TIME_ZONE,
    dateStyle: "medium",
    timeStyle: "short",
    ...options,
  }).format(date);
}

/** A calendar date ("2026-11-24") in words; it names a day, not an instant, so no time zone shifts it. */
export function formatDate(value: string, locale: string) {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "sv-SE", { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${value.slice(0, 10)}T12:00:00Z`),
  );
}
