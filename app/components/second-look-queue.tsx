import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime, isLocale } from "~/lib/i18n";
import { DueBadge } from "./report-status";

/** One proposal in the leads' queue, as the queue's loader gives it. */
export interface QueuedProposal {
  proposalId: string;
  reportId: string;
  reference: string;
  /** Null: the report is older than 30 days and the second factor was not given recently (app/lib/step-up.server.ts). */
  childName: string | null;
  decisionDueAt: string;
  decisionState: string;
  proposedAt: string;
  proposedByName: string;
  secondLookReasons: string[];
  own: boolean;
}

/** The reception leads' queue: what waits for a second look, with the decision deadline and its state. */
export function SecondLookQueue({ proposals }: { proposals: QueuedProposal[] }) {
  const { t, i18n } = useTranslation("reports");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  return (
    <>
      <h1>{t("secondLook.queue.title")}</h1>
      <p>{t("secondLook.queue.intro")}</p>
      {proposals.length ? (
        <div className="table-scroll">
          <table>
            <caption>{t("secondLook.queue.caption", { count: proposals.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("secondLook.queue.reference")}</th>
                <th scope="col">{t("secondLook.queue.child")}</th>
                <th scope="col">{t("secondLook.queue.deadline")}</th>
                <th scope="col">{t("secondLook.queue.proposedBy")}</th>
                <th scope="col">{t("secondLook.queue.because")}</th>
              </tr>
            </thead>
            <tbody>
              {proposals.map((p) => (
                <tr key={p.proposalId}>
                  <td>
                    <Link to={`/reports/${p.reportId}#second-look-heading`}>{p.reference}</Link>
                  </td>
                  <td>{p.childName ?? <span className="muted">{t("identity.hiddenName")}</span>}</td>
                  <td>
                    <DueBadge state={p.decisionState} dueAt={p.decisionDueAt} doneAt={null} />
                  </td>
                  <td>
                    {p.proposedByName}
                    {p.own ? ` (${t("secondLook.queue.own")})` : ""}
                    <div className="muted">{formatDateTime(p.proposedAt, locale)}</div>
                  </td>
                  <td>{p.secondLookReasons.map((r) => t(`secondLook.reasons.${r}`)).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("secondLook.queue.none")}</p>
      )}
    </>
  );
}
