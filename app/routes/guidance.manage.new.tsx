import { parseWithZod } from "@conform-to/zod";
import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GuidanceEditor } from "~/components/guidance-editor";
import { requirePermission } from "~/server/auth.server";
import { guidanceContentSchema, slugSchema } from "~/domain/guidance-schema";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { createArticle, publishDraft, reservedSlugs } from "~/models/guidance.server";
import guidanceStyles from "~/styles/guidance.css";
import { readForm } from "~/lib/form-data.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: guidanceStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "guidance:manage.newArticle");

export const handle: RouteTexts = { i18n: ["guidance"] };

const schema = guidanceContentSchema.extend({
  slug: slugSchema.refine((s) => !(reservedSlugs as readonly string[]).includes(s), "guidance:errors.slugReserved"),
});

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "guidance:manage");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "guidance:manage");
  const formData = await readForm(args.request);
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return { result: submission.reply() };
  const { slug, reviewed, ...content } = submission.value;
  const articleId = await createArticle(user, slug, content, { reviewed });
  if (!articleId) return { result: submission.reply({ fieldErrors: { slug: ["guidance:errors.slugTaken"] } }) };
  if (formData.get("intent") === "publish") {
    await publishDraft(user, articleId);
    return redirect(`/guidance/manage/${articleId}?notice=guidancePublished`);
  }
  return redirect(`/guidance/manage/${articleId}?notice=guidanceSaved`);
}

export default function NewArticle() {
  const { t } = useTranslation("guidance");
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/guidance/manage">{t("manage.back")}</Link>
      </p>
      <h1>{t("manage.newArticle")}</h1>
      <GuidanceEditor id="new-article" defaults={{}} lastResult={actionData?.result} withSlug canPublish />
    </>
  );
}
