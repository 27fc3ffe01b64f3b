import type { ActionFunctionArgs } from "@remix-run/node";
import { caseReply, supplementActions, type CaseReply } from "~/domain/report-case-schema";
import type { RouteTexts } from "~/lib/i18n";
import { addSupplement } from "~/models/report.server";
import { backToReport, guardStep, parseStep } from "~/server/report-case.server";

/**
 * The reporter's supplement to their report, answering one of reception's questions or of its own. Posted from the
 * report page (reports.$reportId.tsx); the model audits the change in its own transaction.
 */
export const handle: RouteTexts = { i18n: ["meetings", "reports"] };

// Without JavaScript a refused form is answered at this address: the page as at its own, with this route's answer.
export { ReportCaseSteps as default } from "~/components/report-page";
// A send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction } from "~/lib/form-failure";

export async function action(args: ActionFunctionArgs): Promise<CaseReply | Response> {
  const { user, report } = await guardStep(args, ["report:supplement"]);
  const submission = await parseStep(args, supplementActions);
  if (submission.status !== "success") return caseReply("supplement", submission.payload, submission.error);
  const { text, requestId, submissionKey } = submission.value;
  // A resent form finds the first one's row and adds nothing.
  await addSupplement(user, report.id, { text, requestId, submissionKey });
  return backToReport(report, "supplementAdded");
}
