import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { adviceConsultations, auditEvents, messages, reports } from "#db/schema";
import { stockholmDate, stockholmTime } from "~/domain/deadlines";
import { renderMessage } from "~/lib/message-templates.server";
import { CORRECTION_WINDOW_MS } from "~/models/advice.server";
import * as detailRoute from "~/routes/advice.$consultationId";
import * as listRoute from "~/routes/advice._index";
import * as csvRoute from "~/routes/advice[.csv]";
import * as newRoute from "~/routes/advice.new";
import * as unitRoute from "~/routes/units.$unitId";
import { createConsultation, createReport, createUser, createWorld, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";

type Reply = { status?: string; error?: Record<string, string[] | null> };
type World = Awaited<ReturnType<typeof createWorld>>;

function callForm(world: World, overrides: Record<string, string> = {}) {
  const now = new Date(Date.now() - 5 * 60_000);
  return {
    occurredOn: stockholmDate(now),
    occurredTime: stockholmTime(now),
    durationMinutes: "12",
    channel: "phone",
    callerUnit: world.unit.school.name,
    callerRole: "teacher",
    concerns: "neglect",
    ageBand: "6-9",
    summary: "Eleven kommer hungrig och trött flera dagar i veckan.",
    advice: "report_after_observing",
    followUp: "Läraren antecknar med datum och ringer igen.",
    ...overrides,
  };
}

/** The form sent from a fresh page (a new submission key). */
async function log(cookie: string, form: Record<string, string>) {
  const result = await callRoute(newRoute.action, {
    path: "/advice/new",
    cookie,
    method: "POST",
    form: { submissionKey: randomUUID(), ...form },
  });
  return { result, id: result.location?.match(/^\/advice\/([0-9a-f-]{36})/)?.[1] ?? "" };
}

const errorsOf = (r: { data: unknown }) => (r.data as { result: Reply }).result.error ?? {};

describe("logging a consultation", () => {
  it("stores it under a short code and sends the same de-identified advice to a caller who uses the portal", async () => {
    const world = await createWorld();
    const reception = await sessionCookieFor(world.user.reception_worker);
    const { result, id } = await log(reception, callForm(world, { callerEmail: world.user.staff.email }));
    expect(result.location).toBe(`/advice/${id}?notice=adviceLoggedAndSent`);
    const [row] = await getDb().select().from(adviceConsultations).where(eq(adviceConsultations.id, id));
    expect(row).toMatchObject({
      code: expect.stringMatching(/^R-[A-HJKMNP-Z2-9]{4}$/),
      authorId: world.user.reception_worker.id,
      receptionUnitId: world.unit.reception.id,
      callerUnitId: world.unit.school.id,
      callerUserId: world.user.staff.id,
      concerns: ["neglect"],
      durationMinutes: 12,
    });
    const [stored] = await getDb().select().from(messages).where(eq(messages.recipientId, world.user.staff.id));
    expect(stored).toMatchObject({ kind: "advice", template: "advice:message" });
    const message = renderMessage(stored, "sv");
    expect(message.subject).toBe("Råd från mottagningen");
    expect(message.body).toContain(row.code);
    expect(message.body).toContain(row.summary);
    expect(message.body).toContain("Anmäl efter att ha noterat konkreta iakttagelser");
    // Nobody else got it.
    expect(await getDb().select().from(messages).where(eq(messages.recipientId, world.user.principal.id))).toEqual([]);
    const audited = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordId, id), eq(auditEvents.action, "create")));
    expect(audited).toHaveLength(1);
  });

  it("refuses personal identity numbers in every usual spelling, in every free-text field", async () => {
    const world = await createWorld();
    const reception = await sessionCookieFor(world.user.reception_worker);
    for (const number of [
      "121212-1212",
      "19121212-1212",
      "121212 1212",
      "191212121212",
      "1212121212",
      "121212+1212",
      "150574-1234",
    ]) {
      const { result } = await log(reception, callForm(world, { summary: `Barnet, ${number}, har berättat.` }));
      expect(errorsOf(result).summary, number).toEqual(["advice:errors.personalNumber"]);
    }
    const inNote = await log(
      reception,
      callForm(world, { advice: "no_report_needed", adviceNote: "Gäller 121212-1212" }),
    );
    expect(errorsOf(inNote.result).adviceNote).toEqual(["advice:errors.personalNumber"]);
    const inFollowUp = await log(reception, callForm(world, { followUp: "Ring om 20121212-1212" }));
    expect(errorsOf(inFollowUp.result).followUp).toEqual(["advice:errors.personalNumber"]);
    expect(
      await getDb()
        .select()
        .from(adviceConsultations)
        .where(eq(adviceConsultations.municipalityId, world.municipality.id)),
    ).toEqual([]);
  });

  it("warns about what looks like a full name until the worker confirms it is not the family's", async () => {
    const world = await createWorld();
    const reception = await sessionCookieFor(world.user.reception_worker);
    const form = callForm(world, { summary: "Mamman Anna Svensson har hotat personalen." });
    const warned = await log(reception, form);
    expect(errorsOf(warned.result).confirmNoNames).toEqual(["advice:errors.possibleNames"]);
    const confirmed = await log(reception, {
      ...form,
      summary: "Eleven nämnde Västra Hamnen som plats.",
      confirmNoNames: "on",
    });
    expect(confirmed.result.status).toBe(302);
    // Ordinary sentences with one capital letter at the start pass without a question.
    expect(
      (await log(reception, callForm(world, { summary: "Eleven säger att det är bråk hemma." }))).result.status,
    ).toBe(302);
  });

  it("explains what is missing, all at once, and refuses unknown units and callers", async () => {
    const world = await createWorld();
    const reception = await sessionCookieFor(world.user.reception_worker);
    const empty = await log(reception, { occurredOn: "", occurredTime: "", callerUnit: "", summary: "" });
    expect(errorsOf(empty.result)).toMatchObject({
      occurredOn: ["advice:errors.dateRequired"],
      occurredTime: ["advice:errors.timeRequired"],
      callerRole: ["advice:errors.callerRoleRequired"],
      concerns: ["advice:errors.concernRequired"],
      summary: ["advice:errors.summaryRequired"],
      advice: ["advice:errors.adviceRequired"],
    });
    const noReason = await log(reception, callForm(world, { advice: "no_report_needed" }));
    expect(errorsOf(noReason.result).adviceNote).toEqual(["advice:errors.adviceNoteRequired"]);
    const unknown = await log(
      reception,
      callForm(world, { callerUnit: "Finns inte skolan", callerEmail: "okand@example.test" }),
    );
    expect(errorsOf(unknown.result)).toMatchObject({
      callerUnit: ["advice:errors.unknownUnit"],
      callerEmail: ["advice:errors.unknownCaller"],
    });
  });
});

