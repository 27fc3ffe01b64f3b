import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { invitationFor } from "~/models/meeting.server";
import { recordNotFound, requirePermission } from "./auth.server";
import { isUuid } from "../domain/ids";

/** Only the invitee's own invitation exists for them; anything else is a 404 (and a logged denial). */
export async function requireOwnInvitation(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const user = await requirePermission(args, "invitation:answer");
  const id = args.params.invitationId ?? "";
  const found = isUuid(id) ? await invitationFor(user, id) : null;
  if (!found) return recordNotFound(args, user, "invitation", id);
  return { user, found };
}
