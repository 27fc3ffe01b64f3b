import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { param } from "~/domain/query";

/**
 * Previous/next as a GET form rather than links: the current filters travel as hidden fields, so
 * a search term never ends up in a link the page generates.
 */
export function Pagination({
  page,
  pageCount,
  keep,
  method = "get",
}: {
  page: number;
  pageCount: number;
  keep: Record<string, string | undefined>;
  /** "post" when `keep` holds something that must not go into the address (a search term). */
  method?: "get" | "post";
}) {
  const { t } = useTranslation();
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={t("pagination.label")} className="pagination">
      <Form method={method} className="pagination__form">
        {Object.entries(keep).map(([name, value]) =>
          value ? <input key={name} type="hidden" name={name} value={value} /> : null,
        )}
        {page > 1 ? (
          <button type="submit" name="page" value={page - 1} className="button button--secondary">
            {t("pagination.previous")}
          </button>
        ) : null}
        <span className="pagination__status">{t("pagination.status", { page, pageCount })}</span>
        {page < pageCount ? (
          <button type="submit" name="page" value={page + 1} className="button button--secondary">
            {t("pagination.next")}
          </button>
        ) : null}
      </Form>
    </nav>
  );
}

/** `page` (query string or posted form) as a whole number from 1; anything else is page 1. */
export function pageFrom(params: URLSearchParams | FormData) {
  return param.page().parse(params.get("page"));
}
