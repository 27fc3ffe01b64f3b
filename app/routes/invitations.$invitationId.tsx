import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InvitationAnswers, InvitationFacts, type InvitationRefusal } from "~/components/invitation-answer";
import { audit } from "~/lib/audit.server";
import { dateTimeError } from "~/domain/dates";
import { stockholmInstant } from "~/domain/deadlines";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
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
      reference: found.reference,
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
  const fail = (error: string): InvitationRefusal => ({
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
  const { t } = useTranslation("meetings");
  const { invitation, meeting, colleagues } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const open = meeting.status === "scheduled" && invitation.answer !== "handed_over";
  return (
    <div className="narrow stack">
      <p>
        <Link to="/invitations">{t("invitation.back")}</Link>
      </p>
      <h1>{t("invitation.title")}</h1>
      <InvitationFacts invitation={invitation} meeting={meeting} />
      {open ? (
        <p>
          <a href={`/invitations/${invitation.id}/calendar.ics`} download>
            {t("invitation.calendarFile")}
          </a>
        </p>
      ) : null}
      {invitation.handedOver ? <p className="alert">{t("invitation.handedToYou")}</p> : null}
      {open ? (
        <InvitationAnswers colleagues={colleagues} refusal={actionData} busy={busy} />
      ) : actionData ? (
        // The forms are gone (the meeting was cancelled while the answer was written): the refusal is told here.
        <p role="alert" className="error-list">
          {t(actionData.error)}
        </p>
      ) : null}
    </div>
  );
}
