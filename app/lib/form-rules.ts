import type { z } from "zod";

/** Error messages are translation keys; each form passes its namespace's `errors.*` as `message`. */
type Message = (key: string) => string;

/** A required value, checked in superRefine so that a form reports every missing field at once. */
export function need(ctx: z.RefinementCtx, value: unknown, path: string, message: string) {
  if (!value) ctx.addIssue({ code: "custom", path: [path], message });
}

/** A "YYYY-MM-DD" that exists in the calendar and is not after `today` (such dates compare as text). */
export function pastDate(ctx: z.RefinementCtx, value: string, path: string, today: string, message: Message) {
  if (!value) return;
  const parsed = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    ctx.addIssue({ code: "custom", path: [path], message: message("dateInvalid") });
  } else if (value > today) {
    ctx.addIssue({ code: "custom", path: [path], message: message("dateInFuture") });
  }
}
