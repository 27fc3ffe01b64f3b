import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, inArray, lt, max, or, sql } from "drizzle-orm";
import { getDb, type Database } from "#db/client.server";
import { concernKinds, reportConcernKinds } from "#db/schema";
import { DEFAULT_CONCERN_KINDS, isDefaultConcernKind } from "~/domain/concern-kinds";
import { audit } from "~/lib/audit.server";
import { can, type CurrentUser } from "~/lib/permissions.server";
import { holdReport, reportChanged } from "./report.server";
import { isUniqueViolation } from "./user.server";

/** What a page shows of a kind, and what a rule needs (`violence`). */
const kindColumns = {
  id: concernKinds.id,
  code: concernKinds.code,
  labelSv: concernKinds.labelSv,
  labelEn: concernKinds.labelEn,
  violence: concernKinds.violence,
  active: concernKinds.active,
  position: concernKinds.position,
};
export type ConcernKind = Pick<typeof concernKinds.$inferSelect, keyof typeof kindColumns>;

/** A new municipality's list: the defaults, in their order. Part of whatever creates the municipality. */
export async function createDefaultConcernKinds(db: Database, municipalityId: string) {
  await db
    .insert(concernKinds)
    .values(
      DEFAULT_CONCERN_KINDS.map((k, i) => ({ municipalityId, code: k.code, violence: k.violence, position: i + 1 })),
    )
    .onConflictDoNothing();
}

/** The municipality's kinds in the coordinators' order, retired ones included (callers pick `active` ones to offer). */
export async function concernKindsOf(
  scope: { municipalityId: string },
  db: Database = getDb(),
): Promise<ConcernKind[]> {
  return db
    .select(kindColumns)
    .from(concernKinds)
    .where(eq(concernKinds.municipalityId, scope.municipalityId))
    .orderBy(asc(concernKinds.position), asc(concernKinds.createdAt));
}

/** The kinds set on a report (ReadableReport, or its id and municipality), in the list's order. */
export async function kindsOfReport(
  report: { id: string; municipalityId: string },
  db: Database = getDb(),
): Promise<ConcernKind[]> {
  return db
    .select(kindColumns)
    .from(reportConcernKinds)
    .innerJoin(
      concernKinds,
      and(eq(concernKinds.id, reportConcernKinds.kindId), eq(concernKinds.municipalityId, report.municipalityId)),
    )
    .where(
      and(eq(reportConcernKinds.municipalityId, report.municipalityId), eq(reportConcernKinds.reportId, report.id)),
    )
    .orderBy(asc(concernKinds.position), asc(concernKinds.createdAt));
}

type ListedKind = Omit<ConcernKind, "position"> & { selected: boolean };

/**
 * The municipality's kinds, each with whether the report has it: a column of the report page's one select (caseView),
 * naming the outer row "reports" by hand as the page's other subqueries do.
 */
export const reportKindList = sql`coalesce((
    select json_agg(json_build_object('id', k.id, 'code', k.code, 'labelSv', k.label_sv, 'labelEn', k.label_en,
      'violence', k.violence, 'active', k.active, 'selected', rk.kind_id is not null) order by k.position, k.created_at)
    from concern_kinds k
    left join report_concern_kinds rk on rk.report_id = "reports"."id" and rk.kind_id = k.id
      and rk.municipality_id = "reports"."municipality_id"
    where k.municipality_id = "reports"."municipality_id"
  ), '[]'::json)`.mapWith((value: ListedKind[] | string): ListedKind[] =>
  // postgres-js hands json over parsed, PGlite may give the text.
  typeof value === "string" ? (JSON.parse(value) as ListedKind[]) : value,
);

/**
 * What the case page offers: the kinds to tick (the active ones, and any retired one the report still has), those set,
 * and the reporter's suggestion (named even when retired since).
 */
export function caseKinds(list: ListedKind[], suggestedKindId: string | null) {
  const shown = ({ id, code, labelSv, labelEn }: ListedKind) => ({ id, code, labelSv, labelEn });
  const suggested = list.find((k) => k.id === suggestedKindId);
  return {
    options: list.filter((k) => k.active || k.selected).map((k) => ({ ...shown(k), violence: k.violence })),
    selected: list.filter((k) => k.selected).map((k) => k.id),
    suggested: suggested ? shown(suggested) : null,
  };
}

