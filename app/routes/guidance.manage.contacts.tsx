import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field, FormErrors, useValidatedForm } from "~/components/forms";
import { requirePermission } from "~/server/auth.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { getContactDetails, saveContactDetails } from "~/models/guidance.server";
import { readForm } from "~/lib/form-data.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "guidance:contacts.title");

export const handle: RouteTexts = { i18n: ["guidance"] };

const phone = z
  .string({ required_error: "guidance:errors.phoneRequired" })
  .trim()
  .max(30, "guidance:errors.phoneInvalid")
  .regex(/^[0-9+ ()-]{3,30}$/, "guidance:errors.phoneInvalid");
const hours = z.string({ required_error: "guidance:errors.hoursRequired" }).trim().max(200, "guidance:errors.tooLong");
const schema = z.object({
  receptionPhone: phone,
  receptionEmail: z.string().trim().max(254).email("guidance:errors.emailInvalid").optional(),
  receptionHoursSv: hours,
  receptionHoursEn: hours,
  outOfHoursPhone: phone,
  outOfHoursHoursSv: hours,
  outOfHoursHoursEn: hours,
  emergencyNumber: phone,
});

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "guidance:manage");
  const c = await getContactDetails(user.municipalityId);
  return {
    defaults: {
      receptionPhone: c.receptionPhone,
      receptionEmail: c.receptionEmail,
      receptionHoursSv: c.receptionHours.sv,
      receptionHoursEn: c.receptionHours.en,
      outOfHoursPhone: c.outOfHoursPhone,
      outOfHoursHoursSv: c.outOfHoursHours.sv,
      outOfHoursHoursEn: c.outOfHoursHours.en,
      emergencyNumber: c.emergencyNumber,
    },
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "guidance:manage");
  const submission = parseWithZod(await readForm(args.request), { schema });
  if (submission.status !== "success") return { result: submission.reply() };
  const v = submission.value;
  await saveContactDetails(user, {
    receptionPhone: v.receptionPhone,
    receptionEmail: v.receptionEmail ?? "",
    receptionHours: { sv: v.receptionHoursSv, en: v.receptionHoursEn },
    outOfHoursPhone: v.outOfHoursPhone,
    outOfHoursHours: { sv: v.outOfHoursHoursSv, en: v.outOfHoursHoursEn },
    emergencyNumber: v.emergencyNumber,
  });
  return redirect("/guidance/manage/contacts?notice=contactsSaved");
}

export default function Contacts() {
  const { t } = useTranslation("guidance");
  const { defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useValidatedForm({
    id: "contacts",
    lastResult: actionData?.result,
    defaultValue: defaults,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <div className="narrow">
      <p>
        <Link to="/guidance/manage">{t("manage.back")}</Link>
      </p>
      <h1>{t("contacts.title")}</h1>
      <p>{t("contacts.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <fieldset className="stack">
          <legend>{t("contacts.reception")}</legend>
          <Field label={t("contacts.phone")} field={fields.receptionPhone} type="tel" />
          <Field label={t("contacts.email")} field={fields.receptionEmail} type="email" />
          <Field label={t("contacts.hoursSv")} field={fields.receptionHoursSv} />
          <Field label={t("contacts.hoursEn")} field={fields.receptionHoursEn} />
        </fieldset>
        <fieldset className="stack">
          <legend>{t("contacts.outOfHours")}</legend>
          <Field label={t("contacts.phone")} field={fields.outOfHoursPhone} type="tel" />
          <Field label={t("contacts.hoursSv")} field={fields.outOfHoursHoursSv} />
          <Field label={t("contacts.hoursEn")} field={fields.outOfHoursHoursEn} />
        </fieldset>
        <Field label={t("contacts.emergency")} field={fields.emergencyNumber} type="tel" />
        <p>
          <button type="submit" className="button" disabled={busy}>
            {t("contacts.save")}
          </button>
        </p>
      </Form>
    </div>
  );
}
