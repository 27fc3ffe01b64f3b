import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { SerializeFrom } from "@remix-run/node";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, FormErrors, SelectField, TextareaField, useValidatedForm } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { checkInReasons } from "~/domain/check-in";
import { planCheckInSchema, recordCheckInSchema } from "~/domain/check-in-schema";
import { formatDate, formatDateTime } from "~/lib/i18n";
import { useAppLocale } from "~/lib/use-locale";
import type { loader as detailLoader } from "~/routes/check-ins.$checkInId";
import type { loader as listLoader } from "~/routes/check-ins._index";

type ListData = SerializeFrom<typeof listLoader>;
/** What the list page hands down, to the list and on to its plan form alike. */
type ListProps = { data: ListData; submissionKey: string; lastResult?: SubmissionResult<string[]> };

/** The municipality's check-ins, planned first and then held, and the form that plans one. */
export function CheckInList({ data, submissionKey, lastResult }: ListProps) {
  const { t } = useTranslation("checkIns");
  const locale = useAppLocale();
  return (
    <div className="stack">
      <h1>{t("list.title")}</h1>
      <p>{t("list.intro")}</p>
      <PlanForm key={submissionKey} data={data} submissionKey={submissionKey} lastResult={lastResult} />
      <section aria-labelledby="check-ins-heading" className="stack">
        <h2 id="check-ins-heading">{t("list.heading")}</h2>
        {data.checkIns.length ? (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("list.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("list.unit")}</th>
                  <th scope="col">{t("list.reason")}</th>
                  <th scope="col">{t("list.plannedFor")}</th>
                  <th scope="col">{t("list.heldOn")}</th>
                  <th scope="col">{t("list.status")}</th>
                </tr>
              </thead>
              <tbody>
                {data.checkIns.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`/check-ins/${c.id}`}>{c.unitName}</Link>
                    </th>
                    <td>{t(`reasons.${c.reason}`)}</td>
                    <td>{formatDate(c.plannedFor, locale)}</td>
                    <td>{c.heldOn ? formatDate(c.heldOn, locale) : "–"}</td>
                    <td>
                      <span className="tag">{t(`statuses.${c.status}`)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("list.none")}</p>
        )}
        <Pagination page={data.page} pageCount={data.pageCount} keep={{}} />
      </section>
    </div>
  );
}

/** Planning a check-in: the unit and reason filled in when reached from the radar. Works without JavaScript. */
function PlanForm({ data, submissionKey, lastResult }: ListProps) {
  const { t } = useTranslation("checkIns");
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useValidatedForm({
    id: `plan-check-in-${submissionKey}`,
    lastResult,
    defaultValue: { unitId: data.prefill.unitId, reason: data.prefill.reason },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(planCheckInSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: planCheckInSchema }),
  });
  return (
    <section aria-labelledby="plan-heading" className="card">
      <h2 id="plan-heading">{t("plan.heading")}</h2>
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField
          label={t("plan.unit")}
          field={fields.unitId}
          placeholder={t("plan.chooseUnit")}
          options={data.units.map((u) => ({ value: u.id, label: u.name }))}
        />
        <SelectField
          label={t("plan.reason")}
          hint={t("plan.reasonHint")}
          field={fields.reason}
          placeholder={t("plan.chooseReason")}
          options={checkInReasons.map((r) => ({ value: r, label: t(`reasons.${r}`) }))}
        />
        <Field label={t("plan.plannedFor")} field={fields.plannedFor} type="date" />
        <p>
          <button type="submit" className="button" disabled={busy}>
            {t("plan.submit")}
          </button>
        </p>
      </Form>
    </section>
  );
}

type Detail = SerializeFrom<typeof detailLoader>;

