import { useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { clearFormFailure, useFormFailure } from "~/lib/form-failure";

/**
 * Says why a form sent with JavaScript did not go through (app/lib/form-failure.ts), kept in view at the bottom of
 * the window, so the reader sees it beside the button they pressed, wherever the form has been scrolled to.
 */
export function FormFailureAlert() {
  const { t } = useTranslation();
  const failure = useFormFailure();
  const location = useLocation();
  // Another page: the failure was this page's.
  const page = location.pathname + location.search;
  const shownOn = useRef(page);
  useEffect(() => {
    if (shownOn.current !== page) clearFormFailure();
    shownOn.current = page;
  }, [page]);
  if (!failure) return null;
  return (
    // A new key for each failure: a second failure in a row is announced again.
    <div key={failure.at} role="alert" className="alert alert--error form-failure">
      {failure.kind === "signedOut" ? (
        <p>
          {t("formFailure.signedOut")}{" "}
          <a href="/login" target="_blank" rel="noopener">
            {t("formFailure.signIn")}
          </a>
        </p>
      ) : (
        <p>{t("formFailure.notSent")}</p>
      )}
    </div>
  );
}
