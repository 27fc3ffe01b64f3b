import { randomUUID } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { memberships, municipalities, units, users, type Role, type UnitKind } from "#db/schema";
import { hashPassword } from "~/lib/password.server";
import { createSession } from "~/lib/session.server";

export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;

/** A municipality of its own per test, so tests never see each other's rows. */
export async function createMunicipality(name = "Teststad") {
  const [row] = await getDb()
    .insert(municipalities)
    .values({ name, slug: `${name.toLowerCase()}-${randomUUID().slice(0, 8)}` })
    .returning();
  return row;
}

export async function createUnit(municipalityId: string, kind: UnitKind, name = `${kind} ${randomUUID().slice(0, 6)}`) {
  const [row] = await getDb()
    .insert(units)
    .values({ municipalityId, kind, name, enrolledChildren: kind === "school" || kind === "preschool" ? 200 : null })
    .returning();
  return row;
}

export async function createUser(input: {
  municipalityId: string;
  unitId: string;
  role: Role;
  email?: string;
  name?: string;
  active?: boolean;
}) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const [user] = await getDb()
    .insert(users)
    .values({
      municipalityId: input.municipalityId,
      email: input.email ?? `${input.role}-${randomUUID().slice(0, 8)}@test.example`,
      name: input.name ?? `Test ${input.role}`,
      passwordHash: await passwordHash,
      active: input.active ?? true,
    })
    .returning();
  await getDb()
    .insert(memberships)
    .values({ municipalityId: input.municipalityId, userId: user.id, unitId: input.unitId, role: input.role });
  return user;
}

/** One municipality with a unit of each kind and one user per role. */
export async function createWorld(name = "Teststad") {
  const municipality = await createMunicipality(name);
  const unit = {
    school: await createUnit(municipality.id, "school"),
    preschool: await createUnit(municipality.id, "preschool"),
    reception: await createUnit(municipality.id, "reception"),
    investigation: await createUnit(municipality.id, "investigation"),
    coordination: await createUnit(municipality.id, "coordination"),
    administration: await createUnit(municipality.id, "administration"),
  };
  const unitFor: Record<Role, string> = {
    staff: unit.school.id,
    principal: unit.school.id,
    reception_worker: unit.reception.id,
    investigator: unit.investigation.id,
    coordinator: unit.coordination.id,
    steering: unit.administration.id,
    admin: unit.administration.id,
  };
  const roles = Object.keys(unitFor) as Role[];
  const userList = await Promise.all(
    roles.map((role) => createUser({ municipalityId: municipality.id, unitId: unitFor[role], role })),
  );
  const user = Object.fromEntries(roles.map((r, i) => [r, userList[i]])) as Record<Role, (typeof userList)[number]>;
  return { municipality, unit, user };
}

/** A Cookie header for a fresh session of this user. */
export async function sessionCookieFor(user: { id: string; municipalityId: string }) {
  const setCookie = await createSession({ userId: user.id, municipalityId: user.municipalityId, secondFactorPending: false });
  return setCookie.split(";")[0];
}

export function testContext(overrides: Partial<AppLoadContext> = {}): AppLoadContext {
  return { requestId: `test-${randomUUID()}`, nonce: "test-nonce", clientIp: "127.0.0.1", ...overrides };
}
