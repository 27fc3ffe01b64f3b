/**
 * Only paths inside the portal: never another host (`//evil`, `/\evil`) or a scheme. Control characters are
 * refused outright, since browsers drop tabs and newlines and `/\t/evil` would become `//evil`.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  if (to.startsWith("//")) return fallback;
  return to;
}
