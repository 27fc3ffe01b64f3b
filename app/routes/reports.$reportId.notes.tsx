import type { ActionFunctionArgs } from "@remix-run/node";
import { caseReply, noteActions, type CaseReply } from "~/domain/report-case-schema";
import type { RouteTexts } from "~/lib/i18n";
import { addNote } from "~/models/report.server";
import { backToReport, guardStep, parseStep } from "~/server/report-case.server";

/**
 * Social services' internal note on a report, never shown to the reporter. Posted from the report page
 * (reports.$reportId.tsx); the model audits the change in its own transaction.
 */
export const handle: RouteTexts = { i18n: ["meetings", "reports"] };

// Without JavaScript a refused form is answered at this address: the page as at its own, with this route's answer.
export { ReportCaseSteps as default } from "~/components/report-page";
// A send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction } from "~/lib/form-failure";

export async function action(args: ActionFunctionArgs): Promise<CaseReply | Response> {
  const { user, report } = await guardStep(args, ["report:process"]);
  const submission = await parseStep(args, noteActions);
  if (submission.status !== "success") return caseReply("note", submission.payload, submission.error);
  // A resent form finds the first one's row and adds nothing.
  await addNote(user, report.id, submission.value.text, submission.value.submissionKey);
  return backToReport(report, "noteAdded");
}