export type SetKindsResult = { ok: true } | { ok: false; error: "notAllowed" | "notFound" | "unknownKind" };

/**
 * Social services set the report's kinds as a whole. Each must be an active kind of the user's municipality, or one the
 * report already has (a kind retired since stays until someone unticks it). The report is held for the transaction, so
 * two people saving at once leave one whole set; an unchanged set writes nothing.
 */
export async function setReportKinds(
  user: CurrentUser,
  report: { id: string },
  kindIds: readonly string[],
): Promise<SetKindsResult> {
  if (!can(user, "report:process")) return { ok: false, error: "notAllowed" };
  const wanted = [...new Set(kindIds)];
  return getDb().transaction(async (tx): Promise<SetKindsResult> => {
    const held = await holdReport(tx, user, report.id, "update");
    if (!held) return { ok: false, error: "notFound" };
    const here = { id: held.id, municipalityId: user.municipalityId };
    const current = await kindsOfReport(here, tx);
    const allowed = wanted.length
      ? await tx
          .select({ id: concernKinds.id, code: concernKinds.code })
          .from(concernKinds)
          .where(
            and(
              eq(concernKinds.municipalityId, user.municipalityId),
              inArray(concernKinds.id, wanted),
              or(
                eq(concernKinds.active, true),
                inArray(
                  concernKinds.id,
                  current.map((k) => k.id),
                ),
              ),
            ),
          )
      : [];
    if (allowed.length !== wanted.length) return { ok: false, error: "unknownKind" };
    const unchanged = current.length === wanted.length && current.every((k) => wanted.includes(k.id));
    if (unchanged) return { ok: true };
    await tx
      .delete(reportConcernKinds)
      .where(and(eq(reportConcernKinds.municipalityId, user.municipalityId), eq(reportConcernKinds.reportId, held.id)));
    if (wanted.length)
      await tx
        .insert(reportConcernKinds)
        .values(wanted.map((kindId) => ({ reportId: held.id, kindId, municipalityId: user.municipalityId })));
    // Codes, not labels: the timeline and the audit log name the kinds, never the report's content.
    await reportChanged(tx, user, held, "kinds_set", { details: { kinds: allowed.map((k) => k.code).sort() } });
    return { ok: true };
  });
}

// ---------------------------------------------------------------------------------------------- the coordinators' list

export interface KindWording {
  labelSv: string;
  labelEn: string;
  violence: boolean;
}

type ManageResult = { ok: true } | { ok: false; error: "notFound" | "nameTaken" | "labelRequired" };

const auditKind = (tx: Database, user: CurrentUser, action: "create" | "update", kindId: string, details: object) =>
  audit({ action, user, recordType: "concern_kind", recordId: kindId, details: { ...details } }, tx);

const ownKind = (user: CurrentUser, kindId: string) =>
  and(eq(concernKinds.municipalityId, user.municipalityId), eq(concernKinds.id, kindId));

/** The one held for the rest of the transaction, if it is the municipality's. */
async function holdKind(tx: Database, user: CurrentUser, kindId: string) {
  const [row] = await tx.select(kindColumns).from(concernKinds).where(ownKind(user, kindId)).for("update");
  return row ?? null;
}

/** A kind of the coordinators' own, last in the list. The form's key makes a resend find the first one's kind. */
export async function addConcernKind(
  user: CurrentUser,
  wording: KindWording,
  submissionKey: string,
): Promise<{ ok: true; id: string; created: boolean } | { ok: false; error: "nameTaken" }> {
  try {
    return await getDb().transaction(async (tx) => {
      // Kinds are added one at a time per municipality, so two never take the same place in the list.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`concern_kinds:${user.municipalityId}`}))`);
      const [existing] = await tx
        .select({ id: concernKinds.id })
        .from(concernKinds)
        .where(
          and(eq(concernKinds.municipalityId, user.municipalityId), eq(concernKinds.submissionKey, submissionKey)),
        );
      if (existing) return { ok: true as const, id: existing.id, created: false };
      const [{ last }] = await tx
        .select({ last: max(concernKinds.position) })
        .from(concernKinds)
        .where(eq(concernKinds.municipalityId, user.municipalityId));
      const [row] = await tx
        .insert(concernKinds)
        .values({
          municipalityId: user.municipalityId,
          // A code of its own: the defaults' codes stay the ones statistics can compare across municipalities.
          code: `local_${randomUUID().slice(0, 8)}`,
          labelSv: wording.labelSv,
          labelEn: wording.labelEn,
          violence: wording.violence,
          position: (last ?? 0) + 1,
          submissionKey,
        })
        .onConflictDoNothing({ target: concernKinds.submissionKey })
        .returning({ id: concernKinds.id });
      // Another municipality's form with the same key: nothing of theirs is revealed, and nothing is added.
      if (!row) return { ok: false as const, error: "nameTaken" as const };
      await auditKind(tx, user, "create", row.id, { violence: wording.violence });
      return { ok: true as const, id: row.id, created: true };
    });
  } catch (error) {
    if (isUniqueViolation(error, "concern_kinds_label_idx")) return { ok: false, error: "nameTaken" };
    throw error;
  }
}

