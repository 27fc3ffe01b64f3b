import { RemixBrowser } from "@remix-run/react";
import { setNonce } from "get-nonce";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { createI18n, defaultLocale, isLocale, loadLocale } from "~/lib/i18n";

// Radix's scroll lock adds a <style> element; the CSP admits it with this page's nonce.
const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce;
if (nonce) setNonce(nonce);

// The server already chose the language and wrote it into <html lang>.
const lang = isLocale(document.documentElement.lang) ? document.documentElement.lang : defaultLocale;

// Hydrate only once the page's language is here, so the first render matches the server's.
void loadLocale(lang).then(() => {
  const i18n = createI18n(lang);
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18n}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
});
