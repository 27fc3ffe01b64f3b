// Two or more capitalised words in a row ("Anna Svensson", "Ali Hassan Omar"): what a full name looks like in
// Swedish text, where ordinary nouns are lower-case. Place names match too; that is why it only warns.
const NAME_LIKE = /\p{Lu}[\p{Ll}'’-]+(?:[ \t]+\p{Lu}[\p{Ll}'’-]+)+/gu;

/** Words that look like a full name, for a warning the worker must confirm. */
export function possibleNames(text: string): string[] {
  return [...new Set(text.match(NAME_LIKE) ?? [])];
}
