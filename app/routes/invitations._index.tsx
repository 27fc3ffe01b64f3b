import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { audit } from "~/lib/audit.server";
import { requirePermission } from "~/server/auth.server";
import { formatDateTime, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { listInvitations } from "~/models/meeting.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "meetings:invitations.title");

export const handle: RouteTexts = { i18n: ["meetings"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "invitation:answer");
  const invitations = await listInvitations(user);
  await audit({
    action: "list",
    user,
    recordType: "invitation",
    requestId: args.context.requestId,
    details: { count: invitations.length },
  });
  return { invitations: invitations.map((i) => ({ ...i, startsAt: i.startsAt.toISOString() })) };
}

export default function Invitations() {
  const { t, i18n } = useTranslation("meetings");
  const { invitations } = useLoaderData<typeof loader>();
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  return (
    <>
      <h1>{t("invitations.title")}</h1>
      <p>{t("invitations.intro")}</p>
      {invitations.length ? (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("invitations.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("invitations.when")}</th>
                <th scope="col">{t("invitations.where")}</th>
                <th scope="col">{t("invitations.report")}</th>
                <th scope="col">{t("invitations.answer")}</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((i) => (
                <tr key={i.id}>
                  <td>
                    <Link to={`/invitations/${i.id}`}>{formatDateTime(i.startsAt, locale)}</Link>
                    {i.status === "cancelled" ? <span className="tag">{t("invitations.cancelled")}</span> : null}
                  </td>
                  <td>{i.place || t(`forms.${i.form}`)}</td>
                  <td>{i.reference}</td>
                  <td>{t(`answers.${i.answer}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("invitations.none")}</p>
      )}
    </>
  );
}
