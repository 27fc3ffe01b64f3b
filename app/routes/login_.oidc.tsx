import type { LoaderFunctionArgs } from "@remix-run/node";
import { isUuid } from "~/domain/ids";
import { startProviderSignIn } from "~/server/provider-sign-in.server";

/**
 * The login page's "Sign in with <municipality>" link. A link, not a form: the CSP's form-action 'self' would stop a
 * form's redirect to the provider in Chromium, and following a link only starts a sign-in this browser must finish.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const municipality = params.get("municipality") ?? undefined;
  return startProviderSignIn({
    municipalityId: isUuid(municipality) ? municipality : null,
    redirectTo: params.get("redirectTo") ?? "/",
    reauthenticate: params.get("reauthenticate") === "1",
  });
}
