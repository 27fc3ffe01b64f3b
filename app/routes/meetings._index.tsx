import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { audit } from "~/lib/audit.server";
import { requirePermission } from "~/server/auth.server";
import { addCalendarDays, startOfStockholmDay, stockholmDate } from "~/domain/deadlines";
import { formatDate, formatDateTime, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { param, readQuery } from "~/domain/query";
import { invitationAnswers } from "~/domain/vocabulary";
import { upcomingMeetings } from "~/models/meeting.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "meetings:mine.title");

export const handle: RouteTexts = { i18n: ["meetings"] };

/** The Monday of the week a date falls in. */
function mondayOf(date: string) {
  const weekday = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
  return addCalendarDays(date, -weekday);
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "meeting:manage");
  const asked = readQuery(args.request, { week: param.date() }).week;
  const today = stockholmDate(new Date());
  const monday = mondayOf(asked ?? today);
  const days = Array.from({ length: 7 }, (_, i) => addCalendarDays(monday, i));
  const [week, upcoming] = await Promise.all([
    upcomingMeetings(user, startOfStockholmDay(monday), startOfStockholmDay(addCalendarDays(monday, 7))),
    upcomingMeetings(user, new Date(), startOfStockholmDay(addCalendarDays(today, 60)), { proposalsFirst: true }),
  ]);
  await audit({
    action: "list",
    user,
    recordType: "meeting",
    requestId: args.context.requestId,
    details: { count: upcoming.length },
  });
  const view = (rows: typeof week) =>
    rows.map(({ meeting, ...withAnswers }) => ({
      id: meeting.id,
      reportId: meeting.reportId,
      startsAt: meeting.startsAt.toISOString(),
      day: stockholmDate(meeting.startsAt),
      form: meeting.form,
      place: meeting.place,
      status: meeting.status,
      ...withAnswers,
    }));
  return {
    monday,
    previous: addCalendarDays(monday, -7),
    next: addCalendarDays(monday, 7),
    days,
    week: view(week),
    upcoming: view(upcoming),
  };
}

export default function MyMeetings() {
  const { t, i18n } = useTranslation("meetings");
  const data = useLoaderData<typeof loader>();
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const time = (iso: string) => formatDateTime(iso, locale, { dateStyle: undefined, timeStyle: "short" });
  return (
    <>
      <h1>{t("mine.title")}</h1>
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t("mine.upcoming")}</h2>
        {data.upcoming.length ? (
          <ul className="plain-list entries">
            {data.upcoming.map((m) => (
              <li key={m.id}>
                <Link to={`/reports/${m.reportId}`}>{formatDateTime(m.startsAt, locale)}</Link> · {m.reference} ·{" "}
                {t(`forms.${m.form}`)}
                {m.place ? ` · ${m.place}` : ""}
                {m.openProposal ? (
                  <>
                    {" "}
                    <span className="tag">{t("mine.openProposal")}</span>
                  </>
                ) : null}
                <p className="muted">
                  {invitationAnswers
                    .filter((a) => m.answers[a])
                    .map((a) => `${t(`answers.${a}`)}: ${m.answers[a]}`)
                    .join(" · ")}
                </p>
                <ul className="plain-list" aria-label={t("mine.answers")}>
                  {m.invitations.map((i) => (
                    <li key={i.id}>
                      {i.name}: {t(`answers.${i.answer}`)}
                      {i.proposedStartsAt
                        ? ` (${t("report.proposed", { when: formatDateTime(i.proposedStartsAt, locale) })})`
                        : ""}
                      {i.handedOverTo && i.answeredAt
                        ? ` (${t("report.handedOverTo", { name: i.handedOverTo, when: formatDateTime(i.answeredAt, locale) })})`
                        : ""}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("mine.none")}</p>
        )}
      </section>
      <section aria-labelledby="week-heading">
        <h2 id="week-heading">{t("mine.week", { date: formatDate(data.monday, locale) })}</h2>
        <p className="button-row">
          <Link to={`/meetings?week=${data.previous}`}>{t("mine.previous")}</Link>
          <Link to={`/meetings?week=${data.next}`}>{t("mine.next")}</Link>
        </p>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("mine.week", { date: formatDate(data.monday, locale) })}</caption>
            <thead>
              <tr>
                {data.days.map((d) => (
                  <th key={d} scope="col">
                    {formatDate(d, locale)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                {data.days.map((d) => {
                  const todays = data.week.filter((m) => m.day === d);
                  return (
                    <td key={d}>
                      {todays.length ? (
                        <ul className="plain-list">
                          {todays.map((m) => (
                            <li key={m.id}>
                              <Link to={`/reports/${m.reportId}`}>
                                {time(m.startsAt)} {m.reference}
                              </Link>
                              {m.status === "held" ? ` (${t("status.held")})` : ""}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <span className="muted">{t("mine.free")}</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
