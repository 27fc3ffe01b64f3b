import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents } from "#db/schema";
import { hasFeed } from "~/models/calendar-feed.server";
import { deactivateUser, getCurrentUser, reactivateUser } from "~/models/user.server";
import * as feedRoute from "~/routes/calendar.$token[.ics]";
import * as mineRoute from "~/routes/trainings.mine";
import { createUser, createWorld, sessionCookieFor, testContext } from "../factories";
import { callRoute } from "../routes";

/**
 * Issue 22 item 6: a calendar link must not come back to life when a deactivated account is reactivated, and the
 * person can renew their own link (the old one dead at once, the new one shown once).
 */

/** The public route, called the way Remix calls it; a thrown Response is the answer too. */
async function getFeed(token: string) {
  try {
    return (await feedRoute.loader({
      request: new Request(`http://localhost/calendar/${token}.ics`),
      params: { token },
      context: testContext(),
    })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** What the link answers, in the terms a calendar app sees: status, headers that matter, body. */
async function answerOf(token: string) {
  const response = await getFeed(token);
  return {
    status: response.status,
    type: response.headers.get("Content-Type"),
    cache: response.headers.get("Cache-Control"),
    body: await response.text(),
  };
}

const UNKNOWN = "A".repeat(43);

const post = (cookie: string, form: Record<string, string>) =>
  callRoute(mineRoute.action, { path: "/trainings/mine", cookie, method: "POST", form });

/** The token of the link a POST answered with. */
function tokenOf(answer: { data: unknown }) {
  const url = (answer.data as { feedUrl: string }).feedUrl;
  return url.match(/\/calendar\/([A-Za-z0-9_-]{43})\.ics$/)![1];
}

const feedEntries = (userId: string) =>
  getDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.recordType, "calendar_feed"), eq(auditEvents.recordId, userId)))
    .orderBy(asc(auditEvents.id));

const changesOf = async (userId: string) =>
  (await feedEntries(userId)).filter((e) => e.action === "update").map((e) => [e.userId, e.details]);

async function setup() {
  const world = await createWorld();
  const m = world.municipality.id;
  const admin = (await getCurrentUser(world.user.admin.id, m))!;
  return { world, admin, teacher: world.user.staff };
}

describe("a calendar link and a reactivated account", () => {
  it("keeps the old link dead after reactivation, answered as an unknown link is; a link made after works", async () => {
    const { world, admin, teacher } = await setup();
    const first = tokenOf(await post(await sessionCookieFor(teacher), { intent: "create" }));
    expect((await getFeed(first)).status).toBe(200);

    expect(await deactivateUser(admin, { userId: teacher.id })).toBe(true);
    expect((await getFeed(first)).status).toBe(404);
    expect(await reactivateUser(admin, { userId: teacher.id })).toBe(true);
    // Back in service, the old link is an unknown link in every respect.
    expect(await answerOf(first)).toEqual(await answerOf(UNKNOWN));
    expect((await answerOf(UNKNOWN)).status).toBe(404);
    // The page tells the person they have no link, so they know to make a new one.
    const cookie = await sessionCookieFor(teacher);
    const page = await callRoute(mineRoute.loader, { path: "/trainings/mine", cookie });
    expect(page.data).toMatchObject({ feedCreatedAt: null });
    expect(await hasFeed(teacher)).toBeNull();

    const second = tokenOf(await post(cookie, { intent: "create" }));
    expect((await getFeed(second)).status).toBe(200);
    expect((await getFeed(first)).status).toBe(404);

    // Every change in the log: the administrator's reactivation stopped the link, in their name.
    expect(await changesOf(teacher.id)).toEqual([
      [teacher.id, { feed: "created" }],
      [admin.id, { feed: "revoked", reason: "reactivated" }],
      [teacher.id, { feed: "created" }],
    ]);
    const [stop] = (await feedEntries(teacher.id)).filter((e) => e.userId === admin.id);
    expect(stop.municipalityId).toBe(world.municipality.id);
    expect(JSON.stringify(await feedEntries(teacher.id))).not.toContain(first);
  });

  it("touches no link when nothing was reactivated, and writes nothing for an account without one", async () => {
    const { world, admin, teacher } = await setup();
    const token = tokenOf(await post(await sessionCookieFor(teacher), { intent: "create" }));
    // Already active: no reactivation, the link goes on working.
    expect(await reactivateUser(admin, { userId: teacher.id })).toBe(false);
    expect((await getFeed(token)).status).toBe(200);
    // Another municipality's administrator reactivates nobody here.
    const other = await createWorld("Annanstad");
    const otherAdmin = (await getCurrentUser(other.user.admin.id, other.municipality.id))!;
    expect(await deactivateUser(admin, { userId: teacher.id })).toBe(true);
    expect(await reactivateUser(otherAdmin, { userId: teacher.id })).toBe(false);
    expect(await changesOf(teacher.id)).toEqual([[teacher.id, { feed: "created" }]]);

    // An account that never had a link: reactivated, with no feed entry.
    const principal = world.user.principal;
    expect(await deactivateUser(admin, { userId: principal.id })).toBe(true);
    expect(await reactivateUser(admin, { userId: principal.id })).toBe(true);
    expect(await feedEntries(principal.id)).toEqual([]);
  });
});

