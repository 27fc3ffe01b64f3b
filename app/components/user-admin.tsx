import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, useValidatedForm } from "~/components/forms";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "~/components/ui/alert-dialog";
import { useHydrated } from "~/lib/use-hydrated";
import { profileSchema, resetPasswordSchema } from "~/domain/admin-schema";

/**
 * The sections of the administrator's user page (app/routes/admin.users.$userId.tsx). Each form posts to the step
 * route of its intents; a refused form is shown by that route in place of its section, with `result` or `error`.
 */

export type Reply = SubmissionResult<string[]>;

const stepUrl = (userId: string, step: string) => `/admin/users/${userId}/${step}`;

function useBusy() {
  return useNavigation().state === "submitting";
}

/** An error of the action's own (a translation key), announced where the section starts. */
export function StepError({ error }: { error?: string | null }) {
  const { t } = useTranslation("admin");
  if (!error) return null;
  return (
    <p role="alert" className="alert alert--error">
      {t(error)}
    </p>
  );
}

export function ProfileSection({
  user,
  result,
}: {
  user: { id: string; name: string; email: string };
  result?: Reply;
}) {
  const { t } = useTranslation("admin");
  const busy = useBusy();
  const [form, fields] = useValidatedForm({
    id: "profile",
    lastResult: result,
    defaultValue: { name: user.name, email: user.email },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(profileSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
  });
  return (
    <section aria-labelledby="profile-heading" className="card">
      <h2 id="profile-heading">{t("user.profileHeading")}</h2>
      <Form method="post" action={stepUrl(user.id, "profile")} {...getFormProps(form)} className="stack narrow">
        <input type="hidden" name="intent" value="profile" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t("fields.name")} field={fields.name} autoComplete="off" />
        <Field label={t("fields.email")} field={fields.email} type="email" autoComplete="off" />
        <button type="submit" className="button" disabled={busy}>
          {t("user.saveProfile")}
        </button>
      </Form>
    </section>
  );
}

export function CredentialsSection({
  user,
  result,
  error,
}: {
  user: { id: string; secondFactor: boolean };
  result?: Reply;
  /** The step's own refusal (the same reset already proposed). */
  error?: string | null;
}) {
  const { t } = useTranslation("admin");
  const busy = useBusy();
  const [form, fields] = useValidatedForm({
    id: "reset-password",
    lastResult: result,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(resetPasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
  });
  const action = stepUrl(user.id, "credentials");
  return (
    <section aria-labelledby="credentials-heading" className="card">
      <h2 id="credentials-heading">{t("user.credentialsHeading")}</h2>
      <StepError error={error} />
      <p>{t("user.resetPasswordIntro")}</p>
      <Form method="post" action={action} {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="reset-password" />
        <Field
          label={t("user.temporaryPassword")}
          hint={t("fields.passwordHint")}
          field={fields.password}
          type="password"
          autoComplete="new-password"
        />
        <button type="submit" className="button button--secondary" disabled={busy}>
          {t("user.resetPassword")}
        </button>
      </Form>
      {user.secondFactor ? (
        <Form method="post" action={action} className="stack">
          <p>{t("user.resetSecondFactorIntro")}</p>
          <button
            type="submit"
            name="intent"
            value="reset-second-factor"
            className="button button--secondary"
            disabled={busy}
          >
            {t("user.resetSecondFactor")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

/**
 * Deactivation (confirmed in a dialog once hydrated, a plain form before) or reactivation. Like ActivationSection of
 * admin-forms.tsx, whose forms post to the route that renders them; these post to the account step.
 */
export function AccountSection({
  user,
  isSelf,
  error,
}: {
  user: { id: string; name: string; active: boolean };
  isSelf: boolean;
  error?: string | null;
}) {
  const { t } = useTranslation("admin");
  const busy = useBusy();
  const action = stepUrl(user.id, "account");
  return (
    <section aria-labelledby="user-status-heading" className="card">
      <h2 id="user-status-heading">{t("user.accountHeading")}</h2>
      <StepError error={error} />
      {!user.active ? (
        <Form method="post" action={action} className="stack">
          <p>{t("user.reactivateIntro")}</p>
          <button type="submit" name="intent" value="reactivate" className="button" disabled={busy}>
            {t("user.reactivate")}
          </button>
        </Form>
      ) : isSelf ? (
        <p>{t("user.cannotDeactivateSelf")}</p>
      ) : (
        <>
          <p>{t("user.deactivateIntro")}</p>
          <ConfirmDeactivate action={action} name={user.name} busy={busy} />
        </>
      )}
    </section>
  );
}

function ConfirmDeactivate({ action, name, busy }: { action: string; name: string; busy: boolean }) {
  const { t } = useTranslation("admin");
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const submit = (label: string) => (
    <button type="submit" name="intent" value="deactivate" className="button button--danger" disabled={busy}>
      {label}
    </button>
  );
  if (!hydrated) {
    return (
      <Form method="post" action={action} className="inline-form">
        {submit(t("user.deactivate"))}
      </Form>
    );
  }
  return (
    <AlertDialog open={open} onOpenChange={setOpen}>
      <AlertDialogTrigger asChild>
        <button type="button" className="button button--danger" disabled={busy}>
          {t("user.deactivate")}
        </button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>{t("user.deactivateConfirmTitle", { name })}</AlertDialogTitle>
        <AlertDialogDescription>{t("user.deactivateConfirmBody")}</AlertDialogDescription>
        {/* Remix reads the form data in onSubmit before React re-renders, so closing here is safe. */}
        <Form method="post" action={action} className="alert-dialog__actions" onSubmit={() => setOpen(false)}>
          <AlertDialogCancel asChild>
            <button type="button" className="button button--secondary">
              {t("user.cancel")}
            </button>
          </AlertDialogCancel>
          {submit(t("user.deactivateConfirm"))}
        </Form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
