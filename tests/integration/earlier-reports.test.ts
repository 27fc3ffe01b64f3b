import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, reportEvents, reports } from "#db/schema";
import { addCalendarDays, stockholmDate } from "~/domain/deadlines";
import { concernKindsOf, setReportKinds } from "~/models/concern-kinds.server";
import { knownBefore } from "~/models/earlier-reports.server";
import { getCurrentUser } from "~/models/user.server";
import * as detailRoute from "~/routes/reports.$reportId";
import * as linksRoute from "~/routes/reports.$reportId.links";
import * as newRoute from "~/routes/reports.new";
import * as registerRoute from "~/routes/reports.register";
import { createWorld, sessionCookieFor } from "../factories";
import { openedRow } from "../sealed";
import { callRoute } from "../routes";

type World = Awaited<ReturnType<typeof createWorld>>;
interface HistoryEntry {
  id: string;
  reference: string;
  receivedAt: string;
  decision: string | null;
  kinds: { code: string }[];
  when: "earlier" | "later";
  linkedBy: "number" | "hand";
}
interface History {
  knownBefore: boolean;
  earlierCount: number;
  reports: HistoryEntry[];
}

const today = () => stockholmDate(new Date());

/** A report registered by reception (a police report), received `daysAgo` days ago at nine. */
async function registered(world: World, child: { number?: string; birthDate?: string }, daysAgo: number) {
  const result = await callRoute(registerRoute.action, {
    path: "/reports/register",
    cookie: await sessionCookieFor(world.user.reception_worker),
    method: "POST",
    form: {
      submissionKey: randomUUID(),
      channel: "police",
      receivedOn: addCalendarDays(today(), -daysAgo),
      receivedTime: "09:00",
      reporterName: "Polisen, Region Syd",
      reporterPhone: "114 14",
      childName: "Registrerat barn",
      childPersonalNumber: child.number ?? "",
      childBirthDate: child.birthDate ?? "",
      observations: "Polisen kallades till hemmet en sen kväll.",
    },
  });
  expect(result.status, JSON.stringify(result.data)).toBe(302);
  return rowOf(result.location?.match(/^\/reports\/([0-9a-f-]{36})\?/)?.[1] ?? "");
}

/** A report sent in the portal by the school's staff member, received now. */
async function submitted(world: World, number: string) {
  const result = await callRoute(newRoute.action, {
    path: "/reports/new",
    cookie: await sessionCookieFor(world.user.staff),
    method: "POST",
    form: {
      draftId: randomUUID(),
      intent: "submit",
      unitId: world.unit.school.id,
      childName: "Saga Testsson",
      childPersonalNumber: number,
      childBirthDate: "",
      observedOn: addCalendarDays(today(), -1),
      observations: "Saga kom till skolan med ett blåmärke på kinden.",
      guardian1Name: "Vårdnadshavare Ett",
      guardian1Informed: "yes",
      observedBy: "me",
      reporterPhone: "0123-45 12 01",
    },
  });
  expect(result.status).toBe(302);
  return rowOf(result.location?.match(/^\/reports\/([0-9a-f-]{36})\/receipt$/)?.[1] ?? "");
}

// Opened: the child's identity is sealed where it is stored (decision 021).
const rowOf = async (id: string) => openedRow((await getDb().select().from(reports).where(eq(reports.id, id)))[0]);

const requestIds = new Map<string, string>();
/** The report page as `role` gets it; the request id is kept to find the page's audit entries. */
async function page(world: World, role: keyof World["user"], reportId: string) {
  const requestId = `history-${randomUUID()}`;
  const result = await callRoute(detailRoute.loader, {
    path: `/reports/${reportId}`,
    params: { reportId },
    cookie: await sessionCookieFor(world.user[role]),
    context: { requestId },
  });
  expect(result.status).toBe(200);
  requestIds.set(reportId, requestId);
  return { data: result.data as { view: string; history?: History | null }, requestId };
}
const historyOf = async (
  world: World,
  reportId: string,
  role: "reception_worker" | "investigator" = "investigator",
) => {
  const { data } = await page(world, role, reportId);
  expect(data.view).toBe("case");
  return data.history as History;
};
const shown = (h: History) => h.reports.map((r) => [r.reference, r.when, r.linkedBy]);

const post = async (world: World, reportId: string, form: Record<string, string>, role = "reception_worker" as const) =>
  callRoute(linksRoute.action, {
    path: `/reports/${reportId}/links`,
    params: { reportId },
    cookie: await sessionCookieFor(world.user[role]),
    method: "POST",
    form,
  });
const errorOf = (result: { data: unknown }) => (result.data as { error?: string } | undefined)?.error;

