import type { z } from "zod";
import { isCalendarDate } from "./dates";

/** Error messages are translation keys; each form passes its namespace's `errors.*` as `message`. */
type Message = (key: string) => string;

/** A required value, checked in superRefine so that a form reports every missing field at once. */
export function need(ctx: z.RefinementCtx, value: unknown, path: string, message: string) {
  if (!value) ctx.addIssue({ code: "custom", path: [path], message });
}

/** A date field (`formDate`, which refuses days the calendar lacks) that is not after `today`; such dates compare as text. */
export function pastDate(ctx: z.RefinementCtx, value: string, path: string, today: string, message: Message) {
  if (isCalendarDate(value) && value > today)
    ctx.addIssue({ code: "custom", path: [path], message: message("dateInFuture") });
}
