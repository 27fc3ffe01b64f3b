/**
 * What the City of Stockholm's inspectors found in 286 closed pre-assessments (2023; ../shared/seeds/003_*.txt), to
 * compare a municipality's own figures with on /stats and in the yearly report. Shares as fractions.
 */
export const STOCKHOLM_REVIEW = {
  /** Basic feedback given to reporters who asked for it. */
  feedbackDelivered: 0.66,
  /** Children heard in the pre-assessment. */
  childHeard: 0.25,
  /** "Not opened" although concern remained: about 20 %. */
  remainingConcernNotOpened: 0.2,
  /** Children known to social services before. */
  knownBefore: 0.37,
  /** A police report considered in three of the 286 cases, although the guidelines require it at every violence. */
  policeConsidered: { cases: 3, of: 286 },
} as const;
