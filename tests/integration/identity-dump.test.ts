/**
 * Issue 22, item 9: a dump or backup of the database does not tell which child a report is about. After the demo and
 * the journeys that write a child's identity (a draft saved as the teacher types, the report sent from it, a report
 * registered by reception, the case read, a consent recorded, a school's record of the guardians' answer confirmed into
 * a consent), the whole database is dumped — PGlite's data folder with its write-ahead log, PostgreSQL's `pg_dump` —
 * and searched for every name and personal identity number written. A marker written in the clear at the end is
 * found, so the search can fail.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { randomInt, randomUUID } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDatabase, getDb, openDatabase, setDatabase } from "#db/client.server";
import { reports } from "#db/schema";
import { seedDemo } from "~/demo/seed.server";
import { addCalendarDays, stockholmDate } from "~/domain/deadlines";
import { consentsOfReport, recordConsent } from "~/models/feedback.server";
import { confirmGuardianAnswer, guardianAnswersOf, recordGuardianAnswer } from "~/models/guardian-consent.server";
import { caseView, readReport, registerReport } from "~/models/report.server";
import { currentUsers, createWorld, reportFormFields, reportInput, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";
import * as newRoute from "~/routes/reports.new";

const postgresRun = process.env.TEST_DB === "postgres";

/** A valid Swedish personal identity number (Luhn check digit), new on every run. */
function personalNumber() {
  const date = `201${randomInt(0, 9)}${String(randomInt(1, 13)).padStart(2, "0")}${String(randomInt(1, 29)).padStart(2, "0")}`;
  const serial = String(randomInt(100, 1000));
  const digits = `${date.slice(2)}${serial}`;
  const sum = [...digits].reduce((total, d, i) => {
    const n = Number(d) * (i % 2 === 0 ? 2 : 1);
    return total + (n > 9 ? n - 9 : n);
  }, 0);
  return `${date}-${serial}${(10 - (sum % 10)) % 10}`;
}

const unique = () => randomUUID().replaceAll("-", "").slice(0, 8);

/** pg_dump from Debian's PostgreSQL (CI starts its server from the same binaries). */
function pgDumpBinary() {
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => `${base}/${v}/bin/pg_dump`).find((p) => existsSync(p));
  return found ?? "pg_dump";
}

let pglite: PGlite | undefined;

/** Everything the database holds, as a backup would: bytes of the data folder, or pg_dump's SQL. */
async function dump(): Promise<Buffer> {
  if (postgresRun) {
    return execFileSync(pgDumpBinary(), ["--no-owner", "--dbname", inject("postgresOwnerUrl") ?? ""], {
      maxBuffer: 1024 * 1024 * 1024,
    });
  }
  if (!pglite) throw new Error("no PGlite");
  await pglite.exec("checkpoint");
  return Buffer.from(await (await pglite.dumpDataDir("none")).arrayBuffer());
}

beforeAll(async () => {
  if (postgresRun) return;
  // A database of this file's own, so its data folder can be dumped.
  await closeDatabase();
  pglite = new PGlite({ loadDataDir: new Blob([readFileSync(inject("pgliteTemplate"))]) });
  await pglite.waitReady;
  setDatabase(openDatabase({ pglite }));
});
afterAll(async () => {
  if (pglite) await closeDatabase();
});

