import type { TFunction } from "i18next";
import { z } from "zod";
import { formatDate, formatDateTime, formatMonth, i18nFor, type AppLocale } from "./i18n";
import { reviewItems } from "../domain/review-checklist";
import { adviceGiven, meetingForms, reportDecisions, roles } from "../domain/vocabulary";

/**
 * Inbox messages are stored as a template and its parameters and put into words when read, in the reader's
 * language of the moment (a message stored as text stays in the language it was sent in). A template is the i18n key
 * its texts are under. Parameters hold only what the message shows; instants are ISO strings, shown in Swedish time.
 * The parameters are checked when a message is sent and again when it is read: a template whose parameters change
 * must still read the messages already stored.
 */

export type MessageKind = "system" | "advice" | "invitation" | "feedback" | "training";
export type MeetingChange = "invited" | "rescheduled" | "cancelled" | "reminder";
export type TrainingNotice = "changed" | "cancelled" | "promoted" | "registeredByPrincipal" | "announced";
export type CheckInNotice = "invited" | "cancelled";

const instant = z.string().datetime({ offset: true });
/** A calendar day in Swedish time, "2026-11-24". */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** What a municipality wrote itself (it is not in locales/), in each language. */
const inEachLanguage = z.object({ sv: z.string(), en: z.string() });
const none = z.object({});

export interface MessageWords {
  subject: string;
  body: string;
}

interface Definition<S extends z.ZodTypeAny> {
  kind: MessageKind;
  params: S;
  /** `t` is fixed to the template's namespace; `key` is the template without it. */
  render(t: TFunction, params: z.infer<S>, locale: AppLocale, key: string): MessageWords;
}

const define = <S extends z.ZodTypeAny>(definition: Definition<S>) => definition;

/** Texts at `key.subject` and `key.body`, filled with the same values. */
function keyed<S extends z.ZodTypeAny>(
  kind: MessageKind,
  params: S,
  values: (t: TFunction, params: z.infer<S>, locale: AppLocale) => Record<string, string> = () => ({}),
) {
  return define({
    kind,
    params,
    render: (t, p, locale, key) => {
      const filled = values(t, p, locale);
      return { subject: t(`${key}.subject`, filled), body: t(`${key}.body`, filled) };
    },
  });
}

const meeting = define({
  kind: "invitation",
  params: z.object({
    startsAt: instant,
    /** The place as the organiser wrote it; without one the message names the form (video, phone…). */
    place: z.string().nullable(),
    form: z.enum(meetingForms),
    /** The report's reference ("ORO-2026-0012"), never anything about the child; messages stored before it have none. */
    reference: z.string().optional(),
  }),
  render: (t, p, locale, key) => {
    const values = {
      when: formatDateTime(p.startsAt, locale),
      where: p.place || t(`forms.${p.form}`),
      reference: p.reference,
    };
    return {
      subject: t(p.reference ? `${key}.subject` : `${key}.subjectWithoutReference`, values),
      body: t(`${key}.body`, values),
    };
  },
});

/** Who answered, and when the meeting is: staff names and the report's reference, nothing about the child. */
const answeredBase = { reference: z.string(), invitee: z.string(), startsAt: instant };

/** To a meeting's organiser, an answer that needs them: a proposed time, a decline (its reason is not here), a hand-over. */
const answered = define({
  kind: "invitation",
  params: z.discriminatedUnion("answer", [
    z.object({ ...answeredBase, answer: z.literal("proposed"), proposedStartsAt: instant }),
    z.object({ ...answeredBase, answer: z.literal("declined") }),
    z.object({ ...answeredBase, answer: z.literal("handed_over"), colleague: z.string() }),
  ]),
  render: (t, p, locale, key) => {
    const values = {
      reference: p.reference,
      invitee: p.invitee,
      when: formatDateTime(p.startsAt, locale),
      proposed: p.answer === "proposed" ? formatDateTime(p.proposedStartsAt, locale) : "",
      colleague: p.answer === "handed_over" ? p.colleague : "",
    };
    return { subject: t(`${key}.subject.${p.answer}`, values), body: t(`${key}.body.${p.answer}`, values) };
  },
});

const training = keyed("training", z.object({ title: z.string(), startsAt: instant }), (_t, p, locale) => ({
  title: p.title,
  when: formatDateTime(p.startsAt, locale),
}));

