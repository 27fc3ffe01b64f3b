import * as Toast from "radix-ui/toast";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useHydrated } from "~/lib/use-hydrated";

/**
 * A confirmation after an action. Without JavaScript it is a plain status message in the page;
 * once hydrated, a Radix toast that screen readers announce and that can be dismissed.
 */
export function StatusToast({ message }: { message: string | null }) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const [open, setOpen] = useState(true);
  useEffect(() => setOpen(true), [message]);
  if (!message) return null;
  if (!hydrated) {
    return (
      <p role="status" className="alert alert--success">
        {message}
      </p>
    );
  }
  return (
    <Toast.Provider duration={8000} label={t("layout.notification")}>
      <Toast.Root open={open} onOpenChange={setOpen} className="toast">
        <Toast.Description>{message}</Toast.Description>
        <Toast.Close className="button button--ghost" aria-label={t("layout.close")}>
          ×
        </Toast.Close>
      </Toast.Root>
      <Toast.Viewport className="toast-viewport" label={t("layout.notifications")} />
    </Toast.Provider>
  );
}