describe("identities in a dump of the database", () => {
  it("finds no child's name or number, and no guardian's name, after the demo and the journeys", async () => {
    const written: string[] = [];
    if (!postgresRun) {
      // The demo is seeded once per database; on PostgreSQL the run's database is shared and may have it already.
      expect(await seedDemo(getDb())).toBe(true);
      written.push(
        "Elsa Exempel",
        "Omar Exempelsson",
        "Liam Exempel",
        "Nora Exempeldotter",
        "Vårdnadshavare till Elsa",
      );
    }
    const world = await createWorld();
    const { reception_worker: worker, staff } = await currentUsers(world, "reception_worker", "staff");
    const cookie = await sessionCookieFor(world.user.staff);

    // A teacher types a report: saved as they type, then sent from the draft.
    const typed = { name: `Typad Barnsdotter ${unique()}`, number: personalNumber(), guardian: `Förälder ${unique()}` };
    // What the teacher saw and what the child said name the child too.
    const told = { observations: `Såg blåmärken ${unique()}`, childWords: `Sa till mig ${unique()}` };
    written.push(typed.name, typed.number, typed.guardian, told.observations, told.childWords);
    const draftId = randomUUID();
    const form = reportFormFields(world, {
      childName: typed.name,
      childPersonalNumber: typed.number,
      guardian1Name: typed.guardian,
      ...told,
    });
    const post = (intent: string) =>
      callRoute(newRoute.action, { path: "/reports/new", cookie, method: "POST", form: { ...form, draftId, intent } });
    expect((await post("autosave")).status).toBe(200);
    expect((await post("submit")).status).toBe(302);

    // Reception registers one that came by phone.
    const phoned = {
      name: `Ringd Barnsson ${unique()}`,
      number: personalNumber(),
      guardian: `Vårdnadshavare ${unique()}`,
    };
    written.push(phoned.name, phoned.number, phoned.guardian);
    const registered = await registerReport(worker, {
      ...reportInput(world.unit.school.id, {
        childName: phoned.name,
        childPersonalNumber: phoned.number,
        guardians: [{ name: phoned.guardian, informed: true, notInformedReason: "" }],
      }),
      channel: "phone",
      receivedAt: new Date(),
      reporterName: "Granne Grannsson",
      reporterPhone: "070-111 11 11",
      reporterEmail: "",
    });

    // They read as written: sealed in the database, opened for the page.
    const readable = await readReport(worker, registered.id);
    if (!readable) throw new Error("not readable");
    const view = await caseView(readable);
    expect(view.content).toMatchObject({ childName: phoned.name, childPersonalNumber: phoned.number });
    expect(view.content.guardians[0].name).toBe(phoned.guardian);
    expect(view.content.observations).toBe(reportInput(world.unit.school.id).observations);
    const [stored] = await getDb().select().from(reports).where(eq(reports.id, registered.id));
    expect(stored.childName).toMatch(/^sealed:/);
    expect(stored.childNumberHash).toBeTruthy();

    // Reception records a guardian's consent; the school records the guardians' answer, which reception confirms into
    // the register (the name copied into a consent).
    const consentGiver = `Samtyckande Förälder ${unique()}`;
    const answerGiver = `Svarande Vårdnadshavare ${unique()}`;
    written.push(consentGiver, answerGiver);
    const recorded = await recordConsent(worker, stored, {
      giver: "guardian",
      givenBy: consentGiver,
      jointCustody: false,
      bothGuardiansConsented: false,
      form: "written",
      documentReference: "",
      recipientUnitIds: [],
      recipientUserIds: [staff.id],
      infoKinds: ["school_support"],
      validFrom: new Date(Date.now() - 86_400_000),
      validUntil: new Date(Date.now() + 30 * 86_400_000),
      submissionKey: randomUUID(),
    });
    expect(recorded).toMatchObject({ ok: true, consent: { givenBy: consentGiver } });
    const today = stockholmDate(new Date());
    await recordGuardianAnswer(staff, readable, {
      askedOn: today,
      giver: "guardians",
      givenBy: answerGiver,
      answer: "yes",
      infoKinds: ["outcome_and_support"],
      form: "oral",
      note: "",
      submissionKey: randomUUID(),
    });
    const [answer] = await guardianAnswersOf(readable);
    expect(answer).toMatchObject({ givenBy: answerGiver, status: "pending" });
    const confirmed = await confirmGuardianAnswer(worker, readable, answer.id, {
      validUntil: addCalendarDays(today, 90),
      jointCustody: true,
      submissionKey: randomUUID(),
    });
    expect(confirmed).toEqual({ ok: true });
    const givers = (await consentsOfReport(readable)).map(({ consent }) => consent.givenBy);
    expect(givers.sort()).toEqual([consentGiver, answerGiver].sort());

    const everything = (await dump()).toString("latin1");
    const utf8 = (s: string) => Buffer.from(s, "utf8").toString("latin1");
    expect(everything.length).toBeGreaterThan(10_000);
    for (const value of written) expect(everything.includes(utf8(value)), value).toBe(false);
    // Digits without the hyphen too (as a number might be kept).
    for (const value of [typed.number, phoned.number]) {
      expect(everything.includes(value.replace("-", "")), value).toBe(false);
    }

    // The search finds what is there in the clear: a note holds a marker as written.
    const marker = `Klartextmarkör ${unique()}`;
    await getDb().execute(sql`update reports set observations = ${marker} where id = ${registered.id}`);
    expect((await dump()).toString("latin1").includes(utf8(marker))).toBe(true);
  });
});
