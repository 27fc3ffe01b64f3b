import { getDb } from "#db/client.server";
import { auditEvents } from "#db/schema";
import type { CurrentUser } from "./permissions.server";
import { rolesOf } from "./permissions.server";

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
  "second_factor.enrolled",
  "second_factor.removed",
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
  requestId?: string;
  details?: Record<string, unknown>;
}

/** Appends one entry. The table's trigger makes it impossible to change or remove afterwards. */
export async function audit(event: AuditEvent) {
  const user = event.user ?? null;
  await getDb()
    .insert(auditEvents)
    .values({
      municipalityId: user?.municipalityId ?? event.municipalityId ?? null,
      userId: user?.id ?? event.userId ?? null,
      roles: user ? rolesOf(user) : [],
      unitId: user?.memberships[0]?.unitId ?? null,
      action: event.action,
      recordType: event.recordType ?? null,
      recordId: event.recordId ?? null,
      requestId: event.requestId ?? null,
      details: event.details ?? null,
    });
}
