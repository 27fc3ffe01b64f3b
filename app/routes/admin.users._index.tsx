import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageFrom, Pagination } from "~/components/pagination";
import { audit } from "~/lib/audit.server";
import { requirePermission } from "~/server/auth.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import type { CurrentUser } from "~/lib/permissions.server";
import { ADMIN_PAGE_SIZE, listUsers } from "~/models/user.server";
import adminStyles from "~/styles/admin.css";
import { readForm } from "~/lib/form-data.server";
import { SEARCH_MAX } from "~/domain/text-limits";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin:users.title");

export const handle: RouteTexts = { i18n: ["admin"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "admin:users");
  return listing(args, user, "", pageFrom(new URL(args.request.url).searchParams));
}

/** A search is posted, never put in the address: names and e-mail addresses must not end up in URLs or logs. */
export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "admin:users");
  const form = await readForm(args.request);
  const query = String(form.get("q") ?? "")
    .trim()
    .slice(0, SEARCH_MAX);
  return listing(args, user, query, pageFrom(form));
}

async function listing(args: LoaderFunctionArgs, user: CurrentUser, query: string, page: number) {
  const { total, users } = await listUsers({ municipalityId: user.municipalityId, query, page });
  // The search term is personal data: only whether there was one is logged.
  await audit({
    action: "list",
    user,
    recordType: "user",
    requestId: args.context.requestId,
    details: { page, searched: !!query, shown: users.length },
  });
  return {
    query,
    page,
    pageCount: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)),
    total,
    users: users.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      active: u.active,
      memberships: u.memberships.map((m) => ({ id: m.id, role: m.role, unitName: m.unitName })),
    })),
  };
}

export default function AdminUsers() {
  const { t } = useTranslation("admin");
  const loaded = useLoaderData<typeof loader>();
  const searched = useActionData<typeof action>();
  const data = searched ?? loaded;
  return (
    <>
      <div className="page-heading">
        <h1>{t("users.title")}</h1>
        <Link to="/admin/users/new" className="button">
          {t("users.new")}
        </Link>
      </div>
      <p>{t("users.intro")}</p>
      <Form method="post" role="search" className="search-form">
        <div className="field">
          <label htmlFor="user-search">{t("users.searchLabel")}</label>
          <input
            id="user-search"
            type="search"
            name="q"
            maxLength={SEARCH_MAX}
            defaultValue={data.query}
            autoComplete="off"
          />
        </div>
        <button type="submit" className="button">
          {t("users.searchSubmit")}
        </button>
        {data.query ? (
          <Link to="/admin/users" className="button button--ghost">
            {t("users.searchClear")}
          </Link>
        ) : null}
      </Form>
      {data.users.length ? (
        <div className="table-scroll">
          <table>
            <caption>
              {t(data.query ? "users.captionSearch" : "users.caption", {
                count: data.total,
                page: data.page,
                pageCount: data.pageCount,
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("users.name")}</th>
                <th scope="col">{t("users.email")}</th>
                <th scope="col">{t("users.roles")}</th>
                <th scope="col">{t("users.status")}</th>
              </tr>
            </thead>
            <tbody>
              {data.users.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link to={`/admin/users/${u.id}`}>{u.name}</Link>
                  </td>
                  <td>{u.email}</td>
                  <td>
                    {u.memberships.length ? (
                      <ul className="plain-list">
                        {u.memberships.map((m) => (
                          <li key={m.id}>
                            {t("users.roleAtUnit", { role: t(`common:roles.${m.role}`), unit: m.unitName })}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="muted">{t("users.noRoles")}</span>
                    )}
                  </td>
                  <td>
                    {u.active ? (
                      t("status.active")
                    ) : (
                      <span className="tag tag--inactive">{t("status.deactivated")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p role="status">{t(data.query ? "users.noMatches" : "users.empty")}</p>
      )}
      <Pagination
        page={data.page}
        pageCount={data.pageCount}
        keep={{ q: data.query }}
        method={data.query ? "post" : "get"}
      />
    </>
  );
}
