import { parseWithZod } from "@conform-to/zod";
import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GuidanceEditor } from "~/components/guidance-editor";
import { notFound, requirePermission } from "~/server/auth.server";
import { guidanceContentSchema } from "~/domain/guidance-schema";
import { formatDate, formatDateTime, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { isPositiveInteger, isUuid } from "~/domain/ids";
import { getForEditing, markReviewed, publishDraft, restoreVersion, saveDraft } from "~/models/guidance.server";
import guidanceStyles from "~/styles/guidance.css";
import { readForm } from "~/lib/form-data.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: guidanceStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "guidance:editor.title");

export const handle: RouteTexts = { i18n: ["guidance"] };

async function loadArticle(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const user = await requirePermission(args, "guidance:manage");
  const articleId = args.params.articleId ?? "";
  const found = isUuid(articleId) ? await getForEditing(user.municipalityId, articleId) : null;
  if (!found) throw notFound();
  return { user, found };
}

export async function loader(args: LoaderFunctionArgs) {
  const { found } = await loadArticle(args);
  const { article, content, draftNumber, history } = found;
  const inForce = history.find((h) => h.inForce);
  return {
    article: { id: article.id, slug: article.slug, kind: article.kind },
    defaults: content
      ? {
          ...content,
          legalReferences: content.legalReferences.join("\n"),
          nextReviewOn: content.nextReviewOn ?? "",
          // A change note belongs to one version: start a new one empty.
          changeSummarySv: draftNumber ? content.changeSummarySv : "",
          changeSummaryEn: draftNumber ? content.changeSummaryEn : "",
        }
      : {},
    draftNumber,
    // What readers see now, and whether anyone has checked it against the law.
    inForce: inForce ? { number: inForce.number, reviewed: inForce.reviewed } : null,
    history: history.map((h) => ({
      ...h,
      updatedAt: h.updatedAt.toISOString(),
      publishedAt: h.publishedAt?.toISOString() ?? null,
    })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { user, found } = await loadArticle(args);
  const articleId = found.article.id;
  const formData = await readForm(args.request);
  const intent = formData.get("intent");
  const back = (notice: string) => redirect(`/guidance/manage/${articleId}?notice=${notice}`);

  if (intent === "review") {
    // The version the coordinator read, as the button names it: never whichever happens to be in force on arrival.
    const raw = formData.get("number");
    const number = typeof raw === "string" && /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!isPositiveInteger(number)) throw new Response(null, { status: 400 });
    const outcome = await markReviewed(user, articleId, number);
    if (!outcome) throw notFound();
    if (!outcome.ok) return { error: "guidance:review.newerVersion", inForce: outcome.inForce };
    return back("guidanceReviewed");
  }
  if (intent === "restore") {
    const number = Number(formData.get("number"));
    if (!isPositiveInteger(number) || !(await restoreVersion(user, articleId, number))) throw notFound();
    return back("guidanceRestored");
  }
  if (intent !== "save" && intent !== "publish") throw new Response(null, { status: 400 });

  const submission = parseWithZod(formData, { schema: guidanceContentSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  const { reviewed, ...content } = submission.value;
  const number = await saveDraft(user, articleId, content, { reviewed });
  if (number === null) throw notFound();
  if (intent === "save") return back("guidanceSaved");
  await publishDraft(user, articleId);
  return back("guidancePublished");
}

export default function EditArticle() {
  const { t, i18n } = useTranslation("guidance");
  const { article, defaults, draftNumber, inForce, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // The version in force when a review was refused for naming an older one.
  const newerInForce = actionData && "inForce" in actionData ? actionData.inForce : null;
  const busy = useNavigation().state === "submitting";
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const readerPath = article.kind === "agreement" ? "/guidance/agreement" : `/guidance/${article.slug}`;
  const published = history.some((h) => h.inForce);

  return (
    <>
      <p>
        <Link to="/guidance/manage">{t("manage.back")}</Link>
      </p>
      <h1>{t("editor.title")}</h1>
      <p>
        {draftNumber ? t("editor.editingDraft", { number: draftNumber }) : t("editor.editingPublished")}{" "}
        {published ? <Link to={readerPath}>{t("editor.viewPublished")}</Link> : null}
      </p>
      {inForce ? (
        <section aria-labelledby="review-heading" className="card stack">
          <h2 id="review-heading">{t("review.heading", { number: inForce.number })}</h2>
          <p>
            {inForce.reviewed
              ? t("review.reviewedBy", {
                  date: formatDate(inForce.reviewed.on, locale),
                  name: inForce.reviewed.byName,
                })
              : t("review.notReviewed")}
          </p>
          <Form method="post">
            <p className="field__hint" id="review-hint">
              {t("review.hint")}
            </p>
            <input type="hidden" name="number" value={inForce.number} />
            {newerInForce ? (
              <p role="alert" className="alert alert--error">
                {t("review.newerVersion", { number: newerInForce })}
              </p>
            ) : null}
            <button
              type="submit"
              name="intent"
              value="review"
              className="button button--secondary"
              aria-describedby="review-hint"
              disabled={busy}
            >
              {t("review.markInForce", { number: inForce.number })}
            </button>
          </Form>
        </section>
      ) : null}
      <GuidanceEditor
        // Remount after a save or restore so the fields show what is stored.
        key={history[0]?.updatedAt}
        id="edit-article"
        defaults={defaults as Record<string, string>}
        lastResult={actionData && "result" in actionData ? actionData.result : undefined}
        withNextReview={article.kind === "agreement"}
        canPublish
      />
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("history.heading")}</h2>
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t("history.heading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("history.version")}</th>
                <th scope="col">{t("history.status")}</th>
                <th scope="col">{t("history.who")}</th>
                <th scope="col">{t("history.change")}</th>
                <th scope="col">{t("history.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.number}>
                  <td>
                    <Link to={`/guidance/manage/${article.id}/versions/${h.number}`}>
                      {t("history.number", { number: h.number })}
                    </Link>
                  </td>
                  <td>
                    {h.inForce ? t("history.inForce") : h.publishedAt ? t("history.earlier") : t("history.draft")}
                  </td>
                  <td>
                    {h.publishedAt
                      ? t("history.publishedBy", {
                          name: h.publisherName ?? "–",
                          date: formatDateTime(h.publishedAt, locale),
                        })
                      : t("history.savedBy", { name: h.authorName ?? "–", date: formatDateTime(h.updatedAt, locale) })}
                    <br />
                    <span className="muted">
                      {h.reviewed
                        ? t("review.reviewedBy", { date: formatDate(h.reviewed.on, locale), name: h.reviewed.byName })
                        : t("review.notReviewed")}
                    </span>
                  </td>
                  <td>
                    {locale === "en" ? h.changeSummaryEn || h.changeSummarySv : h.changeSummarySv || h.changeSummaryEn}
                    {h.restoredFromNumber ? ` ${t("history.restoredFrom", { number: h.restoredFromNumber })}` : ""}
                  </td>
                  <td>
                    {h.publishedAt && !h.inForce ? (
                      <Form method="post">
                        <input type="hidden" name="number" value={h.number} />
                        <button
                          type="submit"
                          name="intent"
                          value="restore"
                          className="button button--ghost"
                          disabled={busy}
                        >
                          {t("history.restore", { number: h.number })}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
