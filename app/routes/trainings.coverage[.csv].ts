import type { LoaderFunctionArgs } from "@remix-run/node";
import { coverageExport } from "~/server/exports.server";

/** Training coverage per unit, as CSV; the same cells as /trainings/coverage.xlsx. */
export function loader(args: LoaderFunctionArgs) {
  return coverageExport("csv", args);
}
