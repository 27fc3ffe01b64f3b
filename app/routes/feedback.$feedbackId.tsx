import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { audit } from "~/lib/audit.server";
import { assertCan, recordNotFound, requirePermission } from "~/server/auth.server";
import { formatDateTime, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { isUuid } from "~/domain/ids";
import { readExtendedFeedback } from "~/models/feedback.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "feedback:read.title");

export const handle: RouteTexts = { i18n: ["feedback"] };

/** Extended feedback as its one recipient reads it; for anyone else it does not exist. Every reading is logged. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "feedback:read");
  const id = args.params.feedbackId ?? "";
  const row = isUuid(id) ? await readExtendedFeedback(user, id) : null;
  if (!row) return recordNotFound(args, user, "feedback", id);
  await assertCan(args, user, "feedback:read", {
    type: "feedback",
    id,
    municipalityId: row.feedback.municipalityId,
    recipientId: row.feedback.recipientId,
  });
  await audit({ action: "read", user, recordType: "feedback", recordId: id, requestId: args.context.requestId });
  return {
    reference: row.reference,
    reportId: row.feedback.reportId,
    kind: row.feedback.infoKind,
    body: row.feedback.body,
    senderName: row.senderName,
    sentAt: row.feedback.sentAt.toISOString(),
    consentWithdrawnAt: row.consentWithdrawnAt?.toISOString() ?? null,
  };
}

export default function ReadFeedback() {
  const { t, i18n } = useTranslation("feedback");
  const data = useLoaderData<typeof loader>();
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  return (
    <div className="narrow stack">
      <p>
        <Link to="/inbox">{t("read.back")}</Link>
      </p>
      <h1>{t("read.title")}</h1>
      <dl className="facts">
        <dt>{t("read.report")}</dt>
        <dd>
          <Link to={`/reports/${data.reportId}`}>{data.reference}</Link>
        </dd>
        <dt>{t("read.kind")}</dt>
        <dd>{t(`kinds.${data.kind}`)}</dd>
        <dt>{t("read.from")}</dt>
        <dd>
          {data.senderName}, {formatDateTime(data.sentAt, locale)}
        </dd>
      </dl>
      {data.consentWithdrawnAt ? (
        <p className="alert">{t("read.withdrawn", { date: formatDateTime(data.consentWithdrawnAt, locale) })}</p>
      ) : null}
      <div className="card prose">
        {data.body.split(/\n{2,}/).map((paragraph, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of a sent text, which does not change
          <p key={i}>{paragraph}</p>
        ))}
      </div>
      <p className="muted">{t("read.confidential")}</p>
    </div>
  );
}
