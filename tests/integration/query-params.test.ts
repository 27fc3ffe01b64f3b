import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "#db/schema";
import { createSteeringMeeting } from "~/models/steering-log.server";
import { getCurrentUser } from "~/models/user.server";
import { sessionCookieFor } from "../factories";
import { createRouteFixture, REVIEW_MONTH, type RouteFixture } from "../route-fixture";
import { callRoute } from "../routes";

/**
 * Issue 17, defect 10: `/meetings?week=2026-13-45` gave a 500. Every page's loader, as a role that may see it, gets
 * bad values for each query parameter it reads and for each parameter in its address: the page with its defaults,
 * a 4xx or a redirect, never a 5xx. Generated from the route files: a new route with a loader needs an entry here.
 */

type Who = Role | "anonymous";
interface Page {
  who: Who;
  /** Addresses that together reach every way the loader reads its query (a branch per period kind, say). */
  paths: (f: RouteFixture) => string[];
  /** The route's own parameters (from the address) for these paths. */
  params?: (f: RouteFixture) => Record<string, string>;
}

const one =
  (p: string): Page["paths"] =>
  () => [p];

const pages: Record<string, Page> = {
  "$.tsx": { who: "staff", paths: one("/no-such-page"), params: () => ({ "*": "no-such-page" }) },
  "_index.tsx": { who: "staff", paths: one("/") },
  "admin.audit.tsx": { who: "admin", paths: one("/admin/audit?page=2&from=2026-01-01&to=2026-02-01&recordType=user") },
  "admin.units.$unitId.tsx": {
    who: "admin",
    paths: (f) => [`/admin/units/${f.world.unit.school.id}`],
    params: (f) => ({ unitId: f.world.unit.school.id }),
  },
  "admin.sign-in.tsx": { who: "admin", paths: one("/admin/sign-in?notice=providerSaved") },
  "admin.units._index.tsx": { who: "admin", paths: one("/admin/units") },
  "admin.users.$userId.tsx": {
    who: "admin",
    paths: (f) => [`/admin/users/${f.world.user.staff.id}`],
    params: (f) => ({ userId: f.world.user.staff.id }),
  },
  "admin.users._index.tsx": { who: "admin", paths: one("/admin/users?page=1") },
  "admin.users.new.tsx": { who: "admin", paths: one("/admin/users/new") },
  "advice.$consultationId.tsx": {
    who: "reception_worker",
    paths: (f) => [`/advice/${f.consultation}`],
    params: (f) => ({ consultationId: f.consultation }),
  },
  "advice._index.tsx": { who: "reception_worker", paths: one("/advice?from=2026-01-01&to=2026-12-31&page=1") },
  "advice.new.tsx": { who: "reception_worker", paths: one("/advice/new") },
  "advice[.csv].ts": { who: "reception_worker", paths: one("/advice.csv?from=2026-01-01&to=2026-12-31") },
  "advice[.xlsx].ts": { who: "reception_worker", paths: one("/advice.xlsx?from=2026-01-01&to=2026-12-31") },
  "bench.bare.tsx": { who: "staff", paths: one("/bench/bare") },
  "calendar.$token[.ics].ts": {
    who: "anonymous",
    paths: one("/calendar/garbage.ics"),
    params: () => ({ token: "garbage" }),
  },
  "dev.mail.tsx": { who: "staff", paths: one("/dev/mail") },
  "feedback.$feedbackId.tsx": {
    who: "staff",
    paths: (f) => [`/feedback/${f.feedback}`],
    params: (f) => ({ feedbackId: f.feedback }),
  },
  "feedback._index.tsx": { who: "reception_worker", paths: one("/feedback") },
  "feedback.texts.tsx": { who: "coordinator", paths: one("/feedback/texts") },
  "guidance.$slug.tsx": {
    who: "staff",
    paths: (f) => [`/guidance/${f.article.slug}`],
    params: (f) => ({ slug: f.article.slug }),
  },
  "guidance._index.tsx": { who: "staff", paths: one("/guidance?q=anm") },
  "guidance.agreement.tsx": { who: "staff", paths: one("/guidance/agreement") },
  "guidance.manage.$articleId.tsx": {
    who: "coordinator",
    paths: (f) => [`/guidance/manage/${f.article.id}`],
    params: (f) => ({ articleId: f.article.id }),
  },
  "guidance.manage.$articleId_.versions.$number.tsx": {
    who: "coordinator",
    paths: (f) => [`/guidance/manage/${f.article.id}/versions/1`],
    params: (f) => ({ articleId: f.article.id, number: "1" }),
  },
  "guidance.manage._index.tsx": { who: "coordinator", paths: one("/guidance/manage") },
  "guidance.manage.concern-kinds.tsx": { who: "coordinator", paths: one("/guidance/manage/concern-kinds") },
  "guidance.manage.contacts.tsx": { who: "coordinator", paths: one("/guidance/manage/contacts") },
  "guidance.manage.new.tsx": { who: "coordinator", paths: one("/guidance/manage/new") },
  "guidance.should-i-report.tsx": { who: "staff", paths: one("/guidance/should-i-report?a=no&a=yes") },
  "healthz.ts": { who: "anonymous", paths: one("/healthz") },
  "inbox.$messageId.tsx": {
    who: "staff",
    paths: (f) => [`/inbox/${f.messageOf.staff}`],
    params: (f) => ({ messageId: f.messageOf.staff }),
  },
  "inbox._index.tsx": { who: "staff", paths: one("/inbox") },
  "invitations.$invitationId.calendar[.ics].ts": {
    who: "staff",
    paths: (f) => [`/invitations/${f.invitation}/calendar.ics`],
    params: (f) => ({ invitationId: f.invitation }),
  },
  "invitations.$invitationId.tsx": {
    who: "staff",
    paths: (f) => [`/invitations/${f.invitation}`],
    params: (f) => ({ invitationId: f.invitation }),
  },
  "invitations._index.tsx": { who: "staff", paths: one("/invitations") },
  "language.tsx": { who: "staff", paths: one("/language") },
  "login.tsx": { who: "anonymous", paths: one("/login?redirectTo=/reports") },
  "login_.code.tsx": { who: "anonymous", paths: one("/login/code?redirectTo=/reports") },
  "login_.confirm.tsx": { who: "staff", paths: one("/login/confirm?redirectTo=/reports&reason=export") },
  "login_.oidc.tsx": { who: "anonymous", paths: one("/login/oidc?municipality=x&redirectTo=/reports") },
  "login_.oidc.callback.tsx": { who: "anonymous", paths: one("/login/oidc/callback?code=x&state=y&iss=z") },
  "logout.tsx": { who: "anonymous", paths: one("/logout") },
  "meetings._index.tsx": { who: "reception_worker", paths: one("/meetings?week=2026-03-25") },
  "reports.$reportId.tsx": {
    who: "reception_worker",
    paths: (f) => [`/reports/${f.report}`],
    params: (f) => ({ reportId: f.report }),
  },
  "reports.$reportId_.feedback.tsx": {
    who: "reception_worker",
    paths: (f) => [`/reports/${f.report}/feedback?recipient=${f.world.user.staff.id}&kind=school_support`],
    params: (f) => ({ reportId: f.report }),
  },
  "reports.$reportId_.receipt.tsx": {
    who: "staff",
    paths: (f) => [`/reports/${f.report}/receipt`],
    params: (f) => ({ reportId: f.report }),
  },
  "reports.$reportId_.guardian-consent.tsx": {
    who: "staff",
    paths: (f) => [`/reports/${f.report}/guardian-consent?notice=answerRecorded`],
    params: (f) => ({ reportId: f.report }),
  },
  "reports.$reportId_.survey.tsx": {
    who: "staff",
    paths: (f) => [`/reports/${f.report}/survey`],
    params: (f) => ({ reportId: f.report }),
  },
  "reports._index.tsx": { who: "reception_worker", paths: one("/reports?status=all&page=1") },
  "reports.new.tsx": { who: "staff", paths: () => [`/reports/new?draft=${randomUUID()}`] },
  "reports.register.tsx": { who: "reception_worker", paths: one("/reports/register") },
  "reports.review.tsx": { who: "reception_lead", paths: one("/reports/review?page=1") },
  "settings.tsx": { who: "staff", paths: one("/settings?secondFactor=required") },
  "stats._index.tsx": {
    who: "steering",
    paths: () => [
      "/stats?year=2026",
      "/stats?period=month&month=2026-03",
      "/stats?period=term&term=2026-ht",
      "/stats?period=custom&from=2026-01-01&to=2026-03-31",
    ],
  },
  "stats.report.tsx": { who: "steering", paths: one("/stats/report?year=2025") },
  "stats.units.tsx": {
    who: "steering",
    paths: () => [
      "/stats/units?year=2026",
      "/stats/units?period=month&month=2026-03",
      "/stats/units?period=term&term=2026-ht",
      "/stats/units?period=custom&from=2026-01-01&to=2026-03-31",
    ],
  },
  "reviews._index.tsx": { who: "coordinator", paths: one(`/reviews?month=${REVIEW_MONTH}`) },
  "reviews.$caseId.tsx": {
    who: "investigator",
    paths: (f) => [`/reviews/${f.reviewCase}`],
    params: (f) => ({ caseId: f.reviewCase }),
  },
  "deviations._index.tsx": { who: "coordinator", paths: one("/deviations?page=2") },
  "check-ins._index.tsx": {
    who: "coordinator",
    paths: (f) => [`/check-ins?unit=${f.world.unit.school.id}&reason=many_reports&page=1`],
  },
  "check-ins.$checkInId.tsx": {
    who: "coordinator",
    paths: (f) => [`/check-ins/${f.checkIn}`],
    params: (f) => ({ checkInId: f.checkIn }),
  },
  "deviations.new.tsx": { who: "staff", paths: (f) => [`/deviations/new?report=${f.report}`] },
  "deviations.$deviationId.tsx": {
    who: "coordinator",
    paths: (f) => [`/deviations/${f.deviation}`],
    params: (f) => ({ deviationId: f.deviation }),
  },
  "steering._index.tsx": { who: "steering", paths: one("/steering") },
  "steering.new.tsx": { who: "coordinator", paths: one("/steering/new") },
  "steering.$meetingId.tsx": {
    who: "steering",
    paths: () => [`/steering/${steeringMeeting.id}`],
    params: () => ({ meetingId: steeringMeeting.id }),
  },
  "stats[.csv].ts": {
    who: "steering",
    paths: () => [
      "/stats.csv?year=2026",
      "/stats.csv?period=month&month=2026-03",
      "/stats.csv?period=term&term=2026-ht",
      "/stats.csv?period=custom&from=2026-01-01&to=2026-03-31",
    ],
  },
  "stats[.xlsx].ts": {
    who: "steering",
    paths: () => [
      "/stats.xlsx?year=2026",
      "/stats.xlsx?period=month&month=2026-03",
      "/stats.xlsx?period=term&term=2026-ht",
      "/stats.xlsx?period=custom&from=2026-01-01&to=2026-03-31",
    ],
  },
  "trainings.$trainingId.calendar[.ics].ts": {
    who: "staff",
    paths: (f) => [`/trainings/${f.training}/calendar.ics`],
    params: (f) => ({ trainingId: f.training }),
  },
  "trainings.$trainingId.tsx": {
    who: "staff",
    paths: (f) => [`/trainings/${f.training}`],
    params: (f) => ({ trainingId: f.training }),
  },
  "trainings._index.tsx": {
    who: "staff",
    paths: one("/trainings?month=2026-03&view=list&audience=all&topic=reporting_duty"),
  },
  "trainings.coverage.tsx": { who: "coordinator", paths: one("/trainings/coverage") },
  "trainings.coverage[.csv].ts": { who: "coordinator", paths: one("/trainings/coverage.csv") },
  "trainings.coverage[.xlsx].ts": { who: "coordinator", paths: one("/trainings/coverage.xlsx") },
  "trainings.manage.$trainingId.tsx": {
    who: "coordinator",
    paths: (f) => [`/trainings/manage/${f.draftTraining}`],
    params: (f) => ({ trainingId: f.draftTraining }),
  },
  "trainings.manage._index.tsx": { who: "coordinator", paths: one("/trainings/manage") },
  "trainings.manage.new.tsx": { who: "coordinator", paths: one("/trainings/manage/new") },
  "trainings.mine.tsx": { who: "staff", paths: one("/trainings/mine") },
  "units.$unitId_.contact.tsx": {
    who: "principal",
    paths: (f) => [`/units/${f.world.unit.school.id}/contact?notice=saved`],
    params: (f) => ({ unitId: f.world.unit.school.id }),
  },
  "units.$unitId.tsx": {
    who: "reception_worker",
    paths: (f) => [`/units/${f.world.unit.school.id}`],
    params: (f) => ({ unitId: f.world.unit.school.id }),
  },
};

