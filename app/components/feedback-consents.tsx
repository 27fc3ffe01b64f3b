import { useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { stockholmDate } from "~/domain/deadlines";
import type { FeedbackReply } from "~/domain/feedback-schema";
import { formatDate, formatDateTime, isLocale } from "~/lib/i18n";
import { useFetcherAnswer } from "~/lib/use-submission-key";
import { ConsentEditor } from "./consent-form";
import { replyOf } from "./feedback-reply";
import type { FeedbackPageData } from "./feedback-steps";

/** A report's consents, each withdrawable while it lasts, and the form for a new one (for those who manage them). */
export function ConsentsSection({
  data,
  routeReply,
  busy,
}: {
  data: FeedbackPageData;
  routeReply?: FeedbackReply;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation("feedback");
  // One fetcher for every consent's withdrawal: its answer is shown under the list until the page is loaded again.
  const withdrawal = useFetcher();
  const refused = replyOf(useFetcherAnswer(withdrawal.data), "withdraw", routeReply);
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const when = (iso: string) => formatDateTime(iso, locale);
  const day = (iso: string) => formatDate(stockholmDate(new Date(iso)), locale);
  // validUntil is the exclusive end: the last day covered is the one before it.
  const lastDay = (iso: string) => formatDate(stockholmDate(new Date(new Date(iso).getTime() - 1)), locale);
  const action = `/reports/${data.report.id}/feedback/consents`;
  const withdrawErrors = Object.values(refused?.result.error ?? {}).flatMap((e) => e ?? []);

  return (
    <section aria-labelledby="consents-heading" className="card">
      <h2 id="consents-heading">{t("consent.heading")}</h2>
      {data.consents.length ? (
        <ul className="plain-list entries">
          {data.consents.map((c) => (
            <li key={c.id}>
              <p>
                <strong>{t(`consent.states.${c.state}`)}</strong> · {c.givenBy} ({t(`consent.givers.${c.giver}`)}) ·{" "}
                {t(`consent.forms.${c.form}`)}
                {c.documentReference ? ` · ${c.documentReference}` : ""}
              </p>
              <p>
                {t("consent.covers")}: {c.infoKinds.map((k) => t(`kinds.${k}`)).join(", ")}
                <br />
                {t("consent.to")}: {c.recipients.join(", ")}
                <br />
                {t("consent.valid", { from: day(c.validFrom), until: lastDay(c.validUntil) })}
                {c.withdrawnAt ? (
                  <>
                    <br />
                    {t("consent.withdrawnAt", { date: when(c.withdrawnAt) })}
                  </>
                ) : null}
              </p>
              {data.canManageConsent && c.state !== "withdrawn" && c.state !== "expired" ? (
                <withdrawal.Form method="post" action={action}>
                  <input type="hidden" name="consentId" value={c.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="withdraw"
                    className="button button--secondary"
                    disabled={busy}
                  >
                    {t("consent.withdraw")}
                  </button>
                </withdrawal.Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("consent.none")}</p>
      )}
      {withdrawErrors.length ? (
        <p role="alert" className="error-list">
          {[...new Set(withdrawErrors)].map((e) => t(e)).join(" ")}
        </p>
      ) : null}
      {data.canManageConsent ? (
        <ConsentEditor
          action={action}
          submissionKey={data.submissionKey}
          options={data.options}
          defaults={data.defaults}
          routeReply={routeReply}
          busy={busy}
        />
      ) : null}
    </section>
  );
}
