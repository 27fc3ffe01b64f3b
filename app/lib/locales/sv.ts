import common from "#locales/sv/common.json";
import auth from "#locales/sv/auth.json";
import admin from "#locales/sv/admin.json";
import inbox from "#locales/sv/inbox.json";
import accessibility from "#locales/sv/accessibility.json";
import guidance from "#locales/sv/guidance.json";
import reports from "#locales/sv/reports.json";
import advice from "#locales/sv/advice.json";
import meetings from "#locales/sv/meetings.json";
import feedback from "#locales/sv/feedback.json";
import trainings from "#locales/sv/trainings.json";
import coverage from "#locales/sv/coverage.json";
import calendar from "#locales/sv/calendar.json";
import stats from "#locales/sv/stats.json";
import statsReport from "#locales/sv/stats-report.json";

/** The Swedish texts: bundled with every page, Swedish being the portal's first language. */
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
