import { useTranslation } from "react-i18next";
import type { CaseReply } from "~/domain/report-case-schema";
import { formatDateTime, isLocale } from "~/lib/i18n";
import { stepAction, useBusy, useStepForm } from "./report-reply";

export interface ReporterProtectionData {
  id: string;
  /** What the reporter asked for in the report (OSL 26 kap. 5 §). */
  identityProtection: { requested: boolean; reason: string | null };
  /** Social services' own marking, with who set or cleared it last. */
  threat: { flagged: boolean; changedAt: string | null; changedByName: string | null };
}

/**
 * The reporter's request that their identity be kept from the family, first on the case so nobody misses it before
 * disclosing a document or inviting to a meeting, and the "threat" flag social services set or clear (the threat step
 * route). Social services' page only: the school sees its request in the report, never the flag.
 */
export function ReporterProtection({ report, routeReply }: { report: ReporterProtectionData; routeReply?: CaseReply }) {
  const { t, i18n } = useTranslation("reports");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const busy = useBusy();
  const { fetcher, reply } = useStepForm("threat", routeReply);
  const { identityProtection: asked, threat } = report;
  return (
    <section aria-labelledby="reporter-protection-heading" className="card">
      <h2 id="reporter-protection-heading">{t("protection.case.heading")}</h2>
      {asked.requested ? (
        <div className="alert alert--warning" role="note">
          <p>
            <strong>{t("protection.case.requested")}</strong>
          </p>
          {asked.reason ? <p className="preserve-lines">{asked.reason}</p> : null}
          <p>{t("protection.case.requestedHint")}</p>
        </div>
      ) : (
        <p>{t("protection.case.notRequested")}</p>
      )}
      <fetcher.Form method="post" action={stepAction(report.id, "threat")} className="inline-step">
        {/* A toggle: the button sends the opposite of what the report holds. */}
        <input type="hidden" name="flagged" value={threat.flagged ? "no" : "yes"} />
        <p>
          {threat.flagged ? <span className="tag tag--acute">{t("protection.case.threatTag")}</span> : null}{" "}
          {threat.flagged ? t("protection.case.threatYes") : t("protection.case.threatNo")}
          {threat.changedAt && threat.changedByName
            ? ` (${t("protection.case.changedBy", {
                name: threat.changedByName,
                time: formatDateTime(threat.changedAt, locale),
              })})`
            : ""}
        </p>
        <p className="field__hint">{t("protection.case.threatHint")}</p>
        {reply ? (
          <p role="alert" className="error-list">
            {t(reply.error)}
          </p>
        ) : null}
        <button type="submit" name="intent" value="threat" className="button button--secondary" disabled={busy}>
          {threat.flagged ? t("protection.case.clearThreat") : t("protection.case.setThreat")}
        </button>
      </fetcher.Form>
    </section>
  );
}
