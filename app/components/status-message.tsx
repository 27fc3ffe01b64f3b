import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Namespace } from "~/lib/locales/lazy";
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

/**
 * A confirmation of the page's own (`?notice=` a key of its namespace's `notices`), as a StatusMessage; the shell shows
 * only common ones. A notice the namespace has no text for shows nothing.
 */
export function PageNotice({ namespace, notice }: { namespace: Namespace; notice: string | null }) {
  const { t, i18n } = useTranslation(namespace);
  const key = notice ? `${namespace}:notices.${notice}` : null;
  return <StatusMessage message={key && i18n.exists(key) ? t(key) : null} />;
}
