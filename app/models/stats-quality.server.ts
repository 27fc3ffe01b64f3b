import { sql } from "drizzle-orm";
import { reports } from "#db/schema";
import { reviewItems } from "~/domain/review-checklist";
import { count, share } from "~/domain/suppression";
import { knownBeforeCondition } from "./earlier-reports.server";
import type { Findings } from "./quality-review.server";
import { countOf } from "./stats-sql.server";

/**
 * The quality of the pre-assessments (issue 20), for the statistics: "not opened" with remaining concern, children
 * known before, police reports considered at violence and second looks, counted among the period's reports by the
 * report figures' statement (stats.server.ts, reportCounts); and the internal review's findings per checklist item,
 * counted by the follow-up's. Suppressed here like the rest of /stats: a share is hidden when its part, its rest or its
 * base is from 1 to 4. The share of children heard is a report figure of its own.
 */

// The outer report named by hand: drizzle writes bare column names in a one-table select, which inside a subquery
// would bind to the inner table.
const outer = { id: sql`"reports"."id"`, municipalityId: sql`"reports"."municipality_id"` };
const violent = sql`exists (select 1 from report_concern_kinds rk
  join concern_kinds k on k.id = rk.kind_id and k.violence
  where rk.report_id = ${outer.id} and rk.municipality_id = ${outer.municipalityId})`;
const reviewsOf = (status: "approved" | "returned") =>
  sql`(select count(*) from decision_reviews dr
    where dr.report_id = ${outer.id} and dr.municipality_id = ${outer.municipalityId} and dr.status = ${status})`;
const decided = sql`${reports.decision} is not null`;
const notOpened = sql`${reports.decision} = 'not_opened'`;

/** The columns of the report aggregate that the quality figures need. */
export const qualityColumns = () => ({
  notOpenedAnswered: countOf(sql`${notOpened} and ${reports.remainingConcern} is not null`),
  notOpenedConcern: countOf(sql`${notOpened} and ${reports.remainingConcern}`),
  knownBefore: countOf(knownBeforeCondition({ ...outer, receivedAt: sql`"reports"."received_at"` })),
  violentDecided: countOf(sql`${decided} and ${violent}`),
  policeConsidered: countOf(sql`${decided} and ${violent} and ${reports.policeConsidered}`),
  secondLooked: countOf(sql`${decided} and ${reviewsOf("approved")} > 0`),
  returned: sql<number>`coalesce(sum(${reviewsOf("returned")}), 0)`.mapWith(Number),
});

type QualityCounts = { [K in keyof ReturnType<typeof qualityColumns>]: number } & { n: number; decided: number };

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
