import { and, asc, eq, gt, sql } from "drizzle-orm";
import { getDb, type Database } from "#db/client.server";
import {
  consents,
  guardianConsentAnswers,
  municipalities,
  reportDrafts,
  reports,
  type GuardianEntry,
} from "#db/schema";
import { isSealed, keyringFor, linkHash, type Keyring, type SealedField } from "~/lib/sealed.server";

/**
 * What identifies the child on a report, sealed where it is stored (issue 22, item 9; decision 021): the child's name
 * and personal identity number, each guardian's name, what the reporter saw and the child's own words (free text that
 * names the child as often as not), and a draft's fields whole. The number's keyed hash beside it
 * finds the reports about the same child (earlier-reports.server.ts). The models seal on the way in and open on the
 * way out; nothing else reads these columns. Guardians are named outside reports too, in a text column sealed whole:
 * who gave a consent (feedback.server.ts) and who answered the school (guardian-consent.server.ts); see `sealedTexts`.
 */
interface Identity {
  childName: string;
  childPersonalNumber: string | null;
  guardians: GuardianEntry[];
  observations: string;
  childWords: string;
}

export function sealedIdentity(keyring: Keyring, municipalityId: string, identity: Identity) {
  return {
    childName: keyring.seal("report.childName", identity.childName),
    childPersonalNumber: keyring.sealNullable("report.childPersonalNumber", identity.childPersonalNumber),
    childNumberHash: identity.childPersonalNumber ? linkHash(municipalityId, identity.childPersonalNumber) : null,
    guardians: identity.guardians.map((g) => ({ ...g, name: keyring.seal("report.guardianName", g.name) })),
    observations: keyring.seal("report.observations", identity.observations),
    childWords: keyring.seal("report.childWords", identity.childWords),
  };
}

export function openedIdentity<T extends Identity>(keyring: Keyring, row: T): T {
  return {
    ...row,
    childName: keyring.open("report.childName", row.childName),
    childPersonalNumber: keyring.openNullable("report.childPersonalNumber", row.childPersonalNumber),
    guardians: row.guardians.map((g) => ({ ...g, name: keyring.open("report.guardianName", g.name) })),
    observations: keyring.open("report.observations", row.observations),
    childWords: keyring.open("report.childWords", row.childWords),
  };
}

/** A list's rows with the child's name opened (one municipality's: the reader's). */
export function withNamesOpened<T extends { childName: string }>(keyring: Keyring, rows: T[]) {
  return rows.map((row) => ({ ...row, childName: keyring.open("report.childName", row.childName) }));
}

export function sealedDraft(keyring: Keyring, fields: Record<string, string>): Record<string, string> {
  return { sealed: keyring.seal("reportDraft.fields", JSON.stringify(fields)) };
}

export function openedDraft(keyring: Keyring, stored: Record<string, string>): Record<string, string> {
  const sealed = stored.sealed;
  if (Object.keys(stored).length === 1 && typeof sealed === "string" && isSealed(sealed)) {
    return JSON.parse(keyring.open("reportDraft.fields", sealed));
  }
  return stored;
}

/**
 * Whether a start should run resealIdentities: a row from before encryption is there, or (`masterRotating`) numbers
 * may be hashed under a previous master key. Data key rotation reseals in its own command.
 */
export async function identitiesToReseal(masterRotating: boolean, db: Database = getDb()) {
  if (masterRotating) return true;
  const plain = await db
    .select({ id: reports.id })
    .from(reports)
    .where(sql`${reports.childName} not like 'sealed:%'`)
    .limit(1)
    .union(
      db
        .select({ id: reportDrafts.id })
        .from(reportDrafts)
        .where(sql`not (${reportDrafts.fields} ? 'sealed')`)
        .limit(1),
    );
  if (plain.length) return true;
  for (const { table } of sealedTexts) {
    const [found] = await db
      .select({ id: table.id })
      .from(table)
      .where(sql`${table.givenBy} not like 'sealed:%'`)
      .limit(1);
    if (found) return true;
  }
  return false;
}

const BATCH = 500;

/** The text columns outside reports that name a guardian, each sealed whole; both are called `givenBy`. */
const sealedTexts: { table: typeof consents | typeof guardianConsentAnswers; field: SealedField }[] = [
  { table: consents, field: "consent.givenBy" },
  { table: guardianConsentAnswers, field: "guardianAnswer.givenBy" },
];

/**
 * Seals one such column, in one municipality, where it is not sealed under the newest data key; batch by batch, each
 * row rewritten only if it still holds what was read. Returns how many rows were rewritten.
 */
async function resealText(db: Database, keyring: Keyring, municipalityId: string, text: (typeof sealedTexts)[number]) {
  const { table, field } = text;
  let rewritten = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await db
      .select({ id: table.id, stored: table.givenBy })
      .from(table)
      .where(and(eq(table.municipalityId, municipalityId), gt(table.id, after)))
      .orderBy(asc(table.id))
      .limit(BATCH);
    if (!rows.length) return rewritten;
    after = rows[rows.length - 1].id;
    for (const { id, stored } of rows) {
      if (keyring.isCurrent(stored)) continue;
      const done = await db
        .update(table)
        .set({ givenBy: keyring.seal(field, keyring.open(field, stored)) })
        .where(and(eq(table.id, id), eq(table.givenBy, stored)))
        .returning({ id: table.id });
      rewritten += done.length;
    }
  }
}

