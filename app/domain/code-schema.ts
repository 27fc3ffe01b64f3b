import { z } from "zod";

/** The one-time code form, at sign-in (/login/code) and again for a step-up (/login/confirm). */
export const oneTimeCodeSchema = z.object({
  code: z
    .string({ required_error: "auth:errors.codeRequired" })
    .max(20, "auth:errors.codeFormat")
    .regex(/^\s*\d{3}\s?\d{3}\s*$/, "auth:errors.codeFormat"),
  redirectTo: z.string().optional(),
});
