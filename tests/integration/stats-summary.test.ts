import { randomUUID } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import {
  adviceConsultations,
  basicFeedback,
  concernKinds,
  consents,
  decisionReviews,
  extendedFeedback,
  meetingInvitations,
  meetings,
  reports,
  statsActivityMonths,
  memberships,
  statsChanges,
  statsReportMonths,
  statsTrainedMonths,
  statsUnitMonths,
  trainingRegistrations,
  trainings,
  units,
  users,
} from "#db/schema";
import { stockholmInstant } from "~/domain/deadlines";
import { adviceGiven } from "~/domain/vocabulary";
import { concernKindsOf, setReportKinds } from "~/models/concern-kinds.server";
import { monthsBefore } from "~/models/coverage.server";
import { linkReports } from "~/models/earlier-reports.server";
import {
  approveDecision,
  recordChildHeard,
  recordDecision,
  recordProtectionAssessment,
  returnDecision,
} from "~/models/report.server";
import { followUpStats, reportStats } from "~/models/stats.server";
import {
  activityMonths,
  readParts,
  rebuildMonth,
  rebuildStatsSummaries,
  reportMonths,
  type ReportMonth,
  trainedUnits,
  unitTotals,
  windowOf,
} from "~/models/stats-summary.server";
import { getCurrentUser } from "~/models/user.server";
import { createReport, createWorld, decisionInput } from "../factories";
import { asOwner } from "../owner";

/**
 * Issue 23, item 7: /stats reads whole past months from summaries, and the figures stay exact — the same as counted
 * from the reports — whatever happens between two rebuilds: a report, a decision, a late report for an old month, a
 * kind of concern set or made violent, a link by hand, a unit that changes kind. Runs on PGlite and, with
 * TEST_DATABASE_URL, on PostgreSQL, where the rebuild and the writers really overlap.
 */

const PERIOD = { from: "2025-01-01", to: "2025-03-31" };
/** When the months of PERIOD are over: they may be read from summaries. */
const NOW = new Date("2025-06-02T10:00:00Z");
/** Before the period: nothing is summarisable, every figure is counted from the reports. */
const BEFORE = new Date("2024-01-01T00:00:00Z");
const NUMBERS = ["20121212-1212", "20100101-0105", "20170409-2383"];
/** A month (January to April) and a day in it. */
const DAY = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 28 }));

const sorted = (rows: ReportMonth[]) =>
  rows
    .map((r) => ({ ...r, decisionDays: [...r.decisionDays].sort((a, b) => a - b) }))
    .sort((a, b) => `${a.month}${a.source}`.localeCompare(`${b.month}${b.source}`));

async function setup(name: string) {
  const world = await createWorld(name);
  const worker = (await getCurrentUser(world.user.reception_worker.id, world.municipality.id))!;
  const steering = (await getCurrentUser(world.user.steering.id, world.municipality.id))!;
  const lead = (await getCurrentUser(world.user.reception_lead.id, world.municipality.id))!;
  const kinds = await concernKindsOf(worker);
  const kind = (code: string) => kinds.find((k) => k.code === code)!;
  /** The summary path and the rows themselves give the same rows, and the same page. */
  async function exact() {
    const m = world.municipality.id;
    expect(sorted(await reportMonths(m, PERIOD, NOW))).toEqual(sorted(await reportMonths(m, PERIOD, BEFORE)));
    expect(await reportStats(steering, PERIOD, NOW)).toEqual(await reportStats(steering, PERIOD, BEFORE));
    expect(await followUpStats(steering, PERIOD, NOW)).toEqual(await followUpStats(steering, PERIOD, BEFORE));
    expect(await activityMonths(m, PERIOD, NOW)).toEqual(await activityMonths(m, PERIOD, BEFORE));
    // Per unit, over the period and over a window with ragged ends (the radar's last 365 days are one).
    for (const window of [PERIOD, { from: "2025-01-17", to: "2025-04-09" }])
      expect(await unitTotals(m, window, NOW)).toEqual(await unitTotals(m, window, BEFORE));
    // The units with trained staff, over the 12 months before NOW (as /stats) and over a ragged window.
    const since = monthsBefore(NOW, 12);
    const ragged = [stockholmInstant("2025-01-17", "05:00"), stockholmInstant("2025-04-09", "12:00")] as const;
    for (const [from, to] of [[since, NOW], ragged])
      expect(await trainedUnits(m, from, to, NOW)).toEqual(await trainedUnits(m, from, to, BEFORE));
  }
  return { world, worker, steering, lead, kind, exact };
}

