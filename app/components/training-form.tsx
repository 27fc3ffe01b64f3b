import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, FormErrors, SelectField, TextareaField, useValidatedForm } from "~/components/forms";
import { repeatKinds, trainingSchema } from "~/domain/training-schema";
import { roles, trainingTopics, unitKinds } from "~/domain/vocabulary";

/** The audience a training can have: the roles and unit kinds that take trainings. */
const audienceRoles = roles.filter((r) => r !== "admin" && r !== "steering" && r !== "security_reviewer");
const audienceKinds = unitKinds.filter((k) => k !== "administration");

/**
 * Creating a training (`repeat` offered) or changing one (`seriesScope` offered when it belongs to a series). Works
 * without JavaScript; with it, errors show as the coordinator leaves a field.
 */
export function TrainingForm({
  id,
  defaults,
  chosen,
  lastResult,
  mode,
  inSeries = false,
  submissionKey,
}: {
  id: string;
  defaults: Record<string, string>;
  chosen: { audienceRoles: string[]; audienceUnitKinds: string[] };
  lastResult?: SubmissionResult<string[]>;
  mode: "create" | "edit";
  inSeries?: boolean;
  /** For a new training: the key that makes a resent form create it once. */
  submissionKey?: string;
}) {
  const { t } = useTranslation("trainings");
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useValidatedForm({
    id,
    lastResult,
    defaultValue: defaults,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(trainingSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: trainingSchema }),
  });
  // After a refused submit the boxes show what was ticked then; otherwise what is stored.
  const ticked = (name: "audienceRoles" | "audienceUnitKinds") => {
    const submitted = lastResult?.initialValue?.[name];
    return new Set(submitted === undefined ? chosen[name] : [submitted].flat().map(String));
  };
  const roleSet = ticked("audienceRoles");
  const kindSet = ticked("audienceUnitKinds");

  return (
    <Form method="post" {...getFormProps(form)} className="stack narrow">
      {submissionKey ? <input type="hidden" name="submissionKey" value={submissionKey} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label={t("form.title")} field={fields.title} />
      <SelectField
        label={t("form.topic")}
        field={fields.topic}
        placeholder={t("form.choose")}
        options={trainingTopics.map((topic) => ({ value: topic, label: t(`topics.${topic}`) }))}
      />
      <fieldset
        className="field checkbox-grid"
        aria-describedby={fields.audienceRoles.errors?.length ? fields.audienceRoles.errorId : undefined}
      >
        <legend>{t("form.audienceRoles")}</legend>
        {audienceRoles.map((r) => (
          <label key={r} className="choice">
            <input
              type="checkbox"
              name={fields.audienceRoles.name}
              value={r}
              defaultChecked={roleSet.has(r)}
              form={form.id}
            />
            {t(`common:roles.${r}`)}
          </label>
        ))}
        <ErrorList id={fields.audienceRoles.errorId} errors={fields.audienceRoles.errors} />
      </fieldset>
      <fieldset
        className="field checkbox-grid"
        aria-describedby={fields.audienceUnitKinds.errors?.length ? fields.audienceUnitKinds.errorId : undefined}
      >
        <legend>{t("form.audienceUnitKinds")}</legend>
        {audienceKinds.map((k) => (
          <label key={k} className="choice">
            <input
              type="checkbox"
              name={fields.audienceUnitKinds.name}
              value={k}
              defaultChecked={kindSet.has(k)}
              form={form.id}
            />
            {t(`common:unitKinds.${k}`)}
          </label>
        ))}
        <ErrorList id={fields.audienceUnitKinds.errorId} errors={fields.audienceUnitKinds.errors} />
      </fieldset>
      <TextareaField
        label={t("form.description")}
        hint={t("form.descriptionHint")}
        field={fields.description}
        rows={6}
      />
      <Field label={t("form.date")} field={fields.date} type="date" />
      <Field label={t("form.time")} hint={t("form.timeHint")} field={fields.time} />
      <Field label={t("form.duration")} field={fields.durationMinutes} type="number" inputMode="numeric" />
      <Field label={t("form.place")} hint={t("form.placeHint")} field={fields.place} />
      <Field label={t("form.capacity")} field={fields.capacity} type="number" inputMode="numeric" />
      <Field label={t("form.deadline")} hint={t("form.deadlineHint")} field={fields.deadlineDate} type="date" />
      <Field label={t("form.organisers")} field={fields.organisers} />
      {mode === "create" ? (
        <fieldset className="field">
          <legend>{t("form.repeat")}</legend>
          <SelectField
            label={t("form.repeatKind")}
            field={fields.repeat}
            options={repeatKinds.map((r) => ({ value: r, label: t(`repeat.${r}`) }))}
          />
          <Field
            label={t("form.repeatCount")}
            hint={t("form.repeatCountHint")}
            field={fields.repeatCount}
            type="number"
            inputMode="numeric"
          />
          <Field label={t("form.rule")} hint={t("form.ruleHint")} field={fields.rule} />
        </fieldset>
      ) : inSeries ? (
        <SelectField
          label={t("form.scope")}
          field={fields.scope}
          options={[
            { value: "one", label: t("scope.one") },
            { value: "series", label: t("scope.series") },
          ]}
        />
      ) : null}
      <p>
        <button
          type="submit"
          name="intent"
          value={mode === "create" ? "create" : "edit"}
          className="button"
          disabled={busy}
        >
          {mode === "create" ? t("form.create") : t("form.save")}
        </button>
      </p>
    </Form>
  );
}
