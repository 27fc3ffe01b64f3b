import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { messages, outboxEmails, reports, users } from "#db/schema";
import { stockholmInstant } from "~/domain/deadlines";
import { deliverMessage } from "~/models/inbox.server";
import { requestSupplement } from "~/models/report.server";
import { getCurrentUser } from "~/models/user.server";
import * as homeRoute from "~/routes/_index";
import * as messageRoute from "~/routes/inbox.$messageId";
import * as inboxRoute from "~/routes/inbox._index";
import { createReport, createWorld, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";

type ListData = { messages: { id: string; subject: string }[] };
type MessageData = { message: { subject: string; body: string } };

/** A teacher who reads in Swedish, with a report received on 1 December 2026 and reception's question about it. */
async function setup() {
  const world = await createWorld();
  const m = world.municipality.id;
  await getDb().update(users).set({ locale: "sv" }).where(eq(users.id, world.user.staff.id));
  const teacher = (await getCurrentUser(world.user.staff.id, m))!;
  const worker = (await getCurrentUser(world.user.reception_worker.id, m))!;
  const received = stockholmInstant("2026-12-01", "10:00");
  const created = await createReport(teacher, world.unit.school.id, {}, received);
  const [report] = await getDb().select().from(reports).where(eq(reports.id, created.id));
  expect(await requestSupplement(worker, report, { question: "När såg du det första gången?" })).toBe("asked");
  const cookie = await sessionCookieFor(teacher);
  const inbox = async () => (await callRoute(inboxRoute.loader, { path: "/inbox", cookie })).data as ListData;
  const open = async (id: string) =>
    (await callRoute(messageRoute.loader, { path: `/inbox/${id}`, params: { messageId: id }, cookie }))
      .data as MessageData;
  return { world, teacher, report, cookie, inbox, open };
}

describe("inbox messages in the reader's language", () => {
  it("shows a message sent to a Swedish reader in English once they switch, listed and opened", async () => {
    const { teacher, report, cookie, inbox, open } = await setup();
    const swedish = await inbox();
    expect(swedish.messages.map((m) => m.subject).sort()).toEqual([
      `Mottagningen behöver veta mer om anmälan ${report.reference}`,
      `Återkoppling på anmälan ${report.reference}`,
    ]);

    await getDb().update(users).set({ locale: "en" }).where(eq(users.id, teacher.id));

    const english = await inbox();
    expect(english.messages.map((m) => m.subject).sort()).toEqual([
      `Feedback on report ${report.reference}`,
      `Reception needs to know more about report ${report.reference}`,
    ]);
    const home = (await callRoute(homeRoute.loader, { path: "/", cookie })).data as { unread: { subject: string }[] };
    expect(home.unread.map((m) => m.subject).sort()).toEqual(english.messages.map((m) => m.subject).sort());

    const feedback = english.messages.find((m) => m.subject.startsWith("Feedback"))!;
    const opened = await open(feedback.id);
    expect(opened.message.subject).toBe(`Feedback on report ${report.reference}`);
    // The day the report was received, written the English way.
    expect(opened.message.body).toBe(
      `Social services received your report ${report.reference} on 1 December 2026. Reception assesses the ` +
        "child's need for protection the same or the next day and decides within 14 days whether to open an " +
        "investigation. You will be told here when that decision is made.",
    );
    const question = english.messages.find((m) => m.subject.startsWith("Reception"))!;
    expect((await open(question.id)).message.body).toBe(
      "Social services' reception has a question about your report. Open the report and answer under Supplements.",
    );

    // And back: nothing of the first reading was kept.
    await getDb().update(users).set({ locale: "sv" }).where(eq(users.id, teacher.id));
    expect((await open(feedback.id)).message.body).toContain("den 1 december 2026");
  });

  it("stores a template and its parameters, not words, and no more than the message shows", async () => {
    const { teacher, report } = await setup();
    const stored = await getDb()
      .select({ template: messages.template, params: messages.params, subject: messages.subject, body: messages.body })
      .from(messages)
      .where(eq(messages.recipientId, teacher.id));
    expect(stored).toEqual(
      expect.arrayContaining([
        {
          template: "feedback:basic",
          params: { text: "received", reference: report.reference, date: "2026-12-01" },
          subject: null,
          body: null,
        },
        {
          template: "reports:supplementRequest",
          params: { reference: report.reference },
          subject: null,
          body: null,
        },
      ]),
    );
    // The question itself stays on the report, behind the reporter's sign-in.
    expect(JSON.stringify(stored)).not.toContain("När såg du");
  });

  it("shows a message stored as text, from before templates, as it was written", async () => {
    const { world, cookie, open } = await setup();
    const [old] = await getDb()
      .insert(messages)
      .values({
        municipalityId: world.municipality.id,
        recipientId: world.user.staff.id,
        kind: "system",
        subject: "Gammalt meddelande",
        body: "Skrivet på svenska.\n\nAndra stycket.",
      })
      .returning();
    await getDb().update(users).set({ locale: "en" }).where(eq(users.id, world.user.staff.id));
    expect((await open(old.id)).message).toMatchObject({
      subject: "Gammalt meddelande",
      body: "Skrivet på svenska.\n\nAndra stycket.",
    });
    const list = (await callRoute(inboxRoute.loader, { path: "/inbox", cookie })).data as ListData;
    expect(list.messages.find((m) => m.id === old.id)?.subject).toBe("Gammalt meddelande");
  });

  it("refuses a message with neither a template nor its text", async () => {
    const { world } = await setup();
    const insert = getDb()
      .insert(messages)
      .values({ municipalityId: world.municipality.id, recipientId: world.user.staff.id, kind: "system" });
    await expect(insert).rejects.toThrow();
  });

  it("words the e-mail notice in the language the recipient has when it is queued", async () => {
    const { world } = await setup();
    await getDb().update(users).set({ locale: "en" }).where(eq(users.id, world.user.principal.id));
    // The setup's report already told the school's principal, in Swedish, when the locale was still unset.
    await getDb().delete(outboxEmails).where(eq(outboxEmails.recipientId, world.user.principal.id));
    await deliverMessage({
      municipalityId: world.municipality.id,
      recipientId: world.user.principal.id,
      template: "inbox:templates.welcome",
      params: {},
      notify: true,
    });
    const [mail] = await getDb()
      .select()
      .from(outboxEmails)
      .where(eq(outboxEmails.recipientId, world.user.principal.id));
    expect(mail.subject).toBe("New message in Tillsammans");
  });
});
