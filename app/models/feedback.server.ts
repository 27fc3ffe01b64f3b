import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Database } from "#db/client.server";
import {
  basicFeedback,
  consents,
  extendedFeedback,
  feedbackSettings,
  feedbackTexts,
  memberships,
  reportEvents,
  reports,
  units,
  users,
} from "#db/schema";
import { addCalendarDays, dueState, feedbackDue, stockholmDate } from "~/domain/deadlines";
import { addWorkingDays } from "~/domain/working-days";
import { audit } from "~/lib/audit.server";
import { i18nFor, type AppLocale } from "~/lib/i18n";
import type { CurrentUser } from "~/lib/permissions.server";
import { keyringFor, type Keyring } from "~/lib/sealed.server";
import { reportsVisibleTo } from "~/lib/report-visibility.server";
import {
  reportDecisions,
  type ConsentForm,
  type ConsentGiver,
  type ConsentInfoKind,
  type FeedbackChannel,
  type FeedbackStage,
  type ResponseDayKind,
} from "~/domain/vocabulary";
import { basicFeedbackRecipients } from "~/domain/basic-feedback-recipients";
import { coverage, consentLimit, type Coverage } from "~/domain/consent-coverage";
import { deliverMessage } from "./inbox.server";
import { holdReport, reportChanged, type ReadableReport } from "./report.server";

type ReportRow = typeof reports.$inferSelect;
type Consent = typeof consents.$inferSelect;

// ---------------------------------------------------------------------------------------------- settings and texts

export interface FeedbackSettings {
  responseDays: number;
  /** The agreement's "three working days" by default; the law's own deadlines stay in calendar days. */
  responseDayKind: ResponseDayKind;
  bothGuardiansRequired: boolean;
}

export const DEFAULT_SETTINGS: FeedbackSettings = {
  responseDays: 3,
  responseDayKind: "working",
  bothGuardiansRequired: true,
};

export async function feedbackSettingsFor(municipalityId: string, db: Database = getDb()): Promise<FeedbackSettings> {
  const [row] = await db.select().from(feedbackSettings).where(eq(feedbackSettings.municipalityId, municipalityId));
  if (!row) return DEFAULT_SETTINGS;
  const { responseDays, responseDayKind, bothGuardiansRequired } = row;
  return { responseDays, responseDayKind, bothGuardiansRequired };
}

export async function saveFeedbackSettings(user: CurrentUser, input: FeedbackSettings) {
  const values = { ...input, updatedAt: new Date(), updatedById: user.id };
  await getDb().transaction(async (tx) => {
    await tx
      .insert(feedbackSettings)
      .values({ municipalityId: user.municipalityId, ...values })
      .onConflictDoUpdate({ target: feedbackSettings.municipalityId, set: values });
    const details = { responseDays: input.responseDays, responseDayKind: input.responseDayKind };
    await audit({ action: "update", user, recordType: "feedback_settings", details }, tx);
  });
}

/**
 * One text for receipt, one per decision and one for the end of an opened investigation: what the law lets a reporter
 * be told without consent (that it ended, never how).
 */
export const feedbackTextKeys = ["received", ...reportDecisions, "investigation_closed"] as const;
export type FeedbackTextKey = (typeof feedbackTextKeys)[number];

/** The municipality's texts, or the standard ones from locales/ where a coordinator has not written its own. */
export async function feedbackTextsFor(municipalityId: string, db: Database = getDb()) {
  const rows = await db.select().from(feedbackTexts).where(eq(feedbackTexts.municipalityId, municipalityId));
  const standard = (locale: AppLocale, key: FeedbackTextKey) =>
    i18nFor(locale).getFixedT(locale, "feedback")(`basic.texts.${key}`);
  return Object.fromEntries(
    feedbackTextKeys.map((key) => {
      const own = rows.find((r) => r.key === key);
      return [
        key,
        {
          sv: own?.sv ?? standard("sv", key),
          en: own?.en ?? standard("en", key),
          own: !!own,
          updatedAt: own?.updatedAt ?? null,
        },
      ];
    }),
  ) as Record<FeedbackTextKey, { sv: string; en: string; own: boolean; updatedAt: Date | null }>;
}

