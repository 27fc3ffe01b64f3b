import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import type { RouteObject } from "react-router-dom";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { i18nFor, type AppLocale } from "~/lib/i18n";

/** Routes rendered for `request` as the server renders them (a static router, as Remix does), in `locale`. */
export async function renderStatic(routes: RouteObject[], request: Request, locale: AppLocale = "sv") {
  const handler = createStaticHandler(routes);
  const context = await handler.query(request);
  if (context instanceof Response) throw new Error("no page");
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToStaticMarkup(
    createElement(
      I18nextProvider,
      { i18n: i18nFor(locale) },
      createElement(StaticRouterProvider, { router, context, hydrate: false }),
    ),
  );
}
