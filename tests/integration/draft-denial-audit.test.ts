import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, reportDrafts, reports } from "#db/schema";
import { saveReportDraft } from "~/models/report.server";
import { getCurrentUser } from "~/models/user.server";
import * as newRoute from "~/routes/reports.new";
import { createUser, createWorld, reportFormFields, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";

/**
 * Issue 22 item 5: a draft holds the child's identity, so a request for someone else's draft is a denial like any
 * other: a 404 that says nothing, and an audit row (app/server/auth.server.ts recordNotFound) that says who tried.
 */

const CHILD = { childName: "Utkast Hemligsson", childPersonalNumber: "20170409-2383", observations: "Blåmärke." };

async function setup() {
  const world = await createWorld();
  const other = await createWorld("Annanstad");
  const m = world.municipality.id;
  const author = (await getCurrentUser(world.user.staff.id, m))!;
  const draftId = randomUUID();
  expect(await saveReportDraft(author, draftId, CHILD)).toEqual({ state: "saved" });
  const [before] = await getDb().select().from(reportDrafts).where(eq(reportDrafts.id, draftId));
  const sameUnit = await createUser({ municipalityId: m, unitId: world.unit.school.id, role: "staff" });
  const otherUnit = await createUser({ municipalityId: m, unitId: world.unit.preschool.id, role: "staff" });
  const intruders = {
    "a colleague of the same unit": sameUnit,
    "a staff member of another unit": otherUnit,
    "the same unit's principal": world.user.principal,
    "a staff member of another municipality": other.user.staff,
  };
  return { world, draftId, before, intruders };
}

/** The requests one can make of a draft on /reports/new, each as the page makes it. */
const requests = (world: Awaited<ReturnType<typeof createWorld>>, draftId: string) => ({
  open: (cookie: string) => callRoute(newRoute.loader, { path: `/reports/new?draft=${draftId}`, cookie }),
  autosave: (cookie: string) =>
    callRoute(newRoute.action, {
      path: `/reports/new?draft=${draftId}`,
      cookie,
      method: "POST",
      form: { draftId, intent: "autosave", childName: "Inkräktare" },
    }),
  save: (cookie: string) =>
    callRoute(newRoute.action, {
      path: `/reports/new?draft=${draftId}`,
      cookie,
      method: "POST",
      form: { draftId, intent: "save", childName: "Inkräktare" },
    }),
  discard: (cookie: string) =>
    callRoute(newRoute.action, {
      path: `/reports/new?draft=${draftId}`,
      cookie,
      method: "POST",
      form: { draftId, intent: "discard" },
    }),
  // A complete, valid report: refused by submitReport itself, not by the form's checks.
  submit: (cookie: string) =>
    callRoute(newRoute.action, {
      path: `/reports/new?draft=${draftId}`,
      cookie,
      method: "POST",
      form: { ...reportFormFields(world), draftId, intent: "submit" },
    }),
});

const eventsOf = (userId: string) =>
  getDb().select().from(auditEvents).where(eq(auditEvents.userId, userId)).orderBy(asc(auditEvents.id));

describe("someone else's report draft", () => {
  it("answers every request with 404 and audits each as a denial, without the draft's content", async () => {
    const { world, draftId, before, intruders } = await setup();
    const calls = requests(world, draftId);
    for (const [who, intruder] of Object.entries(intruders)) {
      const cookie = await sessionCookieFor(intruder);
      for (const [what, call] of Object.entries(calls)) {
        const since = (await eventsOf(intruder.id)).length;
        const answer = await call(cookie);
        expect(answer.status, `${who}: ${what}`).toBe(404);
        const written = (await eventsOf(intruder.id)).slice(since);
        expect(written, `${who}: ${what}`).toEqual([
          expect.objectContaining({
            action: "access.denied",
            userId: intruder.id,
            municipalityId: intruder.municipalityId,
            recordType: "report_draft",
            recordId: draftId,
            details: { reason: "not found", path: "/reports/new" },
          }),
        ]);
        const text = JSON.stringify(written);
        for (const value of [...Object.values(CHILD), "Inkräktare", "Saga Testsson"])
          expect(text, `${who}: ${what}`).not.toContain(value);
      }
    }

    // The author's draft is as it was, and no report came of it.
    const [after] = await getDb().select().from(reportDrafts).where(eq(reportDrafts.id, draftId));
    expect(after).toEqual(before);
    expect(await getDb().select().from(reports).where(eq(reports.sourceDraftId, draftId))).toEqual([]);
    // Nobody but the author has a draft row or a draft change in the log.
    const changes = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordType, "report_draft"), eq(auditEvents.recordId, draftId)));
    expect(changes.filter((e) => e.action !== "access.denied").map((e) => [e.userId, e.action])).toEqual([
      [world.user.staff.id, "update"],
    ]);
  });

  it("still opens, saves and discards the author's own draft without a denial", async () => {
    const { world, draftId } = await setup();
    const cookie = await sessionCookieFor(world.user.staff);
    const calls = requests(world, draftId);
    expect((await calls.open(cookie)).status).toBe(200);
    expect((await calls.autosave(cookie)).status).toBe(200);
    expect((await calls.discard(cookie)).status).toBe(302);
    const denials = (await eventsOf(world.user.staff.id)).filter((e) => e.action === "access.denied");
    expect(denials).toEqual([]);
  });
});
