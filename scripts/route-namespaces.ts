import { readFileSync } from "node:fs";

/**
 * The text namespaces a route file names in `export const handle = { i18n: [...] }`, read from its source: for tools
 * that must not load the app (the bench, the namespace test).
 */
export function declaredNamespaces(file: string): string[] {
  const handle = /export const handle\b[^=]*=\s*\{\s*i18n:\s*\[([^\]]*)\]/.exec(readFileSync(file, "utf8"));
  return handle ? [...handle[1].matchAll(/"(\w+)"/g)].map((m) => m[1]) : [];
}
