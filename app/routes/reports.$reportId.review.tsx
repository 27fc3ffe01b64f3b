import type { ActionFunctionArgs } from "@remix-run/node";
import { caseReply, reviewActions, type CaseReply } from "~/domain/report-case-schema";
import type { RouteTexts } from "~/lib/i18n";
import { approveDecision, returnDecision } from "~/models/report.server";
import { backToReport, guardStep, parseStep } from "~/server/report-case.server";

/**
 * A reception lead's second look at a proposed "not opened" (app/domain/pre-assessment.ts, secondLookFor): approve it,
 * and it takes effect with its basic feedback, or return it with a comment to whoever proposed it. Posted from the
 * report page (reports.$reportId.tsx); the model refuses the lead's own proposal and audits in its transaction.
 */
export const handle: RouteTexts = { i18n: ["meetings", "reports"] };

// Without JavaScript a refused form is answered at this address: the page as at its own, with this route's answer.
export { ReportCaseSteps as default } from "~/components/report-page";
// A send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction } from "~/lib/form-failure";

export async function action(args: ActionFunctionArgs): Promise<CaseReply | Response> {
  const { user, report } = await guardStep(args, ["report:process", "decision:review"]);
  const submission = await parseStep(args, reviewActions);
  const intent = submission.payload.intent === "return" ? "return" : "approve";
  if (submission.status !== "success") return caseReply(intent, submission.payload, submission.error);
  const { proposalId, comment } = submission.value;
  const approving = submission.value.intent === "approve";
  const result = approving
    ? await approveDecision(user, report.id, { proposalId, comment })
    : await returnDecision(user, report.id, { proposalId, comment });
  if (!result.ok) return caseReply(intent, submission.payload, null, `reports:errors.${result.error}`);
  return backToReport(report, approving ? "decisionApproved" : "decisionReturned");
}
