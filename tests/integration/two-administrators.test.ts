import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { adminProposals, auditEvents, memberships, messages, users } from "#db/schema";
import { login } from "~/server/auth.server";
import * as credentialsStep from "~/routes/admin.users.$userId.credentials";
import * as membershipsStep from "~/routes/admin.users.$userId.memberships";
import * as proposalsStep from "~/routes/admin.users.$userId.proposals";
import * as userPage from "~/routes/admin.users.$userId";
import * as home from "~/routes/_index";
import { createUser, createWorld, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";

/**
 * Issue 22, item 1 (the rest): granting a social-services role, or resetting the password or second factor of a user
 * who holds one, takes two administrators. One proposes; another (never the proposer, never the person concerned)
 * approves or rejects; the proposer may withdraw. The person concerned is told in their inbox.
 */

const routes = { memberships: membershipsStep, credentials: credentialsStep, proposals: proposalsStep } as const;

function post(step: keyof typeof routes, userId: string, cookie: string, form: Record<string, string>) {
  return callRoute(routes[step].action, {
    path: `/admin/users/${userId}/${step}`,
    params: { userId },
    cookie,
    method: "POST",
    form,
  });
}

async function setup(name = "Tvåstad") {
  const world = await createWorld(name);
  const second = await createUser({
    municipalityId: world.municipality.id,
    unitId: world.unit.administration.id,
    role: "admin",
    name: "Andra Administratören",
  });
  return {
    ...world,
    a: world.user.admin,
    b: second,
    cookieA: await sessionCookieFor(world.user.admin),
    cookieB: await sessionCookieFor(second),
  };
}

const proposalsFor = (userId: string) =>
  getDb().select().from(adminProposals).where(eq(adminProposals.targetUserId, userId));
const membershipsOf = (userId: string) => getDb().select().from(memberships).where(eq(memberships.userId, userId));
const inboxOf = (userId: string) => getDb().select().from(messages).where(eq(messages.recipientId, userId));
const auditOf = (recordId: string) => getDb().select().from(auditEvents).where(eq(auditEvents.recordId, recordId));

const grant = (unitId: string, role = "reception_worker") => ({ intent: "add-membership", unitId, role });

describe("granting a social-services role", () => {
  it("is proposed by one administrator and applied when another approves; the user is told", async () => {
    const s = await setup();
    const proposed = await post("memberships", s.user.staff.id, s.cookieA, grant(s.unit.reception.id));
    expect(proposed).toMatchObject({ status: 302, location: `/admin/users/${s.user.staff.id}?notice=proposed` });
    expect((await membershipsOf(s.user.staff.id)).map((m) => m.role)).toEqual(["staff"]);
    const [proposal] = await proposalsFor(s.user.staff.id);
    expect(proposal).toMatchObject({
      kind: "grant_role",
      status: "pending",
      unitId: s.unit.reception.id,
      role: "reception_worker",
      proposedById: s.a.id,
      passwordHash: null,
    });

    // The same proposal again is refused with a message, not a second row.
    const again = await post("memberships", s.user.staff.id, s.cookieB, grant(s.unit.reception.id));
    expect(again.data).toMatchObject({
      intent: "add-membership",
      result: { error: { "": ["admin:errors.alreadyProposed"] } },
    });
    expect(await proposalsFor(s.user.staff.id)).toHaveLength(1);

    // The user page lists it: the proposer may withdraw it, another administrator decide it.
    const pageOf = async (cookie: string) =>
      (
        await callRoute(userPage.loader, {
          path: `/admin/users/${s.user.staff.id}`,
          params: { userId: s.user.staff.id },
          cookie,
        })
      ).data as { proposals: { id: string; mayDecide: boolean; mayWithdraw: boolean }[] };
    expect((await pageOf(s.cookieA)).proposals).toEqual([
      expect.objectContaining({ id: proposal.id, mayDecide: false, mayWithdraw: true }),
    ]);
    expect((await pageOf(s.cookieB)).proposals).toEqual([
      expect.objectContaining({ id: proposal.id, mayDecide: true, mayWithdraw: false }),
    ]);

    // The proposer cannot approve it.
    const own = await post("proposals", s.user.staff.id, s.cookieA, { intent: "approve", proposalId: proposal.id });
    expect(
      own.status === 403 || (own.data as { error?: string })?.error === "admin:errors.cannotDecideOwnProposal",
    ).toBe(true);
    expect((await membershipsOf(s.user.staff.id)).map((m) => m.role)).toEqual(["staff"]);

    const approved = await post("proposals", s.user.staff.id, s.cookieB, {
      intent: "approve",
      proposalId: proposal.id,
    });
    expect(approved).toMatchObject({
      status: 302,
      location: `/admin/users/${s.user.staff.id}?notice=proposalApproved`,
    });
    const granted = (await membershipsOf(s.user.staff.id)).find((m) => m.role === "reception_worker");
    expect(granted).toMatchObject({ unitId: s.unit.reception.id });
    const [after] = await proposalsFor(s.user.staff.id);
    expect(after).toMatchObject({ status: "approved", decidedById: s.b.id });
    expect(after.decidedAt).toBeInstanceOf(Date);
    expect((await inboxOf(s.user.staff.id)).map((m) => m.template)).toContain("admin:proposalMessages.approved");

    // Audited: the proposal, its approval and the membership it made, by whom.
    const logged = await auditOf(proposal.id);
    expect(logged.map((e) => [e.action, e.userId])).toEqual(
      expect.arrayContaining([
        ["create", s.a.id],
        ["update", s.b.id],
      ]),
    );
    expect(await auditOf(granted!.id)).toEqual([expect.objectContaining({ action: "create", userId: s.b.id })]);

    // Approving it again changes nothing.
    const twice = await post("proposals", s.user.staff.id, s.cookieB, { intent: "approve", proposalId: proposal.id });
    expect(twice.data).toMatchObject({ error: "admin:errors.proposalNotPending" });
    expect(await membershipsOf(s.user.staff.id)).toHaveLength(2);
  });

  it("is never approved by the person it concerns", async () => {
    const s = await setup();
    await post("memberships", s.b.id, s.cookieA, grant(s.unit.reception.id, "investigator"));
    const [proposal] = await proposalsFor(s.b.id);
    expect(proposal.status).toBe("pending");
    const self = await post("proposals", s.b.id, s.cookieB, { intent: "approve", proposalId: proposal.id });
    expect(
      self.status === 403 || (self.data as { error?: string })?.error === "admin:errors.cannotDecideOwnProposal",
    ).toBe(true);
    expect((await membershipsOf(s.b.id)).map((m) => m.role)).toEqual(["admin"]);
  });

  it("waits on the other administrator's home, named by the user it concerns; not on the proposer's", async () => {
    const s = await setup();
    await post("memberships", s.user.staff.id, s.cookieA, grant(s.unit.reception.id));
    await post("memberships", s.user.staff.id, s.cookieA, grant(s.unit.investigation.id, "investigator"));
    const awaiting = async (cookie: string) =>
      ((await callRoute(home.loader, { path: "/", cookie })).data as { proposals: unknown }).proposals;
    expect(await awaiting(s.cookieB)).toEqual({
      total: 2,
      users: [{ id: s.user.staff.id, name: s.user.staff.name, count: 2 }],
    });
    expect(await awaiting(s.cookieA)).toEqual({ total: 0, users: [] });
    expect(await awaiting(await sessionCookieFor(s.user.staff))).toBeNull();
  });

  it("a staff role is granted at once, as before", async () => {
    const s = await setup();
    const added = await post("memberships", s.user.staff.id, s.cookieA, grant(s.unit.preschool.id, "staff"));
    expect(added).toMatchObject({ status: 302, location: `/admin/users/${s.user.staff.id}?notice=membershipAdded` });
    expect(await membershipsOf(s.user.staff.id)).toHaveLength(2);
    expect(await proposalsFor(s.user.staff.id)).toEqual([]);
  });

  it("is rejected by another administrator, and the proposer is told; or withdrawn by the proposer", async () => {
    const s = await setup();
    await post("memberships", s.user.staff.id, s.cookieA, grant(s.unit.reception.id, "reception_lead"));
    const [first] = await proposalsFor(s.user.staff.id);
    // The proposer may not reject their own (they withdraw it), nor may another administrator withdraw it.
    const ownReject = await post("proposals", s.user.staff.id, s.cookieA, { intent: "reject", proposalId: first.id });
    expect(ownReject.status === 403 || (ownReject.data as { error?: string })?.error).toBeTruthy();
    const otherWithdraw = await post("proposals", s.user.staff.id, s.cookieB, {
      intent: "withdraw",
      proposalId: first.id,
    });
    expect(otherWithdraw.status === 403 || (otherWithdraw.data as { error?: string })?.error).toBeTruthy();
    expect((await proposalsFor(s.user.staff.id))[0].status).toBe("pending");

    const rejected = await post("proposals", s.user.staff.id, s.cookieB, { intent: "reject", proposalId: first.id });
    expect(rejected).toMatchObject({
      status: 302,
      location: `/admin/users/${s.user.staff.id}?notice=proposalRejected`,
    });
    expect((await proposalsFor(s.user.staff.id))[0]).toMatchObject({ status: "rejected", decidedById: s.b.id });
    expect((await inboxOf(s.a.id)).map((m) => m.template)).toContain("admin:proposalMessages.rejected");
    expect((await membershipsOf(s.user.staff.id)).map((m) => m.role)).toEqual(["staff"]);
    expect((await auditOf(first.id)).map((e) => [e.action, e.userId])).toContainEqual(["update", s.b.id]);

    // Rejected, it may be proposed anew; and withdrawn by its proposer.
    await post("memberships", s.user.staff.id, s.cookieA, grant(s.unit.reception.id, "reception_lead"));
    const second = (await proposalsFor(s.user.staff.id)).find((p) => p.status === "pending")!;
    const withdrawn = await post("proposals", s.user.staff.id, s.cookieA, {
      intent: "withdraw",
      proposalId: second.id,
    });
    expect(withdrawn).toMatchObject({
      status: 302,
      location: `/admin/users/${s.user.staff.id}?notice=proposalWithdrawn`,
    });
    const [row] = await getDb().select().from(adminProposals).where(eq(adminProposals.id, second.id));
    expect(row.status).toBe("withdrawn");
    const late = await post("proposals", s.user.staff.id, s.cookieB, { intent: "approve", proposalId: second.id });
    expect(late.data).toMatchObject({ error: "admin:errors.proposalNotPending" });
    expect((await membershipsOf(s.user.staff.id)).map((m) => m.role)).toEqual(["staff"]);
  });

  it("answers 404 to another municipality's administrator, and to a proposal of another user or municipality", async () => {
    const s = await setup();
    const other = await setup("Annanstad");
    await post("memberships", s.user.staff.id, s.cookieA, grant(s.unit.reception.id));
    const [proposal] = await proposalsFor(s.user.staff.id);
    const foreign = await post("proposals", s.user.staff.id, other.cookieB, {
      intent: "approve",
      proposalId: proposal.id,
    });
    expect(foreign.status).toBe(404);
    // Their own user in the address, this municipality's proposal in the form.
    const mixed = await post("proposals", other.user.staff.id, other.cookieB, {
      intent: "approve",
      proposalId: proposal.id,
    });
    expect(mixed.status).toBe(404);
    // This municipality, another user of it in the address.
    const wrongUser = await post("proposals", s.user.principal.id, s.cookieB, {
      intent: "approve",
      proposalId: proposal.id,
    });
    expect(wrongUser.status).toBe(404);
    expect((await proposalsFor(s.user.staff.id))[0].status).toBe("pending");
  });
});

describe("resetting a social worker's credentials", () => {
  const TEMPORARY = "tillfälligt lösenord 2026";
  const signIn = (email: string, password: string) =>
    login({ email, password, ip: "10.22.1.1", requestId: `two-admins-${Math.random()}` });

  it("a password reset is proposed, and the temporary password works only after another administrator approves", async () => {
    const s = await setup();
    const investigator = s.user.investigator;
    const [before] = await getDb().select().from(users).where(eq(users.id, investigator.id));
    const proposed = await post("credentials", investigator.id, s.cookieA, {
      intent: "reset-password",
      password: TEMPORARY,
    });
    expect(proposed).toMatchObject({ status: 302, location: `/admin/users/${investigator.id}?notice=proposed` });
    const [unchanged] = await getDb().select().from(users).where(eq(users.id, investigator.id));
    expect(unchanged.passwordHash).toBe(before.passwordHash);
    expect((await signIn(investigator.email, TEMPORARY)).ok).toBe(false);
    const [proposal] = await proposalsFor(investigator.id);
    expect(proposal).toMatchObject({ kind: "reset_password", status: "pending" });
    expect(proposal.passwordHash).not.toContain(TEMPORARY);

    const approved = await post("proposals", investigator.id, s.cookieB, {
      intent: "approve",
      proposalId: proposal.id,
    });
    expect(approved.status).toBe(302);
    const [after] = await getDb().select().from(users).where(eq(users.id, investigator.id));
    expect(after.passwordChangeRequired).toBe(true);
    expect((await signIn(investigator.email, TEMPORARY)).ok).toBe(true);
    expect((await inboxOf(investigator.id)).map((m) => m.template)).toContain("admin:proposalMessages.approved");
    const logged = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.municipalityId, s.municipality.id)));
    const text = JSON.stringify(logged);
    expect(text).not.toContain(TEMPORARY);
    expect(text).not.toContain(proposal.passwordHash!);
    // The hash is not kept once the reset is decided.
    expect((await proposalsFor(investigator.id))[0]).toMatchObject({ status: "approved", passwordHash: null });
  });

  it("a second-factor reset of a reception worker is proposed; a staff user's is done at once", async () => {
    const s = await setup();
    const worker = s.user.reception_worker;
    const proposed = await post("credentials", worker.id, s.cookieA, { intent: "reset-second-factor" });
    expect(proposed).toMatchObject({ status: 302, location: `/admin/users/${worker.id}?notice=proposed` });
    const [proposal] = await proposalsFor(worker.id);
    expect(proposal).toMatchObject({ kind: "reset_second_factor", status: "pending" });
    const again = await post("credentials", worker.id, s.cookieB, { intent: "reset-second-factor" });
    expect(again.data).toMatchObject({ error: "admin:errors.alreadyProposed" });
    expect(await proposalsFor(worker.id)).toHaveLength(1);
    const approved = await post("proposals", worker.id, s.cookieB, { intent: "approve", proposalId: proposal.id });
    expect(approved.status).toBe(302);
    expect(await auditOf(worker.id)).toContainEqual(
      expect.objectContaining({ action: "second_factor.removed", userId: s.b.id }),
    );

    const staff = await post("credentials", s.user.staff.id, s.cookieA, { intent: "reset-second-factor" });
    expect(staff).toMatchObject({ status: 302, location: `/admin/users/${s.user.staff.id}?notice=secondFactorReset` });
    expect(await proposalsFor(s.user.staff.id)).toEqual([]);
  });
});

