import type { ActionFunctionArgs } from "@remix-run/node";
import { caseReply, stepActions, type CaseIntent, type CaseReply } from "~/domain/report-case-schema";
import type { RouteTexts } from "~/lib/i18n";
import {
  assignReport,
  markNeededSupplement,
  recordChildHeard,
  recordDecision,
  recordPoliceConsideration,
  recordProtectionAssessment,
} from "~/models/report.server";
import { backToReport, guardStep, parseStep } from "~/server/report-case.server";

/**
 * Social services' steps on a report, in order: the protection assessment, who handles it, whether the child was
 * heard, whether a police report was considered, the decision with its reasons, and whether it needed supplementing.
 * Posted from the report page (reports.$reportId.tsx); the model checks the order and audits each change in its own
 * transaction.
 */
export const handle: RouteTexts = { i18n: ["meetings", "reports"] };

// Without JavaScript a refused form is answered at this address: the page as at its own, with this route's answer.
export { ReportCaseSteps as default } from "~/components/report-page";
// A send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction } from "~/lib/form-failure";

export async function action(args: ActionFunctionArgs): Promise<CaseReply | Response> {
  const { user, report } = await guardStep(args, ["report:process"]);
  const submission = await parseStep(args, stepActions);
  const intent = submission.payload.intent as CaseIntent;
  if (submission.status !== "success") return caseReply(intent, submission.payload, submission.error);
  /** The model's answer: done, with the page's notice, or refused for its reason. */
  const answer = (result: { ok: true } | { ok: false; error: string }, notice: string) =>
    result.ok
      ? backToReport(report, notice)
      : caseReply(intent, submission.payload, null, `reports:errors.${result.error}`);

  const step = submission.value;
  switch (step.intent) {
    case "assess":
      return answer(await recordProtectionAssessment(user, report.id, step.outcome), "protectionRecorded");
    case "assign":
      return answer(await assignReport(user, report.id, step.assigneeId), "assigned");
    case "childHeard":
      return answer(await recordChildHeard(user, report.id, step.heard === "yes", step.text), "childHeardRecorded");
    case "police": {
      const { note, consultedOn } = step;
      const input = { considered: step.considered === "yes", reported: step.reported === "yes", note, consultedOn };
      return answer(await recordPoliceConsideration(user, report.id, input), "policeRecorded");
    }
    case "decide": {
      const { decision, ground, reasons } = step;
      const input = { decision, ground, reasons, remainingConcern: step.remainingConcern === "yes" };
      const result = await recordDecision(user, report.id, input);
      // A "not opened" that needs a second look is taken as a proposal: the page says it does not hold yet.
      return answer(result, "proposed" in result ? "decisionProposed" : "decisionRecorded");
    }
    case "neededSupplement":
      return answer(await markNeededSupplement(user, report.id, step.needed), "saved");
  }
}
