/**
 * How a hidden statistic is written — the one place for it, so that /stats, its CSV and the yearly report cannot
 * disagree. A hidden count gets one neutral mark whatever hides it (a count from 1 to 4, or a larger one hidden so that
 * a small one cannot be worked out): never "< 5", which would be false for the second. A hidden share, median or
 * duration has too few cases behind it and gets a mark of its own: it is never written as a count. Both marks are
 * explained in a footnote (locales: stats.suppression, statsReport.notes.suppression, the CSV's note lines).
 * Which figures are hidden is decided in ./suppression, not here.
 */

/** What a figure is: a count, or a share or median/duration computed from a number of cases. */
export type MarkedKind = "count" | "share" | "days";

/** The translation key (namespace "stats") of the mark a hidden figure of `kind` is written with. */
export function hiddenMark(kind: MarkedKind) {
  return kind === "count" ? ("stats:mark.hidden" as const) : ("stats:mark.tooFew" as const);
}

/** The translation key of the footnote that explains the mark of `kind`. */
export function hiddenFootnote(kind: MarkedKind) {
  return kind === "count" ? ("stats:mark.hiddenNote" as const) : ("stats:mark.tooFewNote" as const);
}
