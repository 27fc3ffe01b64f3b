import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getUserAndSession } from "~/server/auth.server";
import { isLocale } from "~/lib/i18n";
import { languageCookie } from "~/lib/i18n.server";
import { safeRedirect } from "~/domain/redirect";
import { setUserLocale } from "~/models/user.server";
import { readForm } from "~/lib/form-data.server";

export async function loader() {
  return redirect("/");
}

/** The header's language switch: remembered in a cookie, and on the account when signed in. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const locale = form.get("locale");
  const back = safeRedirect(form.get("returnTo"));
  if (!isLocale(locale)) return redirect(back);
  const found = await getUserAndSession(request, context);
  if (found && !found.session.secondFactorPending) {
    await setUserLocale(found.user, locale);
  }
  return redirect(back, { headers: { "Set-Cookie": languageCookie(locale) } });
}