export async function saveFeedbackText(user: CurrentUser, key: FeedbackTextKey, text: { sv: string; en: string }) {
  const values = { ...text, updatedAt: new Date(), updatedById: user.id };
  await getDb().transaction(async (tx) => {
    await tx
      .insert(feedbackTexts)
      .values({ municipalityId: user.municipalityId, key, ...values })
      .onConflictDoUpdate({ target: [feedbackTexts.municipalityId, feedbackTexts.key], set: values });
    await audit({ action: "update", user, recordType: "feedback_text", details: { key } }, tx);
  });
}

// ---------------------------------------------------------------------------------------------- basic feedback

/**
 * Basic feedback for one stage of a report, inside the transaction that records the stage. The reporter who asked
 * for it and a co-signer get it in the inbox at once (with an e-mail notice without content); a reporter outside the
 * portal becomes a task for reception. The unique index makes a repeated stage give nothing new. `key` is "received",
 * the decision just taken or "investigation_closed", passed in rather than read from `report`, which may have been read before it.
 * `on` is the day the message names: the day it is given, except for an investigation's end, the day it ended.
 */
export async function giveBasicFeedback(
  tx: Database,
  report: ReportRow,
  key: FeedbackTextKey,
  now: Date,
  on = stockholmDate(now),
) {
  const stage: FeedbackStage = key === "received" || key === "investigation_closed" ? key : "decided";
  const { responseDays, responseDayKind } = await feedbackSettingsFor(report.municipalityId, tx);
  const dueAt = feedbackDue(now, responseDays, responseDayKind === "working" ? addWorkingDays : addCalendarDays);
  const recipients = basicFeedbackRecipients(report);
  if (!recipients.length) return;
  const texts = await feedbackTextsFor(report.municipalityId, tx);
  for (const recipientId of recipients) {
    const [row] = await tx
      .insert(basicFeedback)
      .values({ municipalityId: report.municipalityId, reportId: report.id, stage, recipientId, dueAt })
      .onConflictDoNothing()
      .returning({ id: basicFeedback.id });
    if (!row || !recipientId) continue;
    const text = texts[key];
    const messageId = await deliverMessage(
      {
        municipalityId: report.municipalityId,
        recipientId,
        template: "feedback:basic",
        params: {
          text: key,
          reference: report.reference,
          date: on,
          // The municipality's own wording as it is today; the standard one is taken from locales/ when read.
          ...(text.own ? { own: { sv: text.sv, en: text.en } } : {}),
        },
        link: `/reports/${report.id}`,
        notify: true,
      },
      tx,
    );
    await tx
      .update(basicFeedback)
      .set({ deliveredAt: now, channel: "portal", messageId })
      .where(eq(basicFeedback.id, row.id));
  }
}

/** Reception ticks off feedback given by phone or letter to a reporter outside the portal. */
export async function recordFeedbackGiven(
  user: CurrentUser,
  feedbackId: string,
  input: { channel: Exclude<FeedbackChannel, "portal">; deliveredAt: Date },
) {
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(basicFeedback)
      .set({ deliveredAt: input.deliveredAt, channel: input.channel, deliveredById: user.id })
      .where(
        and(
          eq(basicFeedback.id, feedbackId),
          eq(basicFeedback.municipalityId, user.municipalityId),
          isNull(basicFeedback.deliveredAt),
        ),
      )
      .returning();
    if (!row) return null;
    await tx.insert(reportEvents).values({
      municipalityId: user.municipalityId,
      reportId: row.reportId,
      kind: "feedback_given",
      actorId: user.id,
      details: { stage: row.stage, channel: input.channel },
    });
    const entry = { recordType: "report", recordId: row.reportId, details: { feedback: row.stage } };
    await audit({ action: "update", user, ...entry }, tx);
    return row;
  });
}

/** A report's basic feedback, for its case page. */
export async function basicFeedbackOfReport(report: ReadableReport, now = new Date()) {
  const { municipalityId, id: reportId } = report;
  const rows = await getDb()
    .select({ feedback: basicFeedback, recipientName: users.name })
    .from(basicFeedback)
    .leftJoin(users, eq(users.id, basicFeedback.recipientId))
    .where(and(eq(basicFeedback.municipalityId, municipalityId), eq(basicFeedback.reportId, reportId)))
    .orderBy(asc(basicFeedback.createdAt));
  return rows.map(({ feedback: f, recipientName }) => ({
    id: f.id,
    stage: f.stage,
    recipientName,
    dueAt: f.dueAt,
    deliveredAt: f.deliveredAt,
    channel: f.channel,
    state: dueState(f.dueAt, now, f.deliveredAt),
  }));
}

