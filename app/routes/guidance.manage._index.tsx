import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/server/auth.server";
import { formatDate, formatDateTime, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { detectLocale } from "~/lib/i18n.server";
import { listForEditing } from "~/models/guidance.server";
import guidanceStyles from "~/styles/guidance.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: guidanceStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "guidance:manage.title");

export const handle: RouteTexts = { i18n: ["guidance"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "guidance:manage");
  const articles = await listForEditing(user.municipalityId, detectLocale(args.request, user));
  return { articles: articles.map((a) => ({ ...a, updatedAt: a.updatedAt.toISOString() })) };
}

export default function ManageGuidance() {
  const { t, i18n } = useTranslation("guidance");
  const { articles } = useLoaderData<typeof loader>();
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  return (
    <>
      <p>
        <Link to="/guidance">{t("article.back")}</Link>
      </p>
      <h1>{t("manage.title")}</h1>
      <p className="button-row">
        <Link to="/guidance/manage/new" className="button">
          {t("manage.newArticle")}
        </Link>
        <Link to="/guidance/manage/contacts" className="button button--secondary">
          {t("contacts.title")}
        </Link>
      </p>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">{t("manage.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("manage.article")}</th>
              <th scope="col">{t("manage.status")}</th>
              <th scope="col">{t("article.reviewedOn")}</th>
              <th scope="col">{t("manage.updated")}</th>
            </tr>
          </thead>
          <tbody>
            {articles.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={`/guidance/manage/${a.id}`}>{a.title}</Link>
                  {a.kind === "agreement" ? <span className="tag">{t("manage.agreementTag")}</span> : null}
                </td>
                <td>
                  {a.published ? t("manage.published") : t("manage.notPublished")}
                  {a.hasDraft ? ` · ${t("manage.draftPending")}` : ""}
                </td>
                <td>
                  {a.reviewed
                    ? t("review.reviewedBy", { date: formatDate(a.reviewed.on, locale), name: a.reviewed.byName })
                    : t("review.notReviewed")}
                </td>
                <td>{formatDateTime(a.updatedAt, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
