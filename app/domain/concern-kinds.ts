/**
 * Kinds of concern: each municipality keeps its own list (db/schema/concern-kinds.ts), starting from these defaults.
 * A default's label comes from the locales (reports:concernKinds.codes.<code>) until a coordinator words it otherwise.
 */
export const DEFAULT_CONCERN_KINDS = [
  { code: "physical_violence", violence: true },
  { code: "sexual_abuse", violence: true },
  { code: "psychological_violence", violence: false },
  { code: "witnessing_violence", violence: true },
  { code: "neglect", violence: false },
  { code: "honour_related", violence: false },
  { code: "own_behaviour", violence: false },
  { code: "school_absence", violence: false },
  { code: "parental_substance_or_mental_illness", violence: false },
  { code: "other", violence: false },
] as const;
export type DefaultConcernKindCode = (typeof DEFAULT_CONCERN_KINDS)[number]["code"];

export const isDefaultConcernKind = (code: string): code is DefaultConcernKindCode =>
  DEFAULT_CONCERN_KINDS.some((k) => k.code === code);

/**
 * The city's guidelines: a police report must always be considered when the child is subjected to or witnesses
 * violence (physical violence, sexual abuse, witnessing violence between adults, or a kind a coordinator marked so).
 */
export function requiresPoliceConsideration(kinds: readonly { violence: boolean }[]): boolean {
  return kinds.some((k) => k.violence);
}

/** A kind's name in the reader's language: the coordinator's wording, else the portal's for a default. */
export function concernKindLabel(
  kind: { code: string; labelSv: string | null; labelEn: string | null },
  locale: "sv" | "en",
  t: (key: string) => string,
): string {
  const own = locale === "en" ? (kind.labelEn ?? kind.labelSv) : (kind.labelSv ?? kind.labelEn);
  return own ?? t(`reports:concernKinds.codes.${kind.code}`);
}
