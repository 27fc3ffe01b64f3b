import { DEFAULT_LIST_ROWS } from "~/domain/list-rows";
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Database } from "#db/client.server";
import {
  decisionReviews,
  memberships,
  reportCounters,
  reportDrafts,
  reportEvents,
  reportNotes,
  reports,
  reportSupplements,
  supplementRequests,
  units,
  users,
  type GuardianEntry,
  type ProtectionOutcome,
  type ReportChannel,
  type ReportDecision,
} from "#db/schema";
import {
  addCalendarDays,
  decisionDue,
  dueState,
  protectionAssessmentDue,
  startOfStockholmDay,
  stockholmDate,
} from "~/domain/deadlines";
import { fullCount, totalOf } from "~/lib/paging.server";
import { reportingUnits, type CurrentUser, type Resource } from "~/lib/permissions.server";
import { reportsVisibleTo } from "~/lib/report-visibility.server";
import { audit } from "~/lib/audit.server";
import { requiresPoliceConsideration } from "~/domain/concern-kinds";
import { isUuid } from "~/domain/ids";
import { receiptFacts } from "~/domain/receipt-facts";
import {
  decisionRefusal,
  policeToReconsider,
  secondLookFor,
  type DecisionInput,
  type DecisionRefusal,
} from "~/domain/pre-assessment";
import {
  socialServicesRoles,
  type DecisionReviewStatus,
  type NotOpenedGround,
  type SecondLookReason,
} from "~/domain/vocabulary";
import { consultationIdForCode } from "./advice.server";
import { caseKinds, reportKindList } from "./concern-kinds.server";
import { kindsOfReport } from "./concern-kinds.server";
import { earlierReportsInYear } from "./earlier-reports.server";
import { giveBasicFeedback } from "./feedback.server";
import { deliverMessage } from "./inbox.server";
import { inviteeSources, inviteesOf, reportMeetings } from "./meeting.server";
import { inviteToSurvey, tellUnitPrincipals } from "./report-notices.server";
import { openedDraft, openedIdentity, sealedDraft, sealedIdentity, withNamesOpened } from "./report-identity.server";
import { keyringFor, type Keyring } from "~/lib/sealed.server";
import type { ReceptionFilter } from "~/domain/report-filters";
import { investigationCase } from "~/domain/investigation";

/** What a report says about the child and the concern, however it arrived. */
export interface ReportContent {
  unitId: string | null;
  childName: string;
  childPersonalNumber: string | null;
  childBirthDate: string | null;
  childGroup: string;
  observedOn: string | null;
  observations: string;
  childWords: string;
  guardians: GuardianEntry[];
  interpreterNeeded: boolean;
  interpreterLanguage: string;
  acute: boolean;
  otherAgencies: string;
  wantsFeedback: boolean;
  adviceCode: string | null;
}

/** A report written in the portal by a mandatory reporter. */
export interface PortalReport extends ReportContent {
  unitId: string;
  reporterPhone: string;
  reporterEmail: string;
  /** Set when the one who had the concern is someone else: a colleague in the portal, or a name. */
  observerId: string | null;
  observerName: string | null;
  onBehalfReason: string | null;
  coSignerId: string | null;
  /** The kind of concern the reporter suggests: one of the municipality's active kinds, or nothing. */
  suggestedKindId?: string | null;
  /** The reporter asks that their identity be kept from the family (OSL 26 kap. 5 §), and why; the reason only with it. */
  identityProtectionRequested?: boolean;
  identityProtectionReason?: string | null;
}

/** A report that arrived another way, registered by reception so it follows the same path. */
export interface RegisteredReport extends ReportContent {
  channel: Exclude<ReportChannel, "portal">;
  receivedAt: Date;
  reporterName: string;
  reporterPhone: string;
  reporterEmail: string;
  /** The caller asked that their identity be kept from the family (OSL 26 kap. 5 §), and why. */
  identityProtectionRequested?: boolean;
  identityProtectionReason?: string | null;
}

type ReportRow = typeof reports.$inferSelect;

export function reportResource(
  r: Pick<ReportRow, "id" | "municipalityId" | "channel" | "unitId" | "reporterId" | "observerId" | "coSignerId">,
): Resource {
  return {
    type: "report",
    id: r.id,
    channel: r.channel,
    municipalityId: r.municipalityId,
    unitId: r.unitId,
    reporterId: r.reporterId,
    observerId: r.observerId,
    coSignerId: r.coSignerId,
  };
}

async function nextReference(tx: Database, municipalityId: string, receivedAt: Date) {
  const year = Number(stockholmDate(receivedAt).slice(0, 4));
  const [{ last }] = await tx
    .insert(reportCounters)
    .values({ municipalityId, year, last: 1 })
    .onConflictDoUpdate({
      target: [reportCounters.municipalityId, reportCounters.year],
      set: { last: sql`${reportCounters.last} + 1` },
    })
    .returning({ last: reportCounters.last });
  return `ORO-${year}-${String(last).padStart(4, "0")}`;
}

function deadlines(receivedAt: Date) {
  return { receivedAt, protectionDueAt: protectionAssessmentDue(receivedAt), decisionDueAt: decisionDue(receivedAt) };
}

/** The suggested kind if it is an active kind of the municipality (the foreign key alone would take any one), else null. */
const activeKindOf = (municipalityId: string, kindId: string | null | undefined) =>
  kindId && isUuid(kindId)
    ? sql`(select k.id from concern_kinds k where k.id = ${kindId} and k.municipality_id = ${municipalityId} and k.active)`
    : null;

/**
 * The report, locked for the rest of the transaction, if it is in the user's municipality: what is written next about
 * it (a note, a supplement, a question) cannot land on another municipality's report or race its change.
 */
export async function holdReport(tx: Database, user: CurrentUser, reportId: string, strength: "share" | "update") {
  const [held] = await tx
    .select({ id: reports.id, unitId: reports.unitId })
    .from(reports)
    .where(and(eq(reports.municipalityId, user.municipalityId), eq(reports.id, reportId)))
    .for(strength);
  return held ?? null;
}

/**
 * Submits a report written in the portal, from its draft. The draft id makes it idempotent: a second submit
 * of the same draft (a double click, a resent form) returns the report the first one made.
 */
