import { Form, Link, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { STEERING_LIMITS, steeringFigures } from "~/domain/steering-log";
import { useSubmissionKey } from "~/lib/use-submission-key";

/** A field's error, linked to its input by id; the text is a translation key. */
export function FieldError({ id, error }: { id: string; error?: string }) {
  const { t } = useTranslation();
  return error ? (
    <p id={id} className="field__error">
      {t(error)}
    </p>
  ) : null;
}

const described = (id: string, error?: string) =>
  error ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {};

/** A labelled control with its error below: the frame every field of these forms shares. */
function Labelled({ id, label, error, children }: { id: string; label: string; error?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

/**
 * A labelled input (or, `multiline`, a textarea) described by its error. The other attributes pass through in the
 * order given, so the markup stays as it was written out by hand.
 */
function TextField({
  id,
  label,
  error,
  multiline,
  ...control
}: {
  id: string;
  label: string;
  error?: string;
  multiline?: boolean;
  name: string;
  defaultValue: string;
  type?: "date";
  rows?: number;
  required?: boolean;
  maxLength?: number;
}) {
  return (
    <Labelled id={id} label={label} error={error}>
      {multiline ? (
        <textarea id={id} {...control} {...described(id, error)} />
      ) : (
        <input id={id} {...control} {...described(id, error)} />
      )}
    </Labelled>
  );
}

/** A labelled select: an empty first choice, then the options. */
function PlainSelect({
  id,
  label,
  error,
  linkError = true,
  placeholder,
  options,
  ...control
}: {
  id: string;
  label: string;
  error?: string;
  /** Whether the select is described by its error (aria-invalid, aria-describedby); the error shows either way. */
  linkError?: boolean;
  placeholder: string;
  options: { value: string; label: ReactNode }[];
  name: string;
  required?: boolean;
  defaultValue: string;
}) {
  return (
    <Labelled id={id} label={label} error={error}>
      <select id={id} {...control} {...(linkError ? described(id, error) : {})}>
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

/** A new meeting (app/routes/steering.new.tsx): its day and title. Works without JavaScript. */
export function SteeringMeetingForm({
  fresh,
  today,
  refused,
}: {
  fresh: string;
  today: string;
  refused: { error: Record<string, string>; values: Record<string, string> } | null;
}) {
  const { t } = useTranslation("steering");
  const submissionKey = useSubmissionKey(fresh);
  const busy = useNavigation().state === "submitting";
  const errors = refused?.error ?? {};
  return (
    <div className="stack">
      <p>
        <Link to="/steering">{t("list.back")}</Link>
      </p>
      <h1>{t("new.title")}</h1>
      <p>{t("new.intro")}</p>
      <Form method="post" className="stack" key={submissionKey}>
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <TextField
          id="heldOn"
          label={t("new.heldOn")}
          error={errors.heldOn}
          name="heldOn"
          type="date"
          required
          defaultValue={refused?.values.heldOn ?? today}
        />
        <TextField
          id="title"
          label={t("new.meetingTitle")}
          error={errors.title}
          name="title"
          required
          maxLength={STEERING_LIMITS.title}
          defaultValue={refused?.values.title ?? ""}
        />
        <p>
          <button type="submit" className="button" disabled={busy}>
            {t("new.submit")}
          </button>
        </p>
      </Form>
    </div>
  );
}

type Refused = { intent: string; error: Record<string, string>; values: Record<string, string> } | null;

/** A form of the meeting page: its submission key and, when the page refused it (not another form), errors and values. */
function useMeetingPageForm(fresh: string, refused: Refused, intent: "item" | "action") {
  const submissionKey = useSubmissionKey(fresh, intent);
  const mine = refused?.intent === intent ? refused : null;
  return { submissionKey, errors: mine?.error ?? {}, value: (name: string) => mine?.values[name] ?? "" };
}

/** The card both "add" forms share: heading, hidden intent and key, the fields, and one submit button. */
function AddForm({
  intent,
  submissionKey,
  heading,
  submit,
  children,
}: {
  intent: "item" | "action";
  submissionKey: string;
  heading: string;
  submit: string;
  children: ReactNode;
}) {
  const headingId = `add-${intent}-heading`;
  // Keyed by the submission key: a new key (the last one saved) remounts the form empty.
  return (
    <Form method="post" className="stack card" key={submissionKey} aria-labelledby={headingId}>
      <h3 id={headingId}>{heading}</h3>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="submissionKey" value={submissionKey} />
      {children}
      <p>
        <button type="submit" className="button">
          {submit}
        </button>
      </p>
    </Form>
  );
}

/** Adding an agenda item: its title, the figure discussed (a section of /stats), notes and the decision. */
export function AgendaItemForm({ fresh, refused }: { fresh: string; refused: Refused }) {
  const { t } = useTranslation("steering");
  const { submissionKey, errors, value } = useMeetingPageForm(fresh, refused, "item");
  return (
    <AddForm intent="item" submissionKey={submissionKey} heading={t("item.add")} submit={t("item.submit")}>
      <TextField
        id="item-title"
        label={t("item.title")}
        error={errors.title}
        name="title"
        required
        maxLength={STEERING_LIMITS.title}
        defaultValue={value("title")}
      />
      <PlainSelect
        id="item-figure"
        label={t("item.figure")}
        error={errors.figure}
        placeholder={t("item.noFigure")}
        options={steeringFigures.map((f) => ({ value: f, label: t(`figures.${f}`) }))}
        name="figure"
        defaultValue={value("figure")}
      />
      {(["notes", "decision"] as const).map((name) => (
        <TextField
          key={name}
          id={`item-${name}`}
          label={t(`item.${name}`)}
          error={errors[name]}
          multiline
          name={name}
          rows={4}
          maxLength={STEERING_LIMITS[name]}
          defaultValue={value(name)}
        />
      ))}
    </AddForm>
  );
}

/** Adding an action: what, on which item (or the meeting), who owns it, and by when. */
export function ActionForm({
  fresh,
  refused,
  owners,
  items,
}: {
  fresh: string;
  refused: Refused;
  owners: { id: string; name: string }[];
  items: { id: string; position: number; title: string }[];
}) {
  const { t } = useTranslation("steering");
  const { submissionKey, errors, value } = useMeetingPageForm(fresh, refused, "action");
  return (
    <AddForm intent="action" submissionKey={submissionKey} heading={t("action.add")} submit={t("action.submit")}>
      <TextField
        id="action-description"
        label={t("action.description")}
        error={errors.description}
        multiline
        name="description"
        rows={3}
        required
        maxLength={STEERING_LIMITS.action}
        defaultValue={value("description")}
      />
      {/* Its error shows but, as it did before this select was shared, is not linked to it. */}
      <PlainSelect
        id="action-item"
        label={t("action.item")}
        error={errors.agendaItemId}
        linkError={false}
        placeholder={t("action.wholeMeeting")}
        options={items.map((i) => ({
          value: i.id,
          label: (
            <>
              {i.position}. {i.title}
            </>
          ),
        }))}
        name="agendaItemId"
        defaultValue={value("agendaItemId")}
      />
      <PlainSelect
        id="action-owner"
        label={t("action.owner")}
        error={errors.ownerId}
        placeholder={t("action.chooseOwner")}
        options={owners.map((o) => ({ value: o.id, label: o.name }))}
        name="ownerId"
        required
        defaultValue={value("ownerId")}
      />
      <TextField
        id="action-due"
        label={t("action.dueOn")}
        error={errors.dueOn}
        name="dueOn"
        type="date"
        required
        defaultValue={value("dueOn")}
      />
    </AddForm>
  );
}

/** Closing an open action, with an optional note on how it was done. */
export function CloseActionForm({ actionId, refused }: { actionId: string; refused: Refused }) {
  const { t } = useTranslation("steering");
  const mine = refused?.intent === "close" && refused.values.actionId === actionId ? refused : null;
  const id = `close-${actionId}`;
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="close" />
      <input type="hidden" name="actionId" value={actionId} />
      <TextField
        id={id}
        label={t("action.closingNote")}
        error={mine?.error.closingNote}
        name="closingNote"
        maxLength={STEERING_LIMITS.closingNote}
        defaultValue={mine?.values.closingNote ?? ""}
      />
      <p>
        <button type="submit" className="button button--secondary">
          {t("action.close")}
        </button>
      </p>
    </Form>
  );
}
