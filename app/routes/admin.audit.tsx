import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AuditEvents, AuditFilters } from "~/components/audit-log";
import { Pagination } from "~/components/pagination";
import { audit } from "~/lib/audit.server";
import { DATE_INVALID, isCalendarDate } from "~/domain/dates";
import { param, readQuery } from "~/domain/query";
import { can } from "~/lib/permissions.server";
import { requirePermission } from "~/server/auth.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
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
    ? await searchAuditLog({
        municipalityId: user.municipalityId,
        ...parsed.data,
        page,
        withUnknownSignIns: can(user, "audit:unknownSignIns"),
      })
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
    canOpenUsers: can(user, "admin:users"),
  };
}

export default function AdminAudit() {
  const { t } = useTranslation("admin");
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <AuditFilters {...data} hasFilters={FILTER_KEYS.some((k) => data.filters[k])} />
      <AuditEvents {...data} />
      <Pagination page={data.page} pageCount={data.pageCount} keep={data.filters} />
    </>
  );
}
