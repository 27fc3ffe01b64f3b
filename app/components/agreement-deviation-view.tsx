import type { SerializeFrom } from "@remix-run/node";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination";
import { TEXT_LIMITS } from "~/domain/text-limits";
import { formatDateTime } from "~/lib/i18n";
import { useAppLocale } from "~/lib/use-locale";
import type { loader as detailLoader } from "~/routes/deviations.$deviationId";
import type { loader as listLoader } from "~/routes/deviations._index";

/** The deviations a user follows (app/routes/deviations._index.tsx). */
export function AgreementDeviationList({ data }: { data: SerializeFrom<typeof listLoader> }) {
  const { t } = useTranslation("deviations");
  const locale = useAppLocale();
  const all = data.handles;
  return (
    <div className="stack">
      <h1>{t("list.title")}</h1>
      <p>{t(all ? "list.introHandler" : "list.intro")}</p>
      <p>
        <Link to="/deviations/new" className="button">
          {t("list.new")}
        </Link>
      </p>
      <section aria-labelledby="deviations-heading" className="stack">
        <h2 id="deviations-heading">{t(all ? "list.headingAll" : "list.headingMine")}</h2>
        {data.deviations.length ? (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("list.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("list.filed")}</th>
                  <th scope="col">{t("list.kind")}</th>
                  <th scope="col">{t("list.unit")}</th>
                  <th scope="col">{t("list.report")}</th>
                  {all ? <th scope="col">{t("list.filer")}</th> : null}
                  <th scope="col">{t("list.status")}</th>
                </tr>
              </thead>
              <tbody>
                {data.deviations.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">
                      <Link to={`/deviations/${d.id}`}>{formatDateTime(d.filedAt, locale)}</Link>
                    </th>
                    <td>{t(`kinds.${d.kind}`)}</td>
                    <td>{d.unitName}</td>
                    <td>{d.report ? <Link to={`/reports/${d.report.id}`}>{d.report.reference}</Link> : "–"}</td>
                    {all ? <td>{d.filerName}</td> : null}
                    <td>
                      <span className="tag">{t(`statuses.${d.status}`)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t(all ? "list.noneAll" : "list.none")}</p>
        )}
        <Pagination page={data.page} pageCount={data.pageCount} keep={{}} />
      </section>
    </div>
  );
}

type Detail = SerializeFrom<typeof detailLoader>;

/** One deviation: what the user may see of it, its steps, and for a coordinator the next step's form. */
export function AgreementDeviationDetail({
  data,
  refused,
}: {
  data: Detail;
  /** A refused step: the error (a translation key) on a field, and what was typed. */
  refused: { field: "step" | "note" | "form"; error: string; step: string; note: string } | null;
}) {
  const { t } = useTranslation("deviations");
  const locale = useAppLocale();
  const d = data.deviation;
  return (
    <div className="stack">
      <p>
        <Link to="/deviations">{t("list.back")}</Link>
      </p>
      <div className="page-heading">
        <h1>{t("detail.heading", { kind: t(`kinds.${d.kind}`) })}</h1>
        <span className="tag">{t(`statuses.${d.status}`)}</span>
      </div>
      <dl className="facts">
        <dt>{t("detail.filed")}</dt>
        <dd>{formatDateTime(d.filedAt, locale)}</dd>
        {d.filerName ? (
          <>
            <dt>{t("detail.filer")}</dt>
            <dd>{d.filerName}</dd>
          </>
        ) : null}
        <dt>{t("detail.unit")}</dt>
        <dd>{d.unitName}</dd>
        {d.report ? (
          <>
            <dt>{t("detail.report")}</dt>
            <dd>
              <Link to={`/reports/${d.report.id}`}>{d.report.reference}</Link>
            </dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="description-heading" className="card">
        <h2 id="description-heading">{t("detail.description")}</h2>
        <p className="preserve-lines">{d.description}</p>
      </section>
      {d.mine && !data.handles ? <p className="field__hint">{t("detail.forFiler")}</p> : null}
      <section aria-labelledby="steps-heading" className="stack">
        <h2 id="steps-heading">{t("detail.stepsHeading")}</h2>
        {d.steps.length ? (
          <ol className="plain-list entries">
            {d.steps.map((s) => (
              <li key={s.step} className="card">
                <p>
                  <strong>{t(`stepsTaken.${s.step}`)}</strong> · {formatDateTime(s.at, locale)}
                  {s.actorName ? ` · ${t("detail.stepBy", { name: s.actorName })}` : null}
                </p>
                {s.note ? <p className="preserve-lines">{s.note}</p> : null}
              </li>
            ))}
          </ol>
        ) : (
          <p>{t("detail.noSteps")}</p>
        )}
      </section>
      {refused?.field === "form" ? (
        // Said whether or not a step is still open: a step refused because the deviation moved on (or closed) meanwhile.
        <p role="alert" className="alert alert--error">
          {t(refused.error)}
        </p>
      ) : null}
      {data.handles ? (
        data.nextSteps.length ? (
          <StepForm nextSteps={data.nextSteps} refused={refused} />
        ) : (
          <p>{t("detail.closed")}</p>
        )
      ) : null}
    </div>
  );
}

/** The coordinator's next step: a plain form (one message per field), posted to the page's own address. */
function StepForm({
  nextSteps,
  refused,
}: {
  nextSteps: Detail["nextSteps"];
  refused: { field: "step" | "note" | "form"; error: string; step: string; note: string } | null;
}) {
  const { t } = useTranslation("deviations");
  const busy = useNavigation().state === "submitting";
  const chosen = refused?.step && (nextSteps as string[]).includes(refused.step) ? refused.step : nextSteps[0];
  const error = (field: "step" | "note" | "form") => (refused?.field === field ? refused.error : null);
  return (
    <section aria-labelledby="step-heading" className="card">
      <h2 id="step-heading">{t("detail.stepHeading")}</h2>
      <Form method="post" className="stack">
        <fieldset
          className="field radio-field"
          aria-describedby={error("step") ? "step-hint step-error" : "step-hint"}
          aria-invalid={error("step") ? true : undefined}
        >
          <legend>{t("detail.step")}</legend>
          <p id="step-hint" className="field__hint">
            {t("detail.stepHint")}
          </p>
          {nextSteps.map((s) => (
            <label key={s} className="choice">
              <input type="radio" name="step" value={s} defaultChecked={s === chosen} required />
              {t(`steps.${s}`)}
            </label>
          ))}
          {error("step") ? (
            <p id="step-error" className="error-list">
              {t(error("step") ?? "")}
            </p>
          ) : null}
        </fieldset>
        <div className="field">
          <label htmlFor="step-note">{t("detail.note")}</label>
          <p id="step-note-hint" className="field__hint">
            {t("detail.noteHint")}
          </p>
          <textarea
            id="step-note"
            name="note"
            rows={4}
            required
            maxLength={TEXT_LIMITS.deviationNote}
            defaultValue={refused?.note ?? ""}
            aria-describedby={error("note") ? "step-note-hint step-note-error" : "step-note-hint"}
            aria-invalid={error("note") ? true : undefined}
          />
          {error("note") ? (
            <p id="step-note-error" className="error-list">
              {t(error("note") ?? "")}
            </p>
          ) : null}
        </div>
        <p>
          <button type="submit" name="intent" value="step" className="button" disabled={busy}>
            {t("detail.submit")}
          </button>
        </p>
      </Form>
    </section>
  );
}
