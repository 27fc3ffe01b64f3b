import { getFormProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors, SelectField, TextareaField, useValidatedForm } from "~/components/forms";
import { agreementDeviationKinds } from "~/domain/agreement-deviation";
import { fileDeviationSchema } from "~/domain/agreement-deviation-schema";

/**
 * Filing a deviation from the agreement (app/routes/deviations.new.tsx): what it concerns, what happened and, without
 * a report and with several units, which unit. Works without JavaScript: the same schema checks it here and in the
 * action, and a refused form comes back as typed.
 */
export function AgreementDeviationForm({
  report,
  units,
  lastResult,
  submissionKey,
}: {
  /** The report it is filed from (one the user may read), or null for a deviation in general. */
  report: { id: string; reference: string; unitName: string | null } | null;
  /** The user's units, asked for only without a report and with more than one. */
  units: { id: string; name: string }[];
  lastResult?: SubmissionResult<string[]>;
  submissionKey: string;
}) {
  const { t } = useTranslation("deviations");
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useValidatedForm({
    id: `deviation-${submissionKey}`,
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(fileDeviationSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: fileDeviationSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="submissionKey" value={submissionKey} />
      <FormErrors id={form.errorId} errors={form.errors} />
      {report ? (
        <div className="card">
          <input type="hidden" name="reportId" value={report.id} />
          <p>{t("form.onReport", { reference: report.reference, unit: report.unitName ?? "–" })}</p>
          <p className="field__hint">{t("form.onReportNote")}</p>
        </div>
      ) : (
        <p className="field__hint">{t("form.general")}</p>
      )}
      <KindChoice field={fields.kind} legend={t("form.kind")} />
      <TextareaField
        label={t("form.description")}
        hint={t("form.descriptionHint")}
        field={fields.description}
        rows={6}
      />
      {!report && units.length > 1 ? (
        <SelectField
          label={t("form.unit")}
          hint={t("form.unitHint")}
          field={fields.unitId}
          placeholder={t("form.chooseUnit")}
          options={units.map((u) => ({ value: u.id, label: u.name }))}
        />
      ) : (
        // Errors the action may give on the unit (none expected here) still show.
        <ErrorList id={fields.unitId.errorId} errors={fields.unitId.errors} />
      )}
      <p>
        <button type="submit" className="button" disabled={busy}>
          {t("form.submit")}
        </button>
      </p>
    </Form>
  );
}

/** The kinds as radio buttons: four short choices read better than a select. */
function KindChoice({ field, legend }: { field: FieldMetadata<string | undefined>; legend: string }) {
  const { t } = useTranslation("deviations");
  const invalid = !!field.errors?.length;
  return (
    <fieldset
      className="field radio-field"
      aria-describedby={invalid ? field.errorId : undefined}
      aria-invalid={invalid ? true : undefined}
    >
      <legend>{legend}</legend>
      {agreementDeviationKinds.map((kind) => (
        <label key={kind} className="choice">
          <input
            type="radio"
            name={field.name}
            value={kind}
            required
            defaultChecked={field.initialValue === kind}
            form={field.formId}
          />
          {t(`kinds.${kind}`)}
        </label>
      ))}
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}
