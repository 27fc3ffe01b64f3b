import { randomUUID } from "node:crypto";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { SteeringMeetingPage } from "~/components/steering-meeting";
import { stockholmDate } from "~/domain/deadlines";
import { isOverdue } from "~/domain/steering-log";
import { actionSchema, agendaItemSchema, closeActionSchema, fieldErrors } from "~/domain/steering-log-schema";
import { audit } from "~/lib/audit.server";
import { readForm } from "~/lib/form-data.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { can, type CurrentUser } from "~/lib/permissions.server";
import {
  addSteeringAction,
  addSteeringAgendaItem,
  closeSteeringAction,
  steeringMeetingFor,
  steeringMeetingView,
  steeringOwners,
} from "~/models/steering-log.server";
import { recordNotFound, requirePermission } from "~/server/auth.server";

/**
 * One steering-group meeting: its agenda items (each with the figure discussed, linked to /stats, and the decision),
 * its actions with owner and due date; for the group and the coordinators, forms to add an item, add an action and
 * close one. Another municipality's meeting does not exist here (404).
 */
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "steering:meeting.title");

export const handle: RouteTexts = { i18n: ["steering"] };

// A send that fails or meets an ended session keeps the forms as typed (app/lib/form-failure.ts).
export { keepFormOnFailure as clientAction, keepDataOnFailure as shouldRevalidate } from "~/lib/form-failure";

type Args = LoaderFunctionArgs | ActionFunctionArgs;

async function meetingOf(args: Args, user: CurrentUser) {
  const meetingId = args.params.meetingId ?? "";
  const meeting = await steeringMeetingFor(user, meetingId);
  return meeting ?? recordNotFound(args, user, "steering_meeting", meetingId);
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "steeringLog:read");
  const meeting = await meetingOf(args, user);
  const view = await steeringMeetingView(user, meeting.id);
  const writes = can(user, "steeringLog:write");
  await audit({
    action: "read",
    user,
    recordType: "steering_meeting",
    recordId: meeting.id,
    requestId: args.context.requestId,
  });
  const today = stockholmDate(new Date());
  return {
    writes,
    meeting,
    items: view.items,
    actions: view.actions.map((a) => ({
      id: a.id,
      agendaItemId: a.agendaItemId,
      description: a.description,
      ownerName: a.ownerName,
      dueOn: a.dueOn,
      closedAt: a.closedAt?.toISOString() ?? null,
      closingNote: a.closingNote,
      overdue: isOverdue(a, today),
    })),
    owners: writes ? await steeringOwners(user) : [],
    itemKey: randomUUID(),
    actionKey: randomUUID(),
  };
}

/** A refused form: which one, its errors per field (translation keys), and what was typed. */
export type Refused = {
  intent: "item" | "action" | "close";
  error: Record<string, string>;
  values: Record<string, string>;
};

export async function action(args: ActionFunctionArgs): Promise<{ refused: Refused } | Response> {
  const user = await requirePermission(args, "steeringLog:write");
  const meeting = await meetingOf(args, user);
  const formData = await readForm(args.request);
  const form: Record<string, string> = {};
  for (const [name, value] of formData) if (typeof value === "string") form[name] = value;
  const intent = form.intent;
  const refuse = (errors: Record<string, string>) => {
    // A form without its key or an action's id is no page of ours.
    if (errors.submissionKey || errors.actionId || errors.intent) throw new Response(null, { status: 400 });
    return { refused: { intent: intent as Refused["intent"], error: errors, values: form } };
  };
  if (intent === "item") {
    const parsed = agendaItemSchema.safeParse(form);
    if (!parsed.success) return refuse(fieldErrors(parsed.error));
    const { figure, intent: _, ...rest } = parsed.data;
    const made = await addSteeringAgendaItem(user, meeting.id, { ...rest, figure: figure === "" ? null : figure });
    if (!made) throw new Response(null, { status: 400 });
    return redirect(`/steering/${meeting.id}?notice=itemAdded#item-${made.id}`);
  }
  if (intent === "action") {
    const parsed = actionSchema.safeParse(form);
    if (!parsed.success) return refuse(fieldErrors(parsed.error));
    const { intent: _, agendaItemId, ...rest } = parsed.data;
    const made = await addSteeringAction(user, meeting.id, { ...rest, agendaItemId: agendaItemId || null });
    if (!made) throw new Response(null, { status: 400 });
    if (!made.ok) {
      const field = made.error === "ownerInvalid" ? "ownerId" : "agendaItemId";
      return refuse({ [field]: `steering:errors.${made.error}` });
    }
    return redirect(`/steering/${meeting.id}?notice=actionAdded#actions-heading`);
  }
  if (intent === "close") {
    const parsed = closeActionSchema.safeParse(form);
    if (!parsed.success) return refuse(fieldErrors(parsed.error));
    const closed = await closeSteeringAction(user, meeting.id, parsed.data.actionId, parsed.data.closingNote);
    if (!closed) return recordNotFound(args, user, "steering_action", parsed.data.actionId);
    return redirect(`/steering/${meeting.id}?notice=actionClosed#actions-heading`);
  }
  throw new Response(null, { status: 400 });
}

export default function SteeringMeeting() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <SteeringMeetingPage data={data} refused={actionData && "refused" in actionData ? actionData.refused : null} />
  );
}
