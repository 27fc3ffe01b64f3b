import { randomUUID } from "node:crypto";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AgreementDeviationLink } from "~/components/agreement-deviation-link";
import { StatusTag } from "~/components/report-status";
import { audit } from "~/lib/audit.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { can, type CurrentUser } from "~/lib/permissions.server";
import { reportHistory } from "~/models/earlier-reports.server";
import { caseView, type ReadableReport, reporterView, reportResource } from "~/models/report.server";
import { surveyState } from "~/models/reporter-survey.server";
import { needsStepUp, type StepUp, withoutIdentity } from "~/lib/step-up.server";
import { signInStrength } from "~/server/auth.server";
import { loadReport } from "~/server/report-case.server";
import reportStyles from "~/styles/reports.css";

/**
 * A report's page: the case for social services, the report and its supplements for the reporter. This route loads
 * and guards the page; it has no action. Its forms post to a route per step (reports.$reportId.supplements, .steps,
 * .questions, .notes, .meetings, .links, .kinds, .review), each with its own guard and schema
 * (app/domain/report-case-schema.ts), whose component (app/components/report-page.tsx) renders in the <Outlet/>
 * below, as the index route's does.
 */
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reports:detail.title");

export const handle: RouteTexts = { i18n: ["reports", "deviations", "feedback"] };

// After a send that failed or met an ended session, the page's data stays as it was (app/lib/form-failure.ts).
export { keepDataOnFailure as shouldRevalidate } from "~/lib/form-failure";

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * The view as the page sends it. `identityStep` says what showing the child's identity waits for (app/lib/step-up.server.ts):
 * while it waits, the identity is not in the data at all, not only not rendered.
 */
function serialise(view: Awaited<ReturnType<typeof reporterView>>, identityStep: StepUp) {
  return {
    ...view,
    identityStep,
    content: identityStep ? withoutIdentity(view.content) : view.content,
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

async function caseData(report: ReadableReport, identityStep: StepUp) {
  const view = await caseView(report);
  return {
    ...serialise(view, identityStep),
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
    decisionGround: view.decisionGround,
    decisionReasons: view.decisionReasons,
    remainingConcern: view.remainingConcern,
    police: { ...view.police, consideredAt: iso(view.police.consideredAt) },
    neededSupplement: view.neededSupplement,
    threat: { ...view.threat, changedAt: iso(view.threat.changedAt) },
    events: view.events.map((e) => ({ ...e, at: e.at.toISOString() })),
    notes: view.notes.map((n) => ({ ...n, createdAt: n.createdAt.toISOString() })),
    workers: view.workers,
    noMeetingReason: report.noMeetingReason,
    noMeetingNote: report.noMeetingNote,
    meetings: view.meetings.map(({ invitations, ...meeting }) => ({
      ...meeting,
      startsAt: meeting.startsAt.toISOString(),
      invitations: invitations.map((i) => ({
        ...i,
        proposedStartsAt: i.proposedStartsAt?.toISOString() ?? null,
        answeredAt: i.answeredAt?.toISOString() ?? null,
      })),
    })),
    inviteeCandidates: view.inviteeCandidates,
    ageBand: report.ageBand,
    daysToReport: report.daysToReport,
    concernKinds: view.concernKinds,
    secondLooks: view.secondLooks.map((s) => ({
      ...s,
      proposedAt: s.proposedAt.toISOString(),
      reviewedAt: iso(s.reviewedAt),
    })),
    // An opened decision's investigation (null otherwise): app/components/report-investigation.tsx.
    investigation: view.investigation,
  };
}

/**
 * Earlier (and later) reports about the same child, for social services only (app/models/earlier-reports.server.ts).
 * Each one shown is a read of that report, audited before it leaves the server.
 */
async function historyData(user: CurrentUser, report: ReadableReport, requestId: string) {
  const history = await reportHistory(user, report);
  for (const other of history.reports) {
    const entry = { recordType: "report", recordId: other.id, recordUnitId: other.unitId };
    await audit({ action: "read", user, ...entry, requestId, details: { view: "history", from: report.id } });
  }
  return {
    // Social services see every report of the municipality, so the earlier ones listed are exactly knownBefore's.
    knownBefore: history.earlierCount > 0,
    earlierCount: history.earlierCount,
    reports: history.reports.map(({ unitId, ...r }) => ({ ...r, receivedAt: r.receivedAt.toISOString() })),
  };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, report } = await loadReport(args);
  const requestId = args.context.requestId;
  // A report older than 30 days shows the child's identity only after a recent second factor; the rest of it as ever.
  const identityStep = needsStepUp(await signInStrength(args), report);
  // A read without the identity says so; a read with it is logged as it always was.
  const identity = identityStep ? { identity: "hidden" } : {};
  if (can(user, "report:process")) {
    const data = await caseData(report, identityStep);
    const history = can(user, "report:history") ? await historyData(user, report, requestId) : null;
    await audit({
      action: "read",
      user,
      recordType: "report",
      recordId: report.id,
      requestId,
      details: { view: "case", ...identity },
    });
    return {
      view: "case" as const,
      report: data,
      history,
      // Whether this user takes the second look at a proposal (app/components/second-look.tsx); never their own.
      mayReview: can(user, "decision:review"),
      userId: user.id,
      now: Date.now(),
      submissionKey: randomUUID(),
    };
  }
  const data = serialise(await reporterView(report), identityStep);
  await audit({
    action: "read",
    user,
    recordType: "report",
    recordId: report.id,
    requestId,
    details: { view: "reporter", ...identity },
  });
  return {
    view: "reporter" as const,
    report: data,
    canSupplement: can(user, "report:supplement", reportResource(report)),
    // The school may record what the guardians answered when it asked them for consent (reports.$reportId_.guardian-consent).
    canRecordGuardianAnswer: can(user, "guardianAnswer:record", reportResource(report)),
    // The reporter's three questions after the decision (app/models/reporter-survey.server.ts).
    survey: await surveyState(user, report),
    submissionKey: randomUUID(),
  };
}

export default function ReportPage() {
  const { t } = useTranslation("reports");
  const data = useLoaderData<typeof loader>();
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
      {/* The case or the reporter's view, with its forms: the index route's, or the step's that answered a form. */}
      <Outlet context={data} />
      {/* Those involved in the report (it is their view) may report that the agreement was not followed for it. */}
      {data.view === "reporter" && data.canRecordGuardianAnswer ? (
        <p>
          <Link to={`/reports/${r.id}/guardian-consent`}>{t("feedback:guardianConsent.link")}</Link>
        </p>
      ) : null}
      {data.view === "reporter" ? <AgreementDeviationLink reportId={r.id} /> : null}
    </>
  );
}
