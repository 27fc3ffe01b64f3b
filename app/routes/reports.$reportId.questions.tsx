import type { ActionFunctionArgs } from "@remix-run/node";
import { caseReply, questionActions, type CaseReply } from "~/domain/report-case-schema";
import type { RouteTexts } from "~/lib/i18n";
import { requestSupplement } from "~/models/report.server";
import { backToReport, guardStep, parseStep } from "~/server/report-case.server";

/**
 * Reception's question to the reporter, answered by a supplement in the portal. Posted from the report page
 * (reports.$reportId.tsx); the model audits the change in its own transaction.
 */
export const handle: RouteTexts = { i18n: ["meetings", "reports"] };

// Without JavaScript a refused form is answered at this address: the page as at its own, with this route's answer.
export { ReportCaseSteps as default } from "~/components/report-page";
// A send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction } from "~/lib/form-failure";

export async function action(args: ActionFunctionArgs): Promise<CaseReply | Response> {
  const { user, report } = await guardStep(args, ["report:process"]);
  const submission = await parseStep(args, questionActions);
  const errors = submission.status === "success" ? null : submission.error;
  const refuse = (reason?: string) =>
    caseReply("requestSupplement", submission.payload, errors, reason && `reports:errors.${reason}`);
  if (submission.status !== "success") return refuse();
  const { question, submissionKey } = submission.value;
  const asked = await requestSupplement(user, report, { question, submissionKey });
  if (asked === "notInPortal") return refuse("reporterNotInPortal");
  if (asked === "notFound") return refuse("notFound");
  return backToReport(report, "supplementRequested");
}