export async function submitReport(user: CurrentUser, draftId: string, input: PortalReport, now = new Date()) {
  // Looked up before the transaction: PGlite has one connection, and a query outside an open transaction waits for it.
  const adviceConsultationId = await consultationIdForCode(user.municipalityId, input.adviceCode);
  const keyring = await keyringFor(user.municipalityId);
  return getDb().transaction(async (tx) => {
    // One submission per draft at a time: a double click waits here and then finds the first one's report.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${draftId}))`);
    const [draft] = await tx
      .select({ authorId: reportDrafts.authorId })
      .from(reportDrafts)
      .where(eq(reportDrafts.id, draftId));
    if (draft && draft.authorId !== user.id) return null;
    const [existing] = await tx
      .select({
        id: reports.id,
        reference: reports.reference,
        reporterId: reports.reporterId,
        municipalityId: reports.municipalityId,
      })
      .from(reports)
      .where(eq(reports.sourceDraftId, draftId));
    if (existing) {
      const own = existing.reporterId === user.id && existing.municipalityId === user.municipalityId;
      return own ? { id: existing.id, reference: existing.reference, created: false } : null;
    }
    const reference = await nextReference(tx, user.municipalityId, now);
    const [report] = await tx
      .insert(reports)
      .values({
        ...input,
        ...sealedIdentity(keyring, user.municipalityId, input),
        adviceConsultationId,
        ...deadlines(now),
        ...receiptFacts(input, now),
        suggestedKindId: activeKindOf(user.municipalityId, input.suggestedKindId),
        municipalityId: user.municipalityId,
        reference,
        channel: "portal",
        reporterId: user.id,
        reporterName: user.name,
        sourceDraftId: draftId,
      })
      .returning();
    await tx.insert(reportEvents).values({
      municipalityId: user.municipalityId,
      reportId: report.id,
      kind: "submitted",
      actorId: user.id,
      at: now,
    });
    await audit({ action: "create", user, recordType: "report", recordId: report.id, recordUnitId: report.unitId }, tx);
    await giveBasicFeedback(tx, report, "received", now);
    await tellUnitPrincipals(tx, report);
    await tx.delete(reportDrafts).where(and(eq(reportDrafts.id, draftId), eq(reportDrafts.authorId, user.id)));
    return { id: report.id, reference, created: true };
  });
}

/**
 * Registers a report that came another way. The form's submission key is kept as `sourceDraftId`: a resent form waits
 * for the first on the same lock as a portal submit, then finds its report (`created: false`).
 */
export async function registerReport(user: CurrentUser, input: RegisteredReport, submissionKey?: string) {
  const adviceConsultationId = await consultationIdForCode(user.municipalityId, input.adviceCode);
  const keyring = await keyringFor(user.municipalityId);
  return getDb().transaction(async (tx) => {
    if (submissionKey) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${submissionKey}))`);
      const [existing] = await tx
        .select({ id: reports.id, reference: reports.reference })
        .from(reports)
        .where(and(eq(reports.sourceDraftId, submissionKey), eq(reports.municipalityId, user.municipalityId)));
      if (existing) return { ...existing, created: false };
    }
    const reference = await nextReference(tx, user.municipalityId, input.receivedAt);
    const [report] = await tx
      .insert(reports)
      .values({
        ...input,
        ...sealedIdentity(keyring, user.municipalityId, input),
        ...deadlines(input.receivedAt),
        ...receiptFacts(input, input.receivedAt),
        municipalityId: user.municipalityId,
        reference,
        registeredById: user.id,
        adviceConsultationId,
        sourceDraftId: submissionKey,
      })
      .returning();
    await tx.insert(reportEvents).values({
      municipalityId: user.municipalityId,
      reportId: report.id,
      kind: "registered",
      actorId: user.id,
      details: { channel: input.channel },
    });
    const entry = { recordType: "report", recordId: report.id, recordUnitId: report.unitId };
    await audit({ action: "create", user, ...entry, details: { channel: input.channel } }, tx);
    await giveBasicFeedback(tx, report, "received", new Date());
    return { id: report.id, reference, created: true };
  });
}

// ---------------------------------------------------------------------------------------------- drafts

/** The report a user sent from this draft id, if any: once sent, the draft is gone for good. */
async function reportSentFromDraft(db: Database, user: CurrentUser, draftId: string) {
  const [sent] = await db
    .select({ id: reports.id, reference: reports.reference })
    .from(reports)
    .where(
      and(
        eq(reports.sourceDraftId, draftId),
        eq(reports.reporterId, user.id),
        eq(reports.municipalityId, user.municipalityId),
      ),
    );
  return sent ?? null;
}

/**
 * Saves the form as it stands. A draft belongs to its author alone: another user's id saves nothing ("refused").
 * An autosave that arrives after the submit (a slow request, a second tab) finds the report and saves nothing
 * ("sent"); it waits for a submit in progress on the same lock.
 */
export async function saveReportDraft(
  user: CurrentUser,
  draftId: string,
  fields: Record<string, string>,
): Promise<{ state: "saved" } | { state: "refused" } | { state: "sent"; report: { id: string; reference: string } }> {
  const sealed = sealedDraft(await keyringFor(user.municipalityId), fields);
  return getDb().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${draftId}))`);
    const sent = await reportSentFromDraft(tx, user, draftId);
    if (sent) return { state: "sent", report: sent };
    const [row] = await tx
      .insert(reportDrafts)
      .values({ id: draftId, municipalityId: user.municipalityId, authorId: user.id, fields: sealed })
      .onConflictDoUpdate({
        target: reportDrafts.id,
        set: { fields: sealed, updatedAt: new Date() },
        setWhere: eq(reportDrafts.authorId, user.id),
      })
      .returning({ id: reportDrafts.id });
    if (!row) return { state: "refused" };
    await audit({ action: "update", user, recordType: "report_draft", recordId: draftId }, tx);
    return { state: "saved" };
  });
}

export async function getReportDraft(user: CurrentUser, draftId: string) {
  const [row] = await getDb()
    .select()
    .from(reportDrafts)
    .where(
      and(
        eq(reportDrafts.id, draftId),
        eq(reportDrafts.authorId, user.id),
        eq(reportDrafts.municipalityId, user.municipalityId),
      ),
    );
  return row ? { ...row, fields: openedDraft(await keyringFor(user.municipalityId), row.fields) } : null;
}

/**
 * What a draft id in the address is for this user: their draft, the report they already sent from it, an id that
 * someone else's draft holds, or a new draft not saved yet.
 */
export async function openReportDraft(user: CurrentUser, draftId: string) {
  const draft = await getReportDraft(user, draftId);
  if (draft) return { state: "draft" as const, draft };
  const sent = await reportSentFromDraft(getDb(), user, draftId);
  if (sent) return { state: "sent" as const, report: sent };
  // Existence only, never the content: an id taken by another author is not theirs to start a draft with.
  const [taken] = await getDb()
    .select({ id: reportDrafts.id })
    .from(reportDrafts)
    .where(eq(reportDrafts.id, draftId))
    .union(getDb().select({ id: reports.id }).from(reports).where(eq(reports.sourceDraftId, draftId)));
  return taken ? { state: "taken" as const } : { state: "new" as const };
}

