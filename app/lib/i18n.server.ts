import Negotiator from "negotiator";
import { defaultLocale, i18nFor, isLocale, supportedLocales, type AppLocale } from "./i18n";
import type { CurrentUser } from "./permissions.server";
import { readCookie } from "./session.server";

export const LANGUAGE_COOKIE = "lang";

/** The user's saved choice, then the language cookie, then the browser's Accept-Language, then Swedish. */
export function detectLocale(request: Request, user?: CurrentUser | null): AppLocale {
  if (user?.locale && isLocale(user.locale)) return user.locale;
  const cookie = readCookie(request, LANGUAGE_COOKIE);
  if (isLocale(cookie)) return cookie;
  const accept = request.headers.get("Accept-Language");
  if (accept) {
    const [best] = new Negotiator({ headers: { "accept-language": accept } }).languages([...supportedLocales]);
    if (isLocale(best)) return best;
  }
  return defaultLocale;
}

/** A `t` fixed to the request's language, for page titles and messages made in loaders and actions. */
export function getFixedT(locale: AppLocale, ns = "common") {
  return i18nFor(locale).getFixedT(locale, ns);
}

export function languageCookie(locale: AppLocale) {
  return `${LANGUAGE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
