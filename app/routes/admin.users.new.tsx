import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { adminSetPassword, emailAddress, personName } from "~/domain/admin-schema";
import { roles } from "~/domain/vocabulary";
import { Field, FormErrors, SelectField, useValidatedForm } from "~/components/forms";
import { requirePermission } from "~/server/auth.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { listActiveUnitOptions } from "~/models/unit.server";
import { createUserWithMembership } from "~/models/user.server";
import adminStyles from "~/styles/admin.css";
import { readForm } from "~/lib/form-data.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin:newUser.title");

export const handle: RouteTexts = { i18n: ["admin"] };

const schema = z.object({
  name: personName,
  email: emailAddress,
  password: adminSetPassword,
  unitId: z.string({ required_error: "admin:errors.unitRequired" }).uuid("admin:errors.unitRequired"),
  role: z.enum(roles, { errorMap: () => ({ message: "admin:errors.roleRequired" }) }),
});

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "admin:users");
  return { units: await listActiveUnitOptions({ municipalityId: user.municipalityId }) };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "admin:users");
  const formData = await readForm(args.request);
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  const result = await createUserWithMembership(user, submission.value);
  if (!result.ok) {
    const fieldErrors: Record<string, string[]> =
      result.error === "emailTaken"
        ? { email: ["admin:errors.emailTaken"] }
        : { unitId: ["admin:errors.unitRequired"] };
    return submission.reply({ fieldErrors, hideFields: ["password"] });
  }
  return redirect(`/admin/users/${result.userId}?notice=created`);
}

export default function NewUser() {
  const { t } = useTranslation("admin");
  const { units } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useValidatedForm({
    id: "new-user",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });

  return (
    <div className="narrow">
      <p>
        <Link to="/admin/users">{t("newUser.back")}</Link>
      </p>
      <h1>{t("newUser.title")}</h1>
      <p>{t("newUser.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t("fields.name")} field={fields.name} autoComplete="off" />
        <Field label={t("fields.email")} field={fields.email} type="email" autoComplete="off" />
        <Field
          label={t("fields.password")}
          hint={t("fields.passwordHint")}
          field={fields.password}
          type="password"
          autoComplete="new-password"
        />
        <fieldset className="stack">
          <legend>{t("newUser.firstMembership")}</legend>
          <SelectField
            label={t("fields.unit")}
            field={fields.unitId}
            placeholder={t("fields.choose")}
            options={units.map((u) => ({ value: u.id, label: `${u.name} (${t(`common:unitKinds.${u.kind}`)})` }))}
          />
          <SelectField
            label={t("fields.role")}
            field={fields.role}
            placeholder={t("fields.choose")}
            options={roles.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
          />
        </fieldset>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("newUser.submit")}
        </button>
      </Form>
    </div>
  );
}
