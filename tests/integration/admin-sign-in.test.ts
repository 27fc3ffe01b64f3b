import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { identityProviders } from "#db/schema";
import { resetEnv } from "~/lib/env.server";
import { listGroupRoles } from "~/models/identity.server";
import * as inboxRoute from "~/routes/inbox._index";
import * as page from "~/routes/admin.sign-in";
import { createUser, createWorld, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";

// The administrators' page for the municipality's identity provider and the roles its groups give (issue 25).

async function setUp() {
  const world = await createWorld();
  const other = await createUser({
    municipalityId: world.municipality.id,
    unitId: world.unit.administration.id,
    role: "admin",
  });
  return {
    world,
    first: await sessionCookieFor(world.user.admin),
    second: await sessionCookieFor(other),
  };
}

const post = (cookie: string, form: Record<string, string>) =>
  callRoute(page.action, { path: "/admin/sign-in", method: "POST", cookie, form });

describe("/admin/sign-in", () => {
  it("saves the provider, says where its secret comes from, and refuses an address that is not https", async () => {
    const { world, first } = await setUp();
    const empty = await callRoute(page.loader, { path: "/admin/sign-in", cookie: first });
    expect(empty.data).toMatchObject({
      settings: {
        provider: null,
        secretSet: false,
        secretVariable: expect.stringMatching(/^OIDC_CLIENT_SECRET_[A-Z0-9_]+$/),
      },
      callbackUrl: expect.stringMatching(/\/login\/oidc\/callback$/),
    });
    const form = {
      intent: "provider",
      issuer: "https://idp.norrstad.se",
      clientId: "tillsammans",
      displayName: "Norrstad",
    };
    const refused = await post(first, { ...form, issuer: "http://idp.norrstad.se" });
    expect(refused.status).toBe(200);
    expect(JSON.stringify(refused.data)).toContain("admin:errors.issuerInvalid");
    expect(
      await getDb().select().from(identityProviders).where(eq(identityProviders.municipalityId, world.municipality.id)),
    ).toEqual([]);

    expect(await post(first, form)).toMatchObject({ status: 302, location: "/admin/sign-in?notice=providerSaved" });
    const saved = await callRoute(page.loader, { path: "/admin/sign-in", cookie: first });
    expect(saved.data).toMatchObject({
      settings: { provider: { issuer: "https://idp.norrstad.se", clientId: "tillsammans", passwordSignIn: false } },
    });
  });

  it("lets a group give a school role at once, and a social-services role only with a second administrator", async () => {
    const { world, first, second } = await setUp();
    const add = (role: string, unitId: string) =>
      post(first, { intent: "groupRole", groupName: "kommun-personal", unitId, role });
    expect((await add("staff", world.unit.school.id)).location).toBe("/admin/sign-in?notice=groupRoleAdded");
    expect((await add("reception_worker", world.unit.reception.id)).location).toBe(
      "/admin/sign-in?notice=groupRoleProposed",
    );
    const again = await add("staff", world.unit.school.id);
    expect(JSON.stringify(again.data)).toContain("admin:errors.groupRoleTaken");

    const [pending] = (await listGroupRoles(world.municipality.id)).filter((m) => !m.approvedAt);
    expect(pending.role).toBe("reception_worker");
    const own = await post(first, { intent: "approveGroupRole", groupRoleId: pending.id });
    expect(own.data).toEqual({ decisionError: "admin:errors.cannotDecideOwnProposal" });
    const approved = await post(second, { intent: "approveGroupRole", groupRoleId: pending.id });
    expect(approved.location).toBe("/admin/sign-in?notice=groupRoleApproved");
    expect((await listGroupRoles(world.municipality.id)).every((m) => m.approvedAt)).toBe(true);

    const removed = await post(second, { intent: "removeGroupRole", groupRoleId: pending.id });
    expect(removed.location).toBe("/admin/sign-in?notice=groupRoleRemoved");
    const gone = await post(second, { intent: "removeGroupRole", groupRoleId: pending.id });
    expect(gone.data).toEqual({ decisionError: "admin:errors.groupRoleGone" });
    expect((await listGroupRoles(world.municipality.id)).map((m) => m.role)).toEqual(["staff"]);
  });

  it("shows another municipality's mappings to nobody", async () => {
    const { world, first } = await setUp();
    await post(first, { intent: "groupRole", groupName: "g", unitId: world.unit.school.id, role: "staff" });
    const elsewhere = await setUp();
    const [mapping] = await listGroupRoles(world.municipality.id);
    const other = await callRoute(page.loader, { path: "/admin/sign-in", cookie: elsewhere.first });
    expect((other.data as { groupRoles: unknown[] }).groupRoles).toEqual([]);
    const removed = await post(elsewhere.first, { intent: "removeGroupRole", groupRoleId: mapping.id });
    expect(removed.data).toEqual({ decisionError: "admin:errors.groupRoleGone" });
    const approve = await post(elsewhere.first, {
      intent: "groupRole",
      groupName: "g",
      unitId: world.unit.school.id,
      role: "staff",
    });
    expect(JSON.stringify(approve.data)).toContain("admin:errors.unitRequired");
  });
});

describe("roles the municipality adds to those that need a second factor", () => {
  afterEach(() => {
    process.env.DEMO_MODE = "1";
    resetEnv();
  });

  it("sends a principal without one to set it up, once the municipality says principals need it", async () => {
    const { world, first } = await setUp();
    const principal = await sessionCookieFor(world.user.principal);
    // Outside demo mode, where a second factor is required at all.
    const inbox = async () => {
      process.env.DEMO_MODE = "0";
      resetEnv();
      const { location } = await callRoute(inboxRoute.loader, { path: "/inbox", cookie: principal });
      process.env.DEMO_MODE = "1";
      resetEnv();
      return location;
    };
    expect(await inbox()).toBeNull();
    const form = { intent: "provider", issuer: "https://idp.norrstad.se", clientId: "tillsammans", displayName: "N" };
    // Ticking a role that always needs it changes nothing; ticking principals adds them.
    await callRoute(page.action, {
      path: "/admin/sign-in",
      method: "POST",
      cookie: first,
      body: new URLSearchParams([
        ...Object.entries(form),
        ["secondFactorRoles", "principal"],
        ["secondFactorRoles", "investigator"],
      ]).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    const [row] = await getDb()
      .select({ roles: identityProviders.secondFactorRoles })
      .from(identityProviders)
      .where(eq(identityProviders.municipalityId, world.municipality.id));
    expect(row.roles).toEqual(["principal"]);
    expect(await inbox()).toBe("/settings?secondFactor=required");
    // Staff are not affected.
    process.env.DEMO_MODE = "0";
    resetEnv();
    const staff = await sessionCookieFor(world.user.staff);
    expect((await callRoute(inboxRoute.loader, { path: "/inbox", cookie: staff })).location).toBeNull();
  });
});
