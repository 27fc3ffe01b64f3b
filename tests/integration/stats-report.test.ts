import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents } from "#db/schema";
import { stockholmDate, stockholmInstant } from "~/domain/deadlines";
import { yearlyReport, type KeyFigure, type KeyFigureKey } from "~/models/stats-report.server";
import { getCurrentUser } from "~/models/user.server";
import * as reportRoute from "~/routes/stats.report";
import { createConsultation, createWorld, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";
import { report, times } from "../stats-fixtures";

/**
 * 2024: 20 school reports in March (10 opened, 10 not; decided in 10 days; 5 assessed late; 10 heard), 10 preschool
 * reports in April (undecided), 10 police reports in May (not opened, decided in 4 days, heard); 10 advice calls.
 * 2025: 30 school reports in March (22 opened, 8 not; 12 decided in 20 days, 18 in 12; 8 assessed late; 24 heard),
 * 3 preschool reports in April (undecided: a small count), 10 police reports in May as in 2024; 3 advice calls.
 * 2023, 2026 and another municipality: outside.
 */
async function fixture() {
  const world = await createWorld();
  const m = world.municipality.id;
  const school = world.unit.school.id;
  const preschool = world.unit.preschool.id;

  await times(20, (i) =>
    report(m, {
      on: "2024-03-10",
      unitId: school,
      decision: i < 10 ? "opened" : "not_opened",
      assessedLate: i < 5,
      heard: i % 2 === 0,
    }),
  );
  await times(10, () => report(m, { on: "2024-04-10", unitId: preschool }));
  await times(10, () =>
    report(m, { on: "2024-05-10", unitId: null, channel: "police", decision: "not_opened", decidedAfterDays: 4 }),
  );
  await times(10, () =>
    createConsultation(world.user.reception_worker, {
      occurredAt: stockholmInstant("2024-06-10", "09:00"),
      callerUnitId: school,
    }),
  );

  await times(30, (i) =>
    report(m, {
      on: "2025-03-10",
      unitId: school,
      decision: i < 22 ? "opened" : "not_opened",
      decidedAfterDays: i < 12 ? 20 : 12,
      assessedLate: i < 8,
      heard: i < 24,
    }),
  );
  await times(3, () => report(m, { on: "2025-04-10", unitId: preschool }));
  await times(10, () =>
    report(m, { on: "2025-05-10", unitId: null, channel: "police", decision: "not_opened", decidedAfterDays: 4 }),
  );
  await times(3, () =>
    createConsultation(world.user.reception_worker, {
      occurredAt: stockholmInstant("2025-06-10", "09:00"),
      callerUnitId: school,
    }),
  );

  // Outside both years, or another municipality: counted nowhere.
  await times(5, () => report(m, { on: "2023-12-31", unitId: school, decision: "opened" }));
  await times(5, () => report(m, { on: "2026-01-01", unitId: school, decision: "opened" }));
  const other = await createWorld("Annanstad");
  await times(5, () =>
    report(other.municipality.id, { on: "2025-03-10", unitId: other.unit.school.id, decision: "opened" }),
  );

  const steering = (await getCurrentUser(world.user.steering.id, m))!;
  return { world, steering };
}

const byKey = (figures: KeyFigure[]) =>
  Object.fromEntries(figures.map((f) => [f.key, f])) as Record<KeyFigureKey, KeyFigure>;

describe("the yearly report", () => {
  it("puts each key figure beside last year's, with the change worked out by hand", async () => {
    const { steering } = await fixture();
    const report = await yearlyReport(steering, 2025);
    expect(report).toMatchObject({ year: 2025, previousYear: 2024, municipalityName: "Teststad" });
    const f = byKey(report.figures);

    // Reports by source. 2024: preschool 10, school 20, student health 0, other 10: 40 in all.
    // 2025: preschool 3, school 30, other 10 = 43. The 3 is hidden; April's row total (3) is hidden with it, so the
    // smallest other month (May, 10) and the smallest other column (other channels, 10) go too: else 43 − 30 gives 13.
    expect(f.reportsTotal).toMatchObject({ previous: 40, current: 43, change: { difference: 3, relative: 3 / 40 } });
    expect(f.reportsSchool).toMatchObject({ previous: 20, current: 30, change: { difference: 10, relative: 0.5 } });
    expect(f.reportsPreschool).toMatchObject({ previous: 10, current: null, change: null });
    expect(f.reportsOtherChannel).toMatchObject({ previous: 10, current: null, change: null });
    expect(f.reportsStudentHealth).toMatchObject({
      previous: 0,
      current: 0,
      change: { difference: 0, relative: null },
    });

    // Led to investigation: 2024 10 of 30 decided (33 %), 2025 22 of 40 (55 %): +22 points.
    expect(f.investigationShare.previous).toBeCloseTo(10 / 30);
    expect(f.investigationShare.current).toBeCloseTo(22 / 40);
    expect(f.investigationShare.change).toEqual({ difference: 55 - 33, relative: null });
    // Schools only: 10 of 20 (50 %) and 22 of 30 (73 %): +23 points.
    expect(f.investigationShareSchools.current).toBeCloseTo(22 / 30);
    expect(f.investigationShareSchools.change).toEqual({ difference: 73 - 50, relative: null });
    // Protection assessed in time: 25 of 30 (83 %) and 32 of 40 (80 %): −3 points.
    expect(f.protectionInTime.change).toEqual({ difference: 80 - 83, relative: null });
    // Decided within 14 days: all 30 (100 %), then 28 of 40 (70 %): −30 points.
    expect(f.decisionsInTime).toMatchObject({ previous: 1, current: 0.7, change: { difference: -30, relative: null } });
    // Median days: 2024 10 × 4 and 20 × 10 → 10; 2025 10 × 4, 18 × 12, 12 × 20 → 12: +2 days, +20 %.
    expect(f.medianDaysToDecision).toMatchObject({
      kind: "days",
      previous: 10,
      current: 12,
      change: { difference: 2, relative: 0.2 },
    });
    // Child heard: 10 + 10 of 30 (67 %), 24 + 10 of 40 (85 %): +18 points.
    expect(f.childHeard.change).toEqual({ difference: 85 - 67, relative: null });

    // Advice calls: 10, then 3 — hidden, so no change may be given (10 − change would reveal it).
    expect(f.adviceCalls).toMatchObject({ previous: 10, current: null, change: null });
    // Nothing else happened: counts of 0 show as 0, shares of nothing are hidden.
    expect(f.trainingsHeld).toMatchObject({ previous: 0, current: 0 });
    expect(f.feedbackDelivered).toMatchObject({
      previous: null,
      current: null,
      change: null,
      baseline: { value: 0.66 },
    });

    // Largest first: school reports 20 → 30 (10 of the larger 30: 33), decisions in time −30 points, school
    // investigations +23 points, all investigations +22 points, the child heard +18 points. The median (2 of 12
    // days: 17) is sixth; the total (40 → 43) and protection in time (−3 points) moved too little; preschool and
    // advice are hidden in 2025 and never compared.
    expect(report.summary.map((s) => [s.key, s.direction, s.difference])).toEqual([
      ["reportsSchool", "up", 10],
      ["decisionsInTime", "down", -30],
      ["investigationShareSchools", "up", 23],
      ["investigationShare", "up", 22],
      ["childHeard", "up", 18],
    ]);
    expect(report.summary[0]).toMatchObject({ previous: 20, current: 30, relative: 0.5 });
  });

  it("compares with the year before also where that year had few figures: from zero, a difference, no relative change", async () => {
    const { steering } = await fixture();
    // 2024 against 2023: 2023 has 5 school reports on its last day, all opened.
    const report = await yearlyReport(steering, 2024);
    const f = byKey(report.figures);
    expect(f.reportsSchool).toMatchObject({ previous: 5, current: 20, change: { difference: 15, relative: 3 } });
    // 2023: 5 opened of 5 decided: the rest is 0, so the share (100 %) shows.
    expect(f.investigationShare).toMatchObject({ previous: 1, change: { difference: 33 - 100 } });
    // 2023's advice calls: 0, not hidden; 2024: 10: from zero there is a difference but no relative change.
    expect(f.adviceCalls.change).toEqual({ difference: 10, relative: null });
    // A change from zero is a change (issue 23, item 3): listed, with both numbers and no per cent.
    expect(report.summary.find((s) => s.key === "adviceCalls")).toMatchObject({
      direction: "up",
      previous: 0,
      current: 10,
      difference: 10,
      relative: null,
    });
  });

  it("is for the steering group: staff get 403; the loader returns the figures and logs the read", async () => {
    const { world } = await fixture();
    const staff = await callRoute(reportRoute.loader, {
      path: "/stats/report?year=2025",
      cookie: await sessionCookieFor(world.user.staff),
    });
    expect(staff.status).toBe(403);

    const steering = await callRoute(reportRoute.loader, {
      path: "/stats/report?year=2025",
      cookie: await sessionCookieFor(world.user.steering),
    });
    expect(steering.status).toBe(200);
    const data = steering.data as Awaited<ReturnType<typeof reportRoute.loader>>;
    expect(data).toMatchObject({ year: 2025, previousYear: 2024, municipalityName: "Teststad" });
    expect(byKey(data.figures).reportsSchool).toMatchObject({ previous: 20, current: 30 });
    expect(byKey(data.figures).adviceCalls).toMatchObject({ current: null, change: null });
    expect(data.summary[0]).toMatchObject({ key: "reportsSchool", difference: 10, relative: 0.5 });

    const logged = await getDb()
      .select({ action: auditEvents.action, recordType: auditEvents.recordType, details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.userId, world.user.steering.id), eq(auditEvents.recordType, "stats")));
    expect(logged).toEqual([
      {
        action: "list",
        recordType: "stats",
        details: { report: "yearly", year: 2025, from: "2024-01-01", to: "2025-12-31" },
      },
    ]);
  });

  it("defaults to the last finished year when the year is missing or unreadable", async () => {
    const world = await createWorld();
    const cookie = await sessionCookieFor(world.user.steering);
    const lastYear = Number(stockholmDate(new Date()).slice(0, 4)) - 1;
    for (const path of [
      "/stats/report",
      "/stats/report?year=25",
      "/stats/report?year=abcd",
      "/stats/report?year=9999",
    ]) {
      const result = await callRoute(reportRoute.loader, { path, cookie });
      expect(result.status, path).toBe(200);
      expect((result.data as { year: number }).year, path).toBe(lastYear);
    }
  });
});