/** What people, programs and attackers put in addresses; each is sent encoded, as a browser would. */
const badValues = [
  "2026-13-45", // the week that gave the 500
  "2027-02-30",
  "99999-01-01",
  "0000-00-00",
  "99999",
  "2026-99",
  "2026-W99",
  "٢٠٢٦-٠١-٠١",
  "-1",
  "0",
  "1e309",
  "99999999999999999999",
  "NaN",
  "\u0000",
  "a\u0000b",
  "x".repeat(100_000),
  "not-a-uuid",
  "00000000-0000-0000-0000-00000000000g",
  "' OR 1=1 --",
  "//evil.example/",
  "\u202e\ufffd",
];
/** Sent as they stand: bytes a browser would not send encoded this way. */
const rawValues = ["%FF%FE", "%E0%A4%A", "%", "%%32%30"];

const routesDir = path.resolve("app/routes");
const routeFiles = readdirSync(routesDir).filter((f) => /\.(tsx?|jsx?)$/.test(f) && !f.includes(".test."));
type Loader = (args: LoaderFunctionArgs) => unknown;
const loaderOf = async (file: string) =>
  ((await import(/* @vite-ignore */ path.join(routesDir, file))) as { loader?: Loader }).loader;

let fixture: RouteFixture;
/** A steering-group meeting, made below (the shared route fixture has none). */
const steeringMeeting = { id: "" };
const cookies = new Map<Who, string | undefined>();

