import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime, isLocale } from "~/lib/i18n";

export interface MessageSummary {
  id: string;
  kind: string;
  subject: string;
  createdAt: string;
  readAt: string | null;
}

export function MessageList({ messages }: { messages: MessageSummary[] }) {
  const { t, i18n } = useTranslation("inbox");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  return (
    <ul className="message-list">
      {messages.map((m) => (
        <li key={m.id} className={m.readAt ? "message-list__item" : "message-list__item message-list__item--unread"}>
          <Link to={`/inbox/${m.id}`}>
            {m.readAt ? null : <span className="tag">{t("unread")}</span>} {m.subject}
          </Link>
          <span className="message-list__meta">
            {t(`kinds.${m.kind}`)} · <time dateTime={m.createdAt}>{formatDateTime(m.createdAt, locale)}</time>
          </span>
        </li>
      ))}
    </ul>
  );
}
