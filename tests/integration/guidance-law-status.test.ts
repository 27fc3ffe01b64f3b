import { and, eq } from "drizzle-orm";
import { createElement, type FunctionComponent } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, guidanceVersions } from "#db/schema";
import { standardGuidance } from "~/demo/seed.server";
import { stockholmDate } from "~/domain/deadlines";
import { formatDate, i18nFor } from "~/lib/i18n";
import { seedGuidance } from "~/models/guidance.server";
import * as agreementRoute from "~/routes/guidance.agreement";
import * as articleRoute from "~/routes/guidance.$slug";
import * as indexRoute from "~/routes/guidance._index";
import * as editRoute from "~/routes/guidance.manage.$articleId";
import * as helperRoute from "~/routes/guidance.should-i-report";
import * as versionRoute from "~/routes/guidance.manage.$articleId_.versions.$number";
import {
  createMunicipality,
  createWorld,
  guidanceContent,
  guidanceForm,
  publishedArticle,
  sessionCookieFor,
} from "../factories";
import { callRoute } from "../routes";

/** A route's page as the server renders it from the loader's data (as Remix does: a static router). */
async function renderPage(id: string, Component: FunctionComponent, data: unknown, path: string, locale = "sv") {
  const handler = createStaticHandler([{ path: "*", id, loader: () => data as object, Component }]);
  const context = await handler.query(new Request(`http://localhost${path}`));
  if (context instanceof Response) throw new Error("no page");
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToStaticMarkup(
    createElement(
      I18nextProvider,
      { i18n: i18nFor(locale as "sv" | "en") },
      createElement(StaticRouterProvider, { router, context, hydrate: false }),
    ),
  );
}

