import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getZodConstraint } from "@conform-to/zod";
import { PlainTextarea } from "./forms";
import { requestSupplementSchema, supplementSchema, type CaseReply } from "~/domain/report-case-schema";
import { formatDate, formatDateTime, isLocale } from "~/lib/i18n";
import { useFetcherSubmission } from "~/lib/use-submission-key";
import { stepAction, useBusy, useStepForm } from "./report-reply";

// The fields' rules, from the schemas their step routes parse with.
const supplementRules = getZodConstraint(supplementSchema);
const questionRules = getZodConstraint(requestSupplementSchema);

interface Summary {
  id: string;
  reference: string;
  receivedAt: string;
  unitName: string | null;
  reporterName: string;
  observerName: string | null;
  onBehalfReason: string | null;
  coSignerName: string | null;
  wantsFeedback: boolean;
  /** The reporter's request that their identity be kept from the family, as they asked it. */
  identityProtection: { requested: boolean; reason: string | null };
  /** What showing the child's identity waits for (app/lib/step-up.server.ts); while it waits, content holds none. */
  identityStep: "code" | "enrol" | null;
  content: {
    childName: string | null;
    childPersonalNumber: string | null;
    childBirthDate: string | null;
    childGroup: string;
    observedOn: string | null;
    observations: string;
    childWords: string;
    guardians: { name: string | null; informed: boolean; notInformedReason: string }[];
    interpreterNeeded: boolean;
    interpreterLanguage: string;
    acute: boolean;
    otherAgencies: string;
    adviceCode: string | null;
  };
  supplements: { id: string; text: string; createdAt: string; authorName: string }[];
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n{2,}/).map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of a submitted text, which does not change
        <p key={i} className="preserve-lines">
          {p}
        </p>
      ))}
    </>
  );
}

/**
 * In place of the child's identity on a report older than 30 days: why, and the way to the code (a link, so it works
 * without JavaScript), or, for a user with no second factor, where to turn one on.
 */
function IdentityHidden({ reportId, step }: { reportId: string; step: "code" | "enrol" }) {
  const { t } = useTranslation("reports");
  const confirm = `/login/confirm?${new URLSearchParams({ redirectTo: `/reports/${reportId}` })}`;
  return (
    <div className="stack">
      <p className="muted">{step === "code" ? t("identity.why") : t("identity.enrol")}</p>
      <p>
        {step === "code" ? (
          <Link to={confirm} className="button button--secondary">
            {t("identity.confirm")}
          </Link>
        ) : (
          <Link to="/settings">{t("identity.settings")}</Link>
        )}
      </p>
    </div>
  );
}

