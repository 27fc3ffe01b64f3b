import { randomUUID } from "node:crypto";
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  redirect,
  replace,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormErrors, useValidatedForm } from "~/components/forms";
import { DiscardDraft, ReportDraftActions, ReportDraftIntro, ReporterSection } from "~/components/report-draft";
import { ReportContentFields } from "~/components/report-form";
import { audit } from "~/lib/audit.server";
import { recordNotFound, requirePermission } from "~/server/auth.server";
import { stockholmDate } from "~/domain/deadlines";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { detectLocale } from "~/lib/i18n.server";
import { isUuid } from "~/domain/ids";
import { reportingUnits } from "~/lib/permissions.server";
import { identityProtectionOf, portalReportSchema, reportContent } from "~/domain/report-schema";
import { concernKindsOf } from "~/models/concern-kinds.server";
import { getContactDetails, placeholderValues } from "~/models/guidance.server";
import {
  deleteReportDraft,
  listColleagues,
  listReportDrafts,
  openReportDraft,
  saveReportDraft,
  submitReport,
} from "~/models/report.server";
import reportStyles from "~/styles/reports.css";
import { readForm } from "~/lib/form-data.server";
import { keepDataOnFailure } from "~/lib/form-failure";
import { useAutosave, type AutosaveAnswer } from "~/lib/use-autosave";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reports:form.title");

export const handle: RouteTexts = { i18n: ["reports"] };

/**
 * The draft id lives in the address from the first view on (a plain /reports/new is sent on to a new id), so
 * revalidation, a reload, a failed submit without JavaScript, a second tab and the back button all keep the same draft.
 */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "report:create");
  const url = new URL(args.request.url);
  const draftParam = url.searchParams.get("draft");
  if (draftParam === null) {
    url.searchParams.set("draft", randomUUID());
    throw redirect(`${url.pathname}${url.search}`);
  }
  // Someone else's draft holds a child's identity: a 404 like an unknown id, and a denial in the audit log.
  if (!isUuid(draftParam)) return recordNotFound(args, user, "report_draft", draftParam);
  const opened = await openReportDraft(user, draftParam);
  if (opened.state === "taken") return recordNotFound(args, user, "report_draft", draftParam);
  // Back to a report already sent: its receipt, not an empty form that would save nowhere. It takes the draft's place
  // in the history (a pushed receipt would drop the entries ahead and bring every further "back" here again).
  if (opened.state === "sent") throw replace(`/reports/${opened.report.id}/receipt`);
  const draft = opened.state === "draft" ? opened.draft : null;
  if (draft)
    await audit({
      action: "read",
      user,
      recordType: "report_draft",
      recordId: draft.id,
      requestId: args.context.requestId,
    });
  // After a session ran out mid-report the user may land on a new form: point them back to their latest draft.
  const latest = draft ? null : (await listReportDrafts(user)).find((d) => d.id !== draftParam);
  const units = reportingUnits(user);
  const colleagues = await listColleagues(user);
  const contact = placeholderValues(await getContactDetails(user.municipalityId), detectLocale(args.request, user));
  const kinds = await activeKinds(user);
  return {
    draftId: draftParam,
    savedAt: draft?.updatedAt.toISOString() ?? null,
    latestDraft: latest ? { id: latest.id, updatedAt: latest.updatedAt.toISOString() } : null,
    defaults: draft?.fields ?? {
      unitId: units.length === 1 ? units[0].unitId : "",
      reporterEmail: user.email,
      wantsFeedback: "on",
      observedBy: "me",
    },
    units: units.map((u) => ({ value: u.unitId, label: u.unitName })),
    colleagues: colleagues.map((c) => ({ value: c.id, label: c.name, unitId: c.unitId, role: c.role })),
    reception: { phone: contact.receptionPhone, hours: contact.receptionHours },
    // The reporter may suggest a kind of concern: the active ones, by name only.
    concernKinds: kinds.map(({ id, code, labelSv, labelEn }) => ({ id, code, labelSv, labelEn })),
    today: stockholmDate(new Date()),
  };
}

const activeKinds = async (user: { municipalityId: string }) => (await concernKindsOf(user)).filter((k) => k.active);

/** An autosave changes nothing the page shows: reloading would only re-send what the form already holds. */
export const shouldRevalidate: ShouldRevalidateFunction = (args) =>
  args.formData?.get("intent") === "autosave" ? false : keepDataOnFailure(args);

// An autosave or a send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction } from "~/lib/form-failure";

function rawFields(formData: FormData) {
  const fields: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && key !== "intent" && key !== "draftId") fields[key] = value.slice(0, 20_000);
  }
  return fields;
}

type ActionData = { result: SubmissionResult<string[]> } | AutosaveAnswer;

