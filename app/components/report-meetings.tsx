import type { MouseEvent } from "react";
import { useTranslation } from "react-i18next";
import { getZodConstraint } from "@conform-to/zod";
import { browserChecks } from "~/components/forms";
import { meetingSchema, noMeetingSchema, rescheduleSchema, type CaseReply } from "~/domain/report-case-schema";
import { formatDateTime, isLocale } from "~/lib/i18n";
import { meetingForms, noMeetingReasons } from "~/domain/vocabulary";
import { useFetcherSubmission } from "~/lib/use-submission-key";
import { stepAction, useBusy, useStepForm } from "./report-reply";

// The fields' rules, from the schemas the meetings route parses with.
const meetingRules = getZodConstraint(meetingSchema);
const rescheduleRules = getZodConstraint(rescheduleSchema);
const noMeetingRules = getZodConstraint(noMeetingSchema);

interface MeetingView {
  id: string;
  startsAt: string;
  durationMinutes: number;
  form: string;
  place: string;
  otherParticipants: string;
  status: string;
  invitations: {
    id: string;
    inviteeName: string;
    answer: string;
    declineReason: string | null;
    proposedStartsAt: string | null;
    attended: boolean | null;
    answeredAt: string | null;
    handedOverTo: string | null;
  }[];
}

/** What was typed into a refused form, to show again (a new page without JavaScript); for one meeting's form, its. */
const kept = (reply: CaseReply | undefined, name: string, meetingId = "") =>
  reply && (reply.values?.meetingId ?? "") === meetingId ? reply.values?.[name] : undefined;

/** A refused form's message, where the form is. */
function StepError({ reply }: { reply: CaseReply | undefined }) {
  const { t } = useTranslation("meetings");
  return reply ? (
    <p role="alert" className="error-list">
      {t(reply.error)}
    </p>
  ) : null;
}

/**
 * Reception's part of the report page: the report meeting (SoL 14 kap 1 a §), or why none is offered. Every form
 * posts to the meetings step (app/routes/reports.$reportId.meetings.tsx).
 */
