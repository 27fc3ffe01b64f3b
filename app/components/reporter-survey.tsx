import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors, useValidatedForm } from "~/components/forms";
import { surveyAnswers, surveyQuestions, surveySchema } from "~/domain/reporter-survey";

/** The survey page: the three questions while they are open, else where the survey stands. */
export function ReporterSurvey({
  report,
  state,
  lastResult,
}: {
  report: { id: string; reference: string };
  state: "open" | "answered" | null;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation("survey");
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useValidatedForm({
    id: "reporter-survey",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(surveySchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: surveySchema }),
  });
  return (
    <div className="stack">
      <p>
        <Link to={`/reports/${report.id}`}>{t("back")}</Link>
      </p>
      <h1>{t("title")}</h1>
      {state === "open" ? (
        <>
          <p>{t("intro", { reference: report.reference })}</p>
          <Form method="post" {...getFormProps(form)} className="stack">
            <FormErrors id={form.errorId} errors={form.errors} />
            {surveyQuestions.map((q) => {
              const field = fields[q];
              return (
                <fieldset key={q} className="card" aria-describedby={field.errors?.length ? field.errorId : undefined}>
                  <legend>
                    <strong>{t(`questions.${q}`)}</strong>
                  </legend>
                  <div className="field radio-field">
                    {surveyAnswers[q].map((a) => (
                      <label key={a} className="choice">
                        <input
                          type="radio"
                          name={field.name}
                          value={a}
                          required
                          defaultChecked={field.initialValue === a}
                        />
                        {t(`answers.${q}.${a}`)}
                      </label>
                    ))}
                    <ErrorList id={field.errorId} errors={field.errors} />
                  </div>
                </fieldset>
              );
            })}
            <p>
              <button type="submit" className="button" disabled={busy}>
                {t("submit")}
              </button>
            </p>
          </Form>
        </>
      ) : (
        <p className="alert" role="status">
          {t(state === "answered" ? "answered" : "notOpen")}
        </p>
      )}
    </div>
  );
}
