import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ReviewChecklist } from "~/components/review-checklist";
import { stockholmDate } from "~/domain/deadlines";
import { reviewAnswerSchema } from "~/domain/review-schema";
import { audit } from "~/lib/audit.server";
import { readForm } from "~/lib/form-data.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { answerReviewCase, reviewCaseFor, reviewCaseResource } from "~/models/quality-review.server";
import { listCaseWorkers } from "~/models/report.server";
import { assertCan, recordNotFound, requirePermission } from "~/server/auth.server";
import type { CurrentUser } from "~/lib/permissions.server";

/**
 * One case of a month's sample: the inspectors' checklist for its reviewer, filled with the portal's suggestions, and
 * once answered the answers. Only the assigned reviewer reaches it; for anyone else in social services it does not
 * exist. Works without JavaScript: the same schema checks the form in the browser and here.
 */
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reviews:case.title");

export const handle: RouteTexts = { i18n: ["reviews", "reports"] };

// A send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction, keepDataOnFailure as shouldRevalidate } from "~/lib/form-failure";

/** The case, if it is the user's to review; otherwise a 404 (logged), as for a case that does not exist. */
async function caseOf(args: LoaderFunctionArgs | ActionFunctionArgs, user: CurrentUser) {
  const caseId = args.params.caseId ?? "";
  const found = await reviewCaseFor(user, caseId);
  if (!found) return recordNotFound(args, user, "review_case", caseId);
  await assertCan(args, user, "review:answer", reviewCaseResource(user, found));
  return found;
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "review:answer");
  const found = await caseOf(args, user);
  await audit({
    action: "read",
    user,
    recordType: "review_case",
    recordId: found.id,
    requestId: args.context.requestId,
    details: { reportId: found.reportId },
  });
  return {
    review: {
      id: found.id,
      position: found.position,
      month: found.month,
      reportId: found.reportId,
      reference: found.reference,
      decision: found.decision,
      receivedAt: found.receivedAt,
      decidedAt: found.decidedAt,
      completedAt: found.completedAt,
      answers: found.answers,
      suggestions: found.suggestions,
    },
    owners: found.completedAt ? [] : await listCaseWorkers(user.municipalityId),
    today: stockholmDate(new Date()),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "review:answer");
  const found = await caseOf(args, user);
  const submission = parseWithZod(await readForm(args.request), {
    schema: reviewAnswerSchema(stockholmDate(new Date())),
  });
  if (submission.status !== "success") return { result: submission.reply() };
  const answered = await answerReviewCase(user, found.id, submission.value);
  if (answered.ok) {
    const notice = answered.deviations ? "reviewCompletedWithDeviations" : "reviewCompleted";
    return redirect(`/reviews?month=${found.month}&notice=${notice}`);
  }
  if (answered.error === "unknownOwner") {
    const fieldErrors = { [`${answered.item}.ownerId`]: ["reviews:errors.unknownOwner"] };
    return { result: submission.reply({ fieldErrors }) };
  }
  // Answered in between (the same form sent twice): the page shows the answers that stand.
  if (answered.error === "alreadyCompleted") return redirect(`/reviews/${found.id}`);
  return recordNotFound(args, user, "review_case", found.id);
}

export default function ReviewCase() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return <ReviewChecklist data={data} lastResult={actionData?.result} />;
}
