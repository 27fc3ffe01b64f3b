import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import {
  adviceConsultations,
  auditEvents,
  memberships,
  reportSupplements,
  reports,
  trainingRegistrations,
  users,
} from "#db/schema";
import { addSupplement, recordDecision, recordProtectionAssessment, recordChildHeard } from "~/models/report.server";
import { createFeedToken, hasFeed } from "~/models/calendar-feed.server";
import { createTraining, publishTraining, registerFor } from "~/models/training.server";
import { deactivateUser, getCurrentUser } from "~/models/user.server";
import { caseStep } from "../case-steps";
import {
  createConsultation,
  createReport,
  createUnit,
  createWorld,
  decideForm,
  decisionInput,
  sessionCookieFor,
} from "../factories";
import { callRoute } from "../routes";
import { asOwner } from "../owner";

/**
 * The audit entry of a change commits with the change: a change whose entry cannot be written does not happen, and
 * an entry is never written for a change that rolled back. Each entry names the request it came from and the unit
 * the user acted in (not simply their first membership).
 */

async function setup() {
  const world = await createWorld();
  const m = world.municipality.id;
  const worker = await getCurrentUser(world.user.reception_worker.id, m);
  const teacher = await getCurrentUser(world.user.staff.id, m);
  if (!worker || !teacher) throw new Error("no users");
  const report = await createReport(teacher, world.unit.school.id);
  await recordProtectionAssessment(worker, report.id, "no_immediate_need");
  await recordChildHeard(worker, report.id, true, "");
  return { world, worker, teacher, report };
}

const auditOf = (recordId: string) =>
  getDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.recordId, recordId), eq(auditEvents.action, "update")));

/** Makes every insert of an audit entry `when` (SQL on the new row) fail, as a full disk or a broken trigger would. */
async function refuseAudit(when: string, work: () => Promise<unknown>) {
  await asOwner(async ({ db }) => {
    await db.execute(
      sql.raw(`create function refuse_audit() returns trigger language plpgsql
        as $$ begin raise exception 'audit refused'; end $$`),
    );
    await db.execute(
      sql.raw(`create trigger refuse_audit before insert on audit_events for each row
        when (${when}) execute function refuse_audit()`),
    );
  });
  try {
    return await work();
  } finally {
    await asOwner(async ({ db }) => {
      await db.execute(sql.raw("drop trigger refuse_audit on audit_events"));
      await db.execute(sql.raw("drop function refuse_audit()"));
    });
  }
}

const refuseAuditOf = (recordId: string, work: () => Promise<unknown>) =>
  refuseAudit(`new.record_id = '${recordId}' and new.action = 'update'`, work);

describe("audit entries commit with their change", () => {
  it("a decision whose audit entry cannot be written is not made", async () => {
    const { worker, report } = await setup();
    await refuseAuditOf(report.id, () =>
      expect(recordDecision(worker, report.id, decisionInput("opened"))).rejects.toThrow(/audit_events/),
    );
    const [row] = await getDb().select().from(reports).where(eq(reports.id, report.id));
    expect(row.decision).toBeNull();
    expect(await recordDecision(worker, report.id, decisionInput("opened"))).toEqual({ ok: true });
    expect((await auditOf(report.id)).map((a) => (a.details as { change: string }).change)).toContain("decided");
  });

  it("a supplement whose audit entry cannot be written is not kept", async () => {
    const { teacher, report } = await setup();
    await refuseAuditOf(report.id, () =>
      expect(addSupplement(teacher, report.id, { text: "Mer om oron." })).rejects.toThrow(/audit_events/),
    );
    expect(await getDb().select().from(reportSupplements).where(eq(reportSupplements.reportId, report.id))).toEqual([]);
  });

  it("an advice consultation whose audit entry cannot be written is not logged", async () => {
    const { world } = await setup();
    const worker = world.user.reception_worker;
    await refuseAudit(`new.record_type = 'advice' and new.user_id = '${worker.id}'`, () =>
      expect(createConsultation(worker)).rejects.toThrow(/audit_events/),
    );
    const logged = await getDb().select().from(adviceConsultations).where(eq(adviceConsultations.authorId, worker.id));
    expect(logged).toEqual([]);
  });

  it("a change made through the page is audited once, with the request's id and the unit it was made in", async () => {
    const { world, report } = await setup();
    const requestId = `test-${crypto.randomUUID()}`;
    const result = await callRoute(caseStep(report.id, "decide").handler, {
      ...caseStep(report.id, "decide"),
      cookie: await sessionCookieFor(world.user.reception_worker),
      method: "POST",
      form: decideForm("not_opened"),
      context: { requestId },
    });
    expect(result.status).toBe(302);
    const entries = (await auditOf(report.id)).filter((a) => a.requestId === requestId);
    expect(entries.map((a) => [a.unitId, a.details])).toEqual([
      [
        world.unit.reception.id,
        { change: "decided", decision: "not_opened", ground: "no_concern_remains", remainingConcern: false },
      ],
    ]);
  });

  it("a principal of two schools acts as the principal of the report's school", async () => {
    const world = await createWorld();
    const m = world.municipality.id;
    const second = await createUnit(m, "school");
    // The principal's first membership is the world's school; the report is from the second one.
    await getDb()
      .insert(memberships)
      .values({ municipalityId: m, userId: world.user.principal.id, unitId: second.id, role: "principal" });
    const teacher = await getCurrentUser(world.user.staff.id, m);
    if (!teacher) throw new Error("no teacher");
    await getDb()
      .insert(memberships)
      .values({ municipalityId: m, userId: teacher.id, unitId: second.id, role: "staff" });
    const report = await createReport(teacher, second.id);
    const principal = await getCurrentUser(world.user.principal.id, m);
    if (!principal) throw new Error("no principal");
    expect(await addSupplement(principal, report.id, { text: "Rektorn kompletterar." })).toBe(true);
    const [entry] = await auditOf(report.id);
    expect(entry.unitId).toBe(second.id);
  });
});

