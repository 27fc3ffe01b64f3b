import { z } from "zod";
import { agreementDeviationKinds, agreementDeviationSteps } from "./agreement-deviation";
import { messagesOf } from "./form-messages";
import { isUuid } from "./ids";
import { looksLikePersonalNumber } from "./personal-number";
import { TEXT_LIMITS } from "./text-limits";

/**
 * The forms of deviations from the agreement (app/routes/deviations.*.tsx): the browser checks with the same schema
 * the action parses with. Messages are translation keys in locales/<lang>/deviations.json.
 */
const { e, says } = messagesOf("deviations");

/** A text someone types, trimmed, required, refused (never cut) past its limit. */
const requiredText = (max: number, required: string) =>
  z.string(says(required)).trim().min(1, e(required)).max(max, e("tooLong"));

/**
 * Filing a deviation. The report (a hidden field, from the report page's link) is checked by the route: one the
 * user may not read is a 404. The unit is asked for only when there is no report and the user has several units.
 * The text goes to the coordinators, who never see the report: a personal identity number is refused.
 */
export const fileDeviationSchema = z.object({
  kind: z.enum(agreementDeviationKinds, says("kindRequired")),
  description: requiredText(TEXT_LIMITS.deviationDescription, "descriptionRequired").refine(
    (text) => !looksLikePersonalNumber(text),
    e("personalNumber"),
  ),
  reportId: z.string().optional(),
  unitId: z.string(says("unitRequired")).optional(),
  /** The page's key: a resent form finds the first one's deviation. Only a client not the page lacks it. */
  submissionKey: z.string().refine(isUuid),
});
export type FileDeviationForm = z.output<typeof fileDeviationSchema>;

/** A coordinator's step on a deviation, with a note on what was found or done. */
export const deviationStepSchema = z.object({
  intent: z.literal("step"),
  step: z.enum(agreementDeviationSteps, says("stepRequired")),
  note: requiredText(TEXT_LIMITS.deviationNote, "noteRequired").refine(
    (text) => !looksLikePersonalNumber(text),
    e("personalNumber"),
  ),
});
export type DeviationStepForm = z.output<typeof deviationStepSchema>;

/** Every error key the forms and their actions can give (the test checks both languages have them). */
export const deviationErrorKeys = [
  "kindRequired",
  "descriptionRequired",
  "noteRequired",
  "stepRequired",
  "tooLong",
  "personalNumber",
  "unitRequired",
  "stepTaken",
].map(e);
