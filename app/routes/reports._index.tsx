import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ReceptionInbox } from "~/components/reports-inbox";
import { MyReports } from "~/components/reports-mine";
import { audit } from "~/lib/audit.server";
import { namesShown } from "~/lib/step-up.server";
import { requirePermission, signInStrength } from "~/server/auth.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { can, hasRole } from "~/lib/permissions.server";
import { listReportDrafts, listReportsForReception, listReportsForReporter } from "~/models/report.server";
import { listRowsFor } from "~/server/list-rows.server";
import { receptionFilterFrom } from "~/domain/report-filters";
import { receptionRoles } from "~/domain/vocabulary";
import reportStyles from "~/styles/reports.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reports:list.title");

export const handle: RouteTexts = { i18n: ["reports"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "report:list");
  const requestId = args.context.requestId;
  // The child's name of a report older than 30 days only after a recent second factor (app/lib/step-up.server.ts).
  const signIn = await signInStrength(args);
  if (can(user, "report:process")) {
    const investigator = hasRole(user, "investigator") && !hasRole(user, ...receptionRoles);
    const filter = receptionFilterFrom(new URL(args.request.url).searchParams, investigator ? "investigation" : "open");
    const rows = await listRowsFor(user, args.request);
    const { total, reports } = await listReportsForReception(user, filter, new Date(), rows);
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
      rows,
      pageCount: Math.max(1, Math.ceil(total / rows)),
      canRegister: can(user, "report:register"),
      reports: namesShown(reports, signIn).map((r) => ({
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
    reports: namesShown(reports, signIn).map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString() })),
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
