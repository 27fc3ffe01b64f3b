import type { ActionFunctionArgs } from "@remix-run/node";
import { caseReply, kindActions, type CaseReply } from "~/domain/report-case-schema";
import type { RouteTexts } from "~/lib/i18n";
import { setReportKinds } from "~/models/concern-kinds.server";
import { backToReport, guardStep, parseStep } from "~/server/report-case.server";

/**
 * The kinds of concern social services set on a report, from the municipality's list. Posted from the report page
 * (reports.$reportId.tsx); the model checks each kind against the municipality and audits the change.
 */
export const handle: RouteTexts = { i18n: ["meetings", "reports"] };

// Without JavaScript a refused form is answered at this address: the page as at its own, with this route's answer.
export { ReportCaseSteps as default } from "~/components/report-page";
// A send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction } from "~/lib/form-failure";

export async function action(args: ActionFunctionArgs): Promise<CaseReply | Response> {
  const { user, report } = await guardStep(args, ["report:process"]);
  const submission = await parseStep(args, kindActions);
  if (submission.status !== "success") return caseReply("kinds", submission.payload, submission.error);
  const result = await setReportKinds(user, report, submission.value.kindIds);
  if (!result.ok) return caseReply("kinds", submission.payload, null, `reports:errors.${result.error}`);
  return backToReport(report, "kindsSaved");
}
