import { getInputProps, useForm, type FieldMetadata } from "@conform-to/react";
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
  type?: "text" | "email" | "password" | "number";
  autoComplete?: string;
  inputMode?: "numeric" | "email" | "text";
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getInputProps(field, { type, ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input {...props} key={props.key} autoComplete={autoComplete} inputMode={inputMode} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}
