import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { audit } from "~/lib/audit.server";
import { getUserAndSession } from "~/server/auth.server";
import { destroySession, sessionCookie } from "~/lib/session.server";

// State never changes on GET: logging out is a POST from the header's form.
export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const found = await getUserAndSession(request, context);
  if (found) {
    await destroySession(found.session.id);
    await audit({ action: "logout", user: found.user, requestId: context.requestId });
  }
  return redirect("/login", { headers: { "Set-Cookie": sessionCookie(null) } });
}
