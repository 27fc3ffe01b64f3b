import { getFormProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { SerializeFrom } from "@remix-run/node";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, FormErrors, TextareaField, useValidatedForm } from "~/components/forms";
import { StatusMessage } from "~/components/status-message";
import { addCalendarDays } from "~/domain/deadlines";
import { guardianAnswerSchema } from "~/domain/feedback-schema";
import { consentForms, consentGivers, consentInfoKinds, guardianAnswers } from "~/domain/vocabulary";
import { formatDate, isLocale } from "~/lib/i18n";
import type { loader } from "~/routes/reports.$reportId_.guardian-consent";

type Data = SerializeFrom<typeof loader>;
type Answer = Data["answers"][number];
type Reply = { intent: string; error?: string; result: SubmissionResult<string[]> } | undefined;

/**
 * The guardians' consent as the school asked for it: the answers recorded so far and, for the school, the form that
 * records one; for reception, on each answer still pending, confirming it into the register or saying why not.
 */
export function GuardianConsentPage({ data, reply }: { data: Data; reply: Reply }) {
  const { t } = useTranslation("feedback");
  const { report, view, answers, notice } = data;
  return (
    <div className="stack">
      <p>
        <Link to={`/reports/${report.id}`}>{t("guardianConsent.back", { reference: report.reference })}</Link>
      </p>
      <h1>{t("guardianConsent.heading", { reference: report.reference })}</h1>
      <StatusMessage message={notice ? t(`guardianConsent.notices.${notice}`) : null} />
      <p>{t(view === "school" ? "guardianConsent.schoolIntro" : "guardianConsent.receptionIntro")}</p>
      {reply?.error ? <FormErrors id="guardian-consent-error" errors={[reply.error]} /> : null}
      <section aria-labelledby="guardian-answers-heading" className="stack">
        <h2 id="guardian-answers-heading">{t("guardianConsent.answers")}</h2>
        {answers.length ? (
          answers.map((answer) => <AnswerCard key={answer.id} answer={answer} data={data} reply={reply} />)
        ) : (
          <p>{t("guardianConsent.none")}</p>
        )}
      </section>
      {view === "school" ? (
        <RecordForm
          key={data.submissionKey}
          submissionKey={data.submissionKey}
          today={data.today}
          lastResult={reply?.intent === "record" ? reply.result : undefined}
        />
      ) : null}
    </div>
  );
}

function AnswerCard({ answer, data, reply }: { answer: Answer; data: Data; reply: Reply }) {
  const { t, i18n } = useTranslation("feedback");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const headingId = `answer-${answer.id}`;
  return (
    <article className="card stack" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t(`guardianConsent.answerValues.${answer.answer}`)} · {formatDate(answer.askedOn, locale)}
      </h3>
      <dl className="facts">
        <dt>{t("guardianConsent.givenBy")}</dt>
        <dd>
          {answer.givenBy} ({t(`consent.givers.${answer.giver}`)}, {t(`consent.forms.${answer.form}`)})
        </dd>
        {answer.infoKinds.length ? (
          <>
            <dt>{t("consent.covers")}</dt>
            <dd>{answer.infoKinds.map((k) => t(`kinds.${k}`)).join(", ")}</dd>
          </>
        ) : null}
        {answer.note ? (
          <>
            <dt>{t("guardianConsent.note")}</dt>
            <dd>{answer.note}</dd>
          </>
        ) : null}
        <dt>{t("guardianConsent.recordedBy")}</dt>
        <dd>{answer.recordedByName}</dd>
        <dt>{t("guardianConsent.status")}</dt>
        <dd>
          {t(`guardianConsent.statuses.${answer.status}`)}
          {answer.handledByName ? ` (${answer.handledByName})` : ""}
          {answer.handledNote ? `: ${answer.handledNote}` : ""}
        </dd>
      </dl>
      {data.view === "reception" && answer.status === "pending" ? <HandleForms answer={answer} reply={reply} /> : null}
    </article>
  );
}

