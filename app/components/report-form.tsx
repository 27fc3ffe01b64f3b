import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, SelectField, TextareaField } from "~/components/forms";
import { concernKindLabel } from "~/domain/concern-kinds";
import { guardianKeys } from "~/domain/report-schema";
import { isLocale } from "~/lib/i18n";

type F = FieldMetadata<string | undefined>;
type ContentFields = Record<
  | "childName"
  | "childPersonalNumber"
  | "childBirthDate"
  | "childGroup"
  | "observedOn"
  | "observations"
  | "childWords"
  | "interpreterNeeded"
  | "interpreterLanguage"
  | "acute"
  | "otherAgencies"
  | "wantsFeedback"
  | "adviceCode"
  | `${(typeof guardianKeys)[number]}${"Name" | "Informed" | "Reason"}`,
  F
>;

/** A checkbox with its label after it, and its errors. */
export function CheckboxField({ field, label, hint }: { field: F; label: string; hint?: string }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getInputProps(field, { type: "checkbox", ariaDescribedBy: hintId });
  return (
    <div className="field field--checkbox">
      <label className="choice" htmlFor={field.id}>
        <input {...props} key={props.key} />
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** Radio buttons in a fieldset: the legend is the question. */
export function RadioField({
  field,
  legend,
  options,
  hint,
}: {
  field: F;
  legend: string;
  options: { value: string; label: string }[];
  hint?: string;
}) {
  const hintId = `${field.id}-hint`;
  const describedBy =
    [hint ? hintId : null, field.errors?.length ? field.errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset
      className="field radio-field"
      aria-describedby={describedBy}
      aria-invalid={field.errors?.length ? true : undefined}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {options.map((o) => (
        <label key={o.value} className="choice">
          <input
            type="radio"
            name={field.name}
            value={o.value}
            defaultChecked={field.initialValue === o.value}
            form={field.formId}
          />
          {o.label}
        </label>
      ))}
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

/** Guidance beside a section of the form: a few lines and a link to the full article. */
export function Aside({ children, article }: { children: React.ReactNode; article?: string }) {
  const { t } = useTranslation("reports");
  return (
    <aside className="form-guidance">
      <p>{children}</p>
      {article ? (
        <p>
          <Link to={`/guidance/${article}`} target="_blank" rel="noreferrer">
            {t("form.readMore")}
            <span className="visually-hidden"> {t("form.opensInNewTab")}</span>
          </Link>
        </p>
      ) : null}
    </aside>
  );
}

/** One section of the guided form: the fields, and the guidance that belongs to them beside. */
export function FormSection({
  id,
  title,
  guidance,
  article,
  children,
}: {
  id: string;
  title: string;
  guidance: string;
  article?: string;
  children: React.ReactNode;
}) {
  return (
    <section className="form-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <div className="form-section__grid">
        <div className="stack">{children}</div>
        <Aside article={article}>{guidance}</Aside>
      </div>
    </section>
  );
}

/** The child and the concern: the sections a report has however it arrives. */
export function ReportContentFields({
  fields,
  unitField,
  unitOptions,
  kindField,
  kinds,
  observedOnRequired,
}: {
  fields: ContentFields;
  unitField?: F;
  unitOptions?: { value: string; label: string }[];
  /** The reporter's suggested kind of concern, from the municipality's active kinds (their names only). */
  kindField?: F;
  kinds?: { id: string; code: string; labelSv: string | null; labelEn: string | null }[];
  observedOnRequired: boolean;
}) {
  const { t, i18n } = useTranslation("reports");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const yesNo = [
    { value: "yes", label: t("form.yes") },
    { value: "no", label: t("form.no") },
  ];
  return (
    <>
      <FormSection id="child" title={t("form.sections.child")} guidance={t("form.guidance.child")}>
        <Field label={t("form.childName")} field={fields.childName} autoComplete="off" />
        <Field
          label={t("form.childPersonalNumber")}
          hint={t("form.childPersonalNumberHint")}
          field={fields.childPersonalNumber}
          autoComplete="off"
          inputMode="numeric"
        />
        <Field
          label={t("form.childBirthDate")}
          hint={t("form.childBirthDateHint")}
          field={fields.childBirthDate}
          type="date"
        />
        {unitField && unitOptions ? (
          <SelectField label={t("form.unit")} field={unitField} options={unitOptions} placeholder={t("form.choose")} />
        ) : null}
        <Field label={t("form.childGroup")} field={fields.childGroup} autoComplete="off" />
      </FormSection>

      <FormSection
        id="concern"
        title={t("form.sections.concern")}
        guidance={t("form.guidance.concern")}
        article="writing-a-clear-report"
      >
        <Field
          label={observedOnRequired ? t("form.observedOn") : t("form.observedOnOptional")}
          hint={t("form.observedOnHint")}
          field={fields.observedOn}
          type="date"
        />
        <TextareaField
          label={t("form.observations")}
          hint={t("form.observationsHint")}
          field={fields.observations}
          rows={8}
        />
        <TextareaField
          label={t("form.childWords")}
          hint={t("form.childWordsHint")}
          field={fields.childWords}
          rows={4}
        />
        {kindField && kinds?.length ? (
          <SelectField
            label={t("form.suggestedKind")}
            hint={t("form.suggestedKindHint")}
            field={kindField}
            options={kinds.map((k) => ({ value: k.id, label: concernKindLabel(k, locale, t) }))}
            placeholder={t("form.noSuggestedKind")}
          />
        ) : null}
        <CheckboxField label={t("form.acute")} hint={t("form.acuteHint")} field={fields.acute} />
      </FormSection>

      <FormSection id="guardians" title={t("form.sections.guardians")} guidance={t("form.guidance.guardians")}>
        {guardianKeys.map((g, i) => {
          const guardian = (
            <fieldset key={g} className="stack subfieldset">
              <legend>{t("form.guardianN", { n: i + 1 })}</legend>
              <Field label={t("form.guardianName")} field={fields[`${g}Name`]} autoComplete="off" />
              <RadioField legend={t("form.guardianInformed")} field={fields[`${g}Informed`]} options={yesNo} />
              <div className="if-not-informed">
                <TextareaField
                  label={t("form.guardianReason")}
                  hint={t("form.guardianReasonHint")}
                  field={fields[`${g}Reason`]}
                  rows={2}
                />
              </div>
            </fieldset>
          );
          if (i === 0) return guardian;
          // Most children have one guardian to name here: the second is asked for, and open once it has a value or an error.
          const used = (["Name", "Informed", "Reason"] as const).some(
            (k) => fields[`${g}${k}`].initialValue || fields[`${g}${k}`].errors?.length,
          );
          return (
            <details key={g} className="more-fields" open={used || undefined}>
              <summary>{t("form.anotherGuardian")}</summary>
              {guardian}
            </details>
          );
        })}
        <CheckboxField label={t("form.interpreterNeeded")} field={fields.interpreterNeeded} />
        <div className="if-interpreter">
          <Field label={t("form.interpreterLanguage")} field={fields.interpreterLanguage} />
        </div>
      </FormSection>

      <FormSection id="other" title={t("form.sections.other")} guidance={t("form.guidance.other")}>
        <TextareaField
          label={t("form.otherAgencies")}
          hint={t("form.otherAgenciesHint")}
          field={fields.otherAgencies}
          rows={2}
        />
        <Field
          label={t("form.adviceCode")}
          hint={t("form.adviceCodeHint")}
          field={fields.adviceCode}
          autoComplete="off"
        />
        <CheckboxField
          label={t("form.wantsFeedback")}
          hint={t("form.wantsFeedbackHint")}
          field={fields.wantsFeedback}
        />
      </FormSection>
    </>
  );
}
