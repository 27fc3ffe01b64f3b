import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs } from "@remix-run/node";
import { useActionData, useOutletContext } from "@remix-run/react";
import { CredentialsSection } from "~/components/user-admin";
import { readForm } from "~/lib/form-data.server";
import { hashPassword } from "~/lib/password.server";
import { credentialsStep, type UserAdminStepHandle } from "~/domain/admin-schema";
import { backToUser, refuseUntypedFields, requireManagedUser } from "~/server/user-admin.server";
import { resetPassword, resetSecondFactor } from "~/models/user.server";
import { propose, resetNeedsTwo } from "~/models/admin-proposal.server";
import type { UserPage } from "./admin.users.$userId";

/**
 * A temporary password or a removed second factor, for a user who lost theirs. Posted from the user page; see
 * app/routes/admin.users.$userId.tsx.
 */
export const handle: UserAdminStepHandle = { i18n: ["admin"], step: "credentials" };

export async function action(args: ActionFunctionArgs) {
  const { admin, target } = await requireManagedUser(args);
  const submission = parseWithZod(await readForm(args.request), { schema: credentialsStep });
  if (submission.status !== "success") {
    refuseUntypedFields(submission.error);
    return { intent: "reset-password" as const, result: submission.reply({ hideFields: ["password"] }) };
  }
  const intent = submission.value.intent;
  // A social worker's credentials take two administrators: this one proposes (a password as its hash only), another
  // approves on the proposals step, and only then does it apply.
  if (resetNeedsTwo(target)) {
    const proposed = await propose(
      admin,
      target.id,
      intent === "reset-password"
        ? { kind: "reset_password", passwordHash: await hashPassword(submission.value.password) }
        : { kind: "reset_second_factor" },
    );
    if (!proposed.ok) return { intent, error: "admin:errors.alreadyProposed" as const };
    return backToUser(target, "proposed");
  }
  if (submission.value.intent === "reset-password") {
    await resetPassword(admin, { userId: target.id, hash: await hashPassword(submission.value.password) });
    return backToUser(target, "passwordReset");
  }

  await resetSecondFactor(admin, { userId: target.id });
  return backToUser(target, "secondFactorReset");
}

export default function CredentialsStep() {
  const { user } = useOutletContext<UserPage>();
  const reply = useActionData<typeof action>();
  return (
    <CredentialsSection
      user={user}
      result={reply && "result" in reply ? reply.result : undefined}
      error={reply && "error" in reply ? reply.error : null}
    />
  );
}
