import type { AppLocale } from "../i18n";

type Texts = () => Promise<{ default: object }>;

// Each namespace in each language is a chunk of its own, so a page fetches only the texts its routes use, in its
// language (see startBrowserI18n). Written out: esbuild splits only imports whose path it can read.
const sv = {
  common: () => import("#locales/sv/common.json"),
  auth: () => import("#locales/sv/auth.json"),
  admin: () => import("#locales/sv/admin.json"),
  inbox: () => import("#locales/sv/inbox.json"),
  accessibility: () => import("#locales/sv/accessibility.json"),
  guidance: () => import("#locales/sv/guidance.json"),
  reports: () => import("#locales/sv/reports.json"),
  advice: () => import("#locales/sv/advice.json"),
  meetings: () => import("#locales/sv/meetings.json"),
  feedback: () => import("#locales/sv/feedback.json"),
  trainings: () => import("#locales/sv/trainings.json"),
  coverage: () => import("#locales/sv/coverage.json"),
  calendar: () => import("#locales/sv/calendar.json"),
  stats: () => import("#locales/sv/stats.json"),
  statsReport: () => import("#locales/sv/stats-report.json"),
  reviews: () => import("#locales/sv/reviews.json"),
  deviations: () => import("#locales/sv/deviations.json"),
  steering: () => import("#locales/sv/steering.json"),
  survey: () => import("#locales/sv/survey.json"),
  checkIns: () => import("#locales/sv/check-ins.json"),
} satisfies Record<string, Texts>;

export type Namespace = keyof typeof sv;

const en: Record<Namespace, Texts> = {
  common: () => import("#locales/en/common.json"),
  auth: () => import("#locales/en/auth.json"),
  admin: () => import("#locales/en/admin.json"),
  inbox: () => import("#locales/en/inbox.json"),
  accessibility: () => import("#locales/en/accessibility.json"),
  guidance: () => import("#locales/en/guidance.json"),
  reports: () => import("#locales/en/reports.json"),
  advice: () => import("#locales/en/advice.json"),
  meetings: () => import("#locales/en/meetings.json"),
  feedback: () => import("#locales/en/feedback.json"),
  trainings: () => import("#locales/en/trainings.json"),
  coverage: () => import("#locales/en/coverage.json"),
  calendar: () => import("#locales/en/calendar.json"),
  stats: () => import("#locales/en/stats.json"),
  statsReport: () => import("#locales/en/stats-report.json"),
  reviews: () => import("#locales/en/reviews.json"),
  deviations: () => import("#locales/en/deviations.json"),
  steering: () => import("#locales/en/steering.json"),
  survey: () => import("#locales/en/survey.json"),
  checkIns: () => import("#locales/en/check-ins.json"),
};

export const lazyTexts: Record<AppLocale, Record<Namespace, Texts>> = { sv, en };
