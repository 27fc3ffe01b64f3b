import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { guardStep, parseStep } from "~/server/report-case.server";
import { extendedActions, type FeedbackReply } from "~/domain/feedback-schema";
import type { RouteTexts } from "~/lib/i18n";
import { sendExtendedFeedback } from "~/models/feedback.server";

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

export async function action(args: ActionFunctionArgs): Promise<FeedbackReply | Response> {
  // Social services with the right, and only on a report they may see.
  const { user, report } = await guardStep(args, ["feedback:send"], "feedback:send");
  const submission = await parseStep(args, extendedActions);
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
