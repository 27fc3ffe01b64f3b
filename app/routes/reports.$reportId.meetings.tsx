import type { ActionFunctionArgs } from "@remix-run/node";
import { stockholmInstant } from "~/domain/deadlines";
import { caseReply, meetingActions, type CaseIntent, type CaseReply } from "~/domain/report-case-schema";
import type { RouteTexts } from "~/lib/i18n";
import {
  acceptProposal,
  cancelMeeting,
  createMeeting,
  inviteeOptions,
  meetingOfReport,
  recordHeld,
  recordNoMeeting,
  rescheduleMeeting,
} from "~/models/meeting.server";
import { notFound } from "~/server/auth.server";
import { backToReport, guardStep, parseStep } from "~/server/report-case.server";

/**
 * Reception's meeting steps on a report (SoL 14 kap 1 a §): invite, move, cancel, accept a proposed time, record it
 * held, or record why no meeting is offered. Posted from the report page (reports.$reportId.tsx); the models audit
 * each change in its own transaction.
 */
export const handle: RouteTexts = { i18n: ["meetings", "reports"] };

// Without JavaScript a refused form is answered at this address: the page as at its own, with this route's answer.
export { ReportCaseSteps as default } from "~/components/report-page";
// A send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction } from "~/lib/form-failure";

export async function action(args: ActionFunctionArgs): Promise<CaseReply | Response> {
  // Investigators process reports but hold no meetings.
  const { user, report } = await guardStep(args, ["report:process", "meeting:manage"]);
  const submission = await parseStep(args, meetingActions);
  const intent = submission.payload.intent as CaseIntent;
  const errors = submission.status === "success" ? null : submission.error;
  const refuse = (reason?: string) =>
    caseReply(intent, submission.payload, errors, reason && `meetings:errors.${reason}`);
  // A form about a meeting names one of this report's meetings, whatever else it says; another is a 404.
  const meeting =
    intent === "meeting" || intent === "noMeeting"
      ? null
      : await meetingOfReport(report, String(submission.payload.meetingId ?? ""));
  if (intent !== "meeting" && intent !== "noMeeting" && !meeting) throw notFound();
  if (submission.status !== "success") return refuse();

  const step = submission.value;
  if (step.intent === "noMeeting") {
    if (!(await recordNoMeeting(user, report.id, step.reason, step.text))) return refuse("meetingScheduled");
    return backToReport(report, "saved");
  }
  if (step.intent === "meeting") {
    // Only the people the page offers may be invited.
    const allowed = new Set((await inviteeOptions(report)).map((o) => o.id));
    const invitees = step.invitees.filter((id) => allowed.has(id));
    if (!invitees.length) return refuse("inviteeRequired");
    const { date, time, duration, form, place, otherParticipants } = step;
    const startsAt = stockholmInstant(date, time);
    const input = { startsAt, durationMinutes: duration, form, place, otherParticipants };
    const created = await createMeeting(user, report, input, invitees, step.submissionKey);
    return created ? backToReport(report, "meetingInvited") : refuse("notFound");
  }
  if (!meeting) throw notFound();
  switch (step.intent) {
    case "reschedule": {
      const moved = { startsAt: stockholmInstant(step.date, step.time), durationMinutes: meeting.durationMinutes };
      if (!(await rescheduleMeeting(user, meeting, { ...moved, place: meeting.place }))) return refuse("cannotChange");
      return backToReport(report, "meetingRescheduled");
    }
    case "acceptProposal":
      if (!(await acceptProposal(user, meeting, step.invitationId))) return refuse("cannotChange");
      return backToReport(report, "meetingRescheduled");
    case "held":
      if (meeting.startsAt.getTime() > Date.now()) return refuse("notYetHeld");
      if (!(await recordHeld(user, meeting, step.attended))) return refuse("cannotChange");
      return backToReport(report, "meetingHeld");
    case "cancelMeeting":
      if (!(await cancelMeeting(user, meeting))) return refuse("cannotChange");
      return backToReport(report, "meetingCancelled");
  }
}
