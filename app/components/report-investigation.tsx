import { getZodConstraint } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { browserChecks } from "~/components/forms";
import { DueBadge } from "~/components/report-status";
import { fourMonthsAfter, investigationOutcomes } from "~/domain/investigation";
import {
  investigationEndSchema,
  investigationExtendSchema,
  investigationStartSchema,
  type CaseReply,
} from "~/domain/report-case-schema";
import { formatDate, isLocale } from "~/lib/i18n";
import { stepAction, useBusy, useStepForm } from "./report-reply";

const startRules = getZodConstraint(investigationStartSchema);
const extendRules = getZodConstraint(investigationExtendSchema);
const endRules = getZodConstraint(investigationEndSchema);

/** A labelled date of one of the stage's forms, checked in the browser by its schema's rule. */
function DateField({
  id,
  label,
  name,
  rule,
  defaultValue,
}: {
  id: string;
  label: string;
  name: string;
  rule: Parameters<typeof browserChecks>[0];
  defaultValue: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="date" name={name} {...browserChecks(rule)} defaultValue={defaultValue} />
    </div>
  );
}

export interface ReportInvestigationData {
  id: string;
  investigation: {
    startedOn: string;
    dueOn: string;
    dueAt: string;
    state: string;
    extensions: { dueOn: string; reason: string }[];
    endedOn: string | null;
    outcome: string | null;
  } | null;
}

/**
 * The investigation an "opened" decision started (SoL 11 kap. 1–2 §§): its start, its four-month limit and the
 * extensions with their reasons, and its end with the outcome. Social services' page only; the end tells the reporter
 * that it closed, never how.
 */
export function ReportInvestigation({
  report,
  routeReply,
}: {
  report: ReportInvestigationData;
  routeReply?: CaseReply;
}) {
  const { t, i18n } = useTranslation("reports");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const busy = useBusy();
  const start = useStepForm("investigationStart", routeReply);
  const extend = useStepForm("investigationExtend", routeReply);
  const end = useStepForm("investigationEnd", routeReply);
  const inv = report.investigation;
  if (!inv) return null;
  const action = stepAction(report.id, "investigation");
  // An extension only counts when it lies beyond four months from the (perhaps later corrected) start.
  const extended = inv.dueOn > fourMonthsAfter(inv.startedOn);
  const typed = (reply: CaseReply | undefined, name: string, fallback = "") => reply?.values?.[name] ?? fallback;
  const error = (reply: CaseReply | undefined, intent: string) =>
    reply ? (
      <p role="alert" className="error-list" id={`${intent}-error`}>
        {t(reply.error)}
      </p>
    ) : null;
  return (
    <section aria-labelledby="investigation-heading" className="card">
      <h2 id="investigation-heading">{t("investigation.heading")}</h2>
      <p className="muted">{t("investigation.intro")}</p>
      <dl className="facts">
        <dt>{t("investigation.startedOn")}</dt>
        <dd>{formatDate(inv.startedOn, locale)}</dd>
        <dt>{t("investigation.dueOn")}</dt>
        <dd>
          <DueBadge
            state={inv.state}
            dueAt={inv.dueAt}
            doneAt={null}
            counts={t(extended ? "dueCounts.investigationExtended" : "dueCounts.investigation")}
          />
        </dd>
        {inv.endedOn && inv.outcome ? (
          <>
            <dt>{t("investigation.endedOn")}</dt>
            <dd>
              {t("investigation.ended", {
                date: formatDate(inv.endedOn, locale),
                outcome: t(`investigation.outcomes.${inv.outcome}`),
              })}
            </dd>
          </>
        ) : null}
      </dl>
      {inv.endedOn ? (
        // Its forms are gone once it ended: a refusal that it had (another's end at the same time) is told here.
        <>
          {error(end.reply, "investigationEnd")}
          {error(extend.reply, "investigationExtend")}
        </>
      ) : null}
      {inv.extensions.length ? (
        <>
          <h3>{t("investigation.extensionsHeading")}</h3>
          <ul>
            {inv.extensions.map((e) => (
              <li key={e.dueOn}>
                {t("investigation.extension", { date: formatDate(e.dueOn, locale), reason: e.reason })}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <start.fetcher.Form method="post" action={action} className="inline-step" key={`start-${inv.startedOn}`}>
        <DateField
          id="investigation-started-on"
          label={t("investigation.correctStart")}
          name="startedOn"
          rule={startRules.startedOn}
          defaultValue={typed(start.reply, "startedOn", inv.startedOn)}
        />
        {error(start.reply, "investigationStart")}
        <button
          type="submit"
          name="intent"
          value="investigationStart"
          className="button button--secondary"
          disabled={busy}
        >
          {t("investigation.saveStart")}
        </button>
      </start.fetcher.Form>

      {inv.endedOn ? null : (
        <>
          <h3>{t("investigation.extend")}</h3>
          <extend.fetcher.Form method="post" action={action} className="stack" key={`extend-${inv.dueOn}`}>
            <DateField
              id="investigation-due-on"
              label={t("investigation.newDueOn")}
              name="dueOn"
              rule={extendRules.dueOn}
              defaultValue={typed(extend.reply, "dueOn")}
            />
            <div className="field">
              <label htmlFor="investigation-reason">{t("investigation.reason")}</label>
              <textarea
                id="investigation-reason"
                name="reason"
                rows={3}
                {...browserChecks(extendRules.reason)}
                defaultValue={typed(extend.reply, "reason")}
              />
            </div>
            {error(extend.reply, "investigationExtend")}
            <p>
              <button type="submit" name="intent" value="investigationExtend" className="button" disabled={busy}>
                {t("investigation.saveExtension")}
              </button>
            </p>
          </extend.fetcher.Form>

          <h3>{t("investigation.end")}</h3>
          <end.fetcher.Form method="post" action={action} className="stack">
            <DateField
              id="investigation-ended-on"
              label={t("investigation.endedOn")}
              name="endedOn"
              rule={endRules.endedOn}
              defaultValue={typed(end.reply, "endedOn")}
            />
            <fieldset aria-describedby="investigation-outcome-hint">
              <legend>{t("investigation.outcome")}</legend>
              <p className="field__hint" id="investigation-outcome-hint">
                {t("investigation.outcomeHint")}
              </p>
              {investigationOutcomes.map((o) => (
                <label key={o} className="choice">
                  <input
                    type="radio"
                    name="outcome"
                    value={o}
                    {...browserChecks(endRules.outcome)}
                    defaultChecked={typed(end.reply, "outcome") === o}
                  />
                  {t(`investigation.outcomes.${o}`)}
                </label>
              ))}
            </fieldset>
            {error(end.reply, "investigationEnd")}
            <p>
              <button type="submit" name="intent" value="investigationEnd" className="button" disabled={busy}>
                {t("investigation.saveEnd")}
              </button>
            </p>
          </end.fetcher.Form>
        </>
      )}
    </section>
  );
}
