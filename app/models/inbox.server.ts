import { and, count, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { messages } from "#db/schema";
import { isUuid } from "~/lib/ids";
import { safeRedirect } from "~/lib/redirect";
import type { CurrentUser } from "~/lib/permissions.server";

export type MessageKind = "system" | "advice" | "invitation" | "feedback" | "training";

/** The one way any feature puts a message in a user's inbox. */
export async function deliverMessage(input: {
  municipalityId: string;
  recipientId: string;
  kind: MessageKind;
  subject: string;
  body: string;
  link?: string;
}) {
  if (input.link && safeRedirect(input.link, "") !== input.link) throw new Error("Inbox links must be paths inside the portal");
  const [row] = await getDb()
    .insert(messages)
    .values({ ...input, link: input.link ?? null })
    .returning({ id: messages.id });
  return row.id;
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
    .where(unreadOnly ? and(mine(user), isNull(messages.readAt)) : mine(user))
    .orderBy(desc(messages.createdAt))
    .limit(limit)
    .offset(offset);
}

export async function countUnread(user: CurrentUser) {
  const [row] = await getDb()
    .select({ n: count() })
    .from(messages)
    .where(and(mine(user), isNull(messages.readAt)));
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
