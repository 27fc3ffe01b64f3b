import { param, readQuery } from "./query";
import { reportChannels, unitKinds, type ReportChannel, type UnitKind } from "./vocabulary";

/** The choices of reception's inbox filters; the first of each is the default. */
export const receptionFilters = {
  status: ["open", "investigation", "decided", "all"],
  due: ["any", "overdue", "today"],
  assigned: ["any", "me", "nobody"],
  sort: ["due", "received"],
} as const;

export interface ReceptionFilter {
  status: (typeof receptionFilters.status)[number];
  due: (typeof receptionFilters.due)[number];
  assigned: (typeof receptionFilters.assigned)[number];
  sort: (typeof receptionFilters.sort)[number];
  channel: ReportChannel | null;
  unitKind: UnitKind | null;
  page: number;
}

/**
 * The filter in a query string; anything unknown falls back to the default. Investigators start with the
 * reports handed to investigation, reception with those still undecided.
 */
export function receptionFilterFrom(
  params: URLSearchParams,
  defaultStatus: ReceptionFilter["status"] = "open",
): ReceptionFilter {
  const { status, due, assigned, sort } = receptionFilters;
  return readQuery(params, {
    status: param.choice(status, defaultStatus),
    due: param.choice(due, due[0]),
    assigned: param.choice(assigned, assigned[0]),
    sort: param.choice(sort, sort[0]),
    channel: param.oneOf(reportChannels),
    unitKind: param.oneOf(unitKinds),
    page: param.page(),
  });
}
