import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ListRowsField } from "~/components/list-rows-field";
import { Pagination } from "~/components/pagination";
import { DueBadge, StatusTag } from "~/components/report-status";
import { receptionFilters } from "~/domain/report-filters";
import { reportChannels, unitKinds } from "~/domain/vocabulary";
import { formatDateTime, isLocale } from "~/lib/i18n";
import type { loader } from "~/routes/reports._index";

type ReceptionData = Extract<SerializeFrom<typeof loader>, { view: "reception" }>;

/** Reception's inbox: the municipality's reports with what is due, filtered and sorted, a page at a time. */
export function ReceptionInbox({ data }: { data: ReceptionData }) {
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
        <ListRowsField value={data.rows} />
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
                  <td>{r.childName ?? <span className="muted">{t("identity.hiddenName")}</span>}</td>
                  <td>{r.unitName ?? "–"}</td>
                  <td>{formatDateTime(r.receivedAt, locale)}</td>
                  <td>
                    <DueBadge
                      state={r.protectionState}
                      dueAt={r.protectionDueAt}
                      doneAt={r.protectionAssessedAt}
                      counts={t("dueCounts.calendarDays")}
                    />
                  </td>
                  <td>
                    {r.decision ? <StatusTag status={r.decision} /> : null}
                    <DueBadge
                      state={r.decisionState}
                      dueAt={r.decisionDueAt}
                      doneAt={r.decidedAt}
                      counts={t("dueCounts.calendarDays")}
                    />
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
