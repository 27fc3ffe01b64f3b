import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, memberships, sessions, users } from "#db/schema";
import { login, requireUser } from "~/server/auth.server";
import { verifyPassword } from "~/lib/password.server";
import { encryptSecret, newSecret } from "~/lib/totp.server";
import { getCurrentUser, setTotp } from "~/models/user.server";
import * as userDetail from "~/routes/admin.users.$userId";
import * as accountStep from "~/routes/admin.users.$userId.account";
import * as credentialsStep from "~/routes/admin.users.$userId.credentials";
import * as membershipsStep from "~/routes/admin.users.$userId.memberships";
import * as profileStep from "~/routes/admin.users.$userId.profile";
import * as proposalsStep from "~/routes/admin.users.$userId.proposals";
import * as userList from "~/routes/admin.users._index";
import * as newUser from "~/routes/admin.users.new";
import * as home from "~/routes/_index";
import { createUnit, createUser, createWorld, sessionCookieFor, testContext, TEST_PASSWORD } from "../factories";
import { callRoute } from "../routes";

type Reply = { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };

/** The user page's step routes, by the intents each takes. */
const steps = {
  profile: { route: profileStep, intents: ["profile"] },
  memberships: { route: membershipsStep, intents: ["add-membership", "remove-membership"] },
  credentials: { route: credentialsStep, intents: ["reset-password", "reset-second-factor"] },
  account: { route: accountStep, intents: ["deactivate", "reactivate"] },
  // Deciding a change that takes two administrators (tests/integration/two-administrators.test.ts).
  proposals: { route: proposalsStep, intents: ["approve", "reject", "withdraw"] },
} as const;
type Step = keyof typeof steps;
const stepOf = (intent: string) =>
  (Object.keys(steps) as Step[]).find((s) => (steps[s].intents as readonly string[]).includes(intent));

/** Posts a form of the user page to the step route of its intent, as the page's forms do. */
function postStep(
  userId: string,
  cookie: string | undefined,
  form: Record<string, string>,
  step = stepOf(form.intent),
) {
  if (!step) throw new Error(`no step takes ${form.intent}`);
  return callRoute(steps[step].route.action, {
    path: `/admin/users/${userId}/${step}`,
    params: { userId },
    cookie,
    method: "POST",
    form,
  });
}

async function usersWithEmail(email: string) {
  const [{ n }] = await getDb().select({ n: count() }).from(users).where(eq(users.email, email));
  return n;
}

async function auditFor(requestFilter: { recordId?: string; action?: string; userId?: string }) {
  const rows = await getDb()
    .select()
    .from(auditEvents)
    .where(
      and(
        requestFilter.recordId ? eq(auditEvents.recordId, requestFilter.recordId) : undefined,
        requestFilter.action ? eq(auditEvents.action, requestFilter.action) : undefined,
        requestFilter.userId ? eq(auditEvents.userId, requestFilter.userId) : undefined,
      ),
    );
  return rows;
}

function newUserForm(unitId: string, overrides: Record<string, string> = {}) {
  return {
    name: "Ny Användare",
    email: `ny-${Math.random().toString(36).slice(2, 10)}@test.example`,
    password: "ett långt startlösenord",
    unitId,
    role: "staff",
    ...overrides,
  };
}

