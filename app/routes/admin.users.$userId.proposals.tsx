import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs } from "@remix-run/node";
import { useActionData, useOutletContext } from "@remix-run/react";
import { ProposalsSection } from "~/components/user-memberships";
import { recordNotFound } from "~/server/auth.server";
import { readForm } from "~/lib/form-data.server";
import { proposalsStep, type UserAdminStepHandle } from "~/domain/admin-schema";
import { backToUser, badRequest, refuseUntypedFields, requireManagedUser } from "~/server/user-admin.server";
import { approveProposal, rejectProposal, withdrawProposal } from "~/models/admin-proposal.server";
import type { UserPage } from "./admin.users.$userId";

/**
 * Deciding a change that takes two administrators (app/models/admin-proposal.server.ts): another administrator
 * approves or rejects it, its proposer withdraws it. Posted from the user page; see app/routes/admin.users.$userId.tsx.
 */
export const handle: UserAdminStepHandle = { i18n: ["admin"], step: "proposals" };

const ERRORS = {
  notAllowed: "admin:errors.cannotDecideOwnProposal",
  notPending: "admin:errors.proposalNotPending",
  duplicate: "admin:errors.proposalCannotApply",
  unitNotFound: "admin:errors.proposalCannotApply",
} as const;

const NOTICES = { approve: "proposalApproved", reject: "proposalRejected", withdraw: "proposalWithdrawn" } as const;

export async function action(args: ActionFunctionArgs) {
  const { admin, target } = await requireManagedUser(args);
  const submission = parseWithZod(await readForm(args.request), { schema: proposalsStep });
  if (submission.status !== "success") {
    refuseUntypedFields(submission.error);
    throw badRequest();
  }
  const { intent, proposalId } = submission.value;
  const input = { proposalId, targetUserId: target.id };
  const decided =
    intent === "approve"
      ? await approveProposal(admin, input)
      : intent === "reject"
        ? await rejectProposal(admin, input)
        : await withdrawProposal(admin, input);
  if (decided.ok) return backToUser(target, NOTICES[intent]);
  if (decided.error === "notFound") return recordNotFound(args, admin, "admin_proposal", proposalId);
  const error =
    decided.error === "notAllowed" && intent === "withdraw"
      ? "admin:errors.onlyProposerWithdraws"
      : ERRORS[decided.error];
  return { intent, proposalId, error };
}

export default function ProposalsStep() {
  const { user, proposals } = useOutletContext<UserPage>();
  const reply = useActionData<typeof action>();
  return <ProposalsSection user={user} proposals={proposals} error={reply?.error ?? null} />;
}
