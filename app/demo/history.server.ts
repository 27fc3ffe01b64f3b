import type { Database } from "#db/client.server";
import { addCalendarDays, stockholmDate } from "~/domain/deadlines";
import type { Keyring } from "~/lib/sealed.server";
// The benchmark's generator (SQL, deterministic), at a demo's scale: scripts/bench/seed-bench.ts.
import { HISTORY_QUIET_DAYS, seedHistory } from "../../scripts/bench/seed-bench";

/**
 * Exempelstad's past (issue 23): generated reports, advice, meetings, feedback and trainings from 1 January the year
 * before last until some weeks ago, so that /stats, the radar and the yearly report show figures, small ones still
 * hidden. About 300 reports a year (factor 0.05 of Helsingborg): most monthly totals are well over five, while a
 * unit's or a source's month often is not.
 *
 * It is all over and none of it is the demo accounts' own work: generated units with generated staff report to the
 * demo's reception, where generated colleagues decided every report (two weeks ago at the latest), held or cancelled
 * every meeting and gave all feedback; the demo accounts' reports, messages, invitations and registrations are as
 * without it. Its newest report is received 18 days before today, so last month has decisions for the review sample.
 * The identities are sealed before they are written (decision 021).
 */
export const DEMO_HISTORY_FACTOR = 0.05;

/** The days the demo's history covers, seen from `now`: its first day and the day after its last. */
export function demoHistorySpan(now: Date) {
  const today = stockholmDate(now);
  return { from: `${Number(today.slice(0, 4)) - 2}-01-01`, until: addCalendarDays(today, 1 - HISTORY_QUIET_DAYS) };
}

/** Seeds the history in the demo seed's transaction, after the units and accounts and before the demo's own reports. */
export async function seedDemoHistory(
  tx: Database,
  municipality: { id: string; name: string },
  keyring: Keyring,
  passwordHash: string,
  now = new Date(),
) {
  await seedHistory(
    tx,
    { ...municipality, domain: "exempelstad.example" },
    { ...demoHistorySpan(now), now, factor: DEMO_HISTORY_FACTOR, passwordHash, keyring },
  );
}
