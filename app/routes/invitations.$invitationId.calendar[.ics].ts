import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit } from "~/lib/audit.server";
import { detectLocale } from "~/lib/i18n.server";
import { requireOwnInvitation } from "~/server/invitation-access.server";
import { calendarFor } from "~/models/meeting.server";

/** The invitee's own calendar file, for those whose e-mail did not reach their calendar. Same UID as the e-mailed one. */
export async function loader(args: LoaderFunctionArgs) {
  const { user, found } = await requireOwnInvitation(args);
  await audit({
    action: "read",
    user,
    recordType: "invitation",
    recordId: found.invitation.id,
    requestId: args.context.requestId,
    details: { export: "ics" },
  });
  const { method, content } = calendarFor(found.meeting, user, detectLocale(args.request, user));
  return new Response(content, {
    headers: {
      "Content-Type": `text/calendar; charset=utf-8; method=${method}`,
      "Content-Disposition": 'attachment; filename="anmalningsmote.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}