/** The stages whose basic feedback /feedback measures on time, each by the day its step was taken. */
const MEASURED_STAGES = ["decided", "investigation_closed"] as const;

/**
 * Reception's overview: feedback still to give, and the share given on time in recent periods, per stage: after the
 * decisions of the period, and after the investigations closed in it (the day the feedback was given rise to).
 */
export async function feedbackDashboard(user: CurrentUser, now = new Date()) {
  const db = getDb();
  const open = await db
    .select({
      id: basicFeedback.id,
      stage: basicFeedback.stage,
      dueAt: basicFeedback.dueAt,
      reportId: reports.id,
      reference: reports.reference,
    })
    .from(basicFeedback)
    .innerJoin(reports, eq(reports.id, basicFeedback.reportId))
    // The report list's own rule as well: whoever may open this page, it names only reports they may open.
    .where(
      and(
        eq(basicFeedback.municipalityId, user.municipalityId),
        isNull(basicFeedback.deliveredAt),
        reportsVisibleTo(user),
      ),
    )
    .orderBy(asc(basicFeedback.dueAt));
  const stepTaken = {
    decided: reports.decidedAt,
    investigation_closed: basicFeedback.createdAt,
  } as const;
  const periods = await Promise.all(
    MEASURED_STAGES.flatMap((stage) =>
      [30, 90, 365].map(async (days) => {
        const since = new Date(now.getTime() - days * 86_400_000);
        const [row] = await db
          .select({
            total: sql<number>`count(*)`.mapWith(Number),
            onTime: sql<number>`count(*) filter (where ${basicFeedback.deliveredAt} < ${basicFeedback.dueAt})`.mapWith(
              Number,
            ),
          })
          .from(basicFeedback)
          .innerJoin(reports, eq(reports.id, basicFeedback.reportId))
          .where(
            and(
              eq(basicFeedback.municipalityId, user.municipalityId),
              eq(basicFeedback.stage, stage),
              gte(stepTaken[stage], since),
              lt(stepTaken[stage], now),
            ),
          );
        const share = row.total ? row.onTime / row.total : null;
        return { stage, days, total: row.total, onTime: row.onTime, share };
      }),
    ),
  );
  return { open: open.map((o) => ({ ...o, state: dueState(o.dueAt, now) })), periods };
}

// ---------------------------------------------------------------------------------------------- consent

export interface ConsentInput {
  giver: ConsentGiver;
  givenBy: string;
  jointCustody: boolean;
  bothGuardiansConsented: boolean;
  form: ConsentForm;
  documentReference: string;
  recipientUnitIds: string[];
  recipientUserIds: string[];
  infoKinds: ConsentInfoKind[];
  validFrom: Date;
  validUntil: Date;
  submissionKey: string;
}

/**
 * Who gave a consent names a guardian: sealed where it is stored (issue 22, item 9; decision 021). This model seals it
 * on the way in and opens it on the way out; nothing else reads the column.
 */
export function openedConsent<T extends { givenBy: string }>(keyring: Keyring, consent: T): T {
  return { ...consent, givenBy: keyring.open("consent.givenBy", consent.givenBy) };
}

export type ConsentError = "bothGuardiansRequired" | "tooLong" | "endsBeforeStart" | "unknownRecipient";

type ConsentTermsInput = Pick<
  ConsentInput,
  "giver" | "givenBy" | "recipientUnitIds" | "recipientUserIds" | "infoKinds" | "validFrom" | "validUntil"
>;

/** The same consent twice: the same giver, recipients and kinds (in any order, the name in any case) and the same days. */
function sameConsent(a: ConsentTermsInput, b: ConsentTermsInput) {
  const name = (s: string) => s.trim().replace(/\s+/g, " ").toLocaleLowerCase("sv");
  const set = (values: readonly string[]) => [...new Set(values)].sort().join();
  return (
    a.giver === b.giver &&
    name(a.givenBy) === name(b.givenBy) &&
    set(a.recipientUnitIds) === set(b.recipientUnitIds) &&
    set(a.recipientUserIds) === set(b.recipientUserIds) &&
    set(a.infoKinds) === set(b.infoKinds) &&
    a.validFrom.getTime() === b.validFrom.getTime() &&
    a.validUntil.getTime() === b.validUntil.getTime()
  );
}

