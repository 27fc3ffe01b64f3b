import type { LoaderFunctionArgs } from "@remix-run/node";
import { adviceFilterFrom } from "~/domain/advice-filters";
import { audit } from "~/lib/audit.server";
import { requirePermission } from "~/server/auth.server";
import { csvResponse, safeCell as safe } from "~/lib/csv.server";
import { stockholmDate, stockholmTime } from "~/domain/deadlines";
import { listConsultations } from "~/models/advice.server";

/** Exactly the de-identified fields of the list: no author, no caller as a person, no free text beyond the log's. */
export const adviceCsvColumns = [
  "code",
  "date",
  "time",
  "duration_minutes",
  "channel",
  "caller_unit",
  "caller_unit_kind",
  "caller_role",
  "concerns",
  "age_band",
  "acute",
  "summary",
  "advice",
  "advice_note",
  "follow_up",
  "followed_by_report",
] as const;

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "advice:log");
  const filter = adviceFilterFrom(new URL(args.request.url).searchParams);
  const { rows } = await listConsultations(user, filter, { all: true });
  await audit({
    action: "list",
    user,
    recordType: "advice",
    requestId: args.context.requestId,
    details: { export: "csv", count: rows.length },
  });
  const records = rows.map((r) => [
    r.code,
    stockholmDate(r.occurredAt),
    stockholmTime(r.occurredAt),
    String(r.durationMinutes),
    r.channel,
    safe(r.callerUnitName ?? ""),
    r.callerUnitKind ?? "",
    r.callerRole,
    r.concerns.join(";"),
    r.ageBand ?? "",
    r.acute ? "yes" : "no",
    safe(r.summary),
    r.advice,
    safe(r.adviceNote),
    safe(r.followUp),
    r.followedByReport ? "yes" : "no",
  ]);
  return csvResponse(`radgivning-${stockholmDate(new Date())}.csv`, adviceCsvColumns, records);
}
