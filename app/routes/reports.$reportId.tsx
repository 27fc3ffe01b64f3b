import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CaseProcess, Notes, Timeline } from "~/components/report-case";
import { ReportMeetings } from "~/components/report-meetings";
import { ReportSummary, Supplements } from "~/components/report-summary";
import { StatusTag } from "~/components/report-status";
import { audit } from "~/lib/audit.server";
import { assertCan, notFound, recordNotFound, requirePermission } from "~/lib/auth.server";
import { stockholmInstant } from "~/lib/deadlines";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { isUuid } from "~/lib/ids";
import { can, type CurrentUser } from "~/lib/permissions.server";
import {
  meetingForms,
  noMeetingReasons,
  protectionOutcomes,
  reportDecisions,
  type MeetingForm,
  type NoMeetingReason,
  type ProtectionOutcome,
  type ReportDecision,
} from "~/lib/vocabulary";
import {
  acceptProposal,
  cancelMeeting,
  createMeeting,
  getMeeting,
  inviteeOptions,
  recordHeld,
  recordNoMeeting,
  rescheduleMeeting,
} from "~/models/meeting.server";
import {
  addNote,
  addSupplement,
  assignReport,
  caseView,
  getReport,
  markNeededSupplement,
  recordChildHeard,
  recordDecision,
  recordProtectionAssessment,
  reporterView,
  requestSupplement,
  reportResource,
} from "~/models/report.server";
import reportStyles from "~/styles/reports.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reports:detail.title");

export const handle: RouteTexts = { i18n: ["meetings", "reports"] };

type Args = LoaderFunctionArgs | ActionFunctionArgs;

/** The report in the URL if the user may read it; otherwise a 404 that says nothing about whether it exists. */
async function loadReport(args: Args) {
  const user = await requirePermission(args, "report:read");
  const reportId = args.params.reportId ?? "";
  const report = isUuid(reportId) ? await getReport(user.municipalityId, reportId) : null;
  if (!report) return recordNotFound(args, user, "report", reportId);
  await assertCan(args, user, "report:read", reportResource(report));
  return { user, report };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function serialise(view: Awaited<ReturnType<typeof reporterView>>) {
  return {
    ...view,
    receivedAt: view.receivedAt.toISOString(),
    decidedAt: iso(view.decidedAt),
    supplements: view.supplements.map((s) => ({ ...s, createdAt: s.createdAt.toISOString() })),
    supplementRequests: view.supplementRequests.map((r) => ({ ...r, askedAt: r.askedAt.toISOString(), answeredAt: iso(r.answeredAt) })),
  };
}

type Report = NonNullable<Awaited<ReturnType<typeof getReport>>>;

async function caseData(report: Report) {
  const view = await caseView(report);
  return {
    ...serialise(view),
    channel: view.channel,
    reporterInPortal: !!report.reporterId,
    reporterPhone: view.reporterPhone,
    reporterEmail: view.reporterEmail,
    registeredByName: view.registeredByName,
    protection: { ...view.protection, dueAt: view.protection.dueAt.toISOString(), assessedAt: iso(view.protection.assessedAt) },
    decisionDeadline: { ...view.decisionDeadline, dueAt: view.decisionDeadline.dueAt.toISOString() },
    adviceConsultationId: view.adviceConsultationId,
    assignedToId: view.assignedToId,
    assignedToName: view.assignedToName,
    childHeard: view.childHeard,
    childHeardNote: view.childHeardNote,
    decision: view.decision,
    neededSupplement: view.neededSupplement,
    events: view.events.map((e) => ({ ...e, at: e.at.toISOString() })),
    notes: view.notes.map((n) => ({ ...n, createdAt: n.createdAt.toISOString() })),
    workers: view.workers,
    noMeetingReason: report.noMeetingReason,
    noMeetingNote: report.noMeetingNote,
    meetings: view.meetings.map(({ invitations, ...meeting }) => ({
      ...meeting,
      startsAt: meeting.startsAt.toISOString(),
      invitations: invitations.map((i) => ({ ...i, proposedStartsAt: i.proposedStartsAt?.toISOString() ?? null })),
    })),
    inviteeCandidates: view.inviteeCandidates,
  };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, report } = await loadReport(args);
  const requestId = args.context.requestId;
  if (can(user, "report:process")) {
    const data = await caseData(report);
    await audit({ action: "read", user, recordType: "report", recordId: report.id, requestId, details: { view: "case" } });
    return { view: "case" as const, report: data, now: Date.now() };
  }
  const data = serialise(await reporterView(report));
  await audit({ action: "read", user, recordType: "report", recordId: report.id, requestId, details: { view: "reporter" } });
  return { view: "reporter" as const, report: data, canSupplement: can(user, "report:supplement", reportResource(report)) };
}

