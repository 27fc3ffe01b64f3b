import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, guidanceVersions } from "#db/schema";
import { stockholmDate } from "~/domain/deadlines";
import * as editRoute from "~/routes/guidance.manage.$articleId";
import {
  createUser,
  createWorld,
  guidanceContent,
  guidanceForm,
  publishedArticle,
  sessionCookieFor,
} from "../factories";
import { renderStatic } from "../render";
import { callRoute } from "../routes";

/**
 * "Mark version N as reviewed" stands for the version the coordinator read: the form names it, and only that version,
 * and only while it is the one in force, is marked. A version published in between is never marked in its place.
 */

const english = { "Accept-Language": "en" };
const textOf = (html: string) => html.replace(/<[^>]+>/g, "");

/** The editor as the server renders it: the loader's data and, after a post, the action's answer. */
async function renderEditor(articleId: string, loaderData: unknown, actionData?: unknown, locale: "sv" | "en" = "sv") {
  const path = `/guidance/manage/${articleId}`;
  const request = new Request(`http://localhost${path}`, actionData ? { method: "POST", body: new FormData() } : {});
  return renderStatic(
    [
      {
        path: "*",
        id: "routes/guidance.manage.$articleId",
        loader: () => loaderData as object,
        action: () => (actionData ?? null) as object,
        Component: editRoute.default,
      },
    ],
    request,
    locale,
  );
}

async function setup() {
  const world = await createWorld();
  const coordinatorB = await createUser({
    municipalityId: world.municipality.id,
    unitId: world.unit.coordination.id,
    role: "coordinator",
    name: "Samordnare B",
  });
  const a = await sessionCookieFor(world.user.coordinator);
  const b = await sessionCookieFor(coordinatorB);
  const article = await publishedArticle(world.municipality.id, "granska-ratt-version");
  const post = (fields: Record<string, string>, cookie = a) =>
    callRoute(editRoute.action, {
      path: `/guidance/manage/${article.id}`,
      params: { articleId: article.id },
      cookie,
      method: "POST",
      form: fields,
    });
  const load = async (cookie = a, locale: "sv" | "en" = "sv") =>
    (
      await callRoute(editRoute.loader, {
        path: `/guidance/manage/${article.id}`,
        params: { articleId: article.id },
        cookie,
        headers: locale === "en" ? english : {},
      })
    ).data as Awaited<ReturnType<typeof editRoute.loader>>;
  const versions = async () => {
    const rows = await getDb().select().from(guidanceVersions).where(eq(guidanceVersions.articleId, article.id));
    return Object.fromEntries(rows.map((r) => [r.number, r]));
  };
  const reviewAudits = async () =>
    (
      await getDb()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.recordType, "guidance"), eq(auditEvents.recordId, article.id)))
    ).filter((e) => e.details && "reviewed" in (e.details as object));
  const publishAsB = () => post({ ...guidanceForm(guidanceContent({ bodySv: "Version två." })), intent: "publish" }, b);
  return { world, coordinatorB, a, b, article, post, load, versions, reviewAudits, publishAsB };
}

