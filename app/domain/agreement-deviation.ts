/**
 * Deviations from the collaboration agreement (issue 21, item 9): anyone signed in reports that the agreement was not
 * followed, on a report they may read or in general; the coordinators handle it in steps. Plain data, so the forms
 * and the schema (db/schema/agreement-deviations.ts) share the lists. Not the quality review's deviations
 * (db/schema/quality-review.ts), which are social services' own findings.
 */

/** What was not as the agreement says; "other" is described in the text alone. */
export const agreementDeviationKinds = ["no_feedback", "meeting_not_held", "not_written_by_observer", "other"] as const;
export type AgreementDeviationKind = (typeof agreementDeviationKinds)[number];

/** The coordinators' steps, in order. Any step may be skipped; none is taken twice or after a later one. */
export const agreementDeviationSteps = ["investigate", "measure", "follow_up", "close"] as const;
export type AgreementDeviationStep = (typeof agreementDeviationSteps)[number];

/** Where a deviation stands: filed, then the status of the latest step taken. */
export const agreementDeviationStatuses = ["open", "investigating", "measuring", "following_up", "closed"] as const;
export type AgreementDeviationStatus = (typeof agreementDeviationStatuses)[number];

/** The status a step leaves a deviation in. */
export const statusAfter: Record<AgreementDeviationStep, AgreementDeviationStatus> = {
  investigate: "investigating",
  measure: "measuring",
  follow_up: "following_up",
  close: "closed",
};

/** The statuses a step may be taken from: every status before the one it leaves. */
export function statusesBefore(step: AgreementDeviationStep): AgreementDeviationStatus[] {
  const to = agreementDeviationStatuses.indexOf(statusAfter[step]);
  return agreementDeviationStatuses.slice(0, to);
}

/** The steps still open to a deviation in `status`, the next one first; none once closed. */
export function stepsFrom(status: AgreementDeviationStatus): AgreementDeviationStep[] {
  return agreementDeviationSteps.filter((step) => statusesBefore(step).includes(status));
}