/**
 * Records a consent on a report. A repeated submit of the same form returns the first one's row; the same consent
 * from another form (a second save, a colleague at the same time) is refused with the one on record, unless that one
 * was withdrawn: a legal register holds each consent once.
 */
export async function recordConsent(
  user: CurrentUser,
  report: ReportRow,
  input: ConsentInput,
  /**
   * More of the same change, in its transaction (a school's answer marked confirmed): false undoes the consent and
   * answers "handled".
   */
  alongside?: (tx: Database, consent: Consent) => Promise<boolean>,
): Promise<
  | { ok: true; consent: Consent }
  | { ok: false; error: ConsentError | "handled" }
  | { ok: false; error: "duplicate"; duplicate: Consent }
> {
  const { bothGuardiansRequired } = await feedbackSettingsFor(user.municipalityId);
  const both = input.giver === "guardians" || input.bothGuardiansConsented;
  if (input.giver !== "child" && input.jointCustody && bothGuardiansRequired && !both)
    return { ok: false, error: "bothGuardiansRequired" };
  if (input.validUntil <= input.validFrom) return { ok: false, error: "endsBeforeStart" };
  if (input.validUntil > consentLimit(input.validFrom)) return { ok: false, error: "tooLong" };
  if (!(await recipientsExist(report, input))) return { ok: false, error: "unknownRecipient" };
  // Before the transaction: PGlite has one connection, and a query outside an open transaction waits for it.
  const keyring = await keyringFor(user.municipalityId);
  const undone = new Error("consent undone");
  const recording = getDb().transaction(async (tx) => {
    // Only on a report of the user's municipality; one consent recorded at a time per report, so each sees the one
    // saved just before it.
    if (!(await holdReport(tx, user, report.id, "share")))
      return { ok: false as const, error: "unknownRecipient" as const };
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`consents:${report.id}`}))`);
    const [first] = await tx
      .select()
      .from(consents)
      .where(and(eq(consents.submissionKey, input.submissionKey), eq(consents.reportId, report.id)));
    if (first) return { ok: true as const, consent: openedConsent(keyring, first) };
    const recorded = await tx
      .select()
      .from(consents)
      .where(
        and(
          eq(consents.reportId, report.id),
          eq(consents.municipalityId, report.municipalityId),
          isNull(consents.withdrawnAt),
        ),
      );
    const duplicate = recorded.map((c) => openedConsent(keyring, c)).find((c) => sameConsent(c, input));
    if (duplicate) return { ok: false as const, error: "duplicate" as const, duplicate };
    const [stored] = await tx
      .insert(consents)
      .values({
        ...input,
        givenBy: keyring.seal("consent.givenBy", input.givenBy),
        bothGuardiansConsented: both,
        municipalityId: user.municipalityId,
        reportId: report.id,
        recordedById: user.id,
      })
      .onConflictDoNothing({ target: consents.submissionKey })
      .returning();
    // The key is another report's.
    if (!stored) return { ok: false as const, error: "unknownRecipient" as const };
    const consent = openedConsent(keyring, stored);
    await reportChanged(tx, user, report, "consent_recorded", { details: { infoKinds: input.infoKinds } });
    if (alongside && !(await alongside(tx, consent))) throw undone;
    return { ok: true as const, consent };
  });
  return recording.catch((error: unknown) => {
    if (error === undone) return { ok: false as const, error: "handled" as const };
    throw error;
  });
}

async function recipientsExist(report: ReportRow, input: Pick<ConsentInput, "recipientUnitIds" | "recipientUserIds">) {
  if (!input.recipientUnitIds.length && !input.recipientUserIds.length) return false;
  const options = await consentRecipientOptions(report);
  return (
    input.recipientUnitIds.every((id) => options.units.some((u) => u.id === id)) &&
    input.recipientUserIds.every((id) => options.users.some((u) => u.id === id))
  );
}

/**
 * Whom a consent on this report may name: the child's unit and the student health team serving it, the people on
 * the report, and those who work at the child's unit.
 */
export async function consentRecipientOptions(
  report: Pick<ReportRow, "municipalityId" | "unitId" | "reporterId" | "observerId" | "coSignerId">,
) {
  const db = getDb();
  const unitRows = report.unitId
    ? await db
        .select({ id: units.id, name: units.name })
        .from(units)
        .where(
          and(
            eq(units.municipalityId, report.municipalityId),
            eq(units.active, true),
            or(
              eq(units.id, report.unitId),
              and(eq(units.kind, "student_health"), eq(units.servesUnitId, report.unitId)),
            ),
          ),
        )
        .orderBy(asc(units.name))
    : [];
  const onReport = [report.reporterId, report.observerId, report.coSignerId].filter((id): id is string => !!id);
  const people = await db
    .selectDistinct({ id: users.id, name: users.name })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .where(
      and(
        eq(users.municipalityId, report.municipalityId),
        eq(users.active, true),
        or(
          onReport.length ? inArray(users.id, onReport) : undefined,
          unitRows.length
            ? and(
                inArray(
                  memberships.unitId,
                  unitRows.map((u) => u.id),
                ),
                inArray(memberships.role, ["staff", "principal"]),
              )
            : undefined,
        ),
      ),
    )
    .orderBy(asc(users.name));
  return { units: unitRows, users: onReport.length || unitRows.length ? people : [] };
}

/** Withdrawal takes effect at `now`: nothing is sent under the consent from that instant. */
export async function withdrawConsent(user: CurrentUser, reportId: string, consentId: string, now = new Date()) {
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(consents)
      .set({ withdrawnAt: now, withdrawnById: user.id })
      .where(
        and(
          eq(consents.id, consentId),
          eq(consents.reportId, reportId),
          eq(consents.municipalityId, user.municipalityId),
          isNull(consents.withdrawnAt),
        ),
      )
      .returning();
    if (!row) return null;
    await reportChanged(tx, user, { id: reportId }, "consent_withdrawn", { at: now });
    return openedConsent(await keyringFor(user.municipalityId, tx), row);
  });
}

export async function consentsOfReport(report: ReadableReport) {
  const { municipalityId, id: reportId } = report;
  const recorder = alias(users, "recorder");
  const keyring = await keyringFor(municipalityId);
  const rows = await getDb()
    .select({ consent: consents, recordedByName: recorder.name })
    .from(consents)
    .innerJoin(recorder, eq(recorder.id, consents.recordedById))
    .where(and(eq(consents.municipalityId, municipalityId), eq(consents.reportId, reportId)))
    .orderBy(desc(consents.createdAt));
  return rows.map((row) => ({ ...row, consent: openedConsent(keyring, row.consent) }));
}

// ---------------------------------------------------------------------------------------------- extended feedback

async function unitsOf(db: Database, userId: string) {
  return (await db.select({ unitId: memberships.unitId }).from(memberships).where(eq(memberships.userId, userId))).map(
    (m) => m.unitId,
  );
}

/** Whether extended feedback of `kind` may go to the recipient now, and under which consent (or why not). */
export async function checkExtendedFeedback(
  report: ReportRow,
  recipientId: string,
  kind: ConsentInfoKind,
  now = new Date(),
  db: Database = getDb(),
) {
  const terms = await db
    .select()
    .from(consents)
    .where(and(eq(consents.reportId, report.id), eq(consents.municipalityId, report.municipalityId)));
  return coverage(terms, { id: recipientId, unitIds: await unitsOf(db, recipientId) }, kind, now);
}

export type SendResult =
  | { ok: true; id: string }
  | { ok: false; coverage: Exclude<Coverage, { ok: true }> }
  | { ok: false; error: "notRecipient" };

/**
 * Sends extended feedback if, at `now`, an active consent covers the recipient and the kind. The report's consents are
 * read FOR SHARE in the sending transaction, so a withdrawal either commits first (and this sees it) or waits until
 * this has been sent.
 */
export async function sendExtendedFeedback(
  user: CurrentUser,
  report: ReportRow,
  input: { recipientId: string; kind: ConsentInfoKind; body: string; submissionKey: string },
  now = new Date(),
): Promise<SendResult> {
  const [recipient] = await getDb()
    .select({ id: users.id })
    .from(users)
    .where(
      and(eq(users.id, input.recipientId), eq(users.municipalityId, report.municipalityId), eq(users.active, true)),
    );
  if (!recipient) return { ok: false, error: "notRecipient" };
  return getDb().transaction(async (tx): Promise<SendResult> => {
    if (!(await holdReport(tx, user, report.id, "share"))) return { ok: false, error: "notRecipient" };
    // A double submit waits here for the first and then finds what it sent.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${input.submissionKey}))`);
    const [already] = await tx
      .select({ id: extendedFeedback.id })
      .from(extendedFeedback)
      .where(and(eq(extendedFeedback.submissionKey, input.submissionKey), eq(extendedFeedback.reportId, report.id)));
    if (already) return { ok: true, id: already.id };
    const terms = await tx
      .select()
      .from(consents)
      .where(and(eq(consents.reportId, report.id), eq(consents.municipalityId, report.municipalityId)))
      .for("share");
    const covered = coverage(terms, { id: recipient.id, unitIds: await unitsOf(tx, recipient.id) }, input.kind, now);
    if (!covered.ok) return { ok: false, coverage: covered };
    const [row] = await tx
      .insert(extendedFeedback)
      .values({
        municipalityId: report.municipalityId,
        reportId: report.id,
        recipientId: recipient.id,
        infoKind: input.kind,
        body: input.body,
        consentId: covered.consentId,
        sentById: user.id,
        sentAt: now,
        submissionKey: input.submissionKey,
      })
      .returning({ id: extendedFeedback.id });
    await deliverMessage(
      {
        municipalityId: report.municipalityId,
        recipientId: recipient.id,
        template: "feedback:extended",
        params: {},
        link: `/feedback/${row.id}`,
        notify: true,
      },
      tx,
    );
    await reportChanged(tx, user, report, "extended_feedback_sent", { at: now, details: { kind: input.kind } });
    return { ok: true, id: row.id };
  });
}

