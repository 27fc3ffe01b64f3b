import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusTag } from "~/components/report-status";
import { formatDateTime, isLocale } from "~/lib/i18n";
import type { loader } from "~/routes/reports._index";

type ReporterData = Extract<SerializeFrom<typeof loader>, { view: "reporter" }>;

/** A reporter's list: their drafts, and the reports they may follow (those they signed, observed or co-signed). */
export function MyReports({ data }: { data: ReporterData }) {
  const { t, i18n } = useTranslation("reports");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  return (
    <>
      <div className="page-heading">
        <h1>{t("list.title")}</h1>
        {data.canCreate ? (
          <Link to="/reports/new" className="button">
            {t("list.new")}
          </Link>
        ) : null}
      </div>
      <p>
        <Link to="/guidance/should-i-report">{t("list.unsure")}</Link>
      </p>
      {data.drafts.length ? (
        <section aria-labelledby="drafts-heading">
          <h2 id="drafts-heading">{t("list.drafts")}</h2>
          <p className="field__hint">{t("list.draftsHint")}</p>
          <ul className="plain-list">
            {data.drafts.map((d) => (
              <li key={d.id}>
                <Link to={`/reports/new?draft=${d.id}`}>{d.childName || t("list.untitledDraft")}</Link>{" "}
                <span className="muted">{t("list.savedAt", { date: formatDateTime(d.updatedAt, locale) })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="submitted-heading">
        <h2 id="submitted-heading">{t("list.submitted")}</h2>
        {data.reports.length ? (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("list.submitted")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("list.reference")}</th>
                  <th scope="col">{t("list.child")}</th>
                  <th scope="col">{t("list.unit")}</th>
                  <th scope="col">{t("list.reporter")}</th>
                  <th scope="col">{t("list.received")}</th>
                  <th scope="col">{t("list.status")}</th>
                </tr>
              </thead>
              <tbody>
                {data.reports.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/reports/${r.id}`}>{r.reference}</Link>
                    </td>
                    <td>{r.childName ?? <span className="muted">{t("identity.hiddenName")}</span>}</td>
                    <td>{r.unitName ?? "–"}</td>
                    <td>{r.mine ? t("list.you") : r.reporterName}</td>
                    <td>{formatDateTime(r.receivedAt, locale)}</td>
                    <td>
                      <StatusTag status={r.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("list.none")}</p>
        )}
      </section>
    </>
  );
}
