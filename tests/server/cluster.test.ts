/**
 * Two production servers on one PostgreSQL database behind HAProxy (scripts/cluster/balancer.ts), as `npm run
 * cluster` runs them (issue 24, items 4 and 5). Through the balancer, answers alternate between the servers, and what
 * one server holds for a user works on the other: the session, the origin check on forms, training registration
 * under contention. The jobs every server runs do their work once: the meeting reminder, the month's review sample,
 * and each e-mail of the outbox, delivered exactly once although the SMTP server takes 7 s over each message.
 * Needs TEST_DATABASE_URL and Debian's haproxy; skipped without either.
 */
import { and, eq, gt, inArray, isNull, like, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, setDatabase, type DatabaseHandle } from "#db/client.server";
import { migrateDatabase } from "#db/migrate";
import {
  meetings,
  outboxEmails,
  reports,
  reviewCases,
  reviewSamples,
  trainingRegistrations,
  trainings,
  users,
} from "#db/schema";
import { addCalendarDays, stockholmDate, stockholmInstant } from "~/domain/deadlines";
import { seedDemo } from "~/demo/seed.server";
import { enqueueEmail } from "~/models/outbox.server";
import { createMeeting } from "~/models/meeting.server";
import { lastMonthOver } from "~/models/quality-review.server";
import { getCurrentUser } from "~/models/user.server";
import { haproxyAvailable, startBalancer, type Balancer } from "../../scripts/cluster/balancer";
import { TestSmtp } from "../smtp";
import { type CookieJar, freePort, login, request, startServer, type RunningServer } from "./helpers";

const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
/** The slow SMTP server and its number of e-mails. */
const SMTP_ANSWER_MS = 7_000;
const EMAILS = 30;

const waitFor = async (check: () => Promise<boolean>, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};

