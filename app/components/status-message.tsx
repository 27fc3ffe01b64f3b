import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useHydrated } from "~/lib/use-hydrated";

/**
 * A confirmation after an action, at the top of the page's content: a status message that stays until the reader
 * closes it (a toast that leaves by itself after some seconds can vanish before it is read, WCAG 2.2.1), and the
 * first thing read after a page change, as focus moves to the content. The close button needs JavaScript, so it
 * comes with hydration.
 */
export function StatusMessage({ message }: { message: string | null }) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const [closed, setClosed] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new message opens again after the last one was closed
  useEffect(() => setClosed(false), [message]);
  if (!message || closed) return null;
  return (
    <div role="status" className="alert alert--success status-message">
      <p>{message}</p>
      {hydrated ? (
        <button
          type="button"
          className="button button--ghost"
          aria-label={t("layout.close")}
          onClick={() => setClosed(true)}
        >
          ×
        </button>
      ) : null}
    </div>
  );
}
