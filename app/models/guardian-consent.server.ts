import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "#db/client.server";
import { consents, guardianConsentAnswers, users } from "#db/schema";
import { addCalendarDays, stockholmInstant } from "~/domain/deadlines";
import type { ConsentForm, ConsentGiver, ConsentInfoKind, GuardianAnswer } from "~/domain/vocabulary";
import type { CurrentUser } from "~/lib/permissions.server";
import { keyringFor, type Keyring } from "~/lib/sealed.server";
import { recordConsent, type ConsentError } from "./feedback.server";
import { reportChanged, type ReadableReport } from "./report.server";

/**
 * The school asks the guardians for consent (issue 21, item 4). Staff on the report write down what the guardians
 * answered; reception confirms a yes into the consent register (a consent from the day asked, to the school and the
 * one who asked) or records why not. The school's record never lets extended feedback through: only the register does
 * (app/models/feedback.server.ts). The history and the audit say what was done, never the names or the note. Who
 * answered names a guardian: sealed where it is stored (issue 22, item 9; decision 021), opened by this model alone.
 */

export function openedAnswer<T extends { givenBy: string }>(keyring: Keyring, answer: T): T {
  return { ...answer, givenBy: keyring.open("guardianAnswer.givenBy", answer.givenBy) };
}

export interface GuardianAnswerInput {
  askedOn: string;
  giver: ConsentGiver;
  givenBy: string;
  answer: GuardianAnswer;
  infoKinds: ConsentInfoKind[];
  form: ConsentForm;
  note: string;
  submissionKey: string;
}

/** Records what the guardians answered; a resent form (the same key) adds nothing. The caller checked the right. */
export async function recordGuardianAnswer(user: CurrentUser, report: ReadableReport, input: GuardianAnswerInput) {
  // Before the transaction: PGlite has one connection, and a query outside an open transaction waits for it.
  const keyring = await keyringFor(user.municipalityId);
  await getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(guardianConsentAnswers)
      .values({
        ...input,
        givenBy: keyring.seal("guardianAnswer.givenBy", input.givenBy),
        // A no covers nothing, whatever was ticked before it was chosen.
        infoKinds: input.answer === "yes" ? input.infoKinds : [],
        municipalityId: user.municipalityId,
        reportId: report.id,
        recordedById: user.id,
      })
      .onConflictDoNothing({ target: guardianConsentAnswers.submissionKey })
      .returning({ id: guardianConsentAnswers.id });
    if (row) await reportChanged(tx, user, report, "guardian_answer_recorded", { details: { answer: input.answer } });
  });
}

const recorder = alias(users, "recorder");
const handler = alias(users, "handler");

/** The report's recorded answers, the first first, with who recorded and who handled them. */
export async function guardianAnswersOf(report: ReadableReport) {
  const keyring = await keyringFor(report.municipalityId);
  const rows = await getDb()
    .select({
      id: guardianConsentAnswers.id,
      askedOn: guardianConsentAnswers.askedOn,
      giver: guardianConsentAnswers.giver,
      givenBy: guardianConsentAnswers.givenBy,
      answer: guardianConsentAnswers.answer,
      infoKinds: guardianConsentAnswers.infoKinds,
      form: guardianConsentAnswers.form,
      note: guardianConsentAnswers.note,
      status: guardianConsentAnswers.status,
      handledNote: guardianConsentAnswers.handledNote,
      handledAt: guardianConsentAnswers.handledAt,
      recordedByName: recorder.name,
      handledByName: handler.name,
    })
    .from(guardianConsentAnswers)
    .innerJoin(recorder, eq(recorder.id, guardianConsentAnswers.recordedById))
    .leftJoin(handler, eq(handler.id, guardianConsentAnswers.handledById))
    .where(
      and(
        eq(guardianConsentAnswers.municipalityId, report.municipalityId),
        eq(guardianConsentAnswers.reportId, report.id),
      ),
    )
    .orderBy(asc(guardianConsentAnswers.createdAt), asc(guardianConsentAnswers.id));
  return rows.map((row) => openedAnswer(keyring, row));
}

export type HandleError = "notFound" | "handled" | "notYes" | ConsentError | "duplicateConsent";

