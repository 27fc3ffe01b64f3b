import { useTranslation } from "react-i18next";
import { getZodConstraint } from "@conform-to/zod";
import { browserChecks } from "~/components/forms";
import { DueBadge } from "~/components/report-status";
import { assessSchema, childHeardSchema, decideSchema, noteSchema, type CaseReply } from "~/domain/report-case-schema";
import { formatDateTime, isLocale } from "~/lib/i18n";
import { useFetcherSubmission } from "~/lib/use-submission-key";
import { stepAction, useBusy, useStepForm } from "./report-reply";

// The fields' rules, from the schemas the steps route parses with.
const assessRules = getZodConstraint(assessSchema);
const childHeardRules = getZodConstraint(childHeardSchema);
const decideRules = getZodConstraint(decideSchema);
const noteRules = getZodConstraint(noteSchema);

/** A form's own answer (useStepForm): only a refusal of that form, or nothing. */
type ActionData = CaseReply | undefined;

/** What was typed into a refused step's field, to show it again; otherwise `fallback`. */
const typed = (actionData: ActionData, intent: string, name: string, fallback = "") =>
  actionData?.intent === intent ? (actionData.values?.[name] ?? fallback) : fallback;

/** The hint and, after a refused step, its error: what a field of that step is described by. */
const describedBy = (actionData: ActionData, intent: string, hintId?: string) =>
  [hintId, actionData?.intent === intent ? `${intent}-error` : null].filter(Boolean).join(" ") || undefined;

interface CaseReport {
  id: string;
  protection: { dueAt: string; state: string; assessedAt: string | null; outcome: string | null };
  decisionDeadline: { dueAt: string; state: string };
  decidedAt: string | null;
  assignedToId: string | null;
  childHeard: boolean | null;
  childHeardNote: string | null;
  decision: string | null;
  neededSupplement: boolean;
  channel: string;
  reporterPhone: string;
  reporterEmail: string;
  registeredByName: string | null;
  workers: { id: string; name: string }[];
}

function StepError({ actionData, intent }: { actionData: ActionData; intent: string }) {
  const { t } = useTranslation("reports");
  if (actionData?.intent !== intent) return null;
  return (
    <p role="alert" className="error-list" id={`${intent}-error`}>
      {t(actionData.error)}
    </p>
  );
}

