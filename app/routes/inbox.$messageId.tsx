import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { audit } from "~/lib/audit.server";
import { assertCan, recordNotFound, requirePermission } from "~/server/auth.server";
import { formatDateTime, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { detectLocale } from "~/lib/i18n.server";
import { renderMessage } from "~/lib/message-templates.server";
import { findMessage, markRead } from "~/models/inbox.server";
import { readForm } from "~/lib/form-data.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "inbox:message.title");

export const handle: RouteTexts = { i18n: ["inbox"] };

async function loadOwnMessage(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "inbox:read");
  const message = await findMessage(user.municipalityId, args.params.messageId ?? "");
  if (!message) return recordNotFound(args, user, "message", args.params.messageId);
  await assertCan(args, user, "message:read", { type: "message", ...message });
  return { user, message };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, message } = await loadOwnMessage(args);
  await audit({ action: "read", user, recordType: "message", recordId: message.id, requestId: args.context.requestId });
  // In the reader's language now, whichever it was when the message was sent.
  const { subject, body } = renderMessage(message, detectLocale(args.request, user));
  return {
    message: {
      id: message.id,
      kind: message.kind,
      subject,
      body,
      link: message.link,
      createdAt: message.createdAt.toISOString(),
      read: !!message.readAt,
    },
  };
}

// Opening a message is a GET and changes nothing; marking it read is this POST (sent for you when JavaScript runs).
export async function action(args: ActionFunctionArgs) {
  const { user, message } = await loadOwnMessage(args);
  // Read first: a body that is no form is refused before anything changes.
  const intent = (await readForm(args.request)).get("intent");
  await markRead(user, message.id);
  if (intent === "markRead-auto") return { ok: true };
  return redirect("/inbox");
}

export default function Message() {
  const { t, i18n } = useTranslation("inbox");
  const { message } = useLoaderData<typeof loader>();
  const fetcher = useFetcher();
  const locale = isLocale(i18n.language) ? i18n.language : "sv";

  useEffect(() => {
    if (!message.read && fetcher.state === "idle" && !fetcher.data) {
      fetcher.submit({ intent: "markRead-auto" }, { method: "post" });
    }
  }, [message.read, fetcher]);

  return (
    <article aria-labelledby="message-heading">
      <p>
        <Link to="/inbox">{t("message.back")}</Link>
      </p>
      <h1 id="message-heading">{message.subject}</h1>
      <p className="muted">
        {t(`kinds.${message.kind}`)} ·{" "}
        <time dateTime={message.createdAt}>{formatDateTime(message.createdAt, locale)}</time>
      </p>
      <div className="message-body">
        {message.body.split("\n\n").map((para, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of a sent message, which does not change
          <p key={i}>{para}</p>
        ))}
      </div>
      {message.link ? (
        <p>
          <Link to={message.link}>{t("message.open")}</Link>
        </p>
      ) : null}
      {message.read || fetcher.data ? null : (
        <Form method="post">
          <button type="submit" name="intent" value="markRead" className="button button--secondary">
            {t("message.markRead")}
          </button>
        </Form>
      )}
    </article>
  );
}
