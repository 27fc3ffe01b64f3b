import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TrainingForm } from "~/components/training-form";
import { audit } from "~/lib/audit.server";
import { requirePermission } from "~/lib/auth.server";
import { addCalendarDays, stockholmDate } from "~/lib/deadlines";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { ruleFrom, trainingSchema } from "~/lib/training-schema";
import { createTraining, trainingInputFrom, validRule } from "~/models/training.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "trainings:manage.newTitle");

export const handle: RouteTexts = { i18n: ["trainings"] };

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "training:manage");
  const inTwoWeeks = addCalendarDays(stockholmDate(new Date()), 14);
  return {
    defaults: { date: inTwoWeeks, time: "14:00", durationMinutes: "120", capacity: "30", deadlineDate: addCalendarDays(inTwoWeeks, -3), repeat: "none" },
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "training:manage");
  const submission = parseWithZod(await args.request.formData(), { schema: trainingSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  const input = trainingInputFrom(submission.value);
  if (input.startsAt <= new Date()) return { result: submission.reply({ fieldErrors: { date: ["trainings:errors.inPast"] } }) };
  const rule = ruleFrom(submission.value);
  if (rule && !validRule(rule, input.startsAt)) return { result: submission.reply({ fieldErrors: { rule: ["trainings:errors.ruleInvalid"] } }) };
  const created = await createTraining(user, input, rule ?? undefined);
  await audit({ action: "create", user, recordType: "training", recordId: created[0].id, requestId: args.context.requestId, details: { occasions: created.length } });
  return redirect(`/trainings/manage/${created[0].id}?notice=trainingCreated`);
}

export default function NewTraining() {
  const { t } = useTranslation("trainings");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
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
      />
    </>
  );
}
