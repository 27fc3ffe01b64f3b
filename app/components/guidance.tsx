import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/i18n";
import { useHydrated } from "~/lib/use-hydrated";

/**
 * The facts under an article: the law it rests on and who last checked it against the enacted law. "Last reviewed"
 * shows only when someone did; until then every reference says it has not been checked (coordinators are also told
 * the text is not reviewed yet).
 */
export function ArticleFacts({
  legalReferences,
  reviewed,
  nextReviewOn,
  showUnreviewed = false,
}: {
  legalReferences: { text: string; verified: boolean }[];
  reviewed: { on: string; byName: string } | null;
  nextReviewOn?: string | null;
  showUnreviewed?: boolean;
}) {
  const { t, i18n } = useTranslation("guidance");
  return (
    <aside aria-labelledby="facts-heading" className="article-facts">
      <h2 id="facts-heading">{t("article.facts")}</h2>
      {legalReferences.length ? (
        <>
          <h3>{t("article.legalReferences")}</h3>
          <ul>
            {legalReferences.map((ref) => (
              <li key={ref.text}>
                {ref.text}
                {ref.verified ? null : <span className="muted"> {t("article.unverified")}</span>}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {reviewed ? (
        <p>
          {t("article.reviewedOn")} <time dateTime={reviewed.on}>{formatDate(reviewed.on, i18n.language)}</time>{" "}
          {t("article.reviewedBy", { name: reviewed.byName })}
        </p>
      ) : showUnreviewed ? (
        <p>{t("article.notReviewed")}</p>
      ) : null}
      {nextReviewOn ? (
        <p>
          {t("article.nextReviewOn")} <time dateTime={nextReviewOn}>{formatDate(nextReviewOn, i18n.language)}</time>
        </p>
      ) : null}
    </aside>
  );
}

/** Rendered Markdown from the server (escaped by markdown-it; see app/lib/markdown.server.ts). */
export function ArticleBody({ html }: { html: string }) {
  return (
    // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it output with html disabled (renderMarkdown)
    <div className="article-body" dangerouslySetInnerHTML={{ __html: html }} />
  );
}

/** Word changes between two versions: insertions and deletions are marked in text as well as colour. */
export function ChangeView({ changes }: { changes: { kind: "same" | "added" | "removed"; text: string }[] }) {
  const { t } = useTranslation("guidance");
  return (
    <div className="change-view">
      <p className="change-view__legend">
        <ins>{t("changes.added")}</ins> <del>{t("changes.removed")}</del>
      </p>
      <p className="change-view__text">
        {changes.map((c, i) => {
          const Tag = c.kind === "added" ? "ins" : c.kind === "removed" ? "del" : "span";
          // biome-ignore lint/suspicious/noArrayIndexKey: a diff between two fixed versions, never reordered
          return <Tag key={i}>{c.text}</Tag>;
        })}
      </p>
    </div>
  );
}

/** Printing is the browser's own; the button only appears where JavaScript can call it. */
export function PrintButton() {
  const { t } = useTranslation("guidance");
  const hydrated = useHydrated();
  if (!hydrated) return null;
  return (
    <button type="button" className="button button--secondary no-print" onClick={() => window.print()}>
      {t("article.print")}
    </button>
  );
}
