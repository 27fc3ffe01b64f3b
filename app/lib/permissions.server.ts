import { mayAddToReport, seesReport } from "./report-visibility.server";
import {
  receptionRoles,
  roles,
  socialServicesRoles,
  type ReportChannel,
  type Role,
  type UnitKind,
} from "../domain/vocabulary";

/** Who is asking: read from the database on every request, never cached in the session. */
export interface CurrentUser {
  id: string;
  municipalityId: string;
  name: string;
  email: string;
  locale: "sv" | "en" | null;
  totpEnabled: boolean;
  /** An administrator set the password; the user must replace it before anything else. */
  mustChangePassword: boolean;
  /** Rows per page in the long lists, as the user last chose (~/domain/list-rows). */
  listRows?: number;
  /** Roles the municipality has added to those that need a second factor (identity_providers). */
  secondFactorRoles?: Role[];
  memberships: { unitId: string; unitName: string; unitKind: UnitKind; role: Role }[];
}

/** Records a permission can be asked about. Every one carries its tenant. */
export type Resource = { id?: string } & (
  | { type: "message"; municipalityId: string; recipientId: string }
  | { type: "user"; municipalityId: string }
  | { type: "unit"; municipalityId: string }
  | { type: "feedback"; municipalityId: string; recipientId: string }
  | { type: "review_case"; municipalityId: string; reviewerId: string | null }
  | { type: "deviation"; municipalityId: string; ownerId: string }
  | { type: "agreement_deviation"; municipalityId: string; filedById: string }
  | { type: "admin_proposal"; municipalityId: string; proposedById: string; targetUserId: string }
  | {
      type: "report";
      municipalityId: string;
      channel: ReportChannel;
      unitId: string | null;
      reporterId: string | null;
      observerId: string | null;
      coSignerId: string | null;
    }
);

export type Action =
  | "home:view"
  | "inbox:read"
  | "settings:manage"
  | "admin:users"
  | "admin:units"
  /** The municipality's identity provider and the roles its groups give (issue 25). */
  | "admin:signIn"
  | "admin:audit"
  | "message:read"
  | "user:manage"
  | "user:changeRoles"
  | "audit:unknownSignIns"
  | "adminProposal:decide"
  | "unit:manage"
  | "guidance:read"
  | "guidance:manage"
  | "report:create"
  | "report:list"
  | "report:read"
  | "report:supplement"
  | "report:process"
  | "report:register"
  | "report:history"
  | "decision:review"
  | "meeting:manage"
  | "invitation:answer"
  | "advice:log"
  | "unit:overview"
  | "unit:assignContact"
  | "feedback:manage"
  | "consent:manage"
  | "guardianAnswer:record"
  | "feedback:send"
  | "feedback:read"
  | "survey:answer"
  | "feedback:texts"
  | "concernKinds:manage"
  | "training:read"
  | "training:register"
  | "training:registerStaff"
  | "training:manage"
  | "coverage:read"
  | "stats:read"
  | "review:read"
  | "review:draw"
  | "review:answer"
  | "review:closeDeviation"
  | "deviation:file"
  | "deviation:read"
  | "deviation:handle"
  | "steeringLog:read"
  | "steeringLog:write"
  | "checkIn:manage";

const ANY_ROLE = roles;
const REPORTERS: readonly Role[] = ["staff", "principal"];
const SOCIAL_SERVICES: readonly Role[] = socialServicesRoles;
/** Reception workers, and their leads, who do what reception workers do. */
const RECEPTION: readonly Role[] = receptionRoles;

