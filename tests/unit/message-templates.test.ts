import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { supportedLocales } from "~/lib/i18n";
import {
  kindOf,
  messageTemplates,
  renderMessage,
  renderTemplate,
  type MessageTemplate,
  type MessageTemplates,
} from "~/lib/message-templates.server";

const meeting = {
  startsAt: "2026-03-30T08:00:00.000Z",
  place: "Mottagningen, rum 3",
  form: "in_person",
  reference: "ORO-2026-0012",
} as const;
const training = { title: "Anmälningsplikten", startsAt: "2026-11-24T13:00:00.000Z" };

/** Parameters for every template (the type makes a new template need its own). */
const samples: { [K in MessageTemplate]: MessageTemplates[K] } = {
  "inbox:templates.welcome": {},
  "admin:proposalMessages.approved": {
    change: "grant_role",
    role: "reception_worker",
    unit: "Mottagningen",
    user: "Greta Andersson",
  },
  "admin:proposalMessages.rejected": { change: "reset_password", user: "Greta Andersson" },
  "inbox:templates.reportSubmitted": { reference: "ORO-2026-0012", unit: "Solrosens förskola" },
  "advice:message": {
    occurredAt: "2026-11-23T23:30:00.000Z",
    advice: "report_after_observing",
    adviceNote: "ring igen vid behov",
    summary: "Ett barn hämtas ofta sent.",
    followUp: "Anteckningar i två veckor.",
    code: "R-7K3Q",
    articles: [{ slug: "reporting-duty", title: { sv: "Anmälningsplikten", en: "The duty to report" } }],
  },
  "feedback:basic": { text: "opened", reference: "ORO-2026-0001", date: "2026-12-01" },
  "feedback:extended": {},
  "reports:supplementRequest": { reference: "ORO-2026-0001" },
  "survey:invitation": { reference: "ORO-2026-0001" },
  "reports:decisionReturned": { reference: "ORO-2026-0001", lead: "Maria Gruppledare" },
  "reviews:notices.assigned": { month: "2026-11", cases: 3 },
  "reviews:notices.deviation": { month: "2026-11", item: "child_heard", dueOn: "2026-12-20" },
  "meetings:mail.invited": meeting,
  "meetings:mail.rescheduled": meeting,
  "meetings:mail.cancelled": meeting,
  "meetings:mail.reminder": meeting,
  "meetings:mail.answered": {
    reference: "ORO-2026-0012",
    answer: "proposed",
    invitee: "Johan Berg",
    startsAt: "2026-03-30T08:00:00.000Z",
    proposedStartsAt: "2026-03-31T12:00:00.000Z",
  },
  "trainings:notices.changed": training,
  "trainings:notices.cancelled": training,
  "trainings:notices.promoted": training,
  "trainings:notices.registeredByPrincipal": training,
  "trainings:notices.announced": training,
  "checkIns:mail.invited": { unit: "Solrosens förskola", plannedFor: "2027-03-10" },
  "checkIns:mail.cancelled": { unit: "Solrosens förskola", plannedFor: "2027-03-10" },
};

/** A namespace's file: checkIns is check-ins.json. */
const texts = (locale: string, namespace: string) => {
  const file = namespace.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return JSON.parse(readFileSync(path.resolve("locales", locale, `${file}.json`), "utf8")) as Record<string, unknown>;
};

function lookup(dict: unknown, key: string) {
  return key.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as never)[k] : undefined), dict);
}