describe("the models' own changes commit with their audit entry", () => {
  it("an administrator's deactivation whose audit entry cannot be written leaves the account active", async () => {
    const world = await createWorld();
    const m = world.municipality.id;
    const admin = await getCurrentUser(world.user.admin.id, m);
    if (!admin) throw new Error("no admin");
    const target = world.user.staff.id;
    await refuseAudit(`new.record_id = '${target}' and new.action = 'deactivate'`, () =>
      expect(deactivateUser(admin, { userId: target })).rejects.toThrow(/audit_events/),
    );
    const [row] = await getDb().select({ active: users.active }).from(users).where(eq(users.id, target));
    expect(row.active).toBe(true);
    expect(await deactivateUser(admin, { userId: target })).toBe(true);
    // Sent again, it changes nothing and is not audited again.
    expect(await deactivateUser(admin, { userId: target })).toBe(false);
    const entries = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordId, target), eq(auditEvents.action, "deactivate")));
    expect(entries.map((e) => [e.userId, e.details])).toEqual([[admin.id, { sessionsEnded: true }]]);
  });

  it("a training registration whose audit entry cannot be written is not kept", async () => {
    const world = await createWorld();
    const m = world.municipality.id;
    const coordinator = await getCurrentUser(world.user.coordinator.id, m);
    const teacher = await getCurrentUser(world.user.staff.id, m);
    if (!coordinator || !teacher) throw new Error("no users");
    const startsAt = new Date(Date.now() + 30 * 86_400_000);
    const [training] = await createTraining(coordinator, {
      title: "Anmälningsplikten",
      topic: "reporting_duty",
      audienceRoles: ["staff"],
      audienceUnitKinds: ["school"],
      description: "",
      startsAt,
      durationMinutes: 60,
      place: "Stadshuset",
      capacity: 10,
      registrationDeadline: new Date(startsAt.getTime() - 86_400_000),
      organisers: "Samverkansenheten",
    });
    await publishTraining(coordinator, training, "one");
    await refuseAudit(`new.record_id = '${training.id}' and new.user_id = '${teacher.id}'`, () =>
      expect(registerFor(training, teacher, null)).rejects.toThrow(/audit_events/),
    );
    const held = () =>
      getDb().select().from(trainingRegistrations).where(eq(trainingRegistrations.trainingId, training.id));
    expect(await held()).toEqual([]);
    expect(await registerFor(training, teacher, null)).toMatchObject({ ok: true, already: false });
    expect(await held()).toHaveLength(1);
  });

  it("a calendar feed whose audit entry cannot be written is not created", async () => {
    const world = await createWorld();
    const teacher = await getCurrentUser(world.user.staff.id, world.municipality.id);
    if (!teacher) throw new Error("no teacher");
    await refuseAudit(`new.record_type = 'calendar_feed' and new.user_id = '${teacher.id}'`, () =>
      expect(createFeedToken(teacher)).rejects.toThrow(/audit_events/),
    );
    expect(await hasFeed(teacher)).toBeNull();
  });
});
