import type { RouteTexts } from "~/lib/i18n";

/**
 * The feedback page's consents and extended feedback at the page's own address. The page
 * (reports.$reportId_.feedback.tsx) loads and guards; the consents and extended steps answer the forms and render the
 * same component.
 */
export const handle: RouteTexts = { i18n: ["feedback"] };

export { FeedbackSteps as default } from "~/components/feedback-steps";
