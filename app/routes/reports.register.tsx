import { randomUUID } from "node:crypto";
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
import { Field, FormErrors, SelectField, useValidatedForm } from "~/components/forms";
import { FormSection, ReportContentFields } from "~/components/report-form";
import { requirePermission } from "~/server/auth.server";
import { stockholmDate, stockholmInstant, stockholmTime } from "~/domain/deadlines";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { isUuid } from "~/domain/ids";
import { ProtectionFields } from "~/components/report-draft";
import { externalChannels, identityProtectionOf, registeredReportSchema, reportContent } from "~/domain/report-schema";
import { listActiveUnitOptions } from "~/models/unit.server";
import { registerReport } from "~/models/report.server";
import reportStyles from "~/styles/reports.css";
import { readForm } from "~/lib/form-data.server";
import { useSubmissionKey } from "~/lib/use-submission-key";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reports:register.title");

export const handle: RouteTexts = { i18n: ["reports"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "report:register");
  const now = new Date();
  const units = await listActiveUnitOptions({ municipalityId: user.municipalityId });
  return {
    today: stockholmDate(now),
    defaults: { receivedOn: stockholmDate(now), receivedTime: stockholmTime(now), wantsFeedback: "on" } as Record<
      string,
      string
    >,
    units: units
      .filter((u) => ["preschool", "school", "student_health"].includes(u.kind))
      .map((u) => ({ value: u.id, label: u.name })),
    submissionKey: randomUUID(),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "report:register");
  const formData = await readForm(args.request);
  const submission = parseWithZod(formData, { schema: registeredReportSchema(stockholmDate(new Date())) });
  if (submission.status !== "success") return { result: submission.reply() };
  const v = submission.value;
  if (v.unitId) {
    const units = await listActiveUnitOptions({ municipalityId: user.municipalityId });
    if (!units.some((u) => u.id === v.unitId))
      return { result: submission.reply({ fieldErrors: { unitId: ["reports:errors.unitRequired"] } }) };
  }
  // The schema requires it; checked again so that the type knows it.
  const { channel } = v;
  if (!channel) return { result: submission.reply({ fieldErrors: { channel: ["reports:errors.channelRequired"] } }) };
  const receivedAt = stockholmInstant(v.receivedOn, v.receivedTime);
  if (receivedAt.getTime() > Date.now() + 60_000) {
    return { result: submission.reply({ fieldErrors: { receivedTime: ["reports:errors.dateInFuture"] } }) };
  }
  const submissionKey = String(formData.get("submissionKey") ?? "");
  if (!isUuid(submissionKey)) throw new Response(null, { status: 400 });
  const report = await registerReport(
    user,
    {
      ...reportContent(v),
      channel,
      receivedAt,
      reporterName: v.reporterName,
      reporterPhone: v.reporterPhone,
      reporterEmail: v.reporterEmail ?? "",
      ...identityProtectionOf(v),
    },
    submissionKey,
  );
  return redirect(`/reports/${report.id}?notice=reportRegistered`);
}

export default function RegisterReport() {
  const { t } = useTranslation("reports");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const submissionKey = useSubmissionKey(data.submissionKey);
  const [form, fields] = useValidatedForm({
    id: "register-report",
    lastResult: actionData?.result,
    defaultValue: data.defaults,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(registeredReportSchema(data.today)),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: registeredReportSchema(data.today) }),
  });
  return (
    <div className="report-form">
      <p>
        <Link to="/reports">{t("list.back")}</Link>
      </p>
      <h1>{t("register.title")}</h1>
      <p className="lead">{t("register.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <FormSection id="arrival" title={t("register.arrival")} guidance={t("register.arrivalGuidance")}>
          <SelectField
            label={t("register.channel")}
            field={fields.channel}
            options={externalChannels.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
            placeholder={t("form.choose")}
          />
          <Field label={t("register.receivedOn")} field={fields.receivedOn} type="date" />
          <Field label={t("register.receivedTime")} hint={t("register.receivedTimeHint")} field={fields.receivedTime} />
          <Field
            label={t("register.reporterName")}
            hint={t("register.reporterNameHint")}
            field={fields.reporterName}
            autoComplete="off"
          />
          <Field label={t("form.reporterPhone")} field={fields.reporterPhone} type="tel" autoComplete="off" />
          <Field label={t("form.reporterEmail")} field={fields.reporterEmail} type="email" autoComplete="off" />
          <ProtectionFields fields={fields as never} voice="reception" />
        </FormSection>
        <ReportContentFields
          fields={fields as never}
          unitField={fields.unitId}
          unitOptions={data.units}
          observedOnRequired={false}
        />
        <p>
          <button type="submit" className="button" disabled={busy}>
            {t("register.submit")}
          </button>
        </p>
      </Form>
    </div>
  );
}
