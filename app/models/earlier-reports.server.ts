import { and, asc, count, desc, eq, gte, lt, ne, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Database } from "#db/client.server";
import { reportLinks, reports } from "#db/schema";
import type { CurrentUser } from "~/lib/permissions.server";
import { reportsVisibleTo } from "~/lib/report-visibility.server";
import { holdReport, jsonList, reportChanged, type ReadableReport } from "./report.server";

/**
 * Earlier reports about the same child (issue 20). Two reports are about the same child when they are of the same
 * municipality and either carry the same personal identity number (stored normalised, YYYYMMDD-NNNN, by
 * app/domain/report-schema.ts, so "121212-1212" and "201212121212" are one number) or social services linked them by
 * hand (report_links). A hand link says the two are one child, so the linked report's number counts as the child's
 * too. Never across municipalities: the municipality is in every where, the links' included.
 */

/** A report named by a value or, in a statistic, by the outer query's columns. */
type Ref = SQLWrapper | string;
interface Target {
  id: Ref;
  municipalityId: Ref;
}

/** The reports linked by hand to the target, from either side of the pair (each side by its own index). */
const linkedTo = (target: Target) =>
  sql`select rl.linked_report_id from ${reportLinks} rl
      where rl.municipality_id = ${target.municipalityId} and rl.report_id = ${target.id}
    union all
    select rl.report_id from ${reportLinks} rl
      where rl.municipality_id = ${target.municipalityId} and rl.linked_report_id = ${target.id}`;

/** The child's numbers, by their keyed hash: the target's own, and those of the reports linked to it by hand. */
const childNumbers = (target: Target) =>
  sql`select rn.child_number_hash from ${reports} rn
    where rn.municipality_id = ${target.municipalityId} and rn.child_number_hash is not null
      and rn.id in (select ${target.id}::uuid union all ${linkedTo(target)})`;

/**
 * The ids of the reports about the target's child (the target among them): those with one of the child's numbers,
 * found through the partial index on (municipality_id, child_number_hash), and those linked by hand.
 */
const sameChildIds = (target: Target) =>
  sql`select rs.id from ${reports} rs
      where rs.municipality_id = ${target.municipalityId} and rs.child_number_hash is not null
        and rs.child_number_hash in (${childNumbers(target)})
    union ${linkedTo(target)}`;

/** The candidate side of a statistic's or knownBefore's subquery, apart from the outer report. */
const earlier = alias(reports, "earlier_report");
type ReportColumns = typeof reports | typeof earlier;

/** Whether the row of `candidate` is another report about the target's child: the one rule of this file. */
function sameChild(candidate: ReportColumns, target: Target) {
  return and(
    eq(candidate.municipalityId, sql`${target.municipalityId}`),
    ne(candidate.id, sql`${target.id}`),
    sql`${candidate.id} in (${sameChildIds(target)})`,
  ) as SQL;
}

/** Whether a candidate row was linked by hand (otherwise by number). */
const byHand = (candidate: ReportColumns, target: Target) =>
  sql<boolean>`${candidate.id} in (${linkedTo(target)})`.mapWith(Boolean);

type Dated = Target & { receivedAt: SQLWrapper | Date };
const receivedAtOf = (target: Dated) =>
  sql`${target.receivedAt instanceof Date ? target.receivedAt.toISOString() : target.receivedAt}`;

/** A candidate row that is an earlier report about the target's child. */
const earlierAbout = (target: Dated) =>
  and(sameChild(earlier, target), lt(earlier.receivedAt, receivedAtOf(target))) as SQL;

/**
 * "Known before": an earlier report about the same child exists in the municipality. For a statistic, pass the outer
 * query's columns (`{ id: reports.id, municipalityId: reports.municipalityId, receivedAt: reports.receivedAt }`).
 */
export function knownBeforeCondition(target: Dated) {
  const found = getDb().select({ one: sql`1` }).from(earlier).where(earlierAbout(target));
  return sql<boolean>`exists (${found})`;
}

/**
 * How many earlier reports about the same child arrived in the twelve months before this one: from two, a "not opened"
 * waits for a reception lead's second look (app/domain/pre-assessment.ts). Pass the transaction that decides.
 */
export async function earlierReportsInYear(
  report: { id: string; municipalityId: string; receivedAt: Date },
  db: Database,
) {
  const yearBefore = sql`${receivedAtOf(report)}::timestamptz - interval '12 months'`;
  const [row] = await db
    .select({ n: count() })
    .from(earlier)
    .where(and(earlierAbout(report), gte(earlier.receivedAt, yearBefore)));
  return row.n;
}

/** Whether the child was known before this report: an earlier report about them, linked by number or by hand. */
export async function knownBefore(report: { id: string; municipalityId: string; receivedAt: Date }) {
  const [row] = await getDb()
    .select({ known: knownBeforeCondition(report).mapWith(Boolean) })
    .from(reports)
    .where(and(eq(reports.municipalityId, report.municipalityId), eq(reports.id, report.id)));
  return row?.known ?? false;
}

