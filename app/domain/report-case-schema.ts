import { z } from "zod";
import { formDate, formTime, isCalendarDate, isClockTime } from "./dates";
import { stockholmDate, stockholmInstant } from "./deadlines";
import { pastDate } from "./form-rules";
import { isUuid } from "./ids";
import { investigationOutcomes } from "./investigation";
import { decisionRefusal, type DecisionRefusal } from "./pre-assessment";
import { TEXT_LIMITS } from "./text-limits";
import {
  meetingForms,
  noMeetingReasons,
  notOpenedGrounds,
  protectionOutcomes,
  reportDecisions,
  type MeetingForm,
} from "./vocabulary";

/**
 * The forms of a report's case page, one schema per intent. Each step route (app/routes/reports.$reportId.*.tsx) parses
 * with the union of its own intents (conform's parseWithZod), and the page's fields take their limits from the same
 * rules. Messages are translation keys in locales/<lang>/reports.json and meetings.json, as the page has always shown.
 */
const r = (key: string) => `reports:errors.${key}`;
const m = (key: string) => `meetings:errors.${key}`;
const says = (message: string) => ({ errorMap: () => ({ message }) });

/** A text someone types, trimmed and refused (never cut) past its limit; empty when not sent. */
const text = (max: number, tooLong: string) => z.string(says(tooLong)).trim().max(max, tooLong).default("");
/** The same, and it must be written: `required`'s message when it is not. */
const requiredText = (max: number, tooLong: string, required: string) =>
  z.string(says(required)).trim().max(max, tooLong).min(1, required);
/** The page's key for a create form: a resend finds the first one's row. Only a client not the page lacks it. */
const submissionKey = z.string().refine(isUuid);
/** A meeting of the report, named by a hidden field; one that is not (or no uuid) is a 404 in the route. */
const meetingId = z.string(says(m("cannotChange")));
/** A date and time to meet: both needed, each one the calendar and the clock have. */
const day = z
  .string(says(m("timeRequired")))
  .trim()
  .min(1, m("timeRequired"))
  .pipe(formDate);
const clock = z
  .string(says(m("timeRequired")))
  .trim()
  .min(1, m("timeRequired"))
  .pipe(formTime);

// --- The reporter's supplement (reports.$reportId.supplements.tsx) -------------------------------------------------

export const supplementSchema = z.object({
  intent: z.literal("supplement"),
  submissionKey,
  text: requiredText(TEXT_LIMITS.supplement, r("tooLong"), r("supplementRequired")),
  // The open question it answers; an unknown one makes it a supplement of its own.
  requestId: z.unknown().transform((v) => (typeof v === "string" && isUuid(v) ? v : undefined)),
});

// --- Social services' steps (reports.$reportId.steps.tsx) ----------------------------------------------------------

export const assessSchema = z.object({
  intent: z.literal("assess"),
  outcome: z.enum(protectionOutcomes, says(r("outcomeRequired"))),
});

export const assignSchema = z.object({
  intent: z.literal("assign"),
  // Nobody, or a worker of the municipality's social services: the model's rule (notSocialServices).
  assigneeId: z
    .string(says(r("notSocialServices")))
    .optional()
    .transform((v) => v || null),
});

export const childHeardSchema = z.object({
  intent: z.literal("childHeard"),
  text: text(TEXT_LIMITS.childHeardNote, r("tooLong")),
  heard: z.enum(["yes", "no"], says(r("childHeardRequired"))),
});

/** Whether a radio answered "yes" or "no"; `required`'s message when neither was chosen. */
const yesNo = (required: string) => z.enum(["yes", "no"], says(required));

export const decideSchema = z.object({
  intent: z.literal("decide"),
  decision: z.enum(reportDecisions, says(r("decisionRequired"))),
  remainingConcern: yesNo(r("remainingConcernRequired")),
  // Required of a "not opened" (app/domain/pre-assessment.ts, through acrossFields); a value not on the list is none.
  ground: z.unknown().transform((v) => notOpenedGrounds.find((g) => g === v) ?? null),
  reasons: text(TEXT_LIMITS.decisionReasons, r("tooLong")),
});

