import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { stockholmDate } from "~/domain/deadlines";
import type { AgreementDeviationKind } from "~/domain/agreement-deviation";
import { fileAgreementDeviation, recordDeviationStep } from "~/models/agreement-deviation.server";
import { followUpStats } from "~/models/stats.server";
import { getCurrentUser } from "~/models/user.server";
import * as csvRoute from "~/routes/stats[.csv]";
import { createUser, createWorld, sessionCookieFor, testContext } from "../factories";

/**
 * Today in Teststad: 6 deviations from the school (5 "no feedback", 1 "meeting not held"), 5 from the preschool (all
 * "no feedback"), 1 from reception ("other"); 5 of them closed. Another municipality's are not counted.
 */
async function fixture() {
  const world = await createWorld();
  const m = world.municipality.id;
  const as = async (id: string) => (await getCurrentUser(id, m))!;
  const preschoolTeacher = await createUser({ municipalityId: m, unitId: world.unit.preschool.id, role: "staff" });
  const [staff, preschool, reception, coordinator] = await Promise.all([
    as(world.user.staff.id),
    as(preschoolTeacher.id),
    as(world.user.reception_worker.id),
    as(world.user.coordinator.id),
  ]);
  const file = async (user: typeof staff, unitId: string, kind: AgreementDeviationKind) => {
    const filed = await fileAgreementDeviation(user, {
      kind,
      description: "Överenskommelsen följdes inte.",
      report: null,
      unitId,
      submissionKey: randomUUID(),
    });
    if (!filed) throw new Error("not filed");
    return filed;
  };
  const ids: string[] = [];
  for (let i = 0; i < 6; i++)
    ids.push((await file(staff, world.unit.school.id, i < 5 ? "no_feedback" : "meeting_not_held")).id);
  for (let i = 0; i < 5; i++) ids.push((await file(preschool, world.unit.preschool.id, "no_feedback")).id);
  await file(reception, world.unit.reception.id, "other");
  for (const id of ids.slice(0, 5))
    expect((await recordDeviationStep(coordinator, id, "close", "Klart.")).ok).toBe(true);
  const other = await createWorld("Annanstad");
  const otherStaff = (await getCurrentUser(other.user.staff.id, other.municipality.id))!;
  await file(otherStaff, other.unit.school.id, "no_feedback");
  return { world, steering: await as(world.user.steering.id) };
}

describe("deviations from the agreement in /stats", () => {
  it("counts them per kind and per kind of unit, with the share closed, suppressed like the rest", async () => {
    const { world, steering } = await fixture();
    const today = stockholmDate(new Date());
    const { deviations } = await followUpStats(steering, { from: today, to: today });
    expect(deviations.filed).toBe(12);
    expect(deviations.closed).toBeCloseTo(5 / 12);
    // Per kind: [10, 1, 0, 1]: two lone ones hidden; the total still shows, and nothing follows from it.
    expect(deviations.byKind.kinds).toEqual(["no_feedback", "meeting_not_held", "not_written_by_observer", "other"]);
    expect(deviations.byKind.parts).toEqual([10, null, 0, null]);
    // Per kind of unit: preschool 5, school 6, student health 0, other 1: the lone 1 hidden, and the next smallest.
    expect(deviations.byUnitKind.kinds).toEqual(["preschool", "school", "student_health", "other"]);
    expect(deviations.byUnitKind.parts).toEqual([null, 6, 0, null]);
    expect(deviations.byUnitKind.total).toBe(12);

    const request = new Request(`http://localhost/stats.csv?period=custom&from=${today}&to=${today}`, {
      headers: { Cookie: await sessionCookieFor(world.user.steering) },
    });
    const csv = await ((await csvRoute.loader({ request, params: {}, context: testContext() })) as Response).text();
    expect(csv).toContain("agreement_deviations,period,all,12");
    expect(csv).toContain("agreement_deviations,period,kind:no_feedback,10");
    expect(csv).toContain("agreement_deviations,period,kind:meeting_not_held,dold");
    expect(csv).toContain("agreement_deviations,period,unit_kind:school,6");
    expect(csv).toContain("agreement_deviations_closed_percent,period,all,41.7");
  });
});
