import type { LoaderFunctionArgs } from "@remix-run/node";
import { adviceExport } from "~/server/exports.server";

/** The advice log as filtered on /advice, as an Excel workbook; the same cells as /advice.csv. */
export function loader(args: LoaderFunctionArgs) {
  return adviceExport("xlsx", args);
}
