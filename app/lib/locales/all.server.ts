import type { AppLocale } from "../i18n";
import type { Namespace } from "./lazy";
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
import svReviews from "#locales/sv/reviews.json";
import svDeviations from "#locales/sv/deviations.json";
import svSteering from "#locales/sv/steering.json";
import svSurvey from "#locales/sv/survey.json";
import svCheckIns from "#locales/sv/check-ins.json";
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
import enReviews from "#locales/en/reviews.json";
import enDeviations from "#locales/en/deviations.json";
import enSteering from "#locales/en/steering.json";
import enSurvey from "#locales/en/survey.json";
import enCheckIns from "#locales/en/check-ins.json";

/** Every text in both languages, for the server to render any page at once (the browser fetches them: see lazy.ts). */
export const serverLocales: Record<AppLocale, Record<Namespace, object>> = {
  sv: {
    common: svCommon,
    auth: svAuth,
    admin: svAdmin,
    inbox: svInbox,
    accessibility: svAccessibility,
    guidance: svGuidance,
    reports: svReports,
    advice: svAdvice,
    meetings: svMeetings,
    feedback: svFeedback,
    trainings: svTrainings,
    coverage: svCoverage,
    calendar: svCalendar,
    stats: svStats,
    statsReport: svStatsReport,
    reviews: svReviews,
    deviations: svDeviations,
    steering: svSteering,
    survey: svSurvey,
    checkIns: svCheckIns,
  },
  en: {
    common: enCommon,
    auth: enAuth,
    admin: enAdmin,
    inbox: enInbox,
    accessibility: enAccessibility,
    guidance: enGuidance,
    reports: enReports,
    advice: enAdvice,
    meetings: enMeetings,
    feedback: enFeedback,
    trainings: enTrainings,
    coverage: enCoverage,
    calendar: enCalendar,
    stats: enStats,
    statsReport: enStatsReport,
    reviews: enReviews,
    deviations: enDeviations,
    steering: enSteering,
    survey: enSurvey,
    checkIns: enCheckIns,
  },
};