describe("renewing one's own calendar link", () => {
  it("replaces the link at once: the old one 404, the new one shown once and working, the change audited", async () => {
    const { teacher } = await setup();
    const cookie = await sessionCookieFor(teacher);
    const first = tokenOf(await post(cookie, { intent: "create" }));
    expect((await getFeed(first)).status).toBe(200);

    const renewed = await post(cookie, { intent: "renew" });
    expect(renewed).toMatchObject({ status: 200, location: null, data: { revoked: false, renewed: true } });
    const second = tokenOf(renewed);
    expect(second).not.toBe(first);
    expect(await answerOf(first)).toEqual(await answerOf(UNKNOWN));
    expect((await getFeed(second)).status).toBe(200);
    expect((await callRoute(mineRoute.loader, { path: "/trainings/mine", cookie })).data).toMatchObject({
      feedCreatedAt: expect.any(String),
    });

    expect(await changesOf(teacher.id)).toEqual([
      [teacher.id, { feed: "created" }],
      [teacher.id, { feed: "renewed" }],
    ]);
    const text = JSON.stringify(await feedEntries(teacher.id));
    expect(text).not.toContain(first);
    expect(text).not.toContain(second);
  });

  it("renews only the signed-in person's own link, whatever the form names", async () => {
    const { world, teacher } = await setup();
    const token = tokenOf(await post(await sessionCookieFor(teacher), { intent: "create" }));
    const colleague = await createUser({
      municipalityId: world.municipality.id,
      unitId: world.unit.school.id,
      role: "staff",
    });
    const colleagueCookie = await sessionCookieFor(colleague);

    // A form naming the teacher renews (here: makes) the colleague's own link, never the teacher's.
    const answer = await post(colleagueCookie, { intent: "renew", userId: teacher.id, user: teacher.id });
    expect(answer).toMatchObject({ status: 200, data: { renewed: false } });
    expect((await getFeed(tokenOf(answer))).status).toBe(200);
    expect((await getFeed(token)).status).toBe(200);
    expect(await changesOf(teacher.id)).toEqual([[teacher.id, { feed: "created" }]]);
    expect(await changesOf(colleague.id)).toEqual([[colleague.id, { feed: "created" }]]);

    // Without a session, or without the right to take trainings, nothing is renewed.
    expect((await post("", { intent: "renew" })).status).toBe(302);
    expect((await post(await sessionCookieFor(world.user.coordinator), { intent: "renew" })).status).toBe(403);
    expect((await getFeed(token)).status).toBe(200);
    expect(await changesOf(teacher.id)).toEqual([[teacher.id, { feed: "created" }]]);
  });
});
