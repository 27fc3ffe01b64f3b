import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getTraining } from "~/models/training.server";
import { recordNotFound, requirePermission } from "./auth.server";
import { isUuid } from "../domain/ids";
import { can } from "../lib/permissions.server";

/** A training of the user's municipality as staff may see it: drafts exist only for coordinators (a 404 otherwise). */
export async function requireVisibleTraining(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const user = await requirePermission(args, "training:read");
  const id = args.params.trainingId ?? "";
  const training = isUuid(id) ? await getTraining(user.municipalityId, id) : null;
  if (!training || (training.status === "draft" && !can(user, "training:manage")))
    return recordNotFound(args, user, "training", id);
  return { user, training };
}
