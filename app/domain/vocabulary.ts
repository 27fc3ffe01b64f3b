/**
 * The closed lists the schema's enums are made from. Plain data without drizzle, so browser code
 * (form selects, validation) can import them too.
 */
export const unitKinds = [
  "preschool",
  "school",
  "student_health",
  "reception",
  "investigation",
  "coordination",
  "administration",
] as const;
export type UnitKind = (typeof unitKinds)[number];

export const roles = [
  "staff",
  "principal",
  "reception_worker",
  /** Gruppledare: does what reception workers do, and takes the second look at a "not opened" before it takes effect. */
  "reception_lead",
  "investigator",
  "coordinator",
  "steering",
  "admin",
  /** Reads the audit log, and manages nothing: the administrators' actions are reviewed by someone who is not one. */
  "security_reviewer",
] as const;
export type Role = (typeof roles)[number];

/** Reception: receives reports, holds report meetings, keeps the advice log and the feedback. */
export const receptionRoles = ["reception_worker", "reception_lead"] as const satisfies readonly Role[];
export const isReception = (role: Role) => (receptionRoles as readonly Role[]).includes(role);
/** Social services: see every report of their municipality and process them. */
export const socialServicesRoles = [...receptionRoles, "investigator"] as const satisfies readonly Role[];

/** Only these kinds count enrolled children: the base for reports per 100 children. */
export const unitKindsWithChildren = ["preschool", "school"] as const satisfies readonly UnitKind[];

/** How a report reached social services. */
export const reportChannels = ["portal", "e_service", "paper", "phone", "police", "other"] as const;
export type ReportChannel = (typeof reportChannels)[number];

/** The three outcomes a reporter may always be told (SoL 14 kap 1 b §). */
export const reportDecisions = ["opened", "not_opened", "already_ongoing"] as const;
export type ReportDecision = (typeof reportDecisions)[number];

/**
 * Why an investigation was not opened: the ground of a "not opened" decision, written reasons beside it. "Remaining
 * concern" is not a ground: a report with remaining concern is closed only after a second look
 * (app/domain/pre-assessment.ts).
 */
export const notOpenedGrounds = [
  "no_concern_remains",
  "need_met_outside_social_services",
  "referred_to_other_municipality",
  "other",
] as const;
export type NotOpenedGround = (typeof notOpenedGrounds)[number];

/** Why a "not opened" waits for a reception lead's second look (app/domain/pre-assessment.ts, secondLookFor). */
export const secondLookReasons = ["violence", "child_not_heard", "remaining_concern", "earlier_reports"] as const;
export type SecondLookReason = (typeof secondLookReasons)[number];
/** Where a proposed "not opened" stands: waiting for the second look, or approved (it took effect) or returned. */
export const decisionReviewStatuses = ["proposed", "approved", "returned"] as const;
export type DecisionReviewStatus = (typeof decisionReviewStatuses)[number];

export const protectionOutcomes = ["no_immediate_need", "immediate_measures"] as const;
export type ProtectionOutcome = (typeof protectionOutcomes)[number];

/** Advice consultations: how the call came, what it was about, what was advised. */
export const adviceChannels = ["phone", "video", "visit", "email"] as const;
export type AdviceChannel = (typeof adviceChannels)[number];

export const callerRoles = ["teacher", "preschool_teacher", "principal", "student_health", "other_staff"] as const;
export type CallerRole = (typeof callerRoles)[number];

export const concernKinds = [
  "physical_violence",
  "psychological_violence",
  "sexual_abuse",
  "neglect",
  "witnessing_violence",
  "honour_related",
  "own_behaviour",
  "substance_abuse_in_family",
  "other",
] as const;
export type ConcernKind = (typeof concernKinds)[number];

export const ageBands = ["0-2", "3-5", "6-9", "10-12", "13-15", "16-17"] as const;
export type AgeBand = (typeof ageBands)[number];

export const adviceGiven = [
  "report_now",
  "report_after_observing",
  "call_emergency",
  "talk_to_health_team_or_principal",
  "no_report_needed",
  "referral",
] as const;
export type AdviceGiven = (typeof adviceGiven)[number];

/** Report meetings (SoL 14 kap 1 a §): how they are held, and why one is not offered. */
export const meetingForms = ["in_person", "video", "phone"] as const;
export type MeetingForm = (typeof meetingForms)[number];

export const noMeetingReasons = [
  "violence_suspected",
  "honour_related",
  "immediate_care",
  "not_in_childs_interest",
  "other",
] as const;
export type NoMeetingReason = (typeof noMeetingReasons)[number];

export const invitationAnswers = ["pending", "accepted", "declined", "proposed", "handed_over"] as const;
export type InvitationAnswer = (typeof invitationAnswers)[number];

/** Feedback to reporters: the two moments basic feedback is given, and how it reached someone outside the portal. */
export const feedbackStages = ["received", "decided", "investigation_closed"] as const;
export type FeedbackStage = (typeof feedbackStages)[number];
export const feedbackChannels = ["portal", "phone", "letter", "email"] as const;
export type FeedbackChannel = (typeof feedbackChannels)[number];
/** How a municipality counts the days basic feedback is due in: the agreement says working days (working-days.ts). */
export const responseDayKinds = ["working", "calendar"] as const;
export type ResponseDayKind = (typeof responseDayKinds)[number];

/** Guardian consent (OSL 12 kap 3 §): who gave it, how, and which kinds of information it releases. */
export const consentGivers = ["guardian", "guardians", "child"] as const;
export type ConsentGiver = (typeof consentGivers)[number];
export const consentForms = ["written", "oral", "digital"] as const;
export type ConsentForm = (typeof consentForms)[number];
export const consentInfoKinds = ["outcome_and_support", "school_support", "joint_planning"] as const;
export type ConsentInfoKind = (typeof consentInfoKinds)[number];
/** A consent is valid for at most this long. */
export const CONSENT_MAX_MONTHS = 12;
/**
 * What the guardians answered when the school asked them for consent (issue 21, item 4), and where reception has taken
 * it: only a confirmed answer becomes a consent in the register.
 */
export const guardianAnswers = ["yes", "no"] as const;
export type GuardianAnswer = (typeof guardianAnswers)[number];
export const guardianAnswerStatuses = ["pending", "confirmed", "not_confirmed"] as const;
export type GuardianAnswerStatus = (typeof guardianAnswerStatuses)[number];

/** Trainings run by the coordinators: what they are about, and where they stand. */
export const trainingTopics = [
  "reporting_duty",
  "information_duty",
  "social_services_process",
  "school_law_for_social_workers",
  "report_e_service",
  "network_meeting",
  "other",
] as const;
export type TrainingTopic = (typeof trainingTopics)[number];
export const trainingStatuses = ["draft", "published", "cancelled"] as const;
export type TrainingStatus = (typeof trainingStatuses)[number];
export const registrationStatuses = ["registered", "waitlisted", "cancelled"] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

/** Where a report came from, for the statistics: the reporting unit's kind for portal reports, else other channels. */
export const reportSources = ["preschool", "school", "student_health", "other_channel"] as const;
export type ReportSource = (typeof reportSources)[number];
