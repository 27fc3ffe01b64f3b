import type { LoaderFunctionArgs } from "@remix-run/node";
import { adviceExport } from "~/server/exports.server";

export { adviceCsvColumns } from "~/server/exports.server";

/** The advice log as filtered on /advice, as CSV; the same cells as /advice.xlsx. */
export function loader(args: LoaderFunctionArgs) {
  return adviceExport("csv", args);
}
