import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, basicFeedback, feedbackSettings } from "#db/schema";
import { stockholmInstant } from "~/domain/deadlines";
import type { FeedbackStage } from "~/domain/vocabulary";
import { i18nFor, type AppLocale } from "~/lib/i18n";
import { feedbackSettingsFor } from "~/models/feedback.server";
import { recordChildHeard, recordDecision, recordProtectionAssessment } from "~/models/report.server";
import * as dashboardRoute from "~/routes/feedback._index";
import * as settingsRoute from "~/routes/feedback.texts";
import * as reportFeedbackRoute from "~/routes/reports.$reportId_.feedback";
import { createReport, createWorld, currentUsers, decisionInput, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";

// The agreement: basic feedback "within three working days". Every expected instant is counted by hand on a month
// calendar; the day of receipt or decision is not counted, and the bound is the start of the Stockholm day after the
// last allowed one (CEST is UTC+2 in April and June, CET UTC+1 in December and January).

async function setup() {
  const world = await createWorld();
  const users = await currentUsers(world, "reception_worker", "staff", "coordinator");
  const { reception_worker: worker, staff: teacher, coordinator } = users;
  return { world, worker, teacher, coordinator };
}

type World = Awaited<ReturnType<typeof setup>>;

/** A report the teacher sends at `receivedAt`, decided ("opened") at `decidedAt`; the due bound of each stage. */
async function reportReceivedAndDecided({ world, worker, teacher }: World, receivedAt: Date, decidedAt: Date) {
  const report = await createReport(teacher, world.unit.school.id, {}, receivedAt);
  await recordProtectionAssessment(worker, report.id, "no_immediate_need", receivedAt);
  await recordChildHeard(worker, report.id, true, "");
  const decided = await recordDecision(worker, report.id, decisionInput("opened"), decidedAt);
  expect(decided.ok).toBe(true);
  const rows = await getDb().select().from(basicFeedback).where(eq(basicFeedback.reportId, report.id));
  const due = (stage: FeedbackStage) => rows.find((r) => r.stage === stage)?.dueAt.toISOString();
  return { id: report.id, received: due("received"), decided: due("decided") };
}

async function chooseSettings(w: World, form: Record<string, string>) {
  return callRoute(settingsRoute.action, {
    method: "POST",
    path: "/feedback/texts",
    cookie: await sessionCookieFor(w.coordinator),
    form: { intent: "settings", bothGuardiansRequired: "yes", ...form },
  });
}

describe("basic feedback within working days", () => {
  it("is due by default on the third working day, across Easter 2026", async () => {
    const w = await setup();
    expect(await feedbackSettingsFor(w.world.municipality.id)).toMatchObject({
      responseDays: 3,
      responseDayKind: "working",
    });
    // Received Wed 1 April 10:00: Thu 2 (1), Fri 3 långfredagen, Sat 4, Sun 5 påskdagen, Mon 6 annandag påsk, Tue 7 (2),
    // Wed 8 (3); due before Thu 9 April 00:00 CEST. Decided on Maundy Thursday 2 April 14:00: Tue 7 (1), Wed 8 (2),
    // Thu 9 (3); due before Fri 10 April 00:00 CEST.
    const due = await reportReceivedAndDecided(
      w,
      stockholmInstant("2026-04-01", "10:00"),
      stockholmInstant("2026-04-02", "14:00"),
    );
    expect(due).toMatchObject({ received: "2026-04-08T22:00:00.000Z", decided: "2026-04-09T22:00:00.000Z" });
  });

  it("skips midsummer 2026 and Christmas and New Year 2025–2026", async () => {
    const w = await setup();
    // Decided Thu 18 June 2026: Fri 19 midsommarafton, Sat 20 midsommardagen, Sun 21, Mon 22 (1), Tue 23 (2),
    // Wed 24 (3); due before Thu 25 June 00:00 CEST.
    const midsummer = await reportReceivedAndDecided(
      w,
      stockholmInstant("2026-06-16", "09:00"),
      stockholmInstant("2026-06-18", "16:30"),
    );
    expect(midsummer.decided).toBe("2026-06-24T22:00:00.000Z");
    // Decided Tue 23 Dec 2025: Wed 24 julafton, Thu 25 juldagen, Fri 26 annandag jul, Sat 27, Sun 28, Mon 29 (1),
    // Tue 30 (2), Wed 31 nyårsafton, Thu 1 Jan nyårsdagen, Fri 2 Jan 2026 (3); due before Sat 3 Jan 00:00 CET.
    const christmas = await reportReceivedAndDecided(
      w,
      stockholmInstant("2025-12-22", "08:00"),
      stockholmInstant("2025-12-23", "11:00"),
    );
    expect(christmas.decided).toBe("2026-01-02T23:00:00.000Z");
  });

  it("is due in calendar days, as before, once the coordinators choose them on the settings form", async () => {
    const w = await setup();
    const saved = await chooseSettings(w, { responseDays: "3", responseDayKind: "calendar" });
    expect(saved.status).toBe(302);
    expect(await feedbackSettingsFor(w.world.municipality.id)).toMatchObject({
      responseDays: 3,
      responseDayKind: "calendar",
    });
    const [entry] = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.userId, w.coordinator.id), eq(auditEvents.recordType, "feedback_settings")));
    expect(entry.details).toEqual({ responseDays: 3, responseDayKind: "calendar" });
    // Received Wed 1 April: through Sat 4 April, due before Sun 5 April 00:00 CEST; decided Thu 2 April: through
    // Sun 5 April, due before Mon 6 April 00:00 CEST. Easter counts as any other day.
    const due = await reportReceivedAndDecided(
      w,
      stockholmInstant("2026-04-01", "10:00"),
      stockholmInstant("2026-04-02", "14:00"),
    );
    expect(due).toMatchObject({ received: "2026-04-04T22:00:00.000Z", decided: "2026-04-05T22:00:00.000Z" });

    // And back to working days: the form offers both, and the form shows what is saved.
    expect((await chooseSettings(w, { responseDays: "5", responseDayKind: "working" })).status).toBe(302);
    const page = await callRoute(settingsRoute.loader, {
      path: "/feedback/texts",
      cookie: await sessionCookieFor(w.coordinator),
    });
    expect((page.data as { settings: unknown }).settings).toMatchObject({
      responseDays: 5,
      responseDayKind: "working",
    });
  });

  it("refuses a day kind the form does not offer, and changes nothing", async () => {
    const w = await setup();
    for (const responseDayKind of ["weekdays", "", "Working"]) {
      const refused = await chooseSettings(w, { responseDays: "3", responseDayKind });
      expect(refused.status).toBe(200);
      expect(refused.data).toMatchObject({ intent: "settings", error: "feedback:errors.responseDayKind" });
    }
    const refused = await chooseSettings(w, { responseDays: "3" });
    expect(refused.data).toMatchObject({ error: "feedback:errors.responseDayKind" });
    const rows = await getDb()
      .select()
      .from(feedbackSettings)
      .where(eq(feedbackSettings.municipalityId, w.world.municipality.id));
    expect(rows).toEqual([]);
  });

  it("says on reception's pages whether the feedback deadline counts working or calendar days", async () => {
    const w = await setup();
    const report = await createReport(w.teacher, w.world.unit.school.id);
    const cookie = await sessionCookieFor(w.worker);
    const pages = async () => [
      (await callRoute(dashboardRoute.loader, { path: "/feedback", cookie })).data,
      (
        await callRoute(reportFeedbackRoute.loader, {
          path: `/reports/${report.id}/feedback`,
          params: { reportId: report.id },
          cookie,
        })
      ).data,
    ];
    for (const data of await pages()) expect(data).toMatchObject({ responseTime: { days: 3, kind: "working" } });
    await chooseSettings(w, { responseDays: "10", responseDayKind: "calendar" });
    for (const data of await pages()) expect(data).toMatchObject({ responseTime: { days: 10, kind: "calendar" } });

    // What the pages print from that, in both languages.
    const say = (locale: AppLocale, kind: string, count: number) =>
      i18nFor(locale).getFixedT(locale, "feedback")(`responseTime.${kind}`, { count });
    expect(say("sv", "working", 3)).toContain("3 arbetsdagar");
    expect(say("sv", "working", 1)).toContain("1 arbetsdag ");
    expect(say("sv", "calendar", 10)).toContain("10 kalenderdagar");
    expect(say("en", "working", 3)).toContain("3 working days");
    expect(say("en", "calendar", 1)).toContain("1 calendar day ");
  });
});
