import { z } from "zod";
import { messagesOf } from "./form-messages";
import { isUuid } from "./ids";

/**
 * The forms of the coordinators' list of kinds of concern (app/routes/guidance.manage.concern-kinds.tsx), one schema
 * per intent. Messages are translation keys in locales/<lang>/reports.json.
 */
const { e, says } = messagesOf("reports", "concernKinds.errors");

/** The longest name of a kind, in either language. */
export const KIND_LABEL_MAX = 100;

const label = z.string(says("tooLong")).trim().max(KIND_LABEL_MAX, e("tooLong")).default("");
const requiredLabel = z
  .string(says("labelRequired"))
  .trim()
  .max(KIND_LABEL_MAX, e("tooLong"))
  .min(1, e("labelRequired"));
// A checkbox: anything but "yes" is unticked.
const violence = z.unknown().transform((v) => v === "yes");
/** A kind of the page's list, named by a hidden field; one that is not (or no uuid) is a 404 in the route. */
const kindId = z.string().default("");

export const addKindSchema = z.object({
  intent: z.literal("add"),
  submissionKey: z.string().refine(isUuid),
  labelSv: requiredLabel,
  labelEn: requiredLabel,
  violence,
});

/** New names in both languages, or (a default only) in neither: the portal's wording again. */
export const editKindSchema = z.object({ intent: z.literal("edit"), kindId, labelSv: label, labelEn: label, violence });

export const retireKindSchema = z.object({ intent: z.literal("retire"), kindId });
export const reactivateKindSchema = z.object({ intent: z.literal("reactivate"), kindId });
export const moveKindSchema = z.object({
  intent: z.literal("move"),
  kindId,
  direction: z.enum(["up", "down"], says("cannotMove")),
});

export const concernKindActions = z
  .discriminatedUnion("intent", [addKindSchema, editKindSchema, retireKindSchema, reactivateKindSchema, moveKindSchema])
  .superRefine((v, ctx) => {
    if (v.intent !== "edit") return;
    if (!v.labelSv && v.labelEn) ctx.addIssue({ code: "custom", path: ["labelSv"], message: e("labelRequired") });
    if (v.labelSv && !v.labelEn) ctx.addIssue({ code: "custom", path: ["labelEn"], message: e("labelRequired") });
  });
export type ConcernKindIntent = z.infer<typeof concernKindActions>["intent"];
