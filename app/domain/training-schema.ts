import { z } from "zod";
import { formDate, formTime } from "./dates";
import { need } from "./form-rules";
import { roles, trainingTopics, unitKinds } from "./vocabulary";

const e = (key: string) => `trainings:errors.${key}`;
const date = formDate.default("");
const time = formTime.default("");
const whole = (min: number, max: number, key: string) =>
  z.coerce
    .number({ invalid_type_error: e(key) })
    .int(e(key))
    .min(min, e(key))
    .max(max, e(key))
    .optional();

/** How an occasion repeats: not at all, the same weekday every week or every month, or a rule written out. */
export const repeatKinds = ["none", "weekly", "monthly", "rule"] as const;

/**
 * The training form (browser and server). Times are Stockholm wall-clock date + time; the server turns them into
 * instants. Every missing field is reported at once.
 */
export const trainingSchema = z
  .object({
    title: z.string().trim().max(200, e("tooLong")).default(""),
    topic: z.enum(trainingTopics).optional(),
    audienceRoles: z.array(z.enum(roles)).default([]),
    audienceUnitKinds: z.array(z.enum(unitKinds)).default([]),
    description: z.string().trim().max(10_000, e("tooLong")).default(""),
    date,
    time,
    durationMinutes: whole(15, 600, "durationInvalid"),
    place: z.string().trim().max(500, e("tooLong")).default(""),
    capacity: whole(1, 1_000, "capacityInvalid"),
    deadlineDate: date,
    organisers: z.string().trim().max(300, e("tooLong")).default(""),
    repeat: z.enum(repeatKinds).default("none"),
    repeatCount: whole(2, 40, "repeatCountInvalid"),
    rule: z.string().trim().max(300).default(""),
    scope: z.enum(["one", "series"]).default("one"),
  })
  .superRefine((v, ctx) => {
    const required = (value: unknown, path: string, key: string) => need(ctx, value, path, e(key));
    required(v.title, "title", "titleRequired");
    required(v.topic, "topic", "topicRequired");
    required(v.audienceRoles.length, "audienceRoles", "audienceRequired");
    required(v.audienceUnitKinds.length, "audienceUnitKinds", "audienceRequired");
    required(v.date, "date", "dateRequired");
    required(v.time, "time", "timeRequired");
    required(v.durationMinutes, "durationMinutes", "durationInvalid");
    required(v.capacity, "capacity", "capacityInvalid");
    required(v.deadlineDate, "deadlineDate", "deadlineRequired");
    if (v.date && v.deadlineDate && v.deadlineDate > v.date)
      ctx.addIssue({ code: "custom", path: ["deadlineDate"], message: e("deadlineAfterStart") });
    if (v.repeat === "weekly" || v.repeat === "monthly") required(v.repeatCount, "repeatCount", "repeatCountInvalid");
    if (v.repeat === "rule") required(v.rule, "rule", "ruleRequired");
  });

export type TrainingFormValues = z.output<typeof trainingSchema>;

const WEEKDAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

/** The RRULE a form asks for, or null for a single occasion. "Monthly" is the same weekday of the month (e.g. 1st Tuesday). */
export function ruleFrom(v: Pick<TrainingFormValues, "repeat" | "repeatCount" | "rule" | "date">) {
  if (v.repeat === "none") return null;
  if (v.repeat === "rule") return v.rule.replace(/^RRULE:/i, "").toUpperCase();
  const day = new Date(`${v.date}T12:00:00Z`);
  const weekday = WEEKDAYS[day.getUTCDay()];
  if (v.repeat === "weekly") return `FREQ=WEEKLY;COUNT=${v.repeatCount}`;
  const nth = Math.ceil(day.getUTCDate() / 7);
  return `FREQ=MONTHLY;COUNT=${v.repeatCount};BYDAY=${nth > 4 ? -1 : nth}${weekday}`;
}
