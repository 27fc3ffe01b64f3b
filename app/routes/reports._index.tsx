import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination";
import { DueBadge, StatusTag } from "~/components/report-status";
import { audit } from "~/lib/audit.server";
import { requirePermission } from "~/server/auth.server";
import { formatDateTime, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { can, hasRole } from "~/lib/permissions.server";
import { reportChannels, unitKinds } from "~/domain/vocabulary";
import {
  listReportDrafts,
  listReportsForReception,
  listReportsForReporter,
  RECEPTION_PAGE_SIZE,
} from "~/models/report.server";
import { receptionFilterFrom, receptionFilters } from "~/domain/report-filters";
import reportStyles from "~/styles/reports.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reports:list.title");

export const handle: RouteTexts = { i18n: ["reports"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "report:list");
  const requestId = args.context.requestId;
  if (can(user, "report:process")) {
    const investigator = hasRole(user, "investigator") && !hasRole(user, "reception_worker");
    const filter = receptionFilterFrom(new URL(args.request.url).searchParams, investigator ? "investigation" : "open");
    const { total, reports } = await listReportsForReception(user, filter);
    await audit({
      action: "list",
      user,
      recordType: "report",
      requestId,
      details: { view: "reception", count: reports.length },
    });
    return {
      view: "reception" as const,
      filter,
      total,
      pageCount: Math.max(1, Math.ceil(total / RECEPTION_PAGE_SIZE)),
      canRegister: can(user, "report:register"),
      reports: reports.map((r) => ({
        ...r,
        receivedAt: r.receivedAt.toISOString(),
        protectionDueAt: r.protectionDueAt.toISOString(),
        decisionDueAt: r.decisionDueAt.toISOString(),
        protectionAssessedAt: r.protectionAssessedAt?.toISOString() ?? null,
        decidedAt: r.decidedAt?.toISOString() ?? null,
      })),
    };
  }
  const [reports, drafts] = await Promise.all([listReportsForReporter(user), listReportDrafts(user)]);
  await audit({
    action: "list",
    user,
    recordType: "report",
    requestId,
    details: { view: "reporter", count: reports.length, drafts: drafts.length },
  });
  return {
    view: "reporter" as const,
    canCreate: can(user, "report:create"),
    reports: reports.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString() })),
    drafts: drafts.map((d) => ({
      id: d.id,
      childName: d.fields.childName ?? "",
      updatedAt: d.updatedAt.toISOString(),
    })),
  };
}

export default function Reports() {
  const data = useLoaderData<typeof loader>();
  return data.view === "reception" ? <ReceptionInbox data={data} /> : <MyReports data={data} />;
}

type ReporterData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { view: "reporter" }>;
type ReceptionData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { view: "reception" }>;

