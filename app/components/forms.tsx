import { getInputProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";

/**
 * conform's useForm, subscribed to every field's errors. conform re-renders only for what the form's own
 * component read; `Field` reads errors in a child, so without this an invalid submit showed nothing.
 */
export const useValidatedForm: typeof useForm = (options) => {
  const result = useForm(options);
  void result[0].allErrors;
  return result;
};

/** Error messages are translation keys (`namespace:key`), translated where shown. */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="error-list">
      {errors.map((e) => (
        <li key={e}>{t(e)}</li>
      ))}
    </ul>
  );
}

/** Label, hint and errors around one control, linked for assistive technology. */
function FieldShell({
  field,
  label,
  hint,
  hintId,
  children,
}: {
  field: FieldMetadata<string | undefined>;
  label: string;
  hint?: string;
  hintId?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** A labelled input whose errors are announced with it (aria-describedby, aria-invalid). */
export function Field({
  label,
  hint,
  field,
  type = "text",
  autoComplete,
  inputMode,
}: {
  label: string;
  hint?: string;
  field: FieldMetadata<string | undefined>;
  type?: "text" | "email" | "password" | "number" | "date" | "tel";
  autoComplete?: string;
  inputMode?: "numeric" | "email" | "text";
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getInputProps(field, { type, ariaDescribedBy: hintId });
  return (
    <FieldShell field={field} label={label} hint={hint} hintId={hintId}>
      <input {...props} key={props.key} autoComplete={autoComplete} inputMode={inputMode} />
    </FieldShell>
  );
}

/** A labelled select, like `Field` for inputs. */
export function SelectField({
  label,
  hint,
  field,
  options,
  placeholder,
}: {
  label: string;
  hint?: string;
  field: FieldMetadata<string | undefined>;
  options: { value: string; label: string }[];
  placeholder?: string;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getSelectProps(field, { ariaDescribedBy: hintId });
  return (
    <FieldShell field={field} label={label} hint={hint} hintId={hintId}>
      <select {...props} key={props.key}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** Form-level errors of a conform form (translation keys), announced when they appear. */
export function FormErrors({ id, errors }: { id: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <div role="alert" id={id} className="alert alert--error">
      {errors.map((e) => (
        <p key={e}>{t(e)}</p>
      ))}
    </div>
  );
}

/** A labelled multi-line text, like `Field`. */
export function TextareaField({
  label,
  hint,
  field,
  rows = 6,
}: {
  label: string;
  hint?: string;
  field: FieldMetadata<string | undefined>;
  rows?: number;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getTextareaProps(field, { ariaDescribedBy: hintId });
  return (
    <FieldShell field={field} label={label} hint={hint} hintId={hintId}>
      <textarea {...props} key={props.key} rows={rows} />
    </FieldShell>
  );
}

/** A field's rule as conform's getZodConstraint reads it from a schema. */
interface FieldRule {
  required?: boolean;
  minLength?: number;
  maxLength?: number;
}

/**
 * What the browser checks of a field, from its schema's rule (`getZodConstraint(schema).field`): the same rule the
 * server parses the form with, for the forms that answer with one message per step rather than through useForm.
 */
export const browserChecks = (rule: FieldRule | undefined) => ({
  required: rule?.required,
  minLength: rule?.minLength,
  maxLength: rule?.maxLength,
});

/** A labelled multi-line text with a hint and one error (a translation key), for plain forms without conform. */
export function PlainTextarea({
  id,
  name,
  label,
  hint,
  error,
  rule,
  defaultValue,
  rows = 4,
}: {
  id: string;
  name: string;
  label: string;
  hint: string;
  error: string | null;
  /** The field's rule in the schema the action parses with. */
  rule: FieldRule | undefined;
  /** What was typed before a refused submit. */
  defaultValue?: string;
  rows?: number;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p className="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
      <textarea
        id={id}
        name={name}
        rows={rows}
        {...browserChecks(rule)}
        defaultValue={defaultValue}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        aria-invalid={error ? true : undefined}
      />
      {error ? (
        <p id={`${id}-error`} className="error-list">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}
