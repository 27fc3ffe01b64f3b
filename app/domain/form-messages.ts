/**
 * A form schema's messages, translation keys in a namespace's `errors` (or another group of its texts): `e(key)` the
 * key in full, for a rule's message; `says(key)` zod's options giving that message whatever the type check refuses
 * (a missing field, a value not a string, one not of an enum).
 */
export function messagesOf(namespace: string, group = "errors") {
  const e = (key: string) => `${namespace}:${group}.${key}`;
  const says = (key: string) => ({ errorMap: () => ({ message: e(key) }) });
  return { e, says };
}
