import type { ReportDecision } from "./vocabulary";

/**
 * The inspectors' checklist (Stockholm 2023) that the internal quality review answers for each sampled pre-assessment.
 * The codes are stored (review answers, deviations); their questions are in locales/<lang>/reviews.json.
 */
export const reviewItems = [
  "protection_on_time",
  "decision_in_time",
  "child_heard",
  "reasons_sound",
  "remaining_concern_handled",
  "police_considered",
  "feedback_given",
  "earlier_reports_weighed",
] as const;
export type ReviewItem = (typeof reviewItems)[number];

export const reviewAnswers = ["yes", "no", "na"] as const;
export type ReviewAnswer = (typeof reviewAnswers)[number];

/** What the reviewer answered for one item, and what the portal suggested (kept, so a review shows both). */
export interface ItemAnswer {
  answer: ReviewAnswer;
  comment: string;
  suggested: ReviewAnswer | null;
}
export type ReviewAnswers = Record<ReviewItem, ItemAnswer>;

/** What the portal knows of a closed pre-assessment, for the suggestions. */
export interface CaseFacts {
  decision: ReportDecision;
  protectionAssessedAt: Date | null;
  protectionDueAt: Date;
  decidedAt: Date;
  decisionDueAt: Date;
  childHeard: boolean | null;
  childHeardReasoned: boolean;
  reasonsWritten: boolean;
  remainingConcern: boolean | null;
  /** A kind of the report is a violence kind: the city's guidelines require a police report to be considered. */
  policeRequired: boolean;
  policeConsidered: boolean | null;
  /** Basic feedback on the decision: none due (nobody to tell), all given, or some still to give. */
  feedback: "none" | "given" | "pending";
  /** An earlier report about the same child exists in the municipality (app/models/earlier-reports.server.ts). */
  knownBefore: boolean;
}

/** Why the portal suggests what it does: a key of reviews:why.* shown beside the question. */
export type SuggestionReason =
  | "assessedOnTime"
  | "assessedLate"
  | "notAssessed"
  | "decidedOnTime"
  | "decidedLate"
  | "heard"
  | "notHeardReasoned"
  | "notHeardNoReason"
  | "heardUnknown"
  | "reasonsMissing"
  | "reasonsWritten"
  | "investigationOpened"
  | "noConcernRemained"
  | "concernRemainedOpened"
  | "concernRemainedClosed"
  | "concernUnknown"
  | "policeNotRequired"
  | "policeConsidered"
  | "policeNotConsidered"
  | "noFeedbackDue"
  | "feedbackGiven"
  | "feedbackPending"
  | "notKnownBefore"
  | "knownBefore";

export interface Suggestion {
  /** Null where only the reviewer can judge (is the reason a permitted one, are the reasons sound). */
  answer: ReviewAnswer | null;
  why: SuggestionReason;
}

const say = (answer: ReviewAnswer | null, why: SuggestionReason): Suggestion => ({ answer, why });

/** The portal's suggestion for each item, from what it recorded. The reviewer answers; this only fills the form. */
export function suggestAnswers(f: CaseFacts): Record<ReviewItem, Suggestion> {
  const closed = f.decision === "not_opened";
  return {
    protection_on_time: !f.protectionAssessedAt
      ? say("no", "notAssessed")
      : f.protectionAssessedAt < f.protectionDueAt
        ? say("yes", "assessedOnTime")
        : say("no", "assessedLate"),
    decision_in_time: f.decidedAt < f.decisionDueAt ? say("yes", "decidedOnTime") : say("no", "decidedLate"),
    child_heard:
      f.childHeard === true
        ? say("yes", "heard")
        : f.childHeard === false
          ? f.childHeardReasoned
            ? say(null, "notHeardReasoned")
            : say("no", "notHeardNoReason")
          : say(null, "heardUnknown"),
    reasons_sound: !closed
      ? say("na", "investigationOpened")
      : f.reasonsWritten
        ? say(null, "reasonsWritten")
        : say("no", "reasonsMissing"),
    remaining_concern_handled:
      f.remainingConcern === null
        ? say(null, "concernUnknown")
        : !f.remainingConcern
          ? say("na", "noConcernRemained")
          : closed
            ? // Closed after a reception lead's second look: whether that was sound is the reviewer's to judge.
              say(null, "concernRemainedClosed")
            : say("yes", "concernRemainedOpened"),
    police_considered: !f.policeRequired
      ? say("na", "policeNotRequired")
      : f.policeConsidered
        ? say("yes", "policeConsidered")
        : say("no", "policeNotConsidered"),
    feedback_given:
      f.feedback === "none"
        ? say("na", "noFeedbackDue")
        : f.feedback === "given"
          ? say("yes", "feedbackGiven")
          : say("no", "feedbackPending"),
    earlier_reports_weighed: f.knownBefore ? say(null, "knownBefore") : say("na", "notKnownBefore"),
  };
}
