import { useTranslation } from "react-i18next";
import { figureHref, isSteeringFigure } from "~/domain/steering-log";
import { formatDate } from "~/lib/i18n";

interface SteeringYear {
  meetings: {
    id: string;
    heldOn: string;
    title: string;
    decisions: { title: string; figure: string | null; decision: string }[];
  }[];
  openActions: { id: string; description: string; ownerName: string; dueOn: string; meetingTitle: string }[];
}

/**
 * The yearly report's part on the steering group, within the agreement's follow-up (app/components/stats-report.tsx,
 * under its h2): the year's meetings with what was decided, and the actions still open at the year's end. Plain lists,
 * so it prints as it shows.
 */
export function SteeringYearReport({ year, steering }: { year: number; steering: SteeringYear }) {
  const { t, i18n } = useTranslation("steering");
  const locale = i18n.language;
  return (
    <section aria-labelledby="report-steering-heading" className="stats-report__steering stack">
      <h3 id="report-steering-heading">{t("report.heading", { year })}</h3>
      {steering.meetings.length ? (
        <ul className="plain-list entries">
          {steering.meetings.map((m) => (
            <li key={m.id}>
              <h4>
                {formatDate(m.heldOn, locale)} · {m.title}
              </h4>
              {m.decisions.length ? (
                <ul>
                  {m.decisions.map((d, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the decisions of one meeting, in agenda order
                    <li key={i}>
                      <strong>{d.title}</strong>
                      {d.figure && isSteeringFigure(d.figure) ? (
                        <>
                          {" "}
                          (<a href={figureHref(d.figure)}>{t(`figures.${d.figure}`)}</a>)
                        </>
                      ) : null}
                      : <span className="preserve-lines">{d.decision}</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">{t("report.noDecisions")}</p>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("report.noMeetings", { year })}</p>
      )}
      <h4>{t("report.openActions", { year })}</h4>
      {steering.openActions.length ? (
        <ul>
          {steering.openActions.map((a) => (
            <li key={a.id}>
              {a.description} · {a.ownerName} · {t("report.due", { date: formatDate(a.dueOn, locale) })} ·{" "}
              {a.meetingTitle}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("report.noOpenActions")}</p>
      )}
    </section>
  );
}
