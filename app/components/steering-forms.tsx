import { Form, Link, useNavigation } from "@remix-run/react";
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
        <div className="field">
          <label htmlFor="heldOn">{t("new.heldOn")}</label>
          <input
            id="heldOn"
            name="heldOn"
            type="date"
            required
            defaultValue={refused?.values.heldOn ?? today}
            {...described("heldOn", errors.heldOn)}
          />
          <FieldError id="heldOn-error" error={errors.heldOn} />
        </div>
        <div className="field">
          <label htmlFor="title">{t("new.meetingTitle")}</label>
          <input
            id="title"
            name="title"
            required
            maxLength={STEERING_LIMITS.title}
            defaultValue={refused?.values.title ?? ""}
            {...described("title", errors.title)}
          />
          <FieldError id="title-error" error={errors.title} />
        </div>
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

/** Adding an agenda item: its title, the figure discussed (a section of /stats), notes and the decision. */
export function AgendaItemForm({ fresh, refused }: { fresh: string; refused: Refused }) {
  const { t } = useTranslation("steering");
  const submissionKey = useSubmissionKey(fresh, "item");
  const mine = refused?.intent === "item" ? refused : null;
  const errors = mine?.error ?? {};
  const value = (name: string) => mine?.values[name] ?? "";
  return (
    <Form method="post" className="stack card" key={submissionKey} aria-labelledby="add-item-heading">
      <h3 id="add-item-heading">{t("item.add")}</h3>
      <input type="hidden" name="intent" value="item" />
      <input type="hidden" name="submissionKey" value={submissionKey} />
      <div className="field">
        <label htmlFor="item-title">{t("item.title")}</label>
        <input
          id="item-title"
          name="title"
          required
          maxLength={STEERING_LIMITS.title}
          defaultValue={value("title")}
          {...described("item-title", errors.title)}
        />
        <FieldError id="item-title-error" error={errors.title} />
      </div>
      <div className="field">
        <label htmlFor="item-figure">{t("item.figure")}</label>
        <select
          id="item-figure"
          name="figure"
          defaultValue={value("figure")}
          {...described("item-figure", errors.figure)}
        >
          <option value="">{t("item.noFigure")}</option>
          {steeringFigures.map((f) => (
            <option key={f} value={f}>
              {t(`figures.${f}`)}
            </option>
          ))}
        </select>
        <FieldError id="item-figure-error" error={errors.figure} />
      </div>
      {(["notes", "decision"] as const).map((name) => (
        <div className="field" key={name}>
          <label htmlFor={`item-${name}`}>{t(`item.${name}`)}</label>
          <textarea
            id={`item-${name}`}
            name={name}
            rows={4}
            maxLength={STEERING_LIMITS[name]}
            defaultValue={value(name)}
            {...described(`item-${name}`, errors[name])}
          />
          <FieldError id={`item-${name}-error`} error={errors[name]} />
        </div>
      ))}
      <p>
        <button type="submit" className="button">
          {t("item.submit")}
        </button>
      </p>
    </Form>
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
  const submissionKey = useSubmissionKey(fresh, "action");
  const mine = refused?.intent === "action" ? refused : null;
  const errors = mine?.error ?? {};
  const value = (name: string) => mine?.values[name] ?? "";
  return (
    <Form method="post" className="stack card" key={submissionKey} aria-labelledby="add-action-heading">
      <h3 id="add-action-heading">{t("action.add")}</h3>
      <input type="hidden" name="intent" value="action" />
      <input type="hidden" name="submissionKey" value={submissionKey} />
      <div className="field">
        <label htmlFor="action-description">{t("action.description")}</label>
        <textarea
          id="action-description"
          name="description"
          rows={3}
          required
          maxLength={STEERING_LIMITS.action}
          defaultValue={value("description")}
          {...described("action-description", errors.description)}
        />
        <FieldError id="action-description-error" error={errors.description} />
      </div>
      <div className="field">
        <label htmlFor="action-item">{t("action.item")}</label>
        <select id="action-item" name="agendaItemId" defaultValue={value("agendaItemId")}>
          <option value="">{t("action.wholeMeeting")}</option>
          {items.map((i) => (
            <option key={i.id} value={i.id}>
              {i.position}. {i.title}
            </option>
          ))}
        </select>
        <FieldError id="action-item-error" error={errors.agendaItemId} />
      </div>
      <div className="field">
        <label htmlFor="action-owner">{t("action.owner")}</label>
        <select
          id="action-owner"
          name="ownerId"
          required
          defaultValue={value("ownerId")}
          {...described("action-owner", errors.ownerId)}
        >
          <option value="">{t("action.chooseOwner")}</option>
          {owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <FieldError id="action-owner-error" error={errors.ownerId} />
      </div>
      <div className="field">
        <label htmlFor="action-due">{t("action.dueOn")}</label>
        <input
          id="action-due"
          name="dueOn"
          type="date"
          required
          defaultValue={value("dueOn")}
          {...described("action-due", errors.dueOn)}
        />
        <FieldError id="action-due-error" error={errors.dueOn} />
      </div>
      <p>
        <button type="submit" className="button">
          {t("action.submit")}
        </button>
      </p>
    </Form>
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
      <div className="field">
        <label htmlFor={id}>{t("action.closingNote")}</label>
        <input
          id={id}
          name="closingNote"
          maxLength={STEERING_LIMITS.closingNote}
          defaultValue={mine?.values.closingNote ?? ""}
          {...described(id, mine?.error.closingNote)}
        />
        <FieldError id={`${id}-error`} error={mine?.error.closingNote} />
      </div>
      <p>
        <button type="submit" className="button button--secondary">
          {t("action.close")}
        </button>
      </p>
    </Form>
  );
}
