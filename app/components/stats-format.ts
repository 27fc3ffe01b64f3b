import type { SerializeFrom } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { hiddenMark } from "~/domain/stats-marks";
import { formatMonth, isLocale } from "~/lib/i18n";
import type { loader } from "~/routes/stats._index";
import type { loader as unitsLoader } from "~/routes/stats.units";

/** What the statistics page's loader gives its sections. */
export type StatsData = SerializeFrom<typeof loader>;
/** What the page per unit (/stats/units) gives its section. */
export type StatsUnitsData = SerializeFrom<typeof unitsLoader>;

/**
 * A count, share or median as shown: a hidden one gets its mark (~/domain/stats-marks) — one for counts, another for
 * shares and medians of too few cases — never a number.
 */
export function useStatsFormat() {
  const { t, i18n } = useTranslation("stats");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const { number, percent } = formattersOf(locale);
  // Each mark looked up once per section, not once per hidden cell.
  const marks = { count: t(hiddenMark("count")), share: t(hiddenMark("share")), days: t(hiddenMark("days")) };
  return {
    t,
    locale,
    count: (v: number | null) => (v === null ? marks.count : number.format(v)),
    share: (v: number | null) => (v === null ? marks.share : percent.format(v)),
    days: (v: number | null) => (v === null ? marks.days : t("reports.days", { count: v })),
    monthLabel: (m: string) => formatMonth(m, locale),
  };
}

const formatters = new Map<string, { number: Intl.NumberFormat; percent: Intl.NumberFormat }>();
/** A language's number formats, made once: making an Intl.NumberFormat costs more than formatting a page with it. */
function formattersOf(locale: "sv" | "en") {
  let made = formatters.get(locale);
  if (!made) {
    const tag = locale === "sv" ? "sv-SE" : "en-GB";
    made = {
      number: new Intl.NumberFormat(tag),
      percent: new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 0 }),
    };
    formatters.set(locale, made);
  }
  return made;
}
