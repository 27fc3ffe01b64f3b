import { notFound } from "~/server/auth.server";

// Unknown paths get the same localized 404 as a record the user may not know about.
export async function loader() {
  throw notFound();
}

export default function NotFound() {
  return null;
}
