import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SteeringOverview } from "~/components/steering-log";
import { stockholmDate } from "~/domain/deadlines";
import { isOverdue } from "~/domain/steering-log";
import { audit } from "~/lib/audit.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { can } from "~/lib/permissions.server";
import { listSteeringMeetings, openSteeringActions } from "~/models/steering-log.server";
import { requirePermission } from "~/server/auth.server";

/**
 * The steering group's log: its meetings, the latest first, and every action still open with its owner and due date
 * (those past it marked), until someone closes it on its meeting's page.
 */
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "steering:list.title");

export const handle: RouteTexts = { i18n: ["steering"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "steeringLog:read");
  const [meetings, actions] = await Promise.all([listSteeringMeetings(user), openSteeringActions(user)]);
  await audit({
    action: "list",
    user,
    recordType: "steering_meeting",
    requestId: args.context.requestId,
    details: { count: meetings.length, openActions: actions.length },
  });
  const today = stockholmDate(new Date());
  return {
    writes: can(user, "steeringLog:write"),
    meetings,
    openActions: actions.map((a) => ({
      id: a.id,
      meetingId: a.meetingId,
      meetingTitle: a.meetingTitle,
      description: a.description,
      ownerName: a.ownerName,
      dueOn: a.dueOn,
      overdue: isOverdue(a, today),
    })),
  };
}

export default function SteeringLog() {
  return <SteeringOverview data={useLoaderData<typeof loader>()} />;
}