function MyReports({ data }: { data: ReporterData }) {
  const { t, i18n } = useTranslation("reports");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  return (
    <>
      <div className="page-heading">
        <h1>{t("list.title")}</h1>
        {data.canCreate ? (
          <Link to="/reports/new" className="button">
            {t("list.new")}
          </Link>
        ) : null}
      </div>
      <p>
        <Link to="/guidance/should-i-report">{t("list.unsure")}</Link>
      </p>
      {data.drafts.length ? (
        <section aria-labelledby="drafts-heading">
          <h2 id="drafts-heading">{t("list.drafts")}</h2>
          <p className="field__hint">{t("list.draftsHint")}</p>
          <ul className="plain-list">
            {data.drafts.map((d) => (
              <li key={d.id}>
                <Link to={`/reports/new?draft=${d.id}`}>{d.childName || t("list.untitledDraft")}</Link>{" "}
                <span className="muted">{t("list.savedAt", { date: formatDateTime(d.updatedAt, locale) })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="submitted-heading">
        <h2 id="submitted-heading">{t("list.submitted")}</h2>
        {data.reports.length ? (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("list.submitted")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("list.reference")}</th>
                  <th scope="col">{t("list.child")}</th>
                  <th scope="col">{t("list.unit")}</th>
                  <th scope="col">{t("list.reporter")}</th>
                  <th scope="col">{t("list.received")}</th>
                  <th scope="col">{t("list.status")}</th>
                </tr>
              </thead>
              <tbody>
                {data.reports.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/reports/${r.id}`}>{r.reference}</Link>
                    </td>
                    <td>{r.childName}</td>
                    <td>{r.unitName ?? "–"}</td>
                    <td>{r.mine ? t("list.you") : r.reporterName}</td>
                    <td>{formatDateTime(r.receivedAt, locale)}</td>
                    <td>
                      <StatusTag status={r.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("list.none")}</p>
        )}
      </section>
    </>
  );
}

function ReceptionInbox({ data }: { data: ReceptionData }) {
  const { t, i18n } = useTranslation("reports");
  const { t: tc } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const f = data.filter;
  const select = (name: keyof typeof receptionFilters, value: string) => (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{t(`inbox.filters.${name}`)}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value}>
        {receptionFilters[name].map((v) => (
          <option key={v} value={v}>
            {t(`inbox.filters.${name}Options.${v}`)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <>
      <div className="page-heading">
        <h1>{t("inbox.title")}</h1>
        {data.canRegister ? (
          <Link to="/reports/register" className="button">
            {t("inbox.register")}
          </Link>
        ) : null}
      </div>
      <p>{t("inbox.intro")}</p>
      <Form method="get" className="filter-grid" aria-label={t("inbox.filters.label")}>
        {select("status", f.status)}
        {select("due", f.due)}
        {select("assigned", f.assigned)}
        <div className="field">
          <label htmlFor="filter-channel">{t("inbox.filters.channel")}</label>
          <select id="filter-channel" name="channel" defaultValue={f.channel ?? ""}>
            <option value="">{t("inbox.filters.allChannels")}</option>
            {reportChannels.map((c) => (
              <option key={c} value={c}>
                {t(`channels.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-unitKind">{t("inbox.filters.unitKind")}</label>
          <select id="filter-unitKind" name="unitKind" defaultValue={f.unitKind ?? ""}>
            <option value="">{t("inbox.filters.allUnitKinds")}</option>
            {unitKinds.map((k) => (
              <option key={k} value={k}>
                {tc(`unitKinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {select("sort", f.sort)}
        <div className="filter-grid__actions">
          <button type="submit" className="button">
            {t("inbox.filters.apply")}
          </button>
          <Link to="/reports">{t("inbox.filters.reset")}</Link>
        </div>
      </Form>
      {data.reports.length ? (
        <div className="table-scroll">
          <table>
            <caption>{t("inbox.caption", { count: data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("list.reference")}</th>
                <th scope="col">{t("list.child")}</th>
                <th scope="col">{t("list.unit")}</th>
                <th scope="col">{t("list.received")}</th>
                <th scope="col">{t("inbox.protection")}</th>
                <th scope="col">{t("inbox.decision")}</th>
                <th scope="col">{t("inbox.assignedTo")}</th>
              </tr>
            </thead>
            <tbody>
              {data.reports.map((r) => (
                <tr key={r.id} className={r.acute ? "row--acute" : undefined}>
                  <td>
                    <Link to={`/reports/${r.id}`}>{r.reference}</Link>
                    {r.acute ? <span className="tag tag--acute">{t("inbox.acute")}</span> : null}
                    <div className="muted">{t(`channels.${r.channel}`)}</div>
                  </td>
                  <td>{r.childName}</td>
                  <td>{r.unitName ?? "–"}</td>
                  <td>{formatDateTime(r.receivedAt, locale)}</td>
                  <td>
                    <DueBadge state={r.protectionState} dueAt={r.protectionDueAt} doneAt={r.protectionAssessedAt} />
                  </td>
                  <td>
                    {r.decision ? <StatusTag status={r.decision} /> : null}
                    <DueBadge state={r.decisionState} dueAt={r.decisionDueAt} doneAt={r.decidedAt} />
                  </td>
                  <td>{r.assignedToName ?? t("inbox.nobody")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("inbox.none")}</p>
      )}
      <Pagination
        page={f.page}
        pageCount={data.pageCount}
        keep={{
          status: f.status,
          due: f.due,
          assigned: f.assigned,
          sort: f.sort,
          channel: f.channel ?? undefined,
          unitKind: f.unitKind ?? undefined,
        }}
      />
    </>
  );
}
