import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import {
  basicFeedback,
  meetingInvitations,
  meetings,
  reports as reportsTable,
  trainingRegistrations,
  units,
} from "#db/schema";
import { eq } from "drizzle-orm";
import { stockholmInstant } from "~/domain/deadlines";
import { followUpStats, poissonCdf, reportStats, statsOverview } from "~/models/stats.server";
import { addCalendarDays, stockholmDate } from "~/domain/deadlines";
import { getCurrentUser } from "~/models/user.server";
import * as csvRoute from "~/routes/stats[.csv]";
import { createConsultation, createUnit, createUser, createWorld, sessionCookieFor, testContext } from "../factories";
import { callRoute } from "../routes";
import { DAY, report, reportingDutyTraining, times } from "../stats-fixtures";

/**
 * January 2025: 6 school reports (4 opened, 2 not), 2 preschool (undecided), 7 by the police (not opened, decided in
 * 4 days). February: 8 school (6 opened, 2 not), 5 preschool (undecided). March and another municipality: outside.
 */
async function fixture() {
  const world = await createWorld();
  const m = world.municipality.id;
  const school = world.unit.school.id;
  const preschool = world.unit.preschool.id;
  await times(6, (i) =>
    report(m, {
      on: "2025-01-15",
      unitId: school,
      decision: i < 4 ? "opened" : "not_opened",
      assessedLate: i < 3,
      heard: i !== 0,
    }),
  );
  await times(2, () => report(m, { on: "2025-01-20", unitId: preschool }));
  await times(7, (i) =>
    report(m, {
      on: "2025-01-31",
      unitId: null,
      channel: "police",
      decision: "not_opened",
      decidedAfterDays: 4,
      assessedLate: i < 3,
      heard: i > 3,
    }),
  );
  await times(8, (i) =>
    report(m, {
      on: "2025-02-03",
      unitId: school,
      decision: i < 6 ? "opened" : "not_opened",
      decidedAfterDays: i < 5 ? 20 : 10,
      heard: true,
    }),
  );
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
    // Per source. Schools: 10 opened of 14 (rest 4: hidden); assessed late 3 of 14 (hidden); decided late 5 of 14, so
    // 9 of 14 in time; days 9 × 10 and 5 × 20: median 10; not heard 1 of 14 (hidden).
    const [preschool, school, studentHealth, other] = stats.perSource;
    expect(school).toEqual({
      source: "school",
      investigationShare: null,
      protectionInTime: null,
      decisionsInTime: 9 / 14,
      medianDaysToDecision: 10,
      childHeard: null,
    });
    // The police: none of 7 opened (0 % shows), 4 of 7 assessed in time (hidden), all decided in 4 days, 3 of 7 heard (hidden).
    expect(other).toEqual({
      source: "other_channel",
      investigationShare: 0,
      protectionInTime: null,
      decisionsInTime: 1,
      medianDaysToDecision: 4,
      childHeard: null,
    });
    // Preschool reports are undecided and student health sent none: nothing to show, not zeros.
    for (const empty of [preschool, studentHealth])
      expect([
        empty.investigationShare,
        empty.protectionInTime,
        empty.decisionsInTime,
        empty.medianDaysToDecision,
        empty.childHeard,
      ]).toEqual([null, null, null, null, null]);
  });

  it("downloads the same suppressed figures as CSV, for the steering group only", async () => {
    const { world } = await fixture();
    await createUnit(world.municipality.id, "school");
    const path = "/stats.csv?period=custom&from=2025-01-01&to=2025-02-28";
    const request = new Request(`http://localhost${path}`, {
      headers: { Cookie: await sessionCookieFor(world.user.steering) },
    });
    const response = (await csvRoute.loader({ request, params: {}, context: testContext() })) as Response;
    const lines = (await response.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    expect(lines[0]).toBe("figure,month,group,value");
    // Hidden counts carry one mark whatever hides them (the 2, but also the 5 and 8 hidden to protect it).
    expect(lines).toContain("reports,2025-01,preschool,dold");
    expect(lines).toContain("reports,2025-02,preschool,dold");
    expect(lines).toContain("reports,2025-02,school,dold");
    expect(lines.join("\n")).not.toContain("< 5");
    expect(lines).toContain("reports,2025-01,other_channel,7");
    expect(lines).toContain("reports,period,total,28");
    // A share of too few has its own mark, not a count's.
    expect(lines).toContain("investigation_share_percent,period,school,för få");
    // Per unit: the school kind's total matches the school column above.
    expect(lines).toContain("unit_reports,period,unit_kind:school,14");
    expect(lines).toContain(`unit_reports,period,unit:${world.unit.school.name},14`);
    expect((await callRoute(csvRoute.loader, { path, cookie: await sessionCookieFor(world.user.staff) })).status).toBe(
      403,
    );
  });
});

