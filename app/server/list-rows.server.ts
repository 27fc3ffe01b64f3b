import { listRowsFrom } from "~/domain/list-rows";
import type { CurrentUser } from "~/lib/permissions.server";
import { rememberListRows } from "~/models/user.server";

/** The rows a list shows for this request (`listRowsFrom`), kept as the user's choice when they just picked another. */
export async function listRowsFor(user: CurrentUser, request: Request) {
  const { rows, chosen } = listRowsFrom(new URL(request.url).searchParams, user.listRows);
  if (chosen && rows !== user.listRows) await rememberListRows(user, rows);
  return rows;
}
