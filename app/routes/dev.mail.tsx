import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound, requireUser } from "~/server/auth.server";
import { audit } from "~/lib/audit.server";
import { env } from "~/lib/env.server";
import { formatDateTime, isLocale, pageTitle } from "~/lib/i18n";
import { latestEmails } from "~/models/outbox.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "common:devMail.title");

/**
 * Demo mode only: what the portal has sent in the viewer's own municipality, since a demo has no real mailbox.
 * A 404 anywhere else.
 */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  if (!env().demoMode) throw notFound();
  const emails = await latestEmails(user.municipalityId);
  // The mails name their recipients: reading them is a read of personal data like any other.
  await audit({
    action: "list",
    user,
    recordType: "email",
    requestId: args.context.requestId,
    details: { page: "devMail" },
  });
  return {
    emails: emails.map((e) => ({
      id: e.id,
      to: e.toAddress,
      subject: e.subject,
      body: e.textBody,
      calendar: e.calendar,
      status: e.status,
      attempts: e.attempts,
      createdAt: e.createdAt.toISOString(),
    })),
  };
}

export default function DevMail() {
  const { t, i18n } = useTranslation();
  const { emails } = useLoaderData<typeof loader>();
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  return (
    <>
      <h1>{t("devMail.title")}</h1>
      <p>{t("devMail.intro")}</p>
      {emails.length ? (
        <ul className="plain-list">
          {emails.map((e) => (
            <li key={e.id} className="card">
              <h2>{e.subject}</h2>
              <p className="muted">
                {t("devMail.to", { to: e.to })} · {formatDateTime(e.createdAt, locale)} ·{" "}
                {t(`devMail.status.${e.status}`)}
              </p>
              <p className="preserve-lines">{e.body}</p>
              {e.calendar ? (
                <details>
                  <summary>{t("devMail.calendar")}</summary>
                  <pre>{e.calendar}</pre>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("devMail.none")}</p>
      )}
    </>
  );
}
