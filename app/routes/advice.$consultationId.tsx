import { randomUUID } from "node:crypto";
import { parseWithZod } from "@conform-to/zod";
import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConsultationAmendments, ConsultationFacts } from "~/components/advice-consultation";
import { AdviceForm } from "~/components/advice-form";
import { adviceSchema } from "~/domain/advice-schema";
import { audit } from "~/lib/audit.server";
import { recordNotFound, requirePermission } from "~/server/auth.server";
import { stockholmDate, stockholmTime } from "~/domain/deadlines";
import { possibleNames } from "~/domain/deidentify";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { isUuid } from "~/domain/ids";
import { looksLikePersonalNumber } from "~/domain/personal-number";
import { useSubmissionKey } from "~/lib/use-submission-key";
import {
  addAmendment,
  canCorrect,
  consultationDetail,
  consultationFromForm,
  correctConsultation,
  getConsultation,
} from "~/models/advice.server";
import { listActiveUnitOptions } from "~/models/unit.server";
import adviceStyles from "~/styles/advice.css";
import { readForm } from "~/lib/form-data.server";
import { limitedText, TEXT_LIMITS } from "~/domain/text-limits";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adviceStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "advice:detail.title");

export const handle: RouteTexts = { i18n: ["advice", "reports"] };

async function loadConsultation(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const user = await requirePermission(args, "advice:log");
  const id = args.params.consultationId ?? "";
  const consultation = isUuid(id) ? await getConsultation(user.municipalityId, id) : null;
  if (!consultation) return recordNotFound(args, user, "advice", id);
  return { user, consultation };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, consultation } = await loadConsultation(args);
  const detail = await consultationDetail(user.municipalityId, consultation.id);
  if (!detail) return recordNotFound(args, user, "advice", consultation.id);
  await audit({
    action: "read",
    user,
    recordType: "advice",
    recordId: consultation.id,
    requestId: args.context.requestId,
  });
  const c = detail.consultation;
  const editable = canCorrect(user, c);
  const units = editable ? await listActiveUnitOptions({ municipalityId: user.municipalityId }) : [];
  return {
    consultation: {
      id: c.id,
      code: c.code,
      occurredAt: c.occurredAt.toISOString(),
      durationMinutes: c.durationMinutes,
      channel: c.channel,
      callerRole: c.callerRole,
      concerns: c.concerns,
      ageBand: c.ageBand,
      acute: c.acute,
      summary: c.summary,
      advice: c.advice,
      adviceNote: c.adviceNote,
      followUp: c.followUp,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    },
    callerUnitName: detail.callerUnitName,
    callerUnitId: c.callerUnitId,
    authorName: detail.authorName,
    callerName: detail.callerName,
    amendments: detail.amendments.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
    linkedReports: detail.linkedReports.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString() })),
    editable,
    today: stockholmDate(new Date()),
    unitNames: units.map((u) => u.name),
    defaults: editable
      ? {
          occurredOn: stockholmDate(c.occurredAt),
          occurredTime: stockholmTime(c.occurredAt),
          durationMinutes: String(c.durationMinutes),
          channel: c.channel,
          callerUnit: detail.callerUnitName ?? "",
          callerRole: c.callerRole,
          ageBand: c.ageBand ?? "",
          acute: c.acute ? "on" : "",
          summary: c.summary,
          advice: c.advice,
          adviceNote: c.adviceNote,
          followUp: c.followUp,
        }
      : null,
    submissionKey: randomUUID(),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { user, consultation } = await loadConsultation(args);
  const formData = await readForm(args.request);
  const intent = formData.get("intent");

  if (intent === "amend") {
    const amendment = limitedText(formData, "text", TEXT_LIMITS.amendment);
    const text = amendment.value;
    if (amendment.tooLong) return { intent, error: "advice:errors.tooLong", text };
    if (!text) return { intent, error: "advice:errors.amendmentRequired" };
    if (looksLikePersonalNumber(text)) return { intent, error: "advice:errors.personalNumber", text };
    if (possibleNames(text).length && formData.get("confirmNoNames") !== "on")
      return { intent, error: "advice:errors.possibleNames", text };
    const submissionKey = String(formData.get("submissionKey") ?? "");
    if (!isUuid(submissionKey)) throw new Response(null, { status: 400 });
    // A resent form adds nothing new; the model audits what it adds.
    await addAmendment(user, consultation.id, text, submissionKey);
    return redirect(`/advice/${consultation.id}?notice=amendmentAdded`);
  }

  // A correction in place: the author, within 24 hours. Anyone else, or later: an amendment.
  if (!canCorrect(user, consultation)) return { intent: "correct", error: "advice:errors.correctionClosed" };
  const submission = parseWithZod(formData, { schema: adviceSchema(stockholmDate(new Date())) });
  if (submission.status !== "success") return { intent: "correct", result: submission.reply() };
  const resolved = await consultationFromForm(user, submission.value);
  if (!resolved.ok) return { intent: "correct", result: submission.reply({ fieldErrors: resolved.fieldErrors }) };
  if (!(await correctConsultation(user, consultation.id, resolved.input))) {
    return { intent: "correct", error: "advice:errors.correctionClosed" };
  }
  return redirect(`/advice/${consultation.id}?notice=saved`);
}

export default function Consultation() {
  const { t } = useTranslation("advice");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const c = data.consultation;
  const amendError = actionData && "error" in actionData && actionData.intent === "amend" ? actionData : null;
  const correctError = actionData && "error" in actionData && actionData.intent === "correct" ? actionData.error : null;
  const amendmentKey = useSubmissionKey(data.submissionKey, "amend");

  return (
    <>
      <p>
        <Link to="/advice">{t("list.back")}</Link>
      </p>
      <h1>{t("detail.heading", { code: c.code })}</h1>
      <p className="advice-code" role="note">
        {t("detail.readOut")} <strong>{c.code}</strong>
      </p>
      <ConsultationFacts {...data} />

      {data.editable && data.defaults ? (
        <section aria-labelledby="correct-heading" className="card">
          <h2 id="correct-heading">{t("detail.correct")}</h2>
          <p className="field__hint">{t("detail.correctHint")}</p>
          {correctError ? (
            <p role="alert" className="alert alert--error">
              {t(correctError)}
            </p>
          ) : null}
          <AdviceForm
            id={`correct-${c.id}`}
            defaults={data.defaults}
            concerns={c.concerns}
            unitNames={data.unitNames}
            today={data.today}
            lastResult={actionData && "result" in actionData ? actionData.result : undefined}
            submitLabel={t("detail.saveCorrection")}
          />
        </section>
      ) : null}

      <ConsultationAmendments {...data} amendmentKey={amendmentKey} amendError={amendError} busy={busy} />
    </>
  );
}
