import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ReporterSurvey } from "~/components/reporter-survey";
import { surveySchema } from "~/domain/reporter-survey";
import { readForm } from "~/lib/form-data.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { answerSurvey, surveyState } from "~/models/reporter-survey.server";
import { loadReport } from "~/server/report-case.server";

/**
 * The reporter survey on a decided report: three questions for the one who reported, answered once and stored apart
 * from the report (app/models/reporter-survey.server.ts). Anyone else who may read the report is told it is not theirs.
 */
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "survey:title");

export const handle: RouteTexts = { i18n: ["survey"] };

// A send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction, keepDataOnFailure as shouldRevalidate } from "~/lib/form-failure";

export async function loader(args: LoaderFunctionArgs) {
  const { user, report } = await loadReport(args);
  return { report: { id: report.id, reference: report.reference }, state: await surveyState(user, report) };
}

export async function action(args: ActionFunctionArgs) {
  const { user, report } = await loadReport(args);
  const submission = parseWithZod(await readForm(args.request), { schema: surveySchema });
  if (submission.status !== "success") return { result: submission.reply() };
  const answered = await answerSurvey(user, report, submission.value);
  // Answered now, or before (a resent form): the page then says it is answered.
  if (answered.ok || answered.error === "answered") return redirect(`/reports/${report.id}/survey`);
  return { result: submission.reply({ formErrors: [`survey:errors.${answered.error}`] }) };
}

export default function SurveyPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return <ReporterSurvey {...data} lastResult={actionData?.result} />;
}