describe("message templates", () => {
  it.each(messageTemplates)("%s: is a key in both languages' texts and words subject and body in each", (template) => {
    const [namespace, key] = template.split(":");
    for (const locale of supportedLocales) expect(lookup(texts(locale, namespace), key), locale).toBeTypeOf("object");
    const [sv, en] = supportedLocales.map((locale) => renderTemplate(template, samples[template] as never, locale));
    for (const words of [sv, en]) {
      for (const text of [words.subject, words.body]) {
        expect(text.trim()).not.toBe("");
        // A missing key comes back as the key itself; a missing value as its placeholder.
        expect(text).not.toMatch(
          /\{\{|\{reference\}|\{date\}|undefined|Invalid Date|\b[a-z]+\.[a-z]+[A-Za-z]*\.[a-z]/i,
        );
        expect(text).not.toContain(`${key}.`);
      }
    }
    // English falls back to Swedish where a text is missing: the two must differ.
    expect(en.subject).not.toBe(sv.subject);
    expect(en.body).not.toBe(sv.body);
    expect(kindOf(template)).toMatch(/^(system|advice|invitation|feedback|training)$/);
  });

  it("writes dates in Swedish time, the reader's way", () => {
    const invited = (locale: "sv" | "en") => renderTemplate("meetings:mail.invited", meeting, locale).body;
    // 08:00 UTC on 30 March 2026 is 10:00 summer time in Stockholm.
    expect(invited("sv")).toContain("30 mars 2026 10:00 (Mottagningen, rum 3)");
    expect(invited("en")).toContain("30 Mar 2026, 10:00 (Mottagningen, rum 3)");
    const advice = (locale: "sv" | "en") => renderTemplate("advice:message", samples["advice:message"], locale).body;
    // 23:30 UTC in November is half past midnight the next day in Stockholm.
    expect(advice("sv")).toContain("24 nov. 2026 00:30");
    expect(advice("en")).toContain("The duty to report");
    expect(advice("sv")).toContain("Anmälningsplikten");
    const feedback = (locale: "sv" | "en") => renderTemplate("feedback:basic", samples["feedback:basic"], locale).body;
    expect(feedback("sv")).toContain("den 1 december 2026");
    expect(feedback("en")).toContain("On 1 December 2026");
  });

  it("tells that an investigation was closed under a subject of its own, and nothing of how", () => {
    const params = { text: "investigation_closed", reference: "ORO-2026-0001", date: "2026-12-01" } as const;
    const sv = renderTemplate("feedback:basic", params, "sv");
    expect(sv.subject).toBe("Utredningen efter anmälan ORO-2026-0001 är avslutad");
    expect(sv.body).toContain("den 1 december 2026 avslutat utredningen");
    const en = renderTemplate("feedback:basic", params, "en");
    expect(en.subject).toBe("The investigation after report ORO-2026-0001 has been closed");
    expect(en.body).toContain("On 1 December 2026 social services closed the investigation");
  });

  it("takes only the parameters a template names, in their types, when written and when read", () => {
    // @ts-expect-error: a meeting's time is an ISO string, as stored, not a Date
    expect(() => renderTemplate("meetings:mail.invited", { ...meeting, startsAt: new Date() }, "sv")).toThrow();
    // @ts-expect-error: a training notice has no reference
    expect(() => renderTemplate("trainings:notices.changed", { reference: "ORO-1" }, "sv")).toThrow();
  });

  it("names the report by its reference, and still reads a meeting message stored before it did", () => {
    for (const change of ["invited", "rescheduled", "cancelled", "reminder"] as const) {
      const template = `meetings:mail.${change}` as const;
      for (const locale of supportedLocales) {
        expect(renderTemplate(template, meeting, locale).subject).toContain("ORO-2026-0012");
        const { reference: _, ...stored } = meeting;
        const old = renderMessage({ template, params: stored, subject: null, body: null }, locale);
        expect(old.subject.trim()).not.toBe("");
        expect(old.subject).not.toMatch(/\{\{|undefined|ORO/);
        expect(old.body).toContain(locale === "sv" ? "30 mars 2026" : "30 Mar 2026");
      }
    }
  });

  it("words each answer reception is told of, the proposed time and the colleague included", () => {
    const answered = samples["meetings:mail.answered"];
    const proposed = renderTemplate("meetings:mail.answered", answered, "sv");
    expect(proposed.subject).toContain("ORO-2026-0012");
    expect(proposed.body).toContain("Johan Berg");
    expect(proposed.body).toContain("31 mars 2026 14:00");
    const declined = { ...answered, answer: "declined", proposedStartsAt: undefined } as const;
    const handed = { ...answered, answer: "handed_over", proposedStartsAt: undefined, colleague: "Eva Ek" } as const;
    for (const locale of supportedLocales) {
      const words = [declined, handed].map((p) => renderTemplate("meetings:mail.answered", p, locale));
      expect(new Set([proposed.subject, ...words.map((w) => w.subject)]).size).toBe(3);
      expect(words[1].body).toContain("Eva Ek");
    }
  });

  it("names the form of a meeting without a place", () => {
    const body = renderTemplate("meetings:mail.invited", { ...meeting, place: null, form: "video" }, "en").body;
    expect(body).toContain("(Video)");
  });

  it("uses the municipality's own feedback text, in the reader's language", () => {
    const own = { sv: "Egen text om {reference} från {date}.", en: "Own text on {reference} from {date}." };
    const params = { ...samples["feedback:basic"], own };
    expect(renderTemplate("feedback:basic", params, "sv").body).toBe(
      "Egen text om ORO-2026-0001 från 1 december 2026.",
    );
    expect(renderTemplate("feedback:basic", params, "en").body).toBe("Own text on ORO-2026-0001 from 1 December 2026.");
  });

  it("shows a message stored as text as it is, and one it cannot word as a notice", () => {
    expect(renderMessage({ template: null, params: {}, subject: "Hej", body: "Text" }, "en")).toEqual({
      subject: "Hej",
      body: "Text",
    });
    const unknown = renderMessage({ template: "gone:template", params: {}, subject: null, body: null }, "en");
    expect(unknown.subject).toBe("Message");
    const broken = renderMessage({ template: "meetings:mail.invited", params: {}, subject: null, body: null }, "sv");
    expect(broken.body).toContain("kan inte visas");
  });
});
