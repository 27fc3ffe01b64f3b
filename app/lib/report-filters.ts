import { pageFrom } from "~/components/pagination";
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

function pick<T extends string>(value: string | null, allowed: readonly T[], fallback: T = allowed[0]): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return allowed.includes(value as T) ? (value as T) : null;
}

/**
 * The filter in a query string; anything unknown falls back to the default. Investigators start with the
 * reports handed to investigation, reception with those still undecided.
 */
export function receptionFilterFrom(params: URLSearchParams, defaultStatus: ReceptionFilter["status"] = "open"): ReceptionFilter {
  return {
    status: pick(params.get("status"), receptionFilters.status, defaultStatus),
    due: pick(params.get("due"), receptionFilters.due),
    assigned: pick(params.get("assigned"), receptionFilters.assigned),
    sort: pick(params.get("sort"), receptionFilters.sort),
    channel: oneOf(params.get("channel"), reportChannels),
    unitKind: oneOf(params.get("unitKind"), unitKinds),
    page: pageFrom(params),
  };
}
