import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, checkIns, type Role } from "#db/schema";
import { checkInErrorKeys } from "~/domain/check-in-schema";
import { addCalendarDays, stockholmDate } from "~/domain/deadlines";
import { TEXT_LIMITS } from "~/domain/text-limits";
import { navigationFor } from "~/lib/navigation.server";
import { checkInCounts } from "~/models/check-in.server";
import { yearlyReport } from "~/models/stats-report.server";
import { getCurrentUser } from "~/models/user.server";
import * as detailRoute from "~/routes/check-ins.$checkInId";
import * as listRoute from "~/routes/check-ins._index";
import * as statsRoute from "~/routes/stats._index";
import { createWorld, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";

/**
 * Check-ins with units (issue 21, item 7): a coordinator plans one with a unit the radar names (once per form), records
 * it held (the day, who came, the actions agreed) or cancels it; nobody else may, and another municipality's do not
 * exist here. The yearly report counts those planned for a day of the year (not cancelled) against those held in it.
 */

async function setup(name = "Avstämningsstad") {
  const world = await createWorld(name);
  const cookie = {} as Record<Role, string>;
  for (const role of Object.keys(world.user) as Role[]) cookie[role] = await sessionCookieFor(world.user[role]);
  return { world, cookie };
}

const planForm = (unitId: string, fields: Record<string, string> = {}) => ({
  unitId,
  reason: "under_reporting",
  plannedFor: "2026-03-10",
  submissionKey: randomUUID(),
  ...fields,
});

const plan = (cookie: string, form: Record<string, string>) =>
  callRoute(listRoute.action, { path: "/check-ins", method: "POST", cookie, form });

async function planned(cookie: string, form: Record<string, string>) {
  const result = await plan(cookie, form);
  expect(result.status, JSON.stringify(result.data)).toBe(302);
  const id = /^\/check-ins\/([0-9a-f-]{36})\?notice=planned$/.exec(result.location ?? "")?.[1];
  if (!id) throw new Error(`no check-in in ${result.location}`);
  return id;
}

const record = (cookie: string, id: string, form: Record<string, string>) =>
  callRoute(detailRoute.action, {
    path: `/check-ins/${id}`,
    params: { checkInId: id },
    method: "POST",
    cookie,
    form,
  });

const heldForm = (fields: Record<string, string> = {}) => ({
  intent: "held",
  heldOn: "2026-03-11",
  attendees: "Rektor Anna Berg, kurator, samordnare",
  agreedActions: "Skolan går utbildningen om anmälningsplikt i april.",
  ...fields,
});

const rowOf = async (id: string) => (await getDb().select().from(checkIns).where(eq(checkIns.id, id)))[0];

const auditOf = (id: string) =>
  getDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.recordType, "check_in"), eq(auditEvents.recordId, id)));

type Errors = { result: { error: Record<string, string[]> } };

