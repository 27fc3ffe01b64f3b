import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/server/auth.server";
import { formatDate, pageTitle, type RouteTexts } from "~/lib/i18n";
import { detectLocale } from "~/lib/i18n.server";
import { param, readQuery } from "~/domain/query";
import { can } from "~/lib/permissions.server";
import { listPublishedArticles } from "~/models/guidance.server";
import guidanceStyles from "~/styles/guidance.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: guidanceStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "guidance:index.title");

export const handle: RouteTexts = { i18n: ["guidance"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "guidance:read");
  const { q: query } = readQuery(args.request, { q: param.text(200) });
  const articles = await listPublishedArticles(user.municipalityId, detectLocale(args.request, user), query);
  return { query, articles, canManage: can(user, "guidance:manage") };
}

export default function GuidanceIndex() {
  const { t, i18n } = useTranslation("guidance");
  const { query, articles, canManage } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("index.title")}</h1>
      <p className="lead">{t("index.intro")}</p>
      <ul className="guidance-shortcuts">
        <li>
          <Link to="/guidance/should-i-report" className="card card--link">
            <strong>{t("helper.title")}</strong>
            <span>{t("index.helperHint")}</span>
          </Link>
        </li>
        <li>
          <Link to="/guidance/agreement" className="card card--link">
            <strong>{t("agreement.title")}</strong>
            <span>{t("index.agreementHint")}</span>
          </Link>
        </li>
      </ul>
      {canManage ? (
        <p>
          <Link to="/guidance/manage">{t("manage.title")}</Link>
        </p>
      ) : null}
      <Form method="get" role="search" className="search-form">
        <label htmlFor="guidance-q">{t("index.searchLabel")}</label>
        <div className="search-form__row">
          <input id="guidance-q" name="q" type="search" defaultValue={query} />
          <button type="submit" className="button">
            {t("index.search")}
          </button>
        </div>
      </Form>
      <h2 id="articles-heading">
        {query ? t("index.results", { count: articles.length, query }) : t("index.allArticles")}
      </h2>
      {articles.length ? (
        <ul className="article-list" aria-labelledby="articles-heading">
          {articles.map((a) => (
            <li key={a.slug}>
              <Link to={`/guidance/${a.slug}`}>{a.title}</Link>
              {a.summary ? <p>{a.summary}</p> : null}
              {a.reviewed ? (
                <p className="muted">
                  {t("article.reviewedOn")} {formatDate(a.reviewed.on, i18n.language)}{" "}
                  {t("article.reviewedBy", { name: a.reviewed.byName })}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{query ? t("index.noResults") : t("index.none")}</p>
      )}
    </>
  );
}
