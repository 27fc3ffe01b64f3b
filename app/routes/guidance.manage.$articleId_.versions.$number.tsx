import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ArticleFacts, ChangeView } from "~/components/guidance";
import { notFound, requirePermission } from "~/server/auth.server";
import { formatDateTime, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { detectLocale } from "~/lib/i18n.server";
import { isUuid } from "~/domain/ids";
import { getVersion } from "~/models/guidance.server";
import guidanceStyles from "~/styles/guidance.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: guidanceStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "guidance:history.versionTitle");

export const handle: RouteTexts = { i18n: ["guidance"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "guidance:manage");
  const articleId = args.params.articleId ?? "";
  // A version number as the address writes it (1e30 is no version and would not fit the database's integer).
  const number = /^[1-9]\d{0,5}$/.test(args.params.number ?? "") ? Number(args.params.number) : 0;
  const version =
    isUuid(articleId) && number > 0
      ? await getVersion(user.municipalityId, articleId, number, detectLocale(args.request, user))
      : null;
  if (!version) throw notFound();
  return { articleId, version: { ...version, publishedAt: version.publishedAt?.toISOString() ?? null } };
}

export default function GuidanceVersion() {
  const { t, i18n } = useTranslation("guidance");
  const { articleId, version } = useLoaderData<typeof loader>();
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  return (
    <>
      <p>
        <Link to={`/guidance/manage/${articleId}`}>{t("history.backToEditor")}</Link>
      </p>
      <h1>
        {version.title} <span className="muted">({t("history.number", { number: version.number })})</span>
      </h1>
      <p>
        {version.publishedAt
          ? t("history.publishedOn", { date: formatDateTime(version.publishedAt, locale) })
          : t("history.draft")}
      </p>
      {version.changeSummary ? <p>{version.changeSummary}</p> : null}
      <h2>{t("history.changesFromPrevious")}</h2>
      {version.changes ? <ChangeView changes={version.changes} /> : <p>{t("history.firstVersion")}</p>}
      <ArticleFacts legalReferences={version.legalReferences} reviewed={version.reviewed} showUnreviewed />
    </>
  );
}
