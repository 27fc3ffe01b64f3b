import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MessageList } from "~/components/message-list";
import { audit } from "~/lib/audit.server";
import { requirePermission } from "~/server/auth.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { detectLocale } from "~/lib/i18n.server";
import { can, rolesOf } from "~/lib/permissions.server";
import { listMessages } from "~/models/inbox.server";
import { proposalsAwaiting } from "~/models/admin-proposal.server";
import { adminAttention } from "~/models/user.server";
import { receptionAttention, reporterAttention } from "~/models/report.server";
import { unitContactPersons } from "~/models/unit-contact.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "home.title");

export const handle: RouteTexts = { i18n: ["inbox", "admin"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "home:view");
  const locale = detectLocale(args.request, user);
  const unread = (await listMessages(user, { locale, limit: 5, unreadOnly: true })).map((m) => ({
    ...m,
    createdAt: m.createdAt.toISOString(),
    readAt: m.readAt?.toISOString() ?? null,
  }));
  await audit({
    action: "list",
    user,
    recordType: "message",
    requestId: args.context.requestId,
    details: { page: "home" },
  });
  // Counts only, no names: what needs the role's attention, each linking to where it is handled.
  const admin = can(user, "admin:users") ? await adminAttention(user.municipalityId) : null;
  // Changes another administrator proposed, waiting for this one's approval (app/models/admin-proposal.server.ts).
  const proposals = can(user, "adminProposal:decide") ? await proposalsAwaiting(user) : null;
  const reception = can(user, "report:process") ? await receptionAttention(user) : null;
  const reporter = can(user, "report:create") ? await reporterAttention(user) : null;
  // A principal names each unit's contact person: who it is now, and the way to change it.
  const headed = user.memberships.filter((m) =>
    can(user, "unit:assignContact", { type: "unit", id: m.unitId, municipalityId: user.municipalityId }),
  );
  const contactUnits = await Promise.all(
    headed.map(async (m) => {
      const [contact] = await unitContactPersons(user.municipalityId, m.unitId);
      return { id: m.unitId, name: m.unitName, contact: contact?.name ?? null };
    }),
  );
  return { name: user.name, roles: rolesOf(user), unread, admin, reception, reporter, contactUnits, proposals };
}

export default function Home() {
  const { t } = useTranslation();
  const { name, roles, unread, admin, reception, reporter, contactUnits, proposals } = useLoaderData<typeof loader>();
  const receptionItems = reception
    ? (
        [
          ["protectionOverdue", "/reports?due=overdue"],
          ["protectionToday", "/reports?due=today"],
          ["decisionOverdue", "/reports?due=overdue"],
          ["unassigned", "/reports?assigned=nobody"],
        ] as const
      ).filter(([key]) => reception[key] > 0)
    : [];
  return (
    <>
      <h1>{t("home.greeting", { name })}</h1>
      {roles.map((role) => (
        <section key={role} aria-labelledby={`role-${role}`} className="card">
          <h2 id={`role-${role}`}>{t(`home.roles.${role}.heading`)}</h2>
          <p>{t(`home.roles.${role}.body`)}</p>
          {role === "principal" && contactUnits.length ? <ContactUnits units={contactUnits} /> : null}
        </section>
      ))}
      <section aria-labelledby="attention-heading">
        <h2 id="attention-heading">{t("home.attention")}</h2>
        {admin && (admin.usersWithoutRole > 0 || admin.usersOnTemporaryPassword > 0) ? (
          <ul className="attention-list">
            {admin.usersWithoutRole > 0 ? (
              <li>
                <Link to="/admin/users">{t("home.admin.withoutRole", { count: admin.usersWithoutRole })}</Link>
              </li>
            ) : null}
            {admin.usersOnTemporaryPassword > 0 ? (
              <li>
                <Link to="/admin/users">
                  {t("home.admin.temporaryPassword", { count: admin.usersOnTemporaryPassword })}
                </Link>
              </li>
            ) : null}
          </ul>
        ) : null}
        {proposals?.total ? <AwaitingProposals proposals={proposals} /> : null}
        {receptionItems.length || reporter?.drafts ? (
          <ul className="attention-list">
            {receptionItems.map(([key, to]) => (
              <li key={key}>
                <Link to={to}>{t(`home.reception.${key}`, { count: reception?.[key] })}</Link>
              </li>
            ))}
            {reporter?.drafts ? (
              <li>
                <Link to="/reports">{t("home.reporter.drafts", { count: reporter.drafts })}</Link>
              </li>
            ) : null}
          </ul>
        ) : null}
        {reporter ? (
          <p>
            <Link to="/reports/new" className="button">
              {t("home.reporter.write")}
            </Link>{" "}
            <Link to="/guidance/should-i-report">{t("home.reporter.unsure")}</Link>
          </p>
        ) : null}
        {unread.length ? <MessageList messages={unread} /> : <p>{t("home.nothingNew")}</p>}
        <p>
          <Link to="/inbox">{t("home.toInbox")}</Link>
        </p>
      </section>
    </>
  );
}

function ContactUnits({ units }: { units: { id: string; name: string; contact: string | null }[] }) {
  const { t } = useTranslation("admin");
  return (
    <>
      <h3>{t("contact.units")}</h3>
      <ul className="attention-list">
        {units.map((unit) => (
          <li key={unit.id}>
            {unit.name}: {unit.contact ? t("contact.current", { name: unit.contact }) : t("contact.none")}{" "}
            <Link to={`/units/${unit.id}/contact`}>{t("contact.change", { name: unit.name })}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}

function AwaitingProposals({ proposals }: { proposals: { total: number; users: { id: string; name: string }[] } }) {
  const { t } = useTranslation("admin");
  return (
    <div className="alert">
      <p>{t("proposals.awaiting", { count: proposals.total })}</p>
      <ul className="attention-list">
        {proposals.users.map((u) => (
          <li key={u.id}>
            <Link to={`/admin/users/${u.id}`}>{u.name}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
