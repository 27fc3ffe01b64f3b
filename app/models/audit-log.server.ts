import { and, count, desc, eq, gte, inArray, isNull, lt, or } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { auditEvents, units, users } from "#db/schema";
import { auditActions } from "~/lib/audit.server";
import { addCalendarDays, startOfStockholmDay } from "~/domain/deadlines";
import { isUuid } from "~/domain/ids";

export { auditActions };

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
  municipalityId: string;
  userId?: string;
  action?: string;
  recordType?: string;
  recordId?: string;
  /** Calendar days in Swedish time, both inclusive. */
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
  /**
   * Also the failed sign-ins for addresses that match no account: they belong to no municipality (nothing typed is
   * kept, so nothing in them is anyone's), and only the security reviewer is shown them.
   */
  withUnknownSignIns?: boolean;
}

const SIGN_IN_FAILURES = ["login.failure", "login.locked"];

/** One page of the municipality's audit log, newest first, with the name of the user where known. */
export async function searchAuditLog(filter: AuditFilter) {
  const pageSize = filter.pageSize ?? AUDIT_PAGE_SIZE;
  const where = and(
    or(
      eq(auditEvents.municipalityId, filter.municipalityId),
      filter.withUnknownSignIns
        ? and(
            isNull(auditEvents.municipalityId),
            isNull(auditEvents.userId),
            inArray(auditEvents.action, SIGN_IN_FAILURES),
          )
        : undefined,
    ),
    filter.userId && isUuid(filter.userId) ? eq(auditEvents.userId, filter.userId) : undefined,
    filter.action ? eq(auditEvents.action, filter.action) : undefined,
    filter.recordType ? eq(auditEvents.recordType, filter.recordType) : undefined,
    filter.recordId ? eq(auditEvents.recordId, filter.recordId) : undefined,
    filter.from ? gte(auditEvents.at, startOfStockholmDay(filter.from)) : undefined,
    filter.to ? lt(auditEvents.at, startOfStockholmDay(addCalendarDays(filter.to, 1))) : undefined,
  );
  const db = getDb();
  const [{ total }] = await db.select({ total: count() }).from(auditEvents).where(where);
  const rows = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      userId: auditEvents.userId,
      userName: users.name,
      roles: auditEvents.roles,
      unitName: units.name,
      action: auditEvents.action,
      recordType: auditEvents.recordType,
      recordId: auditEvents.recordId,
      requestId: auditEvents.requestId,
    })
    .from(auditEvents)
    // The join is scoped too: a user row of another municipality never lends its name.
    .leftJoin(users, and(eq(users.id, auditEvents.userId), eq(users.municipalityId, filter.municipalityId)))
    .leftJoin(units, and(eq(units.id, auditEvents.unitId), eq(units.municipalityId, filter.municipalityId)))
    .where(where)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(pageSize)
    .offset((Math.max(1, filter.page ?? 1) - 1) * pageSize);
  return { total, events: rows };
}
