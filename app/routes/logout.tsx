import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { signOut } from "~/server/provider-sign-out.server";

// State never changes on GET: logging out is a POST from the header's form.
export async function loader() {
  return redirect("/");
}

/** Ends the session; one begun at the municipality's provider goes on to sign out there too. */
export async function action({ request, context }: ActionFunctionArgs) {
  return signOut({ request, context });
}
