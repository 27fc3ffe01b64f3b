import { can, type Action, type CurrentUser } from "./permissions.server";

/** Navigation is derived from the permissions module, so a link never leads to a 403. */
const items: { to: string; labelKey: string; action: Action }[] = [
  { to: "/", labelKey: "nav.home", action: "home:view" },
  { to: "/inbox", labelKey: "nav.inbox", action: "inbox:read" },
  { to: "/reports", labelKey: "nav.reports", action: "report:list" },
  { to: "/reports/review", labelKey: "nav.secondLook", action: "decision:review" },
  { to: "/advice", labelKey: "nav.advice", action: "advice:log" },
  { to: "/invitations", labelKey: "nav.invitations", action: "invitation:answer" },
  { to: "/meetings", labelKey: "nav.meetings", action: "meeting:manage" },
  { to: "/feedback", labelKey: "nav.feedback", action: "feedback:manage" },
  { to: "/feedback/texts", labelKey: "nav.feedbackTexts", action: "feedback:texts" },
  { to: "/trainings", labelKey: "nav.trainings", action: "training:read" },
  { to: "/trainings/manage", labelKey: "nav.trainingsManage", action: "training:manage" },
  { to: "/trainings/coverage", labelKey: "nav.coverage", action: "coverage:read" },
  { to: "/stats", labelKey: "nav.stats", action: "stats:read" },
  { to: "/reviews", labelKey: "nav.reviews", action: "review:read" },
  { to: "/steering", labelKey: "nav.steering", action: "steeringLog:read" },
  // Coordinators handle deviations from the agreement; everyone else files and follows theirs from the user menu.
  { to: "/deviations", labelKey: "nav.deviations", action: "deviation:handle" },
  { to: "/check-ins", labelKey: "nav.checkIns", action: "checkIn:manage" },
  { to: "/guidance", labelKey: "nav.guidance", action: "guidance:read" },
  { to: "/guidance/manage/concern-kinds", labelKey: "nav.concernKinds", action: "concernKinds:manage" },
  { to: "/admin/users", labelKey: "nav.adminUsers", action: "admin:users" },
  { to: "/admin/units", labelKey: "nav.adminUnits", action: "admin:units" },
  { to: "/admin/sign-in", labelKey: "nav.adminSignIn", action: "admin:signIn" },
  { to: "/admin/audit", labelKey: "nav.adminAudit", action: "admin:audit" },
  { to: "/settings", labelKey: "nav.settings", action: "settings:manage" },
];

export function navigationFor(user: CurrentUser) {
  return items.filter((item) => can(user, item.action)).map(({ to, labelKey }) => ({ to, labelKey }));
}
