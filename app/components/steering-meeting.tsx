import type { SerializeFrom } from "@remix-run/node";
import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusMessage } from "~/components/status-message";
import { ActionForm, AgendaItemForm, CloseActionForm } from "~/components/steering-forms";
import { SteeringActionTable } from "~/components/steering-log";
import { figureHref, isSteeringFigure } from "~/domain/steering-log";
import { formatDate, formatDateTime, isLocale } from "~/lib/i18n";
import type { loader, Refused } from "~/routes/steering.$meetingId";

/** One meeting (app/routes/steering.$meetingId.tsx): the agenda with figures and decisions, the actions, the forms. */
export function SteeringMeetingPage({
  data,
  refused,
}: {
  data: SerializeFrom<typeof loader>;
  refused: Refused | null;
}) {
  const { t, i18n } = useTranslation("steering");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const [params] = useSearchParams();
  const notice = params.get("notice");
  const noticeKey = notice ? `steering:notices.${notice}` : null;
  const open = data.actions.filter((a) => !a.closedAt);
  const closed = data.actions.filter((a) => a.closedAt);
  const itemTitle = (id: string | null) => data.items.find((i) => i.id === id)?.title;
  return (
    <div className="stack">
      <StatusMessage message={noticeKey && i18n.exists(noticeKey) ? t(noticeKey) : null} />
      <p>
        <Link to="/steering">{t("list.back")}</Link>
      </p>
      <h1>
        {data.meeting.title} · {formatDate(data.meeting.heldOn, locale)}
      </h1>
      <section aria-labelledby="agenda-heading" className="stack">
        <h2 id="agenda-heading">{t("meeting.agenda")}</h2>
        {data.items.length ? (
          <ol className="plain-list entries">
            {data.items.map((item) => (
              <li key={item.id} id={`item-${item.id}`} className="card stack">
                <h3>
                  {item.position}. {item.title}
                </h3>
                {item.figure && isSteeringFigure(item.figure) ? (
                  <p>
                    {t("item.figure")}: <a href={figureHref(item.figure)}>{t(`figures.${item.figure}`)}</a>
                  </p>
                ) : null}
                {item.notes ? <p className="preserve-lines">{item.notes}</p> : null}
                <p>
                  <strong>{t("item.decision")}:</strong>{" "}
                  {item.decision ? <span className="preserve-lines">{item.decision}</span> : t("item.noDecision")}
                </p>
              </li>
            ))}
          </ol>
        ) : (
          <p>{t("meeting.noItems")}</p>
        )}
        {data.writes ? <AgendaItemForm fresh={data.itemKey} refused={refused} /> : null}
      </section>
      <section aria-labelledby="actions-heading" className="stack">
        <h2 id="actions-heading">{t("meeting.actions")}</h2>
        {open.length ? (
          <ul className="plain-list entries">
            {open.map((a) => (
              <li key={a.id} className="card stack">
                <SteeringActionTable
                  caption={t("meeting.actions")}
                  actions={[{ ...a, meeting: itemTitle(a.agendaItemId) ?? t("action.wholeMeeting") }]}
                  locale={locale}
                />
                {data.writes ? <CloseActionForm actionId={a.id} refused={refused} /> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("meeting.noOpenActions")}</p>
        )}
        {closed.length ? (
          <>
            <h3>{t("meeting.closedActions")}</h3>
            <ul className="plain-list entries">
              {closed.map((a) => (
                <li key={a.id}>
                  {a.description} · {a.ownerName} ·{" "}
                  {t("action.closedOn", { date: formatDateTime(a.closedAt ?? "", locale, { timeStyle: undefined }) })}
                  {a.closingNote ? <span className="preserve-lines"> · {a.closingNote}</span> : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {data.writes ? (
          <ActionForm fresh={data.actionKey} refused={refused} owners={data.owners} items={data.items} />
        ) : null}
      </section>
    </div>
  );
}
