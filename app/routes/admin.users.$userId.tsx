import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useMatches, useOutlet, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AccountSection, CredentialsSection, ProfileSection } from "~/components/user-admin";
import { MembershipsSection, ProposalsSection } from "~/components/user-memberships";
import { PageNotice } from "~/components/status-message";
import { audit } from "~/lib/audit.server";
import { formatDateTime, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import type { UserAdminStep, UserAdminStepHandle } from "~/domain/admin-schema";
import { can } from "~/lib/permissions.server";
import { requireManagedUser } from "~/server/user-admin.server";
import { listActiveUnitOptions } from "~/models/unit.server";
import { listPendingProposals } from "~/models/admin-proposal.server";
import adminStyles from "~/styles/admin.css";

/**
 * The administrator's page of one user. It has no action: each section's form posts to a step route
 * (admin.users.$userId.profile, .memberships, .credentials, .account, .proposals) with its own guard and schema. A step that
 * refuses a form answers with its reply, and Remix renders the step route in this page's outlet: the step renders
 * its section with the errors and what was typed, in the place of the section below. So a refusal shows the same
 * way with or without JavaScript; a success redirects here with a notice.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin:user.title");

export const handle: RouteTexts = { i18n: ["admin"] };

export async function loader(args: LoaderFunctionArgs) {
  const { admin, target } = await requireManagedUser(args);
  await audit({
    action: "read",
    user: admin,
    recordType: "user",
    recordId: target.id,
    requestId: args.context.requestId,
  });
  const [units, proposals] = await Promise.all([
    listActiveUnitOptions({ municipalityId: admin.municipalityId }),
    listPendingProposals(admin, target.id),
  ]);
  const canChangeRoles = can(admin, "user:changeRoles", {
    type: "user",
    id: target.id,
    municipalityId: target.municipalityId,
  });
  return {
    user: {
      id: target.id,
      name: target.name,
      email: target.email,
      active: target.active,
      createdAt: target.createdAt.toISOString(),
      deactivatedAt: target.deactivatedAt?.toISOString() ?? null,
      secondFactor: !!target.totpEnabledAt,
      memberships: target.memberships.map((m) => ({
        id: m.id,
        unitId: m.unitId,
        unitName: m.unitName,
        unitKind: m.unitKind,
        unitActive: m.unitActive,
        role: m.role,
        removable: canChangeRoles,
      })),
    },
    isSelf: admin.id === target.id,
    canChangeRoles,
    units,
    /** Changes that wait for a second administrator (app/models/admin-proposal.server.ts). */
    proposals: proposals.map((p) => ({ ...p, proposedAt: p.proposedAt.toISOString() })),
  };
}

/** What a step route renders its section from (the outlet's context). */
export type UserPage = ReturnType<typeof useLoaderData<typeof loader>>;

export default function AdminUser() {
  const { t, i18n } = useTranslation("admin");
  const data = useLoaderData<typeof loader>();
  const outlet = useOutlet(data);
  const step = (useMatches().at(-1)?.handle as Partial<UserAdminStepHandle> | undefined)?.step;
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const { user } = data;
  const notice = useSearchParams()[0].get("notice");
  const section = (name: UserAdminStep, here: ReactNode) => (outlet && step === name ? outlet : here);

  return (
    <>
      <p>
        <Link to="/admin/users">{t("user.back")}</Link>
      </p>
      <h1>{user.name}</h1>
      <p className="muted">
        {user.active
          ? t("status.active")
          : t("user.deactivatedAt", { date: formatDateTime(user.deactivatedAt ?? user.createdAt, locale) })}
        {" · "}
        {t("user.createdAt", { date: formatDateTime(user.createdAt, locale) })}
        {" · "}
        {user.secondFactor ? t("user.secondFactorOn") : t("user.secondFactorOff")}
      </p>
      <PageNotice namespace="admin" notice={notice} />
      {section("proposals", <ProposalsSection user={user} proposals={data.proposals} />)}
      {section("profile", <ProfileSection user={user} />)}
      {section("memberships", <MembershipsSection user={user} units={data.units} canChange={data.canChangeRoles} />)}
      {section("credentials", <CredentialsSection user={user} />)}
      {section("account", <AccountSection user={user} isSelf={data.isSelf} />)}
    </>
  );
}