describe("/admin/users", () => {
  it("refuses every role but admin with a 403", async () => {
    const { user } = await createWorld();
    for (const role of ["staff", "principal", "reception_worker", "investigator", "coordinator", "steering"] as const) {
      const cookie = await sessionCookieFor(user[role]);
      expect((await callRoute(userList.loader, { path: "/admin/users", cookie })).status).toBe(403);
      expect((await callRoute(newUser.loader, { path: "/admin/users/new", cookie })).status).toBe(403);
      const post = await callRoute(newUser.action, {
        path: "/admin/users/new",
        cookie,
        method: "POST",
        form: newUserForm(user.staff.id),
      });
      expect(post.status).toBe(403);
      const detail = await callRoute(userDetail.loader, {
        path: `/admin/users/${user.staff.id}`,
        params: { userId: user.staff.id },
        cookie,
      });
      expect(detail.status).toBe(403);
      for (const step of Object.keys(steps) as Step[]) {
        const form = { intent: steps[step].intents[0] };
        expect((await postStep(user.staff.id, cookie, form)).status, `${step} as ${role}`).toBe(403);
      }
    }
    for (const step of Object.keys(steps) as Step[]) {
      const signedOut = await postStep(user.staff.id, undefined, { intent: steps[step].intents[0] });
      expect(signedOut.status, step).toBe(302);
    }
    expect(await getDb().select().from(users).where(eq(users.id, user.staff.id))).toEqual([
      expect.objectContaining({ active: true }),
    ]);
  });

  it("lists only the municipality's users, searches them, and logs the listing without the search term", async () => {
    const own = await createWorld("Egenstad");
    const other = await createWorld("Annanstad");
    await createUser({
      municipalityId: own.municipality.id,
      unitId: own.unit.school.id,
      role: "staff",
      name: "Greta Sökbar",
      email: "greta.sokbar@test.example",
    });
    const cookie = await sessionCookieFor(own.user.admin);
    const all = await callRoute(userList.loader, { path: "/admin/users", cookie });
    expect(all.status).toBe(200);
    const data = all.data as Awaited<ReturnType<typeof userList.loader>>;
    const ids = data.users.map((u) => u.id);
    expect(ids).toContain(own.user.staff.id);
    expect(ids).not.toContain(other.user.staff.id);
    // One user per role of the world, and Greta.
    const expected = Object.keys(own.user).length + 1;
    expect(data.total).toBe(expected);
    const staff = data.users.find((u) => u.id === own.user.staff.id)!;
    expect(staff.memberships).toEqual([expect.objectContaining({ role: "staff", unitName: own.unit.school.name })]);

    // The search is posted: a query string is ignored, so a name never has to travel in an address.
    const inUrl = await callRoute(userList.loader, { path: "/admin/users?q=s%C3%B6kBAR", cookie });
    expect((inUrl.data as typeof data).users.length).toBe(expected);
    const search = await callRoute(userList.action, {
      path: "/admin/users",
      method: "POST",
      form: { q: "sökBAR" },
      cookie,
    });
    const found = search.data as typeof data;
    expect(found.users.map((u) => u.name)).toEqual(["Greta Sökbar"]);
    // A wildcard typed by the admin is a literal character.
    const wildcard = await callRoute(userList.action, {
      path: "/admin/users",
      method: "POST",
      form: { q: "%" },
      cookie,
    });
    expect((wildcard.data as typeof data).users).toEqual([]);

    const logged = await auditFor({ userId: own.user.admin.id, action: "list" });
    expect(logged).toHaveLength(4);
    expect(logged.every((e) => e.recordType === "user" && e.municipalityId === own.municipality.id)).toBe(true);
    expect(JSON.stringify(logged.map((e) => e.details))).not.toMatch(/sök|greta/i);
  });

  it("pages the list 50 at a time", async () => {
    const { municipality, unit, user } = await createWorld();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        createUser({
          municipalityId: municipality.id,
          unitId: unit.school.id,
          role: "staff",
          name: `Person ${String(i).padStart(2, "0")}`,
        }),
      ),
    );
    const cookie = await sessionCookieFor(user.admin);
    const first = (await callRoute(userList.loader, { path: "/admin/users", cookie })).data as Awaited<
      ReturnType<typeof userList.loader>
    >;
    const second = (await callRoute(userList.loader, { path: "/admin/users?page=2", cookie })).data as typeof first;
    // The 50 made here and one user per role of the world.
    const total = 50 + Object.keys(user).length;
    expect(first.total).toBe(total);
    expect(first.pageCount).toBe(2);
    expect(first.users).toHaveLength(50);
    expect(second.users).toHaveLength(total - 50);
    expect(new Set([...first.users, ...second.users].map((u) => u.id)).size).toBe(total);
  });
});