const checkIn = keyed("system", z.object({ unit: z.string(), plannedFor: day }), (_t, p, locale) => ({
  unit: p.unit,
  day: formatDate(p.plannedFor, locale),
}));

/**
 * A change that took two administrators (app/models/admin-proposal.server.ts): a role at a unit, or a credential reset.
 * `user` is the person it concerns, named to the proposer; never a password.
 */
const adminChange = define({
  kind: "system",
  params: z.discriminatedUnion("change", [
    z.object({ change: z.literal("grant_role"), role: z.enum(roles), unit: z.string(), user: z.string() }),
    z.object({ change: z.enum(["reset_password", "reset_second_factor"]), user: z.string() }),
  ]),
  render: (t, p, _locale, key) => {
    const values = {
      user: p.user,
      role: p.change === "grant_role" ? t(`common:roles.${p.role}`) : "",
      unit: p.change === "grant_role" ? p.unit : "",
    };
    return { subject: t(`${key}.subject`, values), body: t(`${key}.body.${p.change}`, values) };
  },
});

/** The basic feedback's subjects: the receipt and the end of an investigation apart from the decision. */
const SUBJECT: Partial<Record<string, string>> = {
  received: "basic.subject",
  investigation_closed: "basic.closedSubject",
};

const definitions = {
  "inbox:templates.welcome": keyed("system", none),
  /** To the person concerned: a second administrator approved a change to their roles or credentials. */
  "admin:proposalMessages.approved": adminChange,
  /** To the administrator who proposed a change: another rejected it. */
  "admin:proposalMessages.rejected": adminChange,
  /** To a unit's principals: a report was submitted from their unit. Its reference and the unit, nothing of the child. */
  "inbox:templates.reportSubmitted": keyed(
    "system",
    z.object({ reference: z.string(), unit: z.string() }),
    (_t, p) => ({
      reference: p.reference,
      unit: p.unit,
    }),
  ),
  /** The written advice after a call: the same de-identified content as the consultation's record. */
  "advice:message": define({
    kind: "advice",
    params: z.object({
      occurredAt: instant,
      advice: z.enum(adviceGiven),
      /** Empty when none was written. */
      adviceNote: z.string(),
      summary: z.string(),
      followUp: z.string(),
      code: z.string(),
      /** Guidance to read more in, with titles as published when the advice was sent. */
      articles: z.array(z.object({ slug: z.string(), title: inEachLanguage })),
    }),
    render: (t, p, locale) => ({
      subject: t("message.subject"),
      body: [
        t("message.intro", { date: formatDateTime(p.occurredAt, locale) }),
        `${t("message.advice")}: ${t(`adviceGiven.${p.advice}`)}${p.adviceNote ? ` – ${p.adviceNote}` : ""}`,
        `${t("message.summary")}: ${p.summary}`,
        p.followUp ? `${t("message.followUp")}: ${p.followUp}` : "",
        t("message.code", { code: p.code }),
        p.articles.length ? `${t("message.articles")}: ${p.articles.map((a) => a.title[locale]).join(", ")}` : "",
      ]
        .filter(Boolean)
        .join("\n\n"),
    }),
  }),
  "feedback:basic": define({
    kind: "feedback",
    params: z.object({
      text: z.enum(["received", ...reportDecisions, "investigation_closed"]),
      reference: z.string(),
      /** The day of the stage. */
      date: day,
      /** The municipality's own wording when it had one; otherwise the standard text in locales/. */
      own: inEachLanguage.optional(),
    }),
    render: (t, p, locale) => ({
      // The receipt and the decision under subjects of their own, so the second is not taken for the first.
      subject: t(SUBJECT[p.text] ?? "basic.decidedSubject", { reference: p.reference }),
      // Coordinators write their texts with {reference} and {date}; nothing else is filled in.
      body: (p.own?.[locale] ?? t(`basic.texts.${p.text}`))
        .replaceAll("{reference}", p.reference)
        .replaceAll("{date}", formatDate(p.date, locale)),
    }),
  }),
  "feedback:extended": define({
    kind: "feedback",
    params: none,
    render: (t) => ({ subject: t("extended.messageSubject"), body: t("extended.messageBody") }),
  }),
  "reports:supplementRequest": keyed("system", z.object({ reference: z.string() }), (_t, p) => ({
    reference: p.reference,
  })),
  /** To a reporter whose report was decided: three questions, answered anonymously (app/domain/reporter-survey.ts). */
  "survey:invitation": keyed("system", z.object({ reference: z.string() }), (_t, p) => ({ reference: p.reference })),
  /** To whoever proposed a "not opened": a reception lead returned it. The lead's comment is read on the report. */
  "reports:decisionReturned": keyed("system", z.object({ reference: z.string(), lead: z.string() }), (_t, p) => ({
    reference: p.reference,
    lead: p.lead,
  })),
  /** To a reviewer of the monthly quality review: how many of the month's cases are theirs, nothing of a case. */
  "reviews:notices.assigned": define({
    kind: "system",
    params: z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), cases: z.number().int().positive() }),
    render: (t, p, locale, key) => {
      const month = formatMonth(p.month, locale);
      return { subject: t(`${key}.subject`, { month }), body: t(`${key}.body`, { month, count: p.cases }) };
    },
  }),
  /** To the owner of a review's finding: which checklist question was answered no, and by when it is to be put right. */
  "reviews:notices.deviation": keyed(
    "system",
    z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), item: z.enum(reviewItems), dueOn: day }),
    (t, p, locale) => ({
      month: formatMonth(p.month, locale),
      question: t(`items.${p.item}`),
      due: formatDate(p.dueOn, locale),
    }),
  ),
  "meetings:mail.invited": meeting,
  "meetings:mail.rescheduled": meeting,
  "meetings:mail.cancelled": meeting,
  "meetings:mail.reminder": meeting,
  "meetings:mail.answered": answered,
  "trainings:notices.changed": training,
  "trainings:notices.cancelled": training,
  "trainings:notices.promoted": training,
  "trainings:notices.registeredByPrincipal": training,
  /** To a unit's contact person: a training for their kind of unit was published (app/models/unit-contact.server.ts). */
  "trainings:notices.announced": training,
  /** To a unit's contact person (or its principals): a check-in planned or called off. Never the coordinators' reason. */
  "checkIns:mail.invited": checkIn,
  "checkIns:mail.cancelled": checkIn,
} satisfies Record<string, Definition<z.ZodTypeAny>> &
  Record<
    `meetings:mail.${MeetingChange}` | `trainings:notices.${TrainingNotice}` | `checkIns:mail.${CheckInNotice}`,
    Definition<z.ZodTypeAny>
  >;

