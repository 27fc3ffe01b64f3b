import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/server/auth.server";
import { formatDateTime, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import {
  feedbackSettingsFor,
  feedbackTextKeys,
  feedbackTextsFor,
  saveFeedbackSettings,
  saveFeedbackText,
  type FeedbackTextKey,
} from "~/models/feedback.server";
import { readForm } from "~/lib/form-data.server";
import { limitedText, TEXT_LIMITS } from "~/domain/text-limits";
import { responseDayKinds, type ResponseDayKind } from "~/domain/vocabulary";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "feedback:texts.title");

export const handle: RouteTexts = { i18n: ["feedback"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "feedback:texts");
  const [texts, settings] = await Promise.all([
    feedbackTextsFor(user.municipalityId),
    feedbackSettingsFor(user.municipalityId),
  ]);
  return {
    texts: feedbackTextKeys.map((key) => ({
      key,
      ...texts[key],
      updatedAt: texts[key].updatedAt?.toISOString() ?? null,
    })),
    settings,
  };
}

type ActionData = {
  intent: string;
  key?: string;
  /** The settings field the error is about. */
  field?: "responseDays" | "responseDayKind";
  error: string;
  values?: Record<string, string>;
};

export async function action(args: ActionFunctionArgs): Promise<ActionData | Response> {
  const user = await requirePermission(args, "feedback:texts");
  const formData = await readForm(args.request);
  const intent = String(formData.get("intent") ?? "");
  if (intent === "settings") {
    const values = {
      responseDays: String(formData.get("responseDays") ?? ""),
      responseDayKind: String(formData.get("responseDayKind") ?? ""),
    };
    const days = Number(values.responseDays);
    if (!Number.isInteger(days) || days < 1 || days > 30) {
      return { intent, field: "responseDays", error: "feedback:errors.responseDays", values };
    }
    // A radio the form always sends: anything else is refused rather than read as one of the two.
    if (!(responseDayKinds as readonly string[]).includes(values.responseDayKind)) {
      return { intent, field: "responseDayKind", error: "feedback:errors.responseDayKind", values };
    }
    await saveFeedbackSettings(user, {
      responseDays: days,
      responseDayKind: values.responseDayKind as ResponseDayKind,
      bothGuardiansRequired: formData.get("bothGuardiansRequired") === "yes",
    });
    return redirect("/feedback/texts?notice=feedbackTextsSaved");
  }
  if (intent === "text") {
    const key = String(formData.get("key") ?? "");
    if (!(feedbackTextKeys as readonly string[]).includes(key)) throw new Response(null, { status: 400 });
    const sv = limitedText(formData, "sv", TEXT_LIMITS.feedbackText);
    const en = limitedText(formData, "en", TEXT_LIMITS.feedbackText);
    const values = { sv: sv.value, en: en.value };
    if (sv.tooLong || en.tooLong) return { intent, key, error: "feedback:errors.textTooLong", values };
    if (!sv.value || !en.value) return { intent, key, error: "feedback:errors.textRequired", values };
    await saveFeedbackText(user, key as FeedbackTextKey, values);
    return redirect("/feedback/texts?notice=feedbackTextsSaved");
  }
  throw new Response(null, { status: 400 });
}

export default function FeedbackTexts() {
  const { t, i18n } = useTranslation("feedback");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const refused = (intent: string, key?: string) =>
    actionData?.intent === intent && actionData.key === key ? actionData : null;
  const settingsRefused = refused("settings");
  const daysRefused = settingsRefused?.field === "responseDays" ? settingsRefused : null;
  const kindRefused = settingsRefused?.field === "responseDayKind" ? settingsRefused : null;
  const kind = kindRefused ? null : (settingsRefused?.values?.responseDayKind ?? data.settings.responseDayKind);
  return (
    <>
      <h1>{t("texts.title")}</h1>
      <p>{t("texts.intro")}</p>
      <section aria-labelledby="settings-heading" className="card">
        <h2 id="settings-heading">{t("texts.settingsHeading")}</h2>
        <Form method="post" className="stack narrow">
          <div className="field">
            <label htmlFor="response-days">{t("texts.responseDays")}</label>
            <input
              id="response-days"
              name="responseDays"
              type="number"
              inputMode="numeric"
              min={1}
              max={30}
              defaultValue={settingsRefused?.values?.responseDays ?? data.settings.responseDays}
              aria-invalid={daysRefused ? true : undefined}
              aria-describedby={daysRefused ? "response-days-error" : undefined}
            />
            {daysRefused ? (
              <p id="response-days-error" role="alert" className="error-list">
                {t(daysRefused.error)}
              </p>
            ) : null}
          </div>
          <fieldset
            aria-describedby={kindRefused ? "response-day-kind-hint response-day-kind-error" : "response-day-kind-hint"}
          >
            <legend>{t("texts.responseDayKind")}</legend>
            <p id="response-day-kind-hint" className="muted">
              {t("texts.responseDayKindHint")}
            </p>
            {responseDayKinds.map((value) => (
              <label key={value} className="choice">
                <input
                  type="radio"
                  name="responseDayKind"
                  value={value}
                  required
                  defaultChecked={kind === value}
                  aria-invalid={kindRefused ? true : undefined}
                />{" "}
                {t(`texts.responseDayKinds.${value}`)}
              </label>
            ))}
            {kindRefused ? (
              <p id="response-day-kind-error" role="alert" className="error-list">
                {t(kindRefused.error)}
              </p>
            ) : null}
          </fieldset>
          <label className="choice">
            <input
              type="checkbox"
              name="bothGuardiansRequired"
              value="yes"
              defaultChecked={data.settings.bothGuardiansRequired}
            />{" "}
            {t("texts.bothGuardiansRequired")}
          </label>
          <p>
            <button type="submit" name="intent" value="settings" className="button" disabled={busy}>
              {t("texts.saveSettings")}
            </button>
          </p>
        </Form>
      </section>
      {data.texts.map((text) => {
        const failed = refused("text", text.key);
        return (
          <section key={text.key} aria-labelledby={`text-${text.key}`} className="card">
            <h2 id={`text-${text.key}`}>{t(`texts.keys.${text.key}`)}</h2>
            <p className="muted">
              {text.own && text.updatedAt
                ? t("texts.own", { date: formatDateTime(text.updatedAt, locale) })
                : t("texts.standard")}
            </p>
            <Form method="post" className="stack">
              <input type="hidden" name="key" value={text.key} />
              <div className="field">
                <label htmlFor={`sv-${text.key}`}>{t("texts.swedish")}</label>
                <textarea
                  id={`sv-${text.key}`}
                  name="sv"
                  rows={4}
                  lang="sv"
                  maxLength={TEXT_LIMITS.feedbackText}
                  defaultValue={failed?.values?.sv ?? text.sv}
                />
              </div>
              <div className="field">
                <label htmlFor={`en-${text.key}`}>{t("texts.english")}</label>
                <textarea
                  id={`en-${text.key}`}
                  name="en"
                  rows={4}
                  lang="en"
                  maxLength={TEXT_LIMITS.feedbackText}
                  defaultValue={failed?.values?.en ?? text.en}
                />
              </div>
              {failed ? (
                <p role="alert" className="error-list">
                  {t(failed.error)}
                </p>
              ) : null}
              <p>
                <button type="submit" name="intent" value="text" className="button" disabled={busy}>
                  {t("texts.save")}
                </button>
              </p>
            </Form>
          </section>
        );
      })}
    </>
  );
}
