import { useTranslation } from "react-i18next";
import { defaultLocale, isLocale, type AppLocale } from "./i18n";

/** The language the page is shown in, for formatting dates and numbers: Swedish when i18next has none of ours. */
export function useAppLocale(): AppLocale {
  const { i18n } = useTranslation();
  return isLocale(i18n.language) ? i18n.language : defaultLocale;
}
