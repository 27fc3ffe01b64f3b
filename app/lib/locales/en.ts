import common from "#locales/en/common.json";
import auth from "#locales/en/auth.json";
import admin from "#locales/en/admin.json";
import inbox from "#locales/en/inbox.json";
import accessibility from "#locales/en/accessibility.json";
import guidance from "#locales/en/guidance.json";
import reports from "#locales/en/reports.json";
import advice from "#locales/en/advice.json";
import meetings from "#locales/en/meetings.json";
import feedback from "#locales/en/feedback.json";
import trainings from "#locales/en/trainings.json";
import coverage from "#locales/en/coverage.json";
import calendar from "#locales/en/calendar.json";
import stats from "#locales/en/stats.json";
import statsReport from "#locales/en/stats-report.json";

/** The English texts: on the server always, in the browser loaded only when a page is in English (see loadLocale). */
export default {
  common,
  auth,
  admin,
  inbox,
  accessibility,
  guidance,
  reports,
  advice,
  meetings,
  feedback,
  trainings,
  coverage,
  calendar,
  stats,
  statsReport,
};
