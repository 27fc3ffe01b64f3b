import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit } from "~/lib/audit.server";
import { requirePermission } from "~/server/auth.server";
import { csvResponse, safeCell } from "~/lib/csv.server";
import { coverageFor } from "~/models/coverage.server";

/** Figures per unit only: the names of new staff stay on the page, never in a file. */
export const coverageCsvColumns = [
  "unit",
  "unit_kind",
  "staff",
  "trained_12_months",
  "share_percent",
  "none_trained",
] as const;

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "coverage:read");
  const { scope, units } = await coverageFor(user);
  await audit({
    action: "list",
    user,
    recordType: "coverage",
    requestId: args.context.requestId,
    details: { export: "csv", scope, units: units.length },
  });
  const records = units.map((u) => [
    safeCell(u.name),
    u.kind,
    String(u.staff),
    String(u.trained),
    // One decimal, point as separator; empty when the unit has no staff.
    u.share === null ? "" : String(Math.round(u.share * 1000) / 10),
    u.noneTrained ? "yes" : "no",
  ]);
  return csvResponse("utbildningstackning.csv", coverageCsvColumns, records);
}