describe("follow-up statistics", () => {
  it("counts advice, feedback on time and trainings by hand-checked figures, suppressed", async () => {
    const world = await createWorld();
    const m = world.municipality.id;
    const school = world.unit.school.id;
    // Advice: 10 calls in January, 7 in February 2025 from the school; 5 of them later quoted by a report.
    const calls: string[] = [];
    await times(10, async () =>
      calls.push(
        (
          await createConsultation(world.user.reception_worker, {
            occurredAt: stockholmInstant("2025-01-10", "09:00"),
            callerUnitId: school,
          })
        ).id,
      ),
    );
    await times(7, async () =>
      calls.push(
        (
          await createConsultation(world.user.reception_worker, {
            occurredAt: stockholmInstant("2025-02-10", "09:00"),
            callerUnitId: school,
            advice: "report_now",
          })
        ).id,
      ),
    );
    await times(5, (i) => report(m, { on: "2025-02-11", unitId: school, adviceConsultationId: calls[i] }));
    // Basic feedback after 20 decisions in January: 15 given, 12 of them within the response time.
    await times(20, async (i) => {
      const decided = await report(m, { on: "2025-01-05", unitId: school, decision: "opened" });
      await getDb()
        .insert(basicFeedback)
        .values({
          municipalityId: m,
          reportId: decided.id,
          stage: "decided",
          recipientId: null,
          dueAt: new Date(decided.decidedAt!.getTime() + 4 * DAY),
          deliveredAt:
            i < 12
              ? new Date(decided.decidedAt!.getTime() + DAY)
              : i < 15
                ? new Date(decided.decidedAt!.getTime() + 6 * DAY)
                : null,
        });
    });
    // One training held in January with six who came and one who did not.
    const coordinator = (await getCurrentUser(world.user.coordinator.id, m))!;
    const startsAt = stockholmInstant("2025-01-20", "14:00");
    const training = await reportingDutyTraining(coordinator, startsAt);
    await times(7, async (i) => {
      const person = await createUser({ municipalityId: m, unitId: school, role: "staff" });
      await getDb()
        .insert(trainingRegistrations)
        .values({
          municipalityId: m,
          trainingId: training.id,
          userId: person.id,
          status: "registered",
          attended: i < 6,
        });
    });

    const steering = (await getCurrentUser(world.user.steering.id, m))!;
    const stats = await followUpStats(steering, { from: "2025-01-01", to: "2025-02-28" });
    expect(stats.advice.perMonth).toEqual({ parts: [10, 7], total: 17 });
    expect(stats.advice.followedByReport).toBeCloseTo(5 / 17);
    // By advice: 10 "report after observing", 7 "report now", the other kinds 0.
    expect(stats.advice.byAdvice.parts[stats.advice.byAdvice.advice.indexOf("report_now")]).toBe(7);
    expect(stats.advice.byUnitKind.parts[stats.advice.byUnitKind.kinds.indexOf("school")]).toBe(17);
    expect(stats.feedback.decidedDue).toBe(20);
    expect(stats.feedback.delivered).toBeCloseTo(15 / 20);
    expect(stats.feedback.onTime).toBeCloseTo(12 / 20);
    // One training is hidden (too few); six participants show.
    expect(stats.trainings).toEqual({ held: null, participants: 6 });
    // Nothing of this period in the other figures: zeros show as zeros, not as hidden.
    expect(stats.meetings.offered).toBe(0);
    expect(stats.feedback.extendedSent).toBe(0);
  });
});