export async function action(args: ActionFunctionArgs): Promise<ActionData | Response> {
  const user = await requirePermission(args, "report:create");
  const formData = await readForm(args.request);
  const draftId = String(formData.get("draftId") ?? "");
  if (!isUuid(draftId)) throw new Response(null, { status: 400 });
  const intent = formData.get("intent");
  /** Saves the draft; a draft whose report was already sent is not brought back, the receipt is answered instead. */
  const keepDraft = async () => {
    const saved = await saveReportDraft(user, draftId, rawFields(formData));
    if (saved.state === "refused") return recordNotFound(args, user, "report_draft", draftId);
    if (saved.state === "sent") return saved.report;
    return null;
  };
  const receipt = (report: { id: string }) => redirect(`/reports/${report.id}/receipt`);

  if (intent === "autosave") {
    const sent = await keepDraft();
    return sent ? { sent } : { autosaved: new Date().toISOString() };
  }
  if (intent === "discard") {
    if (!(await deleteReportDraft(user, draftId))) return recordNotFound(args, user, "report_draft", draftId);
    return redirect("/reports?notice=draftDeleted");
  }
  if (intent === "save") {
    const sent = await keepDraft();
    if (sent) return receipt(sent);
    return redirect(`/reports/new?draft=${draftId}&notice=draftSaved`);
  }
  if (intent !== "submit") throw new Response(null, { status: 400 });

  const submission = parseWithZod(formData, { schema: portalReportSchema(stockholmDate(new Date())) });
  if (submission.status !== "success") {
    // Nothing typed is lost: the form comes back filled in, and the draft holds it too.
    const sent = await keepDraft();
    if (sent) return receipt(sent);
    return { result: submission.reply() };
  }
  const v = submission.value;
  const colleagues = await listColleagues(user);
  const fieldErrors: Record<string, string[]> = {};
  if (!reportingUnits(user).some((u) => u.unitId === v.unitId)) fieldErrors.unitId = ["reports:errors.unitRequired"];
  if (v.observedBy === "colleague" && !colleagues.some((c) => c.id === v.observerId))
    fieldErrors.observerId = ["reports:errors.observerRequired"];
  if (v.coSignerId && !colleagues.some((c) => c.id === v.coSignerId && c.role === "principal" && c.unitId === v.unitId))
    fieldErrors.coSignerId = ["reports:errors.coSignerInvalid"];
  if (v.suggestedKindId && !(await activeKinds(user)).some((k) => k.id === v.suggestedKindId))
    fieldErrors.suggestedKindId = ["reports:errors.unknownKind"];
  if (Object.keys(fieldErrors).length) {
    const sent = await keepDraft();
    if (sent) return receipt(sent);
    return { result: submission.reply({ fieldErrors }) };
  }

  const report = await submitReport(user, draftId, {
    ...reportContent(v),
    unitId: v.unitId,
    reporterPhone: v.reporterPhone,
    reporterEmail: v.reporterEmail ?? user.email,
    observerId: v.observedBy === "colleague" ? v.observerId : null,
    observerName: v.observedBy === "other" ? v.observerName : null,
    onBehalfReason: v.observedBy === "me" ? null : v.onBehalfReason,
    coSignerId: v.coSignerId || null,
    suggestedKindId: v.suggestedKindId || null,
    ...identityProtectionOf(v),
  });
  if (!report) return recordNotFound(args, user, "report_draft", draftId);
  return receipt(report);
}

export default function NewReport() {
  const { draftId } = useLoaderData<typeof loader>();
  // One form per draft: its defaults are read once, so nothing the loader sends later can reset what is typed.
  return <ReportDraftForm key={draftId} />;
}

function ReportDraftForm() {
  const { t } = useTranslation("reports");
  const loaderData = useLoaderData<typeof loader>();
  const [defaults] = useState(loaderData.defaults);
  const data = { ...loaderData, defaults };
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const formRef = useRef<HTMLFormElement>(null);
  const autosave = useAutosave(formRef);
  const [form, fields] = useValidatedForm({
    id: `report-${data.draftId}`,
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    defaultValue: data.defaults,
    constraint: getZodConstraint(portalReportSchema(data.today)),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => {
      const submission = parseWithZod(formData, { schema: portalReportSchema(data.today) });
      // Saving a draft takes whatever is typed (no errors, so conform lets it through); only sending is checked.
      return formData.get("intent") === "save" && submission.status === "error"
        ? { ...submission, error: null }
        : submission;
    },
  });
  const savedAt = autosave.savedAt ?? data.savedAt;

  return (
    <div className="report-form">
      <ReportDraftIntro {...data} sent={autosave.sent} />
      <Form method="post" {...getFormProps(form)} ref={formRef} className="stack">
        <input type="hidden" name="draftId" value={data.draftId} />
        <FormErrors id={form.errorId} errors={form.errors} />
        {form.allErrors && Object.keys(form.allErrors).length ? (
          <div className="alert alert--error" role="alert">
            <p>{t("form.fixErrors")}</p>
          </div>
        ) : null}
        <ReportContentFields
          fields={fields as never}
          unitField={fields.unitId}
          unitOptions={data.units}
          kindField={fields.suggestedKindId}
          kinds={data.concernKinds}
          observedOnRequired
        />
        <ReporterSection fields={fields} colleagues={data.colleagues} />
        <ReportDraftActions savedAt={savedAt} busy={busy} />
      </Form>
      {data.savedAt ? <DiscardDraft draftId={data.draftId} busy={busy} /> : null}
    </div>
  );
}