describe("/admin/users/new", () => {
  it("creates a user with a hashed password and a first membership, and logs it", async () => {
    const { unit, user, municipality } = await createWorld();
    const cookie = await sessionCookieFor(user.admin);
    const form = newUserForm(unit.school.id, { email: "  Ny.Person@Test.Example ", role: "principal" });
    const result = await callRoute(newUser.action, { path: "/admin/users/new", cookie, method: "POST", form });
    expect(result.status).toBe(302);
    const [created] = await getDb().select().from(users).where(eq(users.email, "ny.person@test.example"));
    expect(created.municipalityId).toBe(municipality.id);
    expect(created.name).toBe("Ny Användare");
    expect(created.active).toBe(true);
    expect(result.location).toBe(`/admin/users/${created.id}?notice=created`);
    expect(created.passwordHash).not.toContain(form.password);
    expect(await verifyPassword(created.passwordHash!, form.password)).toBe(true);
    const rows = await getDb().select().from(memberships).where(eq(memberships.userId, created.id));
    expect(rows).toEqual([
      expect.objectContaining({ unitId: unit.school.id, role: "principal", municipalityId: municipality.id }),
    ]);

    const createdEvents = await auditFor({ userId: user.admin.id, action: "create" });
    expect(createdEvents.map((e) => [e.recordType, e.recordId])).toEqual(
      expect.arrayContaining([
        ["user", created.id],
        ["membership", rows[0].id],
      ]),
    );
    expect(JSON.stringify(createdEvents.map((e) => e.details))).not.toMatch(/ny\.person|Ny Användare|långt/i);

    const signIn = await login({
      email: "ny.person@test.example",
      password: form.password,
      ip: "10.9.9.1",
      requestId: "new",
    });
    expect(signIn.ok).toBe(true);
  });

  it("returns field errors, keeps what was typed except the password, and creates nothing", async () => {
    const { user } = await createWorld();
    const cookie = await sessionCookieFor(user.admin);
    const form = { name: "  ", email: "inte-en-adress", password: "kort", unitId: "", role: "wizard" };
    const result = await callRoute(newUser.action, { path: "/admin/users/new", cookie, method: "POST", form });
    expect(result.status).toBe(200);
    const reply = result.data as Reply;
    expect(reply.status).toBe("error");
    expect(reply.error).toMatchObject({
      name: ["admin:errors.nameRequired"],
      email: ["admin:errors.emailInvalid"],
      password: ["admin:errors.passwordTooShort"],
      unitId: ["admin:errors.unitRequired"],
      role: ["admin:errors.roleRequired"],
    });
    expect(reply.initialValue).toMatchObject({ email: "inte-en-adress", role: "wizard" });
    expect(reply.initialValue).not.toHaveProperty("password");
    expect(await usersWithEmail("inte-en-adress")).toBe(0);
  });

  it("keeps the typed values and hides the password when only the password is too short", async () => {
    const { unit, user } = await createWorld();
    const cookie = await sessionCookieFor(user.admin);
    const form = newUserForm(unit.school.id, { password: "elva tecken" });
    const result = await callRoute(newUser.action, { path: "/admin/users/new", cookie, method: "POST", form });
    const reply = result.data as Reply;
    expect(reply.error).toEqual({ password: ["admin:errors.passwordTooShort"] });
    expect(reply.initialValue).toMatchObject({
      name: form.name,
      email: form.email,
      unitId: form.unitId,
      role: "staff",
    });
    expect(reply.initialValue).not.toHaveProperty("password");
    expect(await usersWithEmail(form.email)).toBe(0);
  });

  it("answers a taken e-mail (any case, any municipality) with a field error, never a second row", async () => {
    const { unit, user } = await createWorld();
    const other = await createWorld("Annanstad");
    const cookie = await sessionCookieFor(user.admin);
    for (const email of [user.staff.email.toUpperCase(), other.user.staff.email]) {
      const result = await callRoute(newUser.action, {
        path: "/admin/users/new",
        cookie,
        method: "POST",
        form: newUserForm(unit.school.id, { email }),
      });
      expect(result.status).toBe(200);
      expect((result.data as Reply).error).toEqual({ email: ["admin:errors.emailTaken"] });
      expect(await usersWithEmail(email.toLowerCase())).toBe(1);
    }
  });

  it("creates one user when the same form is submitted twice at once", async () => {
    const { unit, user } = await createWorld();
    const cookie = await sessionCookieFor(user.admin);
    const form = newUserForm(unit.school.id);
    const results = await Promise.all(
      [1, 2].map(() => callRoute(newUser.action, { path: "/admin/users/new", cookie, method: "POST", form })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 302]);
    expect((results.find((r) => r.status === 200)!.data as Reply).error).toEqual({
      email: ["admin:errors.emailTaken"],
    });
    expect(await usersWithEmail(form.email)).toBe(1);
    const [created] = await getDb().select({ id: users.id }).from(users).where(eq(users.email, form.email));
    const [{ n }] = await getDb().select({ n: count() }).from(memberships).where(eq(memberships.userId, created.id));
    expect(n).toBe(1);
  });

  it("refuses a unit of another municipality", async () => {
    const { user } = await createWorld();
    const other = await createWorld("Annanstad");
    const cookie = await sessionCookieFor(user.admin);
    const form = newUserForm(other.unit.school.id);
    const result = await callRoute(newUser.action, { path: "/admin/users/new", cookie, method: "POST", form });
    expect((result.data as Reply).error).toEqual({ unitId: ["admin:errors.unitRequired"] });
    expect(await usersWithEmail(form.email)).toBe(0);
  });

  it("offers only the municipality's active units", async () => {
    const { municipality, user, unit } = await createWorld();
    const other = await createWorld("Annanstad");
    const closed = await createUnit(municipality.id, "school", "Nedlagda skolan");
    const { units: unitTable } = await import("#db/schema");
    await getDb().update(unitTable).set({ active: false }).where(eq(unitTable.id, closed.id));
    const cookie = await sessionCookieFor(user.admin);
    const result = await callRoute(newUser.loader, { path: "/admin/users/new", cookie });
    const ids = (result.data as Awaited<ReturnType<typeof newUser.loader>>).units.map((u) => u.id);
    expect(ids).toContain(unit.school.id);
    expect(ids).not.toContain(closed.id);
    expect(ids).not.toContain(other.unit.school.id);
  });
});

