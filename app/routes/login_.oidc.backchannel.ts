import type { ActionFunctionArgs } from "@remix-run/node";
import { readForm } from "~/lib/form-data.server";
import { backchannelLogout } from "~/server/provider-sign-out.server";

/**
 * OpenID Connect Back-Channel Logout 1.0 (BACKCHANNEL_PATH): the municipality's provider posts a signed logout token
 * here, server to server, when a user signs out there. No loader: a GET gets Remix's 405.
 *
 * The provider sends no cookie, no Origin and no Sec-Fetch-Site header. Neither origin check stops such a POST, so this
 * path needs no exemption: scripts/server.ts refuses only a foreign Origin or a Sec-Fetch-Site other than same-origin
 * or none (what browsers send from another site), and Remix's own check (throwIfPotentialCSRFAttack) compares an
 * Origin with the Host only when there is one, and only for document and data requests, not for a resource route like
 * this. A browser made to post here from another site is refused by the first, as everywhere; the token's signature
 * is what authenticates the provider, and the response carries nothing.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const tokens = form.getAll("logout_token");
  const token = tokens.length === 1 && typeof tokens[0] === "string" ? tokens[0] : null;
  return backchannelLogout({ logoutToken: token, requestId: context.requestId });
}
