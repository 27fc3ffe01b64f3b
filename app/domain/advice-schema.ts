import { z } from "zod";
import { formDate, formTime } from "./dates";
import { possibleNames } from "./deidentify";
import { need as needRule, pastDate } from "./form-rules";
import { looksLikePersonalNumber } from "./personal-number";
import { adviceChannels, adviceGiven, ageBands, callerRoles, concernKinds } from "./vocabulary";

const e = (key: string) => `advice:errors.${key}`;
const text = (max: number) => z.string().trim().max(max, e("tooLong")).default("");

/** The advice that needs a few words more: why no report, or where to. */
export const adviceNeedingNote = ["no_report_needed", "referral"] as const;

/**
 * The consultation form (browser and server). Free text must not identify the child: personal identity numbers
 * are refused outright; name-like words are refused until the worker confirms they are not the family's.
 */
export function adviceSchema(today: string) {
  return z
    .object({
      occurredOn: formDate.default(""),
      occurredTime: formTime.default(""),
      durationMinutes: z.coerce
        .number({ invalid_type_error: e("durationInvalid") })
        .int(e("durationInvalid"))
        .min(1, e("durationInvalid"))
        .max(600, e("durationInvalid"))
        .default(10),
      channel: z.enum(adviceChannels).default("phone"),
      callerUnit: text(200),
      callerRole: z.enum(callerRoles).optional(),
      callerEmail: z.string().trim().max(254).email(e("emailInvalid")).optional(),
      concerns: z.array(z.enum(concernKinds)).default([]),
      ageBand: z.enum(ageBands).optional(),
      acute: z.boolean().default(false),
      summary: text(2_000),
      advice: z.enum(adviceGiven).optional(),
      adviceNote: text(1_000),
      followUp: text(1_000),
      confirmNoNames: z.boolean().default(false),
    })
    .superRefine((v, ctx) => {
      const need = (value: unknown, path: string, key: string) => needRule(ctx, value, path, e(key));
      need(v.occurredOn, "occurredOn", "dateRequired");
      pastDate(ctx, v.occurredOn, "occurredOn", today, e);
      need(v.occurredTime, "occurredTime", "timeRequired");
      need(v.callerRole, "callerRole", "callerRoleRequired");
      need(v.concerns.length, "concerns", "concernRequired");
      need(v.summary, "summary", "summaryRequired");
      need(v.advice, "advice", "adviceRequired");
      if (v.advice && (adviceNeedingNote as readonly string[]).includes(v.advice))
        need(v.adviceNote, "adviceNote", "adviceNoteRequired");
      for (const field of ["summary", "adviceNote", "followUp"] as const) {
        if (looksLikePersonalNumber(v[field]))
          ctx.addIssue({ code: "custom", path: [field], message: e("personalNumber") });
      }
      const names = possibleNames([v.summary, v.adviceNote, v.followUp].join("\n"));
      if (names.length && !v.confirmNoNames)
        ctx.addIssue({ code: "custom", path: ["confirmNoNames"], message: e("possibleNames") });
    });
}

export type AdviceFormValues = z.output<ReturnType<typeof adviceSchema>>;
