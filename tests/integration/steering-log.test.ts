import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, steeringActions, steeringMeetings } from "#db/schema";
import { stockholmDate } from "~/domain/deadlines";
import { steeringFigures } from "~/domain/steering-log";
import { steeringErrorKeys } from "~/domain/steering-log-schema";
import * as meetingRoute from "~/routes/steering.$meetingId";
import * as listRoute from "~/routes/steering._index";
import * as newRoute from "~/routes/steering.new";
import * as reportRoute from "~/routes/stats.report";
import { createWorld, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";

/**
 * The steering group's log (issue 21, item 8), through the routes as a browser without JavaScript sends the forms:
 * a meeting (once per form), its agenda items with the figure discussed, actions with owner and due date that stay
 * on the list until closed, and the yearly report's part. Chosen here: the group and the coordinators write the log,
 * administrators read it; an action's owner is one of the municipality's group members or coordinators.
 */

async function setup(name = "Styrstad") {
  const world = await createWorld(name);
  return {
    world,
    steering: await sessionCookieFor(world.user.steering),
    coordinator: await sessionCookieFor(world.user.coordinator),
    admin: await sessionCookieFor(world.user.admin),
    staff: await sessionCookieFor(world.user.staff),
    reception: await sessionCookieFor(world.user.reception_worker),
  };
}

const today = () => stockholmDate(new Date());

async function newMeeting(cookie: string, form: Record<string, string> = {}) {
  const sent = { heldOn: today(), title: "Styrgruppsmöte", submissionKey: randomUUID(), ...form };
  const result = await callRoute(newRoute.action, { path: "/steering/new", method: "POST", cookie, form: sent });
  expect(result.status, JSON.stringify(result.data)).toBe(302);
  const id = /^\/steering\/([0-9a-f-]{36})$/.exec(result.location ?? "")?.[1];
  if (!id) throw new Error(`no meeting in ${result.location}`);
  return { id, sent };
}

const post = (cookie: string, meetingId: string, form: Record<string, string>) =>
  callRoute(meetingRoute.action, {
    path: `/steering/${meetingId}`,
    params: { meetingId },
    method: "POST",
    cookie,
    form,
  });

const show = async (cookie: string, meetingId: string) => {
  const result = await callRoute(meetingRoute.loader, {
    path: `/steering/${meetingId}`,
    params: { meetingId },
    cookie,
  });
  expect(result.status).toBe(200);
  return result.data as Awaited<ReturnType<typeof meetingRoute.loader>>;
};

const list = async (cookie: string) => {
  const result = await callRoute(listRoute.loader, { path: "/steering", cookie });
  expect(result.status).toBe(200);
  return result.data as Awaited<ReturnType<typeof listRoute.loader>>;
};

const itemForm = (fields: Record<string, string> = {}) => ({
  intent: "item",
  title: "Återkoppling inom tre dagar",
  figure: "feedback",
  notes: "Andelen i tid sjönk under hösten.",
  decision: "Mottagningen rapporterar läget varje månad.",
  submissionKey: randomUUID(),
  ...fields,
});

describe("the steering log", () => {
  it("records a meeting once per form, newest first on the list", async () => {
    const s = await setup();
    const older = await newMeeting(s.steering, { heldOn: "2026-02-03", title: "Februari" });
    const { id, sent } = await newMeeting(s.coordinator, { title: "December" });
    // The same form sent again: the first one's meeting, no second row.
    const again = await callRoute(newRoute.action, {
      path: "/steering/new",
      method: "POST",
      cookie: s.coordinator,
      form: sent,
    });
    expect(again.location).toBe(`/steering/${id}`);
    const rows = await getDb()
      .select()
      .from(steeringMeetings)
      .where(eq(steeringMeetings.municipalityId, s.world.municipality.id));
    expect(rows).toHaveLength(2);
    const data = await list(s.admin);
    expect(data.meetings.map((m) => m.id)).toEqual([id, older.id]);
    expect(data.writes).toBe(false);
    const audited = await getDb()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.recordType, "steering_meeting"),
          eq(auditEvents.action, "create"),
          eq(auditEvents.recordId, id),
        ),
      );
    expect(audited).toHaveLength(1);
  });

  it("refuses a meeting without a title or with a day that does not exist, keeping what was typed", async () => {
    const s = await setup();
    const form = { heldOn: "2026-02-30", title: "", submissionKey: randomUUID() };
    const result = await callRoute(newRoute.action, {
      path: "/steering/new",
      method: "POST",
      cookie: s.steering,
      form,
    });
    expect(result.status).toBe(200);
    expect(result.data).toEqual({
      error: { heldOn: "steering:errors.dateInvalid", title: "steering:errors.titleRequired" },
      values: { heldOn: "2026-02-30", title: "" },
    });
    const noKey = await callRoute(newRoute.action, {
      path: "/steering/new",
      method: "POST",
      cookie: s.steering,
      form: { heldOn: "2026-02-03", title: "Utan nyckel" },
    });
    expect(noKey.status).toBe(400);
  });

  it("adds agenda items in order with the figure they link to, once per form", async () => {
    const s = await setup();
    const { id } = await newMeeting(s.steering);
    const first = itemForm();
    expect((await post(s.steering, id, first)).status).toBe(302);
    expect((await post(s.steering, id, first)).status).toBe(302);
    expect((await post(s.coordinator, id, itemForm({ title: "Övrigt", figure: "", decision: "" }))).status).toBe(302);
    const refused = await post(s.steering, id, itemForm({ figure: "not-a-figure" }));
    expect(refused.data).toMatchObject({
      refused: { intent: "item", error: { figure: "steering:errors.figureInvalid" } },
    });
    const data = await show(s.steering, id);
    expect(data.items.map((i) => [i.position, i.title, i.figure])).toEqual([
      [1, "Återkoppling inom tre dagar", "feedback"],
      [2, "Övrigt", null],
    ]);
    expect(data.items[0].decision).toBe("Mottagningen rapporterar läget varje månad.");
  });

  it("keeps an action with owner and due date on the open list until it is closed", async () => {
    const s = await setup();
    const { id } = await newMeeting(s.steering);
    await post(s.steering, id, itemForm());
    const [item] = (await show(s.steering, id)).items;
    const owners = (await show(s.steering, id)).owners;
    expect(owners.map((o) => o.id).sort()).toEqual([s.world.user.coordinator.id, s.world.user.steering.id].sort());
    // Staff are no owners, whatever the form says.
    const wrongOwner = await post(s.steering, id, {
      intent: "action",
      description: "Ta fram underlag",
      ownerId: s.world.user.staff.id,
      dueOn: "2027-01-15",
      submissionKey: randomUUID(),
    });
    expect(wrongOwner.data).toMatchObject({ refused: { error: { ownerId: "steering:errors.ownerInvalid" } } });
    const form = {
      intent: "action",
      description: "Ta fram underlag om återkopplingen",
      ownerId: s.world.user.coordinator.id,
      dueOn: "2020-01-15",
      agendaItemId: item.id,
      submissionKey: randomUUID(),
    };
    expect((await post(s.steering, id, form)).status).toBe(302);
    expect((await post(s.steering, id, form)).status).toBe(302);
    const open = (await list(s.coordinator)).openActions;
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      description: "Ta fram underlag om återkopplingen",
      ownerName: s.world.user.coordinator.name,
      dueOn: "2020-01-15",
      overdue: true,
      meetingId: id,
    });
    const close = { intent: "close", actionId: open[0].id, closingNote: "Underlaget presenterat." };
    expect((await post(s.coordinator, id, close)).status).toBe(302);
    // Closed twice (a resent form): still closed, once.
    expect((await post(s.steering, id, close)).status).toBe(302);
    expect((await list(s.coordinator)).openActions).toHaveLength(0);
    const [row] = await getDb().select().from(steeringActions).where(eq(steeringActions.id, open[0].id));
    expect(row.closedById).toBe(s.world.user.coordinator.id);
    expect(row.closingNote).toBe("Underlaget presenterat.");
    const shown = (await show(s.admin, id)).actions;
    expect(shown[0].closedAt).not.toBeNull();
    // An action that is not this meeting's: 404.
    expect((await post(s.steering, id, { ...close, actionId: randomUUID() })).status).toBe(404);
  });

  it("is the group's and the coordinators': staff 403, administrators only read, another municipality 404", async () => {
    const s = await setup();
    const other = await setup("Annanstad");
    const { id } = await newMeeting(s.steering);
    expect((await callRoute(listRoute.loader, { path: "/steering", cookie: s.staff })).status).toBe(403);
    expect((await callRoute(listRoute.loader, { path: "/steering", cookie: s.reception })).status).toBe(403);
    expect((await callRoute(newRoute.loader, { path: "/steering/new", cookie: s.admin })).status).toBe(403);
    expect((await post(s.admin, id, itemForm())).status).toBe(403);
    expect((await post(s.staff, id, itemForm())).status).toBe(403);
    expect(
      (
        await callRoute(meetingRoute.loader, {
          path: `/steering/${id}`,
          params: { meetingId: id },
          cookie: other.steering,
        })
      ).status,
    ).toBe(404);
    expect((await post(other.steering, id, itemForm())).status).toBe(404);
    expect((await list(other.steering)).meetings).toHaveLength(0);
  });

  it("prints the year's meetings with their decisions and the actions open at the year's end in the yearly report", async () => {
    const s = await setup();
    const year = Number(today().slice(0, 4));
    const { id } = await newMeeting(s.steering, { heldOn: `${year}-03-10`, title: "Vårens möte" });
    await newMeeting(s.steering, { heldOn: `${year - 1}-11-10`, title: "Förra årets möte" });
    await post(s.steering, id, itemForm());
    await post(s.steering, id, {
      intent: "action",
      description: "Följ upp återkopplingen",
      ownerId: s.world.user.steering.id,
      dueOn: `${year + 1}-02-01`,
      submissionKey: randomUUID(),
    });
    const result = await callRoute(reportRoute.loader, { path: `/stats/report?year=${year}`, cookie: s.steering });
    expect(result.status).toBe(200);
    const data = result.data as Awaited<ReturnType<typeof reportRoute.loader>>;
    expect(data.steering?.meetings.map((m) => m.title)).toEqual(["Vårens möte"]);
    expect(data.steering?.meetings[0].decisions.map((d) => d.decision)).toEqual([
      "Mottagningen rapporterar läget varje månad.",
    ]);
    expect(data.steering?.openActions.map((a) => [a.description, a.ownerName])).toEqual([
      ["Följ upp återkopplingen", s.world.user.steering.name],
    ]);
    // Reception reads the figures but not the group's log.
    const reception = await callRoute(reportRoute.loader, { path: `/stats/report?year=${year}`, cookie: s.reception });
    expect((reception.data as typeof data).steering).toBeNull();
  });

  it("has every text in both languages", () => {
    for (const locale of ["sv", "en"]) {
      const texts = JSON.parse(readFileSync(`locales/${locale}/steering.json`, "utf8"));
      const at = (key: string) => key.split(".").reduce((o, k) => o?.[k], texts);
      for (const key of steeringErrorKeys)
        expect(at(key.replace("steering:", "")), `${locale} ${key}`).toBeTypeOf("string");
      for (const figure of steeringFigures) expect(at(`figures.${figure}`), `${locale} ${figure}`).toBeTypeOf("string");
    }
  });
});
