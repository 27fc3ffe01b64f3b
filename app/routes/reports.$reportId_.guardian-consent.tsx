import { randomUUID } from "node:crypto";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GuardianConsentPage } from "~/components/guardian-consent";
import { stockholmDate } from "~/domain/deadlines";
import { guardianAnswerErrors, guardianConsentActions } from "~/domain/feedback-schema";
import { audit } from "~/lib/audit.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { can } from "~/lib/permissions.server";
import {
  confirmGuardianAnswer,
  declineGuardianAnswer,
  guardianAnswersOf,
  recordGuardianAnswer,
} from "~/models/guardian-consent.server";
import { reportResource } from "~/models/report.server";
import { assertCan } from "~/server/auth.server";
import { loadReport, parseStep } from "~/server/report-case.server";

/**
 * The guardians' consent as the school asked for it (issue 21, item 4): staff on the report record the answer here;
 * reception confirms it into the consent register or records why not (app/models/guardian-consent.server.ts).
 */
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "feedback:guardianConsent.title");

export const handle: RouteTexts = { i18n: ["feedback"] };

// A send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction, keepDataOnFailure as shouldRevalidate } from "~/lib/form-failure";

const NOTICES = ["answerRecorded", "answerConfirmed", "answerDeclined"] as const;

/** The report, and which side of the page this user has: reception's, the school's, or none (a 403). */
async function guard(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const { user, report } = await loadReport(args);
  const resource = reportResource(report);
  const reception = can(user, "consent:manage", resource);
  if (!reception) await assertCan(args, user, "guardianAnswer:record", resource);
  return { user, report, view: reception ? ("reception" as const) : ("school" as const) };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, report, view } = await guard(args);
  const answers = await guardianAnswersOf(report);
  const entry = { recordType: "report", recordId: report.id, recordUnitId: report.unitId };
  await audit({
    action: "read",
    user,
    ...entry,
    requestId: args.context.requestId,
    details: { view: "guardianConsent" },
  });
  const notice = new URL(args.request.url).searchParams.get("notice");
  return {
    view,
    report: { id: report.id, reference: report.reference },
    // Each answer's confirm form its own key: one key for two answers would find the first's consent for the second.
    answers: answers.map((a) => ({ ...a, handledAt: a.handledAt?.toISOString() ?? null, confirmKey: randomUUID() })),
    today: stockholmDate(new Date()),
    notice: NOTICES.find((n) => n === notice) ?? null,
    submissionKey: randomUUID(),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { user, report, view } = await guard(args);
  const submission = await parseStep(args, guardianConsentActions);
  const intent = submission.payload.intent as "record" | "confirm" | "decline";
  // The school records; reception confirms or declines. Each the other's form is refused as a right missing.
  const resource = reportResource(report);
  if (intent === "record" && view === "reception") await assertCan(args, user, "guardianAnswer:record", resource);
  if (intent !== "record") await assertCan(args, user, "consent:manage", resource);
  if (submission.status !== "success") return { intent, result: submission.reply() };
  const done = (notice: (typeof NOTICES)[number]) =>
    redirect(`/reports/${report.id}/guardian-consent?notice=${notice}`);
  const refuse = (error: string) => ({ intent, error, result: submission.reply({ formErrors: [error] }) });
  const v = submission.value;

  if (v.intent === "record") {
    const fieldErrors = guardianAnswerErrors(v, stockholmDate(new Date()));
    if (Object.keys(fieldErrors).length) return { intent, result: submission.reply({ fieldErrors }) };
    await recordGuardianAnswer(user, report, v);
    return done("answerRecorded");
  }
  if (v.intent === "confirm") {
    const confirmed = await confirmGuardianAnswer(user, report, v.answerId, v);
    if (confirmed.ok) return done("answerConfirmed");
    const own = ["notFound", "handled", "notYes"].includes(confirmed.error);
    return refuse(own ? `feedback:guardianConsent.errors.${confirmed.error}` : `feedback:errors.${confirmed.error}`);
  }
  const declined = await declineGuardianAnswer(user, report, v.answerId, v.reason);
  return declined.ok ? done("answerDeclined") : refuse(`feedback:guardianConsent.errors.${declined.error}`);
}

export default function GuardianConsent() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return <GuardianConsentPage data={data} reply={actionData} />;
}
