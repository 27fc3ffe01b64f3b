import { randomUUID } from "node:crypto";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TrainingForm } from "~/components/training-form";
import { requirePermission } from "~/server/auth.server";
import { addCalendarDays, stockholmDate } from "~/domain/deadlines";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { isUuid } from "~/domain/ids";
import { ruleFrom, trainingSchema } from "~/domain/training-schema";
import { createTraining, trainingInputFrom, validRule } from "~/models/training.server";
import { readForm } from "~/lib/form-data.server";
import { useSubmissionKey } from "~/lib/use-submission-key";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "trainings:manage.newTitle");

export const handle: RouteTexts = { i18n: ["trainings"] };

// A send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction, keepDataOnFailure as shouldRevalidate } from "~/lib/form-failure";

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "training:manage");
  const inTwoWeeks = addCalendarDays(stockholmDate(new Date()), 14);
  return {
    defaults: {
      date: inTwoWeeks,
      time: "14:00",
      durationMinutes: "120",
      capacity: "30",
      deadlineDate: addCalendarDays(inTwoWeeks, -3),
      repeat: "none",
    },
    submissionKey: randomUUID(),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "training:manage");
  const formData = await readForm(args.request);
  const submission = parseWithZod(formData, { schema: trainingSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  const input = trainingInputFrom(submission.value);
  if (input.startsAt <= new Date())
    return { result: submission.reply({ fieldErrors: { date: ["trainings:errors.inPast"] } }) };
  const rule = ruleFrom(submission.value);
  if (rule && !validRule(rule, input.startsAt))
    return { result: submission.reply({ fieldErrors: { rule: ["trainings:errors.ruleInvalid"] } }) };
  const submissionKey = String(formData.get("submissionKey") ?? "");
  if (!isUuid(submissionKey)) throw new Response(null, { status: 400 });
  const [first] = await createTraining(user, input, rule ?? undefined, submissionKey);
  return redirect(`/trainings/manage/${first.id}?notice=trainingCreated`);
}

export default function NewTraining() {
  const { t } = useTranslation("trainings");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submissionKey = useSubmissionKey(data.submissionKey);
  return (
    <>
      <p>
        <Link to="/trainings/manage">{t("manage.back")}</Link>
      </p>
      <h1>{t("manage.newTitle")}</h1>
      <p>{t("manage.newIntro")}</p>
      <TrainingForm
        id="new-training"
        mode="create"
        defaults={data.defaults}
        chosen={{ audienceRoles: ["staff", "principal"], audienceUnitKinds: ["preschool", "school"] }}
        lastResult={actionData?.result}
        submissionKey={submissionKey}
      />
    </>
  );
}
