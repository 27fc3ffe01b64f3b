import { randomUUID } from "node:crypto";
import { parseWithZod } from "@conform-to/zod";
import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AgreementDeviationForm } from "~/components/agreement-deviation-form";
import { fileDeviationSchema } from "~/domain/agreement-deviation-schema";
import { param, readQuery } from "~/domain/query";
import { audit } from "~/lib/audit.server";
import { readForm } from "~/lib/form-data.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import type { CurrentUser } from "~/lib/permissions.server";
import { useSubmissionKey } from "~/lib/use-submission-key";
import { deviationUnitFor, fileAgreementDeviation } from "~/models/agreement-deviation.server";
import { readReport } from "~/models/report.server";
import { getUnit } from "~/models/unit.server";
import { recordNotFound, requirePermission } from "~/server/auth.server";
import reportStyles from "~/styles/reports.css";

/**
 * Filing a deviation from the agreement, in general or (`?report=<id>`, the report page's link) on a report. The
 * report is read with readReport, whose where is the visibility rule: one the user may not read is a 404 here as on
 * its own page, before the form is looked at, and nothing is stored.
 */
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "deviations:form.title");

export const handle: RouteTexts = { i18n: ["deviations"] };

// A send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction, keepDataOnFailure as shouldRevalidate } from "~/lib/form-failure";

type Args = LoaderFunctionArgs | ActionFunctionArgs;

/**
 * The report named, if the user may read it, its read audited (the form's page and the filing each read it); a 404
 * (logged) otherwise. None named: null.
 */
async function reportOf(args: Args, user: CurrentUser, reportId: string | null) {
  if (reportId === null) return null;
  const report = await readReport(user, reportId);
  if (!report) return recordNotFound(args, user, "report", reportId);
  await audit({
    action: "read",
    user,
    recordType: "report",
    recordId: report.id,
    recordUnitId: report.unitId,
    requestId: args.context.requestId,
    details: { view: "deviation" },
  });
  return report;
}

/** The user's units, each once. */
const unitsOf = (user: CurrentUser) => [
  ...new Map(user.memberships.map((m) => [m.unitId, { id: m.unitId, name: m.unitName }])).values(),
];

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "deviation:file");
  const { report: reportId } = readQuery(args.request, { report: param.uuid() });
  const report = await reportOf(args, user, reportId);
  const units = unitsOf(user);
  return {
    // The reference and the unit only: the form says which report, nothing of what it says.
    report: report
      ? {
          id: report.id,
          reference: report.reference,
          unitName: report.unitId
            ? ((await getUnit({ municipalityId: user.municipalityId, unitId: report.unitId }))?.name ?? null)
            : null,
        }
      : null,
    units,
    submissionKey: randomUUID(),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "deviation:file");
  const formData = await readForm(args.request);
  const named = String(formData.get("reportId") ?? "").trim();
  const report = await reportOf(args, user, named === "" ? null : named);
  const submission = parseWithZod(formData, { schema: fileDeviationSchema });
  // Without its key the form is no page of ours.
  if (submission.status !== "success" && submission.error?.submissionKey) throw new Response(null, { status: 400 });
  if (submission.status !== "success") return { result: submission.reply() };
  const v = submission.value;
  const unitId = deviationUnitFor(user, report, v.unitId);
  if (!unitId) return { result: submission.reply({ fieldErrors: { unitId: ["deviations:errors.unitRequired"] } }) };
  const filed = await fileAgreementDeviation(user, {
    kind: v.kind,
    description: v.description,
    report,
    unitId,
    submissionKey: v.submissionKey,
  });
  if (!filed) throw new Response(null, { status: 400 });
  // A resent form: the deviation its first send filed.
  return redirect(`/deviations/${filed.id}?notice=filed`);
}

export default function NewDeviation() {
  const { t } = useTranslation("deviations");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submissionKey = useSubmissionKey(data.submissionKey);
  return (
    <div className="stack">
      <p>
        <Link to="/deviations">{t("list.back")}</Link>
      </p>
      <h1>{t("form.title")}</h1>
      <p>{t("form.intro")}</p>
      <AgreementDeviationForm
        key={submissionKey}
        report={data.report}
        units={data.units}
        lastResult={actionData && "result" in actionData ? actionData.result : undefined}
        submissionKey={submissionKey}
      />
    </div>
  );
}