describe.skipIf(!adminUrl || !haproxyAvailable())("two servers behind HAProxy", () => {
  const name = `tillsammans_cluster_${Date.now()}_${process.pid}`;
  const smtp = new TestSmtp();
  let admin: ReturnType<typeof postgres>;
  let handle: DatabaseHandle;
  let servers: RunningServer[] = [];
  let balancer: Balancer;
  let publicUrl: string;
  let municipalityId: string;
  let meetingId: string;
  let trainingId: string;
  const queued: string[] = [];

  beforeAll(async () => {
    admin = postgres(adminUrl as string, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl as string);
    url.pathname = `/${name}`;
    handle = openDatabase({ url: url.toString() });
    setDatabase(handle);
    await migrateDatabase(handle);
    await seedDemo(handle.db);
    await smtp.start();
    smtp.answerMs = SMTP_ANSWER_MS;

    // Before the servers start, so that both find the same work due at once.
    const [teacher] = await handle.db.select().from(users).where(eq(users.email, "larare@exempelstad.example"));
    const [worker] = await handle.db.select().from(users).where(eq(users.email, "mottagning@exempelstad.example"));
    municipalityId = teacher.municipalityId;
    const reception = await getCurrentUser(worker.id, municipalityId);
    const [report] = await handle.db.select().from(reports).where(eq(reports.reporterId, teacher.id)).limit(1);
    const tomorrow = addCalendarDays(stockholmDate(new Date()), 1);
    const meeting = await createMeeting(
      reception!,
      report,
      {
        startsAt: stockholmInstant(tomorrow, "10:00"),
        durationMinutes: 30,
        form: "video",
        place: "",
        otherParticipants: "",
      },
      [teacher.id],
    );
    meetingId = meeting!.id;
    // Invited two days ago: tomorrow's reminder is due.
    await handle.db
      .update(meetings)
      .set({ updatedAt: new Date(Date.now() - 2 * 86_400_000) })
      .where(eq(meetings.id, meetingId));
    for (let i = 0; i < EMAILS; i++) {
      queued.push(
        await enqueueEmail(handle.db, {
          municipalityId,
          recipientId: teacher.id,
          toAddress: teacher.email,
          subject: `Ett nytt meddelande i Tillsammans (${i + 1})`,
          textBody: "Du har fått ett nytt meddelande i Tillsammans.",
        }),
      );
    }
    // One of the course's coming occasions, open to the four staff accounts, with two places and nobody yet.
    const [occasion] = await handle.db
      .select({ id: trainings.id })
      .from(trainings)
      .where(
        and(
          eq(trainings.municipalityId, municipalityId),
          eq(trainings.topic, "reporting_duty"),
          gt(trainings.registrationDeadline, new Date(Date.now() + 86_400_000)),
        ),
      )
      .limit(1);
    trainingId = occasion.id;
    await handle.db.delete(trainingRegistrations).where(eq(trainingRegistrations.trainingId, trainingId));
    await handle.db
      .update(trainings)
      .set({ capacity: 2, audienceUnitKinds: ["preschool", "school", "student_health"] })
      .where(eq(trainings.id, trainingId));

    const balancerPort = await freePort();
    // The address users reach: a name, where the test calls the balancer by its IP address.
    publicUrl = `http://localhost:${balancerPort}`;
    const env = {
      DATABASE_URL: url.toString(),
      DEMO_MODE: "1",
      TRUST_PROXY: "1",
      PUBLIC_URL: publicUrl,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    };
    servers = await Promise.all([startServer(env), startServer(env)]);
    balancer = await startBalancer({ port: balancerPort, backends: servers.map((s) => s.port), servedBy: true });
  }, 120_000);

  afterAll(async () => {
    await balancer?.stop();
    // A server may be waiting on the slow SMTP server's answer to an e-mail (the reminder): its shutdown waits for it.
    await Promise.all(servers.map((server) => server.stop(SMTP_ANSWER_MS + 5_000)));
    await smtp.stop();
    setDatabase(undefined);
    await handle?.close();
    if (admin) {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  /** The balancer as the test's requests reach it. */
  const portal = () => ({ url: balancer.url });
  const servedBy = (response: Response) => response.headers.get("x-served-by");

  it("keeps a user signed in whichever server answers", async () => {
    const jar = await login(portal(), "rektor@exempelstad.example");
    const seen = new Set<string | null>();
    for (let i = 0; i < 6; i++) {
      const response = await request(portal(), "/inbox", { jar });
      await response.body?.cancel();
      expect(response.status).toBe(200);
      seen.add(servedBy(response));
    }
    expect([...seen].sort()).toEqual(["s1", "s2"]);
  });

  it("accepts a form from the portal's own address on either server and refuses one from elsewhere", async () => {
    const statuses: [string | null, number][] = [];
    for (const origin of [publicUrl, publicUrl, "https://elsewhere.example", "https://elsewhere.example"]) {
      const response = await request(portal(), "/login", {
        form: { email: "larare@exempelstad.example", password: "fel lösenord", redirectTo: "/" },
        headers: { Origin: origin },
      });
      await response.body?.cancel();
      statuses.push([servedBy(response), response.status]);
    }
    // The wrong password's answer (the form again, with its error) from both servers, then the refusal (403) from both.
    expect(statuses.map(([, status]) => status)).toEqual([200, 200, 403, 403]);
    expect(new Set(statuses.slice(0, 2).map(([server]) => server)).size).toBe(2);
    expect(new Set(statuses.slice(2).map(([server]) => server)).size).toBe(2);
  });

  it("gives two places to two of four staff registering at the same moment through both servers", async () => {
    const emails = [
      "rektor@exempelstad.example",
      "larare@exempelstad.example",
      "forskola@exempelstad.example",
      "kurator@exempelstad.example",
    ];
    const jars: CookieJar[] = [];
    for (const email of emails) jars.push(await login(portal(), email));
    const answers = await Promise.all(
      jars.map(async (jar) => {
        const response = await request(portal(), `/trainings/${trainingId}`, { jar, form: { intent: "register" } });
        await response.body?.cancel();
        return { status: response.status, server: servedBy(response), location: response.headers.get("location") };
      }),
    );
    expect(answers.map((a) => a.status)).toEqual([302, 302, 302, 302]);
    expect(new Set(answers.map((a) => a.server)).size).toBe(2);
    const rows = await handle.db
      .select({ status: trainingRegistrations.status })
      .from(trainingRegistrations)
      .where(eq(trainingRegistrations.trainingId, trainingId));
    expect(rows.map((r) => r.status).sort()).toEqual(["registered", "registered", "waitlisted", "waitlisted"]);
    expect(answers.filter((a) => a.location?.endsWith("notice=trainingRegistered"))).toHaveLength(2);
  });

  it("sends tomorrow's meeting reminder once and draws last month's review sample once, with both servers' jobs", async () => {
    await waitFor(
      async () => {
        const [meeting] = await handle.db
          .select({ sent: meetings.reminderSentAt })
          .from(meetings)
          .where(eq(meetings.id, meetingId));
        return meeting.sent !== null;
      },
      20_000,
      "the reminder",
    );
    const reminders = await handle.db
      .select({ id: outboxEmails.id })
      .from(outboxEmails)
      .where(and(eq(outboxEmails.municipalityId, municipalityId), like(outboxEmails.subject, "Påminnelse%")));
    expect(reminders).toHaveLength(1);

    const month = lastMonthOver(new Date());
    await waitFor(
      async () =>
        (
          await handle.db
            .select({ id: reviewSamples.id })
            .from(reviewSamples)
            .where(and(eq(reviewSamples.municipalityId, municipalityId), eq(reviewSamples.month, month)))
        ).length > 0,
      20_000,
      "the review sample",
    );
    const samples = await handle.db
      .select({ id: reviewSamples.id })
      .from(reviewSamples)
      .where(and(eq(reviewSamples.municipalityId, municipalityId), eq(reviewSamples.month, month)));
    expect(samples).toHaveLength(1);
    const [cases] = await handle.db
      .select({ all: sql<number>`count(*)::int`, distinct: sql<number>`count(distinct ${reviewCases.reportId})::int` })
      .from(reviewCases)
      .where(eq(reviewCases.sampleId, samples[0].id));
    expect(cases.all).toBe(cases.distinct);
  });

  it(
    `delivers each of ${EMAILS} e-mails exactly once, with both servers sending and the SMTP server taking 7 s each`,
    async () => {
      // One server alone would take EMAILS × 7 s: within about half of that, both must have been sending.
      await waitFor(
        async () =>
          (
            await handle.db
              .select({ id: outboxEmails.id })
              .from(outboxEmails)
              .where(and(inArray(outboxEmails.id, queued), isNull(outboxEmails.sentAt)))
          ).length === 0,
        (EMAILS / 2 + 6) * SMTP_ANSWER_MS,
        "every queued e-mail to be marked sent",
      );
      const delivered = queued.map((id) => smtp.forIds([id]).length);
      expect(delivered).toEqual(queued.map(() => 1));
    },
    (EMAILS / 2 + 10) * SMTP_ANSWER_MS,
  );
});
