import type { ActionFunctionArgs } from "@remix-run/node";
import { caseReply, type CaseReply } from "~/domain/report-case-schema";
import { threatActions } from "~/domain/threat-flag-schema";
import type { RouteTexts } from "~/lib/i18n";
import { setThreatFlag } from "~/models/report.server";
import { backToReport, guardStep, parseStep } from "~/server/report-case.server";

/**
 * Social services' "threat" flag on a report: the reporter (or someone close to them) is threatened. Posted from the
 * report page (reports.$reportId.tsx); the model records who and when, in the history and the audit log. The answer
 * names no flag: the address after it says only that something was saved.
 */
export const handle: RouteTexts = { i18n: ["meetings", "reports"] };

// Without JavaScript a refused form is answered at this address: the page as at its own, with this route's answer.
export { ReportCaseSteps as default } from "~/components/report-page";
// A send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction } from "~/lib/form-failure";

export async function action(args: ActionFunctionArgs): Promise<CaseReply | Response> {
  const { user, report } = await guardStep(args, ["report:process"]);
  const submission = await parseStep(args, threatActions);
  if (submission.status !== "success") return caseReply("threat", submission.payload, submission.error);
  const result = await setThreatFlag(user, report.id, submission.value.flagged);
  if (!result.ok) return caseReply("threat", submission.payload, null, `reports:errors.${result.error}`);
  return backToReport(report, "saved");
}
