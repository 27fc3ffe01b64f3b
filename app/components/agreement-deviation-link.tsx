import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * On a report's page, for those involved in it: report that the agreement was not followed for this report. The form
 * (app/routes/deviations.new.tsx) checks again that the user may read the report.
 */
export function AgreementDeviationLink({ reportId }: { reportId: string }) {
  const { t } = useTranslation("deviations");
  return (
    <section aria-labelledby="deviation-link-heading" className="card">
      <h2 id="deviation-link-heading">{t("link.heading")}</h2>
      <p>{t("link.text")}</p>
      <p>
        <Link to={`/deviations/new?report=${reportId}`}>{t("link.action")}</Link>
      </p>
    </section>
  );
}
