import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { guidanceVersions } from "#db/schema";
import { publishDraft } from "~/models/guidance.server";
import { getCurrentUser } from "~/models/user.server";
import * as agreementRoute from "~/routes/guidance.agreement";
import * as articleRoute from "~/routes/guidance.$slug";
import * as indexRoute from "~/routes/guidance._index";
import * as contactsRoute from "~/routes/guidance.manage.contacts";
import * as editRoute from "~/routes/guidance.manage.$articleId";
import * as newRoute from "~/routes/guidance.manage.new";
import * as versionRoute from "~/routes/guidance.manage.$articleId_.versions.$number";
import * as helperRoute from "~/routes/guidance.should-i-report";
import { createWorld, guidanceContent, guidanceForm, publishedArticle, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";

type Reply = { status?: string; error?: Record<string, string[] | null> };

async function setup() {
  const world = await createWorld();
  const coordinator = await sessionCookieFor(world.user.coordinator);
  const staff = await sessionCookieFor(world.user.staff);
  const create = async (slug: string, content = guidanceContent(), intent = "save") => {
    const result = await callRoute(newRoute.action, {
      path: "/guidance/manage/new",
      cookie: coordinator,
      method: "POST",
      form: guidanceForm(content, { slug, intent }),
    });
    return { result, articleId: result.location?.match(/manage\/([0-9a-f-]{36})/)?.[1] ?? "" };
  };
  const edit = (articleId: string, fields: Record<string, string>) =>
    callRoute(editRoute.action, {
      path: `/guidance/manage/${articleId}`,
      params: { articleId },
      cookie: coordinator,
      method: "POST",
      form: fields,
    });
  const read = (slug: string, cookie = staff) =>
    callRoute(articleRoute.loader, { path: `/guidance/${slug}`, params: { slug }, cookie });
  return { world, coordinator, staff, create, edit, read };
}

const articleOf = (r: { data: unknown }) => (r.data as Awaited<ReturnType<typeof articleRoute.loader>>).article;

describe("guidance articles", () => {
  it("shows staff only what is published, and keeps the published text while a new draft is edited", async () => {
    const { create, edit, read } = await setup();
    const { result, articleId } = await create(
      "skolans-stod",
      guidanceContent({ titleSv: "Skolans stöd", bodySv: "Första texten." }),
    );
    expect(result.status).toBe(302);
    expect(result.location).toContain("notice=guidanceSaved");
    expect((await read("skolans-stod")).status).toBe(404);

    expect(
      (await edit(articleId, guidanceForm(guidanceContent({ titleSv: "Skolans stöd", bodySv: "Första texten." }))))
        .status,
    ).toBe(400);
    const publish = await edit(articleId, {
      ...guidanceForm(guidanceContent({ titleSv: "Skolans stöd", bodySv: "Första texten." })),
      intent: "publish",
    });
    expect(publish.location).toContain("notice=guidancePublished");
    expect(articleOf(await read("skolans-stod")).html).toContain("Första texten.");

    await edit(articleId, {
      ...guidanceForm(guidanceContent({ titleSv: "Skolans stöd", bodySv: "Andra texten." })),
      intent: "save",
    });
    const stillOld = articleOf(await read("skolans-stod"));
    expect(stillOld.html).toContain("Första texten.");
    expect(stillOld.number).toBe(1);

    await edit(articleId, {
      ...guidanceForm(guidanceContent({ titleSv: "Skolans stöd", bodySv: "Andra texten." })),
      intent: "publish",
    });
    const updated = articleOf(await read("skolans-stod"));
    expect(updated.html).toContain("Andra texten.");
    expect(updated.number).toBe(2);
  });

  it("keeps a history with who changed what, and restores an older version as a draft to publish", async () => {
    const { world, coordinator, create, edit, read } = await setup();
    const v1 = guidanceContent({ bodySv: "Version ett.", changeSummarySv: "Första utgåvan" });
    const { articleId } = await create("historik", v1, "publish");
    await edit(articleId, {
      ...guidanceForm(guidanceContent({ bodySv: "Version två.", changeSummarySv: "Nytt stycke" })),
      intent: "publish",
    });

    const restore = await edit(articleId, { intent: "restore", number: "1" });
    expect(restore.location).toContain("notice=guidanceRestored");
    expect(articleOf(await read("historik")).html).toContain("Version två.");

    const editor = await callRoute(editRoute.loader, {
      path: `/guidance/manage/${articleId}`,
      params: { articleId },
      cookie: coordinator,
    });
    const data = editor.data as Awaited<ReturnType<typeof editRoute.loader>>;
    expect(data.draftNumber).toBe(3);
    expect(data.defaults).toMatchObject({ bodySv: "Version ett." });
    expect(data.history.map((h) => [h.number, h.inForce, h.changeSummarySv, h.restoredFromNumber])).toEqual([
      [3, false, "", 1],
      [2, true, "Nytt stycke", null],
      [1, false, "Första utgåvan", null],
    ]);
    expect(data.history[1].publisherName).toBe(world.user.coordinator.name);
    expect(data.history[0].authorName).toBe(world.user.coordinator.name);

    await edit(articleId, {
      ...guidanceForm(guidanceContent({ bodySv: "Version ett.", changeSummarySv: "Tillbaka till version 1" })),
      intent: "publish",
    });
    expect(articleOf(await read("historik")).html).toContain("Version ett.");

    const version = await callRoute(versionRoute.loader, {
      path: `/guidance/manage/${articleId}/versions/2`,
      params: { articleId, number: "2" },
      cookie: coordinator,
    });
    const changes = (version.data as Awaited<ReturnType<typeof versionRoute.loader>>).version.changes ?? [];
    expect(
      changes
        .filter((c) => c.kind === "removed")
        .map((c) => c.text)
        .join(""),
    ).toContain("ett");
    expect(
      changes
        .filter((c) => c.kind === "added")
        .map((c) => c.text)
        .join(""),
    ).toContain("två");
    expect(
      changes
        .filter((c) => c.kind === "same")
        .map((c) => c.text)
        .join(""),
    ).toContain("Version");
  });

  it("publishes once when the publish is sent twice", async () => {
    const { world, create } = await setup();
    const { articleId } = await create("dubbel");
    const coordinator = await getCurrentUser(world.user.coordinator.id, world.municipality.id);
    if (!coordinator) throw new Error("no coordinator");
    const first = await publishDraft(coordinator, articleId);
    const second = await publishDraft(coordinator, articleId);
    expect(first).toBe(1);
    expect(second).toBeNull();
    const versions = await getDb().select().from(guidanceVersions).where(eq(guidanceVersions.articleId, articleId));
    expect(versions).toHaveLength(1);
  });

  it("refuses a bad form with errors by the fields and keeps nothing", async () => {
    const { create, world } = await setup();
    const bad = await create("Fel adress!", guidanceContent({ titleSv: "", nextReviewOn: "2026-13-45" }));
    const reply = (bad.result.data as { result: Reply }).result;
    expect(reply.error).toMatchObject({
      slug: ["guidance:errors.slugInvalid"],
      titleSv: ["guidance:errors.titleRequired"],
      nextReviewOn: ["common:dates.invalid"],
    });
    const reserved = await create("agreement");
    expect((reserved.result.data as { result: Reply }).result.error?.slug).toEqual(["guidance:errors.slugReserved"]);
    await create("finns");
    const taken = await create("finns");
    expect((taken.result.data as { result: Reply }).result.error?.slug).toEqual(["guidance:errors.slugTaken"]);
    const rows = await getDb()
      .select()
      .from(guidanceVersions)
      .where(eq(guidanceVersions.municipalityId, world.municipality.id));
    expect(rows).toHaveLength(1);
  });

  it("renders Markdown safely: no HTML, no script links", async () => {
    const { create, edit, read } = await setup();
    const body =
      '## Rubrik\n\n<script>alert("x")</script>\n\n[klicka](javascript:alert(1)) och <img src=x onerror=alert(1)>\n\n- punkt';
    const { articleId } = await create("saker", guidanceContent({ bodySv: body }));
    await edit(articleId, { ...guidanceForm(guidanceContent({ bodySv: body })), intent: "publish" });
    const html = articleOf(await read("saker")).html;
    expect(html).toContain("<h2>Rubrik</h2>");
    expect(html).toContain("<li>punkt</li>");
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).not.toMatch(/href="javascript:/);
    expect(html).toContain("&lt;script&gt;");
  });

  it("fills contact placeholders from the municipality's settings, which a coordinator edits", async () => {
    const { coordinator, create, edit, read } = await setup();
    const body = "Ring mottagningen på {{receptionPhone}} ({{receptionHours}}). Nöd: {{emergencyNumber}}.";
    const { articleId } = await create("kontakt", guidanceContent({ bodySv: body }));
    await edit(articleId, { ...guidanceForm(guidanceContent({ bodySv: body })), intent: "publish" });

    const bad = await callRoute(contactsRoute.action, {
      path: "/guidance/manage/contacts",
      cookie: coordinator,
      method: "POST",
      form: {
        receptionPhone: "ring oss",
        receptionHoursSv: "",
        receptionHoursEn: "x",
        outOfHoursPhone: "",
        outOfHoursHoursSv: "",
        outOfHoursHoursEn: "",
        emergencyNumber: "112",
      },
    });
    expect((bad.data as { result: Reply }).result.error?.receptionPhone).toEqual(["guidance:errors.phoneInvalid"]);

    const saved = await callRoute(contactsRoute.action, {
      path: "/guidance/manage/contacts",
      cookie: coordinator,
      method: "POST",
      form: {
        receptionPhone: "042-10 50 00",
        receptionEmail: "",
        receptionHoursSv: "vardagar 8–16",
        receptionHoursEn: "weekdays 8–16",
        outOfHoursPhone: "042-10 60 00",
        outOfHoursHoursSv: "kvällar och helger",
        outOfHoursHoursEn: "evenings and weekends",
        emergencyNumber: "112",
      },
    });
    expect((saved.data as { result?: Reply } | null)?.result?.error).toBeUndefined();
    expect(saved.location).toContain("notice=contactsSaved");
    expect(articleOf(await read("kontakt")).html).toContain(
      "Ring mottagningen på 042-10 50 00 (vardagar 8–16). Nöd: 112.",
    );

    const helper = await callRoute(helperRoute.loader, {
      path: "/guidance/should-i-report?a=yes",
      cookie: coordinator,
    });
    expect(helper.data).toMatchObject({
      state: { kind: "outcome", outcome: "acute" },
      contact: { receptionPhone: "042-10 50 00", outOfHoursHours: "kvällar och helger" },
    });
  });

  it("searches published text in both languages, title hits first, within the municipality only", async () => {
    const { world, create, edit, staff } = await setup();
    const other = await createWorld("Annanstad");
    await publishedArticle(other.municipality.id, "grannens");
    const a = await create(
      "a-brodtext",
      guidanceContent({ titleSv: "Om möten", bodySv: "Vid ett anmälningsmöte ..." }),
    );
    await edit(a.articleId, {
      ...guidanceForm(guidanceContent({ titleSv: "Om möten", bodySv: "Vid ett anmälningsmöte ..." })),
      intent: "publish",
    });
    const b = await create("b-rubrik", guidanceContent({ titleSv: "Anmälningsmöte", bodySv: "Text." }));
    await edit(b.articleId, {
      ...guidanceForm(guidanceContent({ titleSv: "Anmälningsmöte", bodySv: "Text." })),
      intent: "publish",
    });
    await create("c-utkast", guidanceContent({ titleSv: "Anmälningsmöte i utkast" }));

    const search = async (q: string) =>
      (
        (await callRoute(indexRoute.loader, { path: `/guidance?q=${encodeURIComponent(q)}`, cookie: staff }))
          .data as Awaited<ReturnType<typeof indexRoute.loader>>
      ).articles.map((x) => x.slug);
    expect(await search("anmälningsmöte")).toEqual(["b-rubrik", "a-brodtext"]);
    expect(await search("xyzzy")).toEqual([]);
    expect(await search("everyone who works")).toEqual(["a-brodtext", "b-rubrik"]);
    expect(await search("100%")).toEqual([]);
    expect(await search("")).not.toContain("grannens");
    expect(world.municipality.id).not.toBe(other.municipality.id);
  });

  it("shows the agreement in force and what changed from the version before", async () => {
    const { world, coordinator, staff } = await setup();
    const { id } = await publishedArticle(world.municipality.id, "agreement", "agreement");
    await callRoute(editRoute.action, {
      path: `/guidance/manage/${id}`,
      params: { articleId: id },
      cookie: coordinator,
      method: "POST",
      form: {
        ...guidanceForm(
          guidanceContent({
            bodySv: "## Vem\n\nAlla som arbetar i skolan och förskolan.",
            changeSummarySv: "Förskolan tillagd.",
          }),
        ),
        nextReviewOn: "2028-08-15",
        intent: "publish",
      },
    });
    const page = await callRoute(agreementRoute.loader, { path: "/guidance/agreement", cookie: staff });
    const { agreement } = page.data as Awaited<ReturnType<typeof agreementRoute.loader>>;
    expect(agreement.number).toBe(2);
    expect(agreement.nextReviewOn).toBe("2028-08-15");
    expect(agreement.changeSummary).toBe("Förskolan tillagd.");
    expect(agreement.previous?.number).toBe(1);
    expect(
      agreement.previous?.changes
        .filter((c) => c.kind === "added")
        .map((c) => c.text)
        .join(""),
    ).toContain("förskolan");
    // The agreement is not an ordinary article.
    expect(
      (
        await callRoute(articleRoute.loader, {
          path: "/guidance/agreement",
          params: { slug: "agreement" },
          cookie: staff,
        })
      ).status,
    ).toBe(404);
    const rows = await getDb()
      .select()
      .from(guidanceVersions)
      .where(and(eq(guidanceVersions.articleId, id), eq(guidanceVersions.number, 2)));
    expect(rows[0].publishedById).toBe(world.user.coordinator.id);
  });
});
