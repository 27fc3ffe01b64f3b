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
