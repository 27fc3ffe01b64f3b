import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ReviewMonth } from "~/components/review-month";
import { addCalendarDays, nextMonth, stockholmDate } from "~/domain/deadlines";
import { param, readQuery } from "~/domain/query";
import { reviewMonthActions, type ReviewMonthIntent } from "~/domain/review-schema";
import { audit } from "~/lib/audit.server";
import { readForm } from "~/lib/form-data.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import {
  closeDeviation,
  deviationFor,
  deviationResource,
  drawReviewSample,
  reviewMonthFor,
  saveReviewSampleSize,
} from "~/models/quality-review.server";
import { assertCan, recordNotFound, requirePermission } from "~/server/auth.server";

/**
 * The internal quality review, one month at a time (`?month=YYYY-MM`, by default the month before this one): the
 * sample and how far its review has come, the findings per question, the open deviations; coordinators and reception
 * leads draw the sample and set its size. What each role sees is chosen in reviewMonthFor.
 */
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reviews:month.title");

export const handle: RouteTexts = { i18n: ["reviews"] };

/** The month the address asks for, or the last one that is over. */
function monthOf(request: Request, now: Date) {
  const { month } = readQuery(request, { month: param.month() });
  return month ?? addCalendarDays(`${stockholmDate(now).slice(0, 7)}-01`, -1).slice(0, 7);
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "review:read");
  const now = new Date();
  const month = monthOf(args.request, now);
  const view = await reviewMonthFor(user, month, now);
  await audit({
    action: "list",
    user,
    recordType: "review_sample",
    requestId: args.context.requestId,
    details: { month, cases: view.cases.length, deviations: view.deviations.length },
  });
  return {
    ...view,
    previous: addCalendarDays(`${month}-01`, -1).slice(0, 7),
    next: nextMonth(month),
    /** The first day the month's sample can be drawn. */
    drawableOn: `${nextMonth(month)}-01`,
    today: stockholmDate(now),
  };
}

type ActionData = { intent: ReviewMonthIntent; deviationId?: string; error: string; note?: string };

export async function action(args: ActionFunctionArgs): Promise<ActionData | Response> {
  const user = await requirePermission(args, "review:read");
  const submission = parseWithZod(await readForm(args.request), { schema: reviewMonthActions });
  // Another intent: no page of ours sends that.
  if (submission.status !== "success" && submission.error?.intent) throw new Response(null, { status: 400 });
  const payload = submission.payload;
  const intent = payload.intent as ReviewMonthIntent;
  const errors = submission.status === "success" ? null : submission.error;
  // Back to the month the form was sent from (the form posts to the page's own address).
  const back = (notice: string) => redirect(`/reviews?month=${monthOf(args.request, new Date())}&notice=${notice}`);
  if (intent === "close") {
    await assertCan(args, user, "review:closeDeviation");
    const deviationId = typeof payload.deviationId === "string" ? payload.deviationId : "";
    const deviation = await deviationFor(user, deviationId);
    if (!deviation) return recordNotFound(args, user, "deviation", deviationId);
    await assertCan(args, user, "review:closeDeviation", deviationResource(user, deviation));
    if (submission.status !== "success" || submission.value.intent !== "close") {
      const note = typeof payload.note === "string" ? payload.note : "";
      return { intent, deviationId, error: firstError(errors), note };
    }
    await closeDeviation(user, deviation.id, submission.value.note);
    // Closed already (the same form sent twice): it is, as the page will show.
    return back("deviationClosed");
  }
  await assertCan(args, user, "review:draw");
  if (submission.status !== "success" || submission.value.intent === "close")
    return { intent, error: firstError(errors) };
  const v = submission.value;
  if (v.intent === "size") {
    await saveReviewSampleSize(user, v.size);
    return back("reviewSizeSaved");
  }
  const drawn = await drawReviewSample(user, v.month);
  if (!drawn.ok) return { intent, error: `reviews:errors.${drawn.error}` };
  // A second draw (a resent form, another coordinator) found the first: the page shows that one.
  return redirect(`/reviews?month=${v.month}&notice=reviewSampleDrawn`);
}

const firstError = (errors: Record<string, string[] | null> | null | undefined) =>
  Object.values(errors ?? {}).flatMap((e) => e ?? [])[0] ?? "reviews:errors.monthInvalid";

export default function Reviews() {
  return <ReviewMonth data={useLoaderData<typeof loader>()} />;
}
