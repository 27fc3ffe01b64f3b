import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { oneTimeCodeSchema } from "~/domain/code-schema";
import { Field, FormErrors, useValidatedForm } from "~/components/forms";
import { audit } from "~/lib/audit.server";
import { checkOwnCode, getUserAndSession } from "~/server/auth.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { safeRedirect } from "~/domain/redirect";
import { completeSecondFactor } from "~/lib/session.server";
import { readForm } from "~/lib/form-data.server";

const schema = oneTimeCodeSchema;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth:code.title");

export const handle: RouteTexts = { i18n: ["auth"] };

async function pendingSession(args: LoaderFunctionArgs) {
  const found = await getUserAndSession(args.request, args.context);
  if (!found) throw redirect("/login");
  if (!found.session.secondFactorPending) throw redirect("/");
  return found;
}

export async function loader(args: LoaderFunctionArgs) {
  await pendingSession(args);
  return { redirectTo: safeRedirect(new URL(args.request.url).searchParams.get("redirectTo")) };
}

export async function action(args: ActionFunctionArgs) {
  const { session, user } = await pendingSession(args);
  const submission = parseWithZod(await readForm(args.request), { schema });
  if (submission.status !== "success") return submission.reply();
  // Codes are counted before they are checked, per account on a counter of their own that a correct password does
  // not clear (else the password again would give fresh guesses), and per address.
  const requestId = args.context.requestId;
  const checked = await checkOwnCode({ user, code: submission.value.code, ip: args.context.clientIp, requestId });
  if (checked === "locked") return submission.reply({ formErrors: ["auth:errors.tooManyCodes"] });
  if (checked === "invalid") return submission.reply({ formErrors: ["auth:errors.codeInvalid"], hideFields: ["code"] });
  const setCookie = await completeSecondFactor(session.id);
  await audit({ action: "login.success", user, requestId, details: { secondFactor: true } });
  return redirect(safeRedirect(submission.value.redirectTo), { headers: { "Set-Cookie": setCookie } });
}

export default function LoginCode() {
  const { t } = useTranslation("auth");
  const { redirectTo } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useValidatedForm({
    id: "login-code",
    lastResult,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <div className="narrow">
      <h1>{t("code.title")}</h1>
      <p>{t("code.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field label={t("code.label")} field={fields.code} autoComplete="one-time-code" inputMode="numeric" />
        <button type="submit" className="button">
          {t("code.submit")}
        </button>
      </Form>
      <Form method="post" action="/logout">
        <button type="submit" className="button button--ghost">
          {t("code.cancel")}
        </button>
      </Form>
    </div>
  );
}