/**
 * New wording, and for a kind of the coordinators' own whether it counts as violence. A default keeps its flag (the
 * guidelines' rule); both labels empty gives it back the portal's wording.
 */
export async function renameConcernKind(
  user: CurrentUser,
  kindId: string,
  wording: KindWording,
): Promise<ManageResult> {
  try {
    return await getDb().transaction(async (tx): Promise<ManageResult> => {
      const kind = await holdKind(tx, user, kindId);
      if (!kind) return { ok: false, error: "notFound" };
      const standard = isDefaultConcernKind(kind.code);
      const reset = !wording.labelSv && !wording.labelEn;
      // Only the portal has words for a default: a kind of the coordinators' own needs theirs.
      if (reset && !standard) return { ok: false, error: "labelRequired" };
      const next = {
        labelSv: wording.labelSv || null,
        labelEn: wording.labelEn || null,
        violence: standard ? kind.violence : wording.violence,
      };
      const fields = (["labelSv", "labelEn", "violence"] as const).filter((f) => next[f] !== kind[f]);
      if (!fields.length) return { ok: true };
      await tx.update(concernKinds).set(next).where(ownKind(user, kindId));
      await auditKind(tx, user, "update", kindId, { fields });
      return { ok: true };
    });
  } catch (error) {
    if (isUniqueViolation(error, "concern_kinds_label_idx")) return { ok: false, error: "nameTaken" };
    throw error;
  }
}

/** Retires a kind (no longer offered; reports keep it) or takes it back into use. */
export async function setConcernKindActive(
  user: CurrentUser,
  kindId: string,
  active: boolean,
): Promise<{ ok: true } | { ok: false; error: "notFound" }> {
  return getDb().transaction(async (tx) => {
    const kind = await holdKind(tx, user, kindId);
    if (!kind) return { ok: false as const, error: "notFound" as const };
    if (kind.active !== active) {
      await tx.update(concernKinds).set({ active }).where(ownKind(user, kindId));
      await auditKind(tx, user, "update", kindId, { fields: ["active"], active });
    }
    return { ok: true as const };
  });
}

/** Swaps a kind with its neighbour above or below; at the end of the list nothing moves. */
export async function moveConcernKind(
  user: CurrentUser,
  kindId: string,
  direction: "up" | "down",
): Promise<{ ok: true } | { ok: false; error: "notFound" }> {
  return getDb().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`concern_kinds:${user.municipalityId}`}))`);
    const kind = await holdKind(tx, user, kindId);
    if (!kind) return { ok: false as const, error: "notFound" as const };
    const up = direction === "up";
    const [neighbour] = await tx
      .select({ id: concernKinds.id, position: concernKinds.position })
      .from(concernKinds)
      .where(
        and(
          eq(concernKinds.municipalityId, user.municipalityId),
          up ? lt(concernKinds.position, kind.position) : gt(concernKinds.position, kind.position),
        ),
      )
      .orderBy(up ? sql`${concernKinds.position} desc` : asc(concernKinds.position))
      .limit(1);
    if (!neighbour) return { ok: true as const };
    await tx.update(concernKinds).set({ position: neighbour.position }).where(ownKind(user, kindId));
    await tx.update(concernKinds).set({ position: kind.position }).where(ownKind(user, neighbour.id));
    await auditKind(tx, user, "update", kindId, { fields: ["position"], direction });
    return { ok: true as const };
  });
}