describe("codes", () => {
  it("are unique within a municipality: a clash is retried with a new code", async () => {
    const world = await createWorld();
    const other = await createWorld("Annanstad");
    const codes = ["R-AAAA", "R-AAAA", "R-BBBB"];
    const next = () => codes.shift()!;
    const first = await createConsultation(world.user.reception_worker, {}, next);
    const second = await createConsultation(world.user.reception_worker, {}, next);
    expect([first.code, second.code]).toEqual(["R-AAAA", "R-BBBB"]);
    // Another municipality may use the same code.
    expect((await createConsultation(other.user.reception_worker, {}, () => "R-AAAA")).code).toBe("R-AAAA");
  });

  it("link a report that quotes one to the consultation, for the list and the statistics", async () => {
    const world = await createWorld();
    const consultation = await createConsultation(world.user.reception_worker, { callerUnitId: world.unit.school.id });
    const unfollowed = await createConsultation(world.user.reception_worker, { callerUnitId: world.unit.school.id });
    const report = await createReport(world.user.staff, world.unit.school.id, {
      adviceCode: consultation.code.toLowerCase(),
    });
    const [row] = await getDb().select().from(reports).where(eq(reports.id, report.id));
    expect(row.adviceConsultationId).toBe(consultation.id);

    const reception = await sessionCookieFor(world.user.reception_worker);
    const list = async (query: string) =>
      (
        (await callRoute(listRoute.loader, { path: `/advice?${query}`, cookie: reception })).data as {
          rows: { id: string }[];
        }
      ).rows.map((r) => r.id);
    expect(await list("followed=yes")).toEqual([consultation.id]);
    expect(await list("followed=no")).toEqual([unfollowed.id]);
    const detail = await callRoute(detailRoute.loader, {
      path: `/advice/${consultation.id}`,
      params: { consultationId: consultation.id },
      cookie: reception,
    });
    expect((detail.data as { linkedReports: { id: string }[] }).linkedReports.map((r) => r.id)).toEqual([report.id]);

    const unit = await callRoute(unitRoute.loader, {
      path: `/units/${world.unit.school.id}`,
      params: { unitId: world.unit.school.id },
      cookie: reception,
    });
    const activity = unit.data as {
      consultations: { id: string; followedByReport: boolean }[];
      reports: { id: string }[];
    };
    expect(activity.consultations.map((c) => [c.id, c.followedByReport]).sort()).toEqual(
      [
        [consultation.id, true],
        [unfollowed.id, false],
      ].sort(),
    );
    expect(activity.reports.map((r) => r.id)).toEqual([report.id]);
  });
});

