import { randomUUID } from "node:crypto";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { concernKindLabel, isDefaultConcernKind } from "~/domain/concern-kinds";
import { concernKindActions, KIND_LABEL_MAX, type ConcernKindIntent } from "~/domain/concern-kinds-schema";
import { isUuid } from "~/domain/ids";
import { readForm } from "~/lib/form-data.server";
import { isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { useSubmissionKey } from "~/lib/use-submission-key";
import {
  addConcernKind,
  concernKindsOf,
  moveConcernKind,
  renameConcernKind,
  setConcernKindActive,
} from "~/models/concern-kinds.server";
import { recordNotFound, requirePermission } from "~/server/auth.server";

/**
 * The coordinators' list of the kinds of concern reports are sorted by: add a kind, word it, retire or take it back,
 * and order the list. Reporters see the active kinds' names when they suggest one; reception sets them on reports.
 */
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reports:concernKinds.manage.title");

export const handle: RouteTexts = { i18n: ["reports"] };

const PAGE = "/guidance/manage/concern-kinds";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "concernKinds:manage");
  const kinds = await concernKindsOf(user);
  return {
    kinds: kinds.map((k) => ({ ...k, standard: isDefaultConcernKind(k.code) })),
    submissionKey: randomUUID(),
  };
}

type ActionData = { intent: ConcernKindIntent; kindId?: string; error: string; values?: Record<string, string> };

export async function action(args: ActionFunctionArgs): Promise<ActionData | Response> {
  const user = await requirePermission(args, "concernKinds:manage");
  const submission = parseWithZod(await readForm(args.request), { schema: concernKindActions });
  // Another intent, or an added kind without its key: no page of ours sends that.
  if (submission.status !== "success" && (submission.error?.intent || submission.error?.submissionKey))
    throw new Response(null, { status: 400 });
  const payload = submission.payload;
  const intent = payload.intent as ConcernKindIntent;
  const kindId = typeof payload.kindId === "string" ? payload.kindId : undefined;
  const typed = () => ({
    labelSv: typeof payload.labelSv === "string" ? payload.labelSv.trim() : "",
    labelEn: typeof payload.labelEn === "string" ? payload.labelEn.trim() : "",
  });
  if (submission.status !== "success") {
    const error = Object.values(submission.error ?? {}).flatMap((e) => e ?? [])[0] ?? "reports:errors.notFound";
    return { intent, kindId, error, values: typed() };
  }
  const v = submission.value;
  const saved = () => redirect(`${PAGE}?notice=concernKindsSaved`);
  if (v.intent === "add") {
    const added = await addConcernKind(user, v, v.submissionKey);
    return added.ok ? saved() : { intent, error: `reports:concernKinds.errors.${added.error}`, values: typed() };
  }
  // A kind of the list, in the user's municipality; another's (or no uuid) does not exist here.
  if (!isUuid(v.kindId)) return recordNotFound(args, user, "concern_kind", v.kindId);
  const result =
    v.intent === "edit"
      ? await renameConcernKind(user, v.kindId, v)
      : v.intent === "move"
        ? await moveConcernKind(user, v.kindId, v.direction)
        : await setConcernKindActive(user, v.kindId, v.intent === "reactivate");
  if (result.ok) return saved();
  if (result.error === "notFound") return recordNotFound(args, user, "concern_kind", v.kindId);
  return { intent, kindId, error: `reports:concernKinds.errors.${result.error}`, values: typed() };
}