describe("planning a check-in", () => {
  it("from the radar: the unit listed there, the link shown to coordinators only, the form filled in", async () => {
    const s = await setup();
    const school = s.world.unit.school.id;
    // A fresh school has neither reports nor calls: the radar lists it as silent.
    const stats = await callRoute(statsRoute.loader, { path: "/stats", cookie: s.cookie.coordinator });
    const data = stats.data as { canPlanCheckIn: boolean; radar: { underReporting: { id: string }[] } };
    expect(data.canPlanCheckIn).toBe(true);
    expect(data.radar.underReporting.map((u) => u.id)).toContain(school);
    const steering = await callRoute(statsRoute.loader, { path: "/stats", cookie: s.cookie.steering });
    expect((steering.data as { canPlanCheckIn: boolean }).canPlanCheckIn).toBe(false);

    const page = await callRoute(listRoute.loader, {
      path: `/check-ins?unit=${school}&reason=under_reporting`,
      cookie: s.cookie.coordinator,
    });
    expect(page.status).toBe(200);
    expect((page.data as { prefill: unknown }).prefill).toEqual({ unitId: school, reason: "under_reporting" });

    const id = await planned(s.cookie.coordinator, planForm(school));
    expect(await rowOf(id)).toMatchObject({
      municipalityId: s.world.municipality.id,
      unitId: school,
      reason: "under_reporting",
      plannedFor: "2026-03-10",
      plannedById: s.world.user.coordinator.id,
      status: "planned",
      heldOn: null,
    });
    const [entry] = await auditOf(id);
    expect(entry).toMatchObject({ action: "create", details: { reason: "under_reporting" } });
  });

  it("a form sent twice plans one check-in, and both sends lead to it", async () => {
    const s = await setup();
    const form = planForm(s.world.unit.preschool.id);
    const first = await planned(s.cookie.coordinator, form);
    const second = await planned(s.cookie.coordinator, form);
    expect(second).toBe(first);
    const rows = await getDb().select().from(checkIns).where(eq(checkIns.municipalityId, s.world.municipality.id));
    expect(rows).toHaveLength(1);
    expect(await auditOf(first)).toHaveLength(1);
  });

  it("refuses an empty form with translated errors, and a form without its key", async () => {
    const s = await setup();
    const refused = await plan(s.cookie.coordinator, {
      unitId: "",
      reason: "",
      plannedFor: "",
      submissionKey: randomUUID(),
    });
    expect(refused.status).toBe(200);
    const errors = (refused.data as Errors).result.error;
    expect(errors.unitId).toEqual(["checkIns:errors.unitRequired"]);
    expect(errors.reason).toEqual(["checkIns:errors.reasonRequired"]);
    expect(errors.plannedFor).toEqual(["checkIns:errors.dateRequired"]);
    const badDate = await plan(s.cookie.coordinator, planForm(s.world.unit.school.id, { plannedFor: "2026-02-30" }));
    expect((badDate.data as Errors).result.error.plannedFor).toEqual(["common:dates.invalid"]);
    const noKey = await plan(s.cookie.coordinator, { ...planForm(s.world.unit.school.id), submissionKey: "" });
    expect(noKey.status).toBe(400);
    const rows = await getDb().select().from(checkIns).where(eq(checkIns.municipalityId, s.world.municipality.id));
    expect(rows).toHaveLength(0);
  });

  it("every error key is in both languages", () => {
    for (const lang of ["sv", "en"]) {
      const texts = JSON.parse(readFileSync(`locales/${lang}/check-ins.json`, "utf8"));
      for (const key of checkInErrorKeys) expect(texts.errors[key.split(".").pop() as string], key).toBeTruthy();
    }
  });
});

