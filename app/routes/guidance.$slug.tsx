import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ArticleBody, ArticleFacts, PrintButton } from "~/components/guidance";
import { notFound, requirePermission } from "~/server/auth.server";
import { can } from "~/lib/permissions.server";
import type { RouteTexts } from "~/lib/i18n";
import { slugSchema } from "~/domain/guidance-schema";
import { detectLocale } from "~/lib/i18n.server";
import { AGREEMENT_SLUG, getPublished } from "~/models/guidance.server";
import guidanceStyles from "~/styles/guidance.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: guidanceStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.article.title} – Tillsammans` : "Tillsammans" },
];

export const handle: RouteTexts = { i18n: ["guidance"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "guidance:read");
  const slug = args.params.slug ?? "";
  // The agreement has its own page; an unpublished article does not exist for readers, nor does a slug no article
  // could have (a NUL, which PostgreSQL refuses, or 100 000 characters).
  const wellFormed = slugSchema.safeParse(slug).data === slug;
  const article =
    slug === AGREEMENT_SLUG || !wellFormed
      ? null
      : await getPublished(user.municipalityId, slug, detectLocale(args.request, user));
  if (article?.kind !== "article") throw notFound();
  return { article, canManage: can(user, "guidance:manage") };
}

export default function GuidanceArticle() {
  const { t } = useTranslation("guidance");
  const { article, canManage } = useLoaderData<typeof loader>();
  return (
    <article aria-labelledby="article-heading" className="guidance-article">
      <p className="no-print">
        <Link to="/guidance">{t("article.back")}</Link>
      </p>
      <h1 id="article-heading">{article.title}</h1>
      {article.summary ? <p className="lead">{article.summary}</p> : null}
      <ArticleBody html={article.html} />
      <ArticleFacts legalReferences={article.legalReferences} reviewed={article.reviewed} showUnreviewed={canManage} />
      <p className="no-print guidance-article__actions">
        <PrintButton />
        <Link to="/guidance/should-i-report">{t("helper.title")}</Link>
      </p>
    </article>
  );
}
