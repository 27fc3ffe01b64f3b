import { DEFAULT_LIST_ROWS } from "~/domain/list-rows";
import { randomInt } from "node:crypto";
import { and, asc, count, desc, eq, exists, gte, lt, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "#db/client.server";
import { adviceAmendments, adviceConsultations, reports, units, users } from "#db/schema";
import type { AdviceFilter } from "~/domain/advice-filters";
import { audit } from "~/lib/audit.server";
import type { AdviceFormValues } from "~/domain/advice-schema";
import { addCalendarDays, startOfStockholmDay, stockholmInstant } from "~/domain/deadlines";
import { fullCount, totalOf } from "~/lib/paging.server";
import type { CurrentUser } from "~/lib/permissions.server";
import type { AdviceChannel, AdviceGiven, AgeBand, CallerRole, ConcernKind } from "~/domain/vocabulary";
import { publishedTitles } from "./guidance.server";
import { deliverMessage } from "./inbox.server";
import { isUniqueViolation } from "./user.server";

export interface ConsultationInput {
  occurredAt: Date;
  durationMinutes: number;
  channel: AdviceChannel;
  callerUnitId: string | null;
  callerRole: CallerRole;
  callerUserId: string | null;
  concerns: ConcernKind[];
  ageBand: AgeBand | null;
  acute: boolean;
  summary: string;
  advice: AdviceGiven;
  adviceNote: string;
  followUp: string;
}

/** How long the author may correct a consultation in place; after that, corrections are amendments. */
export const CORRECTION_WINDOW_MS = 24 * 60 * 60 * 1000;

// No 0/O, 1/I/L: a code read out over the phone must survive being written down.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

export function newAdviceCode() {
  let code = "R-";
  for (let i = 0; i < 4; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/**
 * Logs a consultation under a fresh code; a clash with an existing code is retried with another. The form's
 * submission key makes a resent form find the first one's row (`created: false`); null when the key is someone else's.
 */
export async function logConsultation(
  user: CurrentUser,
  input: ConsultationInput,
  from: { receptionUnitId: string | null; submissionKey?: string },
  makeCode = newAdviceCode,
) {
  const columns = { id: adviceConsultations.id, code: adviceConsultations.code };
  for (let attempt = 0; ; attempt++) {
    try {
      const row = await getDb().transaction(async (tx) => {
        const [inserted] = await tx
          .insert(adviceConsultations)
          .values({ ...input, ...from, municipalityId: user.municipalityId, authorId: user.id, code: makeCode() })
          .onConflictDoNothing({ target: adviceConsultations.submissionKey })
          .returning(columns);
        if (inserted) await audit({ action: "create", user, recordType: "advice", recordId: inserted.id }, tx);
        return inserted;
      });
      if (row) return { ...row, created: true };
      // Only a key conflicts: the row its first form made.
      if (from.submissionKey === undefined) throw new Error("no row inserted, and no submission key to conflict");
      const [first] = await getDb()
        .select(columns)
        .from(adviceConsultations)
        .where(
          and(
            eq(adviceConsultations.submissionKey, from.submissionKey),
            eq(adviceConsultations.municipalityId, user.municipalityId),
            eq(adviceConsultations.authorId, user.id),
          ),
        );
      return first ? { ...first, created: false } : null;
    } catch (error) {
      if (attempt < 5 && isUniqueViolation(error, "advice_code_idx")) continue;
      throw error;
    }
  }
}

export async function getConsultation(municipalityId: string, id: string) {
  const [row] = await getDb()
    .select()
    .from(adviceConsultations)
    .where(and(eq(adviceConsultations.municipalityId, municipalityId), eq(adviceConsultations.id, id)));
  return row ?? null;
}

export function canCorrect(user: CurrentUser, consultation: { authorId: string; createdAt: Date }, now = new Date()) {
  return consultation.authorId === user.id && now.getTime() - consultation.createdAt.getTime() < CORRECTION_WINDOW_MS;
}

/** The author's correction within 24 hours. Returns false when the window has closed (then: an amendment). */
export async function correctConsultation(user: CurrentUser, id: string, input: ConsultationInput, now = new Date()) {
  return getDb().transaction(async (tx) => {
    const updated = await tx
      .update(adviceConsultations)
      .set({ ...input, updatedAt: now })
      .where(
        and(
          eq(adviceConsultations.municipalityId, user.municipalityId),
          eq(adviceConsultations.id, id),
          eq(adviceConsultations.authorId, user.id),
          gte(adviceConsultations.createdAt, new Date(now.getTime() - CORRECTION_WINDOW_MS)),
        ),
      )
      .returning({ id: adviceConsultations.id });
    if (!updated.length) return false;
    await audit({ action: "update", user, recordType: "advice", recordId: id, details: { corrected: true } }, tx);
    return true;
  });
}

/** Adds an amendment; false when the form's key already added one (a resent form). */
export async function addAmendment(user: CurrentUser, consultationId: string, text: string, submissionKey?: string) {
  return getDb().transaction(async (tx) => {
    // Only onto a consultation of the user's municipality.
    const [mine] = await tx
      .select({ id: adviceConsultations.id })
      .from(adviceConsultations)
      .where(
        and(eq(adviceConsultations.municipalityId, user.municipalityId), eq(adviceConsultations.id, consultationId)),
      )
      .for("share");
    if (!mine) return false;
    const added = await tx
      .insert(adviceAmendments)
      .values({ municipalityId: user.municipalityId, consultationId: mine.id, authorId: user.id, text, submissionKey })
      .onConflictDoNothing({ target: adviceAmendments.submissionKey })
      .returning({ id: adviceAmendments.id });
    if (!added.length) return false;
    const details = { amendment: true };
    await audit({ action: "update", user, recordType: "advice", recordId: mine.id, details }, tx);
    return true;
  });
}

/** A consultation with names for reception's page: units, the author, the caller, amendments, linked reports. */
export async function consultationDetail(municipalityId: string, id: string) {
  const consultation = await getConsultation(municipalityId, id);
  if (!consultation) return null;
  const db = getDb();
  const callerUnit = alias(units, "caller_unit");
  const author = alias(users, "author");
  const caller = alias(users, "caller");
  const [names] = await db
    .select({
      callerUnitName: callerUnit.name,
      callerUnitKind: callerUnit.kind,
      authorName: author.name,
      callerName: caller.name,
    })
    .from(adviceConsultations)
    .leftJoin(callerUnit, eq(callerUnit.id, adviceConsultations.callerUnitId))
    .leftJoin(author, eq(author.id, adviceConsultations.authorId))
    .leftJoin(caller, eq(caller.id, adviceConsultations.callerUserId))
    .where(eq(adviceConsultations.id, id));
  const [amendments, linkedReports] = await Promise.all([
    db
      .select({
        id: adviceAmendments.id,
        text: adviceAmendments.text,
        createdAt: adviceAmendments.createdAt,
        authorName: users.name,
      })
      .from(adviceAmendments)
      .innerJoin(users, eq(users.id, adviceAmendments.authorId))
      .where(eq(adviceAmendments.consultationId, id))
      .orderBy(asc(adviceAmendments.createdAt)),
    db
      .select({ id: reports.id, reference: reports.reference, receivedAt: reports.receivedAt })
      .from(reports)
      .where(and(eq(reports.municipalityId, municipalityId), eq(reports.adviceConsultationId, id)))
      .orderBy(asc(reports.receivedAt)),
  ]);
  return { consultation, ...names, amendments, linkedReports };
}

/** The consultation a report's quoted code points to, in the same municipality. */
export async function consultationIdForCode(municipalityId: string, code: string | null) {
  if (!code) return null;
  const [row] = await getDb()
    .select({ id: adviceConsultations.id })
    .from(adviceConsultations)
    .where(
      and(eq(adviceConsultations.municipalityId, municipalityId), eq(adviceConsultations.code, code.toUpperCase())),
    );
  return row?.id ?? null;
}

/** A report quotes the outer consultation: for filtering (a semi-join). */
const followedByReport = (municipalityId: string) =>
  exists(
    getDb()
      .select({ one: sql`1` })
      .from(reports)
      .where(and(eq(reports.municipalityId, municipalityId), eq(reports.adviceConsultationId, adviceConsultations.id))),
  );

/**
 * The same, as a column of the rows shown: a LIMIT 1 subquery is looked up per row shown (reports_advice_idx), where
 * EXISTS in a select list may be planned as a hash over every report of the municipality (30 ms on the city dataset).
 */
const followedByReportFlag = (municipalityId: string) =>
  sql<boolean>`coalesce((select true from reports r
    where r.municipality_id = ${municipalityId} and r.advice_consultation_id = "advice_consultations"."id" limit 1), false)`;

function conditions(municipalityId: string, f: AdviceFilter): SQL | undefined {
  const where: (SQL | undefined)[] = [eq(adviceConsultations.municipalityId, municipalityId)];
  if (f.from) where.push(gte(adviceConsultations.occurredAt, startOfStockholmDay(f.from)));
  if (f.to) where.push(lt(adviceConsultations.occurredAt, startOfStockholmDay(addCalendarDays(f.to, 1))));
  if (f.unitId) where.push(eq(adviceConsultations.callerUnitId, f.unitId));
  if (f.unitKind) where.push(eq(units.kind, f.unitKind));
  if (f.concern) where.push(sql`${f.concern} = any(${adviceConsultations.concerns})`);
  if (f.advice) where.push(eq(adviceConsultations.advice, f.advice));
  if (f.acute !== null) where.push(eq(adviceConsultations.acute, f.acute));
  if (f.followed !== null) {
    const followed = followedByReport(municipalityId);
    where.push(f.followed ? followed : sql`not ${followed}`);
  }
  return and(...where);
}

/** The de-identified fields of the list and the CSV; nothing about the author or the caller as a person. */
function listColumns(municipalityId: string) {
  return {
    id: adviceConsultations.id,
    code: adviceConsultations.code,
    occurredAt: adviceConsultations.occurredAt,
    durationMinutes: adviceConsultations.durationMinutes,
    channel: adviceConsultations.channel,
    callerUnitName: units.name,
    callerUnitKind: units.kind,
    callerRole: adviceConsultations.callerRole,
    concerns: adviceConsultations.concerns,
    ageBand: adviceConsultations.ageBand,
    acute: adviceConsultations.acute,
    summary: adviceConsultations.summary,
    advice: adviceConsultations.advice,
    adviceNote: adviceConsultations.adviceNote,
    followUp: adviceConsultations.followUp,
    followedByReport: followedByReportFlag(municipalityId),
  };
}

/** A page of `rows` consultations (`all`: every one, for the export). */
export async function listConsultations(
  user: CurrentUser,
  f: AdviceFilter,
  { all = false, rows: pageSize = DEFAULT_LIST_ROWS }: { all?: boolean; rows?: number } = {},
) {
  const db = getDb();
  const where = conditions(user.municipalityId, f);
  const order = f.sort === "oldest" ? asc(adviceConsultations.occurredAt) : desc(adviceConsultations.occurredAt);
  const offset = all ? 0 : (f.page - 1) * pageSize;
  const counting = db
    .select({ n: count() })
    .from(adviceConsultations)
    .leftJoin(units, eq(units.id, adviceConsultations.callerUnitId))
    .where(where);
  const rows = await db
    .select({ ...listColumns(user.municipalityId), fullCount: fullCount(counting) })
    .from(adviceConsultations)
    .leftJoin(units, eq(units.id, adviceConsultations.callerUnitId))
    .where(where)
    .orderBy(order, desc(adviceConsultations.createdAt))
    .limit(all ? 50_000 : pageSize)
    .offset(offset);
  const total = await totalOf(rows, offset, async () => (await counting)[0].n);
  return { total, rows };
}

/** Reception's view of one unit: its latest consultations and reports side by side. */
export async function unitActivity(municipalityId: string, unitId: string, limit = 20) {
  const db = getDb();
  const [consultations, unitReports] = await Promise.all([
    db
      .select({
        id: adviceConsultations.id,
        code: adviceConsultations.code,
        occurredAt: adviceConsultations.occurredAt,
        advice: adviceConsultations.advice,
        concerns: adviceConsultations.concerns,
        followedByReport: followedByReportFlag(municipalityId),
      })
      .from(adviceConsultations)
      .where(and(eq(adviceConsultations.municipalityId, municipalityId), eq(adviceConsultations.callerUnitId, unitId)))
      .orderBy(desc(adviceConsultations.occurredAt))
      .limit(limit),
    db
      .select({
        id: reports.id,
        reference: reports.reference,
        receivedAt: reports.receivedAt,
        decision: reports.decision,
        adviceCode: reports.adviceCode,
      })
      .from(reports)
      .where(and(eq(reports.municipalityId, municipalityId), eq(reports.unitId, unitId)))
      .orderBy(desc(reports.receivedAt))
      .limit(limit),
  ]);
  return { consultations, reports: unitReports };
}

/**
 * The caller's unit by its name (as the type-ahead fills it in) and the caller as a portal user by e-mail, both
 * within the municipality. Unknown names or addresses come back as null for the form to say so.
 */
export async function resolveCaller(municipalityId: string, unitName: string, email: string) {
  const db = getDb();
  const [unit] = unitName
    ? await db
        .select({ id: units.id })
        .from(units)
        .where(
          and(
            eq(units.municipalityId, municipalityId),
            eq(units.active, true),
            sql`lower(${units.name}) = lower(${unitName})`,
          ),
        )
    : [];
  const [caller] = email
    ? await db
        .select({ id: users.id })
        .from(users)
        .where(
          and(eq(users.municipalityId, municipalityId), eq(users.active, true), eq(users.email, email.toLowerCase())),
        )
    : [];
  return { unitId: unit?.id ?? null, userId: caller?.id ?? null };
}

/** From the validated form to what is stored, resolving the unit name and the caller's e-mail. */
export async function consultationFromForm(
  user: CurrentUser,
  v: AdviceFormValues,
): Promise<{ ok: true; input: ConsultationInput } | { ok: false; fieldErrors: Record<string, string[]> }> {
  const caller = await resolveCaller(user.municipalityId, v.callerUnit, v.callerEmail ?? "");
  const fieldErrors: Record<string, string[]> = {};
  // The schema requires both; checked again here so that the types know it.
  const { callerRole, advice } = v;
  if (!callerRole) fieldErrors.callerRole = ["advice:errors.callerRoleRequired"];
  if (!advice) fieldErrors.advice = ["advice:errors.adviceRequired"];
  if (v.callerUnit && !caller.unitId) fieldErrors.callerUnit = ["advice:errors.unknownUnit"];
  if (v.callerEmail && !caller.userId) fieldErrors.callerEmail = ["advice:errors.unknownCaller"];
  if (!callerRole || !advice || Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  return {
    ok: true,
    input: {
      occurredAt: stockholmInstant(v.occurredOn, v.occurredTime),
      durationMinutes: v.durationMinutes,
      channel: v.channel,
      callerUnitId: caller.unitId,
      callerRole,
      advice,
      callerUserId: caller.userId,
      concerns: v.concerns,
      ageBand: v.ageBand ?? null,
      acute: v.acute,
      summary: v.summary,
      adviceNote: v.adviceNote,
      followUp: v.followUp,
    },
  };
}

/** The written advice for the caller's inbox, with the same de-identified content. */
export async function deliverWrittenAdvice(user: CurrentUser, consultationId: string) {
  const consultation = await getConsultation(user.municipalityId, consultationId);
  if (!consultation?.callerUserId) return null;
  // Titles in both languages: the message is worded in whichever the caller reads it in.
  const [sv, en] = await Promise.all([
    publishedTitles(user.municipalityId, "sv"),
    publishedTitles(user.municipalityId, "en"),
  ]);
  const articles = articlesForAdvice[consultation.advice].filter((slug) => sv[slug] && en[slug]);
  const callerUserId = consultation.callerUserId;
  return getDb().transaction(async (tx) => {
    const messageId = await deliverMessage(
      {
        municipalityId: user.municipalityId,
        recipientId: callerUserId,
        template: "advice:message",
        params: {
          occurredAt: consultation.occurredAt.toISOString(),
          advice: consultation.advice,
          adviceNote: consultation.adviceNote,
          summary: consultation.summary,
          followUp: consultation.followUp,
          code: consultation.code,
          articles: articles.map((slug) => ({ slug, title: { sv: sv[slug], en: en[slug] } })),
        },
        link: articles.length ? `/guidance/${articles[0]}` : "/guidance",
        notify: true,
      },
      tx,
    );
    const details = { kind: "advice" };
    await audit({ action: "create", user, recordType: "message", recordId: messageId, details }, tx);
    return messageId;
  });
}

/** The guidance that goes with each kind of advice. */
const articlesForAdvice: Record<AdviceGiven, string[]> = {
  report_now: ["writing-a-clear-report", "reporting-duty"],
  report_after_observing: ["writing-a-clear-report", "signs-of-neglect-in-young-children"],
  call_emergency: ["acute-situations", "contact-and-opening-hours"],
  talk_to_health_team_or_principal: ["support-from-your-principal", "reporting-duty"],
  no_report_needed: ["reporting-duty", "advice-before-reporting"],
  referral: ["advice-before-reporting"],
};