export type ReportActionData = { intent: string; error: string } | undefined;

function textFrom(formData: FormData, max = 10_000) {
  return String(formData.get("text") ?? "").trim().slice(0, max);
}

export async function action(args: ActionFunctionArgs): Promise<ReportActionData | Response> {
  const { user, report } = await loadReport(args);
  const formData = await args.request.formData();
  const intent = String(formData.get("intent") ?? "");
  const requestId = args.context.requestId;
  const done = async (notice: string, details: Record<string, unknown>) => {
    await audit({ action: "update", user, recordType: "report", recordId: report.id, requestId, details: { intent, ...details } });
    return redirect(`/reports/${report.id}?notice=${notice}`);
  };
  const fail = (error: string): ReportActionData => ({ intent, error: `reports:errors.${error}` });

  if (intent === "supplement") {
    await assertCan(args, user, "report:supplement", reportResource(report));
    const text = textFrom(formData);
    if (!text) return fail("supplementRequired");
    const answering = String(formData.get("requestId") ?? "");
    await addSupplement(user, report.id, text, isUuid(answering) ? answering : undefined);
    return done("supplementAdded", {});
  }

  // Everything below is social services' own work on the report.
  await assertCan(args, user, "report:process", reportResource(report));
  switch (intent) {
    case "assess": {
      const outcome = String(formData.get("outcome"));
      if (!(protectionOutcomes as readonly string[]).includes(outcome)) return fail("outcomeRequired");
      const result = await recordProtectionAssessment(user, report.id, outcome as ProtectionOutcome);
      return result.ok ? done("protectionRecorded", { outcome }) : fail(result.error);
    }
    case "assign": {
      const assigneeId = String(formData.get("assigneeId") ?? "");
      const result = await assignReport(user, report.id, assigneeId || null);
      return result.ok ? done("assigned", { assigneeId: assigneeId || null }) : fail(result.error);
    }
    case "childHeard": {
      const heard = formData.get("heard");
      const note = textFrom(formData, 2_000);
      if (heard !== "yes" && heard !== "no") return fail("childHeardRequired");
      // SOSFS 2014:5: when the child was not heard, the reason must be documented.
      if (heard === "no" && !note) return fail("childNotHeardReasonRequired");
      if (report.decision) return fail("alreadyDecided");
      await recordChildHeard(user, report.id, heard === "yes", note);
      return done("childHeardRecorded", { heard });
    }
    case "decide": {
      const decision = String(formData.get("decision"));
      if (!(reportDecisions as readonly string[]).includes(decision)) return fail("decisionRequired");
      const result = await recordDecision(user, report, decision as ReportDecision);
      return result.ok ? done("decisionRecorded", { decision }) : fail(result.error);
    }
    case "requestSupplement": {
      const question = String(formData.get("question") ?? "").trim().slice(0, 2_000);
      if (!question) return fail("questionRequired");
      if (!(await requestSupplement(user, report, question))) return fail("reporterNotInPortal");
      return done("supplementRequested", {});
    }
    case "neededSupplement": {
      const needed = formData.get("needed") === "yes";
      await markNeededSupplement(user, report.id, needed);
      return done("saved", { needed });
    }
    case "meeting":
    case "reschedule":
    case "cancelMeeting":
    case "acceptProposal":
    case "held":
    case "noMeeting":
      return meetingStep(args, user, report, intent, formData);
    case "note": {
      const text = textFrom(formData);
      if (!text) return fail("noteRequired");
      await addNote(user, report.id, text);
      return done("noteAdded", {});
    }
    default:
      throw new Response(null, { status: 400 });
  }
}