describe("earlier reports about the same child", () => {
  let world: World;
  let other: World;
  let first: typeof reports.$inferSelect;
  let second: typeof reports.$inferSelect;
  let elsewhere: typeof reports.$inferSelect;
  let unrelated: typeof reports.$inferSelect;

  beforeAll(async () => {
    world = await createWorld("Historikstad");
    other = await createWorld("Grannstad");
    // The same child, typed two ways: ten digits with a dash at registration, twelve without in the portal.
    first = await registered(world, { number: "121212-1212" }, 10);
    second = await submitted(world, "201212121212");
    // The same number in another municipality, and another child here.
    elsewhere = await registered(other, { number: "20121212-1212" }, 20);
    unrelated = await registered(world, { number: "20100101-0105" }, 5);
  });

  it("stores both numbers in one normalised form, which is what the match compares", () => {
    expect(first.childPersonalNumber).toBe("20121212-1212");
    expect(second.childPersonalNumber).toBe("20121212-1212");
  });

  it("shows social services the municipality's other reports about the child, earlier and later, with a count", async () => {
    // The earlier report's kinds of concern, as reception set them.
    const worker = (await getCurrentUser(world.user.reception_worker.id, world.municipality.id))!;
    const kinds = await concernKindsOf(worker);
    const wanted = kinds.filter((k) => k.code === "neglect" || k.code === "physical_violence");
    expect(
      await setReportKinds(
        worker,
        first,
        wanted.map((k) => k.id),
      ),
    ).toEqual({ ok: true });
    const later = await historyOf(world, second.id, "reception_worker");
    expect(shown(later)).toEqual([[first.reference, "earlier", "number"]]);
    expect(later).toMatchObject({ earlierCount: 1, knownBefore: true });
    expect(later.reports[0]).toMatchObject({
      id: first.id,
      decision: null,
      receivedAt: first.receivedAt.toISOString(),
    });
    expect(later.reports[0].kinds.map((k) => k.code)).toEqual(["physical_violence", "neglect"]);

    const earlier = await historyOf(world, first.id);
    expect(shown(earlier)).toEqual([[second.reference, "later", "number"]]);
    expect(earlier).toMatchObject({ earlierCount: 0, knownBefore: false });

    expect((await historyOf(world, unrelated.id)).reports).toEqual([]);
  });

  it("never links across a municipality", async () => {
    const there = await historyOf(other, elsewhere.id);
    expect(there).toEqual({ knownBefore: false, earlierCount: 0, reports: [] });
    for (const id of [first.id, second.id]) {
      const here = await historyOf(world, id);
      expect(here.reports.map((r) => r.id)).not.toContain(elsewhere.id);
    }
    expect(await knownBefore(elsewhere)).toBe(false);
    // The other municipality's report with the number is older than any here: it makes no child known here.
    expect(elsewhere.receivedAt < first.receivedAt).toBe(true);
    expect(await knownBefore(first)).toBe(false);
  });

  it("shows school staff nothing of it: their page's data holds no history", async () => {
    for (const role of ["staff", "principal"] as const) {
      const { data } = await page(world, role, second.id);
      expect(data.view).toBe("reporter");
      expect(data).not.toHaveProperty("history");
      const text = JSON.stringify(data);
      expect(text).not.toContain(first.id);
      expect(text).not.toContain(first.reference);
    }
  });

  it("audits each look: one read entry per report shown, naming the report it was shown from", async () => {
    const { requestId } = await page(world, "reception_worker", second.id);
    const entries = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.requestId, requestId), eq(auditEvents.action, "read")))
      .orderBy(asc(auditEvents.id));
    expect(entries.map((e) => [e.recordType, e.recordId, e.details])).toEqual([
      ["report", first.id, { view: "history", from: second.id }],
      ["report", second.id, { view: "case" }],
    ]);
    expect(entries[0]).toMatchObject({ userId: world.user.reception_worker.id, municipalityId: world.municipality.id });
    // Nothing shown, nothing audited beyond the page itself.
    const none = await page(world, "reception_worker", unrelated.id);
    const noneEntries = await getDb().select().from(auditEvents).where(eq(auditEvents.requestId, none.requestId));
    expect(noneEntries.map((e) => e.recordId)).toEqual([unrelated.id]);
  });

  it("knownBefore: an earlier report about the same child exists", async () => {
    expect(await knownBefore(second)).toBe(true);
    expect(await knownBefore(first)).toBe(false);
    expect(await knownBefore(unrelated)).toBe(false);
  });

  it("links a report registered without a number by hand, shows it from both sides, and unlinks it", async () => {
    const numberless = await registered(world, { birthDate: "2012-12-12" }, 1);
    expect(numberless.childPersonalNumber).toBeNull();
    expect(await historyOf(world, numberless.id)).toEqual({ knownBefore: false, earlierCount: 0, reports: [] });

    // Typed as people type it: lower case, spaces around.
    const linked = await post(world, numberless.id, {
      intent: "link",
      reference: `  ${first.reference.toLowerCase()} `,
    });
    expect(linked).toMatchObject({ status: 302, location: `/reports/${numberless.id}?notice=reportLinked` });
    // The link says it is the same child: its number brings the child's other reports along.
    const here = await historyOf(world, numberless.id);
    expect(shown(here)).toEqual([
      [second.reference, "later", "number"],
      [first.reference, "earlier", "hand"],
    ]);
    expect(here).toMatchObject({ earlierCount: 1, knownBefore: true });
    expect(await knownBefore(numberless)).toBe(true);
    expect(shown(await historyOf(world, first.id))).toEqual([
      [second.reference, "later", "number"],
      [numberless.reference, "later", "hand"],
    ]);
    // The link is a change to both reports: in each one's history and the audit log, in the same transaction.
    for (const [report, otherId] of [
      [numberless, first.id],
      [first, numberless.id],
    ] as const) {
      const events = await getDb().select().from(reportEvents).where(eq(reportEvents.reportId, report.id));
      expect(events.filter((e) => e.kind === "linked").map((e) => e.details)).toEqual([{ reportId: otherId }]);
      const audited = await getDb()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.recordId, report.id), eq(auditEvents.action, "update")));
      expect(audited.map((a) => a.details)).toContainEqual({ change: "linked", reportId: otherId });
    }

    // A second send of the same link changes nothing and writes nothing.
    const again = await post(world, numberless.id, { intent: "link", reference: first.reference });
    expect(again.status).toBe(302);
    const events = await getDb().select().from(reportEvents).where(eq(reportEvents.reportId, numberless.id));
    expect(events.filter((e) => e.kind === "linked")).toHaveLength(1);

    // Unlinked from the other side.
    const unlinked = await post(world, first.id, { intent: "unlink", linkedReportId: numberless.id });
    expect(unlinked).toMatchObject({ status: 302, location: `/reports/${first.id}?notice=reportUnlinked` });
    expect(await historyOf(world, numberless.id)).toEqual({ knownBefore: false, earlierCount: 0, reports: [] });
    expect(shown(await historyOf(world, first.id))).toEqual([[second.reference, "later", "number"]]);
    expect(await knownBefore(numberless)).toBe(false);
    const unlinkEvents = await getDb().select().from(reportEvents).where(eq(reportEvents.reportId, numberless.id));
    expect(unlinkEvents.filter((e) => e.kind === "unlinked").map((e) => e.details)).toEqual([{ reportId: first.id }]);
    // Nothing left to unlink: said so, nothing written.
    const twice = await post(world, first.id, { intent: "unlink", linkedReportId: numberless.id });
    expect(errorOf(twice)).toBe("reports:history.errors.notLinked");
  });

  it("refuses a link to another municipality's report, to the report itself, and to an unknown reference", async () => {
    const numberless = await registered(world, { birthDate: "2013-03-03" }, 2);
    const ours = new Set(
      (await getDb().select().from(reports).where(eq(reports.municipalityId, world.municipality.id))).map(
        (r) => r.reference,
      ),
    );
    // Another municipality's reference that no report here has.
    for (let i = 0; i < 6; i++) await registered(other, { birthDate: "2014-04-04" }, 1);
    const theirs = (await getDb().select().from(reports).where(eq(reports.municipalityId, other.municipality.id)))
      .map((r) => r.reference)
      .find((ref) => !ours.has(ref));
    expect(theirs).toBeTruthy();
    for (const [reference, error] of [
      [theirs!, "reports:history.errors.notFound"],
      ["ORO-1999-9999", "reports:history.errors.notFound"],
      [numberless.reference, "reports:history.errors.self"],
      ["", "reports:history.errors.referenceRequired"],
    ] as const) {
      const result = await post(world, numberless.id, { intent: "link", reference });
      expect(result.status, reference).toBe(200);
      expect(errorOf(result), reference).toBe(error);
    }
    // Two reports with the same number are linked already: no hand link on top.
    const sameNumber = await post(world, second.id, { intent: "link", reference: first.reference });
    expect(errorOf(sameNumber)).toBe("reports:history.errors.sameNumber");
    expect((await historyOf(world, numberless.id)).reports).toEqual([]);
  });

  it("lets only social services link: school staff are refused, another municipality's report is not found", async () => {
    const staff = await callRoute(linksRoute.action, {
      path: `/reports/${second.id}/links`,
      params: { reportId: second.id },
      cookie: await sessionCookieFor(world.user.staff),
      method: "POST",
      form: { intent: "link", reference: first.reference },
    });
    expect(staff.status).toBe(403);
    const foreign = await post(world, elsewhere.id, { intent: "link", reference: first.reference });
    expect(foreign.status).toBe(404);
  });
});