type SealedRow = ReturnType<typeof sealedIdentity>;
type ReadRow = Omit<SealedRow, "childNumberHash"> & { id: string };

/**
 * Rewrites a batch of reports in one statement (a national backfill has millions): each row only if every column it
 * rewrites still holds what was read (a sealed value is never written twice alike), so a request's change meanwhile
 * stands, whichever column it changed.
 */
async function rewriteReports(db: Database, changed: { read: ReadRow; sealed: SealedRow }[]) {
  if (!changed.length) return 0;
  const values = sql.join(
    changed.map(
      ({ read, sealed }) =>
        sql`(${read.id}::uuid, ${read.childName}, ${read.childPersonalNumber}, ${JSON.stringify(read.guardians)}::jsonb,
          ${read.observations}, ${read.childWords}, ${sealed.childName}, ${sealed.childPersonalNumber},
          ${sealed.childNumberHash}, ${JSON.stringify(sealed.guardians)}::jsonb, ${sealed.observations},
          ${sealed.childWords})`,
    ),
    sql`, `,
  );
  const done = await db
    .update(reports)
    .set({
      childName: sql`v.child_name`,
      childPersonalNumber: sql`v.child_personal_number`,
      childNumberHash: sql`v.child_number_hash`,
      guardians: sql`v.guardians`,
      observations: sql`v.observations`,
      childWords: sql`v.child_words`,
    })
    .from(
      sql`(values ${values}) as v(id, read_name, read_number, read_guardians, read_observations, read_words,
        child_name, child_personal_number, child_number_hash, guardians, observations, child_words)`,
    )
    .where(
      and(
        eq(reports.id, sql`v.id`),
        eq(reports.childName, sql`v.read_name`),
        sql`${reports.childPersonalNumber} is not distinct from v.read_number`,
        eq(reports.guardians, sql`v.read_guardians`),
        eq(reports.observations, sql`v.read_observations`),
        eq(reports.childWords, sql`v.read_words`),
      ),
    )
    .returning({ id: reports.id });
  return done.length;
}

/**
 * Seals what is not sealed under the municipality's newest data key (reports, drafts and the `sealedTexts`), and
 * rehashes numbers under the current master key: rows from before encryption (an upgrade, the benchmark's bulk load)
 * and rows under a rotated key. Run at start and by `npm run keys:rotate`. Each row is rewritten only if it changes,
 * by the value it was read with, so a row changed meanwhile by a request is left as that request wrote it (and the
 * next run looks again). `only`: one municipality's.
 */
export async function resealIdentities(db: Database = getDb(), only?: string) {
  let rewritten = 0;
  const all = only
    ? [{ id: only }]
    : await db.select({ id: municipalities.id }).from(municipalities).orderBy(asc(municipalities.id));
  for (const { id: municipalityId } of all) {
    const keyring = await keyringFor(municipalityId, db);
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const rows = await db
        .select({
          id: reports.id,
          childName: reports.childName,
          childPersonalNumber: reports.childPersonalNumber,
          childNumberHash: reports.childNumberHash,
          guardians: reports.guardians,
          observations: reports.observations,
          childWords: reports.childWords,
        })
        .from(reports)
        .where(and(eq(reports.municipalityId, municipalityId), gt(reports.id, after)))
        .orderBy(asc(reports.id))
        .limit(BATCH);
      if (!rows.length) break;
      after = rows[rows.length - 1].id;
      const changed = [];
      for (const row of rows) {
        const stale =
          !keyring.isCurrent(row.childName) ||
          (row.childPersonalNumber !== null && !keyring.isCurrent(row.childPersonalNumber)) ||
          row.guardians.some((g) => !keyring.isCurrent(g.name)) ||
          !keyring.isCurrent(row.observations) ||
          !keyring.isCurrent(row.childWords);
        const opened = openedIdentity(keyring, row);
        const hash = opened.childPersonalNumber ? linkHash(municipalityId, opened.childPersonalNumber) : null;
        if (!stale && hash === row.childNumberHash) continue;
        const sealed = stale ? sealedIdentity(keyring, municipalityId, opened) : { ...row, childNumberHash: hash };
        changed.push({ read: row, sealed });
      }
      rewritten += await rewriteReports(db, changed);
    }
    const drafts = await db
      .select({ id: reportDrafts.id, fields: reportDrafts.fields })
      .from(reportDrafts)
      .where(eq(reportDrafts.municipalityId, municipalityId));
    for (const draft of drafts) {
      const sealed = draft.fields.sealed;
      if (Object.keys(draft.fields).length === 1 && typeof sealed === "string" && keyring.isCurrent(sealed)) continue;
      const done = await db
        .update(reportDrafts)
        .set({ fields: sealedDraft(keyring, openedDraft(keyring, draft.fields)) })
        .where(and(eq(reportDrafts.id, draft.id), sql`${reportDrafts.fields} = ${JSON.stringify(draft.fields)}::jsonb`))
        .returning({ id: reportDrafts.id });
      rewritten += done.length;
    }
    for (const text of sealedTexts) rewritten += await resealText(db, keyring, municipalityId, text);
  }
  return rewritten;
}
