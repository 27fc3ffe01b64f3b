import { useTranslation } from "react-i18next";
import { getZodConstraint } from "@conform-to/zod";
import { browserChecks } from "~/components/forms";
import { DueBadge } from "~/components/report-status";
import {
  assessSchema,
  childHeardSchema,
  decideSchema,
  noteSchema,
  policeSchema,
  type CaseReply,
} from "~/domain/report-case-schema";
import { notOpenedGrounds } from "~/domain/vocabulary";
import { formatDate, formatDateTime, isLocale } from "~/lib/i18n";
import { useFetcherSubmission } from "~/lib/use-submission-key";
import { stepAction, useBusy, useStepForm } from "./report-reply";

// The fields' rules, from the schemas the steps route parses with.
const assessRules = getZodConstraint(assessSchema);
const childHeardRules = getZodConstraint(childHeardSchema);
const decideRules = getZodConstraint(decideSchema);
const policeRules = getZodConstraint(policeSchema);
const noteRules = getZodConstraint(noteSchema);

/** A form's own answer (useStepForm): only a refusal of that form, or nothing. */
type ActionData = CaseReply | undefined;

/** What was typed into a refused step's field, to show it again; otherwise `fallback`. */
const typed = (actionData: ActionData, intent: string, name: string, fallback = "") =>
  actionData?.intent === intent ? (actionData.values?.[name] ?? fallback) : fallback;