/** The steps reception takes, in order, each a small form of its own, answered by the steps route. */
export function CaseProcess({ report, routeReply }: { report: CaseReport; routeReply?: CaseReply }) {
  const { t } = useTranslation("reports");
  const busy = useBusy();
  const p = report.protection;
  const action = stepAction(report.id, "steps");
  const assess = useStepForm("assess", routeReply);
  const assign = useStepForm("assign", routeReply);
  const childHeard = useStepForm("childHeard", routeReply);
  const decide = useStepForm("decide", routeReply);
  const needed = useStepForm("neededSupplement", routeReply);
  return (
    <section aria-labelledby="process-heading" className="card case-process">
      <h2 id="process-heading">{t("case.heading")}</h2>
      <p className="muted">
        {t(`channels.${report.channel}`)}
        {report.registeredByName ? ` · ${t("case.registeredBy", { name: report.registeredByName })}` : ""}
        {report.reporterPhone ? ` · ${t("case.phone", { phone: report.reporterPhone })}` : ""}
        {report.reporterEmail ? ` · ${report.reporterEmail}` : ""}
      </p>

      <h3>{t("case.protection")}</h3>
      <p>
        <DueBadge state={p.state} dueAt={p.dueAt} doneAt={p.assessedAt} />
        {p.outcome ? ` · ${t(`case.protectionOutcomes.${p.outcome}`)}` : ""}
      </p>
      {p.assessedAt ? null : (
        <assess.fetcher.Form method="post" action={action} className="inline-step">
          <fieldset>
            <legend>{t("case.protectionQuestion")}</legend>
            {["no_immediate_need", "immediate_measures"].map((o) => (
              <label key={o} className="choice">
                <input type="radio" name="outcome" value={o} {...browserChecks(assessRules.outcome)} />
                {t(`case.protectionOutcomes.${o}`)}
              </label>
            ))}
          </fieldset>
          <StepError actionData={assess.reply} intent="assess" />
          <button type="submit" name="intent" value="assess" className="button" disabled={busy}>
            {t("case.recordProtection")}
          </button>
        </assess.fetcher.Form>
      )}

      <h3>{t("case.assignment")}</h3>
      <assign.fetcher.Form method="post" action={action} className="inline-step">
        <div className="field">
          <label htmlFor="assigneeId">{t("case.assignTo")}</label>
          <select id="assigneeId" name="assigneeId" defaultValue={report.assignedToId ?? ""}>
            <option value="">{t("case.nobody")}</option>
            {report.workers.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
        <StepError actionData={assign.reply} intent="assign" />
        <button type="submit" name="intent" value="assign" className="button button--secondary" disabled={busy}>
          {t("case.assign")}
        </button>
      </assign.fetcher.Form>

      <h3>{t("case.childHeard")}</h3>
      {report.childHeard !== null ? (
        <p>
          {report.childHeard ? t("case.childWasHeard") : t("case.childWasNotHeard")}
          {report.childHeardNote ? `: ${report.childHeardNote}` : ""}
        </p>
      ) : null}
      {report.decision ? null : (
        <childHeard.fetcher.Form method="post" action={action} className="inline-step">
          <fieldset>
            <legend>{t("case.childHeardQuestion")}</legend>
            {(["yes", "no"] as const).map((v) => (
              <label key={v} className="choice">
                <input
                  type="radio"
                  name="heard"
                  value={v}
                  {...browserChecks(childHeardRules.heard)}
                  defaultChecked={report.childHeard === (v === "yes")}
                />
                {t(`case.childHeardOptions.${v}`)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="child-heard-note">{t("case.childHeardNote")}</label>
            <p className="field__hint" id="child-heard-hint">
              {t("case.childHeardNoteHint")}
            </p>
            <textarea
              id="child-heard-note"
              name="text"
              rows={2}
              {...browserChecks(childHeardRules.text)}
              aria-describedby={describedBy(childHeard.reply, "childHeard", "child-heard-hint")}
              defaultValue={typed(childHeard.reply, "childHeard", "text", report.childHeardNote ?? "")}
            />
          </div>
          <StepError actionData={childHeard.reply} intent="childHeard" />
          <button type="submit" name="intent" value="childHeard" className="button button--secondary" disabled={busy}>
            {t("case.recordChildHeard")}
          </button>
        </childHeard.fetcher.Form>
      )}

      <h3>{t("case.decision")}</h3>
      <p>
        <DueBadge
          state={report.decisionDeadline.state}
          dueAt={report.decisionDeadline.dueAt}
          doneAt={report.decidedAt}
        />
        {report.decision ? ` · ${t(`status.${report.decision}`)}` : ""}
      </p>
      {report.decision ? null : (
        <decide.fetcher.Form method="post" action={action} className="inline-step">
          <fieldset>
            <legend>{t("case.decisionQuestion")}</legend>
            {["opened", "not_opened", "already_ongoing"].map((d) => (
              <label key={d} className="choice">
                <input type="radio" name="decision" value={d} {...browserChecks(decideRules.decision)} />
                {t(`status.${d}`)}
              </label>
            ))}
          </fieldset>
          <p className="field__hint">{t("case.decisionHint")}</p>
          <StepError actionData={decide.reply} intent="decide" />
          <button type="submit" name="intent" value="decide" className="button" disabled={busy}>
            {t("case.recordDecision")}
          </button>
        </decide.fetcher.Form>
      )}

      <h3>{t("case.quality")}</h3>
      <needed.fetcher.Form method="post" action={action} className="inline-step">
        <input type="hidden" name="needed" value={report.neededSupplement ? "no" : "yes"} />
        <p>{report.neededSupplement ? t("case.neededSupplementYes") : t("case.neededSupplementNo")}</p>
        <button
          type="submit"
          name="intent"
          value="neededSupplement"
          className="button button--secondary"
          disabled={busy}
        >
          {report.neededSupplement ? t("case.unmarkSupplement") : t("case.markSupplement")}
        </button>
        <StepError actionData={needed.reply} intent="neededSupplement" />
      </needed.fetcher.Form>
    </section>
  );
}

/** Social services' internal notes: never shown to reporters. */
export function Notes({
  reportId,
  notes,
  routeReply,
  submissionKey,
}: {
  reportId: string;
  notes: { id: string; text: string; createdAt: string; authorName: string }[];
  routeReply?: CaseReply;
  submissionKey: string;
}) {
  const { t, i18n } = useTranslation("reports");
  const { fetcher, reply: actionData } = useStepForm("note", routeReply);
  const noteKey = useFetcherSubmission(submissionKey, fetcher).key;
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const busy = useBusy();
  return (
    <section aria-labelledby="notes-heading" className="card">
      <h2 id="notes-heading">{t("case.notes")}</h2>
      <p className="field__hint">{t("case.notesHint")}</p>
      {notes.length ? (
        <ul className="plain-list entries">
          {notes.map((n) => (
            <li key={n.id}>
              <p className="muted">
                {n.authorName}, {formatDateTime(n.createdAt, locale)}
              </p>
              <p className="preserve-lines">{n.text}</p>
            </li>
          ))}
        </ul>
      ) : null}
      <fetcher.Form method="post" action={stepAction(reportId, "notes")} className="stack" key={noteKey}>
        <input type="hidden" name="submissionKey" value={noteKey} />
        <div className="field">
          <label htmlFor="note-text">{t("case.addNote")}</label>
          <textarea
            id="note-text"
            name="text"
            rows={3}
            {...browserChecks(noteRules.text)}
            aria-describedby={describedBy(actionData, "note")}
            defaultValue={typed(actionData, "note", "text")}
          />
        </div>
        <StepError actionData={actionData} intent="note" />
        <p>
          <button type="submit" name="intent" value="note" className="button button--secondary" disabled={busy}>
            {t("case.saveNote")}
          </button>
        </p>
      </fetcher.Form>
    </section>
  );
}

/** Every step with who and when. */
export function Timeline({
  events,
}: {
  events: { id: string; kind: string; at: string; actorName: string | null; details: Record<string, unknown> | null }[];
}) {
  const { t, i18n } = useTranslation("reports");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  return (
    <section aria-labelledby="timeline-heading" className="card">
      <h2 id="timeline-heading">{t("case.timeline")}</h2>
      <ol className="timeline">
        {events.map((e) => (
          <li key={e.id}>
            <time dateTime={e.at}>{formatDateTime(e.at, locale)}</time>{" "}
            <strong>{t(`events.${e.kind}`, { defaultValue: e.kind })}</strong>
            {e.actorName ? ` – ${e.actorName}` : ""}
            {eventDetail(e, t)}
          </li>
        ))}
      </ol>
    </section>
  );
}

function eventDetail(e: { kind: string; details: Record<string, unknown> | null }, t: (key: string) => string) {
  const d = e.details ?? {};
  if (e.kind === "decided" && typeof d.decision === "string") return `: ${t(`status.${d.decision}`)}`;
  if (e.kind === "protection_assessed" && typeof d.outcome === "string")
    return `: ${t(`case.protectionOutcomes.${d.outcome}`)}`;
  if (e.kind === "registered" && typeof d.channel === "string") return `: ${t(`channels.${d.channel}`)}`;
  if (e.kind === "child_heard") return `: ${t(d.heard ? "case.childWasHeard" : "case.childWasNotHeard")}`;
  return "";
}
