import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { oneTimeCodeSchema } from "~/domain/code-schema";
import { Field, FormErrors, useValidatedForm } from "~/components/forms";
import { audit } from "~/lib/audit.server";
import { checkOwnCode, getUserAndSession, requireUser } from "~/server/auth.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { safeRedirect } from "~/domain/redirect";
import { completeSecondFactor } from "~/lib/session.server";
import { readForm } from "~/lib/form-data.server";

/**
 * Step-up (issue 22, item 10; app/lib/step-up.server.ts): the code again, for a child's identity on a report older than
 * 30 days. Checked by sign-in's own checkOwnCode: the same counters, limits and audit of a
 * wrong or refused code. A correct one gives the session a new id and the time it was given.
 */

const schema = oneTimeCodeSchema;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth:confirm.title");

export const handle: RouteTexts = { i18n: ["auth"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  const found = await getUserAndSession(args.request, args.context);
  const params = new URL(args.request.url).searchParams;
  const redirectTo = safeRedirect(params.get("redirectTo"));
  // Signed in with more than one factor at the municipality's provider: confirmed by signing in there again.
  const again = found?.session.providerMfa
    ? `/login/oidc?${new URLSearchParams({ municipality: user.municipalityId, redirectTo, reauthenticate: "1" })}`
    : null;
  return { redirectTo, hasCode: user.totpEnabled, again };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args);
  const submission = parseWithZod(await readForm(args.request), { schema });
  if (submission.status !== "success") return submission.reply();
  if (!user.totpEnabled) return submission.reply({ formErrors: ["auth:confirm.noCode"], hideFields: ["code"] });
  const requestId = args.context.requestId;
  const path = "/login/confirm";
  const checked = await checkOwnCode({
    user,
    code: submission.value.code,
    ip: args.context.clientIp,
    requestId,
    details: { path },
  });
  if (checked === "locked") return submission.reply({ formErrors: ["auth:errors.tooManyCodes"] });
  if (checked === "invalid") return submission.reply({ formErrors: ["auth:errors.codeInvalid"], hideFields: ["code"] });
  // The session the guard above read (once per request); without one it would have redirected to /login.
  const found = await getUserAndSession(args.request, args.context);
  if (!found) throw redirect("/login");
  const setCookie = await completeSecondFactor(found.session.id);
  await audit({ action: "second_factor.confirmed", user, requestId, details: { path } });
  return redirect(safeRedirect(submission.value.redirectTo), { headers: { "Set-Cookie": setCookie } });
}

export default function ConfirmCode() {
  const { t } = useTranslation("auth");
  const { redirectTo, hasCode, again } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useValidatedForm({
    id: "login-confirm",
    lastResult,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <div className="narrow">
      <h1>{t("confirm.title")}</h1>
      {again ? (
        <>
          <p>{t("confirm.providerIntro")}</p>
          <p>{t("confirm.fresh")}</p>
          <p>
            {/* A document navigation: the provider's page is another site. */}
            <a className="button" href={again}>
              {t("confirm.provider")}
            </a>
          </p>
        </>
      ) : hasCode ? (
        <>
          <p>{t("confirm.intro")}</p>
          <p>{t("confirm.fresh")}</p>
          <Form method="post" {...getFormProps(form)} className="stack">
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <Field label={t("code.label")} field={fields.code} autoComplete="one-time-code" inputMode="numeric" />
            <button type="submit" className="button">
              {t("confirm.submit")}
            </button>
          </Form>
        </>
      ) : (
        <>
          <p>{t("confirm.noCode")}</p>
          <p>
            <Link to="/settings">{t("confirm.settings")}</Link>
          </p>
        </>
      )}
      <p>
        <Link to={redirectTo}>{t("confirm.back")}</Link>
      </p>
    </div>
  );
}