describe("report meetings", () => {
  it("counts reports with a meeting offered, held, and the reporter attending, by hand", async () => {
    const world = await createWorld();
    const m = world.municipality.id;
    // 15 reports in March 2025 by the teacher. Reports 0–9: a meeting held, the teacher there at 0–4 (report 0 has a
    // second held meeting without them: still one report). 10–11: only a cancelled meeting. 12: a scheduled meeting
    // beside a cancelled one. 13–14: none.
    await times(15, async (i) => {
      const row = await report(m, { on: "2025-03-10", unitId: world.unit.school.id });
      await getDb().update(reportsTable).set({ reporterId: world.user.staff.id }).where(eq(reportsTable.id, row.id));
      const meeting = async (status: "held" | "cancelled" | "scheduled", attended: boolean | null) => {
        const [made] = await getDb()
          .insert(meetings)
          .values({
            municipalityId: m,
            reportId: row.id,
            startsAt: stockholmInstant("2025-03-20", "10:00"),
            durationMinutes: 45,
            form: "in_person",
            status,
            uid: `stats-${row.id}-${Math.random()}`,
            organizerId: world.user.reception_worker.id,
          })
          .returning();
        await getDb().insert(meetingInvitations).values({
          municipalityId: m,
          meetingId: made.id,
          inviteeId: world.user.staff.id,
          answer: "accepted",
          attended,
        });
      };
      if (i < 10) await meeting("held", i < 5);
      if (i === 0) await meeting("held", false);
      if (i >= 10 && i <= 12) await meeting("cancelled", null);
      if (i === 12) await meeting("scheduled", null);
    });
    const steering = (await getCurrentUser(world.user.steering.id, m))!;
    const stats = await followUpStats(steering, { from: "2025-03-01", to: "2025-03-31" });
    // Offered: the 10 held and the 1 scheduled; the reporter attended 5 of the 10 held.
    expect(stats.meetings.offered).toBe(11);
    expect(stats.meetings.concernAttended).toBe(0.5);
  });
});

describe("figures per unit", () => {
  it("counts reports and advice per unit with each kind's total, hides a lone small unit's neighbour, and measures coverage", async () => {
    const world = await createWorld();
    const m = world.municipality.id;
    const a = world.unit.school.id;
    const b = (await createUnit(m, "school", "B-skolan")).id;
    const c = (await createUnit(m, "school", "C-skolan")).id;
    await createUnit(m, "preschool", "Förskolan Två");
    await createUnit(m, "preschool", "Förskolan Tre");
    const inactive = await createUnit(m, "school", "Nedlagda skolan");
    await getDb().update(units).set({ active: false }).where(eq(units.id, inactive.id));
    await times(6, () => report(m, { on: "2025-03-03", unitId: a }));
    await times(7, () => report(m, { on: "2025-03-04", unitId: b }));
    await times(2, () => report(m, { on: "2025-03-05", unitId: c }));
    await times(3, () => report(m, { on: "2025-03-06", unitId: world.unit.preschool.id }));
    await times(4, () => report(m, { on: "2025-03-06", unitId: inactive.id }));
    await report(m, { on: "2025-05-01", unitId: a });
    await times(5, () =>
      createConsultation(world.user.reception_worker, {
        occurredAt: stockholmInstant("2025-03-10", "09:00"),
        callerUnitId: a,
      }),
    );
    // A's teacher attended a reporting-duty training two months before "now"; nobody elsewhere did.
    const now = stockholmInstant("2025-04-01", "12:00");
    const coordinator = (await getCurrentUser(world.user.coordinator.id, m))!;
    const startsAt = stockholmInstant("2025-02-01", "14:00");
    const training = await reportingDutyTraining(coordinator, startsAt);
    await getDb().insert(trainingRegistrations).values({
      municipalityId: m,
      trainingId: training.id,
      userId: world.user.staff.id,
      status: "registered",
      attended: true,
    });

    const steering = (await getCurrentUser(world.user.steering.id, m))!;
    const { perUnit: stats, reports } = await statsOverview(steering, { from: "2025-03-01", to: "2025-03-31" }, now);
    const schools = stats.kinds.find((k) => k.kind === "school")!;
    const byId = (id: string) => schools.units.find((u) => u.id === id)!;
    // True counts A 6, B 7, C 2 and the closed school 4 (total 19, listed: it has reports in the period, else the
    // kind's total would differ from the school column by its 4). C and the closed school are hidden, two together.
    expect([byId(a).reports, byId(b).reports, byId(c).reports, byId(inactive.id).reports]).toEqual([6, 7, null, null]);
    expect(byId(inactive.id)).toMatchObject({ active: false, trained: null });
    // Reports by source in March: preschool 3, school 19 (total 22). The 3 is hidden, so the 19 beside it, and both
    // column totals with them; the units' table shows the school total as that same hidden column total.
    expect(reports.bySource.cells).toEqual([[null, null, 0, 0]]);
    expect(reports.bySource.colTotals).toEqual([null, null, 0, 0]);
    expect(reports.bySource.total).toBe(22);
    expect(schools.reports).toBeNull();
    expect([byId(a).calls, byId(b).calls, byId(c).calls, schools.calls]).toEqual([5, 0, 0, 5]);
    expect([byId(a).trained, byId(b).trained, byId(c).trained]).toEqual([true, false, false]);
    // Preschools: one unit with 3 reports, two with none: the 3 and the total 3 are both hidden.
    const preschools = stats.kinds.find((k) => k.kind === "preschool")!;
    expect(preschools.reports).toBeNull();
    expect(preschools.units.map((u) => u.reports).sort()).toEqual([0, 0, null]);
    // Coverage counts open units only: 1 of 3 schools and 0 of 3 preschools; kinds under 5 units show no share.
    expect(schools.coverage).toEqual({ units: 3, trained: 1, share: null });
    expect(stats.coverage).toEqual({ units: 6, trained: 1, share: 1 / 6 });
    // The same training a year later no longer counts.
    const later = await statsOverview(
      steering,
      { from: "2025-03-01", to: "2025-03-31" },
      stockholmInstant("2026-03-01", "12:00"),
    );
    expect(later.perUnit.coverage.trained).toBe(0);
  });

  it("hides a unit when the units' total would give away a figure another table hides", async () => {
    const world = await createWorld();
    const m = world.municipality.id;
    const b = (await createUnit(m, "school", "B-skolan")).id;
    // March: the school sends 6, B-skolan 7 (13 from schools), the preschool 3. Reports by source: [3, 13, 0, 0], 16.
    await times(6, () => report(m, { on: "2025-03-03", unitId: world.unit.school.id }));
    await times(7, () => report(m, { on: "2025-03-04", unitId: b }));
    await times(3, () => report(m, { on: "2025-03-05", unitId: world.unit.preschool.id }));
    const steering = (await getCurrentUser(world.user.steering.id, m))!;
    const period = { from: "2025-03-01", to: "2025-03-31" };

    // On its own, the source table hides the 3, the 13 beside it and both column totals: 16 shows.
    const alone = await reportStats(steering, period);
    expect([alone.bySource.cells, alone.bySource.colTotals, alone.bySource.total]).toEqual([
      [[null, null, 0, 0]],
      [null, null, 0, 0],
      16,
    ]);
    // On its own, the units' table would show 6, 7 and their total 13 — and 16 − 13 is the hidden preschool 3.
    const together = await statsOverview(steering, period);
    const schools = together.perUnit.kinds.find((k) => k.kind === "school")!;
    // Together, the school total is the hidden column total, and the smaller unit goes so that it cannot be summed up.
    expect(schools.reports).toBeNull();
    expect(schools.units.map((u) => u.reports)).toEqual([7, null]);
    expect(together.reports.bySource.total).toBe(16);
  });
});