/** The words of a police consideration's answer: the page's summary and the timeline's entry. */
const policeAnswer = (considered: unknown, reported: unknown) =>
  considered ? (reported ? "case.policeReported" : "case.policeNotReported") : "case.policeNotConsidered";

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
  decisionGround: string | null;
  decisionReasons: string | null;
  remainingConcern: boolean | null;
  police: {
    considered: boolean | null;
    reported: boolean | null;
    note: string | null;
    consultedOn: string | null;
    required: boolean;
    reconsider: boolean;
  };
  neededSupplement: boolean;
  /** Proposals for a reception lead's second look: one waiting holds the decision (app/components/second-look.tsx). */
  secondLooks: { status: string }[];
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
  const { t, i18n } = useTranslation("reports");
  const busy = useBusy();
  const p = report.protection;
  const police = report.police;
  const action = stepAction(report.id, "steps");
  const assess = useStepForm("assess", routeReply);
  const assign = useStepForm("assign", routeReply);
  const childHeard = useStepForm("childHeard", routeReply);
  const policeStep = useStepForm("police", routeReply);
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
        <DueBadge state={p.state} dueAt={p.dueAt} doneAt={p.assessedAt} counts={t("dueCounts.protection")} />
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

      <h3>
        {t("case.police")}
        {police.required ? ` · ${t("case.policeRequired")}` : ""}
      </h3>
      <p className="field__hint" id="police-hint">
        {t("case.policeHint")}
      </p>
      {police.considered !== null ? (
        <p>
          {t(policeAnswer(police.considered, police.reported))}
          {police.consultedOn
            ? ` · ${t("case.policeConsulted", { date: formatDate(police.consultedOn, i18n.language) })}`
            : ""}
          {police.note ? `: ${police.note}` : ""}
        </p>
      ) : null}
      {police.reconsider ? (
        <p className="alert alert--warning" role="note">
          {t("case.policeReconsider")}
        </p>
      ) : null}
      <policeStep.fetcher.Form method="post" action={action} className="inline-step">
        <fieldset aria-describedby="police-hint">
          <legend>{t("case.policeConsideredQuestion")}</legend>
          {(["yes", "no"] as const).map((v) => (
            <label key={v} className="choice">
              <input
                type="radio"
                name="considered"
                value={v}
                {...browserChecks(policeRules.considered)}
                defaultChecked={police.considered === (v === "yes")}
              />
              {t(`case.policeOptions.${v}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("case.policeReportedQuestion")}</legend>
          {(["yes", "no"] as const).map((v) => (
            <label key={v} className="choice">
              <input type="radio" name="reported" value={v} defaultChecked={police.reported === (v === "yes")} />
              {t(`case.policeOptions.${v}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="police-note">{t("case.policeNote")}</label>
          <p className="field__hint" id="police-note-hint">
            {t("case.policeNoteHint")}
          </p>
          <textarea
            id="police-note"
            name="note"
            rows={2}
            {...browserChecks(policeRules.note)}
            aria-describedby={describedBy(policeStep.reply, "police", "police-note-hint")}
            defaultValue={typed(policeStep.reply, "police", "note", police.note ?? "")}
          />
        </div>
        <div className="field">
          <label htmlFor="police-consulted-on">{t("case.policeConsultedOn")}</label>
          <input
            id="police-consulted-on"
            name="consultedOn"
            type="date"
            aria-describedby={describedBy(policeStep.reply, "police")}
            defaultValue={typed(policeStep.reply, "police", "consultedOn", police.consultedOn ?? "")}
          />
        </div>
        <StepError actionData={policeStep.reply} intent="police" />
        <button type="submit" name="intent" value="police" className="button button--secondary" disabled={busy}>
          {t("case.recordPolice")}
        </button>
      </policeStep.fetcher.Form>

      <h3>{t("case.decision")}</h3>
      <p>
        <DueBadge
          state={report.decisionDeadline.state}
          dueAt={report.decisionDeadline.dueAt}
          doneAt={report.decidedAt}
          counts={t("dueCounts.decision")}
        />
        {report.decision ? ` · ${t(`status.${report.decision}`)}` : ""}
        {report.decisionGround ? ` · ${t(`case.decisionGrounds.${report.decisionGround}`)}` : ""}
        {report.remainingConcern === null
          ? ""
          : ` · ${t(report.remainingConcern ? "case.remainingConcernYes" : "case.remainingConcernNo")}`}
      </p>
      {report.decisionReasons ? <p className="preserve-lines">{report.decisionReasons}</p> : null}
      {report.decision ? null : report.secondLooks.some((s) => s.status === "proposed") ? (
        <p className="alert" role="note">
          {t("case.awaitingSecondLook")} <a href="#second-look-heading">{t("case.toSecondLook")}</a>
        </p>
      ) : (
        <decide.fetcher.Form method="post" action={action} className="inline-step">
          {report.childHeard === false ? (
            // The inspectors' finding beside a decision without the child's own account (Stockholm 2023, 286 reviewed).
            <div className="alert alert--warning" role="note">
              <p>{t("case.childNotHeardFinding")}</p>
              {report.childHeardNote ? <p>{t("case.childNotHeardReason", { reason: report.childHeardNote })}</p> : null}
            </div>
          ) : null}
          <fieldset>
            <legend>{t("case.decisionQuestion")}</legend>
            {["opened", "not_opened", "already_ongoing"].map((d) => (
              <label key={d} className="choice">
                <input type="radio" name="decision" value={d} {...browserChecks(decideRules.decision)} />
                {t(`status.${d}`)}
              </label>
            ))}
          </fieldset>
          {/* Asked of every decision; "yes" goes with an investigation, or a "not opened" waits for a second look. */}
          <fieldset aria-describedby="remaining-concern-hint">
            <legend>{t("case.remainingConcern")}</legend>
            <p className="field__hint" id="remaining-concern-hint">
              {t("case.remainingConcernHint")}
            </p>
            {(["yes", "no"] as const).map((v) => (
              <label key={v} className="choice">
                <input
                  type="radio"
                  name="remainingConcern"
                  value={v}
                  {...browserChecks(decideRules.remainingConcern)}
                />
                {t(`case.remainingConcernOptions.${v}`)}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t("case.decisionGround")}</legend>
            {notOpenedGrounds.map((g) => (
              <label key={g} className="choice">
                <input type="radio" name="ground" value={g} />
                {t(`case.decisionGrounds.${g}`)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="decision-reasons">{t("case.decisionReasons")}</label>
            <p className="field__hint" id="decision-reasons-hint">
              {t("case.decisionReasonsHint")}
            </p>
            <textarea
              id="decision-reasons"
              name="reasons"
              rows={4}
              {...browserChecks(decideRules.reasons)}
              aria-describedby={describedBy(decide.reply, "decide", "decision-reasons-hint")}
              defaultValue={typed(decide.reply, "decide", "reasons")}
            />
          </div>
          <p className="field__hint">{t("case.secondLookHint")}</p>
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
  if (e.kind === "decided" && typeof d.decision === "string")
    return `: ${t(`status.${d.decision}`)}${typeof d.ground === "string" ? ` (${t(`case.decisionGrounds.${d.ground}`)})` : ""}`;
  if (e.kind === "protection_assessed" && typeof d.outcome === "string")
    return `: ${t(`case.protectionOutcomes.${d.outcome}`)}`;
  if (e.kind === "registered" && typeof d.channel === "string") return `: ${t(`channels.${d.channel}`)}`;
  if (e.kind === "child_heard") return `: ${t(d.heard ? "case.childWasHeard" : "case.childWasNotHeard")}`;
  if (e.kind === "police_considered") return `: ${t(policeAnswer(d.considered, d.reported))}`;
  if (e.kind === "threat_flag")
    return `: ${t(d.flagged ? "protection.case.threatSet" : "protection.case.threatCleared")}`;
  return "";
}