describe("recording a check-in", () => {
  it("held: the day, who came and the actions agreed, once; audited without the texts", async () => {
    const s = await setup();
    const id = await planned(s.cookie.coordinator, planForm(s.world.unit.school.id));
    const done = await record(s.cookie.coordinator, id, heldForm());
    expect(done.status).toBe(302);
    expect(done.location).toBe(`/check-ins/${id}?notice=held`);
    expect(await rowOf(id)).toMatchObject({
      status: "held",
      heldOn: "2026-03-11",
      attendees: "Rektor Anna Berg, kurator, samordnare",
      agreedActions: "Skolan går utbildningen om anmälningsplikt i april.",
      recordedById: s.world.user.coordinator.id,
    });
    // The same form again: answered as the first time, recorded once.
    expect((await record(s.cookie.coordinator, id, heldForm())).status).toBe(302);
    const entries = await auditOf(id);
    const updates = entries.filter((e) => e.action === "update");
    expect(updates).toHaveLength(1);
    expect(updates[0].details).toEqual({ status: "held" });
    // Once held it cannot be cancelled.
    const cancel = await record(s.cookie.coordinator, id, { intent: "cancel", confirm: "yes" });
    expect((cancel.data as Errors).result.error[""]).toEqual(["checkIns:errors.alreadyRecorded"]);
    expect((await rowOf(id)).status).toBe("held");

    const shown = await callRoute(detailRoute.loader, {
      path: `/check-ins/${id}`,
      params: { checkInId: id },
      cookie: s.cookie.coordinator,
    });
    expect((shown.data as { checkIn: { attendees: string } }).checkIn.attendees).toContain("Anna Berg");
  });

  it("refuses what is missing, too long, a future day or a personal identity number", async () => {
    const s = await setup();
    const id = await planned(s.cookie.coordinator, planForm(s.world.unit.school.id));
    const empty = await record(s.cookie.coordinator, id, {
      intent: "held",
      heldOn: "",
      attendees: "",
      agreedActions: "",
    });
    expect((empty.data as Errors).result.error).toMatchObject({
      heldOn: ["checkIns:errors.heldOnRequired"],
      attendees: ["checkIns:errors.attendeesRequired"],
      agreedActions: ["checkIns:errors.actionsRequired"],
    });
    const long = await record(
      s.cookie.coordinator,
      id,
      heldForm({ attendees: "x".repeat(TEXT_LIMITS.checkInAttendees + 1) }),
    );
    expect((long.data as Errors).result.error.attendees).toEqual(["checkIns:errors.tooLong"]);
    const future = addCalendarDays(stockholmDate(new Date()), 2);
    const ahead = await record(s.cookie.coordinator, id, heldForm({ heldOn: future }));
    expect((ahead.data as Errors).result.error.heldOn).toEqual(["checkIns:errors.heldInFuture"]);
    const pnr = await record(s.cookie.coordinator, id, heldForm({ agreedActions: "Följ upp 150312-1234." }));
    expect((pnr.data as Errors).result.error.agreedActions).toEqual(["checkIns:errors.personalNumber"]);
    expect((await record(s.cookie.coordinator, id, { intent: "other" })).status).toBe(400);
    expect(await rowOf(id)).toMatchObject({ status: "planned", attendees: null });
  });

  it("is cancelled only when the coordinator confirms it: it cannot be undone", async () => {
    const s = await setup();
    const id = await planned(s.cookie.coordinator, planForm(s.world.unit.school.id));
    const unconfirmed = await record(s.cookie.coordinator, id, { intent: "cancel" });
    expect(unconfirmed.status).toBe(200);
    expect((unconfirmed.data as Errors).result.error.confirm).toEqual(["checkIns:errors.confirmCancel"]);
    expect((await rowOf(id)).status).toBe("planned");
  });

  it("cancelled: recorded once, and then not held", async () => {
    const s = await setup();
    const id = await planned(s.cookie.coordinator, planForm(s.world.unit.school.id));
    const cancelled = await record(s.cookie.coordinator, id, { intent: "cancel", confirm: "yes" });
    expect(cancelled.location).toBe(`/check-ins/${id}?notice=cancelled`);
    expect((await record(s.cookie.coordinator, id, { intent: "cancel", confirm: "yes" })).status).toBe(302);
    const held = await record(s.cookie.coordinator, id, heldForm());
    expect((held.data as Errors).result.error[""]).toEqual(["checkIns:errors.alreadyRecorded"]);
    expect(await rowOf(id)).toMatchObject({
      status: "cancelled",
      heldOn: null,
      recordedById: s.world.user.coordinator.id,
    });
    expect((await auditOf(id)).filter((e) => e.action === "update")).toHaveLength(1);
  });

  it("lists planned first (soonest first), then held", async () => {
    const s = await setup();
    const school = s.world.unit.school.id;
    const held = await planned(s.cookie.coordinator, planForm(school, { plannedFor: "2026-01-10" }));
    await record(s.cookie.coordinator, held, heldForm({ heldOn: "2026-01-10" }));
    const later = await planned(s.cookie.coordinator, planForm(school, { plannedFor: "2026-05-01" }));
    const sooner = await planned(s.cookie.coordinator, planForm(school, { plannedFor: "2026-04-01" }));
    const list = await callRoute(listRoute.loader, { path: "/check-ins", cookie: s.cookie.coordinator });
    expect((list.data as { checkIns: { id: string }[] }).checkIns.map((c) => c.id)).toEqual([sooner, later, held]);
  });
});

