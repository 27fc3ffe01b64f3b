import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { useTranslation } from "react-i18next";
import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { ErrorList, Field, useValidatedForm } from "~/components/forms";
import { acceptTotpCode, changeOwnPassword, getUserAndSession, requirePermission } from "~/server/auth.server";
import { env } from "~/lib/env.server";
import { isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { languageCookie } from "~/lib/i18n.server";
import { requiresSecondFactor } from "~/lib/permissions.server";
import { decryptSecret, encryptSecret, newSecret, otpauthUri } from "~/lib/totp.server";
import { getTotpSecret, setTotp, setUserLocale } from "~/models/user.server";
import { readForm } from "~/lib/form-data.server";
import { PASSWORD_MAX } from "~/domain/text-limits";

const passwordSchema = z
  .object({
    current: z
      .string({ required_error: "auth:errors.currentRequired" })
      .max(PASSWORD_MAX, "auth:errors.passwordTooLong"),
    next: z
      .string({ required_error: "auth:errors.newPasswordTooShort" })
      .min(12, "auth:errors.newPasswordTooShort")
      .max(PASSWORD_MAX, "auth:errors.newPasswordTooLong"),
    confirm: z
      .string({ required_error: "auth:errors.confirmMismatch" })
      .max(PASSWORD_MAX, "auth:errors.confirmMismatch"),
  })
  .refine((v) => v.next === v.confirm, { path: ["confirm"], message: "auth:errors.confirmMismatch" })
  .refine((v) => v.next !== v.current, { path: ["next"], message: "auth:errors.newPasswordSame" });

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth:settings.title");

export const handle: RouteTexts = { i18n: ["auth"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "settings:manage");
  const totp = await getTotpSecret(user);
  // A secret without an enabled date is an enrolment in progress: show its QR code.
  const pending = totp?.secret && !totp.enabledAt ? decryptSecret(totp.secret) : null;
  return {
    locale: user.locale,
    totpEnabled: !!totp?.enabledAt,
    required: requiresSecondFactor(user) && !env().demoMode,
    requiredNotice: new URL(args.request.url).searchParams.get("secondFactor") === "required",
    mustChangePassword: user.mustChangePassword,
    pending: pending
      ? { secret: pending, qr: await QRCode.toString(otpauthUri(pending, user.email), { type: "svg", margin: 1 }) }
      : null,
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "settings:manage");
  const form = await readForm(args.request);
  const intent = form.get("intent");
  const requestId = args.context.requestId;
  if (intent === "language") {
    const locale = form.get("locale");
    if (!isLocale(locale)) return { error: "auth:errors.languageInvalid" };
    await setUserLocale(user, locale);
    return redirect("/settings?notice=saved", { headers: { "Set-Cookie": languageCookie(locale) } });
  }
  if (intent === "password") {
    const submission = parseWithZod(form, { schema: passwordSchema });
    const hidden = { hideFields: ["current", "next", "confirm"] };
    if (submission.status !== "success") return { password: submission.reply(hidden) };
    // The session requirePermission read above (once per request); its absence would have redirected there.
    const found = await getUserAndSession(args.request, args.context);
    if (!found) throw redirect("/login");
    const result = await changeOwnPassword({
      user,
      sessionId: found.session.id,
      current: submission.value.current,
      next: submission.value.next,
      requestId,
    });
    if (!result.ok)
      return { password: submission.reply({ ...hidden, fieldErrors: { current: ["auth:errors.currentWrong"] } }) };
    return redirect("/settings?notice=passwordChanged");
  }
  const totp = await getTotpSecret(user);
  if (intent === "totp-start") {
    // Starting over would silently switch an enabled factor off: only when none is on.
    if (totp?.enabledAt) return { error: "auth:errors.secondFactorAlreadyOn" };
    await setTotp(user, { secret: encryptSecret(newSecret()), enabledAt: null });
    return redirect("/settings");
  }
  const code = String(form.get("code") ?? "");
  if (intent === "totp-confirm") {
    if (!totp?.secret || totp.enabledAt) return redirect("/settings");
    if (!(await acceptTotpCode(user, code))) return { error: "auth:errors.codeInvalid" };
    await setTotp(user, { secret: totp.secret, enabledAt: new Date() });
    return redirect("/settings?notice=secondFactorOn");
  }
  if (intent === "totp-remove") {
    if (requiresSecondFactor(user) && !env().demoMode) return { error: "auth:errors.secondFactorRequired" };
    if (!(await acceptTotpCode(user, code))) return { error: "auth:errors.codeInvalid" };
    await setTotp(user, { secret: null, enabledAt: null });
    return redirect("/settings?notice=secondFactorOff");
  }
  throw new Response(null, { status: 400 });
}

export default function Settings() {
  const { t } = useTranslation("auth");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const error = actionData && "error" in actionData ? actionData.error : null;
  const [passwordForm, passwordFields] = useValidatedForm({
    id: "password",
    lastResult: actionData && "password" in actionData ? actionData.password : undefined,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(passwordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordSchema }),
  });
  return (
    <>
      <h1>{t("settings.title")}</h1>
      {data.mustChangePassword ? (
        <p role="alert" className="alert alert--info">
          {t("settings.passwordRequired")}
        </p>
      ) : null}
      {data.requiredNotice ? (
        <p role="alert" className="alert alert--info">
          {t("settings.secondFactorRequired")}
        </p>
      ) : null}
      <section aria-labelledby="language-heading" className="card">
        <h2 id="language-heading">{t("settings.language")}</h2>
        <Form method="post" className="stack">
          <fieldset>
            <legend>{t("settings.languageLegend")}</legend>
            {(["sv", "en"] as const).map((l) => (
              <label key={l} className="choice" lang={l}>
                <input type="radio" name="locale" value={l} defaultChecked={(data.locale ?? "sv") === l} />
                {t(`common:languages.${l}`)}
              </label>
            ))}
          </fieldset>
          <button type="submit" name="intent" value="language" className="button">
            {t("settings.save")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="password-heading" className="card">
        <h2 id="password-heading">{t("settings.password")}</h2>
        <p>{t("settings.passwordIntro")}</p>
        <Form method="post" {...getFormProps(passwordForm)} className="stack">
          <Field
            label={t("settings.currentPassword")}
            field={passwordFields.current}
            type="password"
            autoComplete="current-password"
          />
          <Field
            label={t("settings.newPassword")}
            hint={t("settings.newPasswordHint")}
            field={passwordFields.next}
            type="password"
            autoComplete="new-password"
          />
          <Field
            label={t("settings.confirmPassword")}
            field={passwordFields.confirm}
            type="password"
            autoComplete="new-password"
          />
          <button type="submit" name="intent" value="password" className="button">
            {t("settings.changePassword")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="totp-heading" className="card">
        <h2 id="totp-heading">{t("settings.secondFactor")}</h2>
        <ErrorList errors={error ? [error] : null} />
        {data.totpEnabled ? (
          <>
            <p>{t("settings.totpOn")}</p>
            {data.required ? null : (
              <Form method="post" className="stack">
                <div className="field">
                  <label htmlFor="remove-code">{t("code.label")}</label>
                  <input id="remove-code" name="code" inputMode="numeric" autoComplete="one-time-code" required />
                </div>
                <button type="submit" name="intent" value="totp-remove" className="button button--secondary">
                  {t("settings.totpRemove")}
                </button>
              </Form>
            )}
          </>
        ) : data.pending ? (
          <Form method="post" className="stack">
            <p>{t("settings.totpScan")}</p>
            <div
              className="qr"
              role="img"
              aria-label={t("settings.qrLabel")}
              // biome-ignore lint/security/noDangerouslySetInnerHtml: an SVG the qrcode package drew on the server from our own URI
              dangerouslySetInnerHTML={{ __html: data.pending.qr }}
            />
            <p>
              {t("settings.totpManual")} <code>{data.pending.secret}</code>
            </p>
            <div className="field">
              <label htmlFor="confirm-code">{t("code.label")}</label>
              <input id="confirm-code" name="code" inputMode="numeric" autoComplete="one-time-code" required />
            </div>
            <button type="submit" name="intent" value="totp-confirm" className="button">
              {t("settings.totpConfirm")}
            </button>
          </Form>
        ) : (
          <Form method="post" className="stack">
            <p>{t("settings.totpOff")}</p>
            <button type="submit" name="intent" value="totp-start" className="button">
              {t("settings.totpStart")}
            </button>
          </Form>
        )}
      </section>
    </>
  );
}
