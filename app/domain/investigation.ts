import { addCalendarDays, dueState, startOfStockholmDay, stockholmDate } from "./deadlines";
import { calendarDay } from "./dates";

/**
 * The investigation a report's "opened" decision starts (SoL 11 kap. 1 §): it is to be finished within four months
 * (SoL 11 kap. 2 §), a limit social services may extend for special reasons, each extension with its reason kept. How
 * it ended is recorded for social services; the reporter is told only that it has been closed (basic feedback), the
 * outcome needs the guardians' consent (extended feedback).
 */
export const investigationOutcomes = ["support_granted", "no_support_needed", "referred", "other"] as const;
export type InvestigationOutcome = (typeof investigationOutcomes)[number];

/** One extension of the limit: the new last day (a Stockholm date) and why. */
export interface InvestigationExtension {
  dueOn: string;
  reason: string;
  byId: string;
  /** When it was recorded (ISO instant). */
  at: string;
}

/** The same day of the month four months later; a day the month lacks (31 May → 30 Sep … ) is its last day. */
export function fourMonthsAfter(date: string): string {
  const [y, m, d] = calendarDay(date) ?? [0, 0, 0];
  const month = m - 1 + 4;
  const last = new Date(Date.UTC(y, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, month, Math.min(d, last))).toISOString().slice(0, 10);
}

/** Where the investigation stands: its first day, its last allowed day (after any extension) and the bound. */
export function investigationState(report: {
  decision: string | null;
  decidedAt: Date | null;
  investigationStartedOn: string | null;
  investigationExtensions: InvestigationExtension[];
  investigationEndedOn: string | null;
  investigationOutcome: InvestigationOutcome | null;
}) {
  if (report.decision !== "opened" || !report.decidedAt) return null;
  // The decision's day unless an investigator corrected it.
  const startedOn = report.investigationStartedOn ?? stockholmDate(report.decidedAt);
  const extended = report.investigationExtensions.at(-1);
  const dueOn = extended?.dueOn ?? fourMonthsAfter(startedOn);
  return {
    startedOn,
    dueOn,
    /** Exclusive bound for dueState: the start of the day after the last allowed one. */
    dueAt: startOfStockholmDay(addCalendarDays(dueOn, 1)),
    extensions: report.investigationExtensions,
    endedOn: report.investigationEndedOn,
    outcome: report.investigationOutcome,
  };
}

/** The case page's view: the state above with the deadline's standing (done once ended). */
export function investigationCase(report: Parameters<typeof investigationState>[0], now: Date) {
  const state = investigationState(report);
  if (!state) return null;
  const endedAt = state.endedOn ? startOfStockholmDay(state.endedOn) : null;
  return { ...state, dueAt: state.dueAt.toISOString(), state: dueState(state.dueAt, now, endedAt) };
}
