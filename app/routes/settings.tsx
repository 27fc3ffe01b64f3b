import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { useTranslation } from "react-i18next";
import { parseWithZod } from "@conform-to/zod";
import { LanguageSetting, PasswordChange, SecondFactorSetting } from "~/components/user-settings";
import {
  acceptTotpCode,
  changeOwnPassword,
  checkOwnCode,
  getUserAndSession,
  requirePermission,
} from "~/server/auth.server";
import { env } from "~/lib/env.server";
import { formatDateTime, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { detectLocale, languageCookie } from "~/lib/i18n.server";
import { requiresSecondFactor } from "~/lib/permissions.server";
import { decryptSecret, encryptSecret, newSecret, otpauthUri } from "~/lib/totp.server";
import { getTotpSecret, setTotp, setUserLocale } from "~/models/user.server";
import { readForm } from "~/lib/form-data.server";
import { passwordSchema } from "~/domain/settings-schema";

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
      ip: args.context.clientIp,
      requestId,
    });
    if (!result.ok && result.error === "locked") {
      // Sign-in's message, with the time the lock ends.
      const time = formatDateTime(result.retryAt, detectLocale(args.request), {
        dateStyle: undefined,
        timeStyle: "short",
      });
      return { password: submission.reply({ ...hidden, formErrors: [`auth:errors.locked|${time}`] }) };
    }
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
    // Limited and audited like the code at sign-in, on the same counters. Confirming an enrolment is not: its code
    // comes from the secret this page has just shown, so there is nothing to guess.
    const ip = args.context.clientIp;
    const checked = await checkOwnCode({ user, code, ip, requestId, details: { path: "/settings" } });
    if (checked === "locked") return { error: "auth:errors.tooManyCodes" };
    if (checked === "invalid") return { error: "auth:errors.codeInvalid" };
    await setTotp(user, { secret: null, enabledAt: null });
    return redirect("/settings?notice=secondFactorOff");
  }
  throw new Response(null, { status: 400 });
}

export default function Settings() {
  const { t } = useTranslation("auth");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const password = actionData && "password" in actionData ? actionData.password : undefined;
  // Too many wrong passwords: sign-in's message, with the time the lock ends.
  const locked = password?.error?.[""]?.map((e) => {
    const [key, time] = e.split("|");
    return t(key, { time });
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
      <LanguageSetting locale={data.locale} />
      {locked?.length ? (
        <div role="alert" className="alert alert--error">
          {locked.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      ) : null}
      <PasswordChange lastResult={password} />
      <SecondFactorSetting {...data} error={actionData && "error" in actionData ? actionData.error : null} />
    </>
  );
}