const english = { "Accept-Language": "en" };
/** A page's text as read, without its markup. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, "");

async function setup() {
  const world = await createWorld();
  const coordinator = await sessionCookieFor(world.user.coordinator);
  const staff = await sessionCookieFor(world.user.staff);
  const article = await publishedArticle(world.municipality.id, "granskning");
  const post = (fields: Record<string, string>, cookie = coordinator, articleId = article.id) =>
    callRoute(editRoute.action, {
      path: `/guidance/manage/${articleId}`,
      params: { articleId },
      cookie,
      method: "POST",
      form: fields,
    });
  const read = async (locale: "sv" | "en" = "sv") => {
    const result = await callRoute(articleRoute.loader, {
      path: `/guidance/${article.slug}`,
      params: { slug: article.slug },
      cookie: staff,
      headers: locale === "en" ? english : {},
    });
    return result.data as Awaited<ReturnType<typeof articleRoute.loader>>;
  };
  const page = async (locale: "sv" | "en" = "sv") =>
    renderPage("routes/guidance.$slug", articleRoute.default, await read(locale), `/guidance/${article.slug}`, locale);
  const versions = () => getDb().select().from(guidanceVersions).where(eq(guidanceVersions.articleId, article.id));
  return { world, coordinator, staff, article, post, read, page, versions };
}

describe("last reviewed, only when someone reviewed", () => {
  it("shows no 'last reviewed' on a version nobody reviewed, and flags its references as unchecked", async () => {
    const { staff, read, page, versions } = await setup();
    const [row] = await versions();
    expect(row.reviewedOn).toBeNull();
    expect(row.reviewedById).toBeNull();

    const { article } = await read();
    expect(article.reviewed).toBeNull();
    expect(article.legalReferences).toEqual([{ text: "Socialtjänstlagen (2025:400)", verified: false }]);
    const sv = await page();
    expect(sv).not.toContain("Senast granskad");
    expect(sv).toContain("Socialtjänstlagen (2025:400)");
    expect(sv).toContain("(ej kontrollerad mot lagtexten)");
    const en = await page("en");
    expect(en).not.toContain("Last reviewed");
    expect(en).toContain("(not checked against the enacted text)");

    const index = await callRoute(indexRoute.loader, { path: "/guidance", cookie: staff });
    const indexData = index.data as Awaited<ReturnType<typeof indexRoute.loader>>;
    expect(indexData.articles.map((a) => a.reviewed)).toEqual([null]);
    expect(await renderPage("routes/guidance._index", indexRoute.default, indexData, "/guidance")).not.toContain(
      "Senast granskad",
    );
  });

  it("records who marked the version in force reviewed and when, audits it, and then shows it", async () => {
    const { world, article, post, read, page, versions, staff } = await setup();
    // Only a coordinator of the article's own municipality may.
    expect((await post({ intent: "review", number: "1" }, staff)).status).toBe(403);
    const other = await createWorld("Annanstad");
    expect((await post({ intent: "review", number: "1" }, await sessionCookieFor(other.user.coordinator))).status).toBe(
      404,
    );
    expect((await versions())[0].reviewedOn).toBeNull();

    const reviewed = await post({ intent: "review", number: "1" });
    expect(reviewed.status).toBe(302);
    expect(reviewed.location).toContain("notice=guidanceReviewed");
    const today = stockholmDate(new Date());
    const [row] = await versions();
    expect(row.reviewedOn).toBe(today);
    expect(row.reviewedById).toBe(world.user.coordinator.id);
    // Reviewing changes no text and makes no new version.
    expect(await versions()).toHaveLength(1);

    const events = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordType, "guidance"), eq(auditEvents.recordId, article.id)));
    expect(events).toEqual([
      expect.objectContaining({ action: "update", userId: world.user.coordinator.id, details: { reviewed: 1 } }),
    ]);

    const { article: shown } = await read();
    expect(shown.reviewed).toEqual({ on: today, byName: world.user.coordinator.name });
    expect(shown.legalReferences).toEqual([{ text: "Socialtjänstlagen (2025:400)", verified: true }]);
    const sv = await page();
    expect(textOf(sv)).toContain(`Senast granskad ${formatDate(today, "sv")} av ${world.user.coordinator.name}`);
    expect(sv).not.toContain("ej kontrollerad");
    const en = await page("en");
    expect(textOf(en)).toContain(`Last reviewed ${formatDate(today, "en")} by ${world.user.coordinator.name}`);
    expect(en).not.toContain("not checked");
  });

  it("starts a new version unreviewed unless the coordinator ticks that they checked it against the law", async () => {
    const { world, post, read, versions } = await setup();
    await post({ intent: "review", number: "1" });
    const edited = await post({ ...guidanceForm(guidanceContent({ bodySv: "Ny text." })), intent: "publish" });
    expect(edited.location).toContain("notice=guidancePublished");
    expect((await read()).article).toMatchObject({ number: 2, reviewed: null });
    expect((await read()).article.legalReferences[0].verified).toBe(false);

    await post({ ...guidanceForm(guidanceContent({ bodySv: "Tredje texten." })), reviewed: "on", intent: "publish" });
    const { article } = await read();
    expect(article.number).toBe(3);
    expect(article.reviewed).toEqual({ on: stockholmDate(new Date()), byName: world.user.coordinator.name });
    const rows = await versions();
    expect(rows.find((r) => r.number === 3)?.reviewedById).toBe(world.user.coordinator.id);
    // The earlier versions keep what was true of them.
    expect(rows.find((r) => r.number === 2)?.reviewedOn).toBeNull();
    expect(rows.find((r) => r.number === 1)?.reviewedById).toBe(world.user.coordinator.id);
  });

  it("tells coordinators what is unreviewed, and asks for the review afresh in the editor", async () => {
    const { article, coordinator, read, page } = await setup();
    expect(await page()).not.toContain("inte granskad");
    const asCoordinator = await callRoute(articleRoute.loader, {
      path: `/guidance/${article.slug}`,
      params: { slug: article.slug },
      cookie: coordinator,
    });
    const html = await renderPage(
      "routes/guidance.$slug",
      articleRoute.default,
      asCoordinator.data,
      `/guidance/${article.slug}`,
    );
    expect(html).toContain("Texten är inte granskad mot gällande lag ännu.");
    expect((await read()).canManage).toBe(false);

    const editor = await callRoute(editRoute.loader, {
      path: `/guidance/manage/${article.id}`,
      params: { articleId: article.id },
      cookie: coordinator,
    });
    const editorHtml = await renderPage(
      "routes/guidance.manage.$articleId",
      editRoute.default,
      editor.data,
      `/guidance/manage/${article.id}`,
    );
    // Both change notes, the review box never ticked in advance, and no date to type.
    expect(editorHtml).toContain('name="changeSummarySv"');
    expect(editorHtml).toContain('name="changeSummaryEn"');
    const box = editorHtml.match(/<input[^>]*name="reviewed"[^>]*>/)?.[0] ?? "";
    expect(box).toContain('type="checkbox"');
    expect(box).not.toContain("checked");
    expect(editorHtml).not.toContain('name="reviewedOn"');
    expect(textOf(editorHtml)).toContain(
      "Jag har i dag kontrollerat texten och varje lagrum mot den gällande lagtexten",
    );
    expect(editorHtml).toContain('value="review"');
    expect(textOf(editorHtml)).toContain("Inte granskad");
  });

  it("the seed leaves every version unreviewed, and says the proposed feedback deadline is not yet law", async () => {
    const municipality = await createMunicipality("Seedstad");
    await seedGuidance(getDb(), municipality.id, standardGuidance());
    const rows = await getDb()
      .select()
      .from(guidanceVersions)
      .where(eq(guidanceVersions.municipalityId, municipality.id));
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.filter((r) => r.reviewedOn !== null || r.reviewedById !== null)).toEqual([]);

    const after = standardGuidance().find((a) => a.slug === "after-a-report")?.versions[0];
    if (!after) throw new Error("no article on what happens after a report");
    expect(after.bodySv).not.toContain("ska lämna denna återkoppling inom en viss tid");
    expect(after.bodyEn).not.toContain("must give this feedback within a set time");
    // In force, with its date; the proposal as a proposal, with its date.
    expect(after.bodySv).toContain("1 juli 2025");
    expect(after.bodySv).toContain("prop. 2025/26:12");
    expect(after.bodySv).toContain("11 september 2025");
    expect(after.bodySv).toMatch(/inte gällande rätt/);
    expect(after.bodyEn).toContain("1 July 2025");
    expect(after.bodyEn).toContain("11 September 2025");
    expect(after.bodyEn).toMatch(/not the law in force/);
    // The agreement's own summary no longer calls the proposal a change in the law.
    const agreement = standardGuidance().find((a) => a.kind === "agreement")?.versions ?? [];
    expect(agreement.map((v) => v.changeSummaryEn).join(" ")).not.toMatch(/change in the law/);
  });
});

describe("the agreement's 'what changed' in both languages", () => {
  it("stores both and shows the one in the page's language, falling back to the other", async () => {
    const world = await createWorld();
    const coordinator = await sessionCookieFor(world.user.coordinator);
    const staff = await sessionCookieFor(world.user.staff);
    const { id } = await publishedArticle(world.municipality.id, "agreement", "agreement");
    const publish = (changeSummarySv: string, changeSummaryEn: string) =>
      callRoute(editRoute.action, {
        path: `/guidance/manage/${id}`,
        params: { articleId: id },
        cookie: coordinator,
        method: "POST",
        form: {
          ...guidanceForm(guidanceContent({ bodySv: `Text ${changeSummarySv}`, changeSummarySv, changeSummaryEn })),
          nextReviewOn: "2028-08-15",
          intent: "publish",
        },
      });
    const agreement = async (locale: "sv" | "en") => {
      const page = await callRoute(agreementRoute.loader, {
        path: "/guidance/agreement",
        cookie: staff,
        headers: locale === "en" ? english : {},
      });
      return page.data as Awaited<ReturnType<typeof agreementRoute.loader>>;
    };

    await publish("Förskolan tillagd.", "Preschools added.");
    const [row] = await getDb()
      .select()
      .from(guidanceVersions)
      .where(and(eq(guidanceVersions.articleId, id), eq(guidanceVersions.number, 2)));
    expect(row).toMatchObject({ changeSummarySv: "Förskolan tillagd.", changeSummaryEn: "Preschools added." });
    expect((await agreement("sv")).agreement.changeSummary).toBe("Förskolan tillagd.");
    const en = await agreement("en");
    expect(en.agreement.changeSummary).toBe("Preschools added.");
    const html = await renderPage("routes/guidance.agreement", agreementRoute.default, en, "/guidance/agreement", "en");
    expect(html).toContain("Preschools added.");
    expect(html).not.toContain("Förskolan tillagd.");

    // The editor offers both for the next version, and the history view shows the page's language.
    const editor = await callRoute(editRoute.loader, {
      path: `/guidance/manage/${id}`,
      params: { articleId: id },
      cookie: coordinator,
    });
    const history = (editor.data as Awaited<ReturnType<typeof editRoute.loader>>).history;
    expect(history[0]).toMatchObject({ changeSummarySv: "Förskolan tillagd.", changeSummaryEn: "Preschools added." });
    const version = await callRoute(versionRoute.loader, {
      path: `/guidance/manage/${id}/versions/2`,
      params: { articleId: id, number: "2" },
      cookie: coordinator,
      headers: english,
    });
    expect((version.data as Awaited<ReturnType<typeof versionRoute.loader>>).version.changeSummary).toBe(
      "Preschools added.",
    );

    // Written in one language only: the other page shows it rather than nothing.
    await publish("Bara på svenska.", "");
    expect((await agreement("en")).agreement.changeSummary).toBe("Bara på svenska.");
  });
});

describe("the should-I-report helper's page", () => {
  it("sends 'unsure' about danger to the phone, and absence to reception for advice", async () => {
    const world = await createWorld();
    const staff = await sessionCookieFor(world.user.staff);
    const show = async (query: string) => {
      const path = `/guidance/should-i-report?${query}`;
      const page = await callRoute(helperRoute.loader, { path, cookie: staff });
      return textOf(await renderPage("routes/guidance.should-i-report", helperRoute.default, page.data, path));
    };
    expect(await show("")).toContain("Jag är osäker");
    expect(await show("a=unsure")).toContain("Ring nu – anmäl sedan skriftligt");
    const absence = await show("a=no&a=no&a=yes");
    expect(absence).toContain("kan i sig vara ett tecken på att ett barn far illa");
    expect(absence).not.toContain("troligen inte en fråga för socialtjänsten");
    expect(await show("a=no&a=no&a=no")).not.toMatch(/frånvaro/);
  });
});
