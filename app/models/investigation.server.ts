import { and, eq } from "drizzle-orm";
import { getDb, type Database } from "#db/client.server";
import { reports } from "#db/schema";
import { earliestInvestigationStart, investigationState, type InvestigationOutcome } from "~/domain/investigation";
import type { CurrentUser } from "~/lib/permissions.server";
import { giveBasicFeedback } from "./feedback.server";
import { holdReport, reportChanged } from "./report.server";

/**
 * The investigation an "opened" decision starts (app/domain/investigation.ts), recorded by social services: a corrected
 * first day, extensions of the four-month limit with their reasons, and its end with the outcome. The end gives the
 * reporter, the observer and a co-signer the basic feedback that it was closed, once; the outcome is never in it.
 */
export type InvestigationError =
  | "notFound"
  | "notInvestigated"
  | "investigationEnded"
  | "endedDifferently"
  | "startBeforeDecision"
  | "startAfterEnd"
  | "extensionNotLater"
  | "endBeforeStart";

type Result = { ok: true } | { ok: false; error: InvestigationError };

/** The report held for update, and its investigation as it stands; an error when there is none to change. */
async function heldInvestigation(tx: Database, user: CurrentUser, reportId: string) {
  const held = await holdReport(tx, user, reportId, "update");
  if (!held) return { error: "notFound" as const, row: null, state: null };
  const [row] = await tx
    .select()
    .from(reports)
    .where(and(eq(reports.municipalityId, user.municipalityId), eq(reports.id, held.id)));
  const state = investigationState(row);
  if (!state) return { error: "notInvestigated" as const, row: null, state: null };
  return { error: null, row, state };
}

export async function correctInvestigationStart(
  user: CurrentUser,
  reportId: string,
  startedOn: string,
  now = new Date(),
): Promise<Result> {
  return getDb().transaction(async (tx): Promise<Result> => {
    const held = await heldInvestigation(tx, user, reportId);
    if (held.error) return { ok: false, error: held.error };
    // Not before the decision that opened it (a typo's 2001 would give a due date decades ago).
    if (startedOn < earliestInvestigationStart(held.row)) return { ok: false, error: "startBeforeDecision" };
    if (held.state.endedOn && startedOn > held.state.endedOn) return { ok: false, error: "startAfterEnd" };
    if (held.state.startedOn === startedOn && held.row.investigationStartedOn) return { ok: true };
    await tx.update(reports).set({ investigationStartedOn: startedOn }).where(eq(reports.id, held.row.id));
    await reportChanged(tx, user, held.row, "investigation_started", { details: { startedOn }, at: now });
    return { ok: true };
  });
}

/** SoL 11 kap. 2 §: an extension moves the last day later, for a reason kept with it. */
export async function extendInvestigation(
  user: CurrentUser,
  reportId: string,
  input: { dueOn: string; reason: string },
  now = new Date(),
): Promise<Result> {
  return getDb().transaction(async (tx): Promise<Result> => {
    const held = await heldInvestigation(tx, user, reportId);
    if (held.error) return { ok: false, error: held.error };
    if (held.state.endedOn) return { ok: false, error: "investigationEnded" };
    if (input.dueOn <= held.state.dueOn) return { ok: false, error: "extensionNotLater" };
    const extension = { dueOn: input.dueOn, reason: input.reason, byId: user.id, at: now.toISOString() };
    await tx
      .update(reports)
      .set({ investigationExtensions: [...held.row.investigationExtensions, extension] })
      .where(eq(reports.id, held.row.id));
    // The reason stays on the report; the history and the audit log take the date only.
    await reportChanged(tx, user, held.row, "investigation_extended", { details: { dueOn: input.dueOn }, at: now });
    return { ok: true };
  });
}

/**
 * The investigation ended, with its outcome: the basic "investigation closed" feedback, naming the day it ended, goes
 * out in the same transaction. The same end again (a resent form) changes nothing and tells nobody again; another
 * (a second investigator's at the same time, another day or outcome) is refused rather than dropped in silence.
 */
export async function endInvestigation(
  user: CurrentUser,
  reportId: string,
  input: { endedOn: string; outcome: InvestigationOutcome },
  now = new Date(),
): Promise<Result> {
  return getDb().transaction(async (tx): Promise<Result> => {
    const held = await heldInvestigation(tx, user, reportId);
    if (held.error) return { ok: false, error: held.error };
    if (held.state.endedOn) {
      const same = held.state.endedOn === input.endedOn && held.state.outcome === input.outcome;
      return same ? { ok: true } : { ok: false, error: "endedDifferently" };
    }
    if (input.endedOn < held.state.startedOn) return { ok: false, error: "endBeforeStart" };
    const [ended] = await tx
      .update(reports)
      .set({ investigationEndedOn: input.endedOn, investigationOutcome: input.outcome })
      .where(eq(reports.id, held.row.id))
      .returning();
    await reportChanged(tx, user, ended, "investigation_ended", { details: { outcome: input.outcome }, at: now });
    await giveBasicFeedback(tx, ended, "investigation_closed", now, input.endedOn);
    return { ok: true };
  });
}
