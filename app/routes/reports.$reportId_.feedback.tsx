import { randomUUID } from "node:crypto";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DueBadge } from "~/components/report-status";
import { audit } from "~/lib/audit.server";
import { loadReport } from "~/server/report-case.server";
import { addCalendarDays, stockholmDate } from "~/domain/deadlines";
import { formatDateTime, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { param, readQuery } from "~/domain/query";
import { can, type CurrentUser } from "~/lib/permissions.server";
import { consentInfoKinds } from "~/domain/vocabulary";
import {
  basicFeedbackOfReport,
  checkExtendedFeedback,
  consentRecipientOptions,
  consentsOfReport,
  extendedFeedbackOfReport,
  feedbackSettingsFor,
} from "~/models/feedback.server";
import { guardianAnswersOf } from "~/models/guardian-consent.server";
import reportStyles from "~/styles/reports.css";

/**
 * A report's feedback page: the basic feedback given, its consents and extended feedback. This route loads and guards
 * the page; its forms are answered by a route per step (reports.$reportId_.feedback.consents.tsx and .extended.tsx),
 * whose component (app/components/feedback-steps.tsx) renders in the <Outlet/> below, as the index route's does.
 */
export const links = () => [{ rel: "stylesheet", href: reportStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "feedback:report.title");

export const handle: RouteTexts = { i18n: ["feedback", "reports"] };

// After a send that failed or met an ended session, the page's data stays as it was (app/lib/form-failure.ts).
export { keepDataOnFailure as shouldRevalidate } from "~/lib/form-failure";

type Report = Awaited<ReturnType<typeof loadReport>>["report"];

/** The recipient and kind chosen in the first step of writing extended feedback, if both are valid. */
function chosen(url: URL, recipients: { id: string }[]) {
  const { recipient, kind } = readQuery(url, { recipient: param.uuid(), kind: param.oneOf(consentInfoKinds) });
  if (!recipient || !kind || !recipients.some((r) => r.id === recipient)) return null;
  return { recipientId: recipient, kind };
}

async function pageData(user: CurrentUser, report: Report, url: URL) {
  const now = new Date();
  const [basic, consentRows, sent, options, settings, schoolAnswers] = await Promise.all([
    basicFeedbackOfReport(report, now),
    consentsOfReport(report),
    extendedFeedbackOfReport(report),
    consentRecipientOptions(report),
    feedbackSettingsFor(report.municipalityId),
    guardianAnswersOf(report),
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
    // What the school recorded of asking the guardians, and how much of it waits for reception.
    schoolAnswers: {
      total: schoolAnswers.length,
      pending: schoolAnswers.filter((a) => a.status === "pending").length,
    },
    // The deadline says whether it counts working or calendar days (the municipality's setting).
    responseTime: { days: settings.responseDays, kind: settings.responseDayKind },
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
  // Social services only, and only on a report they may see; anything else is a 404 or a 403.
  const { user, report } = await loadReport(args, "feedback:send");
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

export default function ReportFeedback() {
  const { t, i18n } = useTranslation("feedback");
  const data = useLoaderData<typeof loader>();
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const when = (iso: string) => formatDateTime(iso, locale);

  return (
    <>
      <p>
        <Link to={`/reports/${data.report.id}`}>{t("report.back", { reference: data.report.reference })}</Link>
      </p>
      <h1>{t("report.heading", { reference: data.report.reference })}</h1>

      <section aria-labelledby="basic-heading" className="card">
        <h2 id="basic-heading">{t("report.basicHeading")}</h2>
        <p className="muted">{t("report.basicIntro")}</p>
        <p className="muted">{t(`responseTime.${data.responseTime.kind}`, { count: data.responseTime.days })}</p>
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

      {data.schoolAnswers.total ? (
        <p className={data.schoolAnswers.pending ? "alert" : undefined}>
          <Link to={`/reports/${data.report.id}/guardian-consent`}>
            {data.schoolAnswers.pending
              ? t("guardianConsent.pending", { count: data.schoolAnswers.pending })
              : t("guardianConsent.answersLink")}
          </Link>
        </p>
      ) : null}

      {/* Consents and extended feedback, with their forms: the index route's or the step's that answered a form. */}
      <Outlet context={data} />
    </>
  );
}