/** One check-in: what was planned and, once recorded, what came of it; while planned, the forms that record it. */
export function CheckInDetail({ data, lastResult }: { data: Detail; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation("checkIns");
  const locale = useAppLocale();
  const c = data.checkIn;
  return (
    <div className="stack">
      <p>
        <Link to="/check-ins">{t("list.back")}</Link>
      </p>
      <div className="page-heading">
        <h1>{t("detail.heading", { unit: c.unitName })}</h1>
        <span className="tag">{t(`statuses.${c.status}`)}</span>
      </div>
      <dl className="facts">
        <dt>{t("detail.reason")}</dt>
        <dd>{t(`reasons.${c.reason}`)}</dd>
        <dt>{t("detail.plannedFor")}</dt>
        <dd>{formatDate(c.plannedFor, locale)}</dd>
        <dt>{t("detail.plannedBy")}</dt>
        <dd>{c.plannerName}</dd>
        {c.heldOn ? (
          <>
            <dt>{t("detail.heldOn")}</dt>
            <dd>{formatDate(c.heldOn, locale)}</dd>
          </>
        ) : null}
        {c.recordedAt ? (
          <>
            <dt>{t("detail.recordedAt")}</dt>
            <dd>{formatDateTime(c.recordedAt, locale)}</dd>
          </>
        ) : null}
      </dl>
      {c.status === "held" ? (
        <>
          <section aria-labelledby="attendees-heading" className="card">
            <h2 id="attendees-heading">{t("detail.attendees")}</h2>
            <p className="preserve-lines">{c.attendees}</p>
          </section>
          <section aria-labelledby="actions-heading" className="card">
            <h2 id="actions-heading">{t("detail.agreedActions")}</h2>
            <p className="preserve-lines">{c.agreedActions}</p>
          </section>
        </>
      ) : null}
      {c.status === "planned" ? <RecordForms today={data.today} lastResult={lastResult} /> : null}
      {c.status !== "planned" && lastResult ? (
        // A form sent after someone else recorded it meanwhile.
        <FormErrors id="check-in-errors" errors={lastResult.error?.[""] ?? undefined} />
      ) : null}
    </div>
  );
}

/** Recording the check-in held, or cancelling it: two plain forms posted to the page's own address. */
function RecordForms({ today, lastResult }: { today: string; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation("checkIns");
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useValidatedForm({
    id: "record-check-in",
    lastResult,
    defaultValue: { heldOn: today },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: recordCheckInSchema }),
  });
  // The cancel form is a plain one: its refusal (the box not ticked) is shown beside it.
  const cancelError = lastResult?.initialValue?.intent === "cancel" ? (lastResult.error?.confirm ?? null) : null;
  return (
    <>
      <section aria-labelledby="held-heading" className="card">
        <h2 id="held-heading">{t("detail.heldHeading")}</h2>
        <Form method="post" {...getFormProps(form)} className="stack">
          <input type="hidden" name="intent" value="held" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field label={t("detail.heldOn")} field={fields.heldOn} type="date" />
          <TextareaField
            label={t("detail.attendees")}
            hint={t("detail.attendeesHint")}
            field={fields.attendees}
            rows={3}
          />
          <TextareaField label={t("detail.agreedActions")} field={fields.agreedActions} rows={6} />
          <p>
            <button type="submit" className="button" disabled={busy}>
              {t("detail.submitHeld")}
            </button>
          </p>
        </Form>
      </section>
      <Form method="post" className="stack narrow" aria-labelledby="cancel-heading">
        <h3 id="cancel-heading">{t("detail.cancelHeading")}</h3>
        <input type="hidden" name="intent" value="cancel" />
        <label className="choice">
          <input
            type="checkbox"
            name="confirm"
            value="yes"
            required
            aria-invalid={cancelError ? true : undefined}
            aria-describedby={cancelError ? "cancel-error" : undefined}
          />
          {t("detail.cancelConfirm")}
        </label>
        <ErrorList id="cancel-error" errors={cancelError} />
        <p>
          <button type="submit" className="button button--secondary" disabled={busy}>
            {t("detail.cancel")}
          </button>
        </p>
      </Form>
    </>
  );
}
