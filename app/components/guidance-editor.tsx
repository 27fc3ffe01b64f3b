import { getFormProps, getInputProps, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { Field, FormErrors, TextareaField, useValidatedForm } from "~/components/forms";
import { guidanceContentSchema, slugSchema } from "~/domain/guidance-schema";

type Defaults = Record<string, string>;

/**
 * The article editor: both languages side by side, the law as one reference per line, and the coordinator's word that
 * the text was checked against the enacted law today (never ticked in advance: each save makes that claim afresh).
 */
export function GuidanceEditor({
  id,
  defaults,
  lastResult,
  withSlug = false,
  withNextReview = false,
  canPublish,
}: {
  id: string;
  defaults: Defaults;
  lastResult?: SubmissionResult<string[]>;
  withSlug?: boolean;
  withNextReview?: boolean;
  canPublish: boolean;
}) {
  const { t } = useTranslation("guidance");
  const busy = useNavigation().state === "submitting";
  const schema = withSlug ? guidanceContentSchema.extend({ slug: slugSchema }) : guidanceContentSchema;
  const [form, fields] = useValidatedForm<z.input<typeof schema>, z.output<typeof schema>>({
    id,
    lastResult,
    defaultValue: defaults,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const withSlugFields = fields as typeof fields & { slug: typeof fields.titleSv };
  // Unticked unless ticked in this very form (the loader never fills it in).
  const reviewedProps = getInputProps(fields.reviewed, {
    type: "checkbox",
    value: "on",
    ariaDescribedBy: `${fields.reviewed.id}-hint`,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack guidance-editor">
      <FormErrors id={form.errorId} errors={form.errors} />
      {withSlug ? <Field label={t("editor.slug")} hint={t("editor.slugHint")} field={withSlugFields.slug} /> : null}
      <div className="editor-columns">
        <fieldset className="stack" lang="sv">
          <legend>{t("editor.swedish")}</legend>
          <Field label={t("editor.titleField")} field={fields.titleSv} />
          <TextareaField label={t("editor.summary")} field={fields.summarySv} rows={2} />
          <TextareaField
            label={t("editor.body")}
            hint={t("editor.bodyHint", { example: "{{receptionPhone}}" })}
            field={fields.bodySv}
            rows={18}
          />
          <TextareaField
            label={t("editor.changeSummary")}
            hint={t("editor.changeSummaryHint")}
            field={fields.changeSummarySv}
            rows={2}
          />
        </fieldset>
        <fieldset className="stack" lang="en">
          <legend>{t("editor.english")}</legend>
          <Field label={t("editor.titleField")} field={fields.titleEn} />
          <TextareaField label={t("editor.summary")} field={fields.summaryEn} rows={2} />
          <TextareaField
            label={t("editor.body")}
            hint={t("editor.bodyHint", { example: "{{receptionPhone}}" })}
            field={fields.bodyEn}
            rows={18}
          />
          <TextareaField
            label={t("editor.changeSummary")}
            hint={t("editor.changeSummaryHint")}
            field={fields.changeSummaryEn}
            rows={2}
          />
        </fieldset>
      </div>
      <TextareaField
        label={t("editor.legalReferences")}
        hint={t("editor.legalReferencesHint")}
        field={fields.legalReferences}
        rows={4}
      />
      {withNextReview ? <Field label={t("editor.nextReviewOn")} field={fields.nextReviewOn} type="date" /> : null}
      <div className="field">
        <label className="choice">
          <input {...reviewedProps} key={reviewedProps.key} />
          {t("editor.reviewed")}
        </label>
        <p id={`${fields.reviewed.id}-hint`} className="field__hint">
          {t("editor.reviewedHint")}
        </p>
      </div>
      <p className="button-row">
        <button type="submit" name="intent" value="save" className="button button--secondary" disabled={busy}>
          {t("editor.saveDraft")}
        </button>
        {canPublish ? (
          <button type="submit" name="intent" value="publish" className="button" disabled={busy}>
            {t("editor.saveAndPublish")}
          </button>
        ) : null}
      </p>
    </Form>
  );
}
