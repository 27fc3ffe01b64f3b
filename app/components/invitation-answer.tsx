import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TEXT_LIMITS } from "~/domain/text-limits";
import { formatDateTime, isLocale } from "~/lib/i18n";
import type { loader } from "~/routes/invitations.$invitationId";

/** What the invitation page's loader gives its parts. */
export type InvitationData = SerializeFrom<typeof loader>;

/** The action's refusal of one answer (its intent), with what was typed to show again. */
export type InvitationRefusal = { intent: string; error: string; values?: Record<string, string> };

/** The meeting invited to: when, how and where, and the answer given so far. */
export function InvitationFacts({ invitation, meeting }: Pick<InvitationData, "invitation" | "meeting">) {
  const { t, i18n } = useTranslation("meetings");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  return (
    <dl className="facts">
      <dt>{t("invitations.report")}</dt>
      <dd>{meeting.reference}</dd>
      <dt>{t("invitations.when")}</dt>
      <dd>
        {formatDateTime(meeting.startsAt, locale)} · {t("invitation.minutes", { count: meeting.durationMinutes })}
      </dd>
      <dt>{t("invitations.where")}</dt>
      <dd>
        {t(`forms.${meeting.form}`)}
        {meeting.place ? ` · ${meeting.place}` : ""}
      </dd>
      <dt>{t("invitations.answer")}</dt>
      <dd>{meeting.status === "cancelled" ? t("invitations.cancelled") : t(`answers.${invitation.answer}`)}</dd>
    </dl>
  );
}

/** The four answers to an open invitation: accept, propose another time, hand over to a colleague, decline. */
export function InvitationAnswers({
  colleagues,
  refusal,
  busy,
}: Pick<InvitationData, "colleagues"> & { refusal?: InvitationRefusal; busy: boolean }) {
  const { t } = useTranslation("meetings");
  // A refused answer is shown again as typed (a new page without JavaScript).
  const kept = (intent: string, name: string) => (refusal?.intent === intent ? refusal.values?.[name] : undefined);
  const error = (intent: string) =>
    refusal?.intent === intent ? (
      <p role="alert" className="error-list">
        {t(refusal.error)}
      </p>
    ) : null;
  return (
    <>
      <p className="alert">{t("invitation.whyYou")}</p>
      <Form method="post">
        <button type="submit" name="intent" value="accepted" className="button" disabled={busy}>
          {t("invitation.accept")}
        </button>
      </Form>
      {error("accepted")}
      <Form method="post" className="card stack">
        <h2>{t("invitation.proposeHeading")}</h2>
        <div className="field">
          <label htmlFor="propose-date">{t("invitation.date")}</label>
          <input id="propose-date" name="date" type="date" defaultValue={kept("proposed", "date")} required />
        </div>
        <div className="field">
          <label htmlFor="propose-time">{t("invitation.time")}</label>
          <input id="propose-time" name="time" type="time" defaultValue={kept("proposed", "time")} required />
        </div>
        {error("proposed")}
        <p>
          <button type="submit" name="intent" value="proposed" className="button button--secondary" disabled={busy}>
            {t("invitation.propose")}
          </button>
        </p>
      </Form>
      {colleagues.length ? (
        <Form method="post" className="card stack">
          <h2>{t("invitation.handOverHeading")}</h2>
          <p className="field__hint">{t("invitation.handOverHint")}</p>
          <div className="field">
            <label htmlFor="colleague">{t("invitation.colleague")}</label>
            <select id="colleague" name="colleagueId" required defaultValue="">
              <option value="">{t("invitation.choose")}</option>
              {colleagues.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          {error("handed_over")}
          <p>
            <button
              type="submit"
              name="intent"
              value="handed_over"
              className="button button--secondary"
              disabled={busy}
            >
              {t("invitation.handOver")}
            </button>
          </p>
        </Form>
      ) : (
        <section className="card stack" aria-labelledby="hand-over-heading">
          <h2 id="hand-over-heading">{t("invitation.handOverHeading")}</h2>
          <p>{t("invitation.noColleagues")}</p>
        </section>
      )}
      <Form method="post" className="card stack">
        <h2>{t("invitation.declineHeading")}</h2>
        <div className="field">
          <label htmlFor="decline-reason">{t("invitation.reason")}</label>
          <textarea
            id="decline-reason"
            name="reason"
            rows={2}
            required
            maxLength={TEXT_LIMITS.declineReason}
            defaultValue={kept("declined", "reason")}
          />
        </div>
        {error("declined")}
        <p>
          <button type="submit" name="intent" value="declined" className="button button--secondary" disabled={busy}>
            {t("invitation.decline")}
          </button>
        </p>
      </Form>
    </>
  );
}
