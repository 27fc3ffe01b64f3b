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
  "investigator",
  "coordinator",
  "steering",
  "admin",
] as const;
export type Role = (typeof roles)[number];

/** Only these kinds count enrolled children: the base for reports per 100 children. */
export const unitKindsWithChildren = ["preschool", "school"] as const satisfies readonly UnitKind[];

/** How a report reached social services. */
export const reportChannels = ["portal", "e_service", "paper", "phone", "police", "other"] as const;
export type ReportChannel = (typeof reportChannels)[number];

/** The three outcomes a reporter may always be told (SoL 14 kap 1 b §). */
export const reportDecisions = ["opened", "not_opened", "already_ongoing"] as const;
export type ReportDecision = (typeof reportDecisions)[number];

export const protectionOutcomes = ["no_immediate_need", "immediate_measures"] as const;
export type ProtectionOutcome = (typeof protectionOutcomes)[number];
