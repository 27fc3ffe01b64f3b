import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { memberships, users } from "#db/schema";
import { approveGroupRole, listGroupRoles, proposeGroupRole, removeGroupRole } from "~/models/identity.server";
import { getCurrentUser } from "~/models/user.server";
import { TestBrowser } from "../oidc-provider";
import { providerSignInFixture } from "../provider-sign-in";
import { createUser } from "../factories";
import * as start from "~/routes/login_.oidc";
import { callRoute } from "../routes";

// Accounts and roles from the provider (issue 25, item 2): the groups in the provider's claim give roles at units
// through mappings the administrators keep; a social-services mapping takes a second administrator.

const oidc = providerSignInFixture();

async function admins() {
  const world = oidc.world();
  const first = await getCurrentUser(world.user.admin.id, world.municipality.id);
  const other = await createUser({
    municipalityId: world.municipality.id,
    unitId: world.unit.administration.id,
    role: "admin",
  });
  const second = await getCurrentUser(other.id, world.municipality.id);
  if (!first || !second) throw new Error("no administrators");
  return { first, second };
}

/** The user's memberships as "unit role", and whether the provider gave each. */
async function rolesOf(email: string) {
  const rows = await getDb()
    .select({ unitId: memberships.unitId, role: memberships.role, fromProvider: memberships.fromProvider })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.email, email), eq(users.municipalityId, oidc.world().municipality.id)));
  return rows.map((m) => `${m.unitId} ${m.role}${m.fromProvider ? "" : " (by hand)"}`).sort();
}

