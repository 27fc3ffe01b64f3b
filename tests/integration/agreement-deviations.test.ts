import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { and, asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { agreementDeviations, agreementDeviationStepLog, auditEvents, memberships, type Role } from "#db/schema";
import { deviationErrorKeys } from "~/domain/agreement-deviation-schema";
import { TEXT_LIMITS } from "~/domain/text-limits";
import * as detailRoute from "~/routes/deviations.$deviationId";
import * as listRoute from "~/routes/deviations._index";
import * as newRoute from "~/routes/deviations.new";
import { createReport, createUser, createWorld, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";

/**
 * Deviations from the agreement (issue 21, item 9): filed on a report one may read or in general, once per form,
 * handled by the coordinators in steps; and never a way to learn of a report one could not read before. Through the
 * routes, as the browser without JavaScript sends the forms.
 *
 * Chosen here: steps go forward only and may be skipped (each one taken is recorded with its note and audited); the
 * filer sees the status and which steps were taken when, not the coordinators' notes or names.
 */

const CHILD = "Hemligt Barnnamn";
const OBSERVED = "Blåmärken på vänster arm, sa att pappa slog";

async function setup(name = "Avvikelsestad") {
  const world = await createWorld(name);
  const report = await createReport(world.user.staff, world.unit.school.id, {
    childName: CHILD,
    observations: OBSERVED,
  });
  const cookie = {} as Record<Role, string>;
  for (const role of Object.keys(world.user) as Role[]) cookie[role] = await sessionCookieFor(world.user[role]);
  /** School staff who did not sign the report, and a preschool teacher: neither may read it. */
  const colleague = await createUser({
    municipalityId: world.municipality.id,
    unitId: world.unit.school.id,
    role: "staff",
  });
  const preschool = await createUser({
    municipalityId: world.municipality.id,
    unitId: world.unit.preschool.id,
    role: "staff",
  });
  return {
    world,
    report,
    cookie,
    colleague: { user: colleague, cookie: await sessionCookieFor(colleague) },
    preschool: { user: preschool, cookie: await sessionCookieFor(preschool) },
  };
}

type Setup = Awaited<ReturnType<typeof setup>>;

const fileForm = (fields: Record<string, string> = {}) => ({
  kind: "meeting_not_held",
  description: "Mötet ställdes in och ingen ny tid gavs.",
  submissionKey: randomUUID(),
  ...fields,
});

const file = (cookie: string, form: Record<string, string>) =>
  callRoute(newRoute.action, { path: "/deviations/new", method: "POST", cookie, form });

async function filed(cookie: string, form: Record<string, string>) {
  const result = await file(cookie, form);
  expect(result.status, JSON.stringify(result.data)).toBe(302);
  const id = /^\/deviations\/([0-9a-f-]{36})/.exec(result.location ?? "")?.[1];
  if (!id) throw new Error(`no deviation in ${result.location}`);
  return id;
}

const rowsOf = (municipalityId: string) =>
  getDb().select().from(agreementDeviations).where(eq(agreementDeviations.municipalityId, municipalityId));

const show = (cookie: string, id: string) =>
  callRoute(detailRoute.loader, { path: `/deviations/${id}`, params: { deviationId: id }, cookie });

const step = (cookie: string, id: string, form: Record<string, string>) =>
  callRoute(detailRoute.action, {
    path: `/deviations/${id}`,
    params: { deviationId: id },
    method: "POST",
    cookie,
    form: { intent: "step", ...form },
  });

const list = (cookie: string) => callRoute(listRoute.loader, { path: "/deviations", cookie });

type Detail = { deviation: { status: string; report: { reference: string } | null; filerName: string | null } };
type Listing = { deviations: { id: string; status: string; report: { reference: string } | null }[] };

describe("filing a deviation", () => {
  it("on a report one is involved in: stored with the report and its unit, audited without the text", async () => {
    const s = await setup();
    const form = await callRoute(newRoute.loader, {
      path: `/deviations/new?report=${s.report.id}`,
      cookie: s.cookie.staff,
    });
    expect(form.status).toBe(200);
    expect((form.data as { report: { reference: string } }).report.reference).toBe(s.report.reference);

    const id = await filed(s.cookie.staff, fileForm({ reportId: s.report.id }));
    const [row] = await rowsOf(s.world.municipality.id);
    expect(row).toMatchObject({
      id,
      kind: "meeting_not_held",
      reportId: s.report.id,
      unitId: s.world.unit.school.id,
      filedById: s.world.user.staff.id,
      status: "open",
      closedAt: null,
    });
    const [entry] = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordType, "agreement_deviation"), eq(auditEvents.recordId, id)));
    expect(entry).toMatchObject({ action: "create", details: { kind: "meeting_not_held", onReport: true } });
    expect(JSON.stringify(entry.details)).not.toContain("Mötet");

    // The principal of the report's unit is involved too.
    await filed(s.cookie.principal, fileForm({ reportId: s.report.id, kind: "not_written_by_observer" }));
    expect(await rowsOf(s.world.municipality.id)).toHaveLength(2);
  });

  it("on a report: the audit log links the deviation to the report, and reading the report is audited", async () => {
    const s = await setup();
    const description = "Rektorn ringde aldrig tillbaka om mötet.";
    const id = await filed(s.cookie.staff, fileForm({ reportId: s.report.id, description }));
    const entries = await getDb()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.municipalityId, s.world.municipality.id))
      .orderBy(asc(auditEvents.id));
    // The filing names the report: its trail (by recordId or by details.reportId) finds the deviation filed on it.
    const created = entries.find((e) => e.recordType === "agreement_deviation" && e.recordId === id);
    expect(created).toMatchObject({ action: "create", details: { onReport: true, reportId: s.report.id } });
    // The action read the report to see that the filer may: a read of it, as the form's page records one.
    const read = entries.filter((e) => e.action === "read" && e.recordType === "report" && e.recordId === s.report.id);
    expect(read).toHaveLength(1);
    expect(read[0]).toMatchObject({ userId: s.world.user.staff.id, unitId: s.world.unit.school.id });
    expect(entries.indexOf(read[0])).toBeLessThan(entries.indexOf(created as (typeof entries)[number]));
    // Ids only: nothing the deviation or the report says.
    const logged = JSON.stringify(entries.map((e) => e.details));
    for (const text of [description, CHILD, OBSERVED]) expect(logged).not.toContain(text);
  });

  it("on a report one cannot read: a 404 that reveals nothing, nothing stored, the attempt logged", async () => {
    const s = await setup();
    const other = await setup("Grannstad");
    const refused = [
      ["a colleague who did not sign it", s.colleague.cookie],
      ["a preschool teacher", s.preschool.cookie],
      ["a coordinator", s.cookie.coordinator],
      ["steering", s.cookie.steering],
      ["staff of another municipality", other.cookie.staff],
      ["reception of another municipality", other.cookie.reception_worker],
    ] as const;
    for (const [who, cookie] of refused) {
      const page = await callRoute(newRoute.loader, { path: `/deviations/new?report=${s.report.id}`, cookie });
      expect(page.status, who).toBe(404);
      expect(page.data, who).toBeNull();
      const sent = await file(cookie, fileForm({ reportId: s.report.id }));
      expect(sent.status, who).toBe(404);
      expect(sent.data, who).toBeNull();
    }
    // Refused before the form is read: an invalid form on it is no different, so nothing tells it exists.
    expect((await file(s.colleague.cookie, { reportId: s.report.id, submissionKey: randomUUID() })).status).toBe(404);
    // Nor does an id that is no report at all look any different.
    expect((await file(s.colleague.cookie, fileForm({ reportId: randomUUID() }))).status).toBe(404);
    expect(await rowsOf(s.world.municipality.id)).toEqual([]);
    expect(await rowsOf(other.world.municipality.id)).toEqual([]);
    const denied = await getDb()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "access.denied"),
          eq(auditEvents.recordType, "report"),
          eq(auditEvents.recordId, s.report.id),
        ),
      );
    expect(denied.length).toBeGreaterThanOrEqual(refused.length * 2);
  });

  it("in general: under the filer's unit, or the one they choose among theirs", async () => {
    const s = await setup();
    const id = await filed(s.cookie.staff, fileForm({ kind: "no_feedback" }));
    const [row] = await rowsOf(s.world.municipality.id);
    expect(row).toMatchObject({ id, reportId: null, unitId: s.world.unit.school.id, kind: "no_feedback" });

    // Someone in two units says which; a unit that is not theirs is refused like none.
    await getDb().insert(memberships).values({
      municipalityId: s.world.municipality.id,
      userId: s.world.user.staff.id,
      unitId: s.world.unit.preschool.id,
      role: "staff",
    });
    for (const unitId of [undefined, s.world.unit.reception.id, "not-a-unit"]) {
      const refused = await file(s.cookie.staff, fileForm(unitId ? { unitId } : {}));
      expect(refused.status).toBe(200);
      expect(JSON.stringify(refused.data)).toContain("deviations:errors.unitRequired");
    }
    await filed(s.cookie.staff, fileForm({ unitId: s.world.unit.preschool.id }));
    const units = (await rowsOf(s.world.municipality.id)).map((r) => r.unitId).sort();
    expect(units).toEqual([s.world.unit.school.id, s.world.unit.preschool.id].sort());
  });

  it("sent twice (a double click, a resend): one deviation, and the same page both times", async () => {
    const s = await setup();
    const form = fileForm({ reportId: s.report.id });
    const [first, second] = await Promise.all([file(s.cookie.staff, form), file(s.cookie.staff, form)]);
    expect(first.status).toBe(302);
    expect(second.status).toBe(302);
    expect(second.location).toBe(first.location);
    const third = await file(s.cookie.staff, form);
    expect(third.location).toBe(first.location);
    expect(await rowsOf(s.world.municipality.id)).toHaveLength(1);
    // Someone else's key is no page of ours.
    expect((await file(s.cookie.principal, form)).status).toBe(400);
    expect(await rowsOf(s.world.municipality.id)).toHaveLength(1);
  });

  it("answers a wrong form with translated errors and stores nothing", async () => {
    const s = await setup();
    const empty = await file(s.cookie.staff, { kind: "", description: "  ", submissionKey: randomUUID() });
    expect(empty.status).toBe(200);
    const errors = (empty.data as { result: { error: Record<string, string[]> } }).result.error;
    expect(errors.kind).toEqual(["deviations:errors.kindRequired"]);
    expect(errors.description).toEqual(["deviations:errors.descriptionRequired"]);
    const long = await file(
      s.cookie.staff,
      fileForm({ description: "x".repeat(TEXT_LIMITS.deviationDescription + 1) }),
    );
    expect(JSON.stringify(long.data)).toContain("deviations:errors.tooLong");
    const number = await file(s.cookie.staff, fileForm({ description: "Gäller barnet 20160504-1234." }));
    expect(JSON.stringify(number.data)).toContain("deviations:errors.personalNumber");
    // A form without its key is no page of ours.
    expect((await file(s.cookie.staff, { kind: "other", description: "Text" })).status).toBe(400);
    expect(await rowsOf(s.world.municipality.id)).toEqual([]);

    for (const lang of ["sv", "en"]) {
      const texts = JSON.parse(readFileSync(`locales/${lang}/deviations.json`, "utf8"));
      for (const key of deviationErrorKeys) {
        const text = key
          .replace(/^deviations:/, "")
          .split(".")
          .reduce((o: Record<string, unknown> | undefined, k) => o?.[k] as never, texts);
        expect(typeof text, `${lang}: ${key}`).toBe("string");
      }
    }
  });
});

