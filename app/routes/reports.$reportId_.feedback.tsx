import { randomUUID } from "node:crypto";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DueBadge } from "~/components/report-status";
import { audit } from "~/lib/audit.server";
import { assertCan, recordNotFound, requirePermission } from "~/lib/auth.server";
import { DATE_INVALID, isCalendarDate } from "~/lib/dates";
import { addCalendarDays, stockholmDate, stockholmInstant } from "~/lib/deadlines";
import { formatDate, formatDateTime, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { isUuid } from "~/lib/ids";
import { param, readQuery } from "~/lib/query";
import { useSubmissionKey } from "~/lib/use-submission-key";
import { can, type CurrentUser } from "~/lib/permissions.server";
import {
  consentForms,
  consentGivers,
  consentInfoKinds,
  type ConsentForm,
  type ConsentGiver,
  type ConsentInfoKind,
} from "~/lib/vocabulary";
import {
  basicFeedbackOfReport,
  checkExtendedFeedback,
  consentRecipientOptions,
  consentsOfReport,
  extendedFeedbackOfReport,
  recordConsent,
  sendExtendedFeedback,
  withdrawConsent,
} from "~/models/feedback.server";
import { readReport, reportResource } from "~/models/report.server";
import { limitedText, TEXT_LIMITS } from "~/lib/text-limits";
import reportStyles from "~/styles/reports.css";
import { readForm } from "~/lib/form-data.server";

export const links = () => [{ rel: "stylesheet", href: reportStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "feedback:report.title");

export const handle: RouteTexts = { i18n: ["feedback", "reports"] };

// A send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction, keepDataOnFailure as shouldRevalidate } from "~/lib/form-failure";

type Args = LoaderFunctionArgs | ActionFunctionArgs;

/** Social services only, and only their municipality's reports; anything else is a 404 or a 403. */
async function loadReport(args: Args) {
  const user = await requirePermission(args, "feedback:send");
  const reportId = args.params.reportId ?? "";
  const report = await readReport(user, reportId);
  if (!report) return recordNotFound(args, user, "report", reportId);
  return { user, report };
}

type Report = Awaited<ReturnType<typeof loadReport>>["report"];

/** The recipient and kind chosen in the first step of writing extended feedback, if both are valid. */
function chosen(url: URL, recipients: { id: string }[]) {
  const { recipient, kind } = readQuery(url, { recipient: param.uuid(), kind: param.oneOf(consentInfoKinds) });
  if (!recipient || !kind || !recipients.some((r) => r.id === recipient)) return null;
  return { recipientId: recipient, kind };
}

async function pageData(user: CurrentUser, report: Report, url: URL) {
  const now = new Date();
  const [basic, consentRows, sent, options] = await Promise.all([
    basicFeedbackOfReport(report, now),
    consentsOfReport(report),
    extendedFeedbackOfReport(report),
    consentRecipientOptions(report),
  ]);
  const name = (id: string) => options.users.find((u) => u.id === id)?.name ?? null;
  const unitName = (id: string) => options.units.find((u) => u.id === id)?.name ?? null;
  const choice = chosen(url, options.users);
  const check = choice ? await checkExtendedFeedback(report, choice.recipientId, choice.kind, now) : null;
  const covering = check?.ok ? consentRows.find((c) => c.consent.id === check.consentId)?.consent : undefined;
  const today = stockholmDate(now);
  return {
    report: { id: report.id, reference: report.reference },
    canManageConsent: can(user, "consent:manage"),
    basic: basic.map((b) => ({
      ...b,
      dueAt: b.dueAt.toISOString(),
      deliveredAt: b.deliveredAt?.toISOString() ?? null,
    })),
    consents: consentRows.map(({ consent: c, recordedByName }) => ({
      id: c.id,
      giver: c.giver,
      givenBy: c.givenBy,
      jointCustody: c.jointCustody,
      bothGuardiansConsented: c.bothGuardiansConsented,
      form: c.form,
      documentReference: c.documentReference,
      recipients: [...c.recipientUnitIds.map(unitName), ...c.recipientUserIds.map(name)].map((n) => n ?? "–"),
      infoKinds: c.infoKinds,
      validFrom: c.validFrom.toISOString(),
      validUntil: c.validUntil.toISOString(),
      withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
      state: c.withdrawnAt
        ? "withdrawn"
        : c.validUntil <= now
          ? "expired"
          : c.validFrom > now
            ? "notYetValid"
            : "active",
      recordedByName,
    })),
    sent: sent.map((s) => ({
      ...s,
      sentAt: s.sentAt.toISOString(),
      readAt: s.readAt?.toISOString() ?? null,
      consentWithdrawnAt: s.consentWithdrawnAt?.toISOString() ?? null,
    })),
    options,
    choice,
    check: check
      ? check.ok
        ? { ok: true as const, givenBy: covering?.givenBy ?? "", validUntil: covering?.validUntil.toISOString() ?? "" }
        : { ok: false as const, reason: check.reason, at: "at" in check ? check.at.toISOString() : null }
      : null,
    defaults: { from: today, until: addCalendarDays(today, 364) },
    // A fresh key per page view: a second submit of the same form finds the first one's row.
    submissionKey: randomUUID(),
  };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, report } = await loadReport(args);
  await audit({
    action: "read",
    user,
    recordType: "report",
    recordId: report.id,
    requestId: args.context.requestId,
    details: { part: "feedback" },
  });
  return pageData(user, report, new URL(args.request.url));
}

type ActionData = {
  intent: string;
  error: string;
  at?: string | null;
  values?: Record<string, string | string[]>;
  /** The consent on record that a refused one repeats: its giver, first and last day. */
  duplicate?: { givenBy: string; from: string; until: string };
};

function formValues(formData: FormData) {
  const values: Record<string, string | string[]> = {};
  for (const name of new Set(formData.keys())) {
    if (name === "submissionKey" || name === "intent") continue;
    const all = formData.getAll(name).map(String);
    values[name] = all.length > 1 || name.endsWith("Ids") || name === "infoKinds" ? all : all[0];
  }
  return values;
}

const ids = (formData: FormData, name: string) => formData.getAll(name).map(String).filter(isUuid);

export async function action(args: ActionFunctionArgs): Promise<ActionData | Response> {
  const { user, report } = await loadReport(args);
  const formData = await readForm(args.request);
  const intent = String(formData.get("intent") ?? "");
  const requestId = args.context.requestId;
  const fail = (error: string, at?: string | null): ActionData => ({
    intent,
    error: `feedback:errors.${error}`,
    at,
    // A refused form comes back filled in as sent.
    values: intent === "consent" || intent === "send" ? formValues(formData) : undefined,
  });
  const key = String(formData.get("submissionKey") ?? "");
  const back = async (notice: string, query = "") => {
    await audit({ action: "update", user, recordType: "report", recordId: report.id, requestId, details: { intent } });
    return redirect(`/reports/${report.id}/feedback?notice=${notice}${query}`);
  };

  if (intent === "consent" || intent === "withdraw") {
    await assertCan(args, user, "consent:manage", reportResource(report));
    if (intent === "withdraw") {
      const consentId = String(formData.get("consentId") ?? "");
      if (!isUuid(consentId) || !(await withdrawConsent(user, report.id, consentId))) return fail("cannotWithdraw");
      return back("consentWithdrawn");
    }
    const giver = String(formData.get("giver") ?? "");
    const form = String(formData.get("form") ?? "");
    const givenBy = limitedText(formData, "givenBy", TEXT_LIMITS.consentGivenBy);
    const documentReference = limitedText(formData, "documentReference", TEXT_LIMITS.consentDocument);
    if (givenBy.tooLong || documentReference.tooLong) return fail("textTooLong");
    const from = String(formData.get("validFrom") ?? "").trim();
    const until = String(formData.get("validUntil") ?? "").trim();
    const kinds = formData
      .getAll("infoKinds")
      .map(String)
      .filter((k): k is ConsentInfoKind => (consentInfoKinds as readonly string[]).includes(k));
    if (!(consentGivers as readonly string[]).includes(giver)) return fail("giverRequired");
    if (!givenBy.value) return fail("givenByRequired");
    if (!(consentForms as readonly string[]).includes(form)) return fail("formRequired");
    if (!kinds.length) return fail("kindsRequired");
    if (!from || !until) return fail("datesRequired");
    if (!isCalendarDate(from) || !isCalendarDate(until)) return { ...fail("datesRequired"), error: DATE_INVALID };
    if (!isUuid(key)) throw new Response(null, { status: 400 });
    const result = await recordConsent(user, report, {
      giver: giver as ConsentGiver,
      givenBy: givenBy.value,
      jointCustody: formData.get("jointCustody") === "yes",
      bothGuardiansConsented: formData.get("bothGuardiansConsented") === "yes",
      form: form as ConsentForm,
      documentReference: documentReference.value,
      recipientUnitIds: ids(formData, "recipientUnitIds"),
      recipientUserIds: ids(formData, "recipientUserIds"),
      infoKinds: kinds,
      // A consent covers whole Stockholm days: from the start of the first to the end of the last.
      validFrom: stockholmInstant(from),
      validUntil: stockholmInstant(addCalendarDays(until, 1)),
      submissionKey: key,
    });
    if (result.ok) return back("consentRecorded");
    if (result.error === "duplicate") {
      const { givenBy, validFrom, validUntil } = result.duplicate;
      // validUntil is the exclusive end: the last day is the one before it.
      return {
        ...fail("duplicateConsent"),
        duplicate: {
          givenBy,
          from: stockholmDate(validFrom),
          until: stockholmDate(new Date(validUntil.getTime() - 1)),
        },
      };
    }
    return fail(result.error);
  }

  if (intent === "send") {
    await assertCan(args, user, "feedback:send", reportResource(report));
    const recipientId = String(formData.get("recipientId") ?? "");
    const kind = String(formData.get("kind") ?? "");
    const body = limitedText(formData, "body", TEXT_LIMITS.extendedFeedback);
    if (!isUuid(recipientId) || !(consentInfoKinds as readonly string[]).includes(kind)) return fail("chooseFirst");
    if (body.tooLong) return fail("textTooLong");
    if (!body.value) return fail("bodyRequired");
    if (!isUuid(key)) throw new Response(null, { status: 400 });
    const result = await sendExtendedFeedback(user, report, {
      recipientId,
      kind: kind as ConsentInfoKind,
      body: body.value,
      submissionKey: key,
    });
    if (result.ok) return back("feedbackSent");
    if ("error" in result) return fail(result.error);
    return fail(
      `notCovered.${result.coverage.reason}`,
      "at" in result.coverage ? result.coverage.at.toISOString() : null,
    );
  }
  throw new Response(null, { status: 400 });
}

export default function ReportFeedback() {
  const { t, i18n } = useTranslation("feedback");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const feedbackKey = useSubmissionKey(data.submissionKey, "send");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const when = (iso: string) => formatDateTime(iso, locale);
  const day = (iso: string) => formatDate(stockholmDate(new Date(iso)), locale);
  // validUntil is the exclusive end: the last day covered is the one before it.
  const lastDay = (iso: string) => formatDate(stockholmDate(new Date(new Date(iso).getTime() - 1)), locale);
  const error = (intent: string) =>
    actionData && actionData.intent === intent ? (
      <p role="alert" className="error-list">
        {t(actionData.error, { date: actionData.at ? when(actionData.at) : "" })}
      </p>
    ) : null;

  return (
    <>
      <p>
        <Link to={`/reports/${data.report.id}`}>{t("report.back", { reference: data.report.reference })}</Link>
      </p>
      <h1>{t("report.heading", { reference: data.report.reference })}</h1>

      <section aria-labelledby="basic-heading" className="card">
        <h2 id="basic-heading">{t("report.basicHeading")}</h2>
        <p className="muted">{t("report.basicIntro")}</p>
        {data.basic.length ? (
          <ul className="plain-list entries">
            {data.basic.map((b) => (
              <li key={b.id}>
                {t(`stages.${b.stage}`)} · {b.recipientName ?? t("report.offPortal")} ·{" "}
                {b.deliveredAt ? (
                  t("report.delivered", { date: when(b.deliveredAt), channel: t(`channels.${b.channel}`) })
                ) : (
                  <>
                    <DueBadge state={b.state} dueAt={b.dueAt} doneAt={null} />{" "}
                    <Link to="/feedback">{t("report.tickOffThere")}</Link>
                  </>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("report.noBasic")}</p>
        )}
      </section>

      <section aria-labelledby="consents-heading" className="card">
        <h2 id="consents-heading">{t("consent.heading")}</h2>
        {data.consents.length ? (
          <ul className="plain-list entries">
            {data.consents.map((c) => (
              <li key={c.id}>
                <p>
                  <strong>{t(`consent.states.${c.state}`)}</strong> · {c.givenBy} ({t(`consent.givers.${c.giver}`)}) ·{" "}
                  {t(`consent.forms.${c.form}`)}
                  {c.documentReference ? ` · ${c.documentReference}` : ""}
                </p>
                <p>
                  {t("consent.covers")}: {c.infoKinds.map((k) => t(`kinds.${k}`)).join(", ")}
                  <br />
                  {t("consent.to")}: {c.recipients.join(", ")}
                  <br />
                  {t("consent.valid", { from: day(c.validFrom), until: lastDay(c.validUntil) })}
                  {c.withdrawnAt ? (
                    <>
                      <br />
                      {t("consent.withdrawnAt", { date: when(c.withdrawnAt) })}
                    </>
                  ) : null}
                </p>
                {data.canManageConsent && c.state !== "withdrawn" && c.state !== "expired" ? (
                  <Form method="post">
                    <input type="hidden" name="consentId" value={c.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="withdraw"
                      className="button button--secondary"
                      disabled={busy}
                    >
                      {t("consent.withdraw")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("consent.none")}</p>
        )}
        {error("withdraw")}
        {data.canManageConsent ? <ConsentEditor data={data} actionData={actionData} busy={busy} /> : null}
      </section>

      <section aria-labelledby="extended-heading" className="card">
        <h2 id="extended-heading">{t("extended.heading")}</h2>
        <p className="muted">{t("extended.intro")}</p>
        <Form method="get" className="stack narrow">
          <div className="field">
            <label htmlFor="extended-recipient">{t("extended.recipient")}</label>
            <select id="extended-recipient" name="recipient" defaultValue={data.choice?.recipientId ?? ""} required>
              <option value="">{t("extended.choose")}</option>
              {data.options.users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="extended-kind">{t("extended.kind")}</label>
            <select id="extended-kind" name="kind" defaultValue={data.choice?.kind ?? ""} required>
              <option value="">{t("extended.choose")}</option>
              {consentInfoKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <p>
            <button type="submit" className="button button--secondary">
              {t("extended.check")}
            </button>
          </p>
        </Form>
        {data.check ? (
          data.check.ok ? (
            <>
              <p className="alert alert--success" role="status">
                {t("extended.covered", { givenBy: data.check.givenBy, until: lastDay(data.check.validUntil) })}
              </p>
              <Form method="post" className="stack narrow" key={feedbackKey}>
                <input type="hidden" name="submissionKey" value={feedbackKey} />
                <input type="hidden" name="recipientId" value={data.choice!.recipientId} />
                <input type="hidden" name="kind" value={data.choice!.kind} />
                <div className="field">
                  <label htmlFor="extended-body">{t("extended.body")}</label>
                  <p className="field__hint" id="extended-body-hint">
                    {t("extended.bodyHint")}
                  </p>
                  <textarea
                    id="extended-body"
                    name="body"
                    maxLength={TEXT_LIMITS.extendedFeedback}
                    rows={8}
                    required
                    aria-describedby="extended-body-hint"
                    defaultValue={actionData?.intent === "send" ? String(actionData.values?.body ?? "") : ""}
                  />
                </div>
                {error("send")}
                <p>
                  <button type="submit" name="intent" value="send" className="button" disabled={busy}>
                    {t("extended.send")}
                  </button>
                </p>
              </Form>
            </>
          ) : (
            <p className="alert alert--error" role="status">
              {t(`errors.notCovered.${data.check.reason}`, { date: data.check.at ? when(data.check.at) : "" })}
            </p>
          )
        ) : null}
        {!data.check?.ok && actionData?.intent === "send" ? (
          <>
            {error("send")}
            <div className="field">
              <label htmlFor="unsent-body">{t("extended.unsent")}</label>
              <textarea id="unsent-body" readOnly rows={6} defaultValue={String(actionData.values?.body ?? "")} />
            </div>
          </>
        ) : null}
        <h3>{t("extended.sentHeading")}</h3>
        {data.sent.length ? (
          <ul className="plain-list entries">
            {data.sent.map((s) => (
              <li key={s.id}>
                {when(s.sentAt)} · {s.recipientName} · {t(`kinds.${s.kind}`)} ·{" "}
                {s.readAt ? t("extended.readAt", { date: when(s.readAt) }) : t("extended.unread")}
                {s.consentWithdrawnAt ? ` · ${t("consent.withdrawnAt", { date: when(s.consentWithdrawnAt) })}` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("extended.noneSent")}</p>
        )}
      </section>
    </>
  );
}

/** Records a consent. After a refused submit the form comes back as it was sent, so nothing typed is lost. */
function ConsentEditor({
  data,
  actionData,
  busy,
}: {
  data: {
    submissionKey: string;
    options: { units: { id: string; name: string }[]; users: { id: string; name: string }[] };
    defaults: { from: string; until: string };
  };
  actionData: ActionData | undefined;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation("feedback");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  // After a save the form starts again, empty and closed, under a new key: saving again is a new consent.
  const consentKey = useSubmissionKey(data.submissionKey, "consent");
  const sent = actionData?.intent === "consent" ? actionData.values : undefined;
  const duplicate = actionData?.intent === "consent" ? actionData.duplicate : undefined;
  const value = (name: string, fallback = "") => (sent ? String(sent[name] ?? "") : fallback);
  const checked = (name: string, v: string, fallback = false) => (sent ? [sent[name]].flat().includes(v) : fallback);
  return (
    <details className="stack" open={actionData?.intent === "consent"} key={consentKey}>
      <summary>{t("consent.record")}</summary>
      <Form method="post" className="stack narrow">
        <input type="hidden" name="submissionKey" value={consentKey} />
        <fieldset>
          <legend>{t("consent.giver")}</legend>
          {consentGivers.map((g, i) => (
            <label key={g} className="choice">
              <input type="radio" name="giver" value={g} defaultChecked={checked("giver", g, i === 0)} />{" "}
              {t(`consent.givers.${g}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="consent-given-by">{t("consent.givenBy")}</label>
          <p className="field__hint" id="consent-given-by-hint">
            {t("consent.givenByHint")}
          </p>
          <input
            id="consent-given-by"
            name="givenBy"
            maxLength={TEXT_LIMITS.consentGivenBy}
            defaultValue={value("givenBy")}
            required
            aria-describedby="consent-given-by-hint"
            autoComplete="off"
          />
        </div>
        <label className="choice">
          <input type="checkbox" name="jointCustody" value="yes" defaultChecked={checked("jointCustody", "yes")} />{" "}
          {t("consent.jointCustody")}
        </label>
        <label className="choice">
          <input
            type="checkbox"
            name="bothGuardiansConsented"
            value="yes"
            defaultChecked={checked("bothGuardiansConsented", "yes")}
          />{" "}
          {t("consent.bothGuardians")}
        </label>
        <div className="field">
          <label htmlFor="consent-form">{t("consent.form")}</label>
          <select id="consent-form" name="form" defaultValue={value("form", "written")}>
            {consentForms.map((f) => (
              <option key={f} value={f}>
                {t(`consent.forms.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="consent-document">{t("consent.documentReference")}</label>
          <input
            id="consent-document"
            name="documentReference"
            maxLength={TEXT_LIMITS.consentDocument}
            defaultValue={value("documentReference")}
            autoComplete="off"
          />
        </div>
        <fieldset>
          <legend>{t("consent.kinds")}</legend>
          {consentInfoKinds.map((k) => (
            <label key={k} className="choice">
              <input type="checkbox" name="infoKinds" value={k} defaultChecked={checked("infoKinds", k)} />{" "}
              {t(`kinds.${k}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("consent.recipients")}</legend>
          {data.options.units.map((u) => (
            <label key={u.id} className="choice">
              <input
                type="checkbox"
                name="recipientUnitIds"
                value={u.id}
                defaultChecked={checked("recipientUnitIds", u.id)}
              />{" "}
              {t("consent.wholeUnit", { name: u.name })}
            </label>
          ))}
          {data.options.users.map((u) => (
            <label key={u.id} className="choice">
              <input
                type="checkbox"
                name="recipientUserIds"
                value={u.id}
                defaultChecked={checked("recipientUserIds", u.id)}
              />{" "}
              {u.name}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="consent-from">{t("consent.validFrom")}</label>
          <input
            id="consent-from"
            name="validFrom"
            type="date"
            defaultValue={value("validFrom", data.defaults.from)}
            required
          />
        </div>
        <div className="field">
          <label htmlFor="consent-until">{t("consent.validUntil")}</label>
          <p className="field__hint" id="consent-until-hint">
            {t("consent.validUntilHint")}
          </p>
          <input
            id="consent-until"
            name="validUntil"
            type="date"
            defaultValue={value("validUntil", data.defaults.until)}
            required
            aria-describedby="consent-until-hint"
          />
        </div>
        {actionData?.intent === "consent" ? (
          <p role="alert" className="error-list">
            {t(
              actionData.error,
              duplicate
                ? {
                    givenBy: duplicate.givenBy,
                    from: formatDate(duplicate.from, locale),
                    until: formatDate(duplicate.until, locale),
                  }
                : {},
            )}
          </p>
        ) : null}
        <p>
          <button type="submit" name="intent" value="consent" className="button" disabled={busy}>
            {t("consent.save")}
          </button>
        </p>
      </Form>
    </details>
  );
}
