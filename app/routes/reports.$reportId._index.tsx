import type { RouteTexts } from "~/lib/i18n";

/**
 * The report page's case (or the reporter's view) at the page's own address. The page (reports.$reportId.tsx) loads
 * and guards; the step routes answer the forms and render the same component.
 */
export const handle: RouteTexts = { i18n: ["meetings", "reports"] };

export { ReportCaseSteps as default } from "~/components/report-page";
