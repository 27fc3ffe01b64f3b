import { z } from "zod";
import { formDate } from "./dates";

const required = (key: string, maxLength: number) =>
  z
    .string({ required_error: `guidance:errors.${key}Required` })
    .trim()
    .min(1, `guidance:errors.${key}Required`)
    .max(maxLength, `guidance:errors.tooLong`);
const optional = (maxLength: number) => z.string().trim().max(maxLength, "guidance:errors.tooLong").default("");
const isoDate = z.string({ required_error: "guidance:errors.dateRequired" }).pipe(formDate);

/** The editor's form, used in the browser and on the server. References are typed one per line. */
export const guidanceContentSchema = z.object({
  titleSv: required("title", 200),
  titleEn: required("title", 200),
  summarySv: optional(500),
  summaryEn: optional(500),
  bodySv: required("body", 50_000),
  bodyEn: required("body", 50_000),
  legalReferences: optional(5_000).transform((text) =>
    text
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean),
  ),
  nextReviewOn: isoDate.optional().transform((d) => d ?? null),
  changeSummarySv: optional(1_000),
  changeSummaryEn: optional(1_000),
  /**
   * The coordinator's word that the text and every legal reference were checked against the enacted law today. There
   * is no review date to type: the server records today and who ticked it (decision 007).
   */
  reviewed: z.boolean().default(false),
});

export const slugSchema = z
  .string({ required_error: "guidance:errors.slugRequired" })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "guidance:errors.slugInvalid")
  .max(80, "guidance:errors.tooLong");
