import { randomUUID } from "node:crypto";
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, SelectField, TextareaField, useValidatedForm } from "~/components/forms";
import { FormSection, RadioField, ReportContentFields } from "~/components/report-form";
import { ConfirmSubmit } from "~/components/ui/alert-dialog";
import { audit } from "~/lib/audit.server";
import { notFound, requirePermission } from "~/server/auth.server";
import { stockholmDate } from "~/domain/deadlines";
import { formatDateTime, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { detectLocale } from "~/lib/i18n.server";
import { isUuid } from "~/domain/ids";
import { reportingUnits } from "~/lib/permissions.server";
import { portalReportSchema, reportContent } from "~/domain/report-schema";
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
  if (!isUuid(draftParam)) throw notFound();
  const opened = await openReportDraft(user, draftParam);
  if (opened.state === "taken") throw notFound();
  // Back to a report already sent: its receipt, not an empty form that would save nowhere.
  if (opened.state === "sent") throw redirect(`/reports/${opened.report.id}/receipt`);
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
    today: stockholmDate(new Date()),
  };
}

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

type ActionData =
  | { result: SubmissionResult<string[]> }
  | { autosaved: string }
  | { sent: { id: string; reference: string } };

export async function action(args: ActionFunctionArgs): Promise<ActionData | Response> {
  const user = await requirePermission(args, "report:create");
  const formData = await readForm(args.request);
  const draftId = String(formData.get("draftId") ?? "");
  if (!isUuid(draftId)) throw new Response(null, { status: 400 });
  const intent = formData.get("intent");
  /** Saves the draft; a draft whose report was already sent is not brought back, the receipt is answered instead. */
  const keepDraft = async () => {
    const saved = await saveReportDraft(user, draftId, rawFields(formData));
    if (saved.state === "refused") throw notFound();
    if (saved.state === "sent") return saved.report;
    return null;
  };
  const receipt = (report: { id: string }) => redirect(`/reports/${report.id}/receipt`);

  if (intent === "autosave") {
    const sent = await keepDraft();
    return sent ? { sent } : { autosaved: new Date().toISOString() };
  }
  if (intent === "discard") {
    if (!(await deleteReportDraft(user, draftId))) throw notFound();
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
  });
  if (!report) throw notFound();
  return receipt(report);
}

/** Saves the draft in the background a few seconds after typing stops; also keeps the session alive. */
function useAutosave(form: React.RefObject<HTMLFormElement>) {
  const fetcher = useFetcher<typeof action>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const [savedAt, setSavedAt] = useState<string | null>(null);
  useEffect(() => {
    const element = form.current;
    if (!element) return;
    const onInput = () => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        const data = new FormData(element);
        data.set("intent", "autosave");
        fetcher.submit(data, { method: "post" });
      }, 4_000);
    };
    element.addEventListener("input", onInput);
    return () => {
      element.removeEventListener("input", onInput);
      clearTimeout(timer.current);
    };
    // fetcher.submit is stable for the life of the fetcher: listing it does not restart the timer.
  }, [form, fetcher.submit]);
  useEffect(() => {
    if (fetcher.data && "autosaved" in fetcher.data) setSavedAt(fetcher.data.autosaved);
  }, [fetcher.data]);
  const sent = fetcher.data && "sent" in fetcher.data ? fetcher.data.sent : null;
  return { savedAt, sent };
}

export default function NewReport() {
  const { draftId } = useLoaderData<typeof loader>();
  // One form per draft: its defaults are read once, so nothing the loader sends later can reset what is typed.
  return <ReportDraftForm key={draftId} />;
}

function ReportDraftForm() {
  const { t, i18n } = useTranslation("reports");
  const loaderData = useLoaderData<typeof loader>();
  const [defaults] = useState(loaderData.defaults);
  const data = { ...loaderData, defaults };
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
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
  const principals = data.colleagues.filter((c) => c.role === "principal");

  return (
    <div className="report-form">
      <p>
        <Link to="/reports">{t("list.back")}</Link>
      </p>
      <h1>{t("form.title")}</h1>
      <p className="lead">{t("form.intro")}</p>
      {data.latestDraft ? (
        <div className="alert" role="note">
          <p>
            {t("form.latestDraft", { time: formatDateTime(data.latestDraft.updatedAt, locale) })}{" "}
            <Link to={`/reports/new?draft=${data.latestDraft.id}`}>{t("form.resumeDraft")}</Link>
          </p>
        </div>
      ) : null}
      {autosave.sent ? (
        <div className="alert alert--error" role="alert">
          <p>
            {t("form.alreadySent", { reference: autosave.sent.reference })}{" "}
            <Link to={`/reports/${autosave.sent.id}/receipt`}>{t("form.toReceipt")}</Link>
          </p>
        </div>
      ) : null}
      <div className="alert alert--warning" role="note">
        <p>{t("form.acuteFirst", { phone: data.reception.phone || "–", hours: data.reception.hours })}</p>
      </div>
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
          observedOnRequired
        />
        <FormSection id="who" title={t("form.sections.who")} guidance={t("form.guidance.who")} article="reporting-duty">
          <RadioField
            legend={t("form.observedBy")}
            field={fields.observedBy}
            options={[
              { value: "me", label: t("form.observedByMe") },
              { value: "colleague", label: t("form.observedByColleague") },
              { value: "other", label: t("form.observedByOther") },
            ]}
          />
          <p className="field__hint">{t("form.whyPersonal")}</p>
          {/* Shown only for the choice they belong to (reports.css, without JavaScript too). */}
          <div className="if-colleague">
            <SelectField
              label={t("form.observerColleague")}
              field={fields.observerId}
              options={data.colleagues.map((c) => ({ value: c.value, label: c.label }))}
              placeholder={t("form.choose")}
            />
          </div>
          <div className="if-other">
            <Field label={t("form.observerName")} field={fields.observerName} autoComplete="off" />
          </div>
          <div className="if-on-behalf">
            <TextareaField
              label={t("form.onBehalfReason")}
              hint={t("form.onBehalfReasonHint")}
              field={fields.onBehalfReason}
              rows={2}
            />
          </div>
          <SelectField
            label={t("form.coSigner")}
            hint={t("form.coSignerHint")}
            field={fields.coSignerId}
            options={principals.map((c) => ({ value: c.value, label: c.label }))}
            placeholder={t("form.noCoSigner")}
          />
          <Field label={t("form.reporterPhone")} field={fields.reporterPhone} type="tel" autoComplete="tel" />
          <Field label={t("form.reporterEmail")} field={fields.reporterEmail} type="email" autoComplete="email" />
        </FormSection>
        <p className="muted" aria-live="polite">
          {savedAt
            ? t("form.draftSavedAt", {
                time: formatDateTime(savedAt, locale, { dateStyle: undefined, timeStyle: "short" }),
              })
            : ""}
        </p>
        <p className="button-row">
          <button type="submit" name="intent" value="submit" className="button" disabled={busy}>
            {t("form.submit")}
          </button>
          <button type="submit" name="intent" value="save" className="button button--secondary" disabled={busy}>
            {t("form.saveDraft")}
          </button>
        </p>
        <p className="field__hint">{t("form.submitHint")}</p>
      </Form>
      {data.savedAt ? (
        <ConfirmSubmit
          intent="discard"
          hidden={{ draftId: data.draftId }}
          label={t("form.discardDraft")}
          title={t("form.discardTitle")}
          description={t("form.discardDescription")}
          confirmLabel={t("form.discardConfirm")}
          cancelLabel={t("form.discardCancel")}
          disabled={busy}
        />
      ) : null}
    </div>
  );
}
