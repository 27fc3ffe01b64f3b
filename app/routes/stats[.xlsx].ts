import type { LoaderFunctionArgs } from "@remix-run/node";
import { statsExport } from "~/server/exports.server";

/** /stats's figures as an Excel workbook, a sheet per table; the same cells as /stats.csv. */
export function loader(args: LoaderFunctionArgs) {
  return statsExport("xlsx", args);
}
