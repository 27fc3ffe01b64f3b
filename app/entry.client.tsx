import { RemixBrowser } from "@remix-run/react";
import { setNonce } from "get-nonce";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { defaultLocale, isLocale, namespacesOf, startBrowserI18n } from "~/lib/i18n";

// Radix's scroll lock adds a <style> element; the CSP admits it with this page's nonce.
const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce;
if (nonce) setNonce(nonce);

// The server already chose the language and wrote it into <html lang>.
const lang = isLocale(document.documentElement.lang) ? document.documentElement.lang : defaultLocale;

// The page's routes' modules are loaded before this script runs; their handles name the texts the server rendered.
const namespaces = namespacesOf(Object.values(window.__remixRouteModules).map((module) => module?.handle));

// Hydrate only once those texts are here in the page's language, so the first render matches the server's. If they
// cannot be fetched the page stays as the server rendered it, working as it does without JavaScript.
void startBrowserI18n(lang, namespaces).then((i18n) => {
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
}, console.error);
