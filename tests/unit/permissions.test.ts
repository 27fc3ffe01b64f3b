import { describe, expect, it } from "vitest";
import { can, requiresSecondFactor, type CurrentUser } from "~/lib/permissions.server";
import type { Role } from "#db/schema";

const user = (role: Role, municipalityId = "m1", id = "u1"): CurrentUser => ({
  id,
  municipalityId,
  name: "x",
  email: "x@y",
  locale: null,
  totpEnabled: false,
  mustChangePassword: false,
  memberships: [{ unitId: "unit", unitName: "Unit", unitKind: "school", role }],
});

describe("can", () => {
  it("lets only admins manage users, units and read the audit log", () => {
    for (const action of ["admin:users", "admin:units", "admin:audit"] as const) {
      expect(can(user("admin"), action)).toBe(true);
      for (const role of [
        "staff",
        "principal",
        "reception_worker",
        "investigator",
        "coordinator",
        "steering",
      ] as const) {
        expect(can(user(role), action)).toBe(false);
      }
    }
  });

  it("never allows a record of another municipality", () => {
    expect(can(user("admin"), "user:manage", { type: "user", municipalityId: "m1" })).toBe(true);
    expect(can(user("admin"), "user:manage", { type: "user", municipalityId: "m2" })).toBe(false);
  });

  it("lets only a principal of the unit name its contact person", () => {
    const unit = { type: "unit" as const, id: "unit", municipalityId: "m1" };
    expect(can(user("principal"), "unit:assignContact", unit)).toBe(true);
    expect(can(user("principal"), "unit:assignContact", { ...unit, id: "other" })).toBe(false);
    expect(can(user("principal", "m2"), "unit:assignContact", unit)).toBe(false);
    for (const role of ["staff", "reception_worker", "coordinator", "admin"] as const) {
      expect(can(user(role), "unit:assignContact", unit), role).toBe(false);
    }
  });

  it("lets a user read only messages addressed to them", () => {
    const mine = { type: "message" as const, municipalityId: "m1", recipientId: "u1" };
    expect(can(user("staff"), "message:read", mine)).toBe(true);
    expect(can(user("staff"), "message:read", { ...mine, recipientId: "u2" })).toBe(false);
    expect(can(user("admin"), "message:read", { ...mine, recipientId: "u2" })).toBe(false);
  });

  it("lets anyone file a deviation from the agreement, its filer and the coordinators read it, coordinators handle it", () => {
    const deviation = { type: "agreement_deviation" as const, municipalityId: "m1", filedById: "u1" };
    const others = ["principal", "reception_worker", "reception_lead", "investigator", "steering", "admin"] as const;
    for (const role of [...others, "staff", "coordinator"] as const) {
      expect(can(user(role), "deviation:file"), role).toBe(true);
      // The filer reads their own whatever their role.
      expect(can(user(role), "deviation:read", deviation), role).toBe(true);
    }
    for (const role of ["staff", ...others] as const) {
      expect(can(user(role, "m1", "u2"), "deviation:read", deviation), role).toBe(false);
      expect(can(user(role), "deviation:handle"), role).toBe(false);
    }
    expect(can(user("coordinator", "m1", "u2"), "deviation:read", deviation)).toBe(true);
    expect(can(user("coordinator", "m1", "u2"), "deviation:handle", deviation)).toBe(true);
    // Never another municipality's.
    expect(can(user("coordinator", "m2", "u2"), "deviation:read", deviation)).toBe(false);
    expect(can(user("coordinator", "m2", "u2"), "deviation:handle", deviation)).toBe(false);
    expect(can(user("staff", "m2"), "deviation:read", deviation)).toBe(false);
    // A deviation is not the quality review's, nor is a review deviation this one.
    expect(
      can(user("coordinator"), "deviation:handle", { type: "deviation", municipalityId: "m1", ownerId: "u1" }),
    ).toBe(false);
  });

  it("denies everything to a user without memberships", () => {
    const none = { ...user("staff"), memberships: [] };
    expect(can(none, "home:view")).toBe(false);
    expect(can(none, "inbox:read")).toBe(false);
  });

  it("requires a second factor of social-services roles and admins", () => {
    expect(requiresSecondFactor(user("reception_worker"))).toBe(true);
    expect(requiresSecondFactor(user("reception_lead"))).toBe(true);
    expect(requiresSecondFactor(user("investigator"))).toBe(true);
    expect(requiresSecondFactor(user("admin"))).toBe(true);
    expect(requiresSecondFactor(user("staff"))).toBe(false);
    expect(requiresSecondFactor(user("steering"))).toBe(false);
  });
});
