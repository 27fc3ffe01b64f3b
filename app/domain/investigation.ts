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

/**
 * The same day of the month four months later; a day the month lacks (31 May → 30 Sep … ) is its last day. What is
 * not a day ("2026-02-30", "") throws: a stored day is always one, and a made-up due date would be worse.
 */
export function fourMonthsAfter(date: string): string {
  const day = calendarDay(date);
  if (!day) throw new Error(`fourMonthsAfter: not a day: ${JSON.stringify(date)}`);
  const [y, m, d] = day;
  const months = y * 12 + (m - 1) + 4;
  const [year, month] = [Math.floor(months / 12), (months % 12) + 1];
  // Day 0 of the next month is this month's last (setUTCFullYear, unlike Date.UTC, keeps years 0–99 as they are).
  const lastOfMonth = new Date(0);
  lastOfMonth.setUTCFullYear(year, month, 0);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, lastOfMonth.getUTCDate()))}`;
}

/**
 * The first day an investigation may have: the day (in Stockholm) of the decision that opened it, or, without one,
 * the day the report was received. An investigation cannot start before the decision to open it.
 */
export function earliestInvestigationStart(report: { decidedAt: Date | null; receivedAt: Date }): string {
  return stockholmDate(report.decidedAt ?? report.receivedAt);
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
  // An extension (SoL 11 kap. 2 §, for special reasons) only lengthens the time: a start corrected later than the
  // extension was made for still has its four months. Each extension is later than the last day before it.
  const fourMonths = fourMonthsAfter(startedOn);
  const extended = report.investigationExtensions.at(-1)?.dueOn;
  const dueOn = extended && extended > fourMonths ? extended : fourMonths;
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