describe("handling a deviation", () => {
  async function withDeviation(s: Setup) {
    return filed(s.cookie.staff, fileForm({ reportId: s.report.id }));
  }

  it("the coordinator takes the steps in order, each with its note, each audited; the teacher sees it closed", async () => {
    const s = await setup();
    const id = await withDeviation(s);
    const notes = {
      investigate: "Mottagningen bekräftar att mötet ställdes in.",
      measure: "Rutinen för nya tider ses över.",
      follow_up: "Avstämning med skolan om en månad.",
      close: "Rutinen är ändrad.",
    };
    const statuses = ["investigating", "measuring", "following_up", "closed"];
    for (const [i, [name, note]] of Object.entries(notes).entries()) {
      const done = await step(s.cookie.coordinator, id, { step: name, note });
      expect(done.status, name).toBe(302);
      expect(done.location).toBe(`/deviations/${id}?notice=${name === "close" ? "closed" : "stepRecorded"}`);
      const [row] = await rowsOf(s.world.municipality.id);
      expect(row.status).toBe(statuses[i]);
    }
    const [row] = await rowsOf(s.world.municipality.id);
    expect(row.closedAt).not.toBeNull();
    const log = await getDb()
      .select()
      .from(agreementDeviationStepLog)
      .where(eq(agreementDeviationStepLog.deviationId, id))
      .orderBy(asc(agreementDeviationStepLog.at));
    expect(log.map((l) => [l.step, l.note, l.actorId])).toEqual(
      Object.entries(notes).map(([name, note]) => [name, note, s.world.user.coordinator.id]),
    );
    const audited = await getDb()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.recordType, "agreement_deviation"),
          eq(auditEvents.recordId, id),
          eq(auditEvents.action, "update"),
        ),
      )
      .orderBy(asc(auditEvents.id));
    expect(audited.map((a) => a.details)).toEqual(Object.keys(notes).map((name) => ({ step: name })));
    expect(audited.every((a) => a.userId === s.world.user.coordinator.id)).toBe(true);

    // Closed: nothing more, and nothing back.
    const again = await step(s.cookie.coordinator, id, { step: "investigate", note: "Igen." });
    expect(again.status).toBe(200);
    expect(JSON.stringify(again.data)).toContain("deviations:errors.stepTaken");

    // The teacher sees that it is closed and which steps were taken, not what the coordinator wrote, nor who.
    const mine = await show(s.cookie.staff, id);
    expect(mine.status).toBe(200);
    const view = mine.data as Detail & { deviation: { steps: { step: string; note: unknown; actorName: unknown }[] } };
    expect(view.deviation.status).toBe("closed");
    expect(view.deviation.steps.map((x) => x.step)).toEqual(Object.keys(notes));
    expect(view.deviation.steps.every((x) => x.note === null && x.actorName === null)).toBe(true);
    const text = JSON.stringify(mine.data);
    for (const note of Object.values(notes)) expect(text).not.toContain(note);
    expect(text).not.toContain(s.world.user.coordinator.name);
    expect(view.deviation.filerName).toBeNull();
  });

  it("may skip steps but not go back; a resent step is recorded once", async () => {
    const s = await setup();
    const id = await withDeviation(s);
    const measure = { step: "measure", note: "Rutinen ses över." };
    expect((await step(s.cookie.coordinator, id, measure)).status).toBe(302);
    expect((await step(s.cookie.coordinator, id, measure)).status).toBe(302);
    const back = await step(s.cookie.coordinator, id, { step: "investigate", note: "Utreds." });
    expect(JSON.stringify(back.data)).toContain("deviations:errors.stepTaken");
    expect((await step(s.cookie.coordinator, id, { step: "close", note: "Klart." })).status).toBe(302);
    const log = await getDb()
      .select({ step: agreementDeviationStepLog.step })
      .from(agreementDeviationStepLog)
      .where(eq(agreementDeviationStepLog.deviationId, id))
      .orderBy(asc(agreementDeviationStepLog.at));
    expect(log.map((l) => l.step)).toEqual(["measure", "close"]);
    // A step without its note is refused.
    const other = await withDeviation(s);
    const noNote = await step(s.cookie.coordinator, other, { step: "close", note: " " });
    expect(JSON.stringify(noNote.data)).toContain("deviations:errors.noteRequired");
    const [row] = (await rowsOf(s.world.municipality.id)).filter((r) => r.id === other);
    expect(row.status).toBe("open");
  });

  it("is for the coordinators only: the filer and everyone else are refused; another municipality's is not found", async () => {
    const s = await setup();
    const other = await setup("Grannstad");
    const id = await withDeviation(s);
    for (const role of [
      "staff",
      "principal",
      "reception_worker",
      "reception_lead",
      "investigator",
      "steering",
      "admin",
    ]) {
      const refused = await step(s.cookie[role as Role], id, { step: "close", note: "Klart." });
      expect(refused.status, role).toBe(403);
    }
    expect((await step(other.cookie.coordinator, id, { step: "close", note: "Klart." })).status).toBe(404);
    const [row] = await rowsOf(s.world.municipality.id);
    expect(row.status).toBe("open");
  });
});