export const policeSchema = z.object({
  intent: z.literal("police"),
  considered: yesNo(r("policeConsideredRequired")),
  // Asked once a report was considered; otherwise none was made, whatever the radio held.
  reported: yesNo(r("policeReportedRequired")).optional(),
  note: text(TEXT_LIMITS.policeNote, r("tooLong")),
  // The consultation with the police or Barnahus (samråd), if one was held.
  consultedOn: formDate.default(""),
});

export const neededSupplementSchema = z.object({
  intent: z.literal("neededSupplement"),
  // A yes/no toggle: anything but "yes" is no.
  needed: z.unknown().transform((v) => v === "yes"),
});

// --- Questions to the reporter and internal notes (reports.$reportId.questions.tsx, .notes.tsx) --------------------

export const requestSupplementSchema = z.object({
  intent: z.literal("requestSupplement"),
  submissionKey,
  question: requiredText(TEXT_LIMITS.supplementQuestion, r("tooLong"), r("questionRequired")),
});

export const noteSchema = z.object({
  intent: z.literal("note"),
  submissionKey,
  text: requiredText(TEXT_LIMITS.note, r("tooLong"), r("noteRequired")),
});

// --- The report meeting (reports.$reportId.meetings.tsx) -----------------------------------------------------------

export const meetingSchema = z.object({
  intent: z.literal("meeting"),
  submissionKey,
  place: text(TEXT_LIMITS.meetingPlace, m("tooLong")),
  otherParticipants: text(TEXT_LIMITS.meetingParticipants, m("tooLong")),
  date: day,
  time: clock,
  // Chosen from lists: a value not on them is the list's default.
  duration: z.unknown().transform((v) => {
    const minutes = Number(v);
    return Number.isInteger(minutes) && minutes >= 15 && minutes <= 240 ? minutes : 60;
  }),
  form: z
    .unknown()
    .transform(
      (v): MeetingForm => ((meetingForms as readonly unknown[]).includes(v) ? (v as MeetingForm) : "in_person"),
    ),
  // Ticked from the people the page offers; which of them may be invited is the route's check against the same list.
  invitees: z.array(z.string()).default([]),
});

export const rescheduleSchema = z.object({ intent: z.literal("reschedule"), meetingId, date: day, time: clock });
export const cancelMeetingSchema = z.object({
  intent: z.literal("cancelMeeting"),
  meetingId,
  // Everyone invited is e-mailed: only the page's confirmation step sends "yes"; without it the page asks.
  confirm: z.literal("yes", says(m("confirmCancel"))),
});
export const acceptProposalSchema = z.object({
  intent: z.literal("acceptProposal"),
  meetingId,
  invitationId: z.string(says(m("cannotChange"))).refine(isUuid, m("cannotChange")),
});
export const heldSchema = z.object({
  intent: z.literal("held"),
  meetingId,
  // Ticked invitations; an id that is no invitation of the meeting is nobody's attendance (the model's rule).
  attended: z.array(z.string()).default([]),
});

export const noMeetingSchema = z.object({
  intent: z.literal("noMeeting"),
  text: text(TEXT_LIMITS.noMeetingNote, m("tooLong")),
  reason: z.enum(noMeetingReasons, says(m("reasonRequired"))),
});

/** The field of the decide form a refusal of the decision's reasons is about. */
const REFUSED_FIELD: Record<DecisionRefusal, string> = {
  decisionGroundRequired: "ground",
  decisionReasonsRequired: "reasons",
};

/** The rules across fields, checked once each field is right (so a step says one thing at a time). */
function acrossFields(value: { intent: string } & Record<string, unknown>, ctx: z.RefinementCtx) {
  // SOSFS 2014:5: when the child was not heard, the reason must be documented.
  if (value.intent === "childHeard" && value.heard === "no" && !value.text)
    ctx.addIssue({ code: "custom", path: ["text"], message: r("childNotHeardReasonRequired") });
  if (value.intent === "decide") {
    const v = value as unknown as z.infer<typeof decideSchema>;
    const refusal = decisionRefusal({ ...v, remainingConcern: v.remainingConcern === "yes" });
    if (refusal) ctx.addIssue({ code: "custom", path: [REFUSED_FIELD[refusal]], message: r(refusal) });
  }
  if (value.intent === "police") {
    const v = value as unknown as z.infer<typeof policeSchema>;
    if (v.considered === "yes" && !v.reported)
      ctx.addIssue({ code: "custom", path: ["reported"], message: r("policeReportedRequired") });
    // Why not: when no police report was made, the reasons are what the review reads.
    else if (!(v.considered === "yes" && v.reported === "yes") && !v.note)
      ctx.addIssue({ code: "custom", path: ["note"], message: r("policeNoteRequired") });
    pastDate(ctx, v.consultedOn, "consultedOn", stockholmDate(new Date()), r);
  }
  if (value.intent === "meeting" || value.intent === "reschedule") {
    // zod runs this after a refinement of a field failed too (the value is only "dirty"): a wrong date said that.
    const [date, time] = [String(value.date), String(value.time)];
    if (!isCalendarDate(date) || !isClockTime(time)) return;
    if (stockholmInstant(date, time).getTime() <= Date.now())
      ctx.addIssue({ code: "custom", path: ["time"], message: m("timeInPast") });
    else if (value.intent === "meeting" && !(value.invitees as string[]).length)
      ctx.addIssue({ code: "custom", path: ["invitees"], message: m("inviteeRequired") });
  }
}

