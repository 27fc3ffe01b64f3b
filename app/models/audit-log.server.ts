import { and, count, desc, eq, gte, lt } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { auditEvents, units, users } from "#db/schema";
import { auditActions, type AuditAction } from "~/lib/audit.server";
import { TIME_ZONE } from "~/lib/i18n";
import { isUuid } from "~/lib/ids";

export { auditActions };

export const AUDIT_PAGE_SIZE = 50;

const offsetFormatter = new Intl.DateTimeFormat("en-US", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** How far Swedish wall-clock time is ahead of UTC at an instant, in milliseconds. */
function zoneOffset(instant: number) {
  const parts = Object.fromEntries(offsetFormatter.formatToParts(instant).map((p) => [p.type, p.value]));
  const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a calendar day (YYYY-MM-DD) begins in Sweden: "2026-03-01" → 2026-02-28T23:00:00Z. */
export function startOfSwedishDay(day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  const wall = Date.UTC(y, m - 1, d);
  let instant = wall - zoneOffset(wall);
  // Around a daylight-saving switch the offset at the guess can differ from the offset at the answer.
  const corrected = wall - zoneOffset(instant);
  if (corrected !== instant) instant = corrected;
  return new Date(instant);
}

/** The day after, as YYYY-MM-DD (calendar arithmetic, no time zone involved). */
export function nextDay(day: string) {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

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
}

/** One page of the municipality's audit log, newest first, with the name of the user where known. */
export async function searchAuditLog(filter: AuditFilter) {
  const pageSize = filter.pageSize ?? AUDIT_PAGE_SIZE;
  const where = and(
    eq(auditEvents.municipalityId, filter.municipalityId),
    filter.userId && isUuid(filter.userId) ? eq(auditEvents.userId, filter.userId) : undefined,
    filter.action ? eq(auditEvents.action, filter.action) : undefined,
    filter.recordType ? eq(auditEvents.recordType, filter.recordType) : undefined,
    filter.recordId ? eq(auditEvents.recordId, filter.recordId) : undefined,
    filter.from ? gte(auditEvents.at, startOfSwedishDay(filter.from)) : undefined,
    filter.to ? lt(auditEvents.at, startOfSwedishDay(nextDay(filter.to))) : undefined,
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
