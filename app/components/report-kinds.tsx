import { useTranslation } from "react-i18next";
import { concernKindLabel } from "~/domain/concern-kinds";
import type { CaseReply } from "~/domain/report-case-schema";
import { isLocale } from "~/lib/i18n";
import { stepAction, useBusy, useStepForm } from "./report-reply";

interface KindShown {
  id: string;
  code: string;
  labelSv: string | null;
  labelEn: string | null;
}

export interface ReportKindsData {
  id: string;
  ageBand: string | null;
  daysToReport: number | null;
  concernKinds: {
    options: (KindShown & { violence: boolean })[];
    selected: string[];
    suggested: KindShown | null;
  };
}

/**
 * What kind of concern the report is about, as social services judge it (the reporter's suggestion beside it), and the
 * facts fixed at receipt that the statistics count. Social services' page only: school staff never see it.
 */
export function ReportKinds({ report, routeReply }: { report: ReportKindsData; routeReply?: CaseReply }) {
  const { t, i18n } = useTranslation("reports");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const busy = useBusy();
  const { fetcher, reply } = useStepForm("kinds", routeReply);
  const { options, selected, suggested } = report.concernKinds;
  const label = (kind: KindShown) => concernKindLabel(kind, locale, t);
  return (
    <section aria-labelledby="kinds-heading" className="card">
      <h2 id="kinds-heading">{t("concernKinds.case.heading")}</h2>
      <dl className="facts">
        <dt>{t("concernKinds.case.ageBand")}</dt>
        <dd>
          {report.ageBand ? t("concernKinds.case.years", { band: report.ageBand }) : t("concernKinds.case.unknown")}
        </dd>
        <dt>{t("concernKinds.case.daysToReport")}</dt>
        <dd>
          {report.daysToReport === null
            ? t("concernKinds.case.unknown")
            : t("concernKinds.case.days", { count: report.daysToReport })}
        </dd>
        <dt>{t("concernKinds.case.suggested")}</dt>
        <dd>{suggested ? label(suggested) : t("concernKinds.case.noSuggestion")}</dd>
      </dl>
      {/* A new set from the server (after a save) starts the boxes from it. */}
      <fetcher.Form method="post" action={stepAction(report.id, "kinds")} className="stack" key={selected.join()}>
        <fieldset aria-describedby={reply ? "kinds-hint kinds-error" : "kinds-hint"}>
          <legend>{t("concernKinds.case.question")}</legend>
          <p className="field__hint" id="kinds-hint">
            {t("concernKinds.case.hint")}
          </p>
          {options.map((kind) => (
            <label key={kind.id} className="choice">
              <input type="checkbox" name="kindIds" value={kind.id} defaultChecked={selected.includes(kind.id)} />
              {label(kind)}
              {kind.violence ? (
                <>
                  {" "}
                  <span className="tag">{t("concernKinds.violenceTag")}</span>
                </>
              ) : null}
            </label>
          ))}
        </fieldset>
        {reply ? (
          <p role="alert" className="error-list" id="kinds-error">
            {t(reply.error)}
          </p>
        ) : null}
        <p>
          <button type="submit" name="intent" value="kinds" className="button button--secondary" disabled={busy}>
            {t("concernKinds.case.save")}
          </button>
        </p>
      </fetcher.Form>
    </section>
  );
}
