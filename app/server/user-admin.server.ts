import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { assertCan, recordNotFound, requirePermission } from "~/server/auth.server";
import { UNTYPED_FIELDS } from "~/domain/admin-schema";
import { getUserForAdmin } from "~/models/user.server";

/**
 * The guard of the administrator's user page and of each of its step routes: the user named in the URL, if it is in
 * the admin's municipality; anything else is a 404 (logged).
 */
export async function requireManagedUser(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const admin = await requirePermission(args, "admin:users");
  const target = await getUserForAdmin({ municipalityId: admin.municipalityId, userId: args.params.userId ?? "" });
  if (!target) return recordNotFound(args, admin, "user", args.params.userId);
  await assertCan(args, admin, "user:manage", { type: "user", id: target.id, municipalityId: target.municipalityId });
  return { admin, target };
}

export type ManagedUser = Awaited<ReturnType<typeof requireManagedUser>>["target"];

export function badRequest() {
  return new Response(null, { status: 400, statusText: "Bad Request" });
}

/** A refusal in a field nobody types (the intent, a hidden id) comes from no form of the page: a 400, not a reply. */
export function refuseUntypedFields(error: Record<string, unknown> | null | undefined) {
  if (UNTYPED_FIELDS.some((field) => error?.[field])) throw badRequest();
}

/** Confirmations shown on the user page after a step (keys of common:notices, or of admin:notices, the last four). */
type Notice =
  | "saved"
  | "membershipAdded"
  | "membershipRemoved"
  | "deactivated"
  | "reactivated"
  | "passwordReset"
  | "secondFactorReset"
  | "proposed"
  | "proposalApproved"
  | "proposalRejected"
  | "proposalWithdrawn";

export function backToUser(target: { id: string }, notice: Notice) {
  return redirect(`/admin/users/${target.id}?notice=${notice}`);
}
