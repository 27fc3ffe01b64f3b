import { getFormProps, getInputProps, type FieldMetadata } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, SelectField, useValidatedForm } from "~/components/forms";
import { consentSchema, type FeedbackReply } from "~/domain/feedback-schema";
import { formatDate, isLocale } from "~/lib/i18n";
import { consentForms, consentGivers, consentInfoKinds } from "~/domain/vocabulary";
import { useFetcherSubmission } from "~/lib/use-submission-key";
import { replyOf } from "./feedback-reply";

interface Props {
  /** Where the form posts: the consents step (reports.$reportId_.feedback.consents.tsx). */
  action: string;
  submissionKey: string;
  options: { units: { id: string; name: string }[]; users: { id: string; name: string }[] };
  defaults: { from: string; until: string };
  /** The route's answer, as a browser without JavaScript gets it. */
  routeReply?: FeedbackReply;
  busy: boolean;
}

/** Records a consent. After a refused save the form stays open and as it was sent, so nothing typed is lost. */
export function ConsentEditor({ routeReply, ...props }: Props) {
  const fetcher = useFetcher();
  // After a save the form starts again, empty and closed, under a new key: saving again is a new consent.
  const { key, answer } = useFetcherSubmission(props.submissionKey, fetcher);
  return (
    <ConsentForm
      key={key}
      {...props}
      submissionKey={key}
      fetcher={fetcher}
      answered={answer !== undefined}
      reply={replyOf(answer, "consent", routeReply)}
    />
  );
}

const constraint = getZodConstraint(consentSchema);

function ConsentForm({
  action,
  submissionKey,
  options,
  defaults,
  fetcher,
  answered,
  reply,
  busy,
}: Omit<Props, "routeReply"> & {
  fetcher: ReturnType<typeof useFetcher>;
  answered: boolean;
  reply?: Extract<FeedbackReply, { intent: "consent" }>;
}) {
  const { t, i18n } = useTranslation("feedback");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const [form, fields] = useValidatedForm({
    id: "record-consent",
    lastResult: reply?.result,
    defaultValue: { giver: consentGivers[0], form: "written", validFrom: defaults.from, validUntil: defaults.until },
    constraint,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: consentSchema }),
  });
  const duplicate = reply?.duplicate;
  const named = duplicate
    ? {
        givenBy: duplicate.givenBy,
        from: formatDate(duplicate.from, locale),
        until: formatDate(duplicate.until, locale),
      }
    : {};
  // After a refused save every reason is said once more beside the button; otherwise only what no field shows.
  const reasons = form.status === "error" ? errorsOf(form) : (form.errors ?? []);
  return (
    // Open again after an answer to it: refused, or not sent at all (a failure keeps the form as typed).
    <details className="stack" open={reply !== undefined || answered}>
      <summary>{t("consent.record")}</summary>
      <fetcher.Form method="post" action={action} {...getFormProps(form)} className="stack narrow">
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <fieldset>
          <legend>{t("consent.giver")}</legend>
          {consentGivers.map((g) => (
            <Choice key={g} field={fields.giver} type="radio" value={g} label={t(`consent.givers.${g}`)} />
          ))}
          <ErrorList id={fields.giver.errorId} errors={fields.giver.errors} />
        </fieldset>
        <Field label={t("consent.givenBy")} hint={t("consent.givenByHint")} field={fields.givenBy} autoComplete="off" />
        <Choice field={fields.jointCustody} type="checkbox" value="yes" label={t("consent.jointCustody")} />
        <Choice field={fields.bothGuardiansConsented} type="checkbox" value="yes" label={t("consent.bothGuardians")} />
        <SelectField
          label={t("consent.form")}
          field={fields.form}
          options={consentForms.map((f) => ({ value: f, label: t(`consent.forms.${f}`) }))}
        />
        <Field label={t("consent.documentReference")} field={fields.documentReference} autoComplete="off" />
        <fieldset>
          <legend>{t("consent.kinds")}</legend>
          {consentInfoKinds.map((k) => (
            <Choice key={k} field={fields.infoKinds} type="checkbox" value={k} label={t(`kinds.${k}`)} />
          ))}
          <ErrorList id={fields.infoKinds.errorId} errors={errorsOf(fields.infoKinds)} />
        </fieldset>
        <fieldset>
          <legend>{t("consent.recipients")}</legend>
          {options.units.map((u) => (
            <Choice
              key={u.id}
              field={fields.recipientUnitIds}
              type="checkbox"
              value={u.id}
              label={t("consent.wholeUnit", { name: u.name })}
            />
          ))}
          {options.users.map((u) => (
            <Choice key={u.id} field={fields.recipientUserIds} type="checkbox" value={u.id} label={u.name} />
          ))}
          <ErrorList id={fields.recipientUnitIds.errorId} errors={errorsOf(fields.recipientUnitIds)} />
          <ErrorList id={fields.recipientUserIds.errorId} errors={errorsOf(fields.recipientUserIds)} />
        </fieldset>
        <Field label={t("consent.validFrom")} field={fields.validFrom} type="date" />
        <Field
          label={t("consent.validUntil")}
          hint={t("consent.validUntilHint")}
          field={fields.validUntil}
          type="date"
        />
        {reasons.length ? (
          <p role="alert" id={form.errorId} className="error-list">
            {reasons.map((e) => t(e, named)).join(" ")}
          </p>
        ) : null}
        <p>
          <button type="submit" name="intent" value="consent" className="button" disabled={busy}>
            {t("consent.save")}
          </button>
        </p>
      </fetcher.Form>
    </details>
  );
}

/** The errors of a group or a form, its items' and fields' included, each once. */
function errorsOf(field: Pick<FieldMetadata<unknown>, "allErrors">) {
  return [...new Set(Object.values(field.allErrors).flat())];
}

/**
 * One choice of a group (radios, or checkboxes sharing a name), inside its label. Each has an id of its own; how many
 * must be ticked is the schema's rule, not a `required` on every box.
 */
function Choice({
  field,
  type,
  value,
  label,
}: {
  field: FieldMetadata<unknown>;
  type: "radio" | "checkbox";
  value: string;
  label: string;
}) {
  const { required, pattern: _pattern, multiple: _multiple, ...props } = getInputProps(field, { type, value });
  return (
    <label className="choice">
      <input {...props} id={`${field.id}-${value}`} required={type === "radio" ? required : undefined} /> {label}
    </label>
  );
}
