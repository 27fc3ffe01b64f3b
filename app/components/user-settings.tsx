import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, useValidatedForm } from "~/components/forms";
import { passwordSchema } from "~/domain/settings-schema";
import type { loader } from "~/routes/settings";

/** What the settings page's loader gives its sections. */
export type SettingsData = SerializeFrom<typeof loader>;

/** The language of the portal and its e-mails. */
export function LanguageSetting({ locale }: Pick<SettingsData, "locale">) {
  const { t } = useTranslation("auth");
  return (
    <section aria-labelledby="language-heading" className="card">
      <h2 id="language-heading">{t("settings.language")}</h2>
      <Form method="post" className="stack">
        <fieldset>
          <legend>{t("settings.languageLegend")}</legend>
          {(["sv", "en"] as const).map((l) => (
            <label key={l} className="choice" lang={l}>
              <input type="radio" name="locale" value={l} defaultChecked={(locale ?? "sv") === l} />
              {t(`common:languages.${l}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" name="intent" value="language" className="button">
          {t("settings.save")}
        </button>
      </Form>
    </section>
  );
}

/** Changing one's own password: the current one and the new one twice, checked as the fields are left. */
export function PasswordChange({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation("auth");
  const [form, fields] = useValidatedForm({
    id: "password",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(passwordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordSchema }),
  });
  return (
    <section aria-labelledby="password-heading" className="card">
      <h2 id="password-heading">{t("settings.password")}</h2>
      <p>{t("settings.passwordIntro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <Field
          label={t("settings.currentPassword")}
          field={fields.current}
          type="password"
          autoComplete="current-password"
        />
        <Field
          label={t("settings.newPassword")}
          hint={t("settings.newPasswordHint")}
          field={fields.next}
          type="password"
          autoComplete="new-password"
        />
        <Field
          label={t("settings.confirmPassword")}
          field={fields.confirm}
          type="password"
          autoComplete="new-password"
        />
        <button type="submit" name="intent" value="password" className="button">
          {t("settings.changePassword")}
        </button>
      </Form>
    </section>
  );
}

/**
 * The authenticator app: start enrolment (a QR code drawn on the server), confirm it with a code, or remove it with a
 * code unless the user's role requires it.
 */
export function SecondFactorSetting({
  totpEnabled,
  required,
  pending,
  error,
}: Pick<SettingsData, "totpEnabled" | "required" | "pending"> & { error?: string | null }) {
  const { t } = useTranslation("auth");
  return (
    <section aria-labelledby="totp-heading" className="card">
      <h2 id="totp-heading">{t("settings.secondFactor")}</h2>
      <ErrorList errors={error ? [error] : null} />
      {totpEnabled ? (
        <>
          <p>{t("settings.totpOn")}</p>
          {required ? null : (
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
      ) : pending ? (
        <Form method="post" className="stack">
          <p>{t("settings.totpScan")}</p>
          <div
            className="qr"
            role="img"
            aria-label={t("settings.qrLabel")}
            // biome-ignore lint/security/noDangerouslySetInnerHtml: an SVG the qrcode package drew on the server from our own URI
            dangerouslySetInnerHTML={{ __html: pending.qr }}
          />
          <p>
            {t("settings.totpManual")} <code>{pending.secret}</code>
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
  );
}
