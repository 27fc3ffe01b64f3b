import { roles, type Role, type UnitKind } from "./vocabulary";

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
  memberships: { unitId: string; unitName: string; unitKind: UnitKind; role: Role }[];
}

/** Records a permission can be asked about. Every one carries its tenant. */
export type Resource = { id?: string } & (
  | { type: "message"; municipalityId: string; recipientId: string }
  | { type: "user"; municipalityId: string }
  | { type: "unit"; municipalityId: string }
);

export type Action =
  | "home:view"
  | "inbox:read"
  | "settings:manage"
  | "admin:users"
  | "admin:units"
  | "admin:audit"
  | "message:read"
  | "user:manage"
  | "unit:manage";

const ANY_ROLE = roles;

/** The whole access policy: which roles may attempt an action at all. */
const roleTable: Record<Action, readonly Role[]> = {
  "home:view": ANY_ROLE,
  "inbox:read": ANY_ROLE,
  "settings:manage": ANY_ROLE,
  "message:read": ANY_ROLE,
  "admin:users": ["admin"],
  "admin:units": ["admin"],
  "admin:audit": ["admin"],
  "user:manage": ["admin"],
  "unit:manage": ["admin"],
};

/** Rules on the record itself, after the role rule and the tenant rule have passed. */
const recordRules: Partial<Record<Action, (user: CurrentUser, resource: Resource) => boolean>> = {
  "message:read": (user, r) => r.type === "message" && r.recipientId === user.id,
};

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

/** Social-services roles and admins must use a second factor outside demo mode. */
export function requiresSecondFactor(user: CurrentUser) {
  return hasRole(user, "reception_worker", "investigator", "admin");
}
