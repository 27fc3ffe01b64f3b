import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "#db/client.server";
import { agreementDeviations, agreementDeviationStepLog, reports, units, users } from "#db/schema";
import {
  statusAfter,
  statusesBefore,
  type AgreementDeviationKind,
  type AgreementDeviationStep,
} from "~/domain/agreement-deviation";
import { isUuid } from "~/domain/ids";
import { audit } from "~/lib/audit.server";
import { can, type CurrentUser, type Resource } from "~/lib/permissions.server";
import { insertOnce } from "./insert-once.server";
import { reportResource, type ReadableReport } from "./report.server";

/**
 * Deviations from the collaboration agreement (issue 21, item 9), the municipality in every where. Anyone signed in
 * files one, on a report they may read (the route loads it with readReport) or in general; the filer follows their
 * own; the coordinators handle them all in steps. What each sees is decided here, once (`shape`):
 * - of a linked report, only its reference, and only to whoever may read the report (`can(user, "report:read")`,
 *   the one rule in app/lib/report-visibility.server.ts); nothing of its content is read or stored here;
 * - the filer's name, only to the coordinators, who follow it up with them;
 * - the coordinators' notes on the steps, only to the coordinators: the filer sees which steps were taken and when.
 */

export const DEVIATIONS_PER_PAGE = 50;

const filer = alias(users, "filer");
const actor = alias(users, "actor");

/** The unit a deviation counts under: the report's, or (in general) the one chosen among the filer's, or their only one. */
export function deviationUnitFor(user: CurrentUser, report: { unitId: string | null } | null, chosen?: string) {
  if (report?.unitId) return report.unitId;
  const mine = [...new Set(user.memberships.map((m) => m.unitId))];
  if (chosen) return mine.includes(chosen) ? chosen : null;
  return mine.length === 1 ? mine[0] : null;
}

export interface FilingInput {
  kind: AgreementDeviationKind;
  description: string;
  /** Read by the route with readReport: one the user may read, or none. */
  report: ReadableReport | null;
  unitId: string;
  submissionKey: string;
}

/**
 * Files a deviation. A resent form (the same submission key) finds the first one's deviation (`created: false`);
 * null when the key is someone else's. The audit says the kind and the linked report's id, if any, never the text.
 */
export async function fileAgreementDeviation(user: CurrentUser, input: FilingInput, now = new Date()) {
  const keyed = { table: agreementDeviations, by: agreementDeviations.filedById, submissionKey: input.submissionKey };
  return insertOnce(user, keyed, async (tx) => {
    const [row] = await tx
      .insert(agreementDeviations)
      .values({
        municipalityId: user.municipalityId,
        kind: input.kind,
        description: input.description,
        reportId: input.report?.id ?? null,
        unitId: input.unitId,
        filedById: user.id,
        filedAt: now,
        statusChangedAt: now,
        submissionKey: input.submissionKey,
      })
      .onConflictDoNothing({ target: agreementDeviations.submissionKey })
      .returning({ id: agreementDeviations.id });
    if (row) {
      // The report by its id, so the report's trail finds the deviation filed on it; never its text or the report's.
      const details = { kind: input.kind, onReport: !!input.report, reportId: input.report?.id ?? null };
      const entry = { recordType: "agreement_deviation", recordId: row.id, recordUnitId: input.unitId, details };
      await audit({ action: "create", user, ...entry }, tx);
    }
    return row;
  });
}

/** The columns every view reads: the deviation, its unit and filer, and of a linked report who may read it. */
const columns = {
  id: agreementDeviations.id,
  kind: agreementDeviations.kind,
  description: agreementDeviations.description,
  status: agreementDeviations.status,
  filedAt: agreementDeviations.filedAt,
  statusChangedAt: agreementDeviations.statusChangedAt,
  closedAt: agreementDeviations.closedAt,
  filedById: agreementDeviations.filedById,
  filerName: filer.name,
  unitId: agreementDeviations.unitId,
  unitName: units.name,
  // The report's audience (for can()) and its reference; never anything it says.
  reportId: reports.id,
  reportChannel: reports.channel,
  reportUnitId: reports.unitId,
  reporterId: reports.reporterId,
  observerId: reports.observerId,
  coSignerId: reports.coSignerId,
  reference: reports.reference,
};

function selectDeviations(user: CurrentUser) {
  return getDb()
    .select(columns)
    .from(agreementDeviations)
    .innerJoin(units, and(eq(units.id, agreementDeviations.unitId), eq(units.municipalityId, user.municipalityId)))
    .innerJoin(filer, and(eq(filer.id, agreementDeviations.filedById), eq(filer.municipalityId, user.municipalityId)))
    .leftJoin(
      reports,
      and(eq(reports.id, agreementDeviations.reportId), eq(reports.municipalityId, user.municipalityId)),
    );
}

type Row = Awaited<ReturnType<ReturnType<typeof selectDeviations>["execute"]>>[number];

/** A deviation as `user` may see it (see the top of this file). */
function shape(user: CurrentUser, row: Row) {
  const handles = can(user, "deviation:handle");
  const report =
    row.reportId && row.reportChannel
      ? reportResource({
          id: row.reportId,
          municipalityId: user.municipalityId,
          channel: row.reportChannel,
          unitId: row.reportUnitId,
          reporterId: row.reporterId,
          observerId: row.observerId,
          coSignerId: row.coSignerId,
        })
      : null;
  const readable = !!report && can(user, "report:read", report);
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    filedAt: row.filedAt,
    statusChangedAt: row.statusChangedAt,
    closedAt: row.closedAt,
    unitName: row.unitName,
    mine: row.filedById === user.id,
    filerName: handles ? row.filerName : null,
    report: readable && row.reportId && row.reference ? { id: row.reportId, reference: row.reference } : null,
  };
}

