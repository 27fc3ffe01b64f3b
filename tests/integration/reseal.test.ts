/**
 * Issue 22, item 9: rows written before encryption are sealed at start, a rotated data key re-encrypts everything
 * (`npm run keys:reencrypt -- --rotate`), and a row a request changed meanwhile is left as the request wrote it.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { consents, guardianConsentAnswers, reportDrafts, reports } from "#db/schema";
import { stockholmDate } from "~/domain/deadlines";
import { isSealed, keyringFor, linkHash, rotateDataKeys } from "~/lib/sealed.server";
import { identitiesToReseal, resealIdentities } from "~/models/report-identity.server";
import { guardianAnswersOf, recordGuardianAnswer } from "~/models/guardian-consent.server";
import { readReport, saveReportDraft } from "~/models/report.server";
import { createConsent, createReport, createWorld, currentUsers } from "../factories";
import { openedAnswerRow, openedConsentRow, openedFields, openedRow } from "../sealed";
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

  it("seals the giver's name on a consent and on a school's record of the guardians' answer written in the clear", async () => {
    const world = await createWorld();
    const { staff, reception_worker: worker } = await currentUsers(world, "staff", "reception_worker");
    const report = await createReport(world.user.staff, world.unit.school.id);
    const consent = await createConsent(worker, await rowOf(report.id), staff.id);
    const readable = await readReport(worker, report.id);
    if (!readable) throw new Error("not readable");
    await recordGuardianAnswer(staff, readable, {
      askedOn: stockholmDate(new Date()),
      giver: "guardian",
      givenBy: "Svar Förseglad",
      answer: "no",
      infoKinds: [],
      form: "oral",
      note: "",
      submissionKey: randomUUID(),
    });
    const [{ id: answerId }] = await guardianAnswersOf(readable);
    // As an older version stored them.
    await getDb().update(consents).set({ givenBy: "Samtycke Klarsson, mamma" }).where(eq(consents.id, consent.id));
    await getDb()
      .update(guardianConsentAnswers)
      .set({ givenBy: "Svar Klarsson, pappa" })
      .where(eq(guardianConsentAnswers.id, answerId));
    expect(await identitiesToReseal(false)).toBe(true);

    expect(await resealIdentities()).toBeGreaterThanOrEqual(2);
    const [consentRow] = await getDb().select().from(consents).where(eq(consents.id, consent.id));
    const [answerRow] = await getDb()
      .select()
      .from(guardianConsentAnswers)
      .where(eq(guardianConsentAnswers.id, answerId));
    expect(isSealed(consentRow.givenBy)).toBe(true);
    expect(isSealed(answerRow.givenBy)).toBe(true);
    expect((await openedConsentRow(consentRow)).givenBy).toBe("Samtycke Klarsson, mamma");
    expect((await openedAnswerRow(answerRow)).givenBy).toBe("Svar Klarsson, pappa");
    // The model reads them as written; nothing is left in the clear.
    expect((await guardianAnswersOf(readable))[0].givenBy).toBe("Svar Klarsson, pappa");
    expect(await identitiesToReseal(false)).toBe(false);
    expect(await resealIdentities()).toBe(0);
  });

  it("re-encrypts everything under a rotated data key; the old key still opens what was sealed under it", async () => {
    const world = await createWorld();
    const report = await createReport(world.user.staff, world.unit.school.id, { childName: "Roterad Nyckelsson" });
    const { staff, reception_worker: worker } = await currentUsers(world, "staff", "reception_worker");
    const consent = await createConsent(worker, await rowOf(report.id), staff.id);
    const consentRow = async () => (await getDb().select().from(consents).where(eq(consents.id, consent.id)))[0];
    const before = await rowOf(report.id);
    expect(before.childName).toMatch(/^sealed:1:/);
    expect((await consentRow()).givenBy).toMatch(/^sealed:1:/);
    expect(await rotateDataKeys()).toBeGreaterThan(0);
    // Not yet re-sealed: version 1 still opens.
    expect((await openedRow(before)).childName).toBe("Roterad Nyckelsson");
    expect(await resealIdentities()).toBeGreaterThan(0);
    const after = await rowOf(report.id);
    expect(after.childName).toMatch(/^sealed:2:/);
    expect((await openedRow(after)).childName).toBe("Roterad Nyckelsson");
    expect((await consentRow()).givenBy).toMatch(/^sealed:2:/);
    expect((await openedConsentRow(await consentRow())).givenBy).toBe(consent.givenBy);
    expect((await keyringFor(world.municipality.id)).isCurrent(after.childName)).toBe(true);
  });

  it.each([
    ["childName", "report.childName"],
    ["observations", "report.observations"],
  ] as const)("leaves a row whose %s changed after it was read as the change wrote it", async (field, sealedAs) => {
    const world = await createWorld();
    const report = await createReport(world.user.staff, world.unit.school.id, { childName: "Först Skrivsson" });
    await getDb().update(reports).set({ childName: "Gammal Klartext" }).where(eq(reports.id, report.id));
    // A request seals a new name between the reseal's read and its write: the reseal's guarded update finds nothing.
    const keyring = await keyringFor(world.municipality.id);
    const newer = keyring.seal(sealedAs, "Nyare Namnsson");
    const original = getDb().update.bind(getDb());
    let raced = false;
    const db = getDb();
    db.update = ((table: typeof reports) => {
      if (table === reports && !raced) {
        raced = true;
        return {
          set: (values: Record<string, unknown>) => ({
            from: (source: unknown) => ({
              where: (where: unknown) => ({
                returning: async (columns: unknown) => {
                  await original(reports)
                    .set({ [field]: newer })
                    .where(eq(reports.id, report.id));
                  return original(reports)
                    .set(values)
                    .from(source as never)
                    .where(where as never)
                    .returning(columns as never);
                },
              }),
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
    expect((await openedRow(await rowOf(report.id)))[field]).toBe("Nyare Namnsson");
  });
});
