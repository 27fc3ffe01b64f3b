import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { audit } from "~/lib/audit.server";
import { loadReport } from "~/server/report-case.server";
import { formatDateTime, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import reportStyles from "~/styles/reports.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reports:receipt.title");

export const handle: RouteTexts = { i18n: ["reports"] };

export async function loader(args: LoaderFunctionArgs) {
  const { user, report } = await loadReport(args, "report:list");
  await audit({
    action: "read",
    user,
    recordType: "report",
    recordId: report.id,
    requestId: args.context.requestId,
    details: { page: "receipt" },
  });
  // Only what the receipt needs: the reference and time, never the content.
  return {
    id: report.id,
    reference: report.reference,
    receivedAt: report.receivedAt.toISOString(),
    acute: report.acute,
    wantsFeedback: report.wantsFeedback,
  };
}

export default function Receipt() {
  const { t, i18n } = useTranslation("reports");
  const r = useLoaderData<typeof loader>();
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  return (
    <div className="narrow receipt">
      <h1>{t("receipt.title")}</h1>
      <div className="alert alert--success" role="status">
        <p>{t("receipt.received", { date: formatDateTime(r.receivedAt, locale) })}</p>
        <p className="receipt__reference">
          {t("receipt.reference")} <strong>{r.reference}</strong>
        </p>
      </div>
      {r.acute ? <p className="alert alert--warning">{t("receipt.acute")}</p> : null}
      <h2>{t("receipt.nextHeading")}</h2>
      <ol className="next-steps">
        <li>{t("receipt.next.protection")}</li>
        <li>{t("receipt.next.decision")}</li>
        <li>{t("receipt.next.meeting")}</li>
        <li>{r.wantsFeedback ? t("receipt.next.feedback") : t("receipt.next.noFeedback")}</li>
      </ol>
      <p>{t("receipt.supplement")}</p>
      <p className="button-row">
        <Link to={`/reports/${r.id}`} className="button">
          {t("receipt.open")}
        </Link>
        <Link to="/guidance/after-a-report">{t("receipt.readMore")}</Link>
      </p>
    </div>
  );
}
