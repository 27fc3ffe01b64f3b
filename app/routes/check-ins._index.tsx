import { randomUUID } from "node:crypto";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CheckInList } from "~/components/check-in-view";
import { PageNotice } from "~/components/status-message";
import { checkInReasons } from "~/domain/check-in";
import { planCheckInSchema } from "~/domain/check-in-schema";
import { stockholmDate } from "~/domain/deadlines";
import { param, readQuery } from "~/domain/query";
import { audit } from "~/lib/audit.server";
import { readForm } from "~/lib/form-data.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { useSubmissionKey } from "~/lib/use-submission-key";
import { listCheckIns, planCheckIn } from "~/models/check-in.server";
import { getUnit, listActiveUnitOptions } from "~/models/unit.server";
import { recordNotFound, requirePermission } from "~/server/auth.server";

/**
 * Check-ins with units (issue 21, item 7): the coordinators' list, planned first and then held, and the form that
 * plans one. The radar on /stats links here with `?unit=<id>&reason=…`, which fills the form in; a unit of another
 * municipality (or none) is a 404, as its page would be.
 */
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "checkIns:list.title");

export const handle: RouteTexts = { i18n: ["checkIns"] };

// A send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction, keepDataOnFailure as shouldRevalidate } from "~/lib/form-failure";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "checkIn:manage");
  const q = readQuery(args.request, {
    unit: param.uuid(),
    reason: param.oneOf(checkInReasons),
    page: param.page(),
  });
  const unit = q.unit ? await getUnit({ municipalityId: user.municipalityId, unitId: q.unit }) : null;
  if (q.unit && !unit) return recordNotFound(args, user, "unit", q.unit);
  const [list, units] = await Promise.all([
    listCheckIns(user, q.page),
    listActiveUnitOptions({ municipalityId: user.municipalityId }),
  ]);
  await audit({
    action: "list",
    user,
    recordType: "check_in",
    requestId: args.context.requestId,
    details: { page: q.page, count: list.checkIns.length },
  });
  return {
    page: q.page,
    pageCount: list.pageCount,
    checkIns: list.checkIns.map((c) => ({ ...c, recordedAt: c.recordedAt?.toISOString() ?? null })),
    // A closed unit named by the radar is still offered: the check-in concerns what it did.
    units: unit && !units.some((u) => u.id === unit.id) ? [...units, { id: unit.id, name: unit.name }] : units,
    prefill: { unitId: unit?.id ?? "", reason: q.reason ?? (unit ? "other" : "") },
    today: stockholmDate(new Date()),
    submissionKey: randomUUID(),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "checkIn:manage");
  const submission = parseWithZod(await readForm(args.request), { schema: planCheckInSchema });
  // Without its key the form is no page of ours.
  if (submission.status !== "success" && submission.error?.submissionKey) throw new Response(null, { status: 400 });
  if (submission.status !== "success") return { result: submission.reply() };
  const v = submission.value;
  const unit = await getUnit({ municipalityId: user.municipalityId, unitId: v.unitId });
  if (!unit) return recordNotFound(args, user, "unit", v.unitId);
  const planned = await planCheckIn(user, v);
  if (!planned) throw new Response(null, { status: 400 });
  // A resent form: the check-in its first send planned.
  return redirect(`/check-ins/${planned.id}?notice=planned`);
}

export default function CheckIns() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const submissionKey = useSubmissionKey(data.submissionKey);
  return (
    <>
      <PageNotice namespace="checkIns" notice={params.get("notice")} />
      <CheckInList data={data} submissionKey={submissionKey} lastResult={actionData?.result} />
    </>
  );
}
