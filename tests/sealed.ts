import type { GuardianEntry } from "#db/schema";
import { keyringFor } from "~/lib/sealed.server";
import { openedConsent } from "~/models/feedback.server";
import { openedAnswer } from "~/models/guardian-consent.server";
import { openedDraft, openedIdentity } from "~/models/report-identity.server";

/** A report row as stored, with what identifies the child opened (decision 021): for tests that read the table. */
export async function openedRow<
  T extends {
    municipalityId: string;
    childName: string;
    childPersonalNumber: string | null;
    guardians: GuardianEntry[];
    observations: string;
    childWords: string;
  },
>(row: T): Promise<T> {
  return openedIdentity(await keyringFor(row.municipalityId), row);
}

/** A draft row's fields as typed. */
export async function openedFields(row: { municipalityId: string; fields: Record<string, string> }) {
  return openedDraft(await keyringFor(row.municipalityId), row.fields);
}

/** Report rows from a query, each opened. */
export async function openedRows<T extends Parameters<typeof openedRow>[0]>(rows: Promise<T[]> | T[]) {
  return Promise.all((await rows).map((row) => openedRow(row)));
}

/** Draft rows from a query, each with its fields opened. */
export async function openedDrafts<T extends Parameters<typeof openedFields>[0]>(rows: Promise<T[]> | T[]) {
  return Promise.all((await rows).map(async (row) => ({ ...row, fields: await openedFields(row) })));
}

/** A consent row as stored, with the giver's name opened. */
export async function openedConsentRow<T extends { municipalityId: string; givenBy: string }>(row: T): Promise<T> {
  return openedConsent(await keyringFor(row.municipalityId), row);
}

/** A school's record of the guardians' answer as stored, with the name of who answered opened. */
export async function openedAnswerRow<T extends { municipalityId: string; givenBy: string }>(row: T): Promise<T> {
  return openedAnswer(await keyringFor(row.municipalityId), row);
}
