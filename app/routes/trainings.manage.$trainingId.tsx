import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TrainingForm } from "~/components/training-form";
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
  const registered = data.registrations.filter((r) => r.status === "registered");
  const waiting = data.registrations.filter((r) => r.status === "waitlisted");
  // Plain JSX (not a component defined here): a component made in render would remount and lose the choice.
  const scopeChoice = (legend: string) =>
    training.inSeries ? (
      <fieldset className="field">
        <legend>{legend}</legend>
        <label className="choice">
          <input type="radio" name="scope" value="one" defaultChecked /> {t("scope.one")}
        </label>
        <label className="choice">
          <input type="radio" name="scope" value="series" /> {t("scope.series")}
        </label>
      </fieldset>
    ) : null;
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

      {training.status !== "cancelled" ? (
        <section aria-labelledby="status-heading" className="card">
          <h2 id="status-heading">{t("manage.statusHeading")}</h2>
          {training.status === "draft" ? (
            <Form method="post" className="stack">
              {scopeChoice(t("manage.publishScope"))}
              <button type="submit" name="intent" value="publish" className="button" disabled={busy}>
                {t("manage.publish")}
              </button>
            </Form>
          ) : null}
          <Form method="post" className="stack">
            {scopeChoice(t("manage.cancelScope"))}
            <p className="field__hint">{t("manage.cancelHint")}</p>
            <button type="submit" name="intent" value="cancel" className="button button--danger" disabled={busy}>
              {t("manage.cancel")}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="registrations-heading" className="card">
        <h2 id="registrations-heading">{t("manage.registrationsHeading", { count: registered.length })}</h2>
        {registered.length ? (
          <Form method="post" className="stack">
            <fieldset className="field">
              <legend>{t("manage.attendance")}</legend>
              {registered.map((r) => (
                <label key={r.id} className="choice">
                  <input type="checkbox" name="attended" value={r.userId} defaultChecked={r.attended === true} />{" "}
                  {r.name}
                  {r.attended === false ? <span className="muted"> · {t("manage.noShow")}</span> : null}
                </label>
              ))}
            </fieldset>
            <p className="button-row">
              <button
                type="submit"
                name="intent"
                value="attendance"
                className="button"
                disabled={busy || !training.started}
              >
                {t("manage.saveAttendance")}
              </button>
              <button
                type="submit"
                name="intent"
                value="allCame"
                className="button button--secondary"
                disabled={busy || !training.started}
              >
                {t("manage.allCame")}
              </button>
            </p>
            {!training.started ? <p className="muted">{t("manage.attendanceLater")}</p> : null}
          </Form>
        ) : (
          <p>{t("manage.noRegistrations")}</p>
        )}
        {waiting.length ? (
          <>
            <h3>{t("manage.waitlistHeading", { count: waiting.length })}</h3>
            <ol>
              {waiting.map((r) => (
                <li key={r.id}>{r.name}</li>
              ))}
            </ol>
          </>
        ) : null}
      </section>

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
