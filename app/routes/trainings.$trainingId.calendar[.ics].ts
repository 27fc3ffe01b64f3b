import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireVisibleTraining } from "~/server/training-access.server";
import { trainingCalendar } from "~/models/training.server";

/** "Add to calendar": the training as an .ics file with the same UID the personal feed uses. */
export async function loader(args: LoaderFunctionArgs) {
  const { training } = await requireVisibleTraining(args);
  return new Response(trainingCalendar(training), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8; method=PUBLISH",
      "Content-Disposition": 'attachment; filename="utbildning.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}
