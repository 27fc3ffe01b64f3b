import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusTag } from "~/components/report-status";
import { UnitContactPerson } from "~/components/unit-contact";
import { audit } from "~/lib/audit.server";
import { recordNotFound, requirePermission } from "~/server/auth.server";
import { formatDateTime, isLocale, type RouteTexts } from "~/lib/i18n";
import { isUuid } from "~/domain/ids";
import { unitActivity } from "~/models/advice.server";
import { getUnit } from "~/models/unit.server";
import { unitContactPersons } from "~/models/unit-contact.server";
import adviceStyles from "~/styles/advice.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adviceStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.unit.name} – Tillsammans` : "Tillsammans" },
];

export const handle: RouteTexts = { i18n: ["advice", "reports", "admin"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "unit:overview");
  const unitId = args.params.unitId ?? "";
  const unit = isUuid(unitId) ? await getUnit({ municipalityId: user.municipalityId, unitId }) : null;
  if (!unit) return recordNotFound(args, user, "unit", unitId);
  const activity = await unitActivity(user.municipalityId, unit.id);
  const contacts = await unitContactPersons(user.municipalityId, unit.id);
  await audit({
    action: "read",
    user,
    recordType: "unit",
    recordId: unit.id,
    requestId: args.context.requestId,
    details: { view: "activity" },
  });
  return {
    unit: { id: unit.id, name: unit.name, kind: unit.kind, enrolledChildren: unit.enrolledChildren },
    contacts,
    consultations: activity.consultations.map((c) => ({ ...c, occurredAt: c.occurredAt.toISOString() })),
    reports: activity.reports.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString() })),
  };
}

export default function UnitActivity() {
  const { t, i18n } = useTranslation("advice");
  const { t: tc } = useTranslation();
  const { unit, contacts, consultations, reports } = useLoaderData<typeof loader>();
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  return (
    <>
      <h1>{unit.name}</h1>
      <p className="muted">
        {tc(`unitKinds.${unit.kind}`)}
        {unit.enrolledChildren !== null ? ` · ${t("unit.children", { count: unit.enrolledChildren })}` : ""}
      </p>
      <UnitContactPerson contacts={contacts} />
      <div className="side-by-side">
        <section aria-labelledby="unit-advice-heading" className="card">
          <h2 id="unit-advice-heading">{t("unit.consultations")}</h2>
          {consultations.length ? (
            <ul className="plain-list entries">
              {consultations.map((c) => (
                <li key={c.id}>
                  <Link to={`/advice/${c.id}`}>{c.code}</Link> · {formatDateTime(c.occurredAt, locale)}
                  <div className="muted">
                    {t(`adviceGiven.${c.advice}`)} · {c.followedByReport ? t("unit.followed") : t("unit.notFollowed")}
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("unit.noConsultations")}</p>
          )}
        </section>
        <section aria-labelledby="unit-reports-heading" className="card">
          <h2 id="unit-reports-heading">{t("unit.reports")}</h2>
          {reports.length ? (
            <ul className="plain-list entries">
              {reports.map((r) => (
                <li key={r.id}>
                  <Link to={`/reports/${r.id}`}>{r.reference}</Link> · {formatDateTime(r.receivedAt, locale)}{" "}
                  <StatusTag status={r.decision ?? "received"} />
                  {r.adviceCode ? <div className="muted">{t("unit.quotesCode", { code: r.adviceCode })}</div> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("unit.noReports")}</p>
          )}
        </section>
      </div>
    </>
  );
}