export async function listReportDrafts(user: CurrentUser) {
  const rows = await getDb()
    .select({ id: reportDrafts.id, fields: reportDrafts.fields, updatedAt: reportDrafts.updatedAt })
    .from(reportDrafts)
    .where(and(eq(reportDrafts.authorId, user.id), eq(reportDrafts.municipalityId, user.municipalityId)))
    .orderBy(desc(reportDrafts.updatedAt));
  const keyring = await keyringFor(user.municipalityId);
  return rows.map((row) => ({ ...row, fields: openedDraft(keyring, row.fields) }));
}

export async function deleteReportDraft(user: CurrentUser, draftId: string) {
  return getDb().transaction(async (tx) => {
    const deleted = await tx
      .delete(reportDrafts)
      .where(and(eq(reportDrafts.id, draftId), eq(reportDrafts.authorId, user.id)))
      .returning({ id: reportDrafts.id });
    if (!deleted.length) return false;
    await audit({ action: "delete", user, recordType: "report_draft", recordId: draftId }, tx);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------- reading

/**
 * The report if `user` may see it (app/lib/report-visibility.server.ts), else null: a report the user may not see is
 * never loaded, not even its reference.
 */
export async function readReport(user: CurrentUser, reportId: string) {
  if (!isUuid(reportId)) return null;
  const [row] = await getDb()
    .select()
    .from(reports)
    .where(and(reportsVisibleTo(user), eq(reports.id, reportId)));
  return (row as ReadableReport | undefined) ?? null;
}

declare const readable: unique symbol;
/** A report loaded by readReport: the views below take only this, so nothing shows a report read without scope. */
export type ReadableReport = ReportRow & { readonly [readable]: true };

/** The status a reporter may be told: received, or the decision once made. Nothing else (OSL 26 kap). */
export function reporterStatus(r: Pick<ReportRow, "decision">): "received" | ReportDecision {
  return r.decision ?? "received";
}

/**
 * A list from a correlated subquery, as json so it comes with the report's own select; `dates` names the fields to
 * turn back into Dates (JSON has no timestamps). The subqueries name the outer row "reports"."id" by hand: in a
 * one-table select drizzle writes a bare "id", which inside a subquery binds to the inner table.
 */
export function jsonList<T>(query: SQL, ...dates: (keyof T & string)[]) {
  return sql`coalesce((${query}), '[]'::json)`.mapWith((value: Record<string, unknown>[] | string) => {
    // postgres-js hands json over parsed, PGlite may give the text.
    const rows = typeof value === "string" ? (JSON.parse(value) as Record<string, unknown>[]) : value;
    for (const row of rows) for (const key of dates) if (row[key] !== null) row[key] = new Date(row[key] as string);
    return rows as T[];
  });
}

/** The name of a user the report points at (users of the report's municipality only). */
const userName = (column: string) =>
  sql<
    string | null
  >`(select u.name from users u where u.id = "reports".${sql.identifier(column)} and u.municipality_id = "reports"."municipality_id")`;

/** What the reporter's view reads beside the report row: one select from "reports". */
const reporterColumns = {
  unitName: sql<string | null>`(select un.name from units un where un.id = "reports"."unit_id")`,
  observerUserName: userName("observer_id"),
  coSignerName: userName("co_signer_id"),
  supplements: jsonList<{ id: string; text: string; createdAt: Date; authorName: string }>(
    sql`select json_agg(json_build_object('id', s.id, 'text', s.text, 'createdAt', s.created_at,
        'authorName', u.name) order by s.created_at)
      from report_supplements s join users u on u.id = s.author_id where s.report_id = "reports"."id"`,
    "createdAt",
  ),
  supplementRequests: jsonList<{ id: string; question: string; askedAt: Date; answeredAt: Date | null }>(
    sql`select json_agg(json_build_object('id', q.id, 'question', q.question, 'askedAt', q.asked_at,
        'answeredAt', q.answered_at) order by q.asked_at)
      from supplement_requests q where q.report_id = "reports"."id"`,
    "askedAt",
    "answeredAt",
  ),
};

/** The row those columns give. */
type ReporterColumns = { [K in keyof typeof reporterColumns]: (typeof reporterColumns)[K]["_"]["type"] };

const thisReport = (report: ReportRow) =>
  and(eq(reports.municipalityId, report.municipalityId), eq(reports.id, report.id));

/** What a reporter or their principal sees: their own words back, and the status. Never notes or assessments. */
export async function reporterView(report: ReadableReport) {
  const [row] = await getDb().select(reporterColumns).from(reports).where(thisReport(report));
  return reporterViewOf(report, row, await keyringFor(report.municipalityId));
}

function reporterViewOf(report: ReportRow, row: ReporterColumns, keyring: Keyring) {
  return {
    id: report.id,
    reference: report.reference,
    receivedAt: report.receivedAt,
    status: reporterStatus(report),
    decidedAt: report.decision ? report.decidedAt : null,
    unitName: row.unitName,
    reporterName: report.reporterName,
    observerName: row.observerUserName || report.observerName,
    onBehalfReason: report.onBehalfReason,
    coSignerName: row.coSignerName,
    wantsFeedback: report.wantsFeedback,
    // What the reporter asked for, as they wrote it; whether it can be granted is social services' question.
    identityProtection: {
      requested: report.identityProtectionRequested,
      reason: report.identityProtectionReason,
    },
    content: contentOf(openedIdentity(keyring, report)),
    supplements: row.supplements,
    supplementRequests: row.supplementRequests,
  };
}

function contentOf(r: ReportRow) {
  return {
    childName: r.childName,
    childPersonalNumber: r.childPersonalNumber,
    childBirthDate: r.childBirthDate,
    childGroup: r.childGroup,
    observedOn: r.observedOn,
    observations: r.observations,
    childWords: r.childWords,
    guardians: r.guardians,
    interpreterNeeded: r.interpreterNeeded,
    interpreterLanguage: r.interpreterLanguage,
    acute: r.acute,
    otherAgencies: r.otherAgencies,
    adviceCode: r.adviceCode,
  };
}

/**
 * When something about the child last arrived after the report itself: a supplement to it, or another report in the
 * municipality with the same personal identity number (taken in later). A police consideration older than this is
 * to be made again (policeToReconsider).
 */
const newInformationAt = sql`greatest(
  (select max(s.created_at) from report_supplements s where s.report_id = "reports"."id"),
  (select max(o.created_at) from reports o where o.municipality_id = "reports"."municipality_id"
    and o.child_number_hash is not null and o.child_number_hash = "reports"."child_number_hash"
    and o.id <> "reports"."id"))`.mapWith(
  // postgres-js hands a timestamp over as text here, PGlite may give a Date.
  (value: string | Date | null) => (value === null ? null : new Date(value)),
);

/** The report's "not opened" proposals for a reception lead's second look, with each lead's answer, oldest first. */
const secondLookList = jsonList<{
  id: string;
  status: DecisionReviewStatus;
  secondLookReasons: SecondLookReason[];
  decision: ReportDecision;
  ground: NotOpenedGround | null;
  decisionReasons: string | null;
  remainingConcern: boolean;
  proposedById: string;
  proposedByName: string;
  proposedAt: Date;
  reviewedByName: string | null;
  reviewedAt: Date | null;
  comment: string | null;
}>(
  sql`select json_agg(json_build_object('id', dr.id, 'status', dr.status, 'secondLookReasons', dr.second_look_reasons,
      'decision', dr.decision, 'ground', dr.decision_ground, 'decisionReasons', dr.decision_reasons,
      'remainingConcern', dr.remaining_concern, 'proposedById', dr.proposed_by_id, 'proposedByName', p.name,
      'proposedAt', dr.proposed_at, 'reviewedByName', rv.name, 'reviewedAt', dr.reviewed_at, 'comment', dr.comment)
      order by dr.proposed_at)
    from decision_reviews dr join users p on p.id = dr.proposed_by_id left join users rv on rv.id = dr.reviewed_by_id
    where dr.municipality_id = "reports"."municipality_id" and dr.report_id = "reports"."id"`,
  "proposedAt",
  "reviewedAt",
);

/**
 * Everything social services hold on the report: the reporter's view plus the process, the timeline and notes, and
 * for the page the case workers, the meetings and who may be invited. One statement beside the report row itself.
 */
export async function caseView(report: ReadableReport, now = new Date()) {
  const [row] = await getDb()
    .select({
      ...reporterColumns,
      registeredByName: userName("registered_by_id"),
      assignedToName: userName("assigned_to_id"),
      threatFlagChangedByName: userName("threat_flag_changed_by_id"),
      events: jsonList<{
        id: string;
        kind: string;
        at: Date;
        details: Record<string, unknown> | null;
        actorName: string | null;
      }>(
        sql`select json_agg(json_build_object('id', e.id, 'kind', e.kind, 'at', e.at, 'details', e.details,
            'actorName', a.name) order by e.at)
          from report_events e left join users a on a.id = e.actor_id where e.report_id = "reports"."id"`,
        "at",
      ),
      notes: jsonList<{ id: string; text: string; createdAt: Date; authorName: string }>(
        sql`select json_agg(json_build_object('id', n.id, 'text', n.text, 'createdAt', n.created_at,
            'authorName', u.name) order by n.created_at)
          from report_notes n join users u on u.id = n.author_id where n.report_id = "reports"."id"`,
        "createdAt",
      ),
      workers: jsonList<{ id: string; name: string }>(
        sql`select json_agg(w order by w.name) from ${listCaseWorkers(sql`"reports"."municipality_id"`)} w`,
      ),
      meetings: reportMeetings,
      inviteeSources,
      newInformationAt,
      concernKinds: reportKindList,
      secondLooks: secondLookList,
    })
    .from(reports)
    .where(thisReport(report));
  // As recordDecision asks it (of the kinds set on the report): whether a decision waits for the police consideration.
  const policeRequired = requiresPoliceConsideration(row.concernKinds.filter((k) => k.selected));
  return {
    ...reporterViewOf(report, row, await keyringFor(report.municipalityId)),
    channel: report.channel,
    reporterPhone: report.reporterPhone,
    reporterEmail: report.reporterEmail,
    registeredByName: row.registeredByName,
    protection: {
      dueAt: report.protectionDueAt,
      state: dueState(report.protectionDueAt, now, report.protectionAssessedAt),
      assessedAt: report.protectionAssessedAt,
      outcome: report.protectionOutcome,
    },
    decisionDeadline: {
      dueAt: report.decisionDueAt,
      state: dueState(report.decisionDueAt, now, report.decidedAt),
    },
    adviceConsultationId: report.adviceConsultationId,
    assignedToId: report.assignedToId,
    assignedToName: row.assignedToName,
    childHeard: report.childHeard,
    childHeardNote: report.childHeardNote,
    decision: report.decision,
    decisionGround: report.decisionGround,
    decisionReasons: report.decisionReasons,
    remainingConcern: report.remainingConcern,
    police: {
      considered: report.policeConsidered,
      reported: report.policeReported,
      note: report.policeNote,
      consultedOn: report.policeConsultedOn,
      consideredAt: report.policeConsideredAt,
      required: policeRequired,
      reconsider: policeToReconsider(
        { consideredAt: report.policeConsideredAt, reported: report.policeReported },
        row.newInformationAt,
      ),
    },
    neededSupplement: report.neededSupplement,
    // Social services' own marking: never in the reporter's view.
    threat: {
      flagged: report.threatFlag,
      changedAt: report.threatFlagChangedAt,
      changedByName: row.threatFlagChangedByName,
    },
    events: row.events,
    notes: row.notes,
    workers: row.workers,
    meetings: row.meetings,
    inviteeCandidates: inviteesOf(report, row.inviteeSources),
    concernKinds: caseKinds(row.concernKinds, report.suggestedKindId),
    secondLooks: row.secondLooks,
    // The investigation an "opened" decision started (null otherwise); its outcome is social services' own.
    investigation: investigationCase(report, now),
  };
}

/** Reports a reporter may follow: those they signed, observed or co-signed, and, for a principal, their units'. */
export async function listReportsForReporter(user: CurrentUser) {
  const rows = await getDb()
    .select({
      id: reports.id,
      reference: reports.reference,
      receivedAt: reports.receivedAt,
      decision: reports.decision,
      childName: reports.childName,
      unitName: units.name,
      reporterName: reports.reporterName,
      reporterId: reports.reporterId,
    })
    .from(reports)
    .leftJoin(units, eq(units.id, reports.unitId))
    .where(reportsVisibleTo(user))
    .orderBy(desc(reports.receivedAt))
    .limit(200);
  return withNamesOpened(await keyringFor(user.municipalityId), rows).map(({ decision, ...r }) => ({
    ...r,
    status: reporterStatus({ decision }),
    mine: r.reporterId === user.id,
  }));
}

/** The reception inbox: a page of `pageSize` of the municipality's reports with what is due, filtered and sorted. */
export async function listReportsForReception(
  user: CurrentUser,
  filter: ReceptionFilter,
  now = new Date(),
  pageSize: number = DEFAULT_LIST_ROWS,
) {
  // The first instant after today (Stockholm): anything due before it is due today or overdue.
  const endOfToday = startOfStockholmDay(addCalendarDays(stockholmDate(now), 1));
  const protectionOpen = isNull(reports.protectionAssessedAt);
  const decisionOpen = isNull(reports.decision);
  const conditions: (SQL | undefined)[] = [reportsVisibleTo(user)];
  if (filter.status === "open") conditions.push(decisionOpen);
  if (filter.status === "decided") conditions.push(isNotNull(reports.decision));
  // An opened investigation is handed to the investigation unit; an ongoing one is theirs already.
  if (filter.status === "investigation") conditions.push(inArray(reports.decision, ["opened", "already_ongoing"]));
  if (filter.due !== "any") {
    // Deadlines are exclusive bounds: past `now` is overdue; up to the end of today is due today.
    const limit = filter.due === "overdue" ? now : endOfToday;
    conditions.push(
      or(
        and(protectionOpen, lte(reports.protectionDueAt, limit)),
        and(decisionOpen, lte(reports.decisionDueAt, limit)),
      ),
    );
  }
  if (filter.assigned === "me") conditions.push(eq(reports.assignedToId, user.id));
  if (filter.assigned === "nobody") conditions.push(isNull(reports.assignedToId));
  if (filter.channel) conditions.push(eq(reports.channel, filter.channel));
  if (filter.unitKind) conditions.push(eq(units.kind, filter.unitKind));
  const where = and(...conditions);
  // The next deadline that is still open: protection first, then the decision.
  const nextDue = sql`case when ${protectionOpen} then ${reports.protectionDueAt} when ${decisionOpen} then ${reports.decisionDueAt} end`;
  const assignee = alias(users, "assignee");
  const db = getDb();
  const offset = (filter.page - 1) * pageSize;
  const counting = db.select({ n: count() }).from(reports).leftJoin(units, eq(units.id, reports.unitId)).where(where);
  const rows = await db
    .select({
      id: reports.id,
      reference: reports.reference,
      channel: reports.channel,
      receivedAt: reports.receivedAt,
      acute: reports.acute,
      childName: reports.childName,
      unitName: units.name,
      unitKind: units.kind,
      protectionDueAt: reports.protectionDueAt,
      protectionAssessedAt: reports.protectionAssessedAt,
      decisionDueAt: reports.decisionDueAt,
      decidedAt: reports.decidedAt,
      decision: reports.decision,
      assignedToName: assignee.name,
      fullCount: fullCount(counting),
    })
    .from(reports)
    .leftJoin(units, eq(units.id, reports.unitId))
    .leftJoin(assignee, eq(assignee.id, reports.assignedToId))
    .where(where)
    .orderBy(
      ...(filter.sort === "due"
        ? [sql`${nextDue} asc nulls last`, desc(reports.acute), asc(reports.receivedAt)]
        : [desc(reports.receivedAt)]),
    )
    .limit(pageSize)
    .offset(offset);
  const total = await totalOf(rows, offset, async () => (await counting)[0].n);
  return {
    total,
    reports: withNamesOpened(await keyringFor(user.municipalityId), rows).map((r) => ({
      ...r,
      protectionState: dueState(r.protectionDueAt, now, r.protectionAssessedAt),
      decisionState: dueState(r.decisionDueAt, now, r.decidedAt),
    })),
  };
}

// ---------------------------------------------------------------------------------------------- the process

type StepResult = { ok: true } | { ok: false; error: StepError };
export type StepError =
  | "alreadyAssessed"
  | "alreadyDecided"
  | "childHeardMissing"
  | "childNotHeardReasonRequired"
  | "policeConsiderationMissing"
  | DecisionRefusal
  | "protectionMissing"
  | "notSocialServices"
  | "awaitingSecondLook"
  | ReviewError
  | "notFound";

/** The audit entry of a change to a report: written in the change's transaction, so both commit or neither. */
function auditChange(
  tx: Database,
  user: CurrentUser,
  report: { id: string; unitId?: string | null },
  change: string,
  details?: Record<string, unknown> | null,
) {
  const entry = { recordType: "report", recordId: report.id, recordUnitId: report.unitId };
  return audit({ action: "update", user, ...entry, details: { change, ...details } }, tx);
}

/** A change to a report: its event in the report's history and its audit entry, in the change's transaction. */
export async function reportChanged(
  tx: Database,
  user: CurrentUser,
  report: { id: string; unitId?: string | null },
  kind: string,
  options: {
    details?: Record<string, unknown> | null;
    at?: Date;
    /** Whose step the history shows, when not the user's own: a decision a lead approved is its proposer's. */
    actorId?: string;
  } = {},
) {
  const { details = null, at, actorId = user.id } = options;
  await tx
    .insert(reportEvents)
    .values({ municipalityId: user.municipalityId, reportId: report.id, kind, actorId, details, at });
  await auditChange(tx, user, report, kind, details);
}

/** What a step requires of the report as it stands when the step is written, and the answer when it does not hold. */
type Precondition = { holds: SQL; otherwise: StepError };
const undecided: Precondition = { holds: isNull(reports.decision), otherwise: "alreadyDecided" };
const notAssessed: Precondition = { holds: isNull(reports.protectionAssessedAt), otherwise: "alreadyAssessed" };
const assessed: Precondition = { holds: isNotNull(reports.protectionAssessedAt), otherwise: "protectionMissing" };
const childHeardRecorded: Precondition = { holds: isNotNull(reports.childHeard), otherwise: "childHeardMissing" };
/** SOSFS 2014:5: a child not heard has the reason documented (the form asks it; a decision does not pass without). */
const childNotHeardReasoned: Precondition = {
  holds: sql`(${reports.childHeard} is not false or coalesce(btrim(${reports.childHeardNote}), '') <> '')`,
  otherwise: "childNotHeardReasonRequired",
};
/** The city's guidelines: a police report is considered before a report of violence is decided on. */
const policeConsidered: Precondition = {
  holds: sql`${reports.policeConsidered} is true`,
  otherwise: "policeConsiderationMissing",
};
/**
 * A "not opened" waiting for a reception lead's second look holds the decision: nothing is decided over it. (The
 * outer row by its name: a bare column inside the subquery would bind to decision_reviews.)
 */
const noProposalWaiting: Precondition = {
  holds: sql`not exists (select 1 from decision_reviews dr where dr.report_id = "reports"."id" and dr.status = 'proposed')`,
  otherwise: "awaitingSecondLook",
};

/** What a step changes on the report, and what its history says. */
interface Change {
  kind: string;
  set: Partial<typeof reports.$inferInsert>;
  details: Record<string, unknown> | null;
  actorId?: string;
}

const reportHere = (user: CurrentUser, reportId: string) =>
  and(eq(reports.municipalityId, user.municipalityId), eq(reports.id, reportId)) as SQL;

/** The first precondition the report does not meet as it stands (null: it meets them all), or "notFound". */
async function unmet(tx: Database, user: CurrentUser, reportId: string, requires: Precondition[]) {
  const whens = requires.map((p) => sql`when not (${p.holds}) then ${p.otherwise}`);
  const failed = sql<StepError | null>`case ${sql.join(whens, sql` `)} end`;
  const [row] = await tx.select({ failed }).from(reports).where(reportHere(user, reportId));
  return row ? row.failed : "notFound";
}

/**
 * One step of the process in the caller's transaction. The preconditions are in the UPDATE's where, so they hold for
 * the row as it is written, not as a page read it; the change, its event and what `then` writes with it commit
 * together. When nothing changed, the report is read again only to say why.
 */
async function stepIn(
  tx: Database,
  user: CurrentUser,
  reportId: string,
  change: Change,
  requires: Precondition[],
  then?: (tx: Database, changed: ReportRow) => Promise<void>,
): Promise<StepResult> {
  const [changed] = await tx
    .update(reports)
    .set(change.set)
    .where(and(reportHere(user, reportId), ...requires.map((p) => p.holds)))
    .returning();
  if (!changed) {
    if (!requires.length) return { ok: false, error: "notFound" };
    // All holding now means a change committed in between; the page shown next tells the state.
    return { ok: false, error: (await unmet(tx, user, reportId, requires)) ?? requires[0].otherwise };
  }
  await reportChanged(tx, user, changed, change.kind, { details: change.details, actorId: change.actorId });
  await then?.(tx, changed);
  return { ok: true };
}

/** One step of the process in a transaction of its own. */
function step(
  user: CurrentUser,
  reportId: string,
  kind: string,
  set: Partial<typeof reports.$inferInsert>,
  requires: Precondition[],
  details: Record<string, unknown> | null,
): Promise<StepResult> {
  return getDb().transaction((tx) => stepIn(tx, user, reportId, { kind, set, details }, requires));
}

export async function recordProtectionAssessment(
  user: CurrentUser,
  reportId: string,
  outcome: ProtectionOutcome,
  now = new Date(),
): Promise<StepResult> {
  return step(
    user,
    reportId,
    "protection_assessed",
    { protectionAssessedAt: now, protectionOutcome: outcome },
    [notAssessed],
    { outcome },
  );
}

/** Assigns a social worker of the municipality's reception or investigation units (or nobody). */
export async function assignReport(
  user: CurrentUser,
  reportId: string,
  assigneeId: string | null,
): Promise<StepResult> {
  if (assigneeId) {
    const workers = await listCaseWorkers(user.municipalityId);
    if (!workers.some((w) => w.id === assigneeId)) return { ok: false, error: "notSocialServices" };
  }
  return step(user, reportId, "assigned", { assignedToId: assigneeId }, [], { assigneeId });
}

/** Whether the child was heard in the pre-assessment; when not, the reason must be documented (SOSFS 2014:5). */
export async function recordChildHeard(
  user: CurrentUser,
  reportId: string,
  heard: boolean,
  note: string,
): Promise<StepResult> {
  return step(user, reportId, "child_heard", { childHeard: heard, childHeardNote: note }, [undecided], { heard });
}

/** A decision as it is kept: on the report once it takes effect, on its proposal until then. */
interface Decided {
  decision: ReportDecision;
  ground: NotOpenedGround | null;
  reasons: string | null;
  remainingConcern: boolean;
}

/**
 * What a decision requires of the report, the police consideration when a kind is violence. The kinds are read with
 * the report held: setReportKinds holds it too, so they stand until the decision commits.
 */
async function decisionRequires(tx: Database, user: CurrentUser, reportId: string) {
  const kinds = await kindsOfReport({ id: reportId, municipalityId: user.municipalityId }, tx);
  const always = [undecided, noProposalWaiting, assessed, childHeardRecorded, childNotHeardReasoned];
  return { kinds, requires: requiresPoliceConsideration(kinds) ? [...always, policeConsidered] : always };
}

/**
 * The decision takes effect: on the report, with its basic feedback, in the caller's transaction. `by` is whose
 * decision it is when a lead approved it (its proposer). The history names the ground, never the written reasons.
 */
function takeEffect(
  tx: Database,
  user: CurrentUser,
  reportId: string,
  d: Decided,
  requires: Precondition[],
  now: Date,
  by?: string,
) {
  const set = {
    decision: d.decision,
    decidedAt: now,
    decisionGround: d.ground,
    decisionReasons: d.reasons,
    remainingConcern: d.remainingConcern,
  };
  const details = { decision: d.decision, ground: d.ground, remainingConcern: d.remainingConcern };
  return stepIn(tx, user, reportId, { kind: "decided", set, details, actorId: by }, requires, async (t, decided) => {
    await giveBasicFeedback(t, decided, d.decision, now);
    await inviteToSurvey(t, decided);
  });
}

/**
 * The decision with its reasons (app/domain/pre-assessment.ts). It takes effect at once, with its basic feedback,
 * unless it is a "not opened" that needs a reception lead's second look: then it is kept as a proposal
 * (decision_reviews), the report stays undecided and the school is told nothing until a lead approves it. A second
 * submit finds the decision made, or the proposal waiting, and gives nothing.
 */
export async function recordDecision(
  user: CurrentUser,
  reportId: string,
  input: DecisionInput,
  now = new Date(),
): Promise<StepResult | { ok: true; proposed: true }> {
  const refused = decisionRefusal(input);
  if (refused) return { ok: false, error: refused };
  const { decision, remainingConcern } = input;
  const d: Decided = {
    decision,
    ground: decision === "not_opened" ? input.ground : null,
    reasons: input.reasons.trim() || null,
    remainingConcern,
  };
  return getDb().transaction(async (tx) => {
    const held = await holdReport(tx, user, reportId, "update");
    if (!held) return { ok: false, error: "notFound" } as const;
    const { kinds, requires } = await decisionRequires(tx, user, held.id);
    const look =
      decision === "not_opened" ? secondLookFor({ ...input, kinds, ...(await lookFacts(tx, user, held.id)) }) : [];
    if (!look.length) return takeEffect(tx, user, held.id, d, requires, now);
    // Proposed: checked against the same preconditions, on the report held until this commits.
    const failed = await unmet(tx, user, held.id, requires);
    if (failed) return { ok: false, error: failed } as const;
    await tx.insert(decisionReviews).values({
      municipalityId: user.municipalityId,
      reportId: held.id,
      decision,
      decisionGround: d.ground,
      decisionReasons: d.reasons,
      remainingConcern,
      secondLookReasons: look,
      proposedById: user.id,
      proposedAt: now,
    });
    const details = { decision, ground: d.ground, remainingConcern, secondLook: look };
    await reportChanged(tx, user, held, "decision_proposed", { details });
    return { ok: true, proposed: true } as const;
  });
}

/** What the second look asks of the report beside its kinds: whether the child was heard, earlier reports in a year. */
async function lookFacts(tx: Database, user: CurrentUser, reportId: string) {
  const [row] = await tx
    .select({ childHeard: reports.childHeard, receivedAt: reports.receivedAt })
    .from(reports)
    .where(reportHere(user, reportId));
  const earlier = await earlierReportsInYear({ id: reportId, municipalityId: user.municipalityId, ...row }, tx);
  return { childHeard: row.childHeard, earlier };
}

export type ReviewError = "notPending" | "ownProposal" | "returnCommentRequired";

/** Thrown to undo a review whose decision could not take effect: the two commit together or not at all. */
class NotTaken extends Error {
  constructor(readonly error: StepError) {
    super(error);
  }
}

/**
 * A reception lead's answer to a proposal of the report. The report is held first, as a decision holds it, so an
 * approval and a return sent at once take turns, and the proposal's status is guarded in the UPDATE: exactly one of
 * them finds it waiting. Whoever proposed it may not answer it (also a check in the table).
 */
async function review(
  lead: CurrentUser,
  reportId: string,
  input: { proposalId: string; comment: string },
  status: Exclude<DecisionReviewStatus, "proposed">,
  now: Date,
  then: (
    tx: Database,
    held: { id: string; unitId: string | null },
    proposal: typeof decisionReviews.$inferSelect,
  ) => Promise<void>,
): Promise<StepResult> {
  if (!isUuid(input.proposalId)) return { ok: false, error: "notPending" };
  try {
    return await getDb().transaction(async (tx): Promise<StepResult> => {
      const held = await holdReport(tx, lead, reportId, "update");
      if (!held) return { ok: false, error: "notFound" };
      const waiting = and(
        eq(decisionReviews.municipalityId, lead.municipalityId),
        eq(decisionReviews.reportId, held.id),
        eq(decisionReviews.id, input.proposalId),
        eq(decisionReviews.status, "proposed"),
      );
      const [proposal] = await tx
        .update(decisionReviews)
        .set({ status, reviewedById: lead.id, reviewedAt: now, comment: input.comment.trim() || null })
        .where(and(waiting, ne(decisionReviews.proposedById, lead.id)))
        .returning();
      if (!proposal) {
        const [own] = await tx.select({ id: decisionReviews.id }).from(decisionReviews).where(waiting);
        return { ok: false, error: own ? "ownProposal" : "notPending" };
      }
      await reportChanged(tx, lead, held, `second_look_${status}`);
      await then(tx, held, proposal);
      return { ok: true };
    });
  } catch (error) {
    if (error instanceof NotTaken) return { ok: false, error: error.error };
    throw error;
  }
}

/**
 * A lead approves a proposal: the decision takes effect now, as its proposer's, with its basic feedback. It must still
 * meet what a decision requires of the report as it stands (a police consideration since a kind became violence).
 */
export function approveDecision(
  lead: CurrentUser,
  reportId: string,
  input: { proposalId: string; comment: string },
  now = new Date(),
) {
  return review(lead, reportId, input, "approved", now, async (tx, held, p) => {
    const d = {
      decision: p.decision,
      ground: p.decisionGround,
      reasons: p.decisionReasons,
      remainingConcern: p.remainingConcern,
    };
    const taken = await takeEffect(
      tx,
      lead,
      held.id,
      d,
      (await decisionRequires(tx, lead, held.id)).requires,
      now,
      p.proposedById,
    );
    if (!taken.ok) throw new NotTaken(taken.error);
  });
}

/**
 * A lead returns a proposal with a comment: the report stays undecided, and whoever proposed it is told in the inbox
 * (the comment is read on the report, not copied into the message) and decides again.
 */
export function returnDecision(
  lead: CurrentUser,
  reportId: string,
  input: { proposalId: string; comment: string },
  now = new Date(),
) {
  if (!input.comment.trim()) return Promise.resolve<StepResult>({ ok: false, error: "returnCommentRequired" });
  return review(lead, reportId, input, "returned", now, async (tx, held, p) => {
    const [{ reference }] = await tx
      .select({ reference: reports.reference })
      .from(reports)
      .where(reportHere(lead, held.id));
    await deliverMessage(
      {
        municipalityId: lead.municipalityId,
        recipientId: p.proposedById,
        template: "reports:decisionReturned",
        params: { reference, lead: lead.name },
        link: `/reports/${held.id}#second-look-heading`,
        notify: true,
      },
      tx,
    );
  });
}

/**
 * The reception leads' queue: the municipality's proposals waiting for a second look, the most urgent decision
 * deadline first (the 14 days run from receipt whatever waits), each saying whether it is the lead's own.
 */
export async function listSecondLooks(lead: CurrentUser, now = new Date()) {
  const proposer = alias(users, "proposer");
  const rows = await getDb()
    .select({
      proposalId: decisionReviews.id,
      reportId: reports.id,
      reference: reports.reference,
      childName: reports.childName,
      receivedAt: reports.receivedAt,
      decisionDueAt: reports.decisionDueAt,
      proposedAt: decisionReviews.proposedAt,
      proposedById: decisionReviews.proposedById,
      proposedByName: proposer.name,
      secondLookReasons: decisionReviews.secondLookReasons,
    })
    .from(decisionReviews)
    .innerJoin(reports, eq(reports.id, decisionReviews.reportId))
    .innerJoin(proposer, eq(proposer.id, decisionReviews.proposedById))
    .where(
      and(
        eq(decisionReviews.municipalityId, lead.municipalityId),
        eq(decisionReviews.status, "proposed"),
        reportsVisibleTo(lead),
      ),
    )
    .orderBy(asc(reports.decisionDueAt), asc(decisionReviews.proposedAt));
  return withNamesOpened(await keyringFor(lead.municipalityId), rows).map(({ proposedById, ...r }) => ({
    ...r,
    decisionState: dueState(r.decisionDueAt, now, null),
    own: proposedById === lead.id,
  }));
}

/**
 * Whether a police report was considered, made, and why; a consultation with the police or Barnahus, if held. Taken
 * again whenever new information arrives, before or after the decision; the history says what, never the note.
 */
export async function recordPoliceConsideration(
  user: CurrentUser,
  reportId: string,
  input: { considered: boolean; reported: boolean; note: string; consultedOn: string | null },
  now = new Date(),
): Promise<StepResult> {
  const { considered, consultedOn } = input;
  // No report is made without considering one.
  const reported = considered && input.reported;
  const set = {
    policeConsidered: considered,
    policeReported: reported,
    policeNote: input.note.trim() || null,
    policeConsultedOn: consultedOn || null,
    policeConsideredAt: now,
  };
  return step(user, reportId, "police_considered", set, [], { considered, reported, consulted: !!consultedOn });
}

export async function markNeededSupplement(user: CurrentUser, reportId: string, needed: boolean) {
  return step(user, reportId, "needed_supplement", { neededSupplement: needed }, [], { needed });
}

/**
 * Social services' "threat" flag: set or cleared, with who and when. The same answer sent twice (a double click, a
 * resent form) changes nothing and adds nothing to the history.
 */
export async function setThreatFlag(
  user: CurrentUser,
  reportId: string,
  flagged: boolean,
  now = new Date(),
): Promise<StepResult> {
  return getDb().transaction(async (tx): Promise<StepResult> => {
    const held = await holdReport(tx, user, reportId, "update");
    if (!held) return { ok: false, error: "notFound" };
    const [changed] = await tx
      .update(reports)
      .set({ threatFlag: flagged, threatFlagChangedById: user.id, threatFlagChangedAt: now })
      .where(and(reportHere(user, held.id), ne(reports.threatFlag, flagged)))
      .returning({ id: reports.id, unitId: reports.unitId });
    if (changed) await reportChanged(tx, user, changed, "threat_flag", { details: { flagged }, at: now });
    return { ok: true };
  });
}

/**
 * The create steps below take the form's submission key: a resent form (the same key) adds nothing and says so
 * (false, "resent"), so the route neither audits nor tells anyone twice.
 */
export async function addNote(user: CurrentUser, reportId: string, text: string, submissionKey?: string) {
  return getDb().transaction(async (tx) => {
    const mine = await holdReport(tx, user, reportId, "share");
    if (!mine) return false;
    const added = await tx
      .insert(reportNotes)
      .values({ municipalityId: user.municipalityId, reportId: mine.id, authorId: user.id, text, submissionKey })
      .onConflictDoNothing({ target: reportNotes.submissionKey })
      .returning({ id: reportNotes.id });
    if (added.length) await auditChange(tx, user, mine, "note_added");
    return added.length > 0;
  });
}

/**
 * A supplement from the reporter's side; with `requestId`, the answer to reception's question (answered once: a second
 * answer to the same question is kept as a plain supplement).
 */
export async function addSupplement(
  user: CurrentUser,
  reportId: string,
  input: { text: string; requestId?: string; submissionKey?: string },
  now = new Date(),
) {
  const { text, requestId, submissionKey } = input;
  return getDb().transaction(async (tx) => {
    const mine = await holdReport(tx, user, reportId, "share");
    if (!mine) return false;
    const [supplement] = await tx
      .insert(reportSupplements)
      .values({ municipalityId: user.municipalityId, reportId, authorId: user.id, text, createdAt: now, submissionKey })
      .onConflictDoNothing({ target: reportSupplements.submissionKey })
      .returning({ id: reportSupplements.id });
    if (!supplement) return false;
    const [answered] = requestId
      ? await tx
          .update(supplementRequests)
          .set({ answerSupplementId: supplement.id, answeredAt: now })
          .where(
            and(
              eq(supplementRequests.id, requestId),
              eq(supplementRequests.municipalityId, user.municipalityId),
              eq(supplementRequests.reportId, reportId),
              isNull(supplementRequests.answeredAt),
            ),
          )
          .returning({ id: supplementRequests.id })
      : [];
    const kind = answered ? "supplement_answered" : "supplement_added";
    await reportChanged(tx, user, mine, kind, { at: now });
    return true;
  });
}

/**
 * Reception asks the reporter for more. The report counts as "needed supplementing", and the reporter gets the
 * question in the inbox (the e-mail notice says only that there is a message).
 */
export async function requestSupplement(
  user: CurrentUser,
  report: ReportRow,
  input: { question: string; submissionKey?: string },
  now = new Date(),
): Promise<"asked" | "resent" | "notInPortal" | "notFound"> {
  if (!report.reporterId) return "notInPortal";
  const reporterId = report.reporterId;
  const { question, submissionKey } = input;
  return getDb().transaction(async (tx) => {
    const mine = await holdReport(tx, user, report.id, "update");
    if (!mine) return "notFound";
    const [asked] = await tx
      .insert(supplementRequests)
      .values({
        municipalityId: user.municipalityId,
        reportId: report.id,
        question,
        askedById: user.id,
        askedAt: now,
        submissionKey,
      })
      .onConflictDoNothing({ target: supplementRequests.submissionKey })
      .returning({ id: supplementRequests.id });
    if (!asked) return "resent";
    await tx
      .update(reports)
      .set({ neededSupplement: true })
      .where(and(eq(reports.municipalityId, user.municipalityId), eq(reports.id, report.id)));
    await reportChanged(tx, user, mine, "supplement_requested", { at: now });
    await deliverMessage(
      {
        municipalityId: user.municipalityId,
        recipientId: reporterId,
        template: "reports:supplementRequest",
        params: { reference: report.reference },
        link: `/reports/${report.id}#supplements-heading`,
        notify: true,
      },
      tx,
    );
    return "asked";
  });
}

/**
 * Social workers a report can be assigned to. A query: awaited it gives the list; with the outer row's
 * municipality it is the case view's subquery.
 */
export function listCaseWorkers(municipalityId: string | SQL) {
  return getDb()
    .selectDistinct({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(
      and(
        eq(users.municipalityId, municipalityId),
        eq(users.active, true),
        eq(memberships.municipalityId, municipalityId),
        inArray(memberships.role, [...socialServicesRoles]),
      ),
    )
    .orderBy(asc(users.name));
}

/** Colleagues in the reporter's units: who may have observed, and which principals may co-sign. */
export async function listColleagues(user: CurrentUser) {
  const unitIds = reportingUnits(user).map((m) => m.unitId);
  if (!unitIds.length) return [];
  return getDb()
    .selectDistinct({ id: users.id, name: users.name, unitId: memberships.unitId, role: memberships.role })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(
      and(
        eq(users.municipalityId, user.municipalityId),
        eq(users.active, true),
        inArray(memberships.unitId, unitIds),
        inArray(memberships.role, ["staff", "principal"]),
        sql`${users.id} <> ${user.id}`,
      ),
    )
    .orderBy(asc(users.name));
}

/** Counts for reception's home page: what is overdue and what is due today. No names. */
export async function receptionAttention(user: CurrentUser, now = new Date()) {
  const endOfToday = startOfStockholmDay(addCalendarDays(stockholmDate(now), 1));
  const open = (due: typeof reports.protectionDueAt | typeof reports.decisionDueAt, done: SQL, limit: Date) =>
    sql<number>`count(*) filter (where ${done} and ${due} <= ${limit.toISOString()})`.mapWith(Number);
  const [row] = await getDb()
    .select({
      protectionOverdue: open(reports.protectionDueAt, sql`${reports.protectionAssessedAt} is null`, now),
      protectionToday: open(reports.protectionDueAt, sql`${reports.protectionAssessedAt} is null`, endOfToday),
      decisionOverdue: open(reports.decisionDueAt, sql`${reports.decision} is null`, now),
      unassigned:
        sql<number>`count(*) filter (where ${reports.decision} is null and ${reports.assignedToId} is null)`.mapWith(
          Number,
        ),
    })
    .from(reports)
    .where(and(eq(reports.municipalityId, user.municipalityId), isNull(reports.decision)));
  return { ...row, protectionToday: row.protectionToday - row.protectionOverdue };
}

/** Counts for a reporter's home page: unsent drafts. */
export async function reporterAttention(user: CurrentUser) {
  const [{ drafts }] = await getDb()
    .select({ drafts: count() })
    .from(reportDrafts)
    .where(eq(reportDrafts.authorId, user.id));
  return { drafts };
}