const summaryRows = (municipalityId: string) =>
  getDb().select().from(statsReportMonths).where(eq(statsReportMonths.municipalityId, municipalityId));
const activityRows = (municipalityId: string) =>
  getDb().select().from(statsActivityMonths).where(eq(statsActivityMonths.municipalityId, municipalityId));
const unitRows = (municipalityId: string) =>
  getDb().select().from(statsUnitMonths).where(eq(statsUnitMonths.municipalityId, municipalityId));
const pastChanges = (municipalityId: string) =>
  getDb()
    .select()
    .from(statsChanges)
    .where(and(eq(statsChanges.municipalityId, municipalityId), lt(statsChanges.month, "2025-06")));

/**
 * The municipality's changed past months rebuilt, as the job's rounds would. On PostgreSQL the test files share one
 * database, and a round of the job takes a slice of everyone's changed months: the other files' may come first.
 */
async function rebuiltFor(municipalityId: string) {
  const months = new Set((await pastChanges(municipalityId)).map((c) => c.month));
  for (const month of months) expect(await rebuildMonth(municipalityId, month)).toBe(true);
  expect(await pastChanges(municipalityId)).toEqual([]);
}

describe("the report summaries", () => {
  it("are built for past months, used while nothing changes, and passed over for a month that changed", async () => {
    const { world, worker, steering, exact } = await setup("Summastad");
    const m = world.municipality.id;
    const jan = await createReport(world.user.staff, world.unit.school.id, {}, stockholmInstant("2025-01-10", "09:00"));
    await createReport(world.user.staff, world.unit.preschool.id, {}, stockholmInstant("2025-02-10", "09:00"));
    // Recorded as changed, so counted from the rows until the job has run.
    expect((await pastChanges(m)).map((c) => c.month).sort()).toEqual(["2025-01", "2025-02"]);
    await exact();

    await rebuiltFor(m);
    expect(await pastChanges(m)).toEqual([]);
    expect((await summaryRows(m)).map((r) => [r.month, r.source, r.n]).sort()).toEqual([
      ["2025-01", "school", 1],
      ["2025-02", "preschool", 1],
    ]);
    await exact();

    // The summary is what is read: changed behind the triggers' back (as no code path can), the page follows it.
    await getDb().update(statsReportMonths).set({ n: 7 }).where(eq(statsReportMonths.municipalityId, m));
    expect((await reportStats(steering, PERIOD, NOW)).bySource.total).toBe(14);
    await getDb().update(statsReportMonths).set({ n: 1 }).where(eq(statsReportMonths.municipalityId, m));

    // A decision on January's report marks January: it is counted from the rows at once, before any rebuild.
    await recordProtectionAssessment(worker, jan.id, "no_immediate_need", stockholmInstant("2025-01-10", "12:00"));
    await recordChildHeard(worker, jan.id, true, "");
    await recordDecision(worker, jan.id, decisionInput("opened"), stockholmInstant("2025-01-12", "12:00"));
    expect((await pastChanges(m)).map((c) => c.month)).toContain("2025-01");
    await exact();
    await rebuiltFor(m);
    await exact();
    const [january] = (await summaryRows(m)).filter((r) => r.month === "2025-01");
    expect(january).toMatchObject({ n: 1, decided: 1, opened: 1 });
  });

  it("follow a child's number that changes on a report linked by hand to another month's report", async () => {
    const { world, worker, exact } = await setup("Länkstad");
    const m = world.municipality.id;
    const on = (day: string) => stockholmInstant(day, "10:00");
    const january = await createReport(
      world.user.staff,
      world.unit.school.id,
      { childPersonalNumber: NUMBERS[0] },
      on("2025-01-10"),
    );
    const february = await createReport(world.user.staff, world.unit.school.id, {}, on("2025-02-10"));
    const march = await createReport(
      world.user.staff,
      world.unit.school.id,
      { childPersonalNumber: NUMBERS[1] },
      on("2025-03-10"),
    );
    // February's child is March's, by hand: February is not known before (March is later, January another child).
    expect(await linkReports(worker, february.id, march.reference)).toBe("linked");
    await rebuiltFor(m);
    await exact();
    // March's number corrected to January's: now February's child was known before, in January.
    await getDb()
      .update(reports)
      .set({ childNumberHash: sql`(select r.child_number_hash from reports r where r.id = ${january.id})` })
      .where(eq(reports.id, march.id));
    await exact();
  });

  it("follow the follow-up's own dates: a call quoted later, feedback delivered, a decision date corrected", async () => {
    const { world, worker, exact } = await setup("Uppföljningsstad");
    const m = world.municipality.id;
    const on = (day: string) => stockholmInstant(day, "10:00");
    const [call, later] = await getDb()
      .insert(adviceConsultations)
      .values(
        ["2025-01-12", "2025-01-20"].map((day) => ({
          municipalityId: m,
          code: `R-${randomUUID().slice(0, 6).toUpperCase()}`,
          authorId: worker.id,
          occurredAt: on(day),
          durationMinutes: 10,
          channel: "phone" as const,
          callerUnitId: world.unit.preschool.id,
          callerRole: "preschool_teacher" as const,
          summary: "Avidentifierad fråga.",
          advice: adviceGiven[0],
        })),
      )
      .returning();
    const january = await createReport(world.user.staff, world.unit.school.id, {}, on("2025-01-10"));
    await rebuiltFor(m);
    await exact();

    // A report in March quotes January's call: January's "followed by a report" moves.
    await createReport(world.user.staff, world.unit.school.id, { adviceCode: call.code }, on("2025-03-05"));
    await exact();
    expect((await activityMonths(m, PERIOD, NOW)).find((a) => a.month === "2025-01")?.adviceFollowed).toBe(1);
    await rebuiltFor(m);
    // …and so does one that is linked to a call afterwards.
    await getDb().update(reports).set({ adviceConsultationId: later.id }).where(eq(reports.id, january.id));
    await exact();

    // Decided in February: the basic feedback is February's.
    await recordProtectionAssessment(worker, january.id, "no_immediate_need", on("2025-01-10"));
    await recordChildHeard(worker, january.id, true, "");
    await recordDecision(worker, january.id, decisionInput("opened"), on("2025-02-03"));
    await rebuiltFor(m);
    await exact();
    const february = (await activityRows(m)).find((r) => r.month === "2025-02");
    expect(february?.basicDue).toBeGreaterThan(0);
    await getDb()
      .update(basicFeedback)
      .set({ deliveredAt: on("2025-03-30") })
      .where(eq(basicFeedback.reportId, january.id));
    await exact();
    await rebuiltFor(m);

    // The decision date corrected to March: February loses the feedback, March gains it.
    await getDb()
      .update(reports)
      .set({ decidedAt: on("2025-03-02") })
      .where(eq(reports.id, january.id));
    await exact();
    await rebuiltFor(m);

    // The calling preschool becomes a school: its calls move between the kinds.
    await getDb().update(units).set({ kind: "school" }).where(eq(units.id, world.unit.preschool.id));
    await exact();
  });

  it("are read by a statement built once, each request's values filled in as parameters only", async () => {
    const first = await setup("Förstastad");
    const second = await setup("Andrastad");
    const on = (day: string) => stockholmInstant(day, "10:00");
    for (const day of ["2025-01-10", "2025-02-10"])
      await createReport(first.world.user.staff, first.world.unit.school.id, {}, on(day));
    await createReport(second.world.user.staff, second.world.unit.school.id, {}, on("2025-01-20"));
    const total = async (m: string) => (await reportMonths(m, PERIOD, NOW)).reduce((n, r) => n + r.n, 0);
    // One after the other through the same kept statement: each municipality its own reports only.
    expect(await total(first.world.municipality.id)).toBe(2);
    expect(await total(second.world.municipality.id)).toBe(1);
    expect(await total(first.world.municipality.id)).toBe(2);
    // A value written into a statement would be kept for the next request: refused before it runs.
    const leaky = () => ({
      windows: [windowOf()],
      parts: { x: { query: sql`select ${first.world.municipality.id}::uuid as x` } },
    });
    await expect(readParts("a value written in", leaky, {})).rejects.toThrow(/placeholder/);
  });

  it("mark a month once per transaction however many of its rows change (a backfill in bulk)", async () => {
    const { world, worker, exact } = await setup("Importstad");
    const m = world.municipality.id;
    // Last year's paper log of advice calls, imported in one transaction: 40 calls in January, 10 in February.
    await getDb().transaction(async (tx) => {
      for (let i = 0; i < 50; i++)
        await tx.insert(adviceConsultations).values({
          municipalityId: m,
          code: `R-IMP${String(i).padStart(3, "0")}`,
          authorId: worker.id,
          occurredAt: stockholmInstant(i < 40 ? "2025-01-15" : "2025-02-15", "10:00"),
          durationMinutes: 10,
          channel: "phone",
          callerRole: "teacher",
          summary: "Avidentifierad fråga.",
          advice: adviceGiven[0],
        });
    });
    expect((await pastChanges(m)).map((c) => c.month).sort()).toEqual(["2025-01", "2025-02"]);
    await exact();
    // Another transaction marks January again: it may have changed since the first was seen.
    await getDb()
      .update(adviceConsultations)
      .set({ durationMinutes: 12 })
      .where(eq(adviceConsultations.code, "R-IMP000"));
    expect((await pastChanges(m)).filter((c) => c.month === "2025-01")).toHaveLength(2);
    await rebuiltFor(m);
    await exact();
  });

  it("stay exact when rebuilds and changes overlap, as on several servers at once", async () => {
    const { world, worker, exact } = await setup("Samtidighetsstad");
    const made: { id: string; at: Date }[] = [];
    for (let i = 0; i < 24; i++) {
      const at = stockholmInstant(`2025-0${1 + (i % 3)}-${String(1 + i).padStart(2, "0")}`, "10:00");
      made.push({ ...(await createReport(world.user.staff, world.unit.school.id, {}, at)), at });
    }
    await rebuiltFor(world.municipality.id);
    const decide = async (r: (typeof made)[number]) => {
      await recordProtectionAssessment(worker, r.id, "no_immediate_need", r.at);
      await recordChildHeard(worker, r.id, true, "");
      await recordDecision(worker, r.id, decisionInput("opened"), new Date(r.at.getTime() + 86_400_000));
    };
    const rebuilds = async () => {
      for (let i = 0; i < 12; i++) await rebuildStatsSummaries(NOW);
    };
    // Two servers' rounds and two workers deciding, interleaved.
    await Promise.all([
      rebuilds(),
      rebuilds(),
      (async () => {
        for (const r of made.filter((_, i) => i % 2 === 0)) await decide(r);
      })(),
      (async () => {
        for (const r of made.filter((_, i) => i % 2 === 1)) await decide(r);
      })(),
    ]);
    // No rebuild after the last change: whatever a round missed is still recorded as changed.
    await exact();
    await rebuiltFor(world.municipality.id);
    await exact();
    const rows = await summaryRows(world.municipality.id);
    expect(rows.reduce((sum, r) => sum + r.decided, 0)).toBe(24);
  });

  it.skipIf(process.env.TEST_DB !== "postgres")(
    "keep a change committed while a month is being rebuilt (PostgreSQL: a slow rebuild, a decision meanwhile)",
    async () => {
      const { world, worker, exact } = await setup("Långsamstad");
      const at = stockholmInstant("2025-01-15", "10:00");
      const [first, second] = [
        await createReport(world.user.staff, world.unit.school.id, {}, at),
        await createReport(world.user.staff, world.unit.school.id, {}, at),
      ];
      await rebuiltFor(world.municipality.id);
      const decide = async (id: string) => {
        await recordProtectionAssessment(worker, id, "no_immediate_need", at);
        await recordChildHeard(worker, id, true, "");
        await recordDecision(worker, id, decisionInput("opened"), new Date(at.getTime() + 86_400_000));
      };
      await decide(first.id);
      // The rebuild's write takes 400 ms: the second decision commits while January is being rebuilt.
      await asOwner((owner) =>
        owner.db.execute(sql`create function stats_slowly() returns trigger as $$
          begin perform pg_sleep(0.4); return null; end $$ language plpgsql;
          create trigger stats_slowly after insert on stats_report_months
          for each statement execute function stats_slowly()`),
      );
      try {
        const rebuilding = rebuildMonth(world.municipality.id, "2025-01");
        await new Promise((resolve) => setTimeout(resolve, 150));
        await decide(second.id);
        await rebuilding;
      } finally {
        await asOwner((owner) =>
          owner.db.execute(sql`drop trigger stats_slowly on stats_report_months; drop function stats_slowly()`),
        );
      }
      // The round did not see the second decision, and must not have forgotten that January changed.
      expect((await pastChanges(world.municipality.id)).map((c) => c.month)).toContain("2025-01");
      await exact();
      expect((await reportMonths(world.municipality.id, PERIOD, NOW)).reduce((n, r) => n + r.decided, 0)).toBe(2);
    },
  );

  it("stay exact over random changes between rebuilds (property)", async () => {
    const { world, worker, lead, kind, exact } = await setup("Egenskapsstad");
    const m = world.municipality.id;
    const made: { id: string; reference: string; receivedAt: Date }[] = [];
    const calls: string[] = [];
    const held: string[] = [];
    /** A day from January to April: April is after the period, a day in January a correction of a summarised month. */
    const dayOf = ([month, day]: [number, number]) =>
      stockholmInstant(`2025-0${month}-${String(day).padStart(2, "0")}`, "10:00");
    const op = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.record({
          t: fc.constant("submit" as const),
          month: fc.integer({ min: 1, max: 4 }),
          day: fc.integer({ min: 1, max: 28 }),
          preschool: fc.boolean(),
          child: fc.integer({ min: 0, max: 3 }),
        }),
      },
      fc.record({
        t: fc.constant("decide" as const),
        pick: fc.nat(),
        opened: fc.boolean(),
        heard: fc.boolean(),
        // Decided weeks later: often in the next month, which files its basic feedback.
        days: fc.integer({ min: 1, max: 40 }),
      }),
      fc.record({
        t: fc.constant("advice" as const),
        day: DAY,
        caller: fc.constantFrom("preschool" as const, "school" as const, null),
        given: fc.constantFrom(...adviceGiven),
      }),
      fc.record({ t: fc.constant("adviceMoved" as const), pick: fc.nat(), day: DAY }),
      fc.record({ t: fc.constant("quote" as const), pick: fc.nat(), advice: fc.nat() }),
      fc.record({ t: fc.constant("deliver" as const), pick: fc.nat(), late: fc.boolean() }),
      fc.record({ t: fc.constant("extended" as const), pick: fc.nat(), day: DAY }),
      fc.record({
        t: fc.constant("training" as const),
        day: DAY,
        attended: fc.boolean(),
        who: fc.constantFrom("staff" as const, "principal" as const),
      }),
      fc.record({ t: fc.constant("trainingMoved" as const), pick: fc.nat(), day: DAY }),
      fc.record({ t: fc.constant("attendance" as const), pick: fc.nat(), attended: fc.boolean() }),
      fc.record({ t: fc.constant("kinds" as const), pick: fc.nat(), violent: fc.boolean() }),
      fc.record({ t: fc.constant("link" as const), a: fc.nat(), b: fc.nat() }),
      fc.record({ t: fc.constant("secondLook" as const), pick: fc.nat(), approve: fc.boolean() }),
      fc.record({ t: fc.constant("violence" as const), on: fc.boolean() }),
      fc.record({ t: fc.constant("meeting" as const), pick: fc.nat() }),
      fc.record({
        t: fc.constant("meetingStatus" as const),
        pick: fc.nat(),
        status: fc.constantFrom("scheduled" as const, "held" as const, "cancelled" as const),
      }),
      fc.record({ t: fc.constant("attended" as const), pick: fc.nat(), attended: fc.boolean() }),
      fc.record({ t: fc.constant("unitKind" as const) }),
      fc.record({ t: fc.constant("member" as const) }),
      fc.record({ t: fc.constant("active" as const) }),
      fc.record({ t: fc.constant("rebuild" as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(op, fc.boolean()), { minLength: 4, maxLength: 10 }), async (ops) => {
        for (const [o, rebuildFirst] of ops) {
          // Often the month a change moves has just been summarised: the change must be seen all the same.
          if (rebuildFirst) await rebuildStatsSummaries(NOW);
          const pick = (n: number) => made[n % made.length];
          if (o.t === "submit") {
            // April is after the period; a January report made late is a backfill of a summarised month.
            const day = `2025-${String(o.month).padStart(2, "0")}-${String(o.day).padStart(2, "0")}`;
            const unit = o.preschool ? world.unit.preschool.id : world.unit.school.id;
            const number = o.child < NUMBERS.length ? NUMBERS[o.child] : null;
            const at = stockholmInstant(day, "10:00");
            const r = await createReport(world.user.staff, unit, { childPersonalNumber: number }, at);
            made.push({ id: r.id, reference: r.reference, receivedAt: at });
          } else if (o.t === "decide" && made.length) {
            const r = pick(o.pick);
            const at = new Date(r.receivedAt.getTime() + o.days * 86_400_000 + 2 * 3_600_000);
            await recordProtectionAssessment(worker, r.id, "no_immediate_need", r.receivedAt);
            await recordChildHeard(worker, r.id, o.heard, o.heard ? "" : "Barnet var inte i skolan.");
            await recordDecision(worker, r.id, decisionInput(o.opened ? "opened" : "not_opened"), at);
          } else if (o.t === "kinds" && made.length) {
            const wanted = kind(o.violent ? "physical_violence" : "neglect");
            await setReportKinds(worker, pick(o.pick), [wanted.id]);
          } else if (o.t === "link" && made.length > 1) {
            const a = pick(o.a);
            const b = pick(o.b);
            if (a.id !== b.id) await linkReports(worker, a.id, b.reference);
          } else if (o.t === "secondLook" && made.length) {
            // A "not opened" of a child not heard waits for a lead: approved (a second look) or returned.
            const r = pick(o.pick);
            const [waiting] = await getDb()
              .select({ id: decisionReviews.id })
              .from(decisionReviews)
              .where(and(eq(decisionReviews.reportId, r.id), eq(decisionReviews.status, "proposed")));
            if (waiting) {
              const input = { proposalId: waiting.id, comment: "Barnet behöver höras." };
              await (o.approve ? approveDecision : returnDecision)(lead, r.id, input, NOW);
            }
          } else if (o.t === "meeting" && made.length) {
            // A meeting with the reporter invited, as rows: the triggers see them however they are written.
            const r = pick(o.pick);
            const [meeting] = await getDb()
              .insert(meetings)
              .values({
                municipalityId: world.municipality.id,
                reportId: r.id,
                startsAt: new Date(r.receivedAt.getTime() + 5 * 86_400_000),
                durationMinutes: 45,
                form: "in_person",
                uid: randomUUID(),
                organizerId: worker.id,
              })
              .returning();
            await getDb()
              .insert(meetingInvitations)
              .values({ municipalityId: world.municipality.id, meetingId: meeting.id, inviteeId: world.user.staff.id });
          } else if (o.t === "meetingStatus" || o.t === "attended") {
            const all = await getDb()
              .select({ meetingId: meetings.id, invitationId: meetingInvitations.id })
              .from(meetings)
              .innerJoin(meetingInvitations, eq(meetingInvitations.meetingId, meetings.id))
              .where(eq(meetings.municipalityId, world.municipality.id))
              .orderBy(meetings.createdAt, meetings.id);
            const one = all[o.pick % Math.max(all.length, 1)];
            if (one && o.t === "meetingStatus")
              await getDb().update(meetings).set({ status: o.status }).where(eq(meetings.id, one.meetingId));
            if (one && o.t === "attended")
              await getDb()
                .update(meetingInvitations)
                .set({ attended: o.attended })
                .where(eq(meetingInvitations.id, one.invitationId));
          } else if (o.t === "violence") {
            await getDb()
              .update(concernKinds)
              .set({ violence: o.on })
              .where(eq(concernKinds.id, kind("neglect").id));
          } else if (o.t === "unitKind") {
            const [unit] = await getDb().select().from(units).where(eq(units.id, world.unit.preschool.id));
            const next = unit.kind === "preschool" ? "school" : "preschool";
            await getDb().update(units).set({ kind: next }).where(eq(units.id, unit.id));
          } else if (o.t === "advice") {
            const unit = o.caller ? world.unit[o.caller].id : null;
            const [call] = await getDb()
              .insert(adviceConsultations)
              .values({
                municipalityId: m,
                code: `R-${randomUUID().slice(0, 8)}`,
                authorId: worker.id,
                occurredAt: dayOf(o.day),
                durationMinutes: 10,
                channel: "phone",
                callerUnitId: unit,
                callerRole: "teacher",
                summary: "Avidentifierad fråga.",
                advice: o.given,
              })
              .returning();
            calls.push(call.id);
          } else if (o.t === "adviceMoved" && calls.length) {
            const id = calls[o.pick % calls.length];
            await getDb()
              .update(adviceConsultations)
              .set({ occurredAt: dayOf(o.day) })
              .where(eq(adviceConsultations.id, id));
          } else if (o.t === "quote" && made.length && calls.length) {
            const id = calls[o.advice % calls.length];
            await getDb()
              .update(reports)
              .set({ adviceConsultationId: id })
              .where(eq(reports.id, pick(o.pick).id));
          } else if (o.t === "deliver") {
            const due = await getDb()
              .select()
              .from(basicFeedback)
              .where(eq(basicFeedback.municipalityId, m))
              .orderBy(basicFeedback.createdAt, basicFeedback.id);
            const one = due[o.pick % Math.max(due.length, 1)];
            if (one) {
              const deliveredAt = new Date(one.dueAt.getTime() + (o.late ? 1 : -1) * 3_600_000);
              await getDb().update(basicFeedback).set({ deliveredAt }).where(eq(basicFeedback.id, one.id));
            }
          } else if (o.t === "extended" && made.length) {
            const r = pick(o.pick);
            const sentAt = dayOf(o.day);
            const [consent] = await getDb()
              .insert(consents)
              .values({
                municipalityId: m,
                reportId: r.id,
                giver: "guardian",
                givenBy: "Vårdnadshavare",
                form: "written",
                infoKinds: ["outcome_and_support"],
                validFrom: new Date(sentAt.getTime() - 86_400_000),
                validUntil: new Date(sentAt.getTime() + 90 * 86_400_000),
                recordedById: worker.id,
                submissionKey: randomUUID(),
              })
              .returning();
            await getDb().insert(extendedFeedback).values({
              municipalityId: m,
              reportId: r.id,
              recipientId: world.user.staff.id,
              infoKind: "outcome_and_support",
              body: "Utredning inledd.",
              consentId: consent.id,
              sentById: worker.id,
              sentAt,
              submissionKey: randomUUID(),
            });
          } else if (o.t === "training") {
            const startsAt = dayOf(o.day);
            const [training] = await getDb()
              .insert(trainings)
              .values({
                municipalityId: m,
                title: "Anmälningsplikten",
                topic: "reporting_duty",
                audienceRoles: ["staff"],
                audienceUnitKinds: ["school"],
                startsAt,
                durationMinutes: 60,
                capacity: 20,
                registrationDeadline: startsAt,
                status: "published",
                uid: randomUUID(),
                createdById: worker.id,
              })
              .returning();
            await getDb().insert(trainingRegistrations).values({
              municipalityId: m,
              trainingId: training.id,
              userId: world.user[o.who].id,
              status: "registered",
              attended: o.attended,
            });
            held.push(training.id);
          } else if (o.t === "trainingMoved" && held.length) {
            const id = held[o.pick % held.length];
            await getDb()
              .update(trainings)
              .set({ startsAt: dayOf(o.day) })
              .where(eq(trainings.id, id));
          } else if (o.t === "attendance" && held.length) {
            const id = held[o.pick % held.length];
            await getDb()
              .update(trainingRegistrations)
              .set({ attended: o.attended })
              .where(eq(trainingRegistrations.trainingId, id));
          } else if (o.t === "member") {
            // The principal also works in the preschool, or no longer does: its trained staff change with it.
            const principal = world.user.principal.id;
            const preschool = world.unit.preschool.id;
            const there = and(eq(memberships.userId, principal), eq(memberships.unitId, preschool));
            const gone = await getDb().delete(memberships).where(there).returning();
            if (!gone.length)
              await getDb()
                .insert(memberships)
                .values({ municipalityId: m, userId: principal, unitId: preschool, role: "staff" });
          } else if (o.t === "active") {
            const [principal] = await getDb().select().from(users).where(eq(users.id, world.user.principal.id));
            await getDb().update(users).set({ active: !principal.active }).where(eq(users.id, principal.id));
          } else if (o.t === "rebuild") {
            await rebuildStatsSummaries(NOW);
          }
          await exact();
        }
      }),
      { numRuns: 10, seed: 20261206 },
    );
    // The runs did reach the summaries.
    expect((await summaryRows(world.municipality.id)).length).toBeGreaterThan(0);
    expect((await activityRows(m)).length).toBeGreaterThan(0);
    expect((await unitRows(m)).length).toBeGreaterThan(0);
    expect(await getDb().select().from(statsTrainedMonths).where(eq(statsTrainedMonths.municipalityId, m))).not.toEqual(
      [],
    );
    expect(made.length).toBeGreaterThan(5);
  });
});
