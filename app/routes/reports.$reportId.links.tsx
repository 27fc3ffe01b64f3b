import type { ActionFunctionArgs } from "@remix-run/node";
import { caseReply, linkActions, type CaseReply } from "~/domain/report-case-schema";
import type { RouteTexts } from "~/lib/i18n";
import { linkReports, unlinkReports } from "~/models/earlier-reports.server";
import { backToReport, guardStep, parseStep } from "~/server/report-case.server";

/**
 * Social services link a report to another about the same child by its reference (one registered without a personal
 * identity number, say), or remove such a link. Posted from the report page's earlier reports (reports.$reportId.tsx);
 * the model audits both reports' change in its own transaction.
 */
export const handle: RouteTexts = { i18n: ["meetings", "reports"] };

// Without JavaScript a refused form is answered at this address: the page as at its own, with this route's answer.
export { ReportCaseSteps as default } from "~/components/report-page";
// A send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction } from "~/lib/form-failure";

const h = (key: string) => `reports:history.errors.${key}`;

export async function action(args: ActionFunctionArgs): Promise<CaseReply | Response> {
  const { user, report } = await guardStep(args, ["report:history"]);
  const submission = await parseStep(args, linkActions);
  if (submission.status !== "success") {
    const intent = submission.payload.intent === "unlink" ? "unlink" : "link";
    return caseReply(intent, submission.payload, submission.error);
  }
  const form = submission.value;
  if (form.intent === "link") {
    // A link already there (a resent form) is done: nothing added, nothing audited.
    const result = await linkReports(user, report.id, form.reference);
    if (result === "linked" || result === "resent") return backToReport(report, "reportLinked");
    return caseReply("link", submission.payload, null, h(result));
  }
  const result = await unlinkReports(user, report.id, form.linkedReportId);
  if (result === "unlinked") return backToReport(report, "reportUnlinked");
  return caseReply("unlink", submission.payload, null, h(result));
}