type Definitions = typeof definitions;
export type MessageTemplate = keyof Definitions;
export type MessageTemplates = { [K in MessageTemplate]: z.input<Definitions[K]["params"]> };

/** A template with its parameters, as `deliverMessage` takes it. */
export type TemplatedMessage = {
  [K in MessageTemplate]: { template: K; params: MessageTemplates[K] };
}[MessageTemplate];

export const messageTemplates = Object.keys(definitions) as MessageTemplate[];

export function isMessageTemplate(value: unknown): value is MessageTemplate {
  return typeof value === "string" && Object.hasOwn(definitions, value);
}

export function kindOf(template: MessageTemplate): MessageKind {
  return definitions[template].kind;
}

/** The parameters as they are stored: checked against the template, nothing it does not name. */
export function checkedParams(message: TemplatedMessage): object {
  return definitions[message.template].params.parse(message.params);
}

export function renderTemplate<K extends MessageTemplate>(
  template: K,
  params: MessageTemplates[K],
  locale: AppLocale,
): MessageWords {
  const definition = definitions[template] as Definition<z.ZodTypeAny>;
  const colon = template.indexOf(":");
  const t = i18nFor(locale).getFixedT(locale, template.slice(0, colon));
  return definition.render(t, definition.params.parse(params), locale, template.slice(colon + 1));
}

/**
 * A stored message in the reader's language: a templated one put into words now, one stored as text as it is.
 * (`body` may be left out where only the subject is shown.)
 */
export function renderMessage(
  row: { template: string | null; params: unknown; subject: string | null; body?: string | null },
  locale: AppLocale,
): MessageWords {
  if (isMessageTemplate(row.template)) {
    try {
      return renderTemplate(row.template, row.params as never, locale);
    } catch {
      // Parameters of another shape (a template changed since): the notice below, not a broken inbox.
    }
  }
  if (row.subject != null) return { subject: row.subject, body: row.body ?? "" };
  const t = i18nFor(locale).getFixedT(locale, "inbox");
  return { subject: t("templates.unavailable.subject"), body: t("templates.unavailable.body") };
}
