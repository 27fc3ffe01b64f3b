/**
 * The production server over real HTTP: headers, origin checks, body limits, login, record isolation, shutdown.
 * Two servers for the whole file (embedded PGlite, demo data): a plain one, and one with PUBLIC_URL=https://….
 * The last test stops the plain one with SIGTERM; afterAll stops the other and fails if it does not exit.
 */
import { getZodConstraint } from "@conform-to/zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childHeardSchema, noteSchema, requestSupplementSchema } from "~/domain/report-case-schema";
import {
  CookieJar,
  DEMO_PASSWORD,
  isSignedIn,
  login,
  request,
  SESSION_COOKIE,
  startServer,
  type RunningServer,
} from "./helpers";

const MiB = 1024 * 1024;
const rektor = "rektor@exempelstad.example";
const larare = "larare@exempelstad.example";

// On this machine: demo mode is refused behind https on any other host (tests/unit/demo-mode-guard.test.ts).
const PUBLIC_URL = "https://localhost:8443";
let server: RunningServer;
/** The same server as deployed behind TLS: PUBLIC_URL=https://… (requests still reach it over plain HTTP). */
let httpsServer: RunningServer;
const forgedHeaders: Record<string, string>[] = [
  { Origin: "http://evil.example" },
  { "Sec-Fetch-Site": "cross-site" },
  // An opaque origin from somewhere else (a sandboxed frame, a data: page) is no proof of our own form.
  { Origin: "null", "Sec-Fetch-Site": "cross-site" },
  { Origin: "null" },
];

beforeAll(async () => {
  // Started side by side: startup (migrations, demo seed) is most of this file's time.
  const started = await Promise.allSettled([startServer(), startServer({ PUBLIC_URL })]);
  const up = started.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) {
    await Promise.all(up.map((s) => s.stop()));
    throw failed.reason;
  }
  [server, httpsServer] = up;
});

afterAll(async () => {
  const running = [server, httpsServer].filter(
    (s) => s && s.process.exitCode === null && s.process.signalCode === null,
  );
  // stop() throws if a server does not exit after SIGTERM.
  await Promise.all(running.map((s) => s.stop()));
});

function nonceOf(response: Response) {
  const csp = response.headers.get("Content-Security-Policy") ?? "";
  return /script-src [^;]*'nonce-([^']+)'/.exec(csp)?.[1];
}

/** A body sent chunked (no Content-Length): `total` bytes in 64 KiB pieces. */
function chunkedBody(total: number, prefix = "") {
  let sent = 0;
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0 && prefix) {
        const head = encoder.encode(prefix);
        sent += head.length;
        return controller.enqueue(head);
      }
      if (sent >= total) return controller.close();
      const size = Math.min(64 * 1024, total - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
}