describe("what a deviation shows", () => {
  it("to a coordinator who cannot read the report: the unit, the kind, the text and the filer, nothing of the report", async () => {
    const s = await setup();
    const id = await filed(s.cookie.staff, fileForm({ reportId: s.report.id }));
    const page = await show(s.cookie.coordinator, id);
    expect(page.status).toBe(200);
    const view = page.data as Detail & { deviation: { kind: string; unitName: string; description: string } };
    expect(view.deviation).toMatchObject({
      kind: "meeting_not_held",
      unitName: s.world.unit.school.name,
      description: "Mötet ställdes in och ingen ny tid gavs.",
      filerName: s.world.user.staff.name,
      report: null,
    });
    const listed = await list(s.cookie.coordinator);
    for (const text of [JSON.stringify(page.data), JSON.stringify(listed.data)]) {
      expect(text).not.toContain(s.report.reference);
      expect(text).not.toContain(s.report.id);
      expect(text).not.toContain(CHILD);
      expect(text).not.toContain(OBSERVED);
    }
    expect((listed.data as Listing).deviations.map((d) => d.id)).toEqual([id]);

    // A coordinator who also works in reception may read the report, and so sees its reference (never its content).
    await getDb().insert(memberships).values({
      municipalityId: s.world.municipality.id,
      userId: s.world.user.coordinator.id,
      unitId: s.world.unit.reception.id,
      role: "reception_worker",
    });
    const both = await show(s.cookie.coordinator, id);
    expect((both.data as Detail).deviation.report?.reference).toBe(s.report.reference);
    expect(JSON.stringify(both.data)).not.toContain(CHILD);
    expect(JSON.stringify(both.data)).not.toContain(OBSERVED);
  });

  it("to the filer, their own with the report's reference; to nobody else at all", async () => {
    const s = await setup();
    const other = await setup("Grannstad");
    const id = await filed(s.cookie.staff, fileForm({ reportId: s.report.id }));
    const mine = await show(s.cookie.staff, id);
    expect((mine.data as Detail).deviation.report?.reference).toBe(s.report.reference);
    expect(JSON.stringify(mine.data)).not.toContain(CHILD);
    // The principal may read the report, but the deviation is the teacher's: it does not exist for them.
    for (const [who, cookie] of [
      ["principal", s.cookie.principal],
      ["colleague", s.colleague.cookie],
      ["reception", s.cookie.reception_worker],
      ["steering", s.cookie.steering],
      ["admin", s.cookie.admin],
      ["another municipality's coordinator", other.cookie.coordinator],
    ] as const) {
      const refused = await show(cookie, id);
      expect(refused.status, who).toBe(404);
      expect(refused.data, who).toBeNull();
    }
  });

  it("in the lists: one's own for the filer, every one of the municipality for the coordinators, open first", async () => {
    const s = await setup();
    const other = await setup("Grannstad");
    const teachers = await filed(s.cookie.staff, fileForm({ reportId: s.report.id }));
    const principals = await filed(s.cookie.principal, fileForm({ kind: "no_feedback" }));
    const closed = await filed(s.cookie.staff, fileForm({ kind: "other" }));
    await filed(other.cookie.staff, fileForm());
    expect((await step(s.cookie.coordinator, closed, { step: "close", note: "Utan grund." })).status).toBe(302);
    // The closed one was filed last, yet comes after the open ones.
    await getDb()
      .update(agreementDeviations)
      .set({ filedAt: sql`now() + interval '1 hour'` })
      .where(eq(agreementDeviations.id, closed));

    const coordinator = (await list(s.cookie.coordinator)).data as Listing;
    expect(coordinator.deviations.map((d) => d.id)).toEqual([principals, teachers, closed]);
    expect(coordinator.deviations.every((d) => d.report === null)).toBe(true);
    const teacher = (await list(s.cookie.staff)).data as Listing;
    expect(teacher.deviations.map((d) => d.id).sort()).toEqual([teachers, closed].sort());
    expect(teacher.deviations.find((d) => d.id === teachers)?.report?.reference).toBe(s.report.reference);
    expect(((await list(s.colleague.cookie)).data as Listing).deviations).toEqual([]);
  });
});
