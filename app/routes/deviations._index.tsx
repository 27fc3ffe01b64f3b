import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { AgreementDeviationList } from "~/components/agreement-deviation-view";
import { PageNotice } from "~/components/status-message";
import { param, readQuery } from "~/domain/query";
import { audit } from "~/lib/audit.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { can } from "~/lib/permissions.server";
import { listAgreementDeviations } from "~/models/agreement-deviation.server";
import { requirePermission } from "~/server/auth.server";

/**
 * Deviations from the agreement: one's own for whoever filed them, every one of the municipality (open first) for the
 * coordinators who handle them; a way for everyone to file one. What each row shows is decided in the model.
 */
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "deviations:list.title");

export const handle: RouteTexts = { i18n: ["deviations"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "deviation:read");
  const { page } = readQuery(args.request, { page: param.page() });
  const list = await listAgreementDeviations(user, page);
  await audit({
    action: "list",
    user,
    recordType: "agreement_deviation",
    requestId: args.context.requestId,
    details: { page, count: list.deviations.length },
  });
  return {
    page,
    pageCount: list.pageCount,
    handles: can(user, "deviation:handle"),
    deviations: list.deviations.map((d) => ({
      ...d,
      filedAt: d.filedAt.toISOString(),
      statusChangedAt: d.statusChangedAt.toISOString(),
      closedAt: d.closedAt?.toISOString() ?? null,
    })),
  };
}

export default function Deviations() {
  const [params] = useSearchParams();
  return (
    <>
      <PageNotice namespace="deviations" notice={params.get("notice")} />
      <AgreementDeviationList data={useLoaderData<typeof loader>()} />
    </>
  );
}
