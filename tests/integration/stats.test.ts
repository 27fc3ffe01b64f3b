import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { reports } from "#db/schema";
import { stockholmInstant } from "~/lib/deadlines";
import { reportStats } from "~/models/stats.server";
import { getCurrentUser } from "~/models/user.server";
import * as csvRoute from "~/routes/stats[.csv]";
import { createUnit, createWorld, sessionCookieFor, testContext } from "../factories";
import { callRoute } from "../routes";

const DAY = 86_400_000;
let sequence = 0;

/** A report row as the statistics read it; only what they count is set with care. */
async function report(
  municipalityId: string,
  options: {
    on: string;
    unitId: string | null;
    channel?: "portal" | "police";
    decision?: "opened" | "not_opened";
    decidedAfterDays?: number;
    assessedLate?: boolean;
    heard?: boolean;
  },
) {
  const receivedAt = stockholmInstant(options.on, "10:00");
  sequence += 1;
  await getDb()
    .insert(reports)
    .values({
      municipalityId,
      reference: `STAT-${sequence}`,
      channel: options.channel ?? "portal",
      unitId: options.unitId,
      reporterName: "Anmälare",
      childName: "Barn",
      observations: "Iakttagelser",
      receivedAt,
      protectionDueAt: new Date(receivedAt.getTime() + 2 * DAY),
      decisionDueAt: new Date(receivedAt.getTime() + 14 * DAY),
      protectionAssessedAt: options.decision ? new Date(receivedAt.getTime() + (options.assessedLate ? 3 : 1) * DAY) : null,
      childHeard: options.decision ? (options.heard ?? true) : null,
      decision: options.decision ?? null,
      decidedAt: options.decision ? new Date(receivedAt.getTime() + (options.decidedAfterDays ?? 10) * DAY) : null,
    });
}

async function times(n: number, make: (i: number) => Promise<void>) {
  for (let i = 0; i < n; i++) await make(i);
}

/**
 * January 2025: 6 school reports (4 opened, 2 not), 2 preschool (undecided), 7 by the police (not opened, decided in
 * 4 days). February: 8 school (6 opened, 2 not), 5 preschool (undecided). March and another municipality: outside.
 */
async function fixture() {
  const world = await createWorld();
  const m = world.municipality.id;
  const school = world.unit.school.id;
  const preschool = world.unit.preschool.id;
  await times(6, (i) => report(m, { on: "2025-01-15", unitId: school, decision: i < 4 ? "opened" : "not_opened", assessedLate: i < 3, heard: i !== 0 }));
  await times(2, () => report(m, { on: "2025-01-20", unitId: preschool }));
  await times(7, (i) => report(m, { on: "2025-01-31", unitId: null, channel: "police", decision: "not_opened", decidedAfterDays: 4, assessedLate: i < 3, heard: i > 3 }));
  await times(8, (i) => report(m, { on: "2025-02-03", unitId: school, decision: i < 6 ? "opened" : "not_opened", decidedAfterDays: i < 5 ? 20 : 10, heard: true }));
  await times(5, () => report(m, { on: "2025-02-10", unitId: preschool }));
  await report(m, { on: "2025-03-01", unitId: school, decision: "opened" });
  const other = await createWorld("Annanstad");
  await report(other.municipality.id, { on: "2025-01-15", unitId: other.unit.school.id, decision: "opened" });
  const steering = (await getCurrentUser(world.user.steering.id, m))!;
  return { world, steering };
}

describe("report statistics", () => {
  it("counts by month and source in the database, and hides small counts and what would give them away", async () => {
    const { steering } = await fixture();
    const stats = await reportStats(steering, { from: "2025-01-01", to: "2025-02-28" });
    expect(stats.months).toEqual(["2025-01", "2025-02"]);
    // True table (preschool, school, student health, other): [2, 6, 0, 7] = 15 and [5, 8, 0, 0] = 13.
    // The lone 2 would be 15 − 6 − 7: 6 goes too; then each column has one hidden beside its total, so 5 and 8 go.
    expect(stats.bySource.cells).toEqual([
      [null, null, 0, 7],
      [null, null, 0, 0],
    ]);
    expect(stats.bySource.rowTotals).toEqual([15, 13]);
    expect(stats.bySource.colTotals).toEqual([7, 14, 0, 7]);
    expect(stats.bySource.total).toBe(28);
  });

  it("computes the shares and the median by hand, hiding a share whose rest is small", async () => {
    const { steering } = await fixture();
    const stats = await reportStats(steering, { from: "2025-01-01", to: "2025-02-28" });
    // Decided: 6 + 7 + 8 = 21; opened 4 + 6 = 10.
    expect(stats.investigationShare.all).toBeCloseTo(10 / 21);
    // Schools: 10 opened of 14; the 4 not opened would follow from the share, so it is hidden.
    expect(stats.investigationShare.schools).toBeNull();
    // Assessed late: 3 school + 3 police = 6 of 21.
    expect(stats.protectionInTime).toBeCloseTo(15 / 21);
    // Decided late (20 days): 5 of 21.
    expect(stats.decisionsInTime).toBeCloseTo(16 / 21);
    // Days to decision: 7 × 4, 9 × 10, 5 × 20: the 11th is 10.
    expect(stats.medianDaysToDecision).toBe(10);
    // Not heard: 1 school + 4 police = 5 of 21.
    expect(stats.childHeard).toBeCloseTo(16 / 21);
  });

  it("downloads the same suppressed figures as CSV, for the steering group only", async () => {
    const { world } = await fixture();
    await createUnit(world.municipality.id, "school");
    const path = "/stats.csv?period=custom&from=2025-01-01&to=2025-02-28";
    const request = new Request(`http://localhost${path}`, { headers: { Cookie: await sessionCookieFor(world.user.steering) } });
    const response = (await csvRoute.loader({ request, params: {}, context: testContext() })) as Response;
    const lines = (await response.text()).replace(/^\uFEFF/, "").trim().split("\n");
    expect(lines[0]).toBe("figure,month,group,value");
    expect(lines).toContain("reports,2025-01,preschool,< 5");
    expect(lines).toContain("reports,2025-01,other_channel,7");
    expect(lines).toContain("reports,period,total,28");
    expect(lines).toContain("investigation_share_percent,period,school,");
    expect((await callRoute(csvRoute.loader, { path, cookie: await sessionCookieFor(world.user.staff) })).status).toBe(403);
  });
});
