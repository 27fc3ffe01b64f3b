import { and, count, desc, eq, isNull, sql, type SQLWrapper } from "drizzle-orm";
import { getDb, type Database } from "#db/client.server";
import { messages, users } from "#db/schema";
import { env } from "~/lib/env.server";
import { i18nFor } from "~/lib/i18n";
import { isUuid } from "~/lib/ids";
import { safeRedirect } from "~/lib/redirect";
import type { CurrentUser } from "~/lib/permissions.server";
import { enqueueEmail } from "./outbox.server";

export type MessageKind = "system" | "advice" | "invitation" | "feedback" | "training";

/**
 * The one way any feature puts a message in a user's inbox. With `notify`, the recipient also gets an e-mail
 * that says only that there is a message, with a link; it is queued in the same transaction as the message.
 * Pass `db` (a transaction) to make the message part of a larger change.
 */
export async function deliverMessage(
  input: {
    municipalityId: string;
    recipientId: string;
    kind: MessageKind;
    subject: string;
    body: string;
    link?: string;
    notify?: boolean;
  },
  db: Database = getDb(),
) {
  const { notify = false, ...message } = input;
  if (message.link && safeRedirect(message.link, "") !== message.link)
    throw new Error("Inbox links must be paths inside the portal");
  // Inside a caller's transaction this becomes a savepoint: the message and its e-mail go with the caller's change.
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(messages)
      .values({ ...message, link: message.link ?? null })
      .returning({ id: messages.id });
    if (notify) {
      const [recipient] = await tx
        .select({ email: users.email, locale: users.locale })
        .from(users)
        .where(and(eq(users.id, message.recipientId), eq(users.municipalityId, message.municipalityId)));
      if (recipient) {
        const locale = recipient.locale === "en" ? "en" : "sv";
        const t = i18nFor(locale).getFixedT(locale, "common");
        await enqueueEmail(tx, {
          municipalityId: message.municipalityId,
          recipientId: message.recipientId,
          toAddress: recipient.email,
          subject: t("email.newMessage.subject"),
          textBody: t("email.newMessage.body", { url: `${env().publicUrl}/inbox/${row.id}` }),
        });
      }
    }
    return row.id;
  });
}

const mine = (user: CurrentUser) =>
  and(eq(messages.recipientId, user.id), eq(messages.municipalityId, user.municipalityId));

export async function listMessages(user: CurrentUser, { limit = 50, offset = 0, unreadOnly = false } = {}) {
  return getDb()
    .select({
      id: messages.id,
      kind: messages.kind,
      subject: messages.subject,
      createdAt: messages.createdAt,
      readAt: messages.readAt,
    })
    .from(messages)
    .where(unreadOnly ? unreadOf(sql`${user.id}`, sql`${user.municipalityId}`) : mine(user))
    .orderBy(desc(messages.createdAt))
    .limit(limit)
    .offset(offset);
}

/** A recipient's unread messages; both sides are SQL, so the layout can count them on the session's row too. */
export const unreadOf = (recipientId: SQLWrapper, municipalityId: SQLWrapper) =>
  sql`${messages.recipientId} = ${recipientId} and ${messages.municipalityId} = ${municipalityId} and ${messages.readAt} is null`;

export async function countUnread(user: CurrentUser) {
  const [row] = await getDb()
    .select({ n: count() })
    .from(messages)
    .where(unreadOf(sql`${user.id}`, sql`${user.municipalityId}`));
  return row?.n ?? 0;
}

/** Any message in the user's municipality; the caller checks it is theirs with `can(…, "message:read")`. */
export async function findMessage(municipalityId: string, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await getDb()
    .select()
    .from(messages)
    .where(and(eq(messages.id, id), eq(messages.municipalityId, municipalityId)))
    .limit(1);
  return row ?? null;
}

export async function markRead(user: CurrentUser, id: string, now = new Date()) {
  await getDb()
    .update(messages)
    .set({ readAt: now })
    .where(and(mine(user), eq(messages.id, id), isNull(messages.readAt)));
}
