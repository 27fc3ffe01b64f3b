import type { ActionFunctionArgs } from "@remix-run/node";
import { caseReply, investigationActions, type CaseReply } from "~/domain/report-case-schema";
import type { RouteTexts } from "~/lib/i18n";
import { correctInvestigationStart, endInvestigation, extendInvestigation } from "~/models/investigation.server";
import { backToReport, guardStep, parseStep } from "~/server/report-case.server";

/**
 * The investigation an "opened" decision started: its first day corrected, its four-month limit extended (with the
 * reason), its end and outcome. Posted from the report page (reports.$reportId.tsx) by social services; the end gives
 * the basic "investigation closed" feedback in the model.
 */
export const handle: RouteTexts = { i18n: ["meetings", "reports"] };

// Without JavaScript a refused form is answered at this address: the page as at its own, with this route's answer.
export { ReportCaseSteps as default } from "~/components/report-page";
// A send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction } from "~/lib/form-failure";

export async function action(args: ActionFunctionArgs): Promise<CaseReply | Response> {
  const { user, report } = await guardStep(args, ["report:process"]);
  const submission = await parseStep(args, investigationActions);
  const intent = submission.payload.intent;
  const which =
    intent === "investigationExtend" || intent === "investigationEnd" ? intent : ("investigationStart" as const);
  if (submission.status !== "success") return caseReply(which, submission.payload, submission.error);
  const v = submission.value;
  const result =
    v.intent === "investigationStart"
      ? await correctInvestigationStart(user, report.id, v.startedOn)
      : v.intent === "investigationExtend"
        ? await extendInvestigation(user, report.id, { dueOn: v.dueOn, reason: v.reason })
        : await endInvestigation(user, report.id, { endedOn: v.endedOn, outcome: v.outcome });
  if (!result.ok) return caseReply(v.intent, submission.payload, null, `reports:errors.${result.error}`);
  return backToReport(report, v.intent === "investigationEnd" ? "investigationEnded" : "investigationSaved");
}