/** Reception: confirm a yes into the register (from the day asked, at most a year), or record why not. */
function HandleForms({ answer, reply }: { answer: Answer; reply: Reply }) {
  const { t } = useTranslation("feedback");
  const busy = useNavigation().state === "submitting";
  const id = (name: string) => `${name}-${answer.id}`;
  return (
    <div className="side-by-side">
      {answer.answer === "yes" ? (
        <Form method="post" className="stack" aria-labelledby={id("confirm-heading")}>
          <h4 id={id("confirm-heading")}>{t("guardianConsent.confirmHeading")}</h4>
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="answerId" value={answer.id} />
          <input type="hidden" name="submissionKey" value={answer.confirmKey} />
          <div className="field">
            <label htmlFor={id("until")}>{t("consent.validUntil")}</label>
            <p id={id("until-hint")} className="field__hint">
              {t("guardianConsent.untilHint")}
            </p>
            <input
              id={id("until")}
              type="date"
              name="validUntil"
              required
              aria-describedby={id("until-hint")}
              defaultValue={addCalendarDays(answer.askedOn, 364)}
            />
          </div>
          <label className="choice">
            <input type="checkbox" name="jointCustody" value="yes" defaultChecked={answer.giver === "guardians"} />
            {t("consent.jointCustody")}
          </label>
          <p>
            <button type="submit" className="button" disabled={busy}>
              {t("guardianConsent.confirm")}
            </button>
          </p>
        </Form>
      ) : null}
      <Form method="post" className="stack" aria-labelledby={id("decline-heading")}>
        <h4 id={id("decline-heading")}>{t("guardianConsent.declineHeading")}</h4>
        <input type="hidden" name="intent" value="decline" />
        <input type="hidden" name="answerId" value={answer.id} />
        <div className="field">
          <label htmlFor={id("reason")}>{t("guardianConsent.reason")}</label>
          <textarea
            id={id("reason")}
            name="reason"
            rows={3}
            required
            maxLength={1000}
            defaultValue={reply?.intent === "decline" ? String(reply.result.initialValue?.reason ?? "") : ""}
          />
        </div>
        <p>
          <button type="submit" className="button button--secondary" disabled={busy}>
            {t("guardianConsent.decline")}
          </button>
        </p>
      </Form>
    </div>
  );
}

/** The school: when the guardians were asked, who answered, yes or no, what a yes covers, in what form. */
function RecordForm({
  submissionKey,
  today,
  lastResult,
}: {
  submissionKey: string;
  today: string;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation("feedback");
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useValidatedForm({
    id: `guardian-answer-${submissionKey}`,
    lastResult,
    defaultValue: { askedOn: today },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(guardianAnswerSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: guardianAnswerSchema }),
  });
  return (
    <section aria-labelledby="guardian-record-heading" className="card">
      <h2 id="guardian-record-heading">{t("guardianConsent.recordHeading")}</h2>
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="record" />
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field type="date" label={t("guardianConsent.askedOn")} field={fields.askedOn} />
        <Choices
          field={fields.giver}
          legend={t("consent.giver")}
          values={consentGivers}
          label={(v) => t(`consent.givers.${v}`)}
        />
        <Field label={t("consent.givenBy")} hint={t("consent.givenByHint")} field={fields.givenBy} />
        <Choices
          field={fields.answer}
          legend={t("guardianConsent.answer")}
          values={guardianAnswers}
          label={(v) => t(`guardianConsent.answerValues.${v}`)}
        />
        <Choices
          field={fields.infoKinds}
          legend={t("guardianConsent.kinds")}
          values={consentInfoKinds}
          label={(v) => t(`kinds.${v}`)}
          multiple
        />
        <Choices
          field={fields.form}
          legend={t("consent.form")}
          values={consentForms}
          label={(v) => t(`consent.forms.${v}`)}
        />
        <TextareaField
          label={t("guardianConsent.note")}
          hint={t("guardianConsent.noteHint")}
          field={fields.note}
          rows={3}
        />
        <p>
          <button type="submit" className="button" disabled={busy}>
            {t("guardianConsent.save")}
          </button>
        </p>
      </Form>
    </section>
  );
}

/** Radio buttons, or with `multiple` checkboxes, for a short fixed list, checked as the form was sent. */
function Choices({
  field,
  legend,
  values,
  label,
  multiple = false,
}: {
  field: FieldMetadata<unknown>;
  legend: string;
  values: readonly string[];
  label: (value: string) => string;
  multiple?: boolean;
}) {
  const invalid = !!field.errors?.length;
  const initial = ([] as unknown[]).concat(field.initialValue ?? []);
  return (
    <fieldset
      className="field radio-field"
      aria-describedby={invalid ? field.errorId : undefined}
      aria-invalid={invalid ? true : undefined}
    >
      <legend>{legend}</legend>
      {values.map((value) => (
        <label key={value} className="choice">
          <input
            type={multiple ? "checkbox" : "radio"}
            name={field.name}
            value={value}
            required={!multiple}
            defaultChecked={initial.includes(value)}
            form={field.formId}
          />
          {label(value)}
        </label>
      ))}
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}
