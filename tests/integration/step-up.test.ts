import type { ActionFunctionArgs } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, loginThrottles, sessions, users } from "#db/schema";
import { resetEnv } from "~/lib/env.server";
import { runInRequest } from "~/lib/request-context.server";
import { STEP_UP_FRESH_MS } from "~/lib/step-up.server";
import { currentCode, encryptSecret, newSecret } from "~/lib/totp.server";
import { login } from "~/server/auth.server";
import * as codeRoute from "~/routes/login_.code";
import * as confirmRoute from "~/routes/login_.confirm";
import * as detailRoute from "~/routes/reports.$reportId";
import * as receptionList from "~/routes/reports._index";
import { createReport, createWorld, sessionCookieFor, TEST_PASSWORD, testContext } from "../factories";
import { callRoute } from "../routes";

/**
 * Issue 22, item 10: showing a child's identity on a report received more than 30 days ago asks for
 * the second factor again when it was not given in the last 15 minutes (app/lib/step-up.server.ts).
 */

const DAY = 86_400_000;
const CHILD = "Stina Stegsson";
const NUMBER = "20160504-2388";
const GUARDIAN = "Vårdnadshavare Stegsson";

type World = Awaited<ReturnType<typeof createWorld>>;
interface Content {
  childName: string | null;
  childPersonalNumber: string | null;
  childBirthDate: string | null;
  guardians: { name: string | null; informed: boolean; notInformedReason: string }[];
  observations: string;
}
interface PageData {
  view: "case" | "reporter";
  report: { reference: string; identityStep: "code" | "enrol" | null; content: Content };
}

afterEach(() => {
  process.env.DEMO_MODE = "1";
  resetEnv();
});

let addresses = 0;
/** A client address of each test's own, so the address counter of one test does not lock another's. */
const ip = () => `10.22.10.${++addresses}`;

/** Turns the user's second factor on, as /settings leaves it after a confirmed enrolment; returns the secret. */
async function withCode(user: { id: string }) {
  const secret = newSecret();
  await getDb()
    .update(users)
    .set({ totpSecret: encryptSecret(secret), totpEnabledAt: new Date(), totpLastStep: null })
    .where(eq(users.id, user.id));
  return secret;
}

/** Moves the time the user last gave their second factor (null: never in this session). */
async function codeGivenAgo(user: { id: string }, ms: number | null) {
  const at = ms === null ? null : new Date(Date.now() - ms);
  await getDb().update(sessions).set({ secondFactorAt: at }).where(eq(sessions.userId, user.id));
}

async function oldReport(world: World, daysAgo: number) {
  const overrides = {
    childName: CHILD,
    childPersonalNumber: NUMBER,
    guardians: [{ name: GUARDIAN, informed: false, notInformedReason: "Risk för barnet." }],
  };
  return createReport(world.user.staff, world.unit.school.id, overrides, new Date(Date.now() - daysAgo * DAY));
}

const page = async (reportId: string, cookie: string, requestId?: string) => {
  const result = await callRoute(detailRoute.loader, {
    path: `/reports/${reportId}`,
    params: { reportId },
    cookie,
    context: requestId ? { requestId } : undefined,
  });
  expect(result.status).toBe(200);
  return result.data as PageData;
};

/** A form posted to an action as tests/routes.ts's callRoute does, keeping the Set-Cookie it answers with. */
async function post(
  action: (args: ActionFunctionArgs) => unknown,
  path: string,
  cookie: string,
  form: Record<string, string>,
  clientIp: string,
) {
  const request = new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { Cookie: cookie },
    body: new URLSearchParams(form),
  });
  const context = testContext({ clientIp });
  let answer: unknown;
  try {
    answer = await runInRequest(context.requestId, () => action({ request, params: {}, context }));
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    answer = thrown;
  }
  if (!(answer instanceof Response)) return { status: 200, location: null, setCookie: null, data: answer };
  const { status, headers } = answer;
  return { status, location: headers.get("Location"), setCookie: headers.get("Set-Cookie"), data: null };
}

const confirm = (cookie: string, code: string, clientIp: string, redirectTo = "/") =>
  post(confirmRoute.action, "/login/confirm", cookie, { code, redirectTo }, clientIp);

