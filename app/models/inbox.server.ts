import { and, count, desc, eq, isNull, sql, type SQLWrapper } from "drizzle-orm";
import { getDb, type Database } from "#db/client.server";
import { messages, users } from "#db/schema";
import { audit } from "~/lib/audit.server";
import { env } from "~/lib/env.server";
import { i18nFor, type AppLocale } from "~/lib/i18n";
import { isUuid } from "~/domain/ids";
import { checkedParams, kindOf, renderMessage, type TemplatedMessage } from "~/lib/message-templates.server";
import { safeRedirect } from "~/domain/redirect";
import type { CurrentUser } from "~/lib/permissions.server";
import { enqueueEmail } from "./outbox.server";

/**
 * The one way any feature puts a message in a user's inbox: a template and its parameters
 * (app/lib/message-templates.server.ts), put into words when read, in the reader's language then. With `notify`, the
 * recipient also gets an e-mail that says only that there is a message, with a link; it is queued in the same
 * transaction as the message. Pass `db` (a transaction) to make the message part of a larger change.
 */
export async function deliverMessage(
  input: TemplatedMessage & {
    municipalityId: string;
    recipientId: string;
    link?: string;
    notify?: boolean;
  },
  db: Database = getDb(),
) {
  const { notify = false, ...message } = input;
  if (message.link && safeRedirect(message.link, "") !== message.link)
    throw new Error("Inbox links must be paths inside the portal");
  const params = checkedParams(message);
  // Inside a caller's transaction this becomes a savepoint: the message and its e-mail go with the caller's change.
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(messages)
      .values({
        municipalityId: message.municipalityId,
        recipientId: message.recipientId,
        kind: kindOf(message.template),
        template: message.template,
        params,
        link: message.link ?? null,
      })
      .returning({ id: messages.id });
    if (notify) {
      const [recipient] = await tx
        .select({ email: users.email, locale: users.locale })
        .from(users)
        .where(and(eq(users.id, message.recipientId), eq(users.municipalityId, message.municipalityId)));
      if (recipient) {
        // The outbox keeps finished e-mails: the notice is worded in the language the recipient has now.
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

/** The user's messages, newest first, each subject in `locale` (the reader's language now). */
export async function listMessages(
  user: CurrentUser,
  {
    locale,
    limit = 50,
    offset = 0,
    unreadOnly = false,
  }: { locale: AppLocale; limit?: number; offset?: number; unreadOnly?: boolean },
) {
  const rows = await getDb()
    .select({
      id: messages.id,
      kind: messages.kind,
      template: messages.template,
      params: messages.params,
      subject: messages.subject,
      createdAt: messages.createdAt,
      readAt: messages.readAt,
    })
    .from(messages)
    .where(unreadOnly ? unreadOf(sql`${user.id}`, sql`${user.municipalityId}`) : mine(user))
    .orderBy(desc(messages.createdAt))
    .limit(limit)
    .offset(offset);
  return rows.map(({ template, params, subject, ...row }) => ({
    ...row,
    subject: renderMessage({ template, params, subject }, locale).subject,
  }));
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

/** Only the first mark is audited: a message already read (a resent form) changes nothing. */
export async function markRead(user: CurrentUser, id: string, now = new Date()) {
  await getDb().transaction(async (tx) => {
    const rows = await tx
      .update(messages)
      .set({ readAt: now })
      .where(and(mine(user), eq(messages.id, id), isNull(messages.readAt)))
      .returning({ id: messages.id });
    const entry = { recordType: "message", recordId: id, details: { read: true } };
    if (rows.length) await audit({ action: "update", user, ...entry }, tx);
  });
}
