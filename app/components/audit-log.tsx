import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms";
import { formatDateTime, isLocale } from "~/lib/i18n";
import type { loader } from "~/routes/admin.audit";

/** What the audit log page's loader gives its parts. */
export type AuditLogData = SerializeFrom<typeof loader>;

type FilterKey = keyof AuditLogData["filters"];

/** The search form: who, what, which record, between which days; each field says what is wrong with it. */
export function AuditFilters({
  filters: f,
  errors,
  users,
  actions,
  recordTypes,
  hasFilters,
}: Pick<AuditLogData, "filters" | "errors" | "users" | "actions" | "recordTypes"> & { hasFilters: boolean }) {
  const { t } = useTranslation("admin");
  const errorProps = (key: FilterKey) =>
    errors[key]?.length ? { "aria-invalid": true, "aria-describedby": `filter-${key}-error` } : {};
  return (
    <section aria-labelledby="filter-heading" className="card">
      <h2 id="filter-heading">{t("audit.filterHeading")}</h2>
      <Form method="get" className="filter-grid">
        <div className="field">
          <label htmlFor="filter-userId">{t("audit.user")}</label>
          <select id="filter-userId" name="userId" defaultValue={f.userId ?? ""} {...errorProps("userId")}>
            <option value="">{t("audit.anyUser")}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
          </select>
          <ErrorList id="filter-userId-error" errors={errors.userId} />
        </div>
        <div className="field">
          <label htmlFor="filter-action">{t("audit.action")}</label>
          <select id="filter-action" name="action" defaultValue={f.action ?? ""} {...errorProps("action")}>
            <option value="">{t("audit.anyAction")}</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {t(`actions.${a}`)}
              </option>
            ))}
          </select>
          <ErrorList id="filter-action-error" errors={errors.action} />
        </div>
        <div className="field">
          <label htmlFor="filter-recordType">{t("audit.recordType")}</label>
          <input
            id="filter-recordType"
            name="recordType"
            list="record-types"
            defaultValue={f.recordType ?? ""}
            autoComplete="off"
            {...errorProps("recordType")}
          />
          <datalist id="record-types">
            {recordTypes.map((r) => (
              <option key={r} value={r}>
                {t(`recordTypes.${r}`, { defaultValue: r })}
              </option>
            ))}
          </datalist>
          <ErrorList id="filter-recordType-error" errors={errors.recordType} />
        </div>
        <div className="field">
          <label htmlFor="filter-recordId">{t("audit.recordId")}</label>
          <input
            id="filter-recordId"
            name="recordId"
            defaultValue={f.recordId ?? ""}
            autoComplete="off"
            {...errorProps("recordId")}
          />
          <ErrorList id="filter-recordId-error" errors={errors.recordId} />
        </div>
        <div className="field">
          <label htmlFor="filter-from">{t("audit.from")}</label>
          <input id="filter-from" name="from" type="date" defaultValue={f.from ?? ""} {...errorProps("from")} />
          <ErrorList id="filter-from-error" errors={errors.from} />
        </div>
        <div className="field">
          <label htmlFor="filter-to">{t("audit.to")}</label>
          <input id="filter-to" name="to" type="date" defaultValue={f.to ?? ""} {...errorProps("to")} />
          <ErrorList id="filter-to-error" errors={errors.to} />
        </div>
        <p className="field__hint filter-grid__wide">{t("audit.timeZoneHint")}</p>
        <div className="filter-grid__actions">
          <button type="submit" className="button">
            {t("audit.filter")}
          </button>
          {hasFilters ? (
            <Link to="/admin/audit" className="button button--ghost">
              {t("audit.clear")}
            </Link>
          ) : null}
        </div>
      </Form>
    </section>
  );
}

/** One page of the entries found: time, who (roles, unit), what, on which record, in which request. */
export function AuditEvents({
  errors,
  events,
  total,
  page,
  pageCount,
  canOpenUsers,
}: Pick<AuditLogData, "errors" | "events" | "total" | "page" | "pageCount" | "canOpenUsers">) {
  const { t, i18n } = useTranslation("admin");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  // Filters that do not parse are not searched: say so rather than show an empty result.
  if (Object.keys(errors).length) {
    return (
      <p role="alert" className="alert alert--error">
        {t("audit.fixFilters")}
      </p>
    );
  }
  if (!events.length) return <p role="status">{t("audit.empty")}</p>;
  return (
    <div className="table-scroll">
      <table>
        <caption>{t("audit.caption", { count: total, page, pageCount })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("audit.time")}</th>
            <th scope="col">{t("audit.user")}</th>
            <th scope="col">{t("audit.roles")}</th>
            <th scope="col">{t("audit.unit")}</th>
            <th scope="col">{t("audit.action")}</th>
            <th scope="col">{t("audit.recordType")}</th>
            <th scope="col">{t("audit.recordId")}</th>
            <th scope="col">{t("audit.requestId")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td>
                <time dateTime={e.at}>{formatDateTime(e.at, locale, { timeStyle: "medium" })}</time>
              </td>
              <td>
                {e.userId && e.userName ? (
                  // The security reviewer reads the log but does not manage users: a name, not a link.
                  canOpenUsers ? (
                    <Link to={`/admin/users/${e.userId}`}>{e.userName}</Link>
                  ) : (
                    e.userName
                  )
                ) : (
                  <span className="muted">{t("audit.noUser")}</span>
                )}
              </td>
              <td>
                {e.roles.length ? e.roles.map((r) => t(`common:roles.${r}`, { defaultValue: r })).join(", ") : "–"}
              </td>
              <td>{e.unitName ?? "–"}</td>
              <td>{t(`actions.${e.action}`, { defaultValue: e.action })}</td>
              <td>{e.recordType ? t(`recordTypes.${e.recordType}`, { defaultValue: e.recordType }) : "–"}</td>
              <td>{e.recordId ? <code className="id">{e.recordId}</code> : "–"}</td>
              <td>{e.requestId ? <code className="id">{e.requestId}</code> : "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
