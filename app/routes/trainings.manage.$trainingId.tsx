import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TrainingForm } from "~/components/training-form";
import { TrainingRegistrations, TrainingStatusSection } from "~/components/training-manage";
import { audit } from "~/lib/audit.server";
import { recordNotFound, requirePermission } from "~/server/auth.server";
import { formatDateTime, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { isUuid } from "~/domain/ids";
import { trainingSchema } from "~/domain/training-schema";
import {
  cancelTraining,
  formValuesOf,
  getTraining,
  publishTraining,
  recordAttendance,
  registrationsOf,
  trainingInputFrom,
  updateTraining,
} from "~/models/training.server";
import { readForm } from "~/lib/form-data.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "trainings:manage.editTitle");

export const handle: RouteTexts = { i18n: ["trainings"] };

async function load(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const user = await requirePermission(args, "training:manage");
  const id = args.params.trainingId ?? "";
  const training = isUuid(id) ? await getTraining(user.municipalityId, id) : null;
  if (!training) return recordNotFound(args, user, "training", id);
  return { user, training };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, training } = await load(args);
  const registrations = await registrationsOf(user, training.id);
  await audit({
    action: "read",
    user,
    recordType: "training",
    recordId: training.id,
    requestId: args.context.requestId,
    details: { registrations: registrations.length },
  });
  return {
    training: {
      id: training.id,
      title: training.title,
      status: training.status,
      startsAt: training.startsAt.toISOString(),
      started: training.startsAt <= new Date(),
      inSeries: !!training.seriesId,
      audienceRoles: training.audienceRoles,
      audienceUnitKinds: training.audienceUnitKinds,
    },
    defaults: formValuesOf(training),
    registrations,
  };
}

const scopeOf = (formData: FormData) => (formData.get("scope") === "series" ? "series" : "one");

export async function action(args: ActionFunctionArgs) {
  const { user, training } = await load(args);
  const formData = await readForm(args.request);
  const intent = String(formData.get("intent") ?? "");
  const done = (notice: string) => redirect(`/trainings/manage/${training.id}?notice=${notice}`);
  if (intent === "edit") {
    const submission = parseWithZod(formData, { schema: trainingSchema });
    if (submission.status !== "success") return { result: submission.reply() };
    if (training.status === "cancelled")
      return { result: submission.reply({ formErrors: ["trainings:errors.cancelled"] }) };
    await updateTraining(user, training, trainingInputFrom(submission.value), submission.value.scope);
    return done("trainingSaved");
  }
  if (intent === "publish") {
    await publishTraining(user, training, scopeOf(formData));
    return done("trainingPublished");
  }
  if (intent === "cancel") {
    await cancelTraining(user, training, scopeOf(formData));
    return done("trainingCancelled");
  }
  if (intent === "attendance" || intent === "allCame") {
    await recordAttendance(
      user,
      training,
      intent === "allCame" ? "all" : formData.getAll("attended").map(String).filter(isUuid),
    );
    return done("attendanceSaved");
  }
  throw new Response(null, { status: 400 });
}

export default function EditTraining() {
  const { t, i18n } = useTranslation("trainings");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const { training } = data;
  return (
    <>
      <p>
        <Link to="/trainings/manage">{t("manage.back")}</Link>
      </p>
      <h1>{training.title}</h1>
      <p className="muted">
        {formatDateTime(training.startsAt, locale)} · {t(`statuses.${training.status}`)}
        {training.inSeries ? ` · ${t("manage.inSeries")}` : ""}
      </p>
      <p>
        <Link to={`/trainings/${training.id}`}>{t("manage.asStaffSee")}</Link>
      </p>
      {training.status !== "cancelled" ? <TrainingStatusSection training={training} busy={busy} /> : null}
      <TrainingRegistrations registrations={data.registrations} started={training.started} busy={busy} />
      {training.status !== "cancelled" ? (
        <section aria-labelledby="edit-heading" className="card">
          <h2 id="edit-heading">{t("manage.editHeading")}</h2>
          <TrainingForm
            id="edit-training"
            mode="edit"
            inSeries={training.inSeries}
            defaults={data.defaults}
            chosen={{ audienceRoles: training.audienceRoles, audienceUnitKinds: training.audienceUnitKinds }}
            lastResult={actionData?.result}
          />
        </section>
      ) : null}
    </>
  );
}
