import { param, readQuery } from "./query";
import { adviceGiven, concernKinds, unitKinds, type AdviceGiven, type ConcernKind, type UnitKind } from "./vocabulary";

export interface AdviceFilter {
  from: string | null;
  to: string | null;
  unitId: string | null;
  unitKind: UnitKind | null;
  concern: ConcernKind | null;
  advice: AdviceGiven | null;
  acute: boolean | null;
  followed: boolean | null;
  sort: "newest" | "oldest";
  page: number;
}

const yesNo = (v: "yes" | "no" | null) => (v === null ? null : v === "yes");

/** The list's filters from the query string; anything unknown or impossible (2026-02-30) is ignored. */
export function adviceFilterFrom(params: URLSearchParams): AdviceFilter {
  const q = readQuery(params, {
    from: param.date(),
    to: param.date(),
    unitId: param.uuid(),
    unitKind: param.oneOf(unitKinds),
    concern: param.oneOf(concernKinds),
    advice: param.oneOf(adviceGiven),
    acute: param.oneOf(["yes", "no"]),
    followed: param.oneOf(["yes", "no"]),
    sort: param.choice(["newest", "oldest"], "newest"),
    page: param.page(),
  });
  return { ...q, acute: yesNo(q.acute), followed: yesNo(q.followed) };
}

/** The filter back as query parameters (for the CSV link and pagination). */
export function adviceFilterParams(f: AdviceFilter): Record<string, string | undefined> {
  const yn = (v: boolean | null) => (v === null ? undefined : v ? "yes" : "no");
  return {
    from: f.from ?? undefined,
    to: f.to ?? undefined,
    unitId: f.unitId ?? undefined,
    unitKind: f.unitKind ?? undefined,
    concern: f.concern ?? undefined,
    advice: f.advice ?? undefined,
    acute: yn(f.acute),
    followed: yn(f.followed),
    sort: f.sort === "newest" ? undefined : f.sort,
  };
}
