/**
 * Statistics read from a real streaming replica (issue 24, item 6): a throwaway primary and a standby made from it with
 * `pg_basebackup -R` (Debian's PostgreSQL), the production server given both (DATABASE_URL, DATABASE_READ_URL). /stats,
 * its export and the yearly report read from the replica and say as of when; with the replica's replay paused the
 * page shows the older moment, and once it catches up the new one; with the replica stopped the statistics answer 503
 * while the rest of the portal, on the primary, answers as before.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "#db/client.server";
import { migrateDatabase } from "#db/migrate";
import { seedDemo } from "~/demo/seed.server";
import { type CookieJar, login, request, startServer, type RunningServer } from "./helpers";
import { ThrowawayCluster } from "./throwaway-cluster";

const asOfIn = (html: string) => {
  const found = html.match(/class="stats__as-of">.*?<time [^>]*?datetime="([^"]+)"/is);
  return found ? new Date(found[1]) : null;
};

describe.skipIf(!ThrowawayCluster.available())("statistics on a read replica", () => {
  const primary = new ThrowawayCluster();
  const replica = new ThrowawayCluster();
  let handle: DatabaseHandle;
  let standby: ReturnType<typeof postgres>;
  let server: RunningServer;
  let steering: CookieJar;
  const year = new Date().getFullYear();

  beforeAll(async () => {
    await primary.init();
    await primary.start();
    handle = openDatabase({ url: primary.url });
    await migrateDatabase(handle);
    await seedDemo(handle.db);
    await replica.replicaOf(primary);
    await replica.start();
    standby = postgres(replica.url, { max: 1, onnotice: () => {} });
    server = await startServer({ DATABASE_URL: primary.url, DATABASE_READ_URL: replica.url, DEMO_MODE: "1" });
    steering = await login(server, "styrgrupp@exempelstad.example");
  }, 120_000);

  afterAll(async () => {
    if (server && server.process.exitCode === null && server.process.signalCode === null) await server.stop();
    await standby?.end();
    await handle?.close();
    await replica.destroy();
    await primary.destroy();
  });

  const statsPage = async () => {
    const response = await request(server, `/stats?period=year&year=${year}`, { jar: steering });
    return { status: response.status, html: await response.text() };
  };

  it("reads /stats, its export and the yearly report from the replica, as of now when it has caught up", async () => {
    const before = Date.now();
    const page = await statsPage();
    expect(page.status).toBe(200);
    expect(page.html).toContain("Siffrorna gäller läget");
    const asOf = asOfIn(page.html);
    expect(asOf?.getTime()).toBeGreaterThanOrEqual(before - 1_000);

    const report = await request(server, `/stats/report?year=${year - 1}`, { jar: steering });
    const reportHtml = await report.text();
    expect(report.status).toBe(200);
    expect(asOfIn(reportHtml)).not.toBeNull();

    const csv = await request(server, `/stats.csv?period=year&year=${year}`, { jar: steering });
    await csv.body?.cancel();
    expect(csv.status).toBe(200);
  });

  it("shows the older moment while the replica lags, and the new one once it has caught up", async () => {
    await standby`select pg_wal_replay_pause()`;
    // The primary moves on: a write the replica has not replayed.
    const written = Date.now();
    await handle.db.execute(sql`create table replica_lag_probe (id int)`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    try {
      const lagging = await statsPage();
      expect(lagging.status).toBe(200);
      expect(asOfIn(lagging.html)!.getTime()).toBeLessThan(written);
    } finally {
      await standby`select pg_wal_replay_resume()`;
    }
    const deadline = Date.now() + 10_000;
    let asOf = 0;
    while (Date.now() < deadline) {
      asOf = asOfIn((await statsPage()).html)?.getTime() ?? 0;
      if (asOf >= written) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(asOf).toBeGreaterThanOrEqual(written);
  });

  it("answers 503 on the statistics when the replica is down, while the rest of the portal reads the primary", async () => {
    await standby.end();
    await replica.stop("immediate");
    const stats = await statsPage();
    expect(stats.status).toBe(503);
    expect(stats.html).toContain("Tjänsten är tillfälligt otillgänglig");
    const inbox = await request(server, "/inbox", { jar: steering });
    await inbox.body?.cancel();
    expect(inbox.status).toBe(200);
  });
});
