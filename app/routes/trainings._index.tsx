import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/server/auth.server";
import { addCalendarDays, startOfStockholmDay, stockholmDate } from "~/domain/deadlines";
import { dateTimeFormat, formatDateTime, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { can } from "~/lib/permissions.server";
import { param, readQuery } from "~/domain/query";
import { trainingTopics } from "~/domain/vocabulary";
import { inAudience, listTrainings } from "~/models/training.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "trainings:list.title");

export const handle: RouteTexts = { i18n: ["trainings"] };

/** Monday-first weeks covering the month: each day as "YYYY-MM-DD", or null outside the month. */
function weeksOf(first: string) {
  const month = first.slice(0, 7);
  const lead = (new Date(`${first}T12:00:00Z`).getUTCDay() + 6) % 7;
  const days: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = first; d.startsWith(month); d = addCalendarDays(d, 1)) days.push(d);
  while (days.length % 7) days.push(null);
  return Array.from({ length: days.length / 7 }, (_, i) => days.slice(i * 7, i * 7 + 7));
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "training:read");
  const query = readQuery(args.request, {
    month: param.month(),
    topic: param.oneOf(trainingTopics),
    audience: param.choice(["me", "all"], "me"),
    view: param.choice(["month", "list"], "month"),
  });
  const first = `${query.month ?? stockholmDate(new Date()).slice(0, 7)}-01`;
  const next = addCalendarDays(first, 40).slice(0, 7);
  const previous = addCalendarDays(first, -1).slice(0, 7);
  const topic = query.topic ?? undefined;
  // People see the trainings meant for them unless they ask for all; coordinators always see all.
  const forMe = query.audience !== "all" && !can(user, "training:manage");
  const view = query.view;
  const rows = await listTrainings(user.municipalityId, startOfStockholmDay(first), startOfStockholmDay(`${next}-01`), {
    topic,
  });
  return {
    canRegister: can(user, "training:register"),
    month: first.slice(0, 7),
    previous,
    next,
    view,
    topic: topic ?? "",
    audience: forMe ? "me" : "all",
    weeks: weeksOf(first),
    trainings: rows
      .filter((r) => !forMe || inAudience(user, r))
      .map((r) => ({
        id: r.id,
        title: r.title,
        topic: r.topic,
        startsAt: r.startsAt.toISOString(),
        day: stockholmDate(r.startsAt),
        place: r.place,
        free: r.free,
      })),
  };
}

export default function Trainings() {
  const { t, i18n } = useTranslation("trainings");
  const data = useLoaderData<typeof loader>();
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const monthName = dateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${data.month}-15T12:00:00Z`));
  const weekdays = Array.from({ length: 7 }, (_, i) =>
    dateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", { weekday: "long", timeZone: "UTC" }).format(
      new Date(Date.UTC(2027, 0, 4 + i, 12)),
    ),
  );
  const time = (iso: string) => formatDateTime(iso, locale, { dateStyle: undefined, timeStyle: "short" });
  const query = (changes: Record<string, string>) =>
    `?${new URLSearchParams({ month: data.month, view: data.view, topic: data.topic, audience: data.audience, ...changes }).toString()}`;
  return (
    <>
      <h1>{t("list.title")}</h1>
      <p>{t("list.intro")}</p>
      {data.canRegister ? (
        <p>
          <Link to="/trainings/mine">{t("list.mine")}</Link>
        </p>
      ) : null}
      <Form method="get" className="filters">
        <input type="hidden" name="month" value={data.month} />
        <input type="hidden" name="view" value={data.view} />
        <div className="field">
          <label htmlFor="filter-topic">{t("list.topic")}</label>
          <select id="filter-topic" name="topic" defaultValue={data.topic}>
            <option value="">{t("list.allTopics")}</option>
            {trainingTopics.map((topic) => (
              <option key={topic} value={topic}>
                {t(`topics.${topic}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-audience">{t("list.audience")}</label>
          <select id="filter-audience" name="audience" defaultValue={data.audience}>
            <option value="me">{t("list.forMe")}</option>
            <option value="all">{t("list.forEveryone")}</option>
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t("list.filter")}
        </button>
      </Form>
      <nav aria-label={t("list.monthNav")} className="button-row">
        <Link to={query({ month: data.previous })}>{t("list.previous")}</Link>
        <Link to={query({ month: data.next })}>{t("list.next")}</Link>
        {data.view === "month" ? (
          <Link to={query({ view: "list" })}>{t("list.showList")}</Link>
        ) : (
          <Link to={query({ view: "month" })}>{t("list.showMonth")}</Link>
        )}
      </nav>
      {data.view === "month" ? (
        <div className="table-scroll">
          <table className="month">
            <caption>{t("list.monthCaption", { month: monthName })}</caption>
            <thead>
              <tr>
                {weekdays.map((w) => (
                  <th key={w} scope="col">
                    {w}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.weeks.map((week) => (
                <tr key={week.find((day) => day !== null)}>
                  {week.map((day, j) =>
                    day ? (
                      <td key={day}>
                        <span className="month__day">{Number(day.slice(8))}</span>
                        <ul className="plain-list">
                          {data.trainings
                            .filter((tr) => tr.day === day)
                            .map((tr) => (
                              <li key={tr.id}>
                                <Link to={`/trainings/${tr.id}`}>
                                  {time(tr.startsAt)} {tr.title}
                                </Link>
                              </li>
                            ))}
                        </ul>
                      </td>
                    ) : (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a blank cell is only its weekday column
                      <td key={`empty-${j}`} />
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <section aria-labelledby="list-heading">
          <h2 id="list-heading">{monthName}</h2>
          {data.trainings.length ? (
            <ul className="plain-list entries">
              {data.trainings.map((tr) => (
                <li key={tr.id}>
                  <Link to={`/trainings/${tr.id}`}>{tr.title}</Link> · {formatDateTime(tr.startsAt, locale)} ·{" "}
                  {t(`topics.${tr.topic}`)}
                  {tr.place ? ` · ${tr.place}` : ""} · {tr.free ? t("list.free", { count: tr.free }) : t("list.full")}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("list.none")}</p>
          )}
        </section>
      )}
    </>
  );
}
