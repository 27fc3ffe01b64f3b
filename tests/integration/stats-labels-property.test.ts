import { count, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { reports, units } from "#db/schema";
import { hiddenMark } from "~/domain/stats-marks";
import { i18nFor } from "~/lib/i18n";
import * as csvRoute from "~/routes/stats[.csv]";
import { createWorld, sessionCookieFor, testContext } from "../factories";
import { report } from "../stats-fixtures";

/**
 * Issue 23's labels, against the raw counts of random datasets: in the CSV of a period, a month × source count is
 * either the number of reports the database holds or the neutral mark; a count of 1 to 4 is never shown, and "< 5" is
 * written nowhere — whatever the mix of small and large cells.
 */

const sv = i18nFor("sv").getFixedT("sv");
const mark = sv(hiddenMark("count"));
const MONTHS = ["2025-01", "2025-02", "2025-03"];
type Source = "preschool" | "school" | "student_health" | "other_channel";
const SOURCES: Source[] = ["preschool", "school", "student_health", "other_channel"];

/** The reports of the world per month and source, counted from the rows with SQL of its own. */
async function rawCounts(municipalityId: string) {
  const month = sql<string>`to_char(${reports.receivedAt} at time zone 'Europe/Stockholm', 'YYYY-MM')`;
  const source = sql<string>`case when ${reports.channel} = 'portal' then ${units.kind}::text else 'other_channel' end`;
  const rows = await getDb()
    .select({ month, source, n: count() })
    .from(reports)
    .leftJoin(units, eq(units.id, reports.unitId))
    .where(eq(reports.municipalityId, municipalityId))
    .groupBy(month, source);
  const of = (m: string, s: string) => rows.find((r) => r.month === m && r.source === s)?.n ?? 0;
  return of;
}

describe("hidden counts in the statistics, against the rows", () => {
  it("shows a count only as the number of reports, never one of 1 to 4, and never writes '< 5' (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        // Reports per month and source: small (1–4), zero, or large enough to show.
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 9 })), {
          minLength: MONTHS.length * SOURCES.length,
          maxLength: MONTHS.length * SOURCES.length,
        }),
        async (sizes) => {
          const world = await createWorld("Slumpstad");
          const m = world.municipality.id;
          const unitOf: Record<Source, string | null> = {
            preschool: world.unit.preschool.id,
            school: world.unit.school.id,
            student_health: null,
            other_channel: null,
          };
          for (const [i, n] of sizes.entries()) {
            const monthIndex = Math.floor(i / SOURCES.length);
            const s = SOURCES[i % SOURCES.length];
            // No student health unit in the world: its cells stay empty, as a municipality without one would have.
            if (s === "student_health") continue;
            for (let k = 0; k < n; k++)
              await report(m, {
                on: `${MONTHS[monthIndex]}-${String(3 + k).padStart(2, "0")}`,
                unitId: unitOf[s],
                channel: s === "other_channel" ? "police" : "portal",
              });
          }
          const cookie = await sessionCookieFor(world.user.steering);
          const request = new Request("http://localhost/stats.csv?period=custom&from=2025-01-01&to=2025-03-31", {
            headers: { Cookie: cookie },
          });
          const csv = await (
            (await csvRoute.loader({ request, params: {}, context: testContext() })) as Response
          ).text();
          expect(csv).not.toContain("< 5");
          const raw = await rawCounts(m);
          const lines = csv.replace(/^\uFEFF/, "").split(/\r?\n/);
          let cells = 0;
          for (const line of lines) {
            const [table, month, source, value] = line.split(",");
            if (table !== "reports" || !MONTHS.includes(month) || !SOURCES.includes(source as Source)) continue;
            cells += 1;
            const n = raw(month, source);
            // Hidden: any count, a zero too (hidden so that a small neighbour cannot be worked out). Shown: the count.
            if (value !== mark) {
              expect(Number(value), `${month} ${source}`).toBe(n);
              expect(n >= 1 && n <= 4, `${month} ${source} shows ${n}`).toBe(false);
            }
            // A count of 1 to 4 is always hidden.
            if (n >= 1 && n <= 4) expect(value, `${month} ${source}`).toBe(mark);
          }
          expect(cells).toBe(MONTHS.length * SOURCES.length);
        },
      ),
      { numRuns: 12, seed: 23 },
    );
  });
});
