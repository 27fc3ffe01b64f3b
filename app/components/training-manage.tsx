import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { loader } from "~/routes/trainings.manage.$trainingId";

/** What the coordinator's training page's loader gives its parts. */
export type ManagedTrainingData = SerializeFrom<typeof loader>;

/** For a training in a series: whether a change is for this occasion or every one from it on. */
function ScopeChoice({ inSeries, legend }: { inSeries: boolean; legend: string }) {
  const { t } = useTranslation("trainings");
  return inSeries ? (
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
}

/** Publishing a draft and cancelling the training (or, in a series, the rest of it). */
export function TrainingStatusSection({
  training,
  busy,
}: {
  training: Pick<ManagedTrainingData["training"], "status" | "inSeries">;
  busy: boolean;
}) {
  const { t } = useTranslation("trainings");
  return (
    <section aria-labelledby="status-heading" className="card">
      <h2 id="status-heading">{t("manage.statusHeading")}</h2>
      {training.status === "draft" ? (
        <Form method="post" className="stack">
          <ScopeChoice inSeries={training.inSeries} legend={t("manage.publishScope")} />
          <button type="submit" name="intent" value="publish" className="button" disabled={busy}>
            {t("manage.publish")}
          </button>
        </Form>
      ) : null}
      <Form method="post" className="stack">
        <ScopeChoice inSeries={training.inSeries} legend={t("manage.cancelScope")} />
        <p className="field__hint">{t("manage.cancelHint")}</p>
        <button type="submit" name="intent" value="cancel" className="button button--danger" disabled={busy}>
          {t("manage.cancel")}
        </button>
      </Form>
    </section>
  );
}

/** Who registered, with their attendance (recorded once the training has started), and the waiting list in order. */
export function TrainingRegistrations({
  registrations,
  started,
  busy,
}: Pick<ManagedTrainingData, "registrations"> & { started: boolean; busy: boolean }) {
  const { t } = useTranslation("trainings");
  const registered = registrations.filter((r) => r.status === "registered");
  const waiting = registrations.filter((r) => r.status === "waitlisted");
  return (
    <section aria-labelledby="registrations-heading" className="card">
      <h2 id="registrations-heading">{t("manage.registrationsHeading", { count: registered.length })}</h2>
      {registered.length ? (
        <Form method="post" className="stack">
          <fieldset className="field">
            <legend>{t("manage.attendance")}</legend>
            {registered.map((r) => (
              <label key={r.id} className="choice">
                <input type="checkbox" name="attended" value={r.userId} defaultChecked={r.attended === true} /> {r.name}
                {r.attended === false ? <span className="muted"> · {t("manage.noShow")}</span> : null}
              </label>
            ))}
          </fieldset>
          <p className="button-row">
            <button type="submit" name="intent" value="attendance" className="button" disabled={busy || !started}>
              {t("manage.saveAttendance")}
            </button>
            <button
              type="submit"
              name="intent"
              value="allCame"
              className="button button--secondary"
              disabled={busy || !started}
            >
              {t("manage.allCame")}
            </button>
          </p>
          {!started ? <p className="muted">{t("manage.attendanceLater")}</p> : null}
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
  );
}