describe("roles from the provider's groups", () => {
  it("makes an account at the first sign-in when a group gives a role, and none without", async () => {
    const world = oidc.world();
    const { first } = await admins();
    expect(
      await proposeGroupRole(first, { groupName: "skola-norr", unitId: world.unit.school.id, role: "staff" }),
    ).toMatchObject({ ok: true, pending: false });
    const teacher = oidc.person("teacher", { groups: ["skola-norr", "some-other-group"] });
    const stranger = oidc.person("stranger", { groups: ["some-other-group"] });

    const { answer, session } = await oidc.signInAs(teacher.sub);
    expect(answer.location).toBe("/inbox");
    expect(session).toBeDefined();
    expect(await rolesOf(teacher.email)).toEqual([`${world.unit.school.id} staff`]);
    const [made] = await getDb().select().from(users).where(eq(users.email, teacher.email));
    expect(made).toMatchObject({ name: "teacher", passwordHash: null, active: true });
    expect(await oidc.auditOf("create")).toEqual(
      expect.arrayContaining([
        { userId: made.id, recordId: made.id, details: { method: "oidc" } },
        expect.objectContaining({
          userId: made.id,
          details: expect.objectContaining({ method: "oidc", role: "staff" }),
        }),
      ]),
    );

    const refused = await oidc.signInAs(stranger.sub);
    expect(refused.answer.location).toContain("signInError=unknown");
    expect(await getDb().select().from(users).where(eq(users.email, stranger.email))).toEqual([]);
  });

  it("grants a social-services role only once a second administrator approved the mapping", async () => {
    const world = oidc.world();
    const { first, second } = await admins();
    const proposed = await proposeGroupRole(first, {
      groupName: "soc-mottagning",
      unitId: world.unit.reception.id,
      role: "reception_worker",
    });
    expect(proposed).toMatchObject({ ok: true, pending: true });
    if (!proposed.ok) return;
    await proposeGroupRole(first, { groupName: "soc-mottagning", unitId: world.unit.school.id, role: "staff" });
    const worker = oidc.person("worker", { groups: ["soc-mottagning"] });

    await oidc.signInAs(worker.sub);
    expect(await rolesOf(worker.email)).toEqual([`${world.unit.school.id} staff`]);

    expect(await approveGroupRole(first, proposed.id)).toBe("own");
    expect(await approveGroupRole(second, proposed.id)).toBe("approved");
    expect(await approveGroupRole(second, proposed.id)).toBe("notFound");
    expect((await listGroupRoles(world.municipality.id)).every((m) => m.approvedAt)).toBe(true);

    await oidc.signInAs(worker.sub);
    expect(await rolesOf(worker.email)).toEqual(
      [`${world.unit.school.id} staff`, `${world.unit.reception.id} reception_worker`].sort(),
    );
  });

  it("removes at the next sign-in what a group no longer gives, and keeps what an administrator gave", async () => {
    const world = oidc.world();
    const { first } = await admins();
    const mapping = await proposeGroupRole(first, {
      groupName: "rektorer",
      unitId: world.unit.school.id,
      role: "principal",
    });
    await proposeGroupRole(first, { groupName: "skola", unitId: world.unit.school.id, role: "staff" });
    const principal = oidc.person("principal", { groups: ["rektorer", "skola"] });
    // An administrator gave the same person a role by hand before their first sign-in.
    const account = await oidc.staffWith(principal.email);
    await getDb().insert(memberships).values({
      municipalityId: world.municipality.id,
      userId: account.id,
      unitId: world.unit.preschool.id,
      role: "staff",
    });

    await oidc.signInAs(principal.sub);
    expect(await rolesOf(principal.email)).toEqual(
      [
        `${world.unit.school.id} staff (by hand)`,
        `${world.unit.preschool.id} staff (by hand)`,
        `${world.unit.school.id} principal`,
      ].sort(),
    );

    // The group is gone at the provider: the role it gave goes at the next sign-in, the ones given by hand stay.
    oidc.provider().setGroups(principal.sub, ["skola"]);
    await oidc.signInAs(principal.sub);
    expect(await rolesOf(principal.email)).toEqual(
      [`${world.unit.school.id} staff (by hand)`, `${world.unit.preschool.id} staff (by hand)`].sort(),
    );
    expect(await oidc.auditOf("delete")).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ method: "oidc", role: "principal" }) }),
    ]);

    // A mapping removed by an administrator counts no more either.
    oidc.provider().setGroups(principal.sub, ["rektorer"]);
    if (mapping.ok) expect(await removeGroupRole(first, mapping.id)).toBe(true);
    await oidc.signInAs(principal.sub);
    expect(await rolesOf(principal.email)).not.toContain(`${world.unit.school.id} principal`);
  });

  it("refuses someone the provider removed: they cannot get past its login page", async () => {
    const world = oidc.world();
    const { first } = await admins();
    await proposeGroupRole(first, { groupName: "skola", unitId: world.unit.school.id, role: "staff" });
    const leaver = oidc.person("leaver", { groups: ["skola"] });
    expect((await oidc.signInAs(leaver.sub)).session).toBeDefined();
    oidc.provider().removeAccount(leaver.sub);
    const started = await callRoute(start.loader, {
      path: `/login/oidc?${new URLSearchParams({ municipality: world.municipality.id })}`,
    });
    await expect(new TestBrowser().signIn(new URL(started.location ?? ""), leaver.sub, "pw")).rejects.toThrow(
      /refused/,
    );
  });
});

describe("two first sign-ins of the same person at once (two tabs, or a resent form)", () => {
  it("make one account, linked once, and both are signed in", async () => {
    const world = oidc.world();
    const { first } = await admins();
    await proposeGroupRole(first, { groupName: "skola", unitId: world.unit.school.id, role: "staff" });
    const newcomer = oidc.person("newcomer", { groups: ["skola"] });
    const tabs = await Promise.all([oidc.atCallback(newcomer.sub), oidc.atCallback(newcomer.sub)]);
    const answers = await Promise.all(tabs.map((tab) => tab.finish()));
    expect(answers.map((a) => a.answer.location)).toEqual(["/inbox", "/inbox"]);
    const made = await getDb().select({ id: users.id }).from(users).where(eq(users.email, newcomer.email));
    expect(made).toHaveLength(1);
    expect(await rolesOf(newcomer.email)).toEqual([`${world.unit.school.id} staff`]);
  });

  it("link an existing account once", async () => {
    const anna = oidc.person("anna");
    const account = await oidc.staffWith(anna.email);
    const tabs = await Promise.all([oidc.atCallback(anna.sub), oidc.atCallback(anna.sub)]);
    const answers = await Promise.all(tabs.map((tab) => tab.finish()));
    expect(answers.map((a) => a.answer.location)).toEqual(["/inbox", "/inbox"]);
    expect((await oidc.auditOf("identity.linked")).map((row) => row.recordId)).toEqual([account.id]);
  });
});
