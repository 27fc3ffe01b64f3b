import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { reportEvents, reports } from "#db/schema";
import { recordChildHeard, recordDecision, recordProtectionAssessment } from "~/models/report.server";
import { getCurrentUser } from "~/models/user.server";
import { createReport, createWorld, decisionInput } from "../factories";
import { inWaves, staggered } from "../races";

const REPORTS = 40;

async function setup() {
  const world = await createWorld();
  const m = world.municipality.id;
  const worker = (await getCurrentUser(world.user.reception_worker.id, m))!;
  const teacher = (await getCurrentUser(world.user.staff.id, m))!;
  const ids: string[] = [];
  for (let i = 0; i < REPORTS; i += 10) {
    const made = await Promise.all(Array.from({ length: 10 }, () => createReport(teacher, world.unit.school.id)));
    ids.push(...made.map((r) => r.id));
  }
  return { worker, ids };
}

/**
 * A step's preconditions are in its UPDATE's where (app/models/report.server.ts, stepIn): they hold for the row as it
 * is written. Read first and then written, two steps at once would both pass. PGlite runs one statement at a time, so
 * these races only show on PostgreSQL.
 */
describe.skipIf(process.env.TEST_DB !== "postgres")("report steps racing each other (PostgreSQL)", () => {
  it(`two protection assessments at once: exactly one is recorded (${REPORTS} reports)`, async () => {
    const { worker, ids } = await setup();
    const results = await inWaves(ids, (id) =>
      Promise.all(
        staggered(
          () => recordProtectionAssessment(worker, id, "no_immediate_need"),
          () => recordProtectionAssessment(worker, id, "immediate_measures"),
          3,
        ),
      ),
    );
    for (const pair of results) {
      expect(pair.filter((r) => r.ok)).toHaveLength(1);
      expect(pair.filter((r) => !r.ok)).toEqual([{ ok: false, error: "alreadyAssessed" }]);
    }
    const events = await getDb()
      .select({ reportId: reportEvents.reportId })
      .from(reportEvents)
      .where(and(inArray(reportEvents.reportId, ids), eq(reportEvents.kind, "protection_assessed")));
    expect(events).toHaveLength(REPORTS);
  });

  it(`"not heard" racing the decision: no decided report lacks its reason (${REPORTS} reports)`, async () => {
    const { worker, ids } = await setup();
    for (const id of ids) {
      await recordProtectionAssessment(worker, id, "no_immediate_need");
      await recordChildHeard(worker, id, true, "");
    }
    const results = await inWaves(ids, (id) =>
      Promise.all(
        staggered(
          () => recordDecision(worker, id, decisionInput("opened")),
          () => recordChildHeard(worker, id, false, ""),
          10,
        ),
      ),
    );
    const rows = await getDb()
      .select({ id: reports.id, decision: reports.decision, heard: reports.childHeard, note: reports.childHeardNote })
      .from(reports)
      .where(inArray(reports.id, ids));
    // SOSFS 2014:5: a decided report whose child was not heard has the reason written down.
    expect(rows.filter((r) => r.decision && r.heard === false && !r.note?.trim())).toEqual([]);
    // Each race has one winner: the decision, or "not heard" (which then holds the decision back).
    for (const [decided, heard] of results) expect(decided.ok !== heard.ok).toBe(true);
    // Both orders happened, or the pairs did not race.
    const decidedCount = rows.filter((r) => r.decision).length;
    expect(decidedCount).toBeGreaterThan(0);
    expect(decidedCount).toBeLessThan(REPORTS);
  });
});
