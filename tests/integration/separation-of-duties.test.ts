import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { memberships } from "#db/schema";
import { demoAccounts } from "~/demo/accounts";
import { login } from "~/server/auth.server";
import * as auditRoute from "~/routes/admin.audit";
import * as usersRoute from "~/routes/admin.users._index";
import * as membershipsRoute from "~/routes/admin.users.$userId.memberships";
import * as userRoute from "~/routes/admin.users.$userId";
import * as reportRoute from "~/routes/reports.$reportId";
import { createReport, createWorld, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";

/**
 * Issue 22, item 1 (the first part): nobody changes their own roles, an administrator cannot read reports, and the
 * audit log has a reader of its own, the security reviewer, who manages nothing.
 */

const changeRoles = async (
  admin: { id: string; municipalityId: string },
  userId: string,
  form: Record<string, string>,
) =>
  callRoute(membershipsRoute.action, {
    path: `/admin/users/${userId}/memberships`,
    params: { userId },
    cookie: await sessionCookieFor(admin),
    method: "POST",
    form,
  });

describe("roles", () => {
  it("an administrator cannot give themselves a role, nor take one away", async () => {
    const { user, unit } = await createWorld("Rollstad");
    const before = await getDb().select().from(memberships).where(eq(memberships.userId, user.admin.id));
    const give = await changeRoles(user.admin, user.admin.id, {
      intent: "add-membership",
      unitId: unit.reception.id,
      role: "reception_worker",
    });
    expect(give.data).toEqual({ intent: "add-membership", error: "admin:errors.cannotChangeOwnRoles" });
    const take = await changeRoles(user.admin, user.admin.id, {
      intent: "remove-membership",
      membershipId: before[0].id,
    });
    expect(take.data).toEqual({ intent: "remove-membership", error: "admin:errors.cannotChangeOwnRoles" });
    expect(await getDb().select().from(memberships).where(eq(memberships.userId, user.admin.id))).toEqual(before);
    // Their own page offers no role to add or remove.
    const page = await callRoute(userRoute.loader, {
      path: `/admin/users/${user.admin.id}`,
      params: { userId: user.admin.id },
      cookie: await sessionCookieFor(user.admin),
    });
    const data = page.data as { canChangeRoles: boolean; user: { memberships: { removable: boolean }[] } };
    expect(data.canChangeRoles).toBe(false);
    expect(data.user.memberships.every((m) => !m.removable)).toBe(true);
    // Another user's roles they may change.
    const other = await changeRoles(user.admin, user.staff.id, {
      intent: "add-membership",
      unitId: unit.preschool.id,
      role: "staff",
    });
    expect(other.status).toBe(302);
  });

  it("an administrator cannot read a report", async () => {
    const { user, unit } = await createWorld("Rollstad");
    const report = await createReport(user.staff, unit.school.id);
    const read = await callRoute(reportRoute.loader, {
      path: `/reports/${report.id}`,
      params: { reportId: report.id },
      cookie: await sessionCookieFor(user.admin),
    });
    expect(read.status).toBe(403);
  });
});

describe("the security reviewer", () => {
  it("reads the audit log, with every role change in it, and nothing else an administrator manages", async () => {
    const { user, unit } = await createWorld("Granskarstad");
    await changeRoles(user.admin, user.staff.id, {
      intent: "add-membership",
      unitId: unit.preschool.id,
      role: "staff",
    });
    const reviewer = await sessionCookieFor(user.security_reviewer);
    const log = await callRoute(auditRoute.loader, {
      path: `/admin/audit?type=membership`,
      cookie: reviewer,
    });
    expect(log.status).toBe(200);
    expect(JSON.stringify(log.data)).toContain("membership");
    expect((await callRoute(usersRoute.loader, { path: "/admin/users", cookie: reviewer })).status).toBe(403);
    const report = await createReport(user.staff, unit.school.id);
    const read = await callRoute(reportRoute.loader, {
      path: `/reports/${report.id}`,
      params: { reportId: report.id },
      cookie: reviewer,
    });
    expect(read.status).toBe(403);
  });

  it("sees failed sign-ins for accounts that do not exist, which belong to no municipality; administrators do not", async () => {
    const { user } = await createWorld("Okändstad");
    const typed = { email: "finns-inte@okand.example", password: "gissning", ip: "203.0.113.77", requestId: "u" };
    expect((await login(typed)).ok).toBe(false);
    const failures = async (who: { id: string; municipalityId: string }) => {
      const page = await callRoute(auditRoute.loader, {
        path: "/admin/audit?action=login.failure",
        cookie: await sessionCookieFor(who),
      });
      return (page.data as { events: { userId: string | null }[] }).events.filter((e) => e.userId === null);
    };
    expect((await failures(user.security_reviewer)).length).toBeGreaterThan(0);
    expect(await failures(user.admin)).toEqual([]);
    // What was typed is not in the log.
    expect(JSON.stringify(await failures(user.security_reviewer))).not.toContain("finns-inte");
  });

  it("and a second administrator are demo accounts", () => {
    const roleOf = (email: string) => demoAccounts.find((a) => a.email === email)?.role;
    expect(roleOf("admin2@exempelstad.example")).toBe("admin");
    expect(roleOf("granskare@exempelstad.example")).toBe("security_reviewer");
  });
});
