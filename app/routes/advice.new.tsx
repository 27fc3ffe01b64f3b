import { randomUUID } from "node:crypto";
import { parseWithZod } from "@conform-to/zod";
import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AdviceForm } from "~/components/advice-form";
import { adviceSchema } from "~/domain/advice-schema";
import { requirePermission } from "~/server/auth.server";
import { stockholmDate, stockholmTime } from "~/domain/deadlines";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { isUuid } from "~/domain/ids";
import { isReception } from "~/domain/vocabulary";
import { useSubmissionKey } from "~/lib/use-submission-key";
import { consultationFromForm, deliverWrittenAdvice, logConsultation } from "~/models/advice.server";
import { listActiveUnitOptions } from "~/models/unit.server";
import adviceStyles from "~/styles/advice.css";
import { readForm } from "~/lib/form-data.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adviceStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "advice:form.title");

export const handle: RouteTexts = { i18n: ["advice", "reports"] };

// A send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction, keepDataOnFailure as shouldRevalidate } from "~/lib/form-failure";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "advice:log");
  const now = new Date();
  const units = await listActiveUnitOptions({ municipalityId: user.municipalityId });
  return {
    today: stockholmDate(now),
    defaults: {
      occurredOn: stockholmDate(now),
      occurredTime: stockholmTime(now),
      durationMinutes: "10",
      channel: "phone",
    },
    unitNames: units.filter((u) => ["preschool", "school", "student_health"].includes(u.kind)).map((u) => u.name),
    submissionKey: randomUUID(),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "advice:log");
  const formData = await readForm(args.request);
  const submission = parseWithZod(formData, { schema: adviceSchema(stockholmDate(new Date())) });
  if (submission.status !== "success") return { result: submission.reply() };
  const resolved = await consultationFromForm(user, submission.value);
  if (!resolved.ok) return { result: submission.reply({ fieldErrors: resolved.fieldErrors }) };
  const submissionKey = String(formData.get("submissionKey") ?? "");
  if (!isUuid(submissionKey)) throw new Response(null, { status: 400 });
  const receptionUnitId = user.memberships.find((m) => isReception(m.role))?.unitId ?? null;
  const logged = await logConsultation(user, resolved.input, { receptionUnitId, submissionKey });
  if (!logged) throw new Response(null, { status: 400 });
  const { id } = logged;
  // A resent form: the call is logged and its written advice on its way already.
  if (!logged.created) return redirect(`/advice/${id}?notice=adviceLogged`);
  const messageId = await deliverWrittenAdvice(user, id);
  return redirect(`/advice/${id}?notice=${messageId ? "adviceLoggedAndSent" : "adviceLogged"}`);
}

export default function NewAdvice() {
  const { t } = useTranslation("advice");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submissionKey = useSubmissionKey(data.submissionKey);
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
        submissionKey={submissionKey}
      />
    </>
  );
}
