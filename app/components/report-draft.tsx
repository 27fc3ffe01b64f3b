import type { FieldMetadata } from "@conform-to/react";
import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, SelectField, TextareaField } from "~/components/forms";
import { Aside, CheckboxField, FormSection, RadioField } from "~/components/report-form";
import { ConfirmSubmit } from "~/components/ui/alert-dialog";
import { formatDateTime, isLocale } from "~/lib/i18n";
import type { loader } from "~/routes/reports.new";

/** What the new-report page's loader gives the form. */
export type NewReportData = SerializeFrom<typeof loader>;

/**
 * The page's heading and what to know before writing: a draft saved earlier (after a session ran out), a report
 * already sent from this draft (found by an autosave), and that an acute concern is a phone call to reception first.
 */
export function ReportDraftIntro({
  latestDraft,
  sent,
  reception,
}: Pick<NewReportData, "latestDraft" | "reception"> & { sent: { id: string; reference: string } | null }) {
  const { t, i18n } = useTranslation("reports");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  return (
    <>
      <p>
        <Link to="/reports">{t("list.back")}</Link>
      </p>
      <h1>{t("form.title")}</h1>
      <p className="lead">{t("form.intro")}</p>
      {latestDraft ? (
        <div className="alert" role="note">
          <p>
            {t("form.latestDraft", { time: formatDateTime(latestDraft.updatedAt, locale) })}{" "}
            <Link to={`/reports/new?draft=${latestDraft.id}`}>{t("form.resumeDraft")}</Link>
          </p>
        </div>
      ) : null}
      {sent ? (
        <div className="alert alert--error" role="alert">
          <p>
            {t("form.alreadySent", { reference: sent.reference })}{" "}
            <Link to={`/reports/${sent.id}/receipt`}>{t("form.toReceipt")}</Link>
          </p>
        </div>
      ) : null}
      <div className="alert alert--warning" role="note">
        <p>{t("form.acuteFirst", { phone: reception.phone || "–", hours: reception.hours })}</p>
      </div>
    </>
  );
}

/**
 * Who had the concern (the reporter, a colleague, someone else, and why they report for them), co-signer, contact; and
 * a threatened reporter's request that their identity be kept from the family.
 */
export function ReporterSection({
  fields,
  colleagues,
}: {
  /**
   * The form's fields (observedBy, observerId, observerName, onBehalfReason, coSignerId, reporterPhone, reporterEmail,
   * identityProtectionRequested, identityProtectionReason).
   */
  fields: Record<string, FieldMetadata<string>>;
  colleagues: NewReportData["colleagues"];
}) {
  return <WhoSection fields={fields} colleagues={colleagues} />;
}

function WhoSection({
  fields,
  colleagues,
}: {
  fields: Record<string, FieldMetadata<string>>;
  colleagues: NewReportData["colleagues"];
}) {
  const { t } = useTranslation("reports");
  const principals = colleagues.filter((c) => c.role === "principal");
  return (
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
          options={colleagues.map((c) => ({ value: c.value, label: c.label }))}
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
      <ProtectionFields fields={fields} />
    </FormSection>
  );
}

/**
 * The request that the reporter's identity be kept from the family, with the reason (OSL 26 kap. 5 §), behind a
 * question most reporters pass by: open when it is in use (a resumed draft, a refused reason). Social services decide
 * case by case; the text inside says what can and cannot be promised. Saved in the draft like any field.
 */
export function ProtectionFields({
  fields,
  voice = "reporter",
}: {
  fields: Record<string, FieldMetadata<string>>;
  /** The reporter asks for themselves; reception, registering a call or a letter, records the caller's request. */
  voice?: "reporter" | "reception";
}) {
  const texts =
    voice === "reporter"
      ? {
          summary: "form.sections.protection",
          guidance: "form.guidance.protection",
          request: "form.identityProtectionRequested",
        }
      : {
          summary: "register.protection.summary",
          guidance: "register.protection.guidance",
          request: "register.protection.request",
        };
  const { t } = useTranslation("reports");
  const inUse =
    !!fields.identityProtectionRequested.initialValue ||
    !!fields.identityProtectionReason.initialValue ||
    !!fields.identityProtectionReason.errors?.length;
  return (
    <details className="more-fields" open={inUse || undefined}>
      <summary>{t(texts.summary)}</summary>
      <div className="stack">
        <Aside article="after-a-report">{t(texts.guidance)}</Aside>
        <CheckboxField
          label={t(texts.request)}
          hint={t("form.identityProtectionRequestedHint")}
          field={fields.identityProtectionRequested}
        />
        {/* Shown once the box is ticked (reports.css, without JavaScript too). */}
        <div className="if-identity-protection">
          <TextareaField
            label={t("form.identityProtectionReason")}
            hint={t("form.identityProtectionReasonHint")}
            field={fields.identityProtectionReason}
            rows={3}
          />
        </div>
      </div>
    </details>
  );
}

/** When the draft was last saved (read out when it changes), and the buttons to send it or save it as a draft. */
export function ReportDraftActions({ savedAt, busy }: { savedAt: string | null; busy: boolean }) {
  const { t, i18n } = useTranslation("reports");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  return (
    <>
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
    </>
  );
}

/** Deleting a saved draft, after a confirmation. */
export function DiscardDraft({ draftId, busy }: { draftId: string; busy: boolean }) {
  const { t } = useTranslation("reports");
  return (
    <ConfirmSubmit
      intent="discard"
      hidden={{ draftId: draftId }}
      label={t("form.discardDraft")}
      title={t("form.discardTitle")}
      description={t("form.discardDescription")}
      confirmLabel={t("form.discardConfirm")}
      cancelLabel={t("form.discardCancel")}
      disabled={busy}
    />
  );
}
