import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { assertCan, recordNotFound, requirePermission } from "~/server/auth.server";
import { extendedActions, type FeedbackReply } from "~/domain/feedback-schema";
import { readForm } from "~/lib/form-data.server";
import type { RouteTexts } from "~/lib/i18n";
import { sendExtendedFeedback } from "~/models/feedback.server";
import { readReport, reportResource } from "~/models/report.server";

/**
 * Extended feedback to a reporter, under a consent that covers them and the kind of information. The page checks the
 * consent first (its `recipient` and `kind` query); the form posts here with that query, so a refused send comes back
 * with the check and the text as typed.
 */
export const handle: RouteTexts = { i18n: ["feedback"] };

// Without JavaScript a refused form is answered at this address: the page as at its own, with this route's answer.
export { FeedbackSteps as default } from "~/components/feedback-steps";
// A send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction } from "~/lib/form-failure";

/** Social services only, and only on a report they may see. */
async function guard(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "feedback:send");
  const reportId = args.params.reportId ?? "";
  const report = await readReport(user, reportId);
  if (!report) return recordNotFound(args, user, "report", reportId);
  await assertCan(args, user, "feedback:send", reportResource(report));
  return { user, report };
}

export async function action(args: ActionFunctionArgs): Promise<FeedbackReply | Response> {
  const { user, report } = await guard(args);
  const submission = parseWithZod(await readForm(args.request), { schema: extendedActions });
  // Another intent, or the form without its key: a request no page of ours sends.
  if (submission.status !== "success" && (submission.error?.intent || submission.error?.submissionKey))
    throw new Response(null, { status: 400 });
  const refuse = (error?: string, at?: Date) => ({
    intent: "send" as const,
    result: submission.reply(error ? { formErrors: [error] } : {}),
    at: at?.toISOString() ?? null,
  });
  if (submission.status !== "success") return refuse();

  const { intent, ...input } = submission.value;
  const result = await sendExtendedFeedback(user, report, input);
  if (result.ok) {
    return redirect(`/reports/${report.id}/feedback?notice=feedbackSent`);
  }
  if ("error" in result) return refuse(`feedback:errors.${result.error}`);
  const { coverage } = result;
  return refuse(`feedback:errors.notCovered.${coverage.reason}`, "at" in coverage ? coverage.at : undefined);
}