describe("who may", () => {
  it("only coordinators: a 403 for every other role, on the list, the form and a check-in", async () => {
    const s = await setup();
    const id = await planned(s.cookie.coordinator, planForm(s.world.unit.school.id));
    for (const role of Object.keys(s.cookie) as Role[]) {
      if (role === "coordinator") continue;
      const cookie = s.cookie[role];
      expect((await callRoute(listRoute.loader, { path: "/check-ins", cookie })).status, role).toBe(403);
      expect((await plan(cookie, planForm(s.world.unit.school.id))).status, role).toBe(403);
      const detail = { path: `/check-ins/${id}`, params: { checkInId: id }, cookie };
      expect((await callRoute(detailRoute.loader, detail)).status, role).toBe(403);
      expect((await record(cookie, id, { intent: "cancel", confirm: "yes" })).status, role).toBe(403);
      expect(navigationFor(await currentUser(s.world.user[role])).map((i) => i.to)).not.toContain("/check-ins");
    }
    expect(navigationFor(await currentUser(s.world.user.coordinator)).map((i) => i.to)).toContain("/check-ins");
    expect((await rowOf(id)).status).toBe("planned");
  });

  it("another municipality's check-in and unit do not exist here", async () => {
    const s = await setup();
    const other = await setup("Grannkommun");
    const theirs = await planned(other.cookie.coordinator, planForm(other.world.unit.school.id));
    const detail = { path: `/check-ins/${theirs}`, params: { checkInId: theirs }, cookie: s.cookie.coordinator };
    expect((await callRoute(detailRoute.loader, detail)).status).toBe(404);
    expect((await record(s.cookie.coordinator, theirs, heldForm())).status).toBe(404);
    expect((await rowOf(theirs)).status).toBe("planned");
    const foreignUnit = `/check-ins?unit=${other.world.unit.school.id}&reason=many_reports`;
    expect((await callRoute(listRoute.loader, { path: foreignUnit, cookie: s.cookie.coordinator })).status).toBe(404);
    expect((await plan(s.cookie.coordinator, planForm(other.world.unit.school.id))).status).toBe(404);
    const list = await callRoute(listRoute.loader, { path: "/check-ins", cookie: s.cookie.coordinator });
    expect((list.data as { checkIns: unknown[] }).checkIns).toHaveLength(0);
  });
});

async function currentUser(u: { id: string; municipalityId: string }) {
  const user = await getCurrentUser(u.id, u.municipalityId);
  if (!user) throw new Error("no user");
  return user;
}

describe("the yearly report", () => {
  /**
   * By hand: 2025 has 7 planned for a day of 2025 (one more is cancelled, one is planned for 2026), 5 of them held in
   * 2025 and one planned in 2025 but held on 2026-01-08; 2024 has 2 planned, 1 held. Another municipality: 6 in 2025.
   */
  it("counts check-ins planned for the year (not cancelled) against those held in it, small counts hidden", async () => {
    const s = await setup();
    const other = await setup("Annanstad");
    const c = s.cookie.coordinator;
    const school = s.world.unit.school.id;
    const plannedOn = async (day: string) => planned(c, planForm(school, { plannedFor: day }));
    for (let i = 0; i < 5; i++) {
      const id = await plannedOn(`2025-0${i + 3}-10`);
      expect((await record(c, id, heldForm({ heldOn: `2025-0${i + 3}-12` }))).status).toBe(302);
    }
    const lateHeld = await plannedOn("2025-12-15");
    await record(c, lateHeld, heldForm({ heldOn: "2026-01-08" }));
    await plannedOn("2025-11-20");
    await record(c, await plannedOn("2025-10-01"), { intent: "cancel", confirm: "yes" });
    await plannedOn("2026-02-01");
    const held2024 = await plannedOn("2024-05-05");
    await record(c, held2024, heldForm({ heldOn: "2024-05-06" }));
    await plannedOn("2024-09-09");
    for (let i = 0; i < 6; i++) {
      const id = await planned(
        other.cookie.coordinator,
        planForm(other.world.unit.school.id, { plannedFor: "2025-06-01" }),
      );
      await record(other.cookie.coordinator, id, heldForm({ heldOn: "2025-06-01" }));
    }

    const user = await currentUser(s.world.user.coordinator);
    expect(await checkInCounts(user, { from: "2025-01-01", to: "2025-12-31" })).toEqual({ planned: 7, held: 5 });
    expect(await checkInCounts(user, { from: "2024-01-01", to: "2024-12-31" })).toEqual({ planned: 2, held: 1 });
    expect(await checkInCounts(user, { from: "2026-01-01", to: "2026-12-31" })).toEqual({ planned: 1, held: 1 });

    const report = await yearlyReport(user, 2025);
    const figure = (key: string) => report.figures.find((f) => f.key === key);
    expect(figure("checkInsPlanned")).toMatchObject({ current: 7, previous: null, change: null });
    expect(figure("checkInsHeld")).toMatchObject({ current: 5, previous: null });
  });
});
