import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { SerializeFrom } from "@remix-run/node";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, FormErrors, SelectField, TextareaField, useValidatedForm } from "~/components/forms";
import { reviewAnswers, reviewItems } from "~/domain/review-checklist";
import { reviewAnswerSchema } from "~/domain/review-schema";
import { dateTimeFormat, formatDateTime, isLocale } from "~/lib/i18n";
import type { loader } from "~/routes/reviews.$caseId";

type Data = SerializeFrom<typeof loader>;

/** The page of one sampled case (app/routes/reviews.$caseId.tsx): what it was, then the checklist or its answers. */
export function ReviewChecklist({ data, lastResult }: { data: Data; lastResult?: SubmissionResult<string[]> }) {
  const { t, i18n } = useTranslation("reviews");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const c = data.review;
  const month = dateTimeFormat(locale === "en" ? "en-GB" : "sv-SE", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${c.month}-15T12:00:00Z`));
  return (
    <div className="stack">
      <p>
        <Link to={`/reviews?month=${c.month}`}>{t("case.back")}</Link>
      </p>
      <h1>{t("case.heading", { number: c.position, month })}</h1>
      <section aria-labelledby="facts-heading" className="card">
        <h2 id="facts-heading">{t("case.factsHeading")}</h2>
        <dl className="facts">
          <dt>{t("case.reference")}</dt>
          <dd>
            <Link to={`/reports/${c.reportId}`} aria-label={t("case.openReport", { reference: c.reference })}>
              {c.reference}
            </Link>
          </dd>
          <dt>{t("case.decision")}</dt>
          <dd>{t(`reports:status.${c.decision}`)}</dd>
          <dt>{t("case.received")}</dt>
          <dd>{formatDateTime(c.receivedAt, locale)}</dd>
          <dt>{t("case.decided")}</dt>
          <dd>{formatDateTime(c.decidedAt, locale)}</dd>
        </dl>
      </section>
      {c.completedAt && c.answers ? <Answers data={data} /> : <ChecklistForm data={data} lastResult={lastResult} />}
    </div>
  );
}

function ChecklistForm({ data, lastResult }: { data: Data; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation("reviews");
  const busy = useNavigation().state === "submitting";
  const schema = reviewAnswerSchema(data.today);
  const c = data.review;
  const [form, fields] = useValidatedForm({
    id: "review-checklist",
    lastResult,
    defaultValue: Object.fromEntries(
      reviewItems.map((i) => [i, { answer: c.suggestions[i].answer ?? "", comment: "", ownerId: "", dueOn: "" }]),
    ),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const owners = data.owners.map((o) => ({ value: o.id, label: o.name }));
  return (
    <section aria-labelledby="checklist-heading" className="stack">
      <h2 id="checklist-heading">{t("case.checklistHeading")}</h2>
      <p>{t("case.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        {reviewItems.map((item, n) => {
          const f = fields[item].getFieldset();
          const suggestion = c.suggestions[item];
          const hintId = `${item}-why`;
          const describedBy = [hintId, f.answer.errors?.length ? f.answer.errorId : null].filter(Boolean).join(" ");
          return (
            <fieldset key={item} className="card stack" aria-describedby={describedBy}>
              <legend>
                <strong>
                  {n + 1}. {t(`items.${item}`)}
                </strong>
              </legend>
              <p id={hintId} className="field__hint">
                {suggestion.answer
                  ? t("case.suggested", { answer: t(`answers.${suggestion.answer}`) })
                  : t("case.noSuggestion")}{" "}
                {t(`why.${suggestion.why}`)}
              </p>
              <div className="field radio-field">
                {reviewAnswers.map((a) => (
                  <label key={a} className="choice">
                    <input
                      type="radio"
                      name={f.answer.name}
                      value={a}
                      defaultChecked={f.answer.initialValue === a}
                      form={form.id}
                    />
                    {t(`answers.${a}`)}
                  </label>
                ))}
                <ErrorList id={f.answer.errorId} errors={f.answer.errors} />
              </div>
              <TextareaField label={t("case.comment")} hint={t("case.commentHint")} field={f.comment} rows={2} />
              <SelectField
                label={t("case.owner")}
                field={f.ownerId}
                options={owners}
                placeholder={t("case.chooseOwner")}
              />
              <Field label={t("case.dueOn")} hint={t("case.dueHint")} field={f.dueOn} type="date" />
            </fieldset>
          );
        })}
        <p>
          <button type="submit" className="button" disabled={busy}>
            {t("case.submit")}
          </button>
        </p>
      </Form>
    </section>
  );
}

function Answers({ data }: { data: Data }) {
  const { t, i18n } = useTranslation("reviews");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const c = data.review;
  const answers = c.answers;
  if (!answers || !c.completedAt) return null;
  return (
    <section aria-labelledby="answers-heading">
      <h2 id="answers-heading">{t("case.completedHeading", { date: formatDateTime(c.completedAt, locale) })}</h2>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t("case.answersCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("month.question")}</th>
              <th scope="col">{t("case.answer")}</th>
              <th scope="col">{t("case.suggestion")}</th>
              <th scope="col">{t("case.comment")}</th>
            </tr>
          </thead>
          <tbody>
            {reviewItems.map((item) => {
              const a = answers[item];
              return (
                <tr key={item}>
                  <th scope="row">{t(`items.${item}`)}</th>
                  <td>{t(`answers.${a.answer}`)}</td>
                  <td>{a.suggested ? t(`answers.${a.suggested}`) : "–"}</td>
                  <td className="preserve-lines">{a.comment || t("case.noComment")}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
