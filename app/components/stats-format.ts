import type { SerializeFrom } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { formatMonth, isLocale } from "~/lib/i18n";
import type { loader } from "~/routes/stats._index";

/** What the statistics page's loader gives its sections. */
export type StatsData = SerializeFrom<typeof loader>;

/** A count or share as shown: hidden ones say so in words, never as a number. */
export function useStatsFormat() {
  const { t, i18n } = useTranslation("stats");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const number = new Intl.NumberFormat(locale === "sv" ? "sv-SE" : "en-GB");
  const percent = new Intl.NumberFormat(locale === "sv" ? "sv-SE" : "en-GB", {
    style: "percent",
    maximumFractionDigits: 0,
  });
  return {
    t,
    locale,
    count: (v: number | null) => (v === null ? t("hidden") : number.format(v)),
    share: (v: number | null) => (v === null ? t("hiddenShare") : percent.format(v)),
    monthLabel: (m: string) => formatMonth(m, locale),
  };
}
