import { requiresPoliceConsideration } from "./concern-kinds";
import type { NotOpenedGround, ReportDecision, SecondLookReason } from "./vocabulary";

/**
 * The rules of a pre-assessment's decision that the Stockholm inspectors' review (2023, 286 closed pre-assessments)
 * found broken: a "not opened" without reasons, remaining concern closed all the same, serious reports closed without
 * the child's account, and a police report not reconsidered when more came in. The form's schema
 * (report-case-schema.ts) and the model (recordDecision) both ask these, so a decision the page refuses is refused
 * however it is sent.
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

export type DecisionRefusal = "decisionGroundRequired" | "decisionReasonsRequired";

/**
 * Why this decision cannot be recorded as it stands, or null. One reason at a time, the weightiest first. Remaining
 * concern does not refuse a "not opened": it sends it to a second look (secondLookFor).
 */
export function decisionRefusal(d: DecisionInput): DecisionRefusal | null {
  if (d.decision !== "not_opened") return null;
  if (!d.ground) return "decisionGroundRequired";
  if (!d.reasons.trim()) return "decisionReasonsRequired";
  return null;
}

/** From this many earlier reports about the child in the year before, a "not opened" gets a second look. */
const EARLIER_REPORTS_FOR_SECOND_LOOK = 2;

/** What the second look asks of a decision and of the report as it stands when the decision is taken. */
export interface SecondLookFacts {
  decision: ReportDecision;
  remainingConcern: boolean;
  /** The kinds of concern set on the report: a violence kind (physical, sexual, witnessed) is one case. */
  kinds: readonly { violence: boolean }[];
  childHeard: boolean | null;
  /** Earlier reports about the same child received in the twelve months before this one. */
  earlier: number;
}

/**
 * Why a decision must wait for a reception lead's second look before it takes effect: none, or each case that holds,
 * in the order. Only a "not opened" waits; an investigation opened (or already ongoing) closes nothing.
 */
export function secondLookFor(f: SecondLookFacts): SecondLookReason[] {
  if (f.decision !== "not_opened") return [];
  const cases: [SecondLookReason, boolean][] = [
    ["violence", requiresPoliceConsideration(f.kinds)],
    ["child_not_heard", f.childHeard === false],
    // "When yes, requires either opening an investigation or a second look."
    ["remaining_concern", f.remainingConcern],
    ["earlier_reports", f.earlier >= EARLIER_REPORTS_FOR_SECOND_LOOK],
  ];
  return cases.filter(([, holds]) => holds).map(([reason]) => reason);
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