/** reports.$reportId.supplements.tsx */
export const supplementActions = z.discriminatedUnion("intent", [supplementSchema]);
/** reports.$reportId.steps.tsx */
export const stepActions = z
  .discriminatedUnion("intent", [
    assessSchema,
    assignSchema,
    childHeardSchema,
    policeSchema,
    decideSchema,
    neededSupplementSchema,
  ])
  .superRefine(acrossFields);
/** reports.$reportId.questions.tsx */
export const questionActions = z.discriminatedUnion("intent", [requestSupplementSchema]);
/** reports.$reportId.notes.tsx */
export const noteActions = z.discriminatedUnion("intent", [noteSchema]);
/** reports.$reportId.meetings.tsx */
export const meetingActions = z
  .discriminatedUnion("intent", [
    meetingSchema,
    rescheduleSchema,
    cancelMeetingSchema,
    acceptProposalSchema,
    heldSchema,
    noMeetingSchema,
  ])
  .superRefine(acrossFields);

export type CaseIntent =
  | "supplement"
  | "assess"
  | "assign"
  | "childHeard"
  | "police"
  | "decide"
  | "neededSupplement"
  | "requestSupplement"
  | "note"
  | "meeting"
  | "reschedule"
  | "cancelMeeting"
  | "acceptProposal"
  | "held"
  | "noMeeting"
  | "link"
  | "unlink"
  | "kinds"
  | "approve"
  | "return"
  | "threat"
  | "investigationStart"
  | "investigationExtend"
  | "investigationEnd";

/**
 * A refused step: the message (a translation key) the form shows, and what was typed into its fields to show again
 * (a new page without JavaScript). `meetingId` tells which meeting's form, of several, the values belong to.
 */
export interface CaseReply {
  intent: CaseIntent;
  error: string;
  values?: Record<string, string>;
}

/** The fields a refused step hands back as typed. */
const KEPT: Partial<Record<CaseIntent, readonly string[]>> = {
  supplement: ["text"],
  childHeard: ["text"],
  police: ["note", "consultedOn"],
  decide: ["reasons"],
  requestSupplement: ["question"],
  note: ["text"],
  meeting: ["date", "time", "place", "otherParticipants"],
  reschedule: ["date", "time", "meetingId"],
  // Which meeting's confirmation to ask again.
  cancelMeeting: ["meetingId"],
  noMeeting: ["text"],
  link: ["reference"],
  // Which linked report's button answered.
  unlink: ["linkedReportId"],
  approve: ["comment"],
  return: ["comment"],
  investigationStart: ["startedOn"],
  investigationExtend: ["dueOn", "reason"],
  // The outcome chosen, so a page without JavaScript ticks it again.
  investigationEnd: ["endedOn", "outcome"],
};

/**
 * The answer to a refused step: `error` (a field's first message, in the schema's order, or the model's reason) and
 * what was typed, trimmed as the schema reads it; no values when nothing was.
 */
export function caseReply(
  intent: CaseIntent,
  payload: Record<string, unknown>,
  errors: Record<string, string[] | null> | null | undefined,
  reason?: string,
): CaseReply {
  const error = reason ?? Object.values(errors ?? {}).flatMap((e) => e ?? [])[0] ?? r("notFound");
  const kept = (KEPT[intent] ?? []).map((name) => {
    const value = payload[name];
    return [name, typeof value === "string" ? value.trim() : ""] as const;
  });
  return kept.some(([, v]) => v) ? { intent, error, values: Object.fromEntries(kept) } : { intent, error };
}

