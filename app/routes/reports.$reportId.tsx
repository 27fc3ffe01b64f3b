import { randomUUID } from "node:crypto";
import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CaseProcess, Notes, Timeline } from "~/components/report-case";
import { ReportMeetings } from "~/components/report-meetings";
import { ReportSummary, Supplements } from "~/components/report-summary";
import { StatusTag } from "~/components/report-status";
import { audit } from "~/lib/audit.server";
import { assertCan, notFound, recordNotFound, requirePermission } from "~/server/auth.server";
import { dateTimeError } from "~/domain/dates";
import { stockholmInstant } from "~/domain/deadlines";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { isUuid } from "~/domain/ids";
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
} from "~/domain/vocabulary";
import {
  acceptProposal,
  cancelMeeting,
  createMeeting,
  meetingOfReport,
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
  readReport,
  type ReadableReport,
  markNeededSupplement,
  recordChildHeard,
  recordDecision,
  recordProtectionAssessment,
  reporterView,
  requestSupplement,
  reportResource,
} from "~/models/report.server";
import { limitedText, TEXT_LIMITS } from "~/domain/text-limits";
import reportStyles from "~/styles/reports.css";
import { readForm } from "~/lib/form-data.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reports:detail.title");

export const handle: RouteTexts = { i18n: ["meetings", "reports"] };

// A send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction, keepDataOnFailure as shouldRevalidate } from "~/lib/form-failure";

type Args = LoaderFunctionArgs | ActionFunctionArgs;