/** Reception's meeting steps: invite, move, cancel, or record why no meeting is offered. */
async function meetingStep(args: ActionFunctionArgs, user: CurrentUser, report: Report, intent: string, formData: FormData) {
  await assertCan(args, user, "meeting:manage", reportResource(report));
  const requestId = args.context.requestId;
  const fail = (error: string): ReportActionData => ({ intent, error: `meetings:errors.${error}` });
  const back = async (notice: string) => {
    await audit({ action: "update", user, recordType: "report", recordId: report.id, requestId, details: { intent } });
    return redirect(`/reports/${report.id}?notice=${notice}`);
  };
  const when = () => {
    const date = String(formData.get("date") ?? "");
    const time = String(formData.get("time") ?? "");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
    const startsAt = stockholmInstant(date, time);
    return startsAt.getTime() > Date.now() ? startsAt : null;
  };
  if (intent === "noMeeting") {
    const reason = String(formData.get("reason"));
    if (!(noMeetingReasons as readonly string[]).includes(reason)) return fail("reasonRequired");
    await recordNoMeeting(user, report.id, reason as NoMeetingReason, textFrom(formData, 500));
    return back("saved");
  }
  if (intent === "meeting") {
    const startsAt = when();
    if (!startsAt) return fail("timeInPast");
    const allowed = (await inviteeOptions(report)).map((o) => o.id);
    const invitees = formData.getAll("invitees").map(String).filter((id) => allowed.includes(id));
    if (!invitees.length) return fail("inviteeRequired");
    const form = String(formData.get("form"));
    const duration = Number(formData.get("duration"));
    await createMeeting(
      user,
      report,
      {
        startsAt,
        durationMinutes: Number.isInteger(duration) && duration >= 15 && duration <= 240 ? duration : 60,
        form: (meetingForms as readonly string[]).includes(form) ? (form as MeetingForm) : "in_person",
        place: String(formData.get("place") ?? "").trim().slice(0, 300),
        otherParticipants: String(formData.get("otherParticipants") ?? "").trim().slice(0, 500),
      },
      invitees,
    );
    return back("meetingInvited");
  }
  const meeting = await getMeeting(user.municipalityId, String(formData.get("meetingId") ?? ""));
  if (!meeting || meeting.reportId !== report.id) throw notFound();
  if (intent === "reschedule") {
    const startsAt = when();
    if (!startsAt) return fail("timeInPast");
    if (!(await rescheduleMeeting(user, meeting, { startsAt, durationMinutes: meeting.durationMinutes, place: meeting.place }))) return fail("cannotChange");
    return back("meetingRescheduled");
  }
  if (intent === "acceptProposal") {
    if (!(await acceptProposal(user, meeting, String(formData.get("invitationId") ?? "")))) return fail("cannotChange");
    return back("meetingRescheduled");
  }
  if (intent === "held") {
    if (meeting.startsAt.getTime() > Date.now()) return fail("notYetHeld");
    if (!(await recordHeld(user, meeting, formData.getAll("attended").map(String)))) return fail("cannotChange");
    return back("meetingHeld");
  }
  if (!(await cancelMeeting(user, meeting))) return fail("cannotChange");
  return back("meetingCancelled");
}

export default function ReportPage() {
  const { t } = useTranslation("reports");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const r = data.report;
  return (
    <>
      <p>
        <Link to="/reports">{t("list.back")}</Link>
      </p>
      <div className="page-heading">
        <h1>{t("detail.heading", { reference: r.reference })}</h1>
        <StatusTag status={r.status} />
      </div>
      {data.view === "case" ? (
        <div className="case-layout">
          <div className="stack">
            <CaseProcess report={data.report} actionData={actionData} />
            <ReportSummary report={r} adviceLink={data.report.adviceConsultationId ? `/advice/${data.report.adviceConsultationId}` : null} />
            <Supplements report={r} canAdd={false} canAsk={data.report.reporterInPortal} actionData={actionData} />
          </div>
          <div className="stack">
            <ReportMeetings
              meetings={data.report.meetings}
              candidates={data.report.inviteeCandidates}
              noMeetingReason={data.report.noMeetingReason}
              noMeetingNote={data.report.noMeetingNote}
              now={data.now}
              actionData={actionData}
            />
            <section aria-labelledby="feedback-link-heading" className="card">
              <h2 id="feedback-link-heading">{t("feedbackCard.heading")}</h2>
              <p>{t("feedbackCard.text")}</p>
              <p>
                <Link to={`/reports/${r.id}/feedback`}>{t("feedbackCard.link")}</Link>
              </p>
            </section>
            <Notes notes={data.report.notes} actionData={actionData} />
            <Timeline events={data.report.events} />
          </div>
        </div>
      ) : (
        <>
          <p className="alert">{t(`detail.reporterStatus.${r.status}`)}</p>
          <ReportSummary report={r} />
          <Supplements report={r} canAdd={data.canSupplement} actionData={actionData} />
        </>
      )}
    </>
  );
}
