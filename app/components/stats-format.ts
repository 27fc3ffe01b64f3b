import type { SerializeFrom } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { hiddenMark } from "~/domain/stats-marks";
import { formatMonth, isLocale } from "~/lib/i18n";
import type { loader } from "~/routes/stats._index";

/** What the statistics page's loader gives its sections. */
export type StatsData = SerializeFrom<typeof loader>;

/**
 * A count, share or median as shown: a hidden one gets its mark (~/domain/stats-marks) — one for counts, another for
 * shares and medians of too few cases — never a number.
 */
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
    count: (v: number | null) => (v === null ? t(hiddenMark("count")) : number.format(v)),
    share: (v: number | null) => (v === null ? t(hiddenMark("share")) : percent.format(v)),
    days: (v: number | null) => (v === null ? t(hiddenMark("days")) : t("reports.days", { count: v })),
    monthLabel: (m: string) => formatMonth(m, locale),
  };
}