describe("security headers", () => {
  it("puts a fresh CSP nonce on every request and on every script of the page", async () => {
    const first = await request(server, "/login");
    const second = await request(server, "/login");
    const html = await first.text();
    await second.body?.cancel();
    const nonce = nonceOf(first);
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
    expect(nonceOf(second)).toBeTruthy();
    expect(nonceOf(second)).not.toBe(nonce);

    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("sends the framing, referrer, sniffing and request-id headers", async () => {
    const a = await request(server, "/login");
    const b = await request(server, "/login");
    await Promise.all([a.body?.cancel(), b.body?.cancel()]);
    const csp = a.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(a.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(a.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(a.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.headers.get("X-Request-Id")).not.toBe(a.headers.get("X-Request-Id"));
    // Plain HTTP: no HSTS.
    expect(a.headers.get("Strict-Transport-Security")).toBeNull();
  });

  it("marks pages behind login no-store and hashed /build/ assets immutable for a year", async () => {
    const jar = await login(server, rektor);
    const page = await request(server, "/inbox", { jar });
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).toBe("no-store");
    const html = await page.text();

    const asset = /(?:href|src)="(\/build\/[^"]+)"/.exec(html)?.[1];
    expect(asset, "a /build/ asset linked from the page").toBeTruthy();
    const file = await request(server, asset!);
    await file.body?.cancel();
    expect(file.status).toBe(200);
    const cacheControl = file.headers.get("Cache-Control") ?? "";
    expect(cacheControl).toContain("max-age=31536000");
    expect(cacheControl).toContain("immutable");
    expect(file.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });

  it("serves the files at the top of public/ for an hour, and hands other paths to the app", async () => {
    const icon = await request(server, "/favicon.svg");
    expect(icon.status).toBe(200);
    expect(icon.headers.get("Content-Type")).toContain("image/svg+xml");
    expect(icon.headers.get("Cache-Control")).toContain("max-age=3600");
    expect(await icon.text()).toContain("<svg");
    // A path that is no file reaches Remix: its own 404 page, not the static handler's plain answer.
    const missing = await request(server, "/favicon.svg.missing");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("Content-Type")).toContain("text/html");
    expect(await missing.text()).toContain("<main");
  });

  it("sets the session cookie HttpOnly, SameSite=Lax, Path=/ (not Secure over plain HTTP)", async () => {
    const response = await request(server, "/login", { form: { email: larare, password: DEMO_PASSWORD } });
    expect(response.status).toBe(302);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(cookie).toBeTruthy();
    const attributes = cookie!.split(";").map((a) => a.trim().toLowerCase());
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    expect(attributes).not.toContain("secure");
  });
});

describe("behind TLS (PUBLIC_URL=https://…)", () => {
  it("names the session cookie __Host-…, marks it Secure, and sends HSTS", async () => {
    const page = await request(httpsServer, "/login");
    await page.body?.cancel();
    expect(page.headers.get("Strict-Transport-Security")).toBe("max-age=63072000; includeSubDomains");

    // As a TLS proxy forwards it: the browser's Origin is the public one, and so is the forwarded host.
    const proxied = { "X-Forwarded-Host": new URL(PUBLIC_URL).host, "X-Forwarded-Proto": "https" };
    const jar = new CookieJar();
    const response = await request(httpsServer, "/login", {
      jar,
      headers: { ...proxied, Origin: PUBLIC_URL },
      form: { email: rektor, password: DEMO_PASSWORD },
    });
    await response.body?.cancel();
    expect(response.status).toBe(302);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("__Host-"));
    expect(cookie).toBeTruthy();
    const attributes = cookie!.split(";").map((a) => a.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax", "path=/"]));
    expect(attributes.some((a) => a.startsWith("domain="))).toBe(false);
    expect(response.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
    expect(await isSignedIn(httpsServer, jar)).toBe(true);

    const forged = await request(httpsServer, "/logout", {
      jar,
      headers: { ...proxied, Origin: "https://evil.example" },
      form: {},
    });
    await forged.body?.cancel();
    expect(forged.status).toBe(403);
  });
});

describe("cross-origin requests", () => {
  it("refuses a forged login with 403 and sets no cookie", async () => {
    for (const headers of forgedHeaders) {
      const jar = new CookieJar();
      const response = await request(server, "/login", {
        jar,
        headers,
        form: { email: rektor, password: DEMO_PASSWORD },
      });
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(await response.text()).toContain("Begäran kom från en annan webbplats");
      expect(jar.cookies.size).toBe(0);
    }
  });

  it("accepts the portal's own form posted with Origin: null, as browsers send it under Referrer-Policy: no-referrer", async () => {
    const jar = new CookieJar();
    const response = await request(server, "/login", {
      jar,
      headers: { Origin: "null", "Sec-Fetch-Site": "same-origin" },
      form: { email: rektor, password: DEMO_PASSWORD },
    });
    await response.body?.cancel();
    expect(response.status).toBe(302);
    expect(await isSignedIn(server, jar)).toBe(true);
  });

  it("answers the refusal in English when the browser prefers it", async () => {
    const response = await request(server, "/login", {
      headers: { Origin: "http://evil.example", "Accept-Language": "en-GB,en;q=0.9" },
      form: { email: rektor, password: DEMO_PASSWORD },
    });
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("The request came from another site");
  });

  it("refuses a forged logout and a GET /logout; the session keeps working; a real logout ends it", async () => {
    const jar = await login(server, rektor);
    expect(await isSignedIn(server, jar)).toBe(true);

    for (const headers of forgedHeaders) {
      const forged = await request(server, "/logout", { jar, headers, form: {} });
      await forged.body?.cancel();
      expect(forged.status, JSON.stringify(headers)).toBe(403);
      expect(await isSignedIn(server, jar)).toBe(true);
    }

    const get = await request(server, "/logout", { jar });
    await get.body?.cancel();
    expect(get.status).toBe(302);
    expect(get.headers.getSetCookie()).toEqual([]);
    expect(await isSignedIn(server, jar)).toBe(true);

    // The control: the same POST from the portal's own page does log out, and the old cookie is dead server-side.
    const kept = jar.clone();
    const real = await request(server, "/logout", { jar, form: {} });
    await real.body?.cancel();
    expect(real.status).toBe(302);
    expect(real.headers.get("Location")).toBe("/login");
    expect(jar.get(SESSION_COOKIE)).toBeUndefined();
    expect(await isSignedIn(server, kept)).toBe(false);
  });
});

describe("body size limit", () => {
  it("answers 413 to a declared Content-Length over 1 MiB", async () => {
    const body = `email=${encodeURIComponent(rektor)}&password=x&pad=${"a".repeat(MiB)}`;
    const response = await request(server, "/login", {
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("För mycket data");
  });

  it("answers 413 to a chunked body (no Content-Length) once it passes 1 MiB, in the browser's language", async () => {
    const response = await request(server, "/login", {
      body: chunkedBody(MiB + 256 * 1024, `email=${encodeURIComponent(rektor)}&password=x&pad=`),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url, "Accept-Language": "en" },
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("Too much data");
    // The server is fine afterwards.
    expect((await request(server, "/healthz")).status).toBe(200);
  });

  it("still hands smaller bodies to the app, chunked or not, up to exactly 1 MiB", async () => {
    const fields = `email=${encodeURIComponent(larare)}&password=${DEMO_PASSWORD}&redirectTo=%2F&pad=`;
    const chunkedJar = new CookieJar();
    const chunked = await request(server, "/login", {
      jar: chunkedJar,
      body: chunkedBody(fields.length + 200 * 1024, fields),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
    });
    await chunked.body?.cancel();
    expect(chunked.status).toBe(302);
    expect(await isSignedIn(server, chunkedJar)).toBe(true);

    const exactJar = new CookieJar();
    const exact = await request(server, "/login", {
      jar: exactJar,
      body: fields + "a".repeat(MiB - fields.length),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
    });
    await exact.body?.cancel();
    expect(exact.status).toBe(302);
    expect(await isSignedIn(server, exactJar)).toBe(true);
  });
});

describe("login over HTTP", () => {
  it("gives the generic message for wrong credentials and keeps the e-mail", async () => {
    const jar = new CookieJar();
    const response = await request(server, "/login", { jar, form: { email: rektor, password: "wrong-password" } });
    expect([200, 400]).toContain(response.status);
    const html = await response.text();
    expect(html).toContain("Fel e-postadress eller lösenord");
    expect(html).toMatch(
      new RegExp(`<input[^>]*name="email"[^>]*value="${rektor}"|<input[^>]*value="${rektor}"[^>]*name="email"`),
    );
    expect(html).not.toContain('value="wrong-password"');
    expect(jar.get(SESSION_COOKIE)).toBeUndefined();
  });

  it("shows field errors in the browser's language and keeps the typed e-mail", async () => {
    const typed = "someone@exempelstad.example";
    const english = await request(server, "/login", {
      headers: { "Accept-Language": "en-US,en;q=0.9" },
      form: { email: typed, password: "" },
    });
    const englishHtml = await english.text();
    expect(englishHtml).toContain("Enter your password.");
    expect(englishHtml).toContain(`value="${typed}"`);

    const englishEmail = await request(server, "/login", {
      headers: { "Accept-Language": "en" },
      form: { email: "", password: "something" },
    });
    expect(await englishEmail.text()).toContain("Enter your e-mail address.");

    const swedish = await request(server, "/login", {
      headers: { "Accept-Language": "sv-SE" },
      form: { email: typed, password: "" },
    });
    const swedishHtml = await swedish.text();
    expect(swedishHtml).toContain("Fyll i ditt lösenord.");
    expect(swedishHtml).toContain(`value="${typed}"`);
  });

  it("locks the account after five failures, even for the right password", async () => {
    const email = "styrgrupp@exempelstad.example";
    for (let i = 1; i <= 5; i++) {
      const response = await request(server, "/login", { form: { email, password: `wrong-${i}` } });
      expect(await response.text(), `failure ${i}`).toContain("Fel e-postadress eller lösenord");
    }
    const jar = new CookieJar();
    const locked = await request(server, "/login", { jar, form: { email, password: DEMO_PASSWORD } });
    expect(locked.status).not.toBe(302);
    expect(await locked.text()).toContain("För många misslyckade försök");
    expect(jar.get(SESSION_COOKIE)).toBeUndefined();
  });

  it("sends an unknown session cookie to /login with redirectTo", async () => {
    const jar = new CookieJar({ [SESSION_COOKIE]: "not-a-session-token" });
    const response = await request(server, "/inbox", { jar });
    await response.body?.cancel();
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Finbox");
  });

  it("gives a new session id at every login (no fixation)", async () => {
    const planted = "attacker-chosen-token-0123456789abcdef";
    const jar = await login(
      server,
      "samordnare@exempelstad.example",
      DEMO_PASSWORD,
      new CookieJar({ [SESSION_COOKIE]: planted }),
    );
    const first = jar.get(SESSION_COOKIE);
    expect(first).toBeTruthy();
    expect(first).not.toBe(planted);
    expect(await isSignedIn(server, new CookieJar({ [SESSION_COOKIE]: planted }))).toBe(false);

    const again = await login(server, "samordnare@exempelstad.example");
    expect(again.get(SESSION_COOKIE)).not.toBe(first);
    expect(await isSignedIn(server, jar)).toBe(true);
  });
});

describe("record isolation", () => {
  it("answers 404 for another user's inbox message", async () => {
    const owner = await login(server, rektor);
    const other = await login(server, larare);
    const inbox = await request(server, "/inbox", { jar: owner });
    expect(inbox.status).toBe(200);
    const ids = [...(await inbox.text()).matchAll(/href="\/inbox\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    const id = ids[0];

    const own = await request(server, `/inbox/${id}`, { jar: owner });
    await own.body?.cancel();
    expect(own.status).toBe(200);

    const foreign = await request(server, `/inbox/${id}`, { jar: other });
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).toContain("Sidan finns inte");
  });
});

describe("the report page's forms", () => {
  /** The attributes of the element with `id` in the page's HTML. */
  const attributesOf = (html: string, id: string) => {
    const tag = new RegExp(`<(?:textarea|input)[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0] ?? "";
    return { required: /\srequired=""/.test(tag), maxLength: Number(/maxLength="(\d+)"/i.exec(tag)?.[1]) };
  };

  it("give the browser the rules their step routes parse with", async () => {
    const reception = await login(server, "mottagning@exempelstad.example");
    const list = await (await request(server, "/reports", { jar: reception })).text();
    const id = /href="\/reports\/([0-9a-f-]{36})"/.exec(list)?.[1];
    expect(id, "a report on reception's list").toBeTruthy();
    const page = await (await request(server, `/reports/${id}`, { jar: reception })).text();
    const rules = [
      ["note-text", getZodConstraint(noteSchema).text],
      ["supplement-question", getZodConstraint(requestSupplementSchema).question],
      ["child-heard-note", getZodConstraint(childHeardSchema).text],
    ] as const;
    for (const [field, rule] of rules) {
      expect(attributesOf(page, field), field).toEqual({ required: rule?.required, maxLength: rule?.maxLength });
    }
  });
});

describe("health and shutdown", () => {
  it("answers /healthz with 200 and no-store", async () => {
    const response = await request(server, "/healthz");
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok" });
  });

  // Last: it ends the server the other tests share.
  it("exits with code 0 within a few seconds of SIGTERM, even with a connection kept alive", async () => {
    const jar = await login(server, rektor);
    expect(await isSignedIn(server, jar)).toBe(true);
    const { code, signal, ms } = await server.stop(5_000);
    expect(signal).toBeNull();
    expect(code).toBe(0);
    expect(ms).toBeLessThan(5_000);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
