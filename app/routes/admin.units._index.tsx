import { getFormProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
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
import { receptionAddressSchema, unitSchema } from "~/domain/admin-schema";
import { unitKinds } from "~/domain/vocabulary";
import { Field, FormErrors, SelectField, useValidatedForm } from "~/components/forms";
import { audit } from "~/lib/audit.server";
import { requirePermission } from "~/server/auth.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { receptionAddressOf, saveReceptionAddress } from "~/models/municipality.server";
import { createUnit, listUnits } from "~/models/unit.server";
import adminStyles from "~/styles/admin.css";
import { readForm } from "~/lib/form-data.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin:units.title");

export const handle: RouteTexts = { i18n: ["admin"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "admin:units");
  const [units, receptionAddress] = await Promise.all([
    listUnits({ municipalityId: user.municipalityId }),
    receptionAddressOf(user.municipalityId),
  ]);
  await audit({
    action: "list",
    user,
    recordType: "unit",
    requestId: args.context.requestId,
    details: { shown: units.length },
  });
  return { units, receptionAddress };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "admin:units");
  const formData = await readForm(args.request);
  // The municipality's one setting an administrator keeps beside its units: where reception is e-mailed about answers.
  if (formData.get("intent") === "receptionAddress") {
    const submission = parseWithZod(formData, { schema: receptionAddressSchema });
    if (submission.status !== "success") return submission.reply();
    await saveReceptionAddress(user, submission.value.receptionAddress ?? null);
    return redirect("/admin/units?notice=receptionAddressSaved");
  }
  const submission = parseWithZod(formData, { schema: unitSchema });
  if (submission.status !== "success") return submission.reply();
  const result = await createUnit(user, submission.value);
  if (!result.ok) return submission.reply({ fieldErrors: { name: ["admin:errors.unitNameTaken"] } });
  return redirect(`/admin/units/${result.unitId}?notice=unitCreated`);
}

export default function AdminUnits() {
  const { t } = useTranslation("admin");
  const { units, receptionAddress } = useLoaderData<typeof loader>();
  const actionResult = useActionData<typeof action>();
  const navigation = useNavigation();
  // Both forms answer here; a refusal carries the intent it was sent with, so it goes back to its own form.
  const toReception = (result?: SubmissionResult) => result?.initialValue?.intent === "receptionAddress";
  const [form, fields] = useValidatedForm({
    id: "new-unit",
    lastResult: toReception(actionResult) ? null : actionResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(unitSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: unitSchema }),
  });
  const [receptionForm, receptionFields] = useValidatedForm({
    id: "reception-address",
    lastResult: toReception(actionResult) ? actionResult : null,
    defaultValue: { receptionAddress: receptionAddress ?? "" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(receptionAddressSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: receptionAddressSchema }),
  });

  return (
    <>
      <h1>{t("units.title")}</h1>
      <p>{t("units.intro")}</p>
      {units.length ? (
        <div className="table-scroll">
          <table>
            <caption>{t("units.caption", { count: units.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("fields.unitName")}</th>
                <th scope="col">{t("fields.kind")}</th>
                <th scope="col" className="numeric">
                  {t("fields.enrolledChildren")}
                </th>
                <th scope="col" className="numeric">
                  {t("units.members")}
                </th>
                <th scope="col">{t("users.status")}</th>
              </tr>
            </thead>
            <tbody>
              {units.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link to={`/admin/units/${u.id}`}>{u.name}</Link>
                  </td>
                  <td>{t(`common:unitKinds.${u.kind}`)}</td>
                  <td className="numeric">{u.enrolledChildren ?? <span className="muted">–</span>}</td>
                  <td className="numeric">{u.members}</td>
                  <td>
                    {u.active ? (
                      t("status.active")
                    ) : (
                      <span className="tag tag--inactive">{t("status.deactivated")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("units.empty")}</p>
      )}

      <section aria-labelledby="new-unit-heading" className="card">
        <h2 id="new-unit-heading">{t("units.newHeading")}</h2>
        <Form method="post" {...getFormProps(form)} className="stack narrow">
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field label={t("fields.unitName")} field={fields.name} autoComplete="off" />
          <SelectField
            label={t("fields.kind")}
            field={fields.kind}
            placeholder={t("fields.choose")}
            options={unitKinds.map((k) => ({ value: k, label: t(`common:unitKinds.${k}`) }))}
          />
          <Field
            label={t("fields.enrolledChildren")}
            hint={t("fields.enrolledChildrenHint")}
            // The field is a number only for some kinds; the input itself always holds text.
            field={fields.enrolledChildren as FieldMetadata<string | undefined>}
            type="number"
            inputMode="numeric"
          />
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("units.create")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="reception-address-heading" className="card">
        <h2 id="reception-address-heading">{t("units.receptionHeading")}</h2>
        <Form method="post" {...getFormProps(receptionForm)} className="stack narrow">
          <input type="hidden" name="intent" value="receptionAddress" />
          <FormErrors id={receptionForm.errorId} errors={receptionForm.errors} />
          <Field
            label={t("units.receptionAddress")}
            hint={t("units.receptionAddressHint")}
            field={receptionFields.receptionAddress}
            type="email"
            // The team's address, not the administrator's own.
            autoComplete="off"
          />
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("units.saveReceptionAddress")}
          </button>
        </Form>
      </section>
    </>
  );
}