/** The sender's view on the report page: what went to whom, under which consent, and whether it was read. */
export async function extendedFeedbackOfReport(report: ReadableReport) {
  const { municipalityId, id: reportId } = report;
  return getDb()
    .select({
      id: extendedFeedback.id,
      recipientName: users.name,
      kind: extendedFeedback.infoKind,
      sentAt: extendedFeedback.sentAt,
      readAt: extendedFeedback.readAt,
      consentId: extendedFeedback.consentId,
      consentWithdrawnAt: consents.withdrawnAt,
    })
    .from(extendedFeedback)
    .innerJoin(users, eq(users.id, extendedFeedback.recipientId))
    .innerJoin(consents, eq(consents.id, extendedFeedback.consentId))
    .where(and(eq(extendedFeedback.municipalityId, municipalityId), eq(extendedFeedback.reportId, reportId)))
    .orderBy(desc(extendedFeedback.sentAt));
}

/**
 * One extended feedback as its recipient reads it, marking it read the first time. Anyone else gets null (a 404).
 * It stays readable after a withdrawal, with the withdrawal date beside it.
 */
export async function readExtendedFeedback(user: CurrentUser, id: string, now = new Date()) {
  const [row] = await getDb()
    .select({
      feedback: extendedFeedback,
      reference: reports.reference,
      senderName: users.name,
      consentWithdrawnAt: consents.withdrawnAt,
    })
    .from(extendedFeedback)
    .innerJoin(reports, eq(reports.id, extendedFeedback.reportId))
    .innerJoin(users, eq(users.id, extendedFeedback.sentById))
    .innerJoin(consents, eq(consents.id, extendedFeedback.consentId))
    .where(
      and(
        eq(extendedFeedback.id, id),
        eq(extendedFeedback.recipientId, user.id),
        eq(extendedFeedback.municipalityId, user.municipalityId),
      ),
    );
  if (!row) return null;
  if (!row.feedback.readAt) {
    await getDb()
      .update(extendedFeedback)
      .set({ readAt: now })
      .where(
        and(
          eq(extendedFeedback.id, id),
          eq(extendedFeedback.recipientId, user.id),
          eq(extendedFeedback.municipalityId, user.municipalityId),
          isNull(extendedFeedback.readAt),
        ),
      );
  }
  return row;
}
