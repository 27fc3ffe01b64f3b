import { getZodConstraint } from "@conform-to/zod";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { browserChecks } from "~/components/forms";
import { StatusTag } from "~/components/report-status";
import { concernKindLabel } from "~/domain/concern-kinds";
import { linkSchema, type CaseReply } from "~/domain/report-case-schema";
import { formatDateTime, isLocale } from "~/lib/i18n";
import { stepAction, useBusy, useStepForm } from "./report-reply";

// The field's rules, from the schema the links route parses with.
const linkRules = getZodConstraint(linkSchema);

/** What the page's loader gives social services (app/models/earlier-reports.server.ts); school staff get none. */
export interface ReportHistoryData {
  knownBefore: boolean;
  earlierCount: number;
  reports: {
    id: string;
    reference: string;
    receivedAt: string;
    decision: string | null;
    kinds: { code: string; labelSv: string | null; labelEn: string | null }[];
    when: "earlier" | "later";
    linkedBy: "number" | "hand";
  }[];
}

/**
 * The municipality's other reports about the same child, found by personal identity number or linked by hand, for
 * social services at intake: earlier ones counted ("known before"), later ones shown too. A report registered without
 * a number is linked here by the other report's reference.
 */
export function ReportHistory({
  reportId,
  history,
  routeReply,
}: {
  reportId: string;
  history: ReportHistoryData;
  routeReply?: CaseReply;
}) {
  const { t, i18n } = useTranslation("reports");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const busy = useBusy();
  const link = useStepForm("link", routeReply);
  const action = stepAction(reportId, "links");
  const typed = link.reply?.values?.reference ?? "";
  return (
    <section aria-labelledby="history-heading" className="card">
      <h2 id="history-heading">{t("history.heading")}</h2>
      <p>
        {history.knownBefore ? t("history.knownBefore", { count: history.earlierCount }) : t("history.notKnownBefore")}
      </p>
      {history.reports.length ? (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("history.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("list.reference")}</th>
                <th scope="col">{t("list.received")}</th>
                <th scope="col">{t("history.kinds")}</th>
                <th scope="col">{t("history.decision")}</th>
                <th scope="col">{t("history.linkedBy")}</th>
              </tr>
            </thead>
            <tbody>
              {history.reports.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/reports/${r.id}`}>{r.reference}</Link>
                    <div className="muted">{t(`history.when.${r.when}`)}</div>
                  </td>
                  <td>{formatDateTime(r.receivedAt, locale, { timeStyle: undefined })}</td>
                  <td>{r.kinds.length ? r.kinds.map((k) => concernKindLabel(k, locale, t)).join(", ") : "–"}</td>
                  <td>
                    <StatusTag status={r.decision ?? "received"} />
                  </td>
                  <td>
                    {t(`history.by.${r.linkedBy}`)}
                    {r.linkedBy === "hand" ? <Unlink reportId={reportId} other={r} routeReply={routeReply} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {/* Keyed by the list: a saved link changes it, and the form starts empty again. */}
      <link.fetcher.Form method="post" action={action} className="inline-step" key={history.reports.length}>
        <div className="field">
          <label htmlFor="link-reference">{t("history.linkLabel")}</label>
          <p className="field__hint" id="link-reference-hint">
            {t("history.linkHint")}
          </p>
          <input
            id="link-reference"
            name="reference"
            type="text"
            autoComplete="off"
            {...browserChecks(linkRules.reference)}
            aria-describedby={link.reply ? "link-reference-hint link-error" : "link-reference-hint"}
            defaultValue={typed}
          />
        </div>
        {link.reply ? (
          <p role="alert" className="error-list" id="link-error">
            {t(link.reply.error)}
          </p>
        ) : null}
        <button type="submit" name="intent" value="link" className="button button--secondary" disabled={busy}>
          {t("history.link")}
        </button>
      </link.fetcher.Form>
    </section>
  );
}

/** Removes a hand link: each linked report's own small form, so a refusal shows beside the one it was about. */
function Unlink({
  reportId,
  other,
  routeReply,
}: {
  reportId: string;
  other: { id: string; reference: string };
  routeReply?: CaseReply;
}) {
  const { t } = useTranslation("reports");
  const busy = useBusy();
  const unlink = useStepForm("unlink", routeReply);
  const reply = unlink.reply?.values?.linkedReportId === other.id ? unlink.reply : undefined;
  return (
    <unlink.fetcher.Form method="post" action={stepAction(reportId, "links")}>
      <input type="hidden" name="linkedReportId" value={other.id} />
      <button
        type="submit"
        name="intent"
        value="unlink"
        className="button button--secondary"
        disabled={busy}
        aria-label={t("history.unlinkLabel", { reference: other.reference })}
      >
        {t("history.unlink")}
      </button>
      {reply ? (
        <p role="alert" className="error-list">
          {t(reply.error)}
        </p>
      ) : null}
    </unlink.fetcher.Form>
  );
}
