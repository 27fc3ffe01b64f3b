/**
 * Only paths inside the portal: never another host (`//evil`, `/\evil`) or a scheme. Control characters are
 * refused outright, since browsers drop tabs and newlines and `/\t/evil` would become `//evil`. So is anything past
 * ASCII: the portal's own addresses are percent-encoded, and a Location header cannot carry it (a 500, not a redirect).
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || /[^\u0020-\u007e]|\\/.test(to)) return fallback;
  if (to.startsWith("//")) return fallback;
  return to;
}
