import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field, useValidatedForm } from "~/components/forms";
import { getUserAndSession, login } from "~/server/auth.server";
import { signInErrors } from "~/server/provider-sign-in.server";
import { anyPasswordSignIn, signInProviders } from "~/models/identity.server";
import { env } from "~/lib/env.server";
import { formatDateTime, pageTitle, type RouteTexts } from "~/lib/i18n";
import { detectLocale } from "~/lib/i18n.server";
import { safeRedirect } from "~/domain/redirect";
import { destroySession } from "~/lib/session.server";
import { DEMO_PASSWORD, demoAccounts } from "~/demo/accounts";
import { readForm } from "~/lib/form-data.server";
import { PASSWORD_MAX } from "~/domain/text-limits";

const schema = z.object({
  email: z
    .string({ required_error: "auth:errors.emailRequired" })
    .trim()
    .max(254, "auth:errors.emailInvalid")
    .email("auth:errors.emailInvalid"),
  password: z
    .string({ required_error: "auth:errors.passwordRequired" })
    .max(PASSWORD_MAX, "auth:errors.passwordTooLong"),
  redirectTo: z.string().optional(),
});

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth:login.title");

export const handle: RouteTexts = { i18n: ["auth"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const found = await getUserAndSession(request, context);
  if (found && !found.session.secondFactorPending) throw redirect("/");
  const demo = env().demoMode;
  const params = new URL(request.url).searchParams;
  const signInError = params.get("signInError");
  const [providers, passwordForm] = await Promise.all([signInProviders(), anyPasswordSignIn()]);
  return {
    redirectTo: safeRedirect(params.get("redirectTo")),
    providers,
    passwordForm,
    // Only a reason from the closed list is shown: the query string cannot put words on the page.
    signInError: signInErrors.find((reason) => reason === signInError) ?? null,
    demoAccounts: demo ? demoAccounts.map(({ email, role }) => ({ email, role })) : null,
    demoPassword: demo ? DEMO_PASSWORD : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  const { email, password, redirectTo } = submission.value;
  const result = await login({ email, password, ip: context.clientIp, requestId: context.requestId });
  // A session already in this browser (say, a pending second factor) ends when a new login succeeds.
  const previous = result.ok ? await getUserAndSession(request, context) : null;
  if (previous) await destroySession(previous.session.id);
  if (!result.ok) {
    const locale = detectLocale(request);
    const message =
      result.reason === "locked" && result.retryAt
        ? `auth:errors.locked|${formatDateTime(result.retryAt, locale, { dateStyle: undefined, timeStyle: "short" })}`
        : result.reason === "provider"
          ? "auth:errors.provider"
          : "auth:errors.invalidCredentials";
    return submission.reply({ formErrors: [message], hideFields: ["password"] });
  }
  const to = result.secondFactorPending
    ? `/login/code?${new URLSearchParams({ redirectTo: safeRedirect(redirectTo) })}`
    : safeRedirect(redirectTo);
  return redirect(to, { headers: { "Set-Cookie": result.setCookie } });
}

export default function Login() {
  const { t } = useTranslation("auth");
  const data = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <h1>{t("login.title")}</h1>
      {data.signInError ? (
        <div role="alert" className="alert alert--error">
          <p>{t(`signInErrors.${data.signInError}`)}</p>
        </div>
      ) : null}
      {data.providers.length ? (
        <section aria-labelledby="provider-heading" className="stack">
          <h2 id="provider-heading">{t("login.providerHeading")}</h2>
          <p>{t("login.providerIntro")}</p>
          {data.providers.map((p) => (
            <p key={p.municipalityId}>
              {/* A document navigation, not Remix's fetch: the provider's page is another site. */}
              <a
                className="button"
                href={`/login/oidc?${new URLSearchParams({ municipality: p.municipalityId, redirectTo: data.redirectTo })}`}
              >
                {t("login.providerButton", { name: p.displayName })}
              </a>
            </p>
          ))}
        </section>
      ) : null}
      {data.passwordForm ? <PasswordForm /> : null}
      <DemoAccounts />
    </div>
  );
}

function PasswordForm() {
  const { t } = useTranslation("auth");
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useValidatedForm({
    // A fixed id: conform finds the form element by it, and useId may differ between server and browser.
    id: "login",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const formErrors = form.errors?.map((e) => {
    const [key, time] = e.split("|");
    return time ? t(key, { time }) : t(key);
  });
  return (
    // Not a labelled region: "Logga in med lösenord" would then also name the password field's surroundings.
    <div className="stack">
      {data.providers.length ? <h2>{t("login.passwordHeading")}</h2> : null}
      <p>{t("login.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        {formErrors?.length ? (
          <div role="alert" id={form.errorId} className="alert alert--error">
            {formErrors.map((m) => (
              <p key={m}>{m}</p>
            ))}
          </div>
        ) : null}
        <input type="hidden" name="redirectTo" value={data.redirectTo} />
        <Field label={t("login.email")} field={fields.email} type="email" autoComplete="username" />
        <Field label={t("login.password")} field={fields.password} type="password" autoComplete="current-password" />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("login.submit")}
        </button>
      </Form>
    </div>
  );
}

function DemoAccounts() {
  const { t } = useTranslation("auth");
  const data = useLoaderData<typeof loader>();
  if (!data.demoAccounts) return null;
  return (
    <section aria-labelledby="demo-heading" className="card">
      <h2 id="demo-heading">{t("login.demoHeading")}</h2>
      <p>{t("login.demoIntro", { password: data.demoPassword })}</p>
      {/* Wider than the login column, so it scrolls even on a wide screen: reachable by keyboard. */}
      <section
        className="table-scroll"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: scrolls: keyboard users need focus there (WCAG 2.1.1)
        tabIndex={0}
        aria-labelledby="demo-heading"
      >
        <table>
          <caption className="visually-hidden">{t("login.demoHeading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("login.email")}</th>
              <th scope="col">{t("login.role")}</th>
            </tr>
          </thead>
          <tbody>
            {data.demoAccounts.map((a) => (
              <tr key={a.email}>
                <td>
                  <code>{a.email}</code>
                </td>
                <td>{t(`common:roles.${a.role}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}