const wrongCodeFor = (secret: string) => String((Number(currentCode(secret)) + 500_000) % 1_000_000).padStart(6, "0");

/** The cookie from a Set-Cookie header's value. */
const cookieOf = (setCookie: string | null) => (setCookie ?? "").split(";")[0];

async function readsOf(reportId: string, requestId: string) {
  return getDb()
    .select({ action: auditEvents.action, details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.recordId, reportId), eq(auditEvents.requestId, requestId)));
}

function expectIdentity(data: PageData) {
  expect(data.report.identityStep).toBeNull();
  expect(data.report.content.childName).toBe(CHILD);
  expect(data.report.content.childPersonalNumber).toBe(NUMBER);
  expect(data.report.content.guardians[0].name).toBe(GUARDIAN);
}

function expectMasked(data: PageData) {
  expect(data.report.identityStep).toBe("code");
  // Not in the page's data at all, not only not rendered: nothing of it reaches the browser.
  const sent = JSON.stringify(data);
  for (const part of [CHILD, "Stina", NUMBER, "2016-05-04", GUARDIAN]) expect(sent).not.toContain(part);
  expect(data.report.content.childName).toBeNull();
  // The rest of the report is there.
  expect(data.report.content.observations).toContain("blåmärken");
  expect(data.report.content.guardians[0].notInformedReason).toBe("Risk för barnet.");
}

