import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { extendedFeedback, reports } from "#db/schema";
import { consentInfoKinds, type ConsentInfoKind } from "~/domain/vocabulary";
import { recordConsent, sendExtendedFeedback, withdrawConsent } from "~/models/feedback.server";
import { setServedUnit } from "~/models/unit.server";
import { getCurrentUser } from "~/models/user.server";
import { createReport, createUnit, createUser, createWorld } from "../factories";

/**
 * Random histories of consents given, withdrawn and expiring, a clock that moves on, and attempts to send extended
 * feedback to random people about random kinds of information. The model below is the rule written out plainly:
 * a send goes through if and only if, at that instant, some consent names the recipient (or their unit), covers
 * the kind, has begun, has not ended and has not been withdrawn.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = new Date("2027-03-01T09:00:00Z").getTime();

type Op =
  | {
      op: "give";
      units: number[];
      users: number[];
      kinds: ConsentInfoKind[];
      startsInHours: number;
      lastsHours: number;
    }
  | { op: "withdraw"; which: number }
  | { op: "wait"; hours: number }
  | { op: "send"; to: number; kind: ConsentInfoKind };

const kind = fc.constantFrom(...consentInfoKinds);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc
    .record({
      op: fc.constant("give" as const),
      units: fc.subarray([0, 1]),
      users: fc.subarray([0, 1, 2]),
      kinds: fc.uniqueArray(kind, { minLength: 1, maxLength: 3 }),
      startsInHours: fc.integer({ min: -72, max: 72 }),
      lastsHours: fc.integer({ min: 1, max: 40 * 24 }),
    })
    .filter((g) => g.units.length + g.users.length > 0),
  fc.record({ op: fc.constant("withdraw" as const), which: fc.nat(20) }),
  fc.record({ op: fc.constant("wait" as const), hours: fc.integer({ min: 1, max: 30 * 24 }) }),
  fc.record({ op: fc.constant("send" as const), to: fc.nat(3), kind }),
);

interface ModelConsent {
  id: string;
  units: string[];
  users: string[];
  kinds: string[];
  from: number;
  until: number;
  withdrawnAt: number | null;
}

let people: { id: string; unitId: string }[];
let units: string[];
let worker: NonNullable<Awaited<ReturnType<typeof getCurrentUser>>>;
let teacher: { id: string; municipalityId: string };
let school: string;

beforeAll(async () => {
  const world = await createWorld("Egenskapsstad");
  const m = world.municipality.id;
  school = world.unit.school.id;
  const team = await createUnit(m, "student_health");
  await setServedUnit({ municipalityId: m, unitId: team.id, servedUnitId: school });
  const counsellor = await createUser({ municipalityId: m, unitId: team.id, role: "staff" });
  // The fourth person works at a preschool: no consent on a school report can name them or their unit.
  const outsider = await createUser({ municipalityId: m, unitId: world.unit.preschool.id, role: "staff" });
  units = [school, team.id];
  people = [
    { id: world.user.staff.id, unitId: school },
    { id: world.user.principal.id, unitId: school },
    { id: counsellor.id, unitId: team.id },
    { id: outsider.id, unitId: world.unit.preschool.id },
  ];
  worker = (await getCurrentUser(world.user.reception_worker.id, m))!;
  teacher = world.user.staff;
});

function allowed(model: ModelConsent[], to: { id: string; unitId: string }, wanted: string, now: number) {
  return model.some(
    (c) =>
      (c.users.includes(to.id) || c.units.includes(to.unitId)) &&
      c.kinds.includes(wanted) &&
      c.from <= now &&
      now < c.until &&
      (c.withdrawnAt === null || now < c.withdrawnAt),
  );
}

describe("extended feedback under consent (property)", () => {
  it("is delivered if and only if an active covering consent exists at the instant of sending", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        const created = await createReport(teacher, school, {}, new Date(START - 7 * DAY));
        const [report] = await getDb().select().from(reports).where(eq(reports.id, created.id));
        const model: ModelConsent[] = [];
        let now = START;
        let expectedSent = 0;
        for (const step of ops) {
          if (step.op === "give") {
            const from = now + step.startsInHours * HOUR;
            const result = await recordConsent(worker, report, {
              giver: "guardians",
              givenBy: "Vårdnadshavarna",
              jointCustody: true,
              bothGuardiansConsented: true,
              form: "written",
              documentReference: "",
              recipientUnitIds: step.units.map((i) => units[i]),
              recipientUserIds: step.users.map((i) => people[i].id),
              infoKinds: step.kinds,
              validFrom: new Date(from),
              validUntil: new Date(from + step.lastsHours * HOUR),
              submissionKey: randomUUID(),
            });
            // The same consent again, while the first is not withdrawn, is refused; any other is recorded.
            const same = (a: string[], b: string[]) => [...a].sort().join() === [...b].sort().join();
            const repeats = model.some(
              (c) =>
                c.withdrawnAt === null &&
                same(
                  c.units,
                  step.units.map((i) => units[i]),
                ) &&
                same(
                  c.users,
                  step.users.map((i) => people[i].id),
                ) &&
                same(c.kinds, step.kinds) &&
                c.from === from &&
                c.until === from + step.lastsHours * HOUR,
            );
            if (repeats) {
              expect(result).toMatchObject({ ok: false, error: "duplicate" });
              continue;
            }
            if (!result.ok) throw new Error(`consent refused: ${result.error}`);
            model.push({
              id: result.consent.id,
              units: step.units.map((i) => units[i]),
              users: step.users.map((i) => people[i].id),
              kinds: step.kinds,
              from,
              until: from + step.lastsHours * HOUR,
              withdrawnAt: null,
            });
          } else if (step.op === "withdraw") {
            const target = model[step.which % Math.max(model.length, 1)];
            if (!target) continue;
            const done = await withdrawConsent(worker, report.id, target.id, new Date(now));
            expect(!!done).toBe(target.withdrawnAt === null);
            target.withdrawnAt ??= now;
          } else if (step.op === "wait") {
            now += step.hours * HOUR;
          } else {
            const to = people[step.to];
            const expected = allowed(model, to, step.kind, now);
            const result = await sendExtendedFeedback(
              worker,
              report,
              { recipientId: to.id, kind: step.kind, body: "Text", submissionKey: randomUUID() },
              new Date(now),
            );
            expect(result.ok, `send to person ${step.to} of ${step.kind} at +${(now - START) / HOUR} h`).toBe(expected);
            if (result.ok) {
              expectedSent += 1;
              // The consent it names is one that covered it at that instant.
              const [row] = await getDb().select().from(extendedFeedback).where(eq(extendedFeedback.id, result.id));
              expect(
                allowed(
                  model.filter((c) => c.id === row.consentId),
                  to,
                  step.kind,
                  now,
                ),
              ).toBe(true);
            }
          }
        }
        const sent = await getDb().select().from(extendedFeedback).where(eq(extendedFeedback.reportId, report.id));
        expect(sent).toHaveLength(expectedSent);
      }),
      { numRuns: 40 },
    );
  });
});
