import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AdviceForm } from "~/components/advice-form";
import { adviceSchema } from "~/lib/advice-schema";
import { audit } from "~/lib/audit.server";
import { requirePermission } from "~/lib/auth.server";
import { stockholmDate, stockholmTime } from "~/lib/deadlines";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { consultationFromForm, deliverWrittenAdvice, logConsultation } from "~/models/advice.server";
import { listActiveUnitOptions } from "~/models/unit.server";
import adviceStyles from "~/styles/advice.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adviceStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "advice:form.title");

export const handle: RouteTexts = { i18n: ["advice", "reports"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "advice:log");
  const now = new Date();
  const units = await listActiveUnitOptions({ municipalityId: user.municipalityId });
  return {
    today: stockholmDate(now),
    defaults: { occurredOn: stockholmDate(now), occurredTime: stockholmTime(now), durationMinutes: "10", channel: "phone" },
    unitNames: units.filter((u) => ["preschool", "school", "student_health"].includes(u.kind)).map((u) => u.name),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "advice:log");
  const submission = parseWithZod(await args.request.formData(), { schema: adviceSchema(stockholmDate(new Date())) });
  if (submission.status !== "success") return { result: submission.reply() };
  const resolved = await consultationFromForm(user, submission.value);
  if (!resolved.ok) return { result: submission.reply({ fieldErrors: resolved.fieldErrors }) };
  const receptionUnit = user.memberships.find((m) => m.role === "reception_worker")?.unitId ?? null;
  const { id } = await logConsultation(user, resolved.input, receptionUnit);
  const requestId = args.context.requestId;
  await audit({ action: "create", user, recordType: "advice", recordId: id, requestId });
  const messageId = await deliverWrittenAdvice(user, id);
  if (messageId) await audit({ action: "create", user, recordType: "message", recordId: messageId, requestId, details: { kind: "advice" } });
  return redirect(`/advice/${id}?notice=${messageId ? "adviceLoggedAndSent" : "adviceLogged"}`);
}

export default function NewAdvice() {
  const { t } = useTranslation("advice");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/advice">{t("list.back")}</Link>
      </p>
      <h1>{t("form.title")}</h1>
      <p>{t("form.intro")}</p>
      <AdviceForm
        id="new-advice"
        defaults={data.defaults}
        unitNames={data.unitNames}
        today={data.today}
        lastResult={actionData?.result}
        submitLabel={t("form.save")}
      />
    </>
  );
}
