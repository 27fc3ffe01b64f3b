import { pageFrom } from "~/components/pagination";
import { isUuid } from "./ids";
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

const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
const oneOf = <T extends string>(v: string | null, allowed: readonly T[]) => (allowed.includes(v as T) ? (v as T) : null);
const yesNo = (v: string | null) => (v === "yes" ? true : v === "no" ? false : null);

/** The list's filters from the query string; anything unknown is ignored. */
export function adviceFilterFrom(params: URLSearchParams): AdviceFilter {
  const unitId = params.get("unitId");
  return {
    from: day(params.get("from")),
    to: day(params.get("to")),
    unitId: unitId && isUuid(unitId) ? unitId : null,
    unitKind: oneOf(params.get("unitKind"), unitKinds),
    concern: oneOf(params.get("concern"), concernKinds),
    advice: oneOf(params.get("advice"), adviceGiven),
    acute: yesNo(params.get("acute")),
    followed: yesNo(params.get("followed")),
    sort: params.get("sort") === "oldest" ? "oldest" : "newest",
    page: pageFrom(params),
  };
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
