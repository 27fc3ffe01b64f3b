import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Pagination } from "~/components/pagination";
import { ErrorList } from "~/components/forms";
import { audit } from "~/lib/audit.server";
import { DATE_INVALID, isCalendarDate } from "~/domain/dates";
import { param, readQuery } from "~/domain/query";
import { requirePermission } from "~/server/auth.server";
import { formatDateTime, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { AUDIT_PAGE_SIZE, auditActions, searchAuditLog } from "~/models/audit-log.server";
import { listUserOptions } from "~/models/user.server";
import adminStyles from "~/styles/admin.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin:audit.title");

export const handle: RouteTexts = { i18n: ["admin"] };

/** Record types the portal writes today; the field also accepts any other value. */
const KNOWN_RECORD_TYPES = ["user", "unit", "membership", "municipality", "message", "audit_event"];

/** A real calendar day as YYYY-MM-DD (what `<input type="date">` sends); 2026-02-30 is not one. */
const day = z.string().refine(isCalendarDate, DATE_INVALID);

// Built on demand: the list of actions comes from a server module, which the browser bundle does not have.
const filterSchema = () =>
  z
    .object({
      userId: z.string().uuid("admin:errors.userInvalid").optional(),
      action: z.enum(auditActions, { errorMap: () => ({ message: "admin:errors.actionInvalid" }) }).optional(),
      recordType: z.string().trim().max(60, "admin:errors.tooLong").optional(),
      recordId: z.string().trim().max(100, "admin:errors.tooLong").optional(),
      from: day.optional(),
      to: day.optional(),
    })
    .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "admin:errors.dateOrder" });

type FilterKey = "userId" | "action" | "recordType" | "recordId" | "from" | "to";
const FILTER_KEYS: FilterKey[] = ["userId", "action", "recordType", "recordId", "from", "to"];

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "admin:audit");
  // Read as typed (cut short, without NUL) so that the form can say what is wrong with each.
  const text = () => param.text(1_000);
  const typed = readQuery(args.request, {
    page: param.page(),
    userId: text(),
    action: text(),
    recordType: text(),
    recordId: text(),
    from: text(),
    to: text(),
  });
  const raw = Object.fromEntries(FILTER_KEYS.map((k) => [k, typed[k] || undefined])) as Partial<
    Record<FilterKey, string>
  >;
  const parsed = filterSchema().safeParse(raw);
  const errors = parsed.success ? {} : (parsed.error.flatten().fieldErrors as Partial<Record<FilterKey, string[]>>);
  const page = typed.page;
  const result = parsed.success
    ? await searchAuditLog({ municipalityId: user.municipalityId, ...parsed.data, page })
    : { total: 0, events: [] };
  await audit({
    action: "list",
    user,
    recordType: "audit_event",
    requestId: args.context.requestId,
    details: { page, filters: FILTER_KEYS.filter((k) => raw[k]) },
  });
  return {
    filters: raw,
    errors,
    page,
    pageCount: Math.max(1, Math.ceil(result.total / AUDIT_PAGE_SIZE)),
    total: result.total,
    events: result.events.map((e) => ({ ...e, at: e.at.toISOString() })),
    users: await listUserOptions({ municipalityId: user.municipalityId }),
    actions: [...auditActions],
    recordTypes: KNOWN_RECORD_TYPES,
  };
}

export default function AdminAudit() {
  const { t, i18n } = useTranslation("admin");
  const data = useLoaderData<typeof loader>();
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const f = data.filters;
  const errorProps = (key: FilterKey) =>
    data.errors[key]?.length ? { "aria-invalid": true, "aria-describedby": `filter-${key}-error` } : {};
  const hasFilters = FILTER_KEYS.some((k) => f[k]);

  return (
    <>
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <section aria-labelledby="filter-heading" className="card">
        <h2 id="filter-heading">{t("audit.filterHeading")}</h2>
        <Form method="get" className="filter-grid">
          <div className="field">
            <label htmlFor="filter-userId">{t("audit.user")}</label>
            <select id="filter-userId" name="userId" defaultValue={f.userId ?? ""} {...errorProps("userId")}>
              <option value="">{t("audit.anyUser")}</option>
              {data.users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({u.email})
                </option>
              ))}
            </select>
            <ErrorList id="filter-userId-error" errors={data.errors.userId} />
          </div>
          <div className="field">
            <label htmlFor="filter-action">{t("audit.action")}</label>
            <select id="filter-action" name="action" defaultValue={f.action ?? ""} {...errorProps("action")}>
              <option value="">{t("audit.anyAction")}</option>
              {data.actions.map((a) => (
                <option key={a} value={a}>
                  {t(`actions.${a}`)}
                </option>
              ))}
            </select>
            <ErrorList id="filter-action-error" errors={data.errors.action} />
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
              {data.recordTypes.map((r) => (
                <option key={r} value={r}>
                  {t(`recordTypes.${r}`, { defaultValue: r })}
                </option>
              ))}
            </datalist>
            <ErrorList id="filter-recordType-error" errors={data.errors.recordType} />
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
            <ErrorList id="filter-recordId-error" errors={data.errors.recordId} />
          </div>
          <div className="field">
            <label htmlFor="filter-from">{t("audit.from")}</label>
            <input id="filter-from" name="from" type="date" defaultValue={f.from ?? ""} {...errorProps("from")} />
            <ErrorList id="filter-from-error" errors={data.errors.from} />
          </div>
          <div className="field">
            <label htmlFor="filter-to">{t("audit.to")}</label>
            <input id="filter-to" name="to" type="date" defaultValue={f.to ?? ""} {...errorProps("to")} />
            <ErrorList id="filter-to-error" errors={data.errors.to} />
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

      {Object.keys(data.errors).length ? (
        <p role="alert" className="alert alert--error">
          {t("audit.fixFilters")}
        </p>
      ) : data.events.length ? (
        <div className="table-scroll">
          <table>
            <caption>{t("audit.caption", { count: data.total, page: data.page, pageCount: data.pageCount })}</caption>
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
              {data.events.map((e) => (
                <tr key={e.id}>
                  <td>
                    <time dateTime={e.at}>{formatDateTime(e.at, locale, { timeStyle: "medium" })}</time>
                  </td>
                  <td>
                    {e.userId && e.userName ? (
                      <Link to={`/admin/users/${e.userId}`}>{e.userName}</Link>
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
      ) : (
        <p role="status">{t("audit.empty")}</p>
      )}
      <Pagination page={data.page} pageCount={data.pageCount} keep={f} />
    </>
  );
}
