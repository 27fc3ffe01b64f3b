import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TEXT_LIMITS } from "~/domain/text-limits";
import { formatDateTime, isLocale } from "~/lib/i18n";
import type { loader } from "~/routes/advice.$consultationId";

/** What the consultation page's loader gives its parts. */
export type ConsultationData = SerializeFrom<typeof loader>;

/** The consultation as logged: when, who called, what about, the advice given, who logged it, the reports since. */
export function ConsultationFacts({
  consultation: c,
  callerUnitId,
  callerUnitName,
  callerName,
  authorName,
  linkedReports,
}: Pick<
  ConsultationData,
  "consultation" | "callerUnitId" | "callerUnitName" | "callerName" | "authorName" | "linkedReports"
>) {
  const { t, i18n } = useTranslation("advice");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  return (
    <dl className="facts">
      <dt>{t("detail.when")}</dt>
      <dd>
        {formatDateTime(c.occurredAt, locale)} · {t("detail.minutes", { count: c.durationMinutes })} ·{" "}
        {t(`channels.${c.channel}`)}
      </dd>
      <dt>{t("form.callerUnit")}</dt>
      <dd>
        {callerUnitId ? <Link to={`/units/${callerUnitId}`}>{callerUnitName}</Link> : "–"} ·{" "}
        {t(`callerRoles.${c.callerRole}`)}
        {callerName ? ` · ${t("detail.portalUser", { name: callerName })}` : ""}
      </dd>
      <dt>{t("form.concerns")}</dt>
      <dd>{c.concerns.map((k) => t(`concerns.${k}`)).join(", ")}</dd>
      <dt>{t("form.ageBand")}</dt>
      <dd>{c.ageBand ? t("form.years", { band: c.ageBand }) : t("form.unknown")}</dd>
      <dt>{t("form.acute")}</dt>
      <dd>{c.acute ? t("form.yes") : t("form.no")}</dd>
      <dt>{t("form.summary")}</dt>
      <dd className="preserve-lines">{c.summary}</dd>
      <dt>{t("form.advice")}</dt>
      <dd>
        {t(`adviceGiven.${c.advice}`)}
        {c.adviceNote ? ` – ${c.adviceNote}` : ""}
      </dd>
      {c.followUp ? (
        <>
          <dt>{t("form.followUp")}</dt>
          <dd className="preserve-lines">{c.followUp}</dd>
        </>
      ) : null}
      <dt>{t("detail.loggedBy")}</dt>
      <dd>
        {authorName} · {formatDateTime(c.createdAt, locale)}
        {c.updatedAt !== c.createdAt
          ? ` · ${t("detail.corrected", { date: formatDateTime(c.updatedAt, locale) })}`
          : ""}
      </dd>
      <dt>{t("detail.reports")}</dt>
      <dd>
        {linkedReports.length
          ? linkedReports.map((r, i) => (
              <span key={r.id}>
                {i ? ", " : ""}
                <Link to={`/reports/${r.id}`}>{r.reference}</Link>
              </span>
            ))
          : t("detail.noReport")}
      </dd>
    </dl>
  );
}

/**
 * What was added to the consultation afterwards, and, once it can no longer be corrected in place, the form to add
 * to it. A refused amendment comes back with its text and why.
 */
export function ConsultationAmendments({
  amendments,
  editable,
  amendmentKey,
  amendError,
  busy,
}: Pick<ConsultationData, "amendments" | "editable"> & {
  amendmentKey: string;
  amendError: { error?: string; text?: string } | null;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation("advice");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  return (
    <section aria-labelledby="amendments-heading" className="card">
      <h2 id="amendments-heading">{t("detail.amendments")}</h2>
      {amendments.length ? (
        <ul className="plain-list entries">
          {amendments.map((a) => (
            <li key={a.id}>
              <p className="muted">
                {a.authorName}, {formatDateTime(a.createdAt, locale)}
              </p>
              <p className="preserve-lines">{a.text}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("detail.noAmendments")}</p>
      )}
      {editable ? null : (
        <Form method="post" className="stack" key={amendmentKey}>
          <input type="hidden" name="submissionKey" value={amendmentKey} />
          <div className="field">
            <label htmlFor="amendment">{t("detail.addAmendment")}</label>
            <p className="field__hint" id="amendment-hint">
              {t("detail.amendmentHint")}
            </p>
            <textarea
              id="amendment"
              name="text"
              rows={3}
              maxLength={TEXT_LIMITS.amendment}
              defaultValue={amendError && "text" in amendError ? amendError.text : ""}
              aria-describedby={amendError ? "amendment-hint amendment-error" : "amendment-hint"}
              aria-invalid={amendError ? true : undefined}
            />
            {amendError ? (
              <p id="amendment-error" className="error-list">
                {t(amendError.error ?? "")}
              </p>
            ) : null}
          </div>
          {amendError?.error === "advice:errors.possibleNames" ? (
            <label className="choice">
              <input type="checkbox" name="confirmNoNames" />
              {t("form.confirmNoNames")}
            </label>
          ) : null}
          <p>
            <button type="submit" name="intent" value="amend" className="button button--secondary" disabled={busy}>
              {t("detail.saveAmendment")}
            </button>
          </p>
        </Form>
      )}
    </section>
  );
}
