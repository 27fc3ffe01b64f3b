import type { SerializeFrom } from "@remix-run/node";
import { Link, useActionData, useOutletContext } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { loader } from "~/routes/reports.$reportId";
import { CaseProcess, Notes, Timeline } from "./report-case";
import { ReportInvestigation } from "./report-investigation";
import { ReportKinds } from "./report-kinds";
import { ReportMeetings } from "./report-meetings";
import { ReportHistory } from "./report-history";
import { routeReplyOf } from "./report-reply";
import { ReportSummary, Supplements } from "./report-summary";
import { ReporterProtection } from "./reporter-protection";
import { SecondLook } from "./second-look";

/** What the report page's loader gives its steps, through the page's <Outlet context>. */
export type ReportPageData = SerializeFrom<typeof loader>;

/**
 * The report page below its heading, in the page's <Outlet/>: the component of the page's index route and of each step
 * route (supplements, steps, questions, notes, meetings, links, kinds, review, threat, investigation), whose action answers some of its
 * forms. With JavaScript the forms go through fetchers, so the address stays the page's and a refusal is the fetcher's answer;
 * without, the browser loads the step's address, and a refused form's answer is that route's action data, read here.
 */
export function ReportCaseSteps() {
  const { t } = useTranslation("reports");
  const data = useOutletContext<ReportPageData>();
  const routeReply = routeReplyOf(useActionData());
  const r = data.report;
  if (data.view !== "case")
    return (
      <>
        <p className="alert">{t(`detail.reporterStatus.${r.status}`)}</p>
        {data.survey === "open" ? (
          <p className="card">
            {t("detail.surveyInvite")} <Link to={`/reports/${r.id}/survey`}>{t("detail.surveyLink")}</Link>
          </p>
        ) : null}
        <ReportSummary report={r} />
        <Supplements
          report={r}
          canAdd={data.canSupplement}
          routeReply={routeReply}
          submissionKey={data.submissionKey}
        />
      </>
    );
  const c = data.report;
  return (
    <div className="case-layout">
      <div className="stack">
        {/* First: a reporter who asked for protection, and the threat flag, are seen before anything is disclosed. */}
        <ReporterProtection report={c} routeReply={routeReply} />
        <CaseProcess report={c} routeReply={routeReply} />
        <SecondLook
          reportId={c.id}
          secondLooks={c.secondLooks}
          mayReview={data.mayReview}
          userId={data.userId}
          routeReply={routeReply}
        />
        <ReportInvestigation report={c} routeReply={routeReply} />
        <ReportKinds report={c} routeReply={routeReply} />
        <ReportSummary report={c} adviceLink={c.adviceConsultationId ? `/advice/${c.adviceConsultationId}` : null} />
        <Supplements
          report={c}
          canAdd={false}
          canAsk={c.reporterInPortal}
          routeReply={routeReply}
          submissionKey={data.submissionKey}
        />
      </div>
      <div className="stack">
        {/* Social services only: school staff's page data holds no history. */}
        {data.history ? <ReportHistory reportId={c.id} history={data.history} routeReply={routeReply} /> : null}
        <ReportMeetings
          reportId={c.id}
          meetings={c.meetings}
          candidates={c.inviteeCandidates}
          noMeetingReason={c.noMeetingReason}
          noMeetingNote={c.noMeetingNote}
          now={data.now}
          routeReply={routeReply}
          submissionKey={data.submissionKey}
        />
        <section aria-labelledby="feedback-link-heading" className="card">
          <h2 id="feedback-link-heading">{t("feedbackCard.heading")}</h2>
          <p>{t("feedbackCard.text")}</p>
          <p>
            <Link to={`/reports/${c.id}/feedback`}>{t("feedbackCard.link")}</Link>
          </p>
        </section>
        <Notes reportId={c.id} notes={c.notes} routeReply={routeReply} submissionKey={data.submissionKey} />
        <Timeline events={c.events} />
      </div>
    </div>
  );
}
