import { randomUUID } from "node:crypto";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { SteeringMeetingForm } from "~/components/steering-forms";
import { stockholmDate } from "~/domain/deadlines";
import { fieldErrors, meetingSchema } from "~/domain/steering-log-schema";
import { readForm } from "~/lib/form-data.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { createSteeringMeeting } from "~/models/steering-log.server";
import { requirePermission } from "~/server/auth.server";

/** A steering-group meeting: its day and title. Its agenda items and actions are added on its own page. */
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "steering:new.title");

export const handle: RouteTexts = { i18n: ["steering"] };

// A send that fails or meets an ended session keeps the form as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction, keepDataOnFailure as shouldRevalidate } from "~/lib/form-failure";

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "steeringLog:write");
  return { submissionKey: randomUUID(), today: stockholmDate(new Date()) };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "steeringLog:write");
  const form = Object.fromEntries(await readForm(args.request));
  const parsed = meetingSchema.safeParse(form);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    // Without its key the form is no page of ours.
    if (errors.submissionKey) throw new Response(null, { status: 400 });
    return { error: errors, values: { heldOn: String(form.heldOn ?? ""), title: String(form.title ?? "") } };
  }
  const made = await createSteeringMeeting(user, parsed.data);
  if (!made) throw new Response(null, { status: 400 });
  // A resent form: the meeting its first send made.
  return redirect(`/steering/${made.id}`);
}

export default function NewSteeringMeeting() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  // A failed send's note (app/lib/form-failure.ts) is no refusal: the form keeps what was typed.
  const refused = answer && "error" in answer ? answer : null;
  return <SteeringMeetingForm fresh={data.submissionKey} today={data.today} refused={refused} />;
}
