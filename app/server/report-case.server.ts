import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import type { ZodTypeAny } from "zod";
import { readForm } from "~/lib/form-data.server";
import type { Action } from "~/lib/permissions.server";
import { readReport, reportResource } from "~/models/report.server";
import { assertCan, recordNotFound, requirePermission } from "./auth.server";

/**
 * The guards of a report's case page (app/routes/reports.$reportId.tsx) and of its step routes, which answer its forms,
 * and of the feedback page's (app/routes/reports.$reportId_.feedback.*.tsx).
 */

/**
 * The report in the URL if the user may read it; otherwise a 404 that says nothing about whether it exists. `entry` is
 * the right the user's role must have before any report is looked up.
 */
export async function loadReport(args: LoaderFunctionArgs | ActionFunctionArgs, entry: Action = "report:read") {
  const user = await requirePermission(args, entry);
  const reportId = args.params.reportId ?? "";
  const report = await readReport(user, reportId);
  if (!report) return recordNotFound(args, user, "report", reportId);
  return { user, report };
}

/** A step's guard: the report as the page's, and each of the step's rights on it, in order (a 403 logged). */
export async function guardStep(args: ActionFunctionArgs, rights: readonly Action[], entry?: Action) {
  const { user, report } = await loadReport(args, entry);
  for (const right of rights) await assertCan(args, user, right, reportResource(report));
  return { user, report };
}

/**
 * The form parsed with the step's schema. Another intent, or a create form without its key, is a request no page of
 * ours sends: a 400.
 */
export async function parseStep<S extends ZodTypeAny>(args: ActionFunctionArgs, schema: S) {
  const submission = parseWithZod(await readForm(args.request), { schema });
  if (submission.status !== "success" && (submission.error?.intent || submission.error?.submissionKey))
    throw new Response(null, { status: 400 });
  return submission;
}

/** Done: the page again, with its notice (a key of common:notices). */
export const backToReport = (report: { id: string }, notice: string) =>
  redirect(`/reports/${report.id}?notice=${notice}`);
