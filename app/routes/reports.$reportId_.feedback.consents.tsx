import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { guardStep, parseStep } from "~/server/report-case.server";
import { addCalendarDays, stockholmDate, stockholmInstant } from "~/domain/deadlines";
import { consentActions, type FeedbackReply } from "~/domain/feedback-schema";
import type { RouteTexts } from "~/lib/i18n";
import { recordConsent, withdrawConsent } from "~/models/feedback.server";

/**
 * A report's consents: record one, or register its withdrawal. The forms are on the feedback page and post here (with
 * JavaScript through a fetcher, the page staying where it is); done, the page is loaded again with its notice.
 */
export const handle: RouteTexts = { i18n: ["feedback"] };

// Without JavaScript a refused form is answered at this address: the page as at its own, with this route's answer.
export { FeedbackSteps as default } from "~/components/feedback-steps";
// A send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction } from "~/lib/form-failure";

export async function action(args: ActionFunctionArgs): Promise<FeedbackReply | Response> {
  // Social services with the right, and only on a report they may see.
  const { user, report } = await guardStep(args, ["consent:manage"], "feedback:send");
  const submission = await parseStep(args, consentActions);
  const intent = submission.payload.intent as "consent" | "withdraw";
  const refuse = (error?: string) => ({ intent, result: submission.reply(error ? { formErrors: [error] } : {}) });
  if (submission.status !== "success") return refuse();
  // The model audits the change in its own transaction.
  const done = (notice: string) => redirect(`/reports/${report.id}/feedback?notice=${notice}`);

  if (submission.value.intent === "withdraw") {
    const withdrawn = await withdrawConsent(user, report.id, submission.value.consentId);
    return withdrawn ? done("consentWithdrawn") : refuse("feedback:errors.cannotWithdraw");
  }
  const { intent: _, ...v } = submission.value;
  const result = await recordConsent(user, report, {
    ...v,
    // A consent covers whole Stockholm days: from the start of the first to the end of the last.
    validFrom: stockholmInstant(v.validFrom),
    validUntil: stockholmInstant(addCalendarDays(v.validUntil, 1)),
  });
  if (result.ok) return done("consentRecorded");
  if (result.error !== "duplicate") return refuse(`feedback:errors.${result.error}`);
  const { givenBy, validFrom, validUntil } = result.duplicate;
  return {
    intent: "consent",
    result: submission.reply({ formErrors: ["feedback:errors.duplicateConsent"] }),
    // validUntil is the exclusive end: the last day is the one before it.
    duplicate: { givenBy, from: stockholmDate(validFrom), until: stockholmDate(new Date(validUntil.getTime() - 1)) },
  };
}
