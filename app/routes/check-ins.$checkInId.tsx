import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CheckInDetail } from "~/components/check-in-view";
import { PageNotice } from "~/components/status-message";
import { recordCheckInSchema } from "~/domain/check-in-schema";
import { stockholmDate } from "~/domain/deadlines";
import { audit } from "~/lib/audit.server";
import { readForm } from "~/lib/form-data.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import type { CurrentUser } from "~/lib/permissions.server";
import { checkInFor, recordCheckIn } from "~/models/check-in.server";
import { recordNotFound, requirePermission } from "~/server/auth.server";

/**
 * One check-in with a unit: a coordinator records it held (the day, who came, the actions agreed) or cancels it.
 * Once recorded it stays as it is; another municipality's check-in does not exist here.
 */
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "checkIns:detail.title");

export const handle: RouteTexts = { i18n: ["checkIns"] };

// A send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction, keepDataOnFailure as shouldRevalidate } from "~/lib/form-failure";

async function checkInOf(args: LoaderFunctionArgs | ActionFunctionArgs, user: CurrentUser) {
  const checkInId = args.params.checkInId ?? "";
  const found = await checkInFor(user, checkInId);
  if (!found) return recordNotFound(args, user, "check_in", checkInId);
  return found;
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "checkIn:manage");
  const found = await checkInOf(args, user);
  await audit({
    action: "read",
    user,
    recordType: "check_in",
    recordId: found.id,
    recordUnitId: found.unitId,
    requestId: args.context.requestId,
  });
  return {
    checkIn: { ...found, recordedAt: found.recordedAt?.toISOString() ?? null },
    today: stockholmDate(new Date()),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "checkIn:manage");
  const found = await checkInOf(args, user);
  const submission = parseWithZod(await readForm(args.request), { schema: recordCheckInSchema });
  // Another intent: no page of ours sends that.
  if (submission.status !== "success" && submission.error?.intent) throw new Response(null, { status: 400 });
  if (submission.status !== "success") return { result: submission.reply() };
  const v = submission.value;
  if (v.intent === "held" && v.heldOn > stockholmDate(new Date()))
    return { result: submission.reply({ fieldErrors: { heldOn: ["checkIns:errors.heldInFuture"] } }) };
  const outcome = v.intent === "held" ? { status: "held" as const, ...v } : { status: "cancelled" as const };
  const done = await recordCheckIn(user, found.id, outcome);
  if (!done.ok) return { result: submission.reply({ formErrors: [`checkIns:errors.${done.error}`] }) };
  return redirect(`/check-ins/${found.id}?notice=${outcome.status}`);
}

export default function CheckIn() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <>
      <PageNotice namespace="checkIns" notice={params.get("notice")} />
      <CheckInDetail data={data} lastResult={actionData?.result} />
    </>
  );
}
