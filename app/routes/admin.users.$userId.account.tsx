import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs } from "@remix-run/node";
import { useActionData, useOutletContext } from "@remix-run/react";
import { AccountSection } from "~/components/user-admin";
import { readForm } from "~/lib/form-data.server";
import { accountStep, type UserAdminStepHandle } from "~/domain/admin-schema";
import { backToUser, badRequest, requireManagedUser } from "~/server/user-admin.server";
import { deactivateUser, reactivateUser } from "~/models/user.server";
import type { UserPage } from "./admin.users.$userId";

/**
 * Deactivating (every session ends) and reactivating the account. Posted from the user page; see
 * app/routes/admin.users.$userId.tsx.
 */
export const handle: UserAdminStepHandle = { i18n: ["admin"], step: "account" };

export async function action(args: ActionFunctionArgs) {
  const { admin, target } = await requireManagedUser(args);
  const submission = parseWithZod(await readForm(args.request), { schema: accountStep });
  // Nothing here is typed: a refusal is an intent no form of the page sends.
  if (submission.status !== "success") throw badRequest();
  if (submission.value.intent === "deactivate") {
    if (admin.id === target.id) return { intent: "account" as const, error: "admin:errors.cannotDeactivateSelf" };
    await deactivateUser(admin, { userId: target.id });
    return backToUser(target, "deactivated");
  }

  await reactivateUser(admin, { userId: target.id });
  return backToUser(target, "reactivated");
}

export default function AccountStep() {
  const { user, isSelf } = useOutletContext<UserPage>();
  const reply = useActionData<typeof action>();
  return <AccountSection user={user} isSelf={isSelf} error={reply?.error} />;
}