/** The kinds of concern set on the outer report (app/models/concern-kinds.server.ts), in the list's order. */
const kindsOfRow = jsonList<{ code: string; labelSv: string | null; labelEn: string | null }>(
  sql`select json_agg(json_build_object('code', ck.code, 'labelSv', ck.label_sv, 'labelEn', ck.label_en)
      order by ck.position, ck.created_at)
    from report_concern_kinds rck
    join concern_kinds ck on ck.id = rck.kind_id and ck.municipality_id = rck.municipality_id
    where rck.municipality_id = "reports"."municipality_id" and rck.report_id = "reports"."id"`,
);

/**
 * The other reports about the report's child that `user` may see, newest first, each marked earlier or later than
 * this one and how it was linked; and how many are earlier. The caller audits what it shows.
 */
export async function reportHistory(user: CurrentUser, report: ReadableReport) {
  const target = { id: report.id, municipalityId: user.municipalityId };
  const rows = await getDb()
    .select({
      id: reports.id,
      reference: reports.reference,
      unitId: reports.unitId,
      receivedAt: reports.receivedAt,
      decision: reports.decision,
      kinds: kindsOfRow,
      byHand: byHand(reports, target),
    })
    .from(reports)
    .where(and(reportsVisibleTo(user), sameChild(reports, target)))
    .orderBy(desc(reports.receivedAt), asc(reports.reference));
  const entries = rows.map(({ byHand, ...r }) => ({
    ...r,
    when: r.receivedAt < report.receivedAt ? ("earlier" as const) : ("later" as const),
    linkedBy: byHand ? ("hand" as const) : ("number" as const),
  }));
  return { reports: entries, earlierCount: entries.filter((r) => r.when === "earlier").length };
}

export type LinkResult = "linked" | "resent" | "notFound" | "self" | "sameNumber";

/**
 * Links the report to another of the municipality by its reference ("ORO-2026-0042", as people type it): both show
 * the other from then on. Reports with the same number are linked already. A resent link adds and audits nothing.
 */
export async function linkReports(user: CurrentUser, reportId: string, reference: string): Promise<LinkResult> {
  return getDb().transaction(async (tx) => {
    const mine = await holdReport(tx, user, reportId, "share");
    if (!mine) return "notFound";
    const [self] = await tx
      .select({ number: reports.childNumberHash })
      .from(reports)
      .where(and(eq(reports.municipalityId, user.municipalityId), eq(reports.id, mine.id)));
    const [other] = await tx
      .select({ id: reports.id, unitId: reports.unitId, number: reports.childNumberHash })
      .from(reports)
      .where(
        and(
          eq(reports.municipalityId, user.municipalityId),
          reportsVisibleTo(user),
          eq(reports.reference, reference.trim().toUpperCase()),
        ),
      )
      .for("share");
    if (!other) return "notFound";
    if (other.id === mine.id) return "self";
    if (self.number && self.number === other.number) return "sameNumber";
    // One row per pair, the smaller id first (the table's check), whichever side it was linked from.
    const [reportA, reportB] = [mine.id, other.id].sort();
    const added = await tx
      .insert(reportLinks)
      .values({ municipalityId: user.municipalityId, reportId: reportA, linkedReportId: reportB, linkedById: user.id })
      .onConflictDoNothing()
      .returning({ reportId: reportLinks.reportId });
    if (!added.length) return "resent";
    await reportChanged(tx, user, mine, "linked", { details: { reportId: other.id } });
    await reportChanged(tx, user, other, "linked", { details: { reportId: mine.id } });
    return "linked";
  });
}

/** Removes a hand link between the report and another, seen from either side; "notLinked" when there is none. */
export async function unlinkReports(user: CurrentUser, reportId: string, otherId: string) {
  return getDb().transaction(async (tx) => {
    const mine = await holdReport(tx, user, reportId, "share");
    if (!mine) return "notFound" as const;
    const [reportA, reportB] = [mine.id, otherId].sort();
    const [removed] = await tx
      .delete(reportLinks)
      .where(
        and(
          eq(reportLinks.municipalityId, user.municipalityId),
          eq(reportLinks.reportId, reportA),
          eq(reportLinks.linkedReportId, reportB),
        ),
      )
      .returning({ reportId: reportLinks.reportId });
    if (!removed) return "notLinked" as const;
    const other = await holdReport(tx, user, otherId, "share");
    await reportChanged(tx, user, mine, "unlinked", { details: { reportId: otherId } });
    if (other) await reportChanged(tx, user, other, "unlinked", { details: { reportId: mine.id } });
    return "unlinked" as const;
  });
}
