import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { memberships, reports } from "#db/schema";
import { can } from "~/lib/permissions.server";
import { receptionFilterFrom } from "~/domain/report-filters";
import { reportChannels, type Role } from "~/domain/vocabulary";
import { listReportsForReception, listReportsForReporter, readReport, reportResource } from "~/models/report.server";
import { getCurrentUser } from "~/models/user.server";
import { createUnit, createUser, createWorld } from "../factories";

/**
 * "Who may see a report" is written once (app/lib/report-visibility.server.ts) as a TypeScript test and a SQL
 * condition side by side. For random people (any mix of roles in any units) and random reports (any channel, unit,
 * reporter, observer and co-signer, in this municipality or another), the permission check on one report, the scoped
 * read of one report and every list must agree: a report is in the user's list exactly when `can` lets them read it.
 */

const ROLES: Role[] = ["staff", "principal", "reception_worker", "reception_lead", "investigator", "coordinator"];

let home: string;
let away: string;
let unitIds: string[];
let awayUnit: string;
let people: string[];

beforeAll(async () => {
  const world = await createWorld("Synlighetsstad");
  const other = await createWorld("Grannstad");
  home = world.municipality.id;
  away = other.municipality.id;
  awayUnit = other.unit.school.id;
  const secondSchool = await createUnit(home, "school");
  unitIds = [world.unit.school.id, world.unit.preschool.id, secondSchool.id];
  // Memberships are dealt afresh on each run; these people start with one that each run removes.
  people = [];
  for (let i = 0; i < 4; i++)
    people.push((await createUser({ municipalityId: home, unitId: unitIds[0], role: "staff" })).id);
});

const someone = fc.option(fc.nat(3), { nil: null });
const report = fc.record({
  elsewhere: fc.boolean(),
  channel: fc.constantFrom(...reportChannels),
  unit: fc.option(fc.nat(2), { nil: null }),
  reporter: someone,
  observer: someone,
  coSigner: someone,
});
type Made = typeof report extends fc.Arbitrary<infer T> ? T : never;
const membership = fc.record({ unit: fc.nat(2), role: fc.constantFrom(...ROLES) });

async function deal(asker: string, held: { unit: number; role: Role }[], made: Made[]) {
  const db = getDb();
  await db.delete(memberships).where(eq(memberships.userId, asker));
  const unique = [...new Map(held.map((m) => [`${m.unit}:${m.role}`, m])).values()];
  if (unique.length) {
    await db
      .insert(memberships)
      .values(unique.map((m) => ({ municipalityId: home, userId: asker, unitId: unitIds[m.unit], role: m.role })));
  }
  const person = (i: number | null) => (i === null ? null : people[i]);
  const now = new Date();
  return db
    .insert(reports)
    .values(
      made.map((r) => ({
        municipalityId: r.elsewhere ? away : home,
        reference: `SYN-${randomUUID()}`,
        channel: r.channel,
        unitId: r.unit === null ? null : r.elsewhere ? awayUnit : unitIds[r.unit],
        reporterId: person(r.reporter),
        reporterName: "Anmälare",
        observerId: person(r.observer),
        coSignerId: person(r.coSigner),
        childName: "Barn",
        observations: "Oro",
        receivedAt: now,
        protectionDueAt: now,
        decisionDueAt: now,
      })),
    )
    .returning();
}

describe("who may see a report: one rule for the single read and every list", () => {
  it("can(report:read) is true exactly when the report is in the user's lists and readReport finds it", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(3),
        fc.array(membership, { maxLength: 3 }),
        fc.array(report, { minLength: 1, maxLength: 10 }),
        async (who, held, made) => {
          const asker = people[who];
          const rows = await deal(asker, held, made);
          try {
            const user = await getCurrentUser(asker, home);
            if (!user) throw new Error("no user");
            const ours = new Set(rows.map((r) => r.id));
            const allowed = rows.filter((r) => can(user, "report:read", reportResource(r))).map((r) => r.id);
            for (const r of rows) expect(!!(await readReport(user, r.id))).toBe(allowed.includes(r.id));
            if (can(user, "report:list")) {
              const listed = (await listReportsForReporter(user)).map((r) => r.id).filter((id) => ours.has(id));
              expect(listed.sort()).toEqual([...allowed].sort());
            }
            if (can(user, "report:process")) {
              const all = receptionFilterFrom(new URLSearchParams("status=all"));
              const { reports: listed } = await listReportsForReception(user, all);
              expect(
                listed
                  .map((r) => r.id)
                  .filter((id) => ours.has(id))
                  .sort(),
              ).toEqual([...allowed].sort());
            }
          } finally {
            await getDb()
              .delete(reports)
              .where(
                inArray(
                  reports.id,
                  rows.map((r) => r.id),
                ),
              );
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("a principal never sees a report that came from outside the school, even about a child of their unit", async () => {
    const asker = people[0];
    const rows = await deal(
      asker,
      [{ unit: 0, role: "principal" }],
      [
        { elsewhere: false, channel: "police", unit: 0, reporter: null, observer: null, coSigner: null },
        { elsewhere: false, channel: "portal", unit: 0, reporter: 1, observer: null, coSigner: null },
      ],
    );
    const user = await getCurrentUser(asker, home);
    if (!user) throw new Error("no user");
    expect((await listReportsForReporter(user)).map((r) => r.id)).toEqual([rows[1].id]);
    expect(await readReport(user, rows[0].id)).toBeNull();
    expect((await readReport(user, rows[1].id))?.id).toBe(rows[1].id);
    await getDb()
      .delete(reports)
      .where(
        inArray(
          reports.id,
          rows.map((r) => r.id),
        ),
      );
  });
});
