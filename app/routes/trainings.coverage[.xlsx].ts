import type { LoaderFunctionArgs } from "@remix-run/node";
import { coverageExport } from "~/server/exports.server";

/** Training coverage per unit, as an Excel workbook; the same cells as /trainings/coverage.csv. */
export function loader(args: LoaderFunctionArgs) {
  return coverageExport("xlsx", args);
}
