import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { audit } from "~/lib/audit.server";
import { requirePermission } from "~/server/auth.server";
import { type AppLocale, formatDateTime, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { coverageFor } from "~/models/coverage.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "coverage:title");

export const handle: RouteTexts = { i18n: ["coverage"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "coverage:read");
  const coverage = await coverageFor(user);
  await audit({
    action: "list",
    user,
    recordType: "coverage",
    requestId: args.context.requestId,
    details: { scope: coverage.scope, units: coverage.units.length, newStaff: coverage.newStaff.length },
  });
  return {
    scope: coverage.scope,
    units: coverage.units,
    newStaff: coverage.newStaff.map((s) => ({ ...s, joinedAt: s.joinedAt.toISOString() })),
  };
}

const percent = (share: number, locale: AppLocale) =>
  new Intl.NumberFormat(locale === "en" ? "en-GB" : "sv-SE", { style: "percent", maximumFractionDigits: 0 }).format(
    share,
  );

export default function TrainingCoverage() {
  const { t, i18n } = useTranslation("coverage");
  const { t: tc } = useTranslation();
  const { scope, units, newStaff } = useLoaderData<typeof loader>();
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const staff = units.reduce((sum, u) => sum + u.staff, 0);
  const trained = units.reduce((sum, u) => sum + u.trained, 0);
  const noneTrained = units.filter((u) => u.noneTrained).length;
  return (
    <>
      <div className="page-heading">
        <h1>{t("title")}</h1>
        <span>
          <a href="/trainings/coverage.csv" download>
            {t("download")}
          </a>{" "}
          ·{" "}
          <a href="/trainings/coverage.xlsx" download>
            {t("downloadXlsx")}
          </a>
        </span>
      </div>
      <p>
        {t("intro")} {t(`scope.${scope}`)}
      </p>
      <section aria-labelledby="coverage-units-heading">
        <h2 id="coverage-units-heading">{t("units.heading")}</h2>
        {units.length ? (
          <>
            {staff > 0 ? <p>{t("summary", { trained, staff, share: percent(trained / staff, locale) })}</p> : null}
            {noneTrained > 0 ? <p>{t("noneSummary", { count: noneTrained })}</p> : null}
            <div className="table-scroll">
              <table>
                <caption>{t("units.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("units.unit")}</th>
                    <th scope="col">{t("units.kind")}</th>
                    <th scope="col">{t("units.staff")}</th>
                    <th scope="col">{t("units.trained")}</th>
                    <th scope="col">{t("units.share")}</th>
                    <th scope="col">{t("units.note")}</th>
                  </tr>
                </thead>
                <tbody>
                  {units.map((u) => (
                    <tr key={u.id}>
                      <th scope="row">{u.name}</th>
                      <td>{tc(`unitKinds.${u.kind}`)}</td>
                      <td>{u.staff}</td>
                      <td>{u.trained}</td>
                      <td>
                        {u.share === null ? (
                          <>
                            <span aria-hidden="true">–</span>
                            <span className="visually-hidden">{t("units.noShare")}</span>
                          </>
                        ) : (
                          percent(u.share, locale)
                        )}
                      </td>
                      <td>
                        {u.noneTrained ? (
                          <strong>{t("units.noneTrained")}</strong>
                        ) : u.staff === 0 ? (
                          t("units.noStaff")
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <p>{t("units.empty")}</p>
        )}
      </section>
      <section aria-labelledby="coverage-new-heading">
        <h2 id="coverage-new-heading">{t("newStaff.heading")}</h2>
        <p>{t("newStaff.intro")}</p>
        {newStaff.length ? (
          <div className="table-scroll">
            <table>
              <caption>{t("newStaff.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("newStaff.name")}</th>
                  <th scope="col">{t("newStaff.unit")}</th>
                  <th scope="col">{t("newStaff.joined")}</th>
                </tr>
              </thead>
              <tbody>
                {newStaff.map((s) => (
                  <tr key={`${s.userId}-${s.unitId}`}>
                    <th scope="row">{s.name}</th>
                    <td>{s.unitName}</td>
                    <td>{formatDateTime(s.joinedAt, locale, { dateStyle: "medium", timeStyle: undefined })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("newStaff.empty")}</p>
        )}
      </section>
    </>
  );
}
