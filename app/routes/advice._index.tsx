import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ListRowsField } from "~/components/list-rows-field";
import { Pagination } from "~/components/pagination";
import { adviceFilterFrom, adviceFilterParams } from "~/domain/advice-filters";
import { audit } from "~/lib/audit.server";
import { requirePermission } from "~/server/auth.server";
import { formatDateTime, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { adviceGiven, concernKinds, unitKinds } from "~/domain/vocabulary";
import { listConsultations } from "~/models/advice.server";
import { listRowsFor } from "~/server/list-rows.server";
import { listActiveUnitOptions } from "~/models/unit.server";
import adviceStyles from "~/styles/advice.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adviceStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "advice:list.title");

export const handle: RouteTexts = { i18n: ["advice"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "advice:log");
  const filter = adviceFilterFrom(new URL(args.request.url).searchParams);
  const pageSize = await listRowsFor(user, args.request);
  const [{ total, rows }, units] = await Promise.all([
    listConsultations(user, filter, { rows: pageSize }),
    listActiveUnitOptions({ municipalityId: user.municipalityId }),
  ]);
  await audit({
    action: "list",
    user,
    recordType: "advice",
    requestId: args.context.requestId,
    details: { count: rows.length },
  });
  return {
    filter,
    total,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    units: units
      .filter((u) => ["preschool", "school", "student_health"].includes(u.kind))
      .map((u) => ({ value: u.id, label: u.name })),
    rows: rows.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString() })),
  };
}

export default function AdviceList() {
  const { t, i18n } = useTranslation("advice");
  const { t: tc } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const f = data.filter;
  const params = adviceFilterParams(f);
  // The downloads carry the filter shown.
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]));
  const select = (name: string, value: string | null, options: { value: string; label: string }[], all: string) => (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{t(`list.filters.${name}`)}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  const yesNo = [
    { value: "yes", label: t("form.yes") },
    { value: "no", label: t("form.no") },
  ];
  return (
    <>
      <div className="page-heading">
        <h1>{t("list.title")}</h1>
        <Link to="/advice/new" className="button">
          {t("list.new")}
        </Link>
      </div>
      <Form method="get" className="filter-grid" aria-label={t("list.filters.label")}>
        <div className="field">
          <label htmlFor="filter-from">{t("list.filters.from")}</label>
          <input id="filter-from" name="from" type="date" defaultValue={f.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="filter-to">{t("list.filters.to")}</label>
          <input id="filter-to" name="to" type="date" defaultValue={f.to ?? ""} />
        </div>
        {select("unitId", f.unitId, data.units, t("list.filters.all"))}
        {select(
          "unitKind",
          f.unitKind,
          unitKinds.map((k) => ({ value: k, label: tc(`unitKinds.${k}`) })),
          t("list.filters.all"),
        )}
        {select(
          "concern",
          f.concern,
          concernKinds.map((c) => ({ value: c, label: t(`concerns.${c}`) })),
          t("list.filters.all"),
        )}
        {select(
          "advice",
          f.advice,
          adviceGiven.map((a) => ({ value: a, label: t(`adviceGiven.${a}`) })),
          t("list.filters.all"),
        )}
        {select("acute", f.acute === null ? null : f.acute ? "yes" : "no", yesNo, t("list.filters.all"))}
        {select("followed", f.followed === null ? null : f.followed ? "yes" : "no", yesNo, t("list.filters.all"))}
        {select(
          "sort",
          f.sort === "oldest" ? "oldest" : null,
          [{ value: "oldest", label: t("list.filters.oldest") }],
          t("list.filters.newest"),
        )}
        <ListRowsField value={data.pageSize} />
        <div className="filter-grid__actions">
          <button type="submit" className="button">
            {t("list.filters.apply")}
          </button>
          <Link to="/advice">{t("list.filters.reset")}</Link>
          <a href={`/advice.csv?${query}`} download>
            {t("list.csv")}
          </a>
          <a href={`/advice.xlsx?${query}`} download>
            {t("list.xlsx")}
          </a>
        </div>
      </Form>
      {data.rows.length ? (
        <div className="table-scroll">
          <table>
            <caption>{t("list.caption", { count: data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("list.code")}</th>
                <th scope="col">{t("list.when")}</th>
                <th scope="col">{t("form.callerUnit")}</th>
                <th scope="col">{t("form.concerns")}</th>
                <th scope="col">{t("form.advice")}</th>
                <th scope="col">{t("list.followed")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/advice/${r.id}`}>{r.code}</Link>
                    {r.acute ? <span className="tag tag--acute">{t("list.acute")}</span> : null}
                  </td>
                  <td>{formatDateTime(r.occurredAt, locale)}</td>
                  <td>{r.callerUnitName ?? "–"}</td>
                  <td>{r.concerns.map((c) => t(`concerns.${c}`)).join(", ")}</td>
                  <td>{t(`adviceGiven.${r.advice}`)}</td>
                  <td>{r.followedByReport ? t("form.yes") : t("form.no")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("list.none")}</p>
      )}
      <Pagination page={f.page} pageCount={data.pageCount} keep={params} />
    </>
  );
}
