import { parseWithZod } from "@conform-to/zod";
import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AgreementDeviationDetail } from "~/components/agreement-deviation-view";
import { PageNotice } from "~/components/status-message";
import { stepsFrom } from "~/domain/agreement-deviation";
import { deviationStepSchema } from "~/domain/agreement-deviation-schema";
import { audit } from "~/lib/audit.server";
import { readForm } from "~/lib/form-data.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { can, type Action, type CurrentUser } from "~/lib/permissions.server";
import {
  agreementDeviationFor,
  agreementDeviationResource,
  agreementDeviationView,
  recordDeviationStep,
} from "~/models/agreement-deviation.server";
import { assertCan, recordNotFound, requirePermission } from "~/server/auth.server";
import reportStyles from "~/styles/reports.css";

/**
 * One deviation from the agreement: the filer sees theirs and how far it has come; a coordinator sees any of the
 * municipality's and takes its next step (investigate → measure → follow up → close) with a note. For anyone else it
 * does not exist. What the page shows of each (never a report's content) is decided in agreementDeviationView.
 */
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "deviations:detail.title");

export const handle: RouteTexts = { i18n: ["deviations"] };

// A send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction, keepDataOnFailure as shouldRevalidate } from "~/lib/form-failure";

/** The deviation in the address if the user may `right` it; a 404 (logged) as for one that does not exist. */
async function deviationOf(args: LoaderFunctionArgs | ActionFunctionArgs, user: CurrentUser, right: Action) {
  const deviationId = args.params.deviationId ?? "";
  const found = await agreementDeviationFor(user, deviationId);
  if (!found) return recordNotFound(args, user, "agreement_deviation", deviationId);
  await assertCan(args, user, right, agreementDeviationResource(user, found));
  return found;
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "deviation:read");
  const found = await deviationOf(args, user, "deviation:read");
  const view = await agreementDeviationView(user, found);
  await audit({
    action: "read",
    user,
    recordType: "agreement_deviation",
    recordId: found.id,
    recordUnitId: found.unitId,
    requestId: args.context.requestId,
  });
  const handles = can(user, "deviation:handle");
  return {
    handles,
    nextSteps: handles ? stepsFrom(view.status) : [],
    deviation: {
      ...view,
      filedAt: view.filedAt.toISOString(),
      statusChangedAt: view.statusChangedAt.toISOString(),
      closedAt: view.closedAt?.toISOString() ?? null,
      steps: view.steps.map((s) => ({ ...s, at: s.at.toISOString() })),
    },
  };
}

type Refused = { field: "step" | "note" | "form"; error: string; step: string; note: string };

export async function action(args: ActionFunctionArgs): Promise<{ refused: Refused } | Response> {
  const user = await requirePermission(args, "deviation:handle");
  const found = await deviationOf(args, user, "deviation:handle");
  const submission = parseWithZod(await readForm(args.request), { schema: deviationStepSchema });
  // Another intent: no page of ours sends that.
  if (submission.status !== "success" && submission.error?.intent) throw new Response(null, { status: 400 });
  const typed = (name: string) => {
    const value = submission.payload[name];
    return typeof value === "string" ? value : "";
  };
  const refuse = (field: Refused["field"], error: string) => ({
    refused: { field, error, step: typed("step"), note: typed("note") },
  });
  if (submission.status !== "success") {
    const errors = submission.error ?? {};
    const field = errors.step?.length ? "step" : "note";
    return refuse(field, (errors[field] ?? [])[0] ?? "deviations:errors.noteRequired");
  }
  const { step, note } = submission.value;
  const taken = await recordDeviationStep(user, found.id, step, note);
  if (!taken.ok) return refuse("form", `deviations:errors.${taken.error}`);
  return redirect(`/deviations/${found.id}?notice=${step === "close" ? "closed" : "stepRecorded"}`);
}

export default function Deviation() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <>
      <PageNotice namespace="deviations" notice={params.get("notice")} />
      <AgreementDeviationDetail
        data={data}
        refused={actionData && "refused" in actionData ? actionData.refused : null}
      />
    </>
  );
}
