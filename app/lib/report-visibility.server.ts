import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { reports } from "#db/schema";
import type { CurrentUser } from "./permissions.server";
import { socialServicesRoles, type ReportChannel, type Role } from "../domain/vocabulary";

/**
 * Who may see a report. This file is the only place the rule is written: `can(user, "report:read")` asks
 * `seesReport`, and every list and scoped read of reports puts `reportsVisibleTo` in its where. Each clause is
 * written once in TypeScript and once in SQL side by side, and tests/integration/report-visibility.test.ts checks
 * that the two agree for random users and reports.
 */

/** The fields of a report the rule looks at. */
export interface ReportAudienceFields {
  municipalityId: string;
  channel: ReportChannel;
  unitId: string | null;
  reporterId: string | null;
  observerId: string | null;
  coSignerId: string | null;
}

interface Clause {
  /** Whether this clause can let the user see anything at all. */
  applies: (user: CurrentUser) => boolean;
  test: (user: CurrentUser, r: ReportAudienceFields) => boolean;
  where: (user: CurrentUser) => SQL;
}

const SOCIAL_SERVICES: readonly Role[] = socialServicesRoles;

const principalUnits = (user: CurrentUser) =>
  user.memberships.filter((m) => m.role === "principal").map((m) => m.unitId);

/** Social services see every report of their municipality: they receive and decide them. */
const socialServices: Clause = {
  applies: (user) => user.memberships.some((m) => SOCIAL_SERVICES.includes(m.role)),
  test: () => true,
  where: () => sql`true`,
};

/**
 * A principal sees the reports made in the portal from their own units. A report that came from outside the school
 * (police, a neighbour) names someone the school must not learn of: its principal does not see it.
 */
const principalOfUnit: Clause = {
  applies: (user) => principalUnits(user).length > 0,
  test: (user, r) => r.channel === "portal" && r.unitId !== null && principalUnits(user).includes(r.unitId),
  where: (user) => and(eq(reports.channel, "portal"), inArray(reports.unitId, principalUnits(user))) as SQL,
};

/** School staff see the reports they signed, observed or co-signed. */
const involved: Clause = {
  applies: (user) => user.memberships.some((m) => m.role === "staff" || m.role === "principal"),
  test: (user, r) => [r.reporterId, r.observerId, r.coSignerId].includes(user.id),
  where: (user) =>
    or(eq(reports.reporterId, user.id), eq(reports.observerId, user.id), eq(reports.coSignerId, user.id)) as SQL,
};

/** Who may see a report; who may add to it (a supplement) is the same minus social services, who process it. */
const readers = [socialServices, principalOfUnit, involved];
const supplementers = [principalOfUnit, involved];

function holds(clauses: Clause[], user: CurrentUser, r: ReportAudienceFields) {
  return r.municipalityId === user.municipalityId && clauses.some((c) => c.applies(user) && c.test(user, r));
}

export const seesReport = (user: CurrentUser, r: ReportAudienceFields) => holds(readers, user, r);
export const mayAddToReport = (user: CurrentUser, r: ReportAudienceFields) => holds(supplementers, user, r);

/** The reports `user` may see, as a where condition on `reports`: the tenant and the clauses that apply to them. */
export function reportsVisibleTo(user: CurrentUser): SQL {
  const clauses = readers.filter((c) => c.applies(user)).map((c) => c.where(user));
  // or() of nothing is no condition at all: someone no clause applies to sees nothing, not everything.
  if (clauses.length === 0) return sql`false`;
  return and(eq(reports.municipalityId, user.municipalityId), or(...clauses)) as SQL;
}
