import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit } from "~/lib/audit.server";
import { feedFor } from "~/models/calendar-feed.server";

/**
 * A person's training calendar for Outlook, Google Calendar and the like to subscribe to. Calendar apps carry no
 * session: the secret token in the URL is the only key, so an unknown, revoked or malformed one is a plain 404.
 */
export async function loader(args: LoaderFunctionArgs) {
  const feed = await feedFor(args.params.token ?? "");
  if (!feed)
    throw new Response("Not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  await audit({
    action: "read",
    userId: feed.userId,
    municipalityId: feed.municipalityId,
    recordType: "calendar_feed",
    recordId: feed.userId,
    requestId: args.context.requestId,
  });
  return new Response(feed.ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="utbildningar.ics"',
      "Cache-Control": "private, max-age=300",
      "X-Robots-Tag": "noindex",
    },
  });
}
