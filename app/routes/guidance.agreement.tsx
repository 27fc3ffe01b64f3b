import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ArticleBody, ArticleFacts, ChangeView, PrintButton } from "~/components/guidance";
import { notFound, requirePermission } from "~/server/auth.server";
import { can } from "~/lib/permissions.server";
import { formatDate, pageTitle, type RouteTexts } from "~/lib/i18n";
import { detectLocale } from "~/lib/i18n.server";
import { AGREEMENT_SLUG, getPublished } from "~/models/guidance.server";
import guidanceStyles from "~/styles/guidance.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: guidanceStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "guidance:agreement.title");

export const handle: RouteTexts = { i18n: ["guidance"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "guidance:read");
  const agreement = await getPublished(user.municipalityId, AGREEMENT_SLUG, detectLocale(args.request, user));
  if (!agreement) throw notFound();
  return { agreement, canManage: can(user, "guidance:manage") };
}

export default function Agreement() {
  const { t, i18n } = useTranslation("guidance");
  const { agreement, canManage } = useLoaderData<typeof loader>();
  return (
    <article aria-labelledby="agreement-heading" className="guidance-article">
      <p className="no-print">
        <Link to="/guidance">{t("article.back")}</Link>
      </p>
      <h1 id="agreement-heading">{agreement.title}</h1>
      <p className="alert" role="note">
        {t("agreement.inForce", {
          number: agreement.number,
          date: formatDate(agreement.publishedOn, i18n.language),
        })}
      </p>
      {agreement.summary ? <p className="lead">{agreement.summary}</p> : null}
      <ArticleBody html={agreement.html} />
      <ArticleFacts
        legalReferences={agreement.legalReferences}
        reviewed={agreement.reviewed}
        nextReviewOn={agreement.nextReviewOn}
        showUnreviewed={canManage}
      />
      {agreement.previous ? (
        <section aria-labelledby="changes-heading" className="no-print">
          <h2 id="changes-heading">
            {t("agreement.changesHeading", {
              number: agreement.previous.number,
              date: formatDate(agreement.previous.publishedOn, i18n.language),
            })}
          </h2>
          {agreement.changeSummary ? <p>{agreement.changeSummary}</p> : null}
          <details>
            <summary>{t("agreement.showChanges")}</summary>
            <ChangeView changes={agreement.previous.changes} />
          </details>
        </section>
      ) : null}
      <p className="no-print">
        <PrintButton />
      </p>
    </article>
  );
}