describe("corrections", () => {
  it("lets the author correct for 24 hours; after that, and for others, only amendments with who and when", async () => {
    const world = await createWorld();
    const colleague = await createUser({
      municipalityId: world.municipality.id,
      unitId: world.unit.reception.id,
      role: "reception_worker",
    });
    const author = await sessionCookieFor(world.user.reception_worker);
    const { id } = await log(author, callForm(world));
    const post = (cookie: string, form: Record<string, string>) =>
      callRoute(detailRoute.action, {
        path: `/advice/${id}`,
        params: { consultationId: id },
        cookie,
        method: "POST",
        form: { submissionKey: randomUUID(), ...form },
      });

    const corrected = await post(author, callForm(world, { summary: "Rättad sammanfattning utan namn." }));
    expect(corrected.location).toBe(`/advice/${id}?notice=saved`);
    const byOther = await post(
      await sessionCookieFor(colleague),
      callForm(world, { summary: "Någon annans rättelse." }),
    );
    expect(byOther.data).toEqual({ intent: "correct", error: "advice:errors.correctionClosed" });

    await getDb()
      .update(adviceConsultations)
      .set({ createdAt: new Date(Date.now() - CORRECTION_WINDOW_MS - 60_000) })
      .where(eq(adviceConsultations.id, id));
    const late = await post(author, callForm(world, { summary: "För sent." }));
    expect(late.data).toEqual({ intent: "correct", error: "advice:errors.correctionClosed" });
    const [row] = await getDb().select().from(adviceConsultations).where(eq(adviceConsultations.id, id));
    expect(row.summary).toBe("Rättad sammanfattning utan namn.");

    expect((await post(author, { intent: "amend", text: "Gäller 121212-1212" })).data).toMatchObject({
      error: "advice:errors.personalNumber",
    });
    expect((await post(author, { intent: "amend", text: "Pappan Erik Andersson ringde." })).data).toMatchObject({
      error: "advice:errors.possibleNames",
    });
    expect(
      (await post(author, { intent: "amend", text: "Uppringaren hörde av sig igen: anmälan är gjord." })).location,
    ).toBe(`/advice/${id}?notice=amendmentAdded`);
    const detail = await callRoute(detailRoute.loader, {
      path: `/advice/${id}`,
      params: { consultationId: id },
      cookie: author,
    });
    const data = detail.data as {
      editable: boolean;
      amendments: { text: string; authorName: string; createdAt: string }[];
    };
    expect(data.editable).toBe(false);
    expect(data.amendments).toEqual([
      expect.objectContaining({
        text: "Uppringaren hörde av sig igen: anmälan är gjord.",
        authorName: world.user.reception_worker.name,
      }),
    ]);
  });
});

describe("the list and the CSV", () => {
  it("show only the municipality's consultations, filtered", async () => {
    const world = await createWorld();
    const other = await createWorld("Annanstad");
    const acute = await createConsultation(world.user.reception_worker, {
      acute: true,
      concerns: ["sexual_abuse"],
      callerUnitId: world.unit.preschool.id,
    });
    const calm = await createConsultation(world.user.reception_worker, {
      concerns: ["neglect"],
      callerUnitId: world.unit.school.id,
    });
    await createConsultation(other.user.reception_worker);
    const reception = await sessionCookieFor(world.user.reception_worker);
    const ids = async (query: string) =>
      (
        (await callRoute(listRoute.loader, { path: `/advice?${query}`, cookie: reception })).data as {
          rows: { id: string }[];
        }
      ).rows
        .map((r) => r.id)
        .sort();
    expect(await ids("")).toEqual([acute.id, calm.id].sort());
    expect(await ids("acute=yes")).toEqual([acute.id]);
    expect(await ids("concern=neglect")).toEqual([calm.id]);
    expect(await ids("unitKind=preschool")).toEqual([acute.id]);
    expect(await ids(`unitId=${world.unit.school.id}`)).toEqual([calm.id]);
    expect(await ids("advice=report_now")).toEqual([]);
    expect(await ids(`from=${stockholmDate(new Date(Date.now() + 2 * 86_400_000))}`)).toEqual([]);
  });

  it("exports exactly the de-identified fields, with formulas defused", async () => {
    const world = await createWorld();
    const reception = await sessionCookieFor(world.user.reception_worker);
    await log(
      reception,
      callForm(world, { summary: '=HYPERLINK("http://x") står i texten', callerEmail: world.user.staff.email }),
    );
    const response = await csvRoute.loader({
      request: new Request("http://localhost/advice.csv", { headers: { Cookie: reception } }),
      params: {},
      context: { requestId: "csv-test", nonce: "n", clientIp: "127.0.0.1" },
    });
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const text = (await response.text()).replace(/^\uFEFF/, "");
    const [header, line] = text.trim().split("\n");
    expect(header.split(",")).toEqual([...csvRoute.adviceCsvColumns]);
    expect(line).toContain(world.unit.school.name);
    expect(line).toContain("'=HYPERLINK");
    for (const personal of [world.user.reception_worker.name, world.user.staff.name, world.user.staff.email]) {
      expect(text).not.toContain(personal);
    }
  });
});
