import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { formatDateTime, i18nFor } from "~/lib/i18n";
import { serverLocales } from "~/lib/locales/all.server";
import { detectLocale } from "~/lib/i18n.server";
import type { CurrentUser } from "~/lib/permissions.server";

function keysOf(value: unknown, prefix = ""): string[] {
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

// i18next plural suffixes differ by language in principle; sv and en use the same two (_one, _other).
const namespaces = (lang: string) => readdirSync(path.resolve("locales", lang)).sort();

describe("translations", () => {
  it("has the same namespaces in Swedish and English", () => {
    expect(namespaces("en")).toEqual(namespaces("sv"));
  });

  for (const file of namespaces("sv")) {
    it(`${file}: Swedish and English have exactly the same keys, none empty`, () => {
      const sv = JSON.parse(readFileSync(path.resolve("locales/sv", file), "utf8"));
      const en = JSON.parse(readFileSync(path.resolve("locales/en", file), "utf8"));
      expect(keysOf(en).sort()).toEqual(keysOf(sv).sort());
      for (const dict of [sv, en]) {
        for (const key of keysOf(dict)) {
          const text = key.split(".").reduce((o: Record<string, unknown>, k) => o[k] as never, dict);
          expect(String(text).trim(), key).not.toBe("");
        }
      }
    });
  }
});

describe("language detection", () => {
  const user = (locale: "sv" | "en" | null) => ({ locale }) as CurrentUser;
  const req = (headers: Record<string, string>) => new Request("http://localhost/", { headers });

  it("prefers the user's setting, then the cookie, then Accept-Language, then Swedish", () => {
    expect(detectLocale(req({ Cookie: "lang=sv", "Accept-Language": "sv" }), user("en"))).toBe("en");
    expect(detectLocale(req({ Cookie: "lang=en", "Accept-Language": "sv" }), user(null))).toBe("en");
    expect(detectLocale(req({ "Accept-Language": "en-GB,en;q=0.9,sv;q=0.5" }))).toBe("en");
    expect(detectLocale(req({ "Accept-Language": "sv-SE,sv;q=0.9,en;q=0.5" }))).toBe("sv");
    expect(detectLocale(req({ "Accept-Language": "de-DE" }))).toBe("sv");
    expect(detectLocale(req({}))).toBe("sv");
    expect(detectLocale(req({ Cookie: "lang=fr" }))).toBe("sv");
  });
});

describe("dates", () => {
  it("are shown in Swedish time whatever the machine's zone", () => {
    // 23:30 UTC in November is 00:30 the next day in Stockholm (CET, UTC+1).
    expect(formatDateTime("2026-11-23T23:30:00Z", "sv")).toBe("24 nov. 2026 00:30");
    // In summer Stockholm is UTC+2.
    expect(formatDateTime("2026-07-01T10:00:00Z", "en", { dateStyle: "short", timeStyle: "short" })).toBe(
      "01/07/2026, 12:00",
    );
  });
});

describe("the server's remembered lookups", () => {
  // A fresh instance without the memo: what i18next itself answers.
  const plain = (lng: "sv" | "en") => {
    const instance = i18next.createInstance();
    void instance.init({
      resources: serverLocales,
      lng,
      fallbackLng: "sv",
      ns: Object.keys(serverLocales.sv),
      initImmediate: false,
      interpolation: { escapeValue: false },
    });
    return instance;
  };

  for (const lng of ["sv", "en"] as const) {
    it(`${lng}: every key gives i18next's own text, the first time and when remembered`, () => {
      const reference = plain(lng);
      let checked = 0;
      for (const ns of Object.keys(serverLocales.sv)) {
        const t = i18nFor(lng).getFixedT(lng, ns);
        const expected = reference.getFixedT(lng, ns);
        for (const key of keysOf(serverLocales[lng][ns as keyof (typeof serverLocales)["sv"]])) {
          // Plural forms are reached through a count, not by their own key.
          const base = key.replace(/_(one|other)$/, "");
          expect(t(base), `${ns}:${base}`).toBe(expected(base));
          expect(t(base), `${ns}:${base} remembered`).toBe(expected(base));
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThan(500);
    });
  }

  it("still asks i18next when there are options, with a prefix, and in another namespace", () => {
    const t = i18nFor("sv").getFixedT("sv", "stats");
    expect(t("reports.days", { count: 1 })).not.toBe(t("reports.days", { count: 3 }));
    expect(t("reports.days", { count: 3 })).toContain("3");
    expect(i18nFor("en").getFixedT("en", "stats", "reports")("heading")).toBe(t("reports.heading", { lng: "en" }));
    expect(t("title")).toBe("Statistik");
    expect(i18nFor("sv").getFixedT("sv", "common")("title")).toBe(plain("sv").getFixedT("sv", "common")("title"));
  });
});