beforeAll(async () => {
  fixture = await createRouteFixture();
  for (const who of new Set(Object.values(pages).map((p) => p.who))) {
    cookies.set(who, who === "anonymous" ? undefined : await sessionCookieFor(fixture.world.user[who]));
  }
  const member = (await getCurrentUser(fixture.world.user.steering.id, fixture.world.municipality.id))!;
  const made = await createSteeringMeeting(member, {
    heldOn: "2026-03-10",
    title: "Möte",
    submissionKey: randomUUID(),
  });
  steeringMeeting.id = made!.id;
});

/** The status the browser would get; an exception out of the loader is what Remix answers with a 500. */
async function statusOf(loader: Loader, page: Page, url: string, params = page.params?.(fixture)) {
  try {
    return (await callRoute(loader as never, { path: url, params, cookie: cookies.get(page.who) })).status;
  } catch {
    return 500;
  }
}

/** The query parameters a loader reads for an address, seen by watching URLSearchParams while it runs. */
async function parametersRead(loader: Loader, page: Page, url: string) {
  const read = new Set<string>(new URL(url, "http://localhost").searchParams.keys());
  const spies = (["get", "getAll", "has"] as const).map((method) => {
    const original = URLSearchParams.prototype[method] as (this: URLSearchParams, name: string) => unknown;
    return vi.spyOn(URLSearchParams.prototype, method).mockImplementation(function (
      this: URLSearchParams,
      name: string,
    ) {
      read.add(name);
      return original.call(this, name);
    } as never);
  });
  try {
    return { status: await statusOf(loader, page, url), read };
  } finally {
    // Only these spies: the setup's watch on console.error stays.
    for (const spy of spies) spy.mockRestore();
  }
}