describe.skipIf(process.env.TEST_DB !== "postgres")("two approvals at once (PostgreSQL)", () => {
  it("apply the grant once", async () => {
    for (let round = 0; round < 4; round++) {
      const s = await setup(`Samtidigstad ${round}`);
      const third = await createUser({
        municipalityId: s.municipality.id,
        unitId: s.unit.administration.id,
        role: "admin",
      });
      const cookieC = await sessionCookieFor(third);
      await post("memberships", s.user.staff.id, s.cookieA, grant(s.unit.reception.id));
      const [proposal] = await proposalsFor(s.user.staff.id);
      const answers = await Promise.all(
        [s.cookieB, cookieC, s.cookieB, cookieC].map((cookie) =>
          post("proposals", s.user.staff.id, cookie, { intent: "approve", proposalId: proposal.id }),
        ),
      );
      expect(answers.filter((r) => r.status === 302)).toHaveLength(1);
      expect(answers.filter((r) => r.status !== 302).map((r) => r.data)).toEqual(
        Array(3).fill(expect.objectContaining({ error: "admin:errors.proposalNotPending" })),
      );
      expect((await membershipsOf(s.user.staff.id)).filter((m) => m.role === "reception_worker")).toHaveLength(1);
      expect(
        (await inboxOf(s.user.staff.id)).filter((m) => m.template === "admin:proposalMessages.approved"),
      ).toHaveLength(1);
    }
  });
});