describe("the radar", () => {
  it("computes the Poisson tail it tests against", () => {
    expect(poissonCdf(0, 2)).toBeCloseTo(Math.exp(-2));
    expect(poissonCdf(2, 2)).toBeCloseTo(Math.exp(-2) * (1 + 2 + 2));
    expect(poissonCdf(50, 3)).toBeCloseTo(1);
  });

  it("lists the school that clearly under-reports, the silent units and the check-in candidates", async () => {
    const world = await createWorld();
    const m = world.municipality.id;
    const recent = addCalendarDays(stockholmDate(new Date()), -30);
    const school = async (name: string, reportsMade: number, supplemented = 0) => {
      const unit = await createUnit(m, "school", name);
      await getDb().update(units).set({ enrolledChildren: 1000 }).where(eq(units.id, unit.id));
      await times(reportsMade, (i) => report(m, { on: recent, unitId: unit.id, neededSupplement: i < supplemented }));
      return unit.id;
    };
    const typical = [await school("Skola A", 20), await school("Skola B", 20)];
    const quiet = await school("Skola C", 2);
    const busy = await school("Skola D", 40);
    const supplemented = await school("Skola E", 25, 9);
    // The world's own school (200 children) and preschool have neither reports nor calls.
    const steering = (await getCurrentUser(world.user.steering.id, m))!;
    const { underReporting, checkIn } = (await statsOverview(steering, { from: recent, to: recent })).radar;
    const ids = (list: { id: string }[]) => list.map((u) => u.id).sort();
    // Rate for schools: 107 reports / 5 200 children. Expected for 1 000 children ≈ 20.6: C (2) is far below.
    expect(ids(underReporting)).toEqual([quiet, world.unit.school.id, world.unit.preschool.id].sort());
    expect(underReporting.find((u) => u.id === world.unit.preschool.id)).toMatchObject({ silent: true });
    // D (40) is far above; E has 9 of 25 needing supplementing (more than a third).
    expect(ids(checkIn)).toEqual([busy, supplemented].sort());
    expect(checkIn.find((u) => u.id === supplemented)).toMatchObject({
      manySupplemented: true,
      supplementShare: 9 / 25,
    });
    // C's two reports are too few to show, and so is its rate.
    expect(underReporting.find((u) => u.id === quiet)).toMatchObject({ reports: null, perHundred: null });
    expect(ids(underReporting).concat(ids(checkIn))).not.toContain(typical[0]);
  });
});
