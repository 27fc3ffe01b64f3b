import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { AppShell } from "~/components/app-shell";
import { getUserAndSession } from "~/server/auth.server";
import { env } from "~/lib/env.server";
import { detectLocale } from "~/lib/i18n.server";
import { isLocale, namespacesOf } from "~/lib/i18n";
import { navigationFor } from "~/lib/navigation.server";
import { useNonce } from "~/lib/nonce";
import { rolesOf } from "~/lib/permissions.server";
import { countUnread } from "~/models/inbox.server";
import appStyles from "~/styles/app.css";
import menuStyles from "~/styles/menu.css";
import tokenStyles from "~/styles/tokens.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: tokenStyles },
  { rel: "stylesheet", href: appStyles },
  { rel: "stylesheet", href: menuStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Tillsammans" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const found = await getUserAndSession(request, context);
  const user = found && !found.session.secondFactorPending ? found.user : null;
  const locale = detectLocale(request, user);
  return {
    locale,
    demoMode: env().demoMode,
    viewer: user
      ? {
          name: user.name,
          roles: rolesOf(user),
          unitName: user.memberships[0]?.unitName ?? null,
          unread: found?.unread ?? (await countUnread(user)),
          navigation: navigationFor(user),
        }
      : null,
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  // The texts of the page's routes (their handles): in the browser, a page whose texts are not here yet suspends
  // while they are fetched; a navigation is a transition, so the previous page stays until then.
  const { i18n } = useTranslation(namespacesOf(useMatches().map((m) => m.handle)), { useSuspense: true });
  const nonce = useNonce();
  const locale = data?.locale ?? i18n.language;

  // After a language switch the loader returns the new locale; bring the client instance along (changeLanguage
  // fetches the new language's texts of every namespace fetched so far before it switches).
  useEffect(() => {
    if (i18n.language !== locale && isLocale(locale)) void i18n.changeLanguage(locale);
  }, [i18n, locale]);

  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <AppShell data={data}>{children}</AppShell>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = [400, 403, 404, 413, 415, 503].includes(status) ? String(status) : "500";
  return (
    <section aria-labelledby="error-heading" className="error-page">
      <h1 id="error-heading">{t(`errors.${key}.title`)}</h1>
      <p>{t(`errors.${key}.body`)}</p>
      <p>
        <a href="/">{t("errors.backHome")}</a>
      </p>
    </section>
  );
}
