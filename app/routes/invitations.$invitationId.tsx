import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { audit } from "~/lib/audit.server";
import { dateTimeError } from "~/domain/dates";
import { stockholmInstant } from "~/domain/deadlines";
import { formatDateTime, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { isUuid } from "~/domain/ids";
import { requireOwnInvitation } from "~/server/invitation-access.server";
import { answerInvitation, handOverCandidates, type Answer } from "~/models/meeting.server";
import { readForm } from "~/lib/form-data.server";
import { limitedText, TEXT_LIMITS } from "~/domain/text-limits";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "meetings:invitation.title");

export const handle: RouteTexts = { i18n: ["meetings"] };

export async function loader(args: LoaderFunctionArgs) {
  const { user, found } = await requireOwnInvitation(args);
  await audit({
    action: "read",
    user,
    recordType: "invitation",
    recordId: found.invitation.id,
    requestId: args.context.requestId,
  });
  const { meeting, invitation } = found;
  return {
    invitation: {
      id: invitation.id,
      answer: invitation.answer,
      declineReason: invitation.declineReason,
      handedOver: !!invitation.handedOverFromId,
    },
    meeting: {
      startsAt: meeting.startsAt.toISOString(),
      durationMinutes: meeting.durationMinutes,
      form: meeting.form,
      place: meeting.place,
      status: meeting.status,
    },
    colleagues: await handOverCandidates(user, found.unitId, found.meeting.id),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { user, found } = await requireOwnInvitation(args);
  const formData = await readForm(args.request);
  const intent = String(formData.get("intent") ?? "");
  const fail = (error: string): { intent: string; error: string; values?: Record<string, string> } => ({
    intent,
    error: `meetings:errors.${error}`,
  });
  let answer: Answer;
  if (intent === "accepted") answer = { answer: "accepted" };
  else if (intent === "declined") {
    const reason = limitedText(formData, "reason", TEXT_LIMITS.declineReason);
    if (reason.tooLong) return { ...fail("tooLong"), values: { reason: reason.value } };
    if (!reason.value) return fail("reasonRequired");
    answer = { answer: "declined", reason: reason.value };
  } else if (intent === "proposed") {
    // What was typed comes back with a refusal, to be shown again.
    const values = { date: String(formData.get("date") ?? "").trim(), time: String(formData.get("time") ?? "").trim() };
    if (!values.date || !values.time) return { ...fail("timeRequired"), values };
    const invalid = dateTimeError(values.date, values.time);
    if (invalid) return { intent, error: invalid, values };
    const proposedStartsAt = stockholmInstant(values.date, values.time);
    if (proposedStartsAt.getTime() <= Date.now()) return { ...fail("timeInPast"), values };
    answer = { answer: "proposed", proposedStartsAt };
  } else if (intent === "handed_over") {
    const colleagueId = String(formData.get("colleagueId") ?? "");
    if (!isUuid(colleagueId)) return fail("colleagueRequired");
    answer = { answer: "handed_over", colleagueId };
  } else throw new Response(null, { status: 400 });

  const result = await answerInvitation(user, found.invitation.id, answer);
  if (!result) return fail("cannotAnswer");
  return redirect(`/invitations/${found.invitation.id}?notice=invitationAnswered`);
}

export default function Invitation() {
  const { t, i18n } = useTranslation("meetings");
  const { invitation, meeting, colleagues } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const open = meeting.status === "scheduled" && invitation.answer !== "handed_over";
  // A refused proposal is shown again as typed (a new page without JavaScript).
  const kept = (name: "date" | "time") => (actionData?.intent === "proposed" ? actionData.values?.[name] : undefined);
  const error = (intent: string) =>
    actionData?.intent === intent ? (
      <p role="alert" className="error-list">
        {t(actionData.error)}
      </p>
    ) : null;
  return (
    <div className="narrow stack">
      <p>
        <Link to="/invitations">{t("invitation.back")}</Link>
      </p>
      <h1>{t("invitation.title")}</h1>
      <dl className="facts">
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
      {open ? (
        <p>
          <a href={`/invitations/${invitation.id}/calendar.ics`} download>
            {t("invitation.calendarFile")}
          </a>
        </p>
      ) : null}
      {invitation.handedOver ? <p className="alert">{t("invitation.handedToYou")}</p> : null}
      {open ? (
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
              <input id="propose-date" name="date" type="date" defaultValue={kept("date")} required />
            </div>
            <div className="field">
              <label htmlFor="propose-time">{t("invitation.time")}</label>
              <input id="propose-time" name="time" type="time" defaultValue={kept("time")} required />
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
                defaultValue={
                  actionData?.intent === "declined"
                    ? (actionData.values as Record<string, string> | undefined)?.reason
                    : undefined
                }
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
      ) : null}
    </div>
  );
}