async function answerOf(report: ReadableReport, answerId: string) {
  const keyring = await keyringFor(report.municipalityId);
  const [answer] = await getDb()
    .select()
    .from(guardianConsentAnswers)
    .where(
      and(
        eq(guardianConsentAnswers.municipalityId, report.municipalityId),
        eq(guardianConsentAnswers.reportId, report.id),
        eq(guardianConsentAnswers.id, answerId),
      ),
    );
  return answer ? openedAnswer(keyring, answer) : null;
}

/**
 * Confirms a yes into the register: the consent is recorded with the register's own rules (joint custody, at most a
 * year, no duplicate) and the answer marked confirmed in the same transaction, only while it is still pending, so two
 * workers at once, or a confirmation and a refusal at once, leave one outcome. A resent form is answered as done.
 */
export async function confirmGuardianAnswer(
  user: CurrentUser,
  report: ReadableReport,
  answerId: string,
  input: { validUntil: string; jointCustody: boolean; submissionKey: string },
): Promise<{ ok: true } | { ok: false; error: HandleError }> {
  const answer = await answerOf(report, answerId);
  if (!answer) return { ok: false, error: "notFound" };
  if (answer.status !== "pending") {
    const resent = answer.consentId ? await consentWithKey(answer.consentId, input.submissionKey) : false;
    return resent ? { ok: true } : { ok: false, error: "handled" };
  }
  if (answer.answer !== "yes") return { ok: false, error: "notYes" };
  const both = answer.giver === "guardians";
  let marked = false;
  const result = await recordConsent(
    user,
    report,
    {
      giver: answer.giver,
      givenBy: answer.givenBy,
      jointCustody: input.jointCustody || both,
      bothGuardiansConsented: both,
      form: answer.form,
      documentReference: "",
      recipientUnitIds: report.unitId ? [report.unitId] : [],
      recipientUserIds: [answer.recordedById],
      infoKinds: answer.infoKinds,
      validFrom: stockholmInstant(answer.askedOn),
      validUntil: stockholmInstant(addCalendarDays(input.validUntil, 1)),
      submissionKey: input.submissionKey,
    },
    async (tx, consent) => {
      const [updated] = await tx
        .update(guardianConsentAnswers)
        .set({ status: "confirmed", consentId: consent.id, handledById: user.id, handledAt: new Date() })
        .where(and(eq(guardianConsentAnswers.id, answer.id), eq(guardianConsentAnswers.status, "pending")))
        .returning({ id: guardianConsentAnswers.id });
      // Handled by someone else meanwhile: the consent is not recorded either.
      if (!updated) return false;
      marked = true;
      await reportChanged(tx, user, report, "guardian_answer_confirmed", { details: { consentId: consent.id } });
      return true;
    },
  );
  // The page's key already recorded a consent for another answer (a second answer confirmed from the same page):
  // recordConsent answered with that one and marked nothing here.
  if (result.ok)
    return marked || result.consent.id === (await answerOf(report, answerId))?.consentId
      ? { ok: true }
      : { ok: false, error: "handled" };
  if (result.error === "duplicate") return { ok: false, error: "duplicateConsent" };
  return { ok: false, error: result.error };
}

async function consentWithKey(consentId: string, submissionKey: string) {
  const [row] = await getDb()
    .select({ id: consents.id })
    .from(consents)
    .where(and(eq(consents.id, consentId), eq(consents.submissionKey, submissionKey)));
  return !!row;
}

/** Records why reception does not confirm the answer (a no, or a yes it could not confirm); once. */
export async function declineGuardianAnswer(
  user: CurrentUser,
  report: ReadableReport,
  answerId: string,
  reason: string,
): Promise<{ ok: true } | { ok: false; error: "notFound" | "handled" }> {
  const answer = await answerOf(report, answerId);
  if (!answer) return { ok: false, error: "notFound" };
  const declined = await getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(guardianConsentAnswers)
      .set({ status: "not_confirmed", handledNote: reason, handledById: user.id, handledAt: new Date() })
      .where(and(eq(guardianConsentAnswers.id, answer.id), eq(guardianConsentAnswers.status, "pending")))
      .returning({ id: guardianConsentAnswers.id });
    if (row) await reportChanged(tx, user, report, "guardian_answer_not_confirmed");
    return !!row;
  });
  // A resent form finds its own refusal.
  const resent = answer.status === "not_confirmed" && answer.handledById === user.id && answer.handledNote === reason;
  return declined || resent ? { ok: true } : { ok: false, error: "handled" };
}
