import { reviewItems } from "~/domain/review-checklist";
import { count, share } from "~/domain/suppression";
import type { Findings } from "./quality-review.server";

/**
 * The quality of the pre-assessments (issue 20), for the statistics: "not opened" with remaining concern, children
 * known before, police reports considered at violence and second looks, counted among the period's reports by the
 * report figures' statement (stats-summary.server.ts, reportColumns); and the internal review's findings per checklist item,
 * counted by the follow-up's. Suppressed here like the rest of /stats: a share is hidden when its part, its rest or its
 * base is from 1 to 4. The share of children heard is a report figure of its own.
 */

/** The counts behind the quality figures, among the period's reports (stats-summary.server.ts counts them). */
export interface QualityCounts {
  n: number;
  decided: number;
  notOpenedAnswered: number;
  notOpenedConcern: number;
  knownBefore: number;
  violentDecided: number;
  policeConsidered: number;
  secondLooked: number;
  returned: number;
}

/** The quality figures of a set of reports, suppressed. */
export function showQuality(row: QualityCounts) {
  return {
    remainingConcernNotOpened: share(row.notOpenedConcern, row.notOpenedAnswered),
    knownBefore: share(row.knownBefore, row.n),
    policeConsidered: share(row.policeConsidered, row.violentDecided),
    secondLook: share(row.secondLooked, row.decided),
    secondLookReturned: count(row.returned),
  };
}

/** The review's findings, suppressed: the cases reviewed, and per item the share met where it applied. */
export function showFindings(findings: Findings) {
  return {
    cases: count(findings.cases),
    // "Not applicable" is neither met nor not.
    items: reviewItems.map((item) => {
      const { yes, no } = findings.items[item];
      return { item, met: share(yes, yes + no) };
    }),
  };
}