export default function ConcernKinds() {
  const { t, i18n } = useTranslation("reports");
  const { kinds, submissionKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const addKey = useSubmissionKey(submissionKey, "add");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const refused = (intent: ConcernKindIntent, kindId?: string) =>
    actionData?.intent === intent && actionData.kindId === kindId ? actionData : undefined;
  const added = refused("add");
  return (
    <div className="narrow">
      <p>
        <Link to="/guidance/manage">{t("concernKinds.manage.back")}</Link>
      </p>
      <h1>{t("concernKinds.manage.title")}</h1>
      <p>{t("concernKinds.manage.intro")}</p>
      <ol className="plain-list entries">
        {kinds.map((kind, i) => {
          const name = concernKindLabel(kind, locale, t);
          const failed = (["edit", "retire", "reactivate", "move"] as const)
            .map((x) => refused(x, kind.id))
            .find(Boolean);
          const edit = refused("edit", kind.id);
          return (
            <li key={kind.id} className="stack">
              <p>
                <strong>{name}</strong>{" "}
                {kind.violence ? <span className="tag">{t("concernKinds.violenceTag")}</span> : null}
                {kind.active ? null : <span className="tag">{t("concernKinds.manage.retiredTag")}</span>}
              </p>
              <div className="button-row">
                {(["up", "down"] as const).map((direction) =>
                  (direction === "up" ? i > 0 : i < kinds.length - 1) ? (
                    <Form method="post" key={direction}>
                      <input type="hidden" name="kindId" value={kind.id} />
                      <input type="hidden" name="direction" value={direction} />
                      <button
                        type="submit"
                        name="intent"
                        value="move"
                        className="button button--secondary"
                        disabled={busy}
                      >
                        {t(`concernKinds.manage.${direction}`)}
                        <span className="visually-hidden">: {name}</span>
                      </button>
                    </Form>
                  ) : null,
                )}
                <Form method="post">
                  <input type="hidden" name="kindId" value={kind.id} />
                  <button
                    type="submit"
                    name="intent"
                    value={kind.active ? "retire" : "reactivate"}
                    className="button button--secondary"
                    disabled={busy}
                  >
                    {t(kind.active ? "concernKinds.manage.retire" : "concernKinds.manage.reactivate")}
                    <span className="visually-hidden">: {name}</span>
                  </button>
                </Form>
              </div>
              <details open={edit ? true : undefined}>
                <summary>
                  {t("concernKinds.manage.rename")}
                  <span className="visually-hidden">: {name}</span>
                </summary>
                <Form method="post" className="stack">
                  <input type="hidden" name="kindId" value={kind.id} />
                  {kind.standard ? <p className="field__hint">{t("concernKinds.manage.standardHint")}</p> : null}
                  <LabelFields
                    idPrefix={`kind-${kind.id}`}
                    sv={edit?.values?.labelSv ?? kind.labelSv ?? ""}
                    en={edit?.values?.labelEn ?? kind.labelEn ?? ""}
                    required={!kind.standard}
                  />
                  {kind.standard ? null : (
                    <label className="choice">
                      <input type="checkbox" name="violence" value="yes" defaultChecked={kind.violence} />
                      {t("concernKinds.manage.violence")}
                    </label>
                  )}
                  <p>
                    <button type="submit" name="intent" value="edit" className="button" disabled={busy}>
                      {t("concernKinds.manage.save")}
                    </button>
                  </p>
                </Form>
              </details>
              {failed ? (
                <p role="alert" className="error-list">
                  {t(failed.error)}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      <section aria-labelledby="add-kind-heading" className="card">
        <h2 id="add-kind-heading">{t("concernKinds.manage.addHeading")}</h2>
        <Form method="post" className="stack" key={addKey}>
          <input type="hidden" name="submissionKey" value={addKey} />
          <LabelFields
            idPrefix="new-kind"
            sv={added?.values?.labelSv ?? ""}
            en={added?.values?.labelEn ?? ""}
            required
          />
          <label className="choice">
            <input type="checkbox" name="violence" value="yes" />
            {t("concernKinds.manage.violence")}
          </label>
          {added ? (
            <p role="alert" className="error-list">
              {t(added.error)}
            </p>
          ) : null}
          <p>
            <button type="submit" name="intent" value="add" className="button" disabled={busy}>
              {t("concernKinds.manage.add")}
            </button>
          </p>
        </Form>
      </section>
    </div>
  );
}

/** A kind's name in Swedish and English. */
function LabelFields({ idPrefix, sv, en, required }: { idPrefix: string; sv: string; en: string; required: boolean }) {
  const { t } = useTranslation("reports");
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-sv`}>{t("concernKinds.manage.labelSv")}</label>
        <input
          id={`${idPrefix}-sv`}
          name="labelSv"
          lang="sv"
          maxLength={KIND_LABEL_MAX}
          required={required}
          defaultValue={sv}
        />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-en`}>{t("concernKinds.manage.labelEn")}</label>
        <input
          id={`${idPrefix}-en`}
          name="labelEn"
          lang="en"
          maxLength={KIND_LABEL_MAX}
          required={required}
          defaultValue={en}
        />
      </div>
    </>
  );
}
