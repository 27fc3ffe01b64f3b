import type { NotOpenedGround, ReportDecision } from "./vocabulary";

/**
 * The rules of a pre-assessment's decision that the Stockholm inspectors' review (2023, 286 closed pre-assessments)
 * found broken: a "not opened" without reasons, remaining concern closed all the same, and a police report not
 * reconsidered when more came in. The form's schema (report-case-schema.ts) and the model (recordDecision) both ask
 * these, so a decision the page refuses is refused however it is sent.
 */

/** A decision as reception records it. */
export interface DecisionInput {
  decision: ReportDecision;
  /** Answered for every decision: whether concern remains after the pre-assessment. */
  remainingConcern: boolean;
  /** Why no investigation: required for a "not opened", not kept for the others. */
  ground: NotOpenedGround | null;
  /** The reasons in writing: required for a "not opened". */
  reasons: string;
}

export type DecisionRefusal =
  | "remainingConcernNeedsInvestigation"
  | "decisionGroundRequired"
  | "decisionReasonsRequired";

/** Why this decision cannot be recorded as it stands, or null. One reason at a time, the weightiest first. */
export function decisionRefusal(d: DecisionInput): DecisionRefusal | null {
  if (d.decision !== "not_opened") return null;
  // Remaining concern is not closed: an investigation is opened. (A second look by a reception lead comes later as
  // the other way; until then this is the only one.)
  if (d.remainingConcern) return "remainingConcernNeedsInvestigation";
  if (!d.ground) return "decisionGroundRequired";
  if (!d.reasons.trim()) return "decisionReasonsRequired";
  return null;
}

/**
 * Whether a police report should be considered again: it was answered "not reported" and something new about the
 * child (a supplement, another report on the same child) has arrived since. Derived when read, never stored.
 */
export function policeToReconsider(
  police: { consideredAt: Date | null; reported: boolean | null },
  newInformationAt: Date | null,
) {
  return (
    !!police.consideredAt && police.reported !== true && !!newInformationAt && newInformationAt > police.consideredAt
  );
}
