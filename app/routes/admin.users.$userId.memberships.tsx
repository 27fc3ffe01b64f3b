import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs } from "@remix-run/node";
import { useActionData, useOutletContext } from "@remix-run/react";
import { MembershipsSection } from "~/components/user-memberships";
import { notFound } from "~/server/auth.server";
import { readForm } from "~/lib/form-data.server";
import { membershipsStep, type UserAdminStepHandle } from "~/domain/admin-schema";
import { can } from "~/lib/permissions.server";
import { backToUser, refuseUntypedFields, requireManagedUser } from "~/server/user-admin.server";
import { addMembership, removeMembership } from "~/models/user.server";
import { grantNeedsTwo, propose } from "~/models/admin-proposal.server";
import type { UserPage } from "./admin.users.$userId";

/** Adding and removing the user's roles at units. Posted from the user page; see app/routes/admin.users.$userId.tsx. */
export const handle: UserAdminStepHandle = { i18n: ["admin"], step: "memberships" };

export async function action(args: ActionFunctionArgs) {
  const { admin, target } = await requireManagedUser(args);
  const submission = parseWithZod(await readForm(args.request), { schema: membershipsStep });
  const intent = submission.payload.intent === "remove-membership" ? "remove-membership" : "add-membership";
  // Nobody changes their own roles, not even to take one away: another administrator does.
  if (!can(admin, "user:changeRoles", { type: "user", id: target.id, municipalityId: target.municipalityId }))
    return { intent, error: "admin:errors.cannotChangeOwnRoles" };
  if (submission.status !== "success") {
    refuseUntypedFields(submission.error);
    return { intent: "add-membership" as const, result: submission.reply() };
  }
  if (submission.value.intent === "add-membership") {
    const { unitId, role } = submission.value;
    // A social-services role takes two administrators: this one proposes, another approves (the proposals step).
    const twoNeeded = grantNeedsTwo(role);
    const result = twoNeeded
      ? await propose(admin, target.id, { kind: "grant_role", unitId, role })
      : await addMembership(admin, { userId: target.id, unitId, role });
    if (!result.ok) {
      const reply =
        result.error === "unitNotFound"
          ? submission.reply({ fieldErrors: { unitId: ["admin:errors.unitRequired"] } })
          : submission.reply({
              formErrors: [
                result.error === "duplicate" ? "admin:errors.membershipExists" : "admin:errors.alreadyProposed",
              ],
            });
      return { intent: "add-membership" as const, result: reply };
    }
    return backToUser(target, twoNeeded ? "proposed" : "membershipAdded");
  }

  const { membershipId } = submission.value;
  const removed = await removeMembership(admin, { userId: target.id, membershipId });
  if (!removed) throw notFound();
  return backToUser(target, "membershipRemoved");
}

export default function MembershipsStep() {
  const { user, units, canChangeRoles } = useOutletContext<UserPage>();
  const reply = useActionData<typeof action>();
  return (
    <MembershipsSection
      user={user}
      units={units}
      canChange={canChangeRoles}
      result={reply && "result" in reply ? reply.result : undefined}
      error={reply && "error" in reply ? reply.error : null}
    />
  );
}
