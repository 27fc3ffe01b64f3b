import { z } from "zod";

/**
 * Social services' "threat" flag on a report (reports.$reportId.threat.tsx): set or cleared from the case page. The
 * page sends the answer in a hidden field, so anything but "yes" or "no" is a form no page of ours sent: refused, never
 * read as "no". Messages are translation keys in locales/<lang>/reports.json.
 */
export const threatSchema = z.object({
  intent: z.literal("threat"),
  flagged: z
    .enum(["yes", "no"], { errorMap: () => ({ message: "reports:errors.threatFlagInvalid" }) })
    .transform((v) => v === "yes"),
});

/** reports.$reportId.threat.tsx */
export const threatActions = z.discriminatedUnion("intent", [threatSchema]);
