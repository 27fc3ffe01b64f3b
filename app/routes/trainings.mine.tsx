import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/server/auth.server";
import { env } from "~/lib/env.server";
import { formatDateTime, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { hasFeed, myTrainings, renewFeedToken, revokeFeed } from "~/models/calendar-feed.server";
import { readForm } from "~/lib/form-data.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "calendar:mine.title");

export const handle: RouteTexts = { i18n: ["calendar"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "training:register");
  const [mine, feed] = await Promise.all([myTrainings(user, new Date()), hasFeed(user)]);
  const view = <T extends { startsAt: Date }>(rows: T[]) =>
    rows.map((r) => ({ ...r, startsAt: r.startsAt.toISOString() }));
  return {
    upcoming: view(mine.upcoming),
    attended: view(mine.attended),
    feedCreatedAt: feed ? feed.createdAt.toISOString() : null,
  };
}

/**
 * Creates, renews and stops the signed-in person's own calendar link (nothing in the form names whose: only ever
 * the session's user). A new link is shown once, in this response only: it is never stored in clear, put in a
 * redirect or logged. Renewing and creating do the same, a new secret with any earlier one dead at once; `renewed`
 * says whether there was one (the renew button, or a create from a page opened before a link was made elsewhere).
 */
export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "training:register");
  const form = await readForm(args.request);
  const intent = form.get("intent");
  if (intent === "create" || intent === "renew") {
    const { token, renewed } = await renewFeedToken(user);
    return { feedUrl: `${env().publicUrl}/calendar/${token}.ics`, revoked: false, renewed };
  }
  if (intent === "revoke") {
    await revokeFeed(user);
    return { feedUrl: null, revoked: true, renewed: false };
  }
  throw new Response(null, { status: 400 });
}

export default function MyTrainings() {
  const { t, i18n } = useTranslation("calendar");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const feedUrl = actionData?.feedUrl ?? null;
  return (
    <>
      <h1>{t("mine.title")}</h1>

      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t("mine.upcoming")}</h2>
        {data.upcoming.length ? (
          <ul className="plain-list entries">
            {data.upcoming.map((r) => (
              <li key={r.id}>
                <time dateTime={r.startsAt}>{formatDateTime(r.startsAt, locale)}</time> ·{" "}
                <Link to={`/trainings/${r.id}`}>{r.title}</Link>
                {r.place ? ` · ${r.place}` : ""} ·{" "}
                {r.trainingStatus === "cancelled" ? (
                  <strong>{t("mine.cancelled")}</strong>
                ) : r.registrationStatus === "waitlisted" ? (
                  t("mine.waitlisted", { position: r.waitlistPosition })
                ) : (
                  t("mine.registered")
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("mine.noUpcoming")}</p>
        )}
        <p>
          <Link to="/trainings">{t("mine.findMore")}</Link>
        </p>
      </section>

      <section aria-labelledby="attended-heading">
        <h2 id="attended-heading">{t("mine.attended")}</h2>
        {data.attended.length ? (
          <ul className="plain-list entries">
            {data.attended.map((r) => (
              <li key={r.id}>
                <time dateTime={r.startsAt}>{formatDateTime(r.startsAt, locale, { timeStyle: undefined })}</time> ·{" "}
                <Link to={`/trainings/${r.id}`}>{r.title}</Link>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("mine.noAttended")}</p>
        )}
      </section>

      <section aria-labelledby="feed-heading" className="card">
        <h2 id="feed-heading">{t("feed.heading")}</h2>
        <p>{t("feed.intro")}</p>
        <ul>
          <li>{t("feed.outlook")}</li>
          <li>{t("feed.google")}</li>
        </ul>
        <p>{t("feed.secret")}</p>

        {feedUrl ? (
          <div className="field">
            <label htmlFor="feed-url">{t("feed.urlLabel")}</label>
            <p id="feed-url-hint" className="field__hint">
              {t("feed.urlHint")}
            </p>
            <input
              id="feed-url"
              type="url"
              readOnly
              value={feedUrl}
              aria-describedby="feed-url-hint"
              autoComplete="off"
              spellCheck={false}
              onFocus={(e) => e.currentTarget.select()}
            />
          </div>
        ) : null}
        {feedUrl && actionData?.renewed ? (
          <p role="status" className="alert alert--success">
            {t("feed.renewed")}
          </p>
        ) : null}
        {actionData?.revoked ? (
          <p role="status" className="alert alert--success">
            {t("feed.revoked")}
          </p>
        ) : null}

        <p>
          {data.feedCreatedAt
            ? t("feed.active", { date: formatDateTime(data.feedCreatedAt, locale, { timeStyle: undefined }) })
            : t("feed.none")}
        </p>
        <div className="button-row">
          <Form method="post">
            {data.feedCreatedAt ? (
              <button type="submit" name="intent" value="renew" className="button">
                {t("feed.renew")}
              </button>
            ) : (
              <button type="submit" name="intent" value="create" className="button">
                {t("feed.create")}
              </button>
            )}
          </Form>
          {data.feedCreatedAt ? (
            <Form method="post">
              <button type="submit" name="intent" value="revoke" className="button button--secondary">
                {t("feed.revoke")}
              </button>
            </Form>
          ) : null}
        </div>
      </section>
    </>
  );
}
