import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ArticleBody } from "~/components/guidance";
import { formatDate, formatDateTime, isLocale } from "~/lib/i18n";
import type { loader } from "~/routes/trainings.$trainingId";

/** What the training page's loader gives its parts. */
export type TrainingData = SerializeFrom<typeof loader>;

/** The action's refusal: a translation key, and the staff it could not register (their names) when that was it. */
export type TrainingRefusal = { error: string; names?: string };

/** The training as staff see it: when, where, for whom, the places left, the description and a calendar file. */
export function TrainingFacts({ training: tr, descriptionHtml }: Pick<TrainingData, "training" | "descriptionHtml">) {
  const { t, i18n } = useTranslation("trainings");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  return (
    <>
      {tr.status === "cancelled" ? <p className="alert alert--error">{t("detail.cancelled")}</p> : null}
      <dl className="facts">
        <dt>{t("detail.when")}</dt>
        <dd>
          {formatDateTime(tr.startsAt, locale)} · {t("detail.minutes", { count: tr.durationMinutes })}
        </dd>
        <dt>{t("detail.where")}</dt>
        <dd>{tr.place || "–"}</dd>
        <dt>{t("detail.topic")}</dt>
        <dd>{t(`topics.${tr.topic}`)}</dd>
        <dt>{t("detail.audience")}</dt>
        <dd>
          {tr.audienceRoles.map((r) => t(`common:roles.${r}`)).join(", ")} ·{" "}
          {tr.audienceUnitKinds.map((k) => t(`common:unitKinds.${k}`)).join(", ")}
        </dd>
        <dt>{t("detail.places")}</dt>
        <dd>{tr.free ? t("list.free", { count: tr.free }) : t("list.full")}</dd>
        <dt>{t("detail.deadline")}</dt>
        <dd>{formatDate(tr.lastRegistrationDay, locale)}</dd>
        {tr.organisers ? (
          <>
            <dt>{t("detail.organisers")}</dt>
            <dd>{tr.organisers}</dd>
          </>
        ) : null}
      </dl>
      <ArticleBody html={descriptionHtml} />
      <p>
        <a href={`/trainings/${tr.id}/calendar.ics`} download>
          {t("detail.addToCalendar")}
        </a>
      </p>
    </>
  );
}

/** The user's own registration: register (or join the waiting list) while open, cancel until it starts. */
export function TrainingRegistration({
  training,
  mine,
  open,
  started,
  refusal,
  busy,
}: Pick<TrainingData, "training" | "mine" | "open" | "started"> & { refusal?: TrainingRefusal; busy: boolean }) {
  const { t } = useTranslation("trainings");
  return (
    <section aria-labelledby="registration-heading" className="card">
      <h2 id="registration-heading">{t("detail.registrationHeading")}</h2>
      {mine ? <p>{t(`detail.mine.${mine.status}`)}</p> : null}
      {refusal && !refusal.names ? (
        <p role="alert" className="error-list">
          {t(refusal.error)}
        </p>
      ) : null}
      {mine && !started ? (
        <Form method="post">
          <button
            type="submit"
            name="intent"
            value="cancelRegistration"
            className="button button--secondary"
            disabled={busy}
          >
            {mine.status === "waitlisted" ? t("detail.leaveWaitlist") : t("detail.cancelRegistration")}
          </button>
        </Form>
      ) : null}
      {!mine && open ? (
        <Form method="post">
          <p>{training.free === 0 ? t("detail.fullHint") : null}</p>
          <button type="submit" name="intent" value="register" className="button" disabled={busy}>
            {training.free === 0 ? t("detail.joinWaitlist") : t("detail.register")}
          </button>
        </Form>
      ) : null}
      {!mine && !open ? <p>{t("detail.closed")}</p> : null}
    </section>
  );
}

/** A principal registers staff of their units who are in the training's audience and not registered yet. */
export function StaffRegistration({
  staff,
  refusal,
  busy,
}: Pick<TrainingData, "staff"> & { refusal?: TrainingRefusal; busy: boolean }) {
  const { t } = useTranslation("trainings");
  return (
    <section aria-labelledby="staff-heading" className="card">
      <h2 id="staff-heading">{t("detail.staffHeading")}</h2>
      <Form method="post" className="stack">
        <fieldset className="field checkbox-grid">
          <legend>{t("detail.staffLegend")}</legend>
          {staff.map((s) => (
            <label key={s.id} className="choice">
              <input type="checkbox" name="staffIds" value={s.id} /> {s.name}
            </label>
          ))}
        </fieldset>
        {refusal?.names !== undefined || refusal?.error === "trainings:errors.chooseStaff" ? (
          <p role="alert" className="error-list">
            {t(refusal.error, { names: refusal.names ?? "" })}
          </p>
        ) : null}
        <button type="submit" name="intent" value="registerStaff" className="button" disabled={busy}>
          {t("detail.registerStaff")}
        </button>
      </Form>
    </section>
  );
}
