import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs } from "@remix-run/node";
import { useActionData, useOutletContext } from "@remix-run/react";
import { ProfileSection } from "~/components/user-admin";
import { notFound } from "~/server/auth.server";
import { readForm } from "~/lib/form-data.server";
import { profileStep, type UserAdminStepHandle } from "~/domain/admin-schema";
import { backToUser, refuseUntypedFields, requireManagedUser } from "~/server/user-admin.server";
import { updateUserProfile } from "~/models/user.server";
import type { UserPage } from "./admin.users.$userId";

/** The user's name and e-mail. Posted from the user page; see app/routes/admin.users.$userId.tsx. */
export const handle: UserAdminStepHandle = { i18n: ["admin"], step: "profile" };

export async function action(args: ActionFunctionArgs) {
  const { admin, target } = await requireManagedUser(args);
  const submission = parseWithZod(await readForm(args.request), { schema: profileStep });
  if (submission.status !== "success") {
    refuseUntypedFields(submission.error);
    return { intent: "profile" as const, result: submission.reply() };
  }
  const { name, email } = submission.value;
  const result = await updateUserProfile(admin, { userId: target.id, name, email });
  if (!result.ok) {
    if (result.error === "notFound") throw notFound();
    return {
      intent: "profile" as const,
      result: submission.reply({ fieldErrors: { email: ["admin:errors.emailTaken"] } }),
    };
  }
  return backToUser(target, "saved");
}

export default function ProfileStep() {
  const { user } = useOutletContext<UserPage>();
  const reply = useActionData<typeof action>();
  return <ProfileSection user={user} result={reply?.result} />;
}