describe("step-up for a child's identity", () => {
  it("a report of 30 days or less shows the identity without a fresh code", async () => {
    const world = await createWorld();
    await withCode(world.user.reception_worker);
    const report = await oldReport(world, 29);
    const cookie = await sessionCookieFor(world.user.reception_worker);
    await codeGivenAgo(world.user.reception_worker, 3 * 60 * 60 * 1000);
    expectIdentity(await page(report.id, cookie));
  });

  it("an older report with a code older than 15 minutes: identity masked, not in the data, no identity read", async () => {
    const world = await createWorld();
    await withCode(world.user.reception_worker);
    const report = await oldReport(world, 31);
    const cookie = await sessionCookieFor(world.user.reception_worker);
    await codeGivenAgo(world.user.reception_worker, STEP_UP_FRESH_MS + 60_000);
    const requestId = `step-up-${report.id}`;
    const data = await page(report.id, cookie, requestId);
    expect(data.view).toBe("case");
    expect(data.report.reference).toBe(report.reference);
    expectMasked(data);
    // The page was read, without the identity: no read of the identity is logged.
    const reads = await readsOf(report.id, requestId);
    expect(reads).toEqual([{ action: "read", details: { view: "case", identity: "hidden" } }]);
  });

  it("a session that never gave the code (none given yet) is masked too; the reporter's own view as well", async () => {
    const world = await createWorld();
    await withCode(world.user.staff);
    const report = await oldReport(world, 45);
    const cookie = await sessionCookieFor(world.user.staff);
    await codeGivenAgo(world.user.staff, null);
    const data = await page(report.id, cookie);
    expect(data.view).toBe("reporter");
    expectMasked(data);
  });

  it("after the code at /login/confirm the identity shows, under a new session id, and its read is audited", async () => {
    const world = await createWorld();
    const secret = await withCode(world.user.reception_worker);
    const report = await oldReport(world, 60);
    const cookie = await sessionCookieFor(world.user.reception_worker);
    await codeGivenAgo(world.user.reception_worker, STEP_UP_FRESH_MS + 1000);
    expectMasked(await page(report.id, cookie));

    const back = `/reports/${report.id}`;
    const form = await callRoute(confirmRoute.loader, {
      path: `/login/confirm?${new URLSearchParams({ redirectTo: back })}`,
      cookie,
    });
    expect(form).toMatchObject({ status: 200, data: { redirectTo: back, hasCode: true } });

    const done = await confirm(cookie, currentCode(secret), ip(), back);
    expect(done).toMatchObject({ status: 302, location: back });
    const fresh = cookieOf(done.setCookie);
    expect(fresh).toMatch(/=.+/);
    // A new session id on re-authentication (ASVS 5.0 V7.2.4): the old cookie no longer signs in.
    expect((await callRoute(detailRoute.loader, { path: back, params: { reportId: report.id }, cookie })).status).toBe(
      302,
    );

    const requestId = `step-up-shown-${report.id}`;
    expectIdentity(await page(report.id, fresh, requestId));
    expect(await readsOf(report.id, requestId)).toEqual([{ action: "read", details: { view: "case" } }]);
    const confirmed = await getDb()
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.userId, world.user.reception_worker.id), eq(auditEvents.action, "second_factor.confirmed")),
      );
    expect(confirmed).toEqual([{ details: { path: "/login/confirm" } }]);

    // Fifteen minutes on, the page asks again.
    await codeGivenAgo(world.user.reception_worker, STEP_UP_FRESH_MS + 1000);
    expectMasked(await page(report.id, fresh));
  });

  it("sign-in with the code counts as a fresh second factor; wrong step-up codes count toward sign-in's limit", async () => {
    const world = await createWorld();
    const secret = await withCode(world.user.reception_lead);
    const report = await oldReport(world, 40);
    const address = ip();
    const signedIn = await login({
      email: world.user.reception_lead.email,
      password: TEST_PASSWORD,
      ip: address,
      requestId: "step-up-login",
    });
    if (!signedIn.ok) throw new Error("not signed in");
    const pending = cookieOf(signedIn.setCookie);
    const code = await post(codeRoute.action, "/login/code", pending, { code: currentCode(secret) }, address);
    expect(code.status).toBe(302);
    const cookie = cookieOf(code.setCookie);
    expectIdentity(await page(report.id, cookie));

    // Later: the code is stale, so the identity is masked; five wrong codes lock the code counter sign-in uses.
    await codeGivenAgo(world.user.reception_lead, STEP_UP_FRESH_MS + 1000);
    expectMasked(await page(report.id, cookie));
    const wrong = wrongCodeFor(secret);
    for (let i = 0; i < 5; i++) {
      const refused = await confirm(cookie, wrong, address);
      expect(refused.status).toBe(200);
      expect(JSON.stringify(refused.data)).toContain("auth:errors.codeInvalid");
    }
    const [counter] = await getDb()
      .select({ failures: loginThrottles.failures, lockedUntil: loginThrottles.lockedUntil })
      .from(loginThrottles)
      .where(eq(loginThrottles.key, `code:${world.user.reception_lead.id}`));
    expect(counter.failures).toBe(5);
    expect(counter.lockedUntil).not.toBeNull();
    // Locked: even the right code is refused now, and the identity stays masked.
    const locked = await confirm(cookie, currentCode(secret), address);
    expect(JSON.stringify(locked.data)).toContain("auth:errors.tooManyCodes");
    expectMasked(await page(report.id, cookie));
    const failures = await getDb()
      .select({ action: auditEvents.action, details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.userId, world.user.reception_lead.id), eq(auditEvents.action, "login.failure")));
    expect(failures).toHaveLength(5);
    expect(failures[0].details).toEqual({ secondFactor: true, path: "/login/confirm" });
  });

  it("in demo mode a user without a second factor is not asked; outside demo mode they are told to set one up", async () => {
    const world = await createWorld();
    const report = await oldReport(world, 120);
    const cookie = await sessionCookieFor(world.user.staff);
    expectIdentity(await page(report.id, cookie));
    process.env.DEMO_MODE = "0";
    resetEnv();
    const data = await page(report.id, cookie);
    expect(data.report.identityStep).toBe("enrol");
    expect(JSON.stringify(data)).not.toContain(CHILD);
    // Nothing to confirm with: the form refuses and says why.
    const refused = await confirm(cookie, "123456", ip());
    expect(JSON.stringify(refused.data)).toContain("auth:confirm.noCode");
  });

  it("lists of reports mask the child's name of older reports too", async () => {
    const world = await createWorld();
    await withCode(world.user.reception_worker);
    await oldReport(world, 31);
    const recent = await createReport(world.user.staff, world.unit.school.id, { childName: "Nyss Nysson" });
    const cookie = await sessionCookieFor(world.user.reception_worker);
    await codeGivenAgo(world.user.reception_worker, STEP_UP_FRESH_MS + 1000);
    const list = await callRoute(receptionList.loader, { path: "/reports", cookie });
    expect(list.status).toBe(200);
    const sent = JSON.stringify(list.data);
    expect(sent).not.toContain(CHILD);
    expect(sent).toContain("Nyss Nysson");
    expect(sent).toContain(recent.reference);
  });
});