describe("marking a guidance version reviewed names the version", () => {
  it("sends the version in force with the button", async () => {
    const { article, load } = await setup();
    const data = await load();
    expect(data.inForce?.number).toBe(1);
    const html = await renderEditor(article.id, data);
    const form = html.match(/<form[^>]*>(?:(?!<\/form>).)*value="review"(?:(?!<\/form>).)*<\/form>/s)?.[0] ?? "";
    expect(form).toMatch(
      /<input[^>]*type="hidden"[^>]*name="number"[^>]*value="1"|<input[^>]*name="number"[^>]*value="1"/,
    );
    expect(textOf(form)).toContain("Markera version 1 som granskad i dag");
  });

  it("refuses to mark version 1 once version 2 is in force, and marks neither", async () => {
    const { world, article, post, load, versions, reviewAudits, publishAsB } = await setup();
    // Coordinator A opens the editor while version 1 is in force.
    const seenByA = await load();
    expect(seenByA.inForce?.number).toBe(1);
    // Coordinator B publishes version 2 meanwhile.
    expect((await publishAsB()).location).toContain("notice=guidancePublished");

    // A's click on "Mark version 1 as reviewed" arrives.
    const answer = await post({ intent: "review", number: "1" });
    expect(answer.status).toBe(200);
    expect(answer.data).toMatchObject({ error: "guidance:review.newerVersion", inForce: 2 });
    const rows = await versions();
    expect(rows[2].reviewedOn).toBeNull();
    expect(rows[2].reviewedById).toBeNull();
    // Version 1 is no longer what readers see, and "last reviewed" is shown for the version in force only.
    expect(rows[1].reviewedOn).toBeNull();
    expect(rows[1].reviewedById).toBeNull();
    expect(await reviewAudits()).toEqual([]);

    // The page that follows says why, in both languages, and offers to review version 2 instead.
    const afterward = await load();
    expect(afterward.inForce).toEqual({ number: 2, reviewed: null });
    const sv = textOf(await renderEditor(article.id, afterward, answer.data));
    expect(sv).toContain("Version 2 har publicerats sedan du öppnade sidan, så ingenting markerades.");
    expect(sv).toContain("Markera version 2 som granskad i dag");
    const en = textOf(await renderEditor(article.id, await load(undefined, "en"), answer.data, "en"));
    expect(en).toContain("Version 2 has been published since you opened the page, so nothing was marked.");

    // Having read version 2, A marks it.
    const marked = await post({ intent: "review", number: "2" });
    expect(marked.status).toBe(302);
    expect(marked.location).toContain("notice=guidanceReviewed");
    const after = await versions();
    expect(after[2].reviewedById).toBe(world.user.coordinator.id);
    expect(after[2].reviewedOn).toBe(stockholmDate(new Date()));
    expect(after[1].reviewedById).toBeNull();
  });

  it("refuses a missing or garbled version number with 400, and a version not in force with the error", async () => {
    const { post, versions, reviewAudits } = await setup();
    for (const number of [undefined, "", "abc", "0", "-1", "1.5", "1e0", " 1", "99999999999999999999"]) {
      const fields: Record<string, string> = { intent: "review" };
      if (number !== undefined) fields.number = number;
      expect((await post(fields)).status, `number=${JSON.stringify(number)}`).toBe(400);
    }
    // A number that is not the published version (here: none such) is refused like a stale one.
    const unknown = await post({ intent: "review", number: "7" });
    expect(unknown.status).toBe(200);
    expect(unknown.data).toMatchObject({ error: "guidance:review.newerVersion", inForce: 1 });
    // Nor can a draft be marked through this button (the editor's own tick box is for that).
    await post({ ...guidanceForm(guidanceContent({ bodySv: "Utkast." })), intent: "save" });
    const draft = await post({ intent: "review", number: "2" });
    expect(draft.data).toMatchObject({ error: "guidance:review.newerVersion" });
    const rows = await versions();
    expect(Object.values(rows).map((r) => r.reviewedById)).toEqual([null, null]);
    expect(await reviewAudits()).toEqual([]);
  });

  it("still marks the version in force, and a resent form is answered as done", async () => {
    const { world, post, versions, reviewAudits, b, coordinatorB } = await setup();
    const first = await post({ intent: "review", number: "1" });
    expect(first.status).toBe(302);
    expect(first.location).toContain("notice=guidanceReviewed");
    const rows = await versions();
    expect(rows[1].reviewedOn).toBe(stockholmDate(new Date()));
    expect(rows[1].reviewedById).toBe(world.user.coordinator.id);
    expect(Object.keys(rows)).toEqual(["1"]);
    expect(await reviewAudits()).toEqual([
      expect.objectContaining({ action: "update", userId: world.user.coordinator.id, details: { reviewed: 1 } }),
    ]);

    // The same form again (a double click, a resend after a lost answer): success, the version stays reviewed.
    const again = await post({ intent: "review", number: "1" });
    expect(again.status).toBe(302);
    expect(again.location).toContain("notice=guidanceReviewed");
    expect((await versions())[1].reviewedById).toBe(world.user.coordinator.id);

    // Another coordinator who checks the same version records their own review of it.
    expect((await post({ intent: "review", number: "1" }, b)).status).toBe(302);
    expect((await versions())[1].reviewedById).toBe(coordinatorB.id);
    expect(Object.keys(await versions())).toEqual(["1"]);
    expect((await reviewAudits()).every((e) => (e.details as { reviewed: number }).reviewed === 1)).toBe(true);
  });
});