/** The whole access policy: which roles may attempt an action at all. */
const roleTable: Record<Action, readonly Role[]> = {
  "home:view": ANY_ROLE,
  "inbox:read": ANY_ROLE,
  "settings:manage": ANY_ROLE,
  "message:read": ANY_ROLE,
  "admin:users": ["admin"],
  "admin:units": ["admin"],
  "admin:signIn": ["admin"],
  // The audit log: the administrators, and a security reviewer who is not one and reads every change they make.
  "admin:audit": ["admin", "security_reviewer"],
  // Failed sign-ins for addresses that match no account belong to no municipality: the security reviewer sees them.
  "audit:unknownSignIns": ["security_reviewer"],
  "user:manage": ["admin"],
  // Nobody changes their own roles (the record rule): an administrator would otherwise make themselves a social worker.
  "user:changeRoles": ["admin"],
  // A social-services role, or a social worker's credentials, take two administrators: one proposes, another decides
  // (the record rule: never the proposer, never the person it concerns; app/models/admin-proposal.server.ts).
  "adminProposal:decide": ["admin"],
  "unit:manage": ["admin"],
  // Guidance is for everyone who signs in; coordinators keep it current.
  "guidance:read": ANY_ROLE,
  "guidance:manage": ["coordinator"],
  // Mandatory reporters write reports; social services receive and decide them.
  "report:create": REPORTERS,
  "report:list": [...REPORTERS, ...SOCIAL_SERVICES],
  "report:read": [...REPORTERS, ...SOCIAL_SERVICES],
  "report:supplement": REPORTERS,
  "report:process": SOCIAL_SERVICES,
  "report:register": RECEPTION,
  // Earlier reports about the same child (and linking them by hand): social services' side only, never the school's.
  "report:history": SOCIAL_SERVICES,
  // A "not opened" that needs a second look (app/domain/pre-assessment.ts) takes effect when a reception lead approves
  // it; never the lead who proposed it (app/models/report.server.ts, approveDecision).
  "decision:review": ["reception_lead"],
  // Reception holds report meetings; whoever is invited answers their own invitation.
  "meeting:manage": RECEPTION,
  "invitation:answer": REPORTERS,
  // Reception keeps the advice log; callers get their advice in the inbox, not here.
  "advice:log": RECEPTION,
  "unit:overview": RECEPTION,
  // A principal names the contact person of a unit where they are principal (app/models/unit-contact.server.ts).
  "unit:assignContact": ["principal"],
  // Reception keeps the feedback deadlines and the consent register; the investigator may also write extended
  // feedback. Only the addressed recipient reads it. Coordinators keep the basic-feedback texts.
  "feedback:manage": RECEPTION,
  "consent:manage": RECEPTION,
  // The school records what the guardians answered when it asked them for consent; reception confirms it (consent:manage).
  "guardianAnswer:record": REPORTERS,
  "feedback:send": SOCIAL_SERVICES,
  "feedback:read": REPORTERS,
  // After the decision, the reporter may answer the survey on their report (anonymously: app/domain/reporter-survey.ts).
  "survey:answer": REPORTERS,
  "feedback:texts": ["coordinator"],
  // The municipality's list of kinds of concern that reports are sorted by: the coordinators keep it.
  "concernKinds:manage": ["coordinator"],
  // Coordinators run the trainings; school staff and social workers take them; a principal may sign up their staff
  // and sees their own units' coverage, coordinators everyone's.
  "training:read": [...REPORTERS, ...SOCIAL_SERVICES, "coordinator"],
  "training:register": [...REPORTERS, ...SOCIAL_SERVICES],
  "training:registerStaff": ["principal"],
  "training:manage": ["coordinator"],
  "coverage:read": ["coordinator", "principal"],
  // Figures without personal data, every count under five hidden: for those who follow up the collaboration.
  "stats:read": ["steering", "coordinator", ...RECEPTION, "admin"],
  // The internal quality review: coordinators and reception leads draw the month's sample; a social worker answers
  // the cases assigned to them and closes the deviations they own; steering follows the figures (app/models/quality-review).
  "review:read": ["coordinator", "steering", ...SOCIAL_SERVICES],
  "review:draw": ["coordinator", "reception_lead"],
  "review:answer": SOCIAL_SERVICES,
  "review:closeDeviation": ["coordinator", ...SOCIAL_SERVICES],
  // Deviations from the agreement ("no feedback received", …): anyone signed in files one, on a report they may read
  // or in general, and follows their own; the coordinators handle them all (app/models/agreement-deviation.server.ts).
  "deviation:file": ANY_ROLE,
  "deviation:read": ANY_ROLE,
  "deviation:handle": ["coordinator"],
  // The steering group's log of meetings, decisions and actions (app/models/steering-log.server.ts): the group and the
  // coordinators who prepare its figures write it; administrators may read it.
  "steeringLog:read": ["steering", "coordinator", "admin"],
  "steeringLog:write": ["steering", "coordinator"],
  // Check-ins with units the radar names: the coordinators plan them and record them (app/models/check-in.server.ts).
  "checkIn:manage": ["coordinator"],
};

