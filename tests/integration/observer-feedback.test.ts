import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { basicFeedback, messages, outboxEmails } from "#db/schema";
import { stockholmDate } from "~/domain/deadlines";
import { renderMessage } from "~/lib/message-templates.server";
import { recordChildHeard, recordDecision, recordProtectionAssessment } from "~/models/report.server";
import { statsOverview } from "~/models/stats.server";
import { getCurrentUser } from "~/models/user.server";
import * as csvRoute from "~/routes/stats[.csv]";
import { createReport, createUser, createWorld, decisionInput, sessionCookieFor, testContext } from "../factories";
import { times } from "../stats-fixtures";

/** A preschool with its principal, a teacher who saw something and a second principal; the world's school beside it. */
async function setup() {
  const world = await createWorld();
  const m = world.municipality.id;
  const preschool = world.unit.preschool.id;
  const current = async (id: string) => (await getCurrentUser(id, m))!;
  const principal = await current((await createUser({ municipalityId: m, unitId: preschool, role: "principal" })).id);
  const deputy = await current((await createUser({ municipalityId: m, unitId: preschool, role: "principal" })).id);
  const teacher = await current((await createUser({ municipalityId: m, unitId: preschool, role: "staff" })).id);
  const worker = await current(world.user.reception_worker.id);
  return { world, m, preschool, principal, deputy, teacher, worker };
}

/** A user's messages of a kind, as a Swedish reader sees them. */
const inbox = async (userId: string, kind: "feedback" | "system") =>
  (
    await getDb()
      .select()
      .from(messages)
      .where(and(eq(messages.recipientId, userId), eq(messages.kind, kind)))
      .orderBy(messages.createdAt)
  ).map((row) => ({ ...row, ...renderMessage(row, "sv") }));

describe("the one who had the concern", () => {
  it("gets the basic feedback on receipt and on the decision when a principal reported on their behalf", async () => {
    const { preschool, principal, teacher, worker } = await setup();
    const report = await createReport(principal, preschool, {
      observerId: teacher.id,
      onBehalfReason: "Pedagogen ville inte skriva själv.",
      childName: "Hemlig Barnsson",
    });
    expect((await inbox(teacher.id, "feedback")).map((m) => m.subject)).toEqual([
      `Återkoppling på anmälan ${report.reference}`,
    ]);
    await recordProtectionAssessment(worker, report.id, "no_immediate_need");
    await recordChildHeard(worker, report.id, true, "");
    expect((await recordDecision(worker, report.id, decisionInput("opened"))).ok).toBe(true);
    const told = await inbox(teacher.id, "feedback");
    expect(told.map((m) => m.subject)).toEqual([
      `Återkoppling på anmälan ${report.reference}`,
      `Beslut om anmälan ${report.reference}`,
    ]);
    expect(told[1].link).toBe(`/reports/${report.id}`);
    // The reporter still gets theirs; each person once per stage.
    expect(await inbox(principal.id, "feedback")).toHaveLength(2);
    const rows = await getDb().select().from(basicFeedback).where(eq(basicFeedback.reportId, report.id));
    expect(rows.map((r) => `${r.stage}:${r.recipientId === teacher.id ? "observer" : "reporter"}`).sort()).toEqual([
      "decided:observer",
      "decided:reporter",
      "received:observer",
      "received:reporter",
    ]);
    // The e-mail notices say nothing about the child or the decision.
    const mails = await getDb().select().from(outboxEmails).where(eq(outboxEmails.recipientId, teacher.id));
    expect(mails.length).toBeGreaterThanOrEqual(2);
    for (const mail of mails) expect(`${mail.subject}\n${mail.textBody}`).not.toMatch(/Hemlig|Barnsson|ORO-|utredning/);
  });

  it("is told even when the reporter declined feedback for themselves", async () => {
    const { preschool, principal, teacher } = await setup();
    await createReport(principal, preschool, {
      observerId: teacher.id,
      onBehalfReason: "Sjukskriven.",
      wantsFeedback: false,
    });
    expect(await inbox(teacher.id, "feedback")).toHaveLength(1);
    expect(await inbox(principal.id, "feedback")).toHaveLength(0);
  });
});

describe("the unit's principals", () => {
  it("are told that a report was submitted from their unit, without its content, and can open it", async () => {
    const { world, preschool, principal, deputy, teacher } = await setup();
    const report = await createReport(teacher, preschool, { childName: "Hemlig Barnsson" });
    for (const boss of [principal, deputy]) {
      const notices = await inbox(boss.id, "system");
      expect(notices).toHaveLength(1);
      expect(notices[0].subject).toContain(report.reference);
      expect(notices[0].link).toBe(`/reports/${report.id}`);
      expect(`${notices[0].subject}\n${notices[0].body}`).not.toMatch(/Hemlig|Barnsson|blåmärken|Pappa/);
    }
    // The school's principal is not told of a preschool's report.
    expect(await inbox(world.user.principal.id, "system")).toHaveLength(0);
  });

  it("are not told of their own report, nor of one they co-signed", async () => {
    const { preschool, principal, deputy, teacher } = await setup();
    await createReport(principal, preschool, { coSignerId: deputy.id });
    expect(await inbox(principal.id, "system")).toHaveLength(0);
    expect(await inbox(deputy.id, "system")).toHaveLength(0);
    await createReport(teacher, preschool, { coSignerId: deputy.id });
    expect(await inbox(principal.id, "system")).toHaveLength(1);
    expect(await inbox(deputy.id, "system")).toHaveLength(0);
  });
});

describe("/stats", () => {
  it("shows per unit the share of reports made on someone else's behalf, suppressed like a share", async () => {
    const { world, m, preschool, principal, teacher } = await setup();
    await times(6, () => createReport(principal, preschool, { observerId: teacher.id, onBehalfReason: "Skäl." }));
    await times(5, () => createReport(teacher, preschool));
    // The school: 2 of 7 on someone's behalf: the rest is shown, the part is small, so the share is hidden.
    await times(2, () =>
      createReport(world.user.principal, world.unit.school.id, {
        observerId: world.user.staff.id,
        onBehalfReason: "Skäl.",
      }),
    );
    await times(5, () => createReport(world.user.staff, world.unit.school.id));
    const steering = (await getCurrentUser(world.user.steering.id, m))!;
    const today = stockholmDate(new Date());
    const { perUnit } = await statsOverview(steering, { from: today, to: today });
    const unit = (id: string) => perUnit.kinds.flatMap((k) => k.units).find((u) => u.id === id);
    expect(unit(preschool)?.onBehalfShare).toBeCloseTo(6 / 11);
    expect(unit(world.unit.school.id)?.onBehalfShare).toBeNull();
    const kind = (k: string) => perUnit.kinds.find((x) => x.kind === k);
    expect(kind("preschool")?.onBehalfShare).toBeCloseTo(6 / 11);
    expect(kind("school")?.onBehalfShare).toBeNull();
    const csv = await (
      await csvRoute.loader({
        request: new Request(`http://localhost/stats.csv?period=custom&from=${today}&to=${today}`, {
          headers: { Cookie: await sessionCookieFor(world.user.steering) },
        }),
        params: {},
        context: testContext(),
      })
    ).text();
    expect(csv).toContain(`unit_reports_on_behalf_percent,period,unit_kind:preschool,54.5`);
  });
});