/** The address with one parameter set to a value (encoded, or as it stands), the others kept. */
function withValue(url: string, key: string, value: string, raw = false) {
  const [pathname, query = ""] = url.split("?");
  const rest = query.split("&").filter((part) => part && part.split("=")[0] !== key);
  return `${pathname}?${[...rest, `${key}=${raw ? value : encodeURIComponent(value)}`].join("&")}`;
}

describe("bad query and address parameters", () => {
  it("has an entry for every route file with a loader", async () => {
    const withLoader = [];
    for (const file of routeFiles) if (await loaderOf(file)) withLoader.push(file);
    expect(Object.keys(pages).sort()).toEqual(withLoader.sort());
  });

  for (const file of Object.keys(pages)) {
    it(`${file}: never a 5xx`, { timeout: 300_000 }, async () => {
      const page = pages[file];
      const loader = (await loaderOf(file))!;
      const failures: string[] = [];
      const tried = new Set<string>();
      for (const url of page.paths(fixture)) {
        const { status, read } = await parametersRead(loader, page, url);
        expect(status, `${url} itself`).toBeLessThan(500);
        for (const key of read) {
          if (tried.has(key)) continue;
          tried.add(key);
          const attempts = [
            ...badValues.map((v) => withValue(url, key, v)),
            ...rawValues.map((v) => withValue(url, key, v, true)),
            // Repeated, in both orders, a good value with a bad one.
            `${withValue(url, key, "2027-02-30")}&${key}=${encodeURIComponent("\u0000")}`,
            `${url}${url.includes("?") ? "&" : "?"}${key}=${encodeURIComponent("x".repeat(10_000))}`,
          ];
          for (const attempt of attempts) {
            const got = await statusOf(loader, page, attempt);
            if (got >= 500) failures.push(`${got} ${attempt.slice(0, 160)}`);
          }
        }
      }
      // The route's own parameters, as a tampered address would carry them.
      const params = page.params?.(fixture) ?? {};
      const base = page.paths(fixture)[0].split("?")[0];
      for (const [name, good] of Object.entries(params)) {
        for (const value of badValues) {
          const attempt = base.replace(good, encodeURIComponent(value));
          const got = await statusOf(loader, page, attempt, { ...params, [name]: value });
          if (got >= 500) failures.push(`${got} :${name}=${JSON.stringify(value.slice(0, 40))}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it("reads the parameters it is given (the sweep above tries what it sees read)", async () => {
    const page = pages["meetings._index.tsx"];
    const { read } = await parametersRead((await loaderOf("meetings._index.tsx"))!, page, "/meetings");
    expect([...read]).toContain("week");
  });
});
