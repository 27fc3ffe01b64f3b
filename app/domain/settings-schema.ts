import { z } from "zod";
import { PASSWORD_MAX } from "./text-limits";

/** Changing one's own password in Settings: the current one, a new one of 12 characters or more, typed twice. */
export const passwordSchema = z
  .object({
    current: z
      .string({ required_error: "auth:errors.currentRequired" })
      .max(PASSWORD_MAX, "auth:errors.passwordTooLong"),
    next: z
      .string({ required_error: "auth:errors.newPasswordTooShort" })
      .min(12, "auth:errors.newPasswordTooShort")
      .max(PASSWORD_MAX, "auth:errors.newPasswordTooLong"),
    confirm: z
      .string({ required_error: "auth:errors.confirmMismatch" })
      .max(PASSWORD_MAX, "auth:errors.confirmMismatch"),
  })
  .refine((v) => v.next === v.confirm, { path: ["confirm"], message: "auth:errors.confirmMismatch" })
  .refine((v) => v.next !== v.current, { path: ["next"], message: "auth:errors.newPasswordSame" });
