import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/i18n";
import type { loader } from "~/routes/steering._index";

/** The steering log's front page (app/routes/steering._index.tsx): the open actions, then the meetings. */
export function SteeringOverview({ data }: { data: SerializeFrom<typeof loader> }) {
  const { t, i18n } = useTranslation("steering");
  const locale = i18n.language;
  return (
    <div className="stack">
      <h1>{t("list.title")}</h1>
      <p>{t("list.intro")}</p>
      {data.writes ? (
        <p>
          <Link to="/steering/new" className="button">
            {t("list.new")}
          </Link>
        </p>
      ) : null}
      <section aria-labelledby="open-actions-heading" className="stack">
        <h2 id="open-actions-heading">{t("list.openActions")}</h2>
        {data.openActions.length ? (
          <SteeringActionTable
            caption={t("list.openActionsCaption")}
            actions={data.openActions.map((a) => ({
              ...a,
              meeting: <Link to={`/steering/${a.meetingId}`}>{a.meetingTitle}</Link>,
            }))}
            locale={locale}
          />
        ) : (
          <p>{t("list.noOpenActions")}</p>
        )}
      </section>
      <section aria-labelledby="meetings-heading" className="stack">
        <h2 id="meetings-heading">{t("list.meetings")}</h2>
        {data.meetings.length ? (
          <ul className="plain-list entries">
            {data.meetings.map((m) => (
              <li key={m.id}>
                <Link to={`/steering/${m.id}`}>
                  {formatDate(m.heldOn, locale)} · {m.title}
                </Link>{" "}
                <span className="muted">{t("list.itemCount", { count: m.items })}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("list.noMeetings")}</p>
        )}
      </section>
    </div>
  );
}

/** Actions as a table: what, who, by when (past due marked in words, not only colour), and the meeting. */
export function SteeringActionTable({
  caption,
  actions,
  locale,
}: {
  caption: string;
  actions: {
    id: string;
    description: string;
    ownerName: string;
    dueOn: string;
    overdue?: boolean;
    meeting?: React.ReactNode;
  }[];
  locale: string;
}) {
  const { t } = useTranslation("steering");
  const withMeeting = actions.some((a) => a.meeting);
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("action.description")}</th>
            <th scope="col">{t("action.owner")}</th>
            <th scope="col">{t("action.dueOn")}</th>
            {withMeeting ? <th scope="col">{t("action.meeting")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {actions.map((a) => (
            <tr key={a.id}>
              <th scope="row" className="preserve-lines">
                {a.description}
              </th>
              <td>{a.ownerName}</td>
              <td>
                {formatDate(a.dueOn, locale)}
                {a.overdue ? (
                  <>
                    {" "}
                    <span className="tag tag--warning">{t("action.overdue")}</span>
                  </>
                ) : null}
              </td>
              {withMeeting ? <td>{a.meeting}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