/** The report in the URL if the user may read it; otherwise a 404 that says nothing about whether it exists. */
async function loadReport(args: Args) {
  const user = await requirePermission(args, "report:read");
  const reportId = args.params.reportId ?? "";
  const report = await readReport(user, reportId);
  if (!report) return recordNotFound(args, user, "report", reportId);
  return { user, report };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function serialise(view: Awaited<ReturnType<typeof reporterView>>) {
  return {
    ...view,
    receivedAt: view.receivedAt.toISOString(),
    decidedAt: iso(view.decidedAt),
    supplements: view.supplements.map((s) => ({ ...s, createdAt: s.createdAt.toISOString() })),
    supplementRequests: view.supplementRequests.map((r) => ({
      ...r,
      askedAt: r.askedAt.toISOString(),
      answeredAt: iso(r.answeredAt),
    })),
  };
}

async function caseData(report: ReadableReport) {
  const view = await caseView(report);
  return {
    ...serialise(view),
    channel: view.channel,
    reporterInPortal: !!report.reporterId,
    reporterPhone: view.reporterPhone,
    reporterEmail: view.reporterEmail,
    registeredByName: view.registeredByName,
    protection: {
      ...view.protection,
      dueAt: view.protection.dueAt.toISOString(),
      assessedAt: iso(view.protection.assessedAt),
    },
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
    await audit({
      action: "read",
      user,
      recordType: "report",
      recordId: report.id,
      requestId,
      details: { view: "case" },
    });
    return { view: "case" as const, report: data, now: Date.now(), submissionKey: randomUUID() };
  }
  const data = serialise(await reporterView(report));
  await audit({
    action: "read",
    user,
    recordType: "report",
    recordId: report.id,
    requestId,
    details: { view: "reporter" },
  });
  return {
    view: "reporter" as const,
    report: data,
    canSupplement: can(user, "report:supplement", reportResource(report)),
    submissionKey: randomUUID(),
  };
}

/** A refused step; `values` holds what was typed into its fields, to show again. */
export type ReportActionData = { intent: string; error: string; values?: Record<string, string> } | undefined;

/** The key a create form was issued with its page; without one, a resent form could not be told from a new entry. */
function submissionKeyOf(formData: FormData) {
  const key = String(formData.get("submissionKey") ?? "");
  if (!isUuid(key)) throw new Response(null, { status: 400 });
  return key;
}

export async function action(args: ActionFunctionArgs): Promise<ReportActionData | Response> {
  const { user, report } = await loadReport(args);
  const formData = await readForm(args.request);
  const intent = String(formData.get("intent") ?? "");
  // The model audits each change in its own transaction; a resent create form changed nothing and audits nothing.
  const done = (notice: string) => redirect(`/reports/${report.id}?notice=${notice}`);
  const fail = (error: string, values?: Record<string, string>): ReportActionData => ({
    intent,
    error: `reports:errors.${error}`,
    values,
  });

  if (intent === "supplement") {
    await assertCan(args, user, "report:supplement", reportResource(report));
    const text = limitedText(formData, "text", TEXT_LIMITS.supplement);
    if (text.tooLong) return fail("tooLong", { text: text.value });
    if (!text.value) return fail("supplementRequired");
    const answering = String(formData.get("requestId") ?? "");
    await addSupplement(user, report.id, {
      text: text.value,
      requestId: isUuid(answering) ? answering : undefined,
      submissionKey: submissionKeyOf(formData),
    });
    return done("supplementAdded");
  }

  // Everything below is social services' own work on the report.
  await assertCan(args, user, "report:process", reportResource(report));
  switch (intent) {
    case "assess": {
      const outcome = String(formData.get("outcome"));
      if (!(protectionOutcomes as readonly string[]).includes(outcome)) return fail("outcomeRequired");
      const result = await recordProtectionAssessment(user, report.id, outcome as ProtectionOutcome);
      return result.ok ? done("protectionRecorded") : fail(result.error);
    }
    case "assign": {
      const assigneeId = String(formData.get("assigneeId") ?? "");
      const result = await assignReport(user, report.id, assigneeId || null);
      return result.ok ? done("assigned") : fail(result.error);
    }
    case "childHeard": {
      const heard = formData.get("heard");
      const note = limitedText(formData, "text", TEXT_LIMITS.childHeardNote);
      const typed = { text: note.value };
      if (note.tooLong) return fail("tooLong", typed);
      if (heard !== "yes" && heard !== "no") return fail("childHeardRequired", typed);
      // SOSFS 2014:5: when the child was not heard, the reason must be documented.
      if (heard === "no" && !note.value) return fail("childNotHeardReasonRequired");
      const result = await recordChildHeard(user, report.id, heard === "yes", note.value);
      return result.ok ? done("childHeardRecorded") : fail(result.error);
    }
    case "decide": {
      const decision = String(formData.get("decision"));
      if (!(reportDecisions as readonly string[]).includes(decision)) return fail("decisionRequired");
      const result = await recordDecision(user, report.id, decision as ReportDecision);
      return result.ok ? done("decisionRecorded") : fail(result.error);
    }
    case "requestSupplement": {
      const question = limitedText(formData, "question", TEXT_LIMITS.supplementQuestion);
      if (question.tooLong) return fail("tooLong", { question: question.value });
      if (!question.value) return fail("questionRequired");
      const asked = await requestSupplement(user, report, {
        question: question.value,
        submissionKey: submissionKeyOf(formData),
      });
      if (asked === "notInPortal") return fail("reporterNotInPortal", { question: question.value });
      if (asked === "notFound") return fail("notFound");
      return done("supplementRequested");
    }
    case "neededSupplement": {
      const needed = formData.get("needed") === "yes";
      const result = await markNeededSupplement(user, report.id, needed);
      return result.ok ? done("saved") : fail(result.error);
    }
    case "meeting":
    case "reschedule":
    case "cancelMeeting":
    case "acceptProposal":
    case "held":
    case "noMeeting":
      return meetingStep(args, user, report, intent, formData);
    case "note": {
      const text = limitedText(formData, "text", TEXT_LIMITS.note);
      if (text.tooLong) return fail("tooLong", { text: text.value });
      if (!text.value) return fail("noteRequired");
      await addNote(user, report.id, text.value, submissionKeyOf(formData));
      return done("noteAdded");
    }
    default:
      throw new Response(null, { status: 400 });
  }
}

/** Reception's meeting steps: invite, move, cancel, or record why no meeting is offered. */
async function meetingStep(
  args: ActionFunctionArgs,
  user: CurrentUser,
  report: ReadableReport,
  intent: string,
  formData: FormData,
) {
  await assertCan(args, user, "meeting:manage", reportResource(report));
  const fail = (error: string): NonNullable<ReportActionData> => ({ intent, error: `meetings:errors.${error}` });
  const back = (notice: string) => redirect(`/reports/${report.id}?notice=${notice}`);
  /** The time asked for, or the refusal to answer with (what was typed comes back with it). */
  const when = (): Date | NonNullable<ReportActionData> => {
    const field = (name: string) => String(formData.get(name) ?? "").trim();
    // The meeting id tells which meeting's form (of several) the values belong to.
    const values = { date: field("date"), time: field("time"), meetingId: field("meetingId") };
    if (!values.date || !values.time) return { ...fail("timeRequired"), values };
    const invalid = dateTimeError(values.date, values.time);
    if (invalid) return { intent, error: invalid, values };
    const startsAt = stockholmInstant(values.date, values.time);
    return startsAt.getTime() > Date.now() ? startsAt : { ...fail("timeInPast"), values };
  };
  if (intent === "noMeeting") {
    const reason = String(formData.get("reason"));
    const note = limitedText(formData, "text", TEXT_LIMITS.noMeetingNote);
    if (note.tooLong) return { ...fail("tooLong"), values: { text: note.value } };
    if (!(noMeetingReasons as readonly string[]).includes(reason))
      return { ...fail("reasonRequired"), values: { text: note.value } };
    await recordNoMeeting(user, report.id, reason as NoMeetingReason, note.value);
    return back("saved");
  }
  if (intent === "meeting") {
    const place = limitedText(formData, "place", TEXT_LIMITS.meetingPlace);
    const others = limitedText(formData, "otherParticipants", TEXT_LIMITS.meetingParticipants);
    const typed = { place: place.value, otherParticipants: others.value };
    if (place.tooLong || others.tooLong) return { ...fail("tooLong"), values: typed };
    const startsAt = when();
    if (!(startsAt instanceof Date)) return { ...startsAt, values: { ...startsAt.values, ...typed } };
    const allowed = (await inviteeOptions(report)).map((o) => o.id);
    const invitees = formData
      .getAll("invitees")
      .map(String)
      .filter((id) => allowed.includes(id));
    if (!invitees.length) return { ...fail("inviteeRequired"), values: typed };
    const form = String(formData.get("form"));
    const duration = Number(formData.get("duration"));
    const meeting = await createMeeting(
      user,
      report,
      {
        startsAt,
        durationMinutes: Number.isInteger(duration) && duration >= 15 && duration <= 240 ? duration : 60,
        form: (meetingForms as readonly string[]).includes(form) ? (form as MeetingForm) : "in_person",
        place: place.value,
        otherParticipants: others.value,
      },
      invitees,
      submissionKeyOf(formData),
    );
    return meeting ? back("meetingInvited") : fail("notFound");
  }
  // Ids are checked before they reach a query: PostgreSQL fails one that is no uuid (a 500, not a 404).
  const meetingId = String(formData.get("meetingId") ?? "");
  const meeting = await meetingOfReport(report, meetingId);
  if (!meeting) throw notFound();
  if (intent === "reschedule") {
    const startsAt = when();
    if (!(startsAt instanceof Date)) return startsAt;
    if (
      !(await rescheduleMeeting(user, meeting, {
        startsAt,
        durationMinutes: meeting.durationMinutes,
        place: meeting.place,
      }))
    )
      return fail("cannotChange");
    return back("meetingRescheduled");
  }
  if (intent === "acceptProposal") {
    const invitationId = String(formData.get("invitationId") ?? "");
    if (!isUuid(invitationId) || !(await acceptProposal(user, meeting, invitationId))) return fail("cannotChange");
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
            <ReportSummary
              report={r}
              adviceLink={data.report.adviceConsultationId ? `/advice/${data.report.adviceConsultationId}` : null}
            />
            <Supplements
              report={r}
              canAdd={false}
              canAsk={data.report.reporterInPortal}
              actionData={actionData}
              submissionKey={data.submissionKey}
            />
          </div>
          <div className="stack">
            <ReportMeetings
              meetings={data.report.meetings}
              candidates={data.report.inviteeCandidates}
              noMeetingReason={data.report.noMeetingReason}
              noMeetingNote={data.report.noMeetingNote}
              now={data.now}
              actionData={actionData}
              submissionKey={data.submissionKey}
            />
            <section aria-labelledby="feedback-link-heading" className="card">
              <h2 id="feedback-link-heading">{t("feedbackCard.heading")}</h2>
              <p>{t("feedbackCard.text")}</p>
              <p>
                <Link to={`/reports/${r.id}/feedback`}>{t("feedbackCard.link")}</Link>
              </p>
            </section>
            <Notes notes={data.report.notes} actionData={actionData} submissionKey={data.submissionKey} />
            <Timeline events={data.report.events} />
          </div>
        </div>
      ) : (
        <>
          <p className="alert">{t(`detail.reporterStatus.${r.status}`)}</p>
          <ReportSummary report={r} />
          <Supplements
            report={r}
            canAdd={data.canSupplement}
            actionData={actionData}
            submissionKey={data.submissionKey}
          />
        </>
      )}
    </>
  );
}
