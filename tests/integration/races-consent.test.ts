import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { getDb, openDatabase } from "#db/client.server";
import { extendedFeedback, reports as reportsTable } from "#db/schema";
import { recordConsent, sendExtendedFeedback, withdrawConsent } from "~/models/feedback.server";
import { getCurrentUser } from "~/models/user.server";
import { createReport, createWorld } from "../factories";
import { inWaves, staggered } from "../races";

const PAIRS = 60;
const STAGGER_MS = 10;

/**
 * Issue 26, point 3: a withdrawal racing an extended-feedback send on one consent. PGlite runs one statement at a
 * time, so the race only shows on PostgreSQL.
 */
describe.skipIf(process.env.TEST_DB !== "postgres")("a consent withdrawn while feedback is sent (PostgreSQL)", () => {
  it(`never sends after the withdrawal committed (${PAIRS} pairs)`, async () => {
    const world = await createWorld();
    const m = world.municipality.id;
    const worker = (await getCurrentUser(world.user.reception_worker.id, m))!;
    const teacher = (await getCurrentUser(world.user.staff.id, m))!;
    const created = [];
    for (let i = 0; i < PAIRS; i += 10) {
      created.push(
        ...(await Promise.all(Array.from({ length: 10 }, () => createReport(teacher, world.unit.school.id)))),
      );
    }
    const reports = await getDb()
      .select()
      .from(reportsTable)
      .where(
        inArray(
          reportsTable.id,
          created.map((r) => r.id),
        ),
      );
    const consentIds = await Promise.all(
      reports.map(async (report) => {
        const recorded = await recordConsent(worker, report, {
          giver: "guardians",
          givenBy: "Anna Andersson, mamma",
          jointCustody: false,
          bothGuardiansConsented: false,
          form: "written",
          documentReference: "BLANKETT-1",
          recipientUnitIds: [],
          recipientUserIds: [teacher.id],
          infoKinds: ["school_support"],
          validFrom: new Date(Date.now() - 86_400_000),
          validUntil: new Date(Date.now() + 90 * 86_400_000),
          submissionKey: randomUUID(),
        });
        if (!recorded.ok) throw new Error(recorded.error);
        return recorded.consent.id;
      }),
    );

    // Whether a send had committed is asked on a connection of its own: behind the pool's queue the answer would come
    // late, and a late "yes" hides a send that committed after the withdrawal.
    const probe = openDatabase({ url: inject("postgresUrl") ?? "" });
    try {
      const race = async (report: (typeof reports)[number], consentId: string) => {
        // One instant for both: a send that sees the withdrawal is refused.
        const now = new Date();
        // Either may start first: the other lands anywhere from before the first's reads to after its commit.
        const [send, withdrawal] = staggered(
          () =>
            sendExtendedFeedback(
              worker,
              report,
              { recipientId: teacher.id, kind: "school_support", body: "Text", submissionKey: randomUUID() },
              now,
            ),
          () => withdrawConsent(worker, report.id, consentId, now),
          STAGGER_MS,
        );
        const withdrawn = await withdrawal;
        // The withdrawal has committed: whatever the send commits from here on was sent after it.
        const sentBefore = await probe.db
          .select({ id: extendedFeedback.id })
          .from(extendedFeedback)
          .where(eq(extendedFeedback.reportId, report.id));
        const sent = await send;
        return { withdrawn: withdrawn !== null, sentBefore: sentBefore.length > 0, sent: sent.ok };
      };
      const outcomes = await inWaves(reports, (report, i) => race(report, consentIds[i]));
      expect(outcomes.every((o) => o.withdrawn)).toBe(true);
      const sentAfter = outcomes.filter((o) => o.sent && !o.sentBefore);
      expect(sentAfter).toEqual([]);
      // A send the probe saw is one that resolved as sent.
      expect(outcomes.filter((o) => o.sentBefore && !o.sent)).toEqual([]);
      // Both orders happened, or the pairs did not race.
      const sentCount = outcomes.filter((o) => o.sent).length;
      expect(sentCount).toBeGreaterThan(0);
      expect(sentCount).toBeLessThan(PAIRS);
    } finally {
      await probe.close();
    }
  });
});
