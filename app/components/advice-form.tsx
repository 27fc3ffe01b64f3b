import { getFormProps, getInputProps, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, RadioField } from "~/components/report-form";
import { ErrorList, Field, FormErrors, SelectField, TextareaField, useValidatedForm } from "~/components/forms";
import { adviceSchema } from "~/domain/advice-schema";
import { adviceChannels, adviceGiven, ageBands, callerRoles, concernKinds } from "~/domain/vocabulary";

/**
 * The consultation form, built to be filled in during the call with the keyboard alone: the defaults are now,
 * phone and ten minutes; the caller's unit is a type-ahead (a datalist, so it works without JavaScript).
 */
export function AdviceForm({
  id,
  defaults,
  concerns: initialConcerns = [],
  unitNames,
  today,
  lastResult,
  submitLabel,
  submissionKey,
}: {
  id: string;
  /** Form values as strings; the concerns ticked go in `concerns` on their own. */
  defaults: Record<string, string>;
  concerns?: string[];
  unitNames: string[];
  today: string;
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
  /** For a new consultation: the key that makes a resent form log the call once. */
  submissionKey?: string;
}) {
  const { t } = useTranslation("advice");
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useValidatedForm({
    id,
    lastResult,
    defaultValue: defaults,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(adviceSchema(today)),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: adviceSchema(today) }),
  });
  const concerns = fields.concerns;
  // After a refused submit the form shows what was ticked then; otherwise what is stored.
  const submitted = lastResult?.initialValue?.concerns;
  const chosen = new Set(submitted === undefined ? initialConcerns : [submitted].flat().map(String));
  const unitInput = getInputProps(fields.callerUnit, { type: "text" });
  const showNameCheck = !!fields.confirmNoNames.errors?.length || fields.confirmNoNames.initialValue === "on";

  return (
    <Form method="post" {...getFormProps(form)} className="stack advice-form">
      {submissionKey ? <input type="hidden" name="submissionKey" value={submissionKey} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="advice-form__row">
        <Field label={t("form.occurredOn")} field={fields.occurredOn} type="date" />
        <Field label={t("form.occurredTime")} hint={t("form.timeHint")} field={fields.occurredTime} />
        <Field label={t("form.duration")} field={fields.durationMinutes} type="number" inputMode="numeric" />
        <SelectField
          label={t("form.channel")}
          field={fields.channel}
          options={adviceChannels.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
        />
      </div>
      <div className="advice-form__row">
        <div className="field">
          <label htmlFor={fields.callerUnit.id}>{t("form.callerUnit")}</label>
          <p id={`${fields.callerUnit.id}-hint`} className="field__hint">
            {t("form.callerUnitHint")}
          </p>
          <input
            {...unitInput}
            key={unitInput.key}
            list="advice-unit-names"
            autoComplete="off"
            aria-describedby={[
              `${fields.callerUnit.id}-hint`,
              fields.callerUnit.errors ? fields.callerUnit.errorId : null,
            ]
              .filter(Boolean)
              .join(" ")}
          />
          <datalist id="advice-unit-names">
            {unitNames.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <ErrorList id={fields.callerUnit.errorId} errors={fields.callerUnit.errors} />
        </div>
        <SelectField
          label={t("form.callerRole")}
          field={fields.callerRole}
          options={callerRoles.map((r) => ({ value: r, label: t(`callerRoles.${r}`) }))}
          placeholder={t("form.choose")}
        />
        <Field label={t("form.callerEmail")} hint={t("form.callerEmailHint")} field={fields.callerEmail} type="email" />
      </div>
      <fieldset
        className="field checkbox-grid"
        aria-describedby={concerns.errors?.length ? concerns.errorId : undefined}
      >
        <legend>{t("form.concerns")}</legend>
        {concernKinds.map((c) => (
          <label key={c} className="choice">
            <input type="checkbox" name={concerns.name} value={c} defaultChecked={chosen.has(c)} form={form.id} />
            {t(`concerns.${c}`)}
          </label>
        ))}
        <ErrorList id={concerns.errorId} errors={concerns.errors} />
      </fieldset>
      <div className="advice-form__row">
        <SelectField
          label={t("form.ageBand")}
          field={fields.ageBand}
          options={ageBands.map((a) => ({ value: a, label: t("form.years", { band: a }) }))}
          placeholder={t("form.unknown")}
        />
        <CheckboxField label={t("form.acute")} field={fields.acute} />
      </div>
      <TextareaField label={t("form.summary")} hint={t("form.summaryHint")} field={fields.summary} rows={3} />
      <RadioField
        legend={t("form.advice")}
        field={fields.advice}
        options={adviceGiven.map((a) => ({ value: a, label: t(`adviceGiven.${a}`) }))}
      />
      <TextareaField label={t("form.adviceNote")} hint={t("form.adviceNoteHint")} field={fields.adviceNote} rows={2} />
      <TextareaField label={t("form.followUp")} field={fields.followUp} rows={2} />
      {showNameCheck ? (
        <div className="alert alert--warning">
          <CheckboxField
            label={t("form.confirmNoNames")}
            hint={t("form.confirmNoNamesHint")}
            field={fields.confirmNoNames}
          />
        </div>
      ) : null}
      <p>
        <button type="submit" className="button" disabled={busy}>
          {submitLabel}
        </button>
      </p>
    </Form>
  );
}