/**
 * The deviations `user` follows: their own, or for a coordinator every one of the municipality; open ones first,
 * the newest first within each.
 */
export async function listAgreementDeviations(user: CurrentUser, page = 1) {
  const scope = and(
    eq(agreementDeviations.municipalityId, user.municipalityId),
    can(user, "deviation:handle") ? undefined : eq(agreementDeviations.filedById, user.id),
  );
  const rows = await selectDeviations(user)
    .where(scope)
    .orderBy(sql`${agreementDeviations.status} = 'closed'`, desc(agreementDeviations.filedAt))
    .limit(DEVIATIONS_PER_PAGE)
    .offset((page - 1) * DEVIATIONS_PER_PAGE);
  const [{ total }] = await getDb().select({ total: count() }).from(agreementDeviations).where(scope);
  return { deviations: rows.map((r) => shape(user, r)), total, pageCount: Math.ceil(total / DEVIATIONS_PER_PAGE) };
}

/** A deviation of the municipality with what a permission asks of it; null when there is none here. */
export async function agreementDeviationFor(user: CurrentUser, deviationId: string) {
  if (!isUuid(deviationId)) return null;
  const [row] = await selectDeviations(user).where(
    and(eq(agreementDeviations.municipalityId, user.municipalityId), eq(agreementDeviations.id, deviationId)),
  );
  return row ?? null;
}

export type AgreementDeviationRow = NonNullable<Awaited<ReturnType<typeof agreementDeviationFor>>>;

export const agreementDeviationResource = (user: CurrentUser, d: { id: string; filedById: string }): Resource => ({
  type: "agreement_deviation",
  id: d.id,
  municipalityId: user.municipalityId,
  filedById: d.filedById,
});

/**
 * One deviation as `user` may see it, with its steps: for the coordinators who took each and their note; for the
 * filer only which step and when. The caller has checked deviation:read.
 */
export async function agreementDeviationView(user: CurrentUser, row: AgreementDeviationRow) {
  const handles = can(user, "deviation:handle");
  const steps = await getDb()
    .select({
      step: agreementDeviationStepLog.step,
      note: agreementDeviationStepLog.note,
      at: agreementDeviationStepLog.at,
      actorName: actor.name,
    })
    .from(agreementDeviationStepLog)
    .innerJoin(
      actor,
      and(eq(actor.id, agreementDeviationStepLog.actorId), eq(actor.municipalityId, user.municipalityId)),
    )
    .where(
      and(
        eq(agreementDeviationStepLog.municipalityId, user.municipalityId),
        eq(agreementDeviationStepLog.deviationId, row.id),
      ),
    )
    .orderBy(asc(agreementDeviationStepLog.at));
  return {
    ...shape(user, row),
    description: row.description,
    steps: steps.map((s) =>
      handles ? s : { step: s.step, at: s.at, note: null as string | null, actorName: null as string | null },
    ),
  };
}

export type StepResult = { ok: true } | { ok: false; error: "stepTaken" };

/**
 * A coordinator's step with its note. Steps go forward only and any may be skipped (a deviation found groundless is
 * closed at once); the step is taken in the same statement that checks the deviation has not reached it, so two
 * coordinators at once, or a resent form, record it once. The same form sent again is answered as it was the first time.
 */
export async function recordDeviationStep(
  user: CurrentUser,
  deviationId: string,
  step: AgreementDeviationStep,
  note: string,
  now = new Date(),
): Promise<StepResult> {
  const taken = await getDb().transaction(async (tx) => {
    const [moved] = await tx
      .update(agreementDeviations)
      .set({ status: statusAfter[step], statusChangedAt: now, ...(step === "close" ? { closedAt: now } : {}) })
      .where(
        and(
          eq(agreementDeviations.municipalityId, user.municipalityId),
          eq(agreementDeviations.id, deviationId),
          inArray(agreementDeviations.status, statusesBefore(step)),
        ),
      )
      .returning({ id: agreementDeviations.id, unitId: agreementDeviations.unitId });
    if (!moved) return false;
    await tx
      .insert(agreementDeviationStepLog)
      .values({ municipalityId: user.municipalityId, deviationId: moved.id, step, note, actorId: user.id, at: now });
    // The step only: the note stays with the deviation.
    const entry = { recordType: "agreement_deviation", recordId: moved.id, recordUnitId: moved.unitId };
    await audit({ action: "update", user, ...entry, details: { step } }, tx);
    return true;
  });
  if (taken) return { ok: true };
  const [same] = await getDb()
    .select({ id: agreementDeviationStepLog.id })
    .from(agreementDeviationStepLog)
    .where(
      and(
        eq(agreementDeviationStepLog.municipalityId, user.municipalityId),
        eq(agreementDeviationStepLog.deviationId, deviationId),
        eq(agreementDeviationStepLog.step, step),
        eq(agreementDeviationStepLog.actorId, user.id),
        eq(agreementDeviationStepLog.note, note),
      ),
    );
  return same ? { ok: true } : { ok: false, error: "stepTaken" };
}
