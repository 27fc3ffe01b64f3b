/**
 * Check-ins (avstämningar, issue 21 item 7): a coordinator plans a talk with a unit the radar on /stats names, then
 * records that it was held (who came, what was agreed) or cancels it. Plain data, so the forms and the schema
 * (db/schema/check-ins.ts) share the lists.
 */

/** Why the unit was asked: the radar's two lists (under-reporting; many reports or many supplemented), or else. */
export const checkInReasons = ["under_reporting", "many_reports", "many_supplemented", "other"] as const;
export type CheckInReason = (typeof checkInReasons)[number];

/** Planned until it is recorded as held or cancelled; neither can be undone (a new one is planned instead). */
export const checkInStatuses = ["planned", "held", "cancelled"] as const;
export type CheckInStatus = (typeof checkInStatuses)[number];

export const isCheckInReason = (value: string | null | undefined): value is CheckInReason =>
  !!value && (checkInReasons as readonly string[]).includes(value);
