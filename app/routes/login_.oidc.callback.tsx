import type { LoaderFunctionArgs } from "@remix-run/node";
import { finishProviderSignIn } from "~/server/provider-sign-in.server";

/** Where the municipality's identity provider sends the browser back (CALLBACK_PATH); always ends in a redirect. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return finishProviderSignIn({ request, requestId: context.requestId });
}