/** Rules on the record itself, after the role rule and the tenant rule have passed. */
const recordRules: Partial<Record<Action, (user: CurrentUser, resource: Resource) => boolean>> = {
  "message:read": (user, r) => r.type === "message" && r.recipientId === user.id,
  "feedback:read": (user, r) => r.type === "feedback" && r.recipientId === user.id,
  // Who may see a report, and who may add to it, is written once: app/lib/report-visibility.server.ts.
  "report:read": (user, r) => r.type === "report" && seesReport(user, r),
  "report:supplement": (user, r) => r.type === "report" && mayAddToReport(user, r),
  "guardianAnswer:record": (user, r) => r.type === "report" && mayAddToReport(user, r),
  "survey:answer": (user, r) => r.type === "report" && r.reporterId === user.id,
  // A reviewer reviews only the cases assigned to them (never their own decisions: app/domain/review-sample.ts).
  "review:answer": (user, r) => r.type === "review_case" && r.reviewerId === user.id,
  // A deviation is closed by its owner, or by those who draw the samples and follow them up.
  "review:closeDeviation": (user, r) =>
    r.type === "deviation" && (r.ownerId === user.id || hasRole(user, ...roleTable["review:draw"])),
  // A deviation from the agreement is read by the one who filed it and by the coordinators who handle it; nobody else.
  "deviation:read": (user, r) =>
    r.type === "agreement_deviation" && (r.filedById === user.id || hasRole(user, ...roleTable["deviation:handle"])),
  "deviation:handle": (_user, r) => r.type === "agreement_deviation",
  "user:changeRoles": (user, r) => r.type === "user" && r.id !== user.id,
  "adminProposal:decide": (user, r) =>
    r.type === "admin_proposal" && r.proposedById !== user.id && r.targetUserId !== user.id,
  "unit:assignContact": (user, r) =>
    r.type === "unit" && user.memberships.some((m) => m.role === "principal" && m.unitId === r.id),
};

/** Units a user may report from: where they work as staff or principal. */
export function reportingUnits(user: CurrentUser) {
  return user.memberships.filter((m) => (REPORTERS as Role[]).includes(m.role));
}

export function rolesOf(user: CurrentUser): Role[] {
  return [...new Set(user.memberships.map((m) => m.role))];
}

export function hasRole(user: CurrentUser, ...wanted: Role[]) {
  return user.memberships.some((m) => wanted.includes(m.role));
}

export function can(user: CurrentUser, action: Action, resource?: Resource): boolean {
  if (!hasRole(user, ...roleTable[action])) return false;
  if (!resource) return true;
  if (resource.municipalityId !== user.municipalityId) return false;
  const rule = recordRules[action];
  return rule ? rule(user, resource) : true;
}

/**
 * The unit a user acted in when doing `action`: the membership whose role allows it, in the record's own unit when
 * they have one there (a principal of two schools acts as the principal of the report's school). When neither the
 * action nor the record tells which of several units, null: the audit log then says so rather than guessing.
 */
export function actingUnit(user: CurrentUser, action?: Action, recordUnitId?: string | null): string | null {
  const allowed = action ? user.memberships.filter((m) => roleTable[action].includes(m.role)) : user.memberships;
  const here = allowed.find((m) => m.unitId === recordUnitId);
  if (here) return here.unitId;
  return action || allowed.length === 1 ? (allowed[0]?.unitId ?? null) : null;
}

/**
 * Social-services roles and admins must use a second factor outside demo mode, and so must the roles the
 * municipality added (its identity provider's settings). A multi-factor sign-in at the provider counts as one.
 */
export function requiresSecondFactor(user: CurrentUser) {
  return hasRole(user, ...SOCIAL_SERVICES, "admin", ...(user.secondFactorRoles ?? []));
}