// --- Earlier reports about the same child, linked by hand (reports.$reportId.links.tsx) ----------------------------

const h = (key: string) => `reports:history.errors.${key}`;

export const linkSchema = z.object({
  intent: z.literal("link"),
  // The other report's reference ("ORO-2026-0042"), as typed: the model finds it in the municipality (none is longer).
  reference: requiredText(30, h("notFound"), h("referenceRequired")),
});

export const unlinkSchema = z.object({
  intent: z.literal("unlink"),
  // A report of the page's list, named by a hidden field.
  linkedReportId: z
    .string(says(h("notLinked")))
    .refine(isUuid, h("notLinked"))
    .transform((id) => id.toLowerCase()),
});

/** reports.$reportId.links.tsx */
export const linkActions = z.discriminatedUnion("intent", [linkSchema, unlinkSchema]);

// --- The kinds of concern reception sets (reports.$reportId.kinds.tsx) --------------------------------------------

export const kindsSchema = z.object({
  intent: z.literal("kinds"),
  // Ticked from the municipality's list; whether each is one of its kinds is the model's rule (unknownKind).
  kindIds: z
    .array(z.string().refine(isUuid, r("unknownKind")))
    .min(1, r("kindRequired"))
    .default([]),
});

/** reports.$reportId.kinds.tsx */
export const kindActions = z.discriminatedUnion("intent", [kindsSchema]);

// --- A reception lead's second look at a proposed "not opened" (reports.$reportId.review.tsx) ---------------------

/** The proposal the lead read on the page: another one (or none) waiting now is not the one they answer. */
const proposalId = z.string(says(r("notPending"))).refine(isUuid, r("notPending"));

export const approveSchema = z.object({
  intent: z.literal("approve"),
  proposalId,
  comment: text(TEXT_LIMITS.reviewComment, r("tooLong")),
});

export const returnSchema = z.object({
  intent: z.literal("return"),
  proposalId,
  // Returned with what reception is to do: the model refuses an empty one too.
  comment: requiredText(TEXT_LIMITS.reviewComment, r("tooLong"), r("returnCommentRequired")),
});

/** reports.$reportId.review.tsx */
export const reviewActions = z.discriminatedUnion("intent", [approveSchema, returnSchema]);

// --- The investigation an "opened" decision starts (reports.$reportId.investigation.tsx) --------------------------

/** A day the form must have: empty is `required`'s message, a day the calendar lacks the date's own. */
const requiredDay = (required: string) => z.string(says(required)).trim().min(1, required).pipe(formDate);

export const investigationStartSchema = z.object({
  intent: z.literal("investigationStart"),
  startedOn: requiredDay(r("investigationDateRequired")),
});

export const investigationExtendSchema = z.object({
  intent: z.literal("investigationExtend"),
  dueOn: requiredDay(r("investigationDateRequired")),
  // SoL 11 kap. 2 §: only for special reasons, so the reason is written down with each extension.
  reason: requiredText(TEXT_LIMITS.decisionReasons, r("tooLong"), r("extensionReasonRequired")),
});

export const investigationEndSchema = z.object({
  intent: z.literal("investigationEnd"),
  endedOn: requiredDay(r("investigationDateRequired")),
  outcome: z.enum(investigationOutcomes, says(r("investigationOutcomeRequired"))),
});

/**
 * The days an investigation has cannot lie ahead (an extension's new last day does, of course). That a start is not
 * before the decision that opened it needs the report: the model's rule (startBeforeDecision).
 */
function investigationDays(value: { intent: string } & Record<string, unknown>, ctx: z.RefinementCtx) {
  const today = stockholmDate(new Date());
  if (value.intent === "investigationStart") pastDate(ctx, String(value.startedOn), "startedOn", today, r);
  if (value.intent === "investigationEnd") pastDate(ctx, String(value.endedOn), "endedOn", today, r);
}

/** reports.$reportId.investigation.tsx */
export const investigationActions = z
  .discriminatedUnion("intent", [investigationStartSchema, investigationExtendSchema, investigationEndSchema])
  .superRefine(investigationDays);