export function ReportMeetings({
  reportId,
  meetings,
  candidates,
  noMeetingReason,
  noMeetingNote,
  now,
  routeReply,
  submissionKey,
}: {
  reportId: string;
  meetings: MeetingView[];
  candidates: { id: string; name: string; role: string }[];
  noMeetingReason: string | null;
  noMeetingNote: string | null;
  /** The server's time when the page was made: past meetings can be recorded as held. */
  now: number;
  routeReply?: CaseReply;
  /** The page's fresh key for the invitation form. */
  submissionKey: string;
}) {
  const { t } = useTranslation("meetings");
  const busy = useBusy();
  const action = stepAction(reportId, "meetings");
  const invite = useStepForm("meeting", routeReply);
  const inviteKey = useFetcherSubmission(submissionKey, invite.fetcher).key;
  const noMeeting = useStepForm("noMeeting", routeReply);
  // One meeting at a time; while it is planned there is nothing to invite to, and "no meeting offered" would be untrue.
  const scheduled = meetings.some((m) => m.status === "scheduled");
  return (
    <section aria-labelledby="meeting-heading" className="card stack">
      <h2 id="meeting-heading">{t("report.heading")}</h2>
      {meetings.map((m) => (
        <Meeting
          key={m.id}
          meeting={m}
          now={now}
          reportId={reportId}
          action={action}
          routeReply={routeReply}
          busy={busy}
        />
      ))}
      {scheduled ? null : (
        <invite.fetcher.Form method="post" action={action} className="stack" key={inviteKey}>
          <input type="hidden" name="submissionKey" value={inviteKey} />
          <h3>{t("report.invite")}</h3>
          <div className="button-row">
            <div className="field">
              <label htmlFor="meeting-date">{t("report.date")}</label>
              <input
                id="meeting-date"
                name="date"
                type="date"
                defaultValue={kept(invite.reply, "date")}
                required={meetingRules.date?.required}
              />
            </div>
            <div className="field">
              <label htmlFor="meeting-time">{t("report.time")}</label>
              <input
                id="meeting-time"
                name="time"
                type="time"
                defaultValue={kept(invite.reply, "time")}
                required={meetingRules.time?.required}
              />
            </div>
            <div className="field">
              <label htmlFor="meeting-duration">{t("report.duration")}</label>
              <input
                id="meeting-duration"
                name="duration"
                type="number"
                min={15}
                max={240}
                defaultValue={60}
                required
              />
            </div>
            <div className="field">
              <label htmlFor="meeting-form">{t("report.form")}</label>
              <select id="meeting-form" name="form" defaultValue="in_person">
                {meetingForms.map((f) => (
                  <option key={f} value={f}>
                    {t(`forms.${f}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="field">
            <label htmlFor="meeting-place">{t("report.place")}</label>
            <p className="field__hint" id="meeting-place-hint">
              {t("report.placeHint")}
            </p>
            <input
              id="meeting-place"
              name="place"
              {...browserChecks(meetingRules.place)}
              defaultValue={kept(invite.reply, "place")}
              aria-describedby="meeting-place-hint"
            />
          </div>
          <div className="field">
            <label htmlFor="meeting-others">{t("report.otherParticipants")}</label>
            <p className="field__hint" id="meeting-others-hint">
              {t("report.otherParticipantsHint")}
            </p>
            <input
              id="meeting-others"
              name="otherParticipants"
              {...browserChecks(meetingRules.otherParticipants)}
              defaultValue={kept(invite.reply, "otherParticipants")}
              aria-describedby="meeting-others-hint"
            />
          </div>
          <fieldset>
            <legend>{t("report.invitees")}</legend>
            {candidates.map((c, i) => (
              <label key={c.id} className="choice">
                <input type="checkbox" name="invitees" value={c.id} defaultChecked={i === 0} />
                {c.name} <span className="muted">({t(`report.inviteeRoles.${c.role}`)})</span>
              </label>
            ))}
          </fieldset>
          <StepError reply={invite.reply} />
          <p>
            <button type="submit" name="intent" value="meeting" className="button" disabled={busy}>
              {t("report.send")}
            </button>
          </p>
        </invite.fetcher.Form>
      )}
      {scheduled ? null : (
        <noMeeting.fetcher.Form method="post" action={action} className="stack">
          <h3>{t("report.noMeetingHeading")}</h3>
          {noMeetingReason ? (
            <p>{t("report.noMeetingRecorded", { reason: t(`noMeeting.${noMeetingReason}`) })}</p>
          ) : null}
          <div className="field">
            <label htmlFor="no-meeting-reason">{t("report.noMeetingReason")}</label>
            <select
              id="no-meeting-reason"
              name="reason"
              defaultValue={noMeetingReason ?? ""}
              required={noMeetingRules.reason?.required}
            >
              <option value="">{t("report.choose")}</option>
              {noMeetingReasons.map((r) => (
                <option key={r} value={r}>
                  {t(`noMeeting.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="no-meeting-note">{t("report.noMeetingNote")}</label>
            <input
              id="no-meeting-note"
              name="text"
              {...browserChecks(noMeetingRules.text)}
              defaultValue={kept(noMeeting.reply, "text") ?? noMeetingNote ?? ""}
            />
          </div>
          <StepError reply={noMeeting.reply} />
          <p>
            <button type="submit" name="intent" value="noMeeting" className="button button--secondary" disabled={busy}>
              {t("report.saveNoMeeting")}
            </button>
          </p>
        </noMeeting.fetcher.Form>
      )}
    </section>
  );
}

/** One meeting with its answers, and while it is scheduled the forms to move, cancel or record it as held. */
function Meeting({
  meeting: m,
  now,
  reportId,
  action,
  routeReply,
  busy,
}: {
  meeting: MeetingView;
  now: number;
  reportId: string;
  action: string;
  routeReply?: CaseReply;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation("meetings");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  // The route's answer (without JavaScript) is this meeting's when it names it, or names no meeting.
  const ours = routeReply && (routeReply.values?.meetingId ?? m.id) === m.id ? routeReply : undefined;
  const accept = useStepForm("acceptProposal", ours);
  const held = useStepForm("held", ours);
  const reschedule = useStepForm("reschedule", ours);
  return (
    <div className="stack">
      <p>
        <strong>{formatDateTime(m.startsAt, locale)}</strong> · {t(`forms.${m.form}`)}
        {m.place ? ` · ${m.place}` : ""} · {t(`status.${m.status}`)}
      </p>
      {m.otherParticipants ? <p className="muted">{t("report.others", { others: m.otherParticipants })}</p> : null}
      <ul className="plain-list">
        {m.invitations.map((i) => (
          <li key={i.id}>
            {i.inviteeName}: {t(`answers.${i.answer}`)}
            {i.answer === "handed_over" && i.handedOverTo
              ? ` ${t("report.handedOverTo", {
                  name: i.handedOverTo,
                  when: i.answeredAt ? formatDateTime(i.answeredAt, locale) : "",
                })}`
              : ""}
            {i.declineReason ? ` (${i.declineReason})` : ""}
            {i.proposedStartsAt
              ? ` – ${t("report.proposed", { when: formatDateTime(i.proposedStartsAt, locale) })}`
              : ""}
            {i.attended === null ? "" : ` · ${i.attended ? t("report.came") : t("report.didNotCome")}`}
            {m.status === "scheduled" && i.answer === "proposed" ? (
              <accept.fetcher.Form method="post" action={action} className="inline-form">
                <input type="hidden" name="meetingId" value={m.id} />
                <input type="hidden" name="invitationId" value={i.id} />{" "}
                <button
                  type="submit"
                  name="intent"
                  value="acceptProposal"
                  className="button button--ghost"
                  disabled={busy}
                >
                  {t("report.acceptProposal")}
                </button>
              </accept.fetcher.Form>
            ) : null}
          </li>
        ))}
      </ul>
      <StepError reply={accept.reply} />
      {m.status === "scheduled" && new Date(m.startsAt).getTime() < now ? (
        <held.fetcher.Form method="post" action={action} className="stack">
          <input type="hidden" name="meetingId" value={m.id} />
          <fieldset>
            <legend>{t("report.whoCame")}</legend>
            {m.invitations
              .filter((i) => i.answer !== "handed_over")
              .map((i) => (
                <label key={i.id} className="choice">
                  <input type="checkbox" name="attended" value={i.id} />
                  {i.inviteeName}
                </label>
              ))}
          </fieldset>
          <StepError reply={held.reply} />
          <p>
            <button type="submit" name="intent" value="held" className="button" disabled={busy}>
              {t("report.recordHeld")}
            </button>
          </p>
        </held.fetcher.Form>
      ) : null}
      {m.status === "scheduled" ? (
        <div className="button-row">
          <reschedule.fetcher.Form method="post" action={action} className="inline-step">
            <input type="hidden" name="meetingId" value={m.id} />
            <div className="field">
              <label htmlFor={`new-date-${m.id}`}>{t("report.newDate")}</label>
              <input
                id={`new-date-${m.id}`}
                name="date"
                type="date"
                defaultValue={kept(reschedule.reply, "date", m.id)}
                required={rescheduleRules.date?.required}
              />
            </div>
            <div className="field">
              <label htmlFor={`new-time-${m.id}`}>{t("report.newTime")}</label>
              <input
                id={`new-time-${m.id}`}
                name="time"
                type="time"
                defaultValue={kept(reschedule.reply, "time", m.id)}
                required={rescheduleRules.time?.required}
              />
            </div>
            <StepError reply={reschedule.reply} />
            <button type="submit" name="intent" value="reschedule" className="button button--secondary" disabled={busy}>
              {t("report.reschedule")}
            </button>
          </reschedule.fetcher.Form>
        </div>
      ) : null}
      {m.status === "scheduled" ? (
        <CancelMeeting meeting={m} reportId={reportId} action={action} routeReply={ours} busy={busy} />
      ) : null}
    </div>
  );
}

/**
 * Cancelling e-mails everyone invited, so it asks first: a disclosure (it works without JavaScript) whose form sends
 * the confirmation the server requires (app/domain/report-case-schema.ts). Open when the server asked again.
 */
function CancelMeeting({
  meeting: m,
  reportId,
  action,
  routeReply,
  busy,
}: {
  meeting: MeetingView;
  reportId: string;
  action: string;
  routeReply?: CaseReply;
  busy: boolean;
}) {
  const { t } = useTranslation("meetings");
  const cancel = useStepForm("cancelMeeting", routeReply);
  // Who the cancellation reaches: all but those who handed their invitation over (their colleague is told instead).
  const told = m.invitations.filter((i) => i.answer !== "handed_over").length;
  const toldId = `cancel-told-${m.id}`;
  return (
    // The report page's disclosure style (reports.css): a summary with room to tap, in the link colour.
    <details className="more-fields" open={cancel.reply ? true : undefined}>
      <summary>{t("report.cancel")}</summary>
      <cancel.fetcher.Form method="post" action={action} className="stack">
        <input type="hidden" name="meetingId" value={m.id} />
        <input type="hidden" name="confirm" value="yes" />
        <p id={toldId}>
          <strong>{t("report.cancelQuestion")}</strong> {t("report.cancelTold", { count: told })}
        </p>
        <StepError reply={cancel.reply} />
        <div className="button-row">
          <button
            type="submit"
            name="intent"
            value="cancelMeeting"
            className="button button--danger"
            aria-describedby={toldId}
            disabled={busy}
          >
            {t("report.cancelYes")}
          </button>
          <a href={`/reports/${reportId}`} className="button button--secondary" onClick={keepMeeting}>
            {t("report.cancelNo")}
          </a>
        </div>
      </cancel.fetcher.Form>
    </details>
  );
}

/**
 * "No, keep it": with JavaScript the question closes where it is and focus goes back to its summary; without, the
 * link loads the report page afresh (the question closed).
 */
function keepMeeting(event: MouseEvent<HTMLAnchorElement>) {
  const details = event.currentTarget.closest("details");
  if (!details) return;
  event.preventDefault();
  details.open = false;
  details.querySelector("summary")?.focus();
}
