import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MessageList } from "~/components/message-list";
import { Tabs } from "~/components/ui/tabs";
import { audit } from "~/lib/audit.server";
import { requirePermission } from "~/server/auth.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { detectLocale } from "~/lib/i18n.server";
import { listMessages } from "~/models/inbox.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "inbox:title");

export const handle: RouteTexts = { i18n: ["inbox"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "inbox:read");
  const messages = await listMessages(user, { locale: detectLocale(args.request, user) });
  await audit({ action: "list", user, recordType: "message", requestId: args.context.requestId });
  return {
    messages: messages.map((m) => ({
      ...m,
      createdAt: m.createdAt.toISOString(),
      readAt: m.readAt?.toISOString() ?? null,
    })),
  };
}

export default function Inbox() {
  const { t } = useTranslation("inbox");
  const { messages } = useLoaderData<typeof loader>();
  const unread = messages.filter((m) => !m.readAt);
  return (
    <>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      {messages.length ? (
        <Tabs
          label={t("tabs.label")}
          panels={[
            {
              id: "unread",
              label: t("tabs.unread", { count: unread.length }),
              content: unread.length ? <MessageList messages={unread} /> : <p>{t("noUnread")}</p>,
            },
            {
              id: "all",
              label: t("tabs.all", { count: messages.length }),
              content: <MessageList messages={messages} />,
            },
          ]}
        />
      ) : (
        <p>{t("empty")}</p>
      )}
    </>
  );
}
