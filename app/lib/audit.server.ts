import { getDb, type Database } from "#db/client.server";
import { auditEvents } from "#db/schema";
import { actingUnit, rolesOf, type Action, type CurrentUser } from "./permissions.server";
import { currentRequest } from "./request-context.server";

/** Every kind of event the audit log records. */
export const auditActions = [
  "read",
  "list",
  "create",
  "update",
  "delete",
  "deactivate",
  "access.denied",
  "login.success",
  "login.failure",
  "login.locked",
  "logout",
  /** An account linked to its identity at the municipality's provider, by a verified e-mail (issue 25). */
  "identity.linked",
  "second_factor.enrolled",
  "second_factor.removed",
  /** The second factor given again for a step-up (/login/confirm, app/lib/step-up.server.ts). */
  "second_factor.confirmed",
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditEvent {
  action: AuditAction;
  user?: CurrentUser | null;
  /** For events before a user is known (a failed login): the tenant and user id if found. */
  municipalityId?: string | null;
  userId?: string | null;
  recordType?: string;
  recordId?: string | null;
  /** The unit the record belongs to, if any: the unit the user acted in is their membership there when they have one. */
  recordUnitId?: string | null;
  /** The permission the event was done under; by default the one the request's page was opened under. */
  permission?: Action;
  /** By default the current request's (app/lib/request-context.server.ts). */
  requestId?: string;
  details?: Record<string, unknown>;
}

/**
 * Appends one entry. The table's trigger makes it impossible to change or remove afterwards. A change passes its
 * transaction as `db`, so the entry commits with the change or not at all; a read is audited before its data is
 * returned, so nothing leaves the server unrecorded.
 */
export async function audit(event: AuditEvent, db: Database = getDb()) {
  const user = event.user ?? null;
  const request = currentRequest();
  await db.insert(auditEvents).values({
    municipalityId: user?.municipalityId ?? event.municipalityId ?? null,
    userId: user?.id ?? event.userId ?? null,
    roles: user ? rolesOf(user) : [],
    unitId: user ? actingUnit(user, event.permission ?? request?.permission, event.recordUnitId) : null,
    action: event.action,
    recordType: event.recordType ?? null,
    recordId: event.recordId ?? null,
    requestId: event.requestId ?? request?.requestId ?? null,
    details: event.details ?? null,
  });
}
