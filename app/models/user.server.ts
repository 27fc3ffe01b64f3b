import { and, asc, eq } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { memberships, units, users } from "#db/schema";
import type { CurrentUser } from "~/lib/permissions.server";

export function normaliseEmail(email: string) {
  return email.trim().toLowerCase();
}

/** For login only: the row with its password hash. */
export async function findUserForLogin(email: string) {
  const [row] = await getDb()
    .select({
      id: users.id,
      municipalityId: users.municipalityId,
      passwordHash: users.passwordHash,
      active: users.active,
      totpEnabledAt: users.totpEnabledAt,
    })
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .limit(1);
  return row ?? null;
}

/** The signed-in user with current memberships; null when missing or deactivated. */
export async function getCurrentUser(userId: string, municipalityId: string): Promise<CurrentUser | null> {
  const db = getDb();
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.municipalityId, municipalityId), eq(users.active, true)))
    .limit(1);
  if (!user) return null;
  const rows = await db
    .select({ unitId: units.id, unitName: units.name, unitKind: units.kind, role: memberships.role })
    .from(memberships)
    .innerJoin(units, eq(units.id, memberships.unitId))
    .where(and(eq(memberships.userId, userId), eq(memberships.municipalityId, municipalityId)))
    .orderBy(asc(memberships.createdAt));
  return {
    id: user.id,
    municipalityId: user.municipalityId,
    name: user.name,
    email: user.email,
    locale: user.locale ?? null,
    totpEnabled: !!user.totpEnabledAt,
    memberships: rows,
  };
}

export async function setUserLocale(user: CurrentUser, locale: "sv" | "en") {
  await getDb()
    .update(users)
    .set({ locale })
    .where(and(eq(users.id, user.id), eq(users.municipalityId, user.municipalityId)));
}

export async function getTotpSecret(user: CurrentUser) {
  const [row] = await getDb()
    .select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt })
    .from(users)
    .where(and(eq(users.id, user.id), eq(users.municipalityId, user.municipalityId)));
  return row ?? null;
}

export async function getTotpSecretById(userId: string) {
  const [row] = await getDb().select({ secret: users.totpSecret }).from(users).where(eq(users.id, userId));
  return row?.secret ?? null;
}

export async function setTotp(user: CurrentUser, values: { secret: string | null; enabledAt: Date | null }) {
  await getDb()
    .update(users)
    .set({ totpSecret: values.secret, totpEnabledAt: values.enabledAt })
    .where(and(eq(users.id, user.id), eq(users.municipalityId, user.municipalityId)));
}
