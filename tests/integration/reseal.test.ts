/**
 * Issue 22, item 9: rows written before encryption are sealed at start, a rotated data key re-encrypts everything
 * (`npm run keys:reencrypt -- --rotate`), and a row a request changed meanwhile is left as the request wrote it.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { reportDrafts, reports } from "#db/schema";
import { isSealed, keyringFor, linkHash, rotateDataKeys } from "~/lib/sealed.server";
import { identitiesToReseal, resealIdentities } from "~/models/report-identity.server";
import { saveReportDraft } from "~/models/report.server";
import { createReport, createWorld, currentUsers } from "../factories";
import { openedFields, openedRow } from "../sealed";
import { ownDatabaseOnPostgres } from "../setup/databases";

const NUMBER = "20150317-2387";
const rowOf = async (id: string) => (await getDb().select().from(reports).where(eq(reports.id, id)))[0];

// A rotation reaches every municipality: on PostgreSQL this file has a database of its own.
let dropOwnDatabase: () => Promise<void>;
beforeAll(async () => {
  dropOwnDatabase = await ownDatabaseOnPostgres("reseal");
});
afterAll(() => dropOwnDatabase());

describe("sealing and re-sealing identities", () => {
  it("seals a report and a draft written in the clear (before encryption), with the number's hash", async () => {
    const world = await createWorld();
    const { staff } = await currentUsers(world, "staff");
    const report = await createReport(world.user.staff, world.unit.school.id, { childPersonalNumber: NUMBER });
    const draftId = randomUUID();
    expect((await saveReportDraft(staff, draftId, { childName: "Utkast Klarsson" })).state).toBe("saved");
    // As an older version stored them.
    await getDb()
      .update(reports)
      .set({
        childName: "Klar Textsson",
        childPersonalNumber: NUMBER,
        childNumberHash: null,
        guardians: [{ name: "Förälder Klar", informed: true, notInformedReason: "" }],
      })
      .where(eq(reports.id, report.id));
    await getDb()
      .update(reportDrafts)
      .set({ fields: { childName: "Utkast Klarsson" } })
      .where(eq(reportDrafts.id, draftId));
    expect(await identitiesToReseal(false)).toBe(true);

    expect(await resealIdentities()).toBeGreaterThanOrEqual(2);
    const row = await rowOf(report.id);
    expect(isSealed(row.childName)).toBe(true);
    expect(isSealed(row.childPersonalNumber ?? "")).toBe(true);
    expect(isSealed(row.guardians[0].name)).toBe(true);
    expect(row.childNumberHash).toBe(linkHash(world.municipality.id, NUMBER));
    expect(await openedRow(row)).toMatchObject({
      childName: "Klar Textsson",
      childPersonalNumber: NUMBER,
      guardians: [{ name: "Förälder Klar", informed: true }],
    });
    const [draft] = await getDb().select().from(reportDrafts).where(eq(reportDrafts.id, draftId));
    expect(Object.keys(draft.fields)).toEqual(["sealed"]);
    expect(await openedFields(draft)).toEqual({ childName: "Utkast Klarsson" });
    // Nothing left in the clear; a second run rewrites nothing.
    expect(await identitiesToReseal(false)).toBe(false);
    expect(await resealIdentities()).toBe(0);
  });

  it("re-encrypts everything under a rotated data key; the old key still opens what was sealed under it", async () => {
    const world = await createWorld();
    const report = await createReport(world.user.staff, world.unit.school.id, { childName: "Roterad Nyckelsson" });
    const before = await rowOf(report.id);
    expect(before.childName).toMatch(/^sealed:1:/);
    expect(await rotateDataKeys()).toBeGreaterThan(0);
    // Not yet re-sealed: version 1 still opens.
    expect((await openedRow(before)).childName).toBe("Roterad Nyckelsson");
    expect(await resealIdentities()).toBeGreaterThan(0);
    const after = await rowOf(report.id);
    expect(after.childName).toMatch(/^sealed:2:/);
    expect((await openedRow(after)).childName).toBe("Roterad Nyckelsson");
    expect((await keyringFor(world.municipality.id)).isCurrent(after.childName)).toBe(true);
  });

  it("leaves a row that changed after it was read as the change wrote it", async () => {
    const world = await createWorld();
    const report = await createReport(world.user.staff, world.unit.school.id, { childName: "Först Skrivsson" });
    await getDb().update(reports).set({ childName: "Gammal Klartext" }).where(eq(reports.id, report.id));
    // A request seals a new name between the reseal's read and its write: the reseal's guarded update finds nothing.
    const keyring = await keyringFor(world.municipality.id);
    const newer = keyring.seal("report.childName", "Nyare Namnsson");
    const original = getDb().update.bind(getDb());
    let raced = false;
    const db = getDb();
    db.update = ((table: typeof reports) => {
      if (table === reports && !raced) {
        raced = true;
        return {
          set: (values: Record<string, unknown>) => ({
            where: (where: unknown) => ({
              returning: async (columns: unknown) => {
                await original(reports).set({ childName: newer }).where(eq(reports.id, report.id));
                return original(reports)
                  .set(values)
                  .where(where as never)
                  .returning(columns as never);
              },
            }),
          }),
        };
      }
      return original(table);
    }) as typeof db.update;
    try {
      await resealIdentities(db);
    } finally {
      db.update = original;
    }
    expect(raced).toBe(true);
    expect((await openedRow(await rowOf(report.id))).childName).toBe("Nyare Namnsson");
  });
});
