import type { LoaderFunctionArgs } from "@remix-run/node";
import { statsExport } from "~/server/exports.server";

/** /stats's figures as CSV, suppressed and marked as on the page; the same cells as /stats.xlsx. */
export function loader(args: LoaderFunctionArgs) {
  return statsExport("csv", args);
}