/** The report as it was submitted: the same for the reporter and for social services. */
export function ReportSummary({ report, adviceLink = null }: { report: Summary; adviceLink?: string | null }) {
  const { t, i18n } = useTranslation("reports");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const c = report.content;
  return (
    <section aria-labelledby="summary-heading" className="card">
      <h2 id="summary-heading">{t("detail.summary")}</h2>
      <dl className="facts">
        <dt>{t("detail.received")}</dt>
        <dd>{formatDateTime(report.receivedAt, locale)}</dd>
        <dt>{t("form.childName")}</dt>
        <dd>
          {report.identityStep ? (
            <>
              <span>{t("identity.hidden")}</span>
              <IdentityHidden reportId={report.id} step={report.identityStep} />
            </>
          ) : (
            c.childName
          )}
        </dd>
        {report.identityStep ? null : (
          <>
            <dt>{c.childPersonalNumber ? t("form.childPersonalNumber") : t("form.childBirthDate")}</dt>
            <dd>{c.childPersonalNumber ?? (c.childBirthDate ? formatDate(c.childBirthDate, locale) : "–")}</dd>
          </>
        )}
        <dt>{t("form.unit")}</dt>
        <dd>
          {report.unitName ?? "–"}
          {c.childGroup ? `, ${c.childGroup}` : ""}
        </dd>
        <dt>{t("detail.reporter")}</dt>
        <dd>{report.reporterName}</dd>
        {report.observerName ? (
          <>
            <dt>{t("detail.observer")}</dt>
            <dd>
              {report.observerName}
              {report.onBehalfReason ? <div className="muted">{report.onBehalfReason}</div> : null}
            </dd>
          </>
        ) : null}
        {report.coSignerName ? (
          <>
            <dt>{t("detail.coSigner")}</dt>
            <dd>{report.coSignerName}</dd>
          </>
        ) : null}
        <dt>{t("form.acute")}</dt>
        <dd>{c.acute ? t("form.yes") : t("form.no")}</dd>
        <dt>{t("detail.feedback")}</dt>
        <dd>{report.wantsFeedback ? t("form.yes") : t("form.no")}</dd>
        {report.identityProtection.requested ? (
          <>
            <dt>{t("protection.summary.label")}</dt>
            <dd>
              {t("protection.summary.requested")}
              {report.identityProtection.reason ? (
                <div className="muted preserve-lines">{report.identityProtection.reason}</div>
              ) : null}
            </dd>
          </>
        ) : null}
        {c.adviceCode ? (
          <>
            <dt>{t("form.adviceCode")}</dt>
            <dd>{adviceLink ? <Link to={adviceLink}>{c.adviceCode}</Link> : c.adviceCode}</dd>
          </>
        ) : null}
      </dl>
      <h3>{t("detail.observations")}</h3>
      {c.observedOn ? (
        <p className="muted">{t("detail.observedOn", { date: formatDate(c.observedOn, locale) })}</p>
      ) : null}
      <Paragraphs text={c.observations} />
      {c.childWords ? (
        <>
          <h3>{t("form.childWords")}</h3>
          <blockquote>
            <Paragraphs text={c.childWords} />
          </blockquote>
        </>
      ) : null}
      <h3>{t("form.sections.guardians")}</h3>
      {c.guardians.length ? (
        <ul>
          {c.guardians.map((g, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a submitted report's guardians: no ids, never reordered
            <li key={i}>
              {g.name ?? t("identity.hidden")}:{" "}
              {g.informed
                ? t("detail.guardianInformed")
                : t("detail.guardianNotInformed", { reason: g.notInformedReason })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("detail.noGuardians")}</p>
      )}
      <p>
        {c.interpreterNeeded ? t("detail.interpreter", { language: c.interpreterLanguage }) : t("detail.noInterpreter")}
      </p>
      {c.otherAgencies ? (
        <>
          <h3>{t("form.otherAgencies")}</h3>
          <Paragraphs text={c.otherAgencies} />
        </>
      ) : null}
    </section>
  );
}

/**
 * Supplements: added after submitting, each with its own time; the report itself never changes. Reception's
 * questions come first: the reporter answers each one here, and reception (`canAsk`) asks them here.
 */
export function Supplements({
  report,
  canAdd,
  canAsk = false,
  routeReply,
  submissionKey,
}: {
  report: Summary & {
    id: string;
    supplementRequests: { id: string; question: string; askedAt: string; answeredAt: string | null }[];
  };
  canAdd: boolean;
  canAsk?: boolean;
  /** The answer of the step route that refused a form here, as a browser without JavaScript gets it. */
  routeReply?: CaseReply;
  /** The page's fresh key for the two create forms here. */
  submissionKey: string;
}) {
  const { t, i18n } = useTranslation("reports");
  // The reporter's supplement posts to the supplements step, reception's question to the questions step.
  const supplement = useStepForm("supplement", routeReply);
  const question = useStepForm("requestSupplement", routeReply);
  const supplementKey = useFetcherSubmission(submissionKey, supplement.fetcher).key;
  const questionKey = useFetcherSubmission(submissionKey, question.fetcher).key;
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const busy = useBusy();
  const error = supplement.reply?.error ?? null;
  const askError = question.reply?.error ?? null;
  if (!report.supplements.length && !report.supplementRequests.length && !canAdd && !canAsk) return null;
  const open = report.supplementRequests.filter((r) => !r.answeredAt);
  return (
    <section aria-labelledby="supplements-heading" className="card">
      <h2 id="supplements-heading">{t("detail.supplements")}</h2>
      {report.supplementRequests.length ? (
        <ul className="plain-list entries">
          {report.supplementRequests.map((r) => (
            <li key={r.id}>
              <p className="muted">
                {t("supplementRequest.asked", { date: formatDateTime(r.askedAt, locale) })} ·{" "}
                {r.answeredAt
                  ? t("supplementRequest.answered", { date: formatDateTime(r.answeredAt, locale) })
                  : t("supplementRequest.open")}
              </p>
              <Paragraphs text={r.question} />
            </li>
          ))}
        </ul>
      ) : null}
      {report.supplements.length ? (
        <ul className="plain-list entries">
          {report.supplements.map((s) => (
            <li key={s.id}>
              <p className="muted">
                {s.authorName}, {formatDateTime(s.createdAt, locale)}
              </p>
              <Paragraphs text={s.text} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("detail.noSupplements")}</p>
      )}
      {canAdd ? (
        <supplement.fetcher.Form
          method="post"
          action={stepAction(report.id, "supplements")}
          className="stack"
          key={supplementKey}
        >
          <input type="hidden" name="submissionKey" value={supplementKey} />
          {open.length ? (
            <div className="field">
              <label htmlFor="supplement-request">{t("supplementRequest.answering")}</label>
              <select id="supplement-request" name="requestId" defaultValue={open[0].id}>
                {open.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.question.length > 80 ? `${r.question.slice(0, 80)}…` : r.question}
                  </option>
                ))}
                <option value="">{t("supplementRequest.notAnAnswer")}</option>
              </select>
            </div>
          ) : null}
          <PlainTextarea
            id="supplement-text"
            name="text"
            label={t("detail.addSupplement")}
            hint={t("detail.addSupplementHint")}
            error={error}
            rule={supplementRules.text}
            defaultValue={supplement.reply?.values?.text}
          />
          <p>
            <button type="submit" name="intent" value="supplement" className="button" disabled={busy}>
              {t("detail.sendSupplement")}
            </button>
          </p>
        </supplement.fetcher.Form>
      ) : null}
      {canAsk ? (
        <question.fetcher.Form
          method="post"
          action={stepAction(report.id, "questions")}
          className="stack"
          key={questionKey}
        >
          <input type="hidden" name="submissionKey" value={questionKey} />
          <PlainTextarea
            id="supplement-question"
            name="question"
            label={t("supplementRequest.ask")}
            hint={t("supplementRequest.askHint")}
            error={askError}
            rule={questionRules.question}
            defaultValue={question.reply?.values?.question}
            rows={3}
          />
          <p>
            <button
              type="submit"
              name="intent"
              value="requestSupplement"
              className="button button--secondary"
              disabled={busy}
            >
              {t("supplementRequest.send")}
            </button>
          </p>
        </question.fetcher.Form>
      ) : null}
    </section>
  );
}
