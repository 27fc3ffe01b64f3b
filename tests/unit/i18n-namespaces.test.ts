import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lazyTexts } from "~/lib/locales/lazy";
import { declaredNamespaces } from "../../scripts/route-namespaces";

// The browser fetches a page's texts by the namespaces its routes declare in `handle.i18n` (app/lib/i18n.ts); one
// left out shows raw keys. This reads each route and the app modules it imports (not .server ones: they never reach
// the browser, and the route's own namespaces cover the error keys its models return) and lists what they use.

const camel = (file: string) => file.replace(/\.json$/, "").replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
const files = readdirSync("locales/sv").filter((f) => f.endsWith(".json"));
const texts: Record<string, unknown> = Object.fromEntries(
  files.map((f) => [camel(f), JSON.parse(readFileSync(path.join("locales/sv", f), "utf8"))]),
);

/** What a dotted key names in a namespace: a text (plurals included), a group of texts, or nothing. */
function lookup(ns: string, key: string): "text" | "group" | undefined {
  let node = texts[ns];
  for (const part of key.split(".")) {
    if (!node || typeof node !== "object") return undefined;
    const group = node as Record<string, unknown>;
    if (part in group) node = group[part];
    else return `${part}_one` in group ? "text" : undefined;
  }
  return node && typeof node === "object" ? "group" : "text";
}

function resolveImport(spec: string, from: string) {
  if (spec === "~/root" || /\.server$/.test(spec)) return null; // the layout's texts are "common"; see above
  const base = spec.startsWith("~/")
    ? path.join("app", spec.slice(2))
    : spec.startsWith(".")
      ? path.join(path.dirname(from), spec)
      : null;
  if (!base) return null;
  return [".ts", ".tsx", ""].map((ext) => base + ext).find((f) => /\.tsx?$/.test(f) && existsSync(f)) ?? null;
}

/** The namespaces a module and what it imports use, each with where it was first seen. */
function namespacesUsed(file: string, seen = new Set<string>(), used = new Map<string, string>()) {
  if (seen.has(file)) return used;
  seen.add(file);
  const source = readFileSync(file, "utf8");
  const use = (ns: string, why: string) => used.has(ns) || used.set(ns, `${file}: ${why}`);
  for (const [call, one, list] of source.matchAll(/useTranslation\(\s*(?:"(\w+)"|\[([^\]]*)\])?/g)) {
    for (const ns of one ? [one] : list ? [...list.matchAll(/"(\w+)"/g)].map((m) => m[1]) : ["common"]) use(ns, call);
  }
  // Keys written with their namespace, "reports:list.title" or `common:roles.${role}`; other "x:y" strings
  // (permissions such as "stats:read") name no text and are skipped.
  for (const [literal, ns, key, template] of source.matchAll(/["'`](\w+):([\w.]*)(\$\{)?/g)) {
    if (!(ns in texts)) continue;
    const found = lookup(ns, key.replace(/\.$/, ""));
    if (template ? found : found === "text") use(ns, literal);
  }
  for (const [, spec] of source.matchAll(/from\s+"([^"]+)"/g)) {
    const imported = resolveImport(spec, file);
    if (imported && !imported.startsWith("app/routes/")) namespacesUsed(imported, seen, used);
  }
  return used;
}

const declared = (file: string) => declaredNamespaces(file).sort();

describe("route texts", () => {
  for (const file of readdirSync("app/routes").sort()) {
    it(`${file} declares the namespaces it uses`, () => {
      const used = namespacesUsed(path.join("app/routes", file));
      used.delete("common"); // every page has it
      const where = [...used.values()].join("\n");
      expect(declared(path.join("app/routes", file)), `export const handle = { i18n: [...] } for:\n${where}`).toEqual(
        [...used.keys()].sort(),
      );
    });
  }

  it("finds uses (the scan still reads the code)", () => {
    expect([...namespacesUsed("app/routes/reports.$reportId._index.tsx").keys()].sort()).toEqual([
      "common",
      "meetings",
      "reports",
    ]);
  });

  it("every namespace of every language is a lazily loaded chunk of the right file", async () => {
    for (const [lang, loaders] of Object.entries(lazyTexts)) {
      expect(Object.keys(loaders).sort()).toEqual(files.map(camel).sort());
      for (const file of files) {
        const loaded = await loaders[camel(file) as keyof typeof loaders]();
        expect(loaded.default, `${lang}/${file}`).toEqual(
          JSON.parse(readFileSync(path.join("locales", lang, file), "utf8")),
        );
      }
    }
  });
});
