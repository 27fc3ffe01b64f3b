/**
 * The steering group's log (issue 21, item 8): meetings, their agenda items (each may point at a figure on /stats),
 * decisions, and actions with an owner and a due date, open until someone closes them. Plain data and rules, shared by
 * the schema, the model and the pages.
 */

/**
 * The figures on /stats an agenda item may point at: each key is the id of a section there (`<key>-heading`), so the
 * link lands on the chart or table the group discussed. The labels are in locales/<lang>/steering.json (figures.*).
 */
export const steeringFigures = [
  "reports",
  "quality",
  "advice",
  "meetings",
  "feedback",
  "deviations",
  "survey",
  "trainings",
  "units",
  "radar",
] as const;
export type SteeringFigure = (typeof steeringFigures)[number];

export const isSteeringFigure = (value: string): value is SteeringFigure =>
  (steeringFigures as readonly string[]).includes(value);

/** Where a figure is on /stats. */
export const figureHref = (figure: SteeringFigure) => `/stats#${figure}-heading`;

/** The roles an action's owner may have: the group's members and the coordinators who prepare its figures. */
export const steeringOwnerRoles = ["steering", "coordinator"] as const;

/** The longest text each field takes; a longer one is refused with the text handed back, never cut. */
export const STEERING_LIMITS = {
  title: 200,
  notes: 4_000,
  decision: 4_000,
  action: 1_000,
  closingNote: 1_000,
} as const;

/** An open action past its due date: the due date is a Stockholm calendar day, `today` too. */
export const isOverdue = (action: { dueOn: string; closedAt: unknown }, today: string) =>
  action.closedAt == null && action.dueOn < today;