describe("/admin/users/$userId", () => {
  const detail = (userId: string, cookie: string) =>
    callRoute(userDetail.loader, { path: `/admin/users/${userId}`, params: { userId }, cookie });
  const post = (userId: string, cookie: string, form: Record<string, string>) => postStep(userId, cookie, form);

  it("shows a user of the municipality and logs the read", async () => {
    const { user, unit } = await createWorld();
    const cookie = await sessionCookieFor(user.admin);
    const result = await detail(user.principal.id, cookie);
    expect(result.status).toBe(200);
    const data = result.data as Awaited<ReturnType<typeof userDetail.loader>>;
    expect(data.user.email).toBe(user.principal.email);
    expect(data.user.memberships).toEqual([expect.objectContaining({ unitId: unit.school.id, role: "principal" })]);
    const reads = await auditFor({ recordId: user.principal.id, action: "read" });
    expect(reads).toEqual([expect.objectContaining({ userId: user.admin.id, recordType: "user" })]);
  });

  it("gives 404 for another municipality's user, a malformed id and an unknown id — on GET and POST", async () => {
    const { user } = await createWorld();
    const other = await createWorld("Annanstad");
    const cookie = await sessionCookieFor(user.admin);
    for (const id of [other.user.staff.id, "not-a-uuid", "00000000-0000-4000-8000-000000000000"]) {
      expect((await detail(id, cookie)).status).toBe(404);
      expect((await post(id, cookie, { intent: "deactivate" })).status).toBe(404);
    }
    const [stillActive] = await getDb().select().from(users).where(eq(users.id, other.user.staff.id));
    expect(stillActive.active).toBe(true);
    // The probes are logged as refused, and nothing was read or changed.
    const logged = await auditFor({ recordId: other.user.staff.id });
    expect(logged.map((e) => e.action)).toEqual(["access.denied", "access.denied"]);
  });

  it("deactivation ends every session at once and the user can no longer sign in", async () => {
    const { user } = await createWorld();
    const adminCookie = await sessionCookieFor(user.admin);
    const first = await sessionCookieFor(user.staff);
    const second = await sessionCookieFor(user.staff);
    const result = await post(user.staff.id, adminCookie, { intent: "deactivate" });
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/admin/users/${user.staff.id}?notice=deactivated`);

    const [row] = await getDb().select().from(users).where(eq(users.id, user.staff.id));
    expect(row.active).toBe(false);
    expect(row.deactivatedAt).toBeInstanceOf(Date);
    expect(await getDb().select().from(sessions).where(eq(sessions.userId, user.staff.id))).toHaveLength(0);
    for (const cookie of [first, second]) {
      const request = new Request("http://localhost/inbox", { headers: { Cookie: cookie } });
      await expect(requireUser({ request, context: testContext() })).rejects.toSatisfy(
        (r: Response) => r.status === 302 && r.headers.get("Location")!.startsWith("/login"),
      );
    }
    const signIn = await login({
      email: user.staff.email,
      password: TEST_PASSWORD,
      ip: "10.9.9.2",
      requestId: "after",
    });
    expect(signIn).toEqual({ ok: false, reason: "invalid" });
    expect(await auditFor({ recordId: user.staff.id, action: "deactivate" })).toEqual([
      expect.objectContaining({ userId: user.admin.id, recordType: "user" }),
    ]);

    const reactivated = await post(user.staff.id, adminCookie, { intent: "reactivate" });
    expect(reactivated.status).toBe(302);
    const [again] = await getDb().select().from(users).where(eq(users.id, user.staff.id));
    expect(again.active).toBe(true);
    expect(again.deactivatedAt).toBeNull();
    expect(
      (await login({ email: user.staff.email, password: TEST_PASSWORD, ip: "10.9.9.3", requestId: "re" })).ok,
    ).toBe(true);
  });

  it("does not let an admin deactivate themselves or remove their own admin role", async () => {
    const { user } = await createWorld();
    const cookie = await sessionCookieFor(user.admin);
    const result = await post(user.admin.id, cookie, { intent: "deactivate" });
    expect(result.data).toEqual({ intent: "account", error: "admin:errors.cannotDeactivateSelf" });
    const [row] = await getDb().select().from(users).where(eq(users.id, user.admin.id));
    expect(row.active).toBe(true);
    expect(await getDb().select().from(sessions).where(eq(sessions.userId, user.admin.id))).toHaveLength(1);

    const [own] = await getDb().select().from(memberships).where(eq(memberships.userId, user.admin.id));
    const removal = await post(user.admin.id, cookie, { intent: "remove-membership", membershipId: own.id });
    expect(removal.data).toEqual({ intent: "remove-membership", error: "admin:errors.cannotChangeOwnRoles" });
    expect(await getDb().select().from(memberships).where(eq(memberships.userId, user.admin.id))).toHaveLength(1);
  });

  it("edits name and e-mail, logging field names only; a taken e-mail is a field error", async () => {
    const { user } = await createWorld();
    const cookie = await sessionCookieFor(user.admin);
    const ok = await post(user.staff.id, cookie, {
      intent: "profile",
      name: "Nytt Namn",
      email: "Nytt.Namn@Test.Example",
    });
    expect(ok.status).toBe(302);
    const [row] = await getDb().select().from(users).where(eq(users.id, user.staff.id));
    expect([row.name, row.email]).toEqual(["Nytt Namn", "nytt.namn@test.example"]);
    const [update] = await auditFor({ recordId: user.staff.id, action: "update" });
    expect(update.details).toEqual({ fields: ["name", "email"] });

    const taken = await post(user.staff.id, cookie, {
      intent: "profile",
      name: "Nytt Namn",
      email: user.principal.email,
    });
    expect(taken.status).toBe(200);
    // What was typed comes back with the error, so the page shows it again (with or without JavaScript).
    expect(taken.data).toMatchObject({
      intent: "profile",
      result: {
        error: { email: ["admin:errors.emailTaken"] },
        initialValue: { intent: "profile", name: "Nytt Namn", email: user.principal.email },
      },
    });
    const [unchanged] = await getDb().select().from(users).where(eq(users.id, user.staff.id));
    expect(unchanged.email).toBe("nytt.namn@test.example");

    const invalid = await post(user.staff.id, cookie, { intent: "profile", name: "", email: "x" });
    expect(invalid.data).toMatchObject({
      intent: "profile",
      result: { error: { name: ["admin:errors.nameRequired"], email: ["admin:errors.emailInvalid"] } },
    });
  });

  it("adds and removes memberships, refusing duplicates and foreign units, and logs both", async () => {
    const { user, unit } = await createWorld();
    const other = await createWorld("Annanstad");
    const cookie = await sessionCookieFor(user.admin);
    const add = await post(user.staff.id, cookie, {
      intent: "add-membership",
      unitId: unit.preschool.id,
      role: "principal",
    });
    expect(add.status).toBe(302);
    const rows = await getDb().select().from(memberships).where(eq(memberships.userId, user.staff.id));
    const added = rows.find((m) => m.unitId === unit.preschool.id)!;
    expect(added.role).toBe("principal");
    expect(await auditFor({ recordId: added.id, action: "create" })).toHaveLength(1);

    const duplicate = await post(user.staff.id, cookie, {
      intent: "add-membership",
      unitId: unit.preschool.id,
      role: "principal",
    });
    expect(duplicate.data).toMatchObject({
      intent: "add-membership",
      result: { error: { "": ["admin:errors.membershipExists"] } },
    });
    const foreign = await post(user.staff.id, cookie, {
      intent: "add-membership",
      unitId: other.unit.school.id,
      role: "staff",
    });
    expect(foreign.data).toMatchObject({ result: { error: { unitId: ["admin:errors.unitRequired"] } } });
    expect(await getDb().select().from(memberships).where(eq(memberships.userId, user.staff.id))).toHaveLength(2);

    // Another user's membership id is not this user's: 404, nothing removed.
    const [principalRow] = await getDb().select().from(memberships).where(eq(memberships.userId, user.principal.id));
    expect(
      (await post(user.staff.id, cookie, { intent: "remove-membership", membershipId: principalRow.id })).status,
    ).toBe(404);
    expect(await getDb().select().from(memberships).where(eq(memberships.userId, user.principal.id))).toHaveLength(1);

    const remove = await post(user.staff.id, cookie, { intent: "remove-membership", membershipId: added.id });
    expect(remove.status).toBe(302);
    expect(await getDb().select().from(memberships).where(eq(memberships.id, added.id))).toHaveLength(0);
    expect(await auditFor({ recordId: added.id, action: "delete" })).toEqual([
      expect.objectContaining({ recordType: "membership", userId: user.admin.id }),
    ]);
  });

  it("answers 400 to an intent its step does not take and to a broken hidden field, changing nothing", async () => {
    const { user } = await createWorld();
    const cookie = await sessionCookieFor(user.admin);
    for (const step of Object.keys(steps) as Step[]) {
      for (const intent of ["explode", "", ...(step === "account" ? ["profile"] : ["deactivate"])]) {
        expect((await postStep(user.staff.id, cookie, { intent }, step)).status, `${step} ${intent}`).toBe(400);
      }
      const none = await callRoute(steps[step].route.action, {
        path: `/admin/users/${user.staff.id}/${step}`,
        params: { userId: user.staff.id },
        cookie,
        method: "POST",
        form: {},
      });
      expect(none.status, `${step} without an intent`).toBe(400);
    }
    const malformed = await post(user.staff.id, cookie, { intent: "remove-membership", membershipId: "not-a-uuid" });
    expect(malformed.status).toBe(400);
    expect(await getDb().select().from(memberships).where(eq(memberships.userId, user.staff.id))).toHaveLength(1);
    const [row] = await getDb().select().from(users).where(eq(users.id, user.staff.id));
    expect(row.active).toBe(true);
  });

  it("has no action of its own: each step route renders its section of the page (its handle names which)", () => {
    expect(userDetail).not.toHaveProperty("action");
    for (const step of Object.keys(steps) as Step[]) {
      expect(steps[step].route.handle).toEqual({ i18n: ["admin"], step });
      expect(steps[step].route).not.toHaveProperty("loader");
      expect(typeof steps[step].route.default).toBe("function");
    }
  });
});

describe("credential resets by an administrator", () => {
  const TEMPORARY = "tillfälligt lösenord 2026";

  it("sets a temporary password, ends the user's sessions, and makes them choose their own before anything else", async () => {
    const { user } = await createWorld();
    const adminCookie = await sessionCookieFor(user.admin);
    const oldSession = await sessionCookieFor(user.staff);
    const tooShort = await postStep(user.staff.id, adminCookie, { intent: "reset-password", password: "kort" });
    expect(tooShort.data).toMatchObject({
      intent: "reset-password",
      result: { error: { password: ["admin:errors.passwordTooShort"] } },
    });
    // The password typed is not sent back into the page.
    expect(JSON.stringify(tooShort.data)).not.toContain("kort");
    const reset = await postStep(user.staff.id, adminCookie, { intent: "reset-password", password: TEMPORARY });
    expect(reset).toMatchObject({ status: 302, location: `/admin/users/${user.staff.id}?notice=passwordReset` });
    await expect(
      requireUser({
        request: new Request("http://localhost/", { headers: { Cookie: oldSession } }),
        context: testContext(),
      }),
    ).rejects.toSatisfy((r: Response) => r.status === 302 && r.headers.get("Location") === "/login");

    const result = await login({ email: user.staff.email, password: TEMPORARY, ip: "10.3.0.1", requestId: "tmp" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const cookie = result.setCookie.split(";")[0];
    const home = new Request("http://localhost/", { headers: { Cookie: cookie } });
    await expect(requireUser({ request: home, context: testContext() })).rejects.toSatisfy(
      (r: Response) => r.status === 302 && r.headers.get("Location") === "/settings?password=required",
    );
    const settingsPage = new Request("http://localhost/settings", { headers: { Cookie: cookie } });
    expect((await requireUser({ request: settingsPage, context: testContext() })).mustChangePassword).toBe(true);
    const logged = await auditFor({ recordId: user.staff.id, action: "update" });
    expect(logged.map((e) => e.details)).toContainEqual(expect.objectContaining({ field: "password", reset: true }));
    expect(JSON.stringify(logged)).not.toContain(TEMPORARY);
  });

  it("removes a lost second factor, ends the user's sessions, and logs it", async () => {
    const { user, municipality } = await createWorld();
    const staff = (await getCurrentUser(user.staff.id, municipality.id))!;
    await setTotp(staff, { secret: encryptSecret(newSecret()), enabledAt: new Date() });
    const adminCookie = await sessionCookieFor(user.admin);
    await sessionCookieFor(user.staff);
    const reset = await postStep(user.staff.id, adminCookie, { intent: "reset-second-factor" });
    expect(reset).toMatchObject({ status: 302, location: `/admin/users/${user.staff.id}?notice=secondFactorReset` });
    const [row] = await getDb().select().from(users).where(eq(users.id, user.staff.id));
    expect([row.totpSecret, row.totpEnabledAt]).toEqual([null, null]);
    expect(await getDb().select().from(sessions).where(eq(sessions.userId, user.staff.id))).toHaveLength(0);
    expect(await auditFor({ recordId: user.staff.id, action: "second_factor.removed" })).toEqual([
      expect.objectContaining({ userId: user.admin.id, details: { reset: true, sessionsEnded: true } }),
    ]);
  });
});

describe("the administrator's home", () => {
  it("counts accounts without a role and accounts on a temporary password, and shows others nothing of it", async () => {
    const { municipality, user, unit } = await createWorld();
    await createUser({ municipalityId: municipality.id, unitId: unit.school.id, role: "staff" });
    const orphan = await createUser({ municipalityId: municipality.id, unitId: unit.school.id, role: "staff" });
    await getDb().delete(memberships).where(eq(memberships.userId, orphan.id));
    await getDb().update(users).set({ passwordChangeRequired: true }).where(eq(users.id, user.principal.id));
    const adminHome = await callRoute(home.loader, { path: "/", cookie: await sessionCookieFor(user.admin) });
    expect((adminHome.data as { admin: unknown }).admin).toEqual({ usersWithoutRole: 1, usersOnTemporaryPassword: 1 });
    const staffHome = await callRoute(home.loader, { path: "/", cookie: await sessionCookieFor(user.staff) });
    expect((staffHome.data as { admin: unknown }).admin).toBeNull();
  });
});
