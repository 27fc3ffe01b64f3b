import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every import points down (docs/ARCHITECTURE.md, "Layers"): routes and components → server → models → lib → domain,
 * and db/ below them all but the domain's vocabulary. A file that imports a layer above its own fails here, with the
 * line that does it. Type-only imports are allowed upward (a component may name its route's loader type).
 */

const layers = ["domain", "db", "lib", "models", "server", "demo", "components", "routes"] as const;
type Layer = (typeof layers)[number];

/** What each layer may import (besides npm packages and itself). */
const allowed: Record<Layer, Layer[]> = {
  domain: [],
  db: ["domain"],
  lib: ["domain", "db"],
  models: ["domain", "db", "lib"],
  server: ["domain", "db", "lib", "models", "demo"],
  demo: ["domain", "db", "lib", "models"],
  components: ["domain", "lib"],
  routes: ["domain", "lib", "models", "server", "components", "demo"],
};

const ROOT = path.resolve(__dirname, "../..");

function layerOf(file: string): Layer | null {
  const rel = path.relative(ROOT, file).split(path.sep);
  if (rel[0] === "db") return "db";
  if (rel[0] !== "app") return null;
  // The server entry starts and stops the process (app/server/startup.server.ts); the rest render pages.
  if (rel[1] === "entry.server.tsx") return "server";
  if (rel[1] === "root.tsx" || rel[1] === "entry.client.tsx") return "routes";
  return (layers as readonly string[]).includes(rel[1]) ? (rel[1] as Layer) : null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

function target(from: string, spec: string): string | null {
  if (spec.startsWith("~/")) return path.join(ROOT, "app", spec.slice(2));
  if (spec.startsWith("#db/")) return path.join(ROOT, "db", spec.slice(4));
  if (spec.startsWith(".")) return path.resolve(path.dirname(from), spec);
  return null;
}

const importPattern = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+["']([^"']+)["']/gm;

describe("layers", () => {
  const files = [...sourceFiles(path.join(ROOT, "app")), ...sourceFiles(path.join(ROOT, "db"))];

  it("finds the layers it checks", () => {
    const seen = new Set(files.map(layerOf));
    for (const layer of layers) expect(seen.has(layer), layer).toBe(true);
  });

  it("every import points down", () => {
    const upward: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      if (!from) continue;
      const source = readFileSync(file, "utf8");
      for (const match of source.matchAll(importPattern)) {
        const [, , typeOnly, spec] = match;
        const resolved = target(file, spec);
        if (!resolved || typeOnly) continue;
        const to = layerOf(resolved);
        if (!to || to === from || allowed[from].includes(to)) continue;
        upward.push(`${path.relative(ROOT, file)} (${from}) imports ${spec} (${to})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("the domain has no database, no React and no server", () => {
    const impure = files
      .filter((f) => layerOf(f) === "domain")
      .flatMap((file) =>
        [...readFileSync(file, "utf8").matchAll(importPattern)]
          .filter(([, , typeOnly, spec]) => !typeOnly && /^(react|@remix-run|drizzle-orm|postgres|node:)/.test(spec))
          .map(([, , , spec]) => `${path.relative(ROOT, file)} imports ${spec}`),
      );
    expect(impure).toEqual([]);
  });
});
