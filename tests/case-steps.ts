import type { ActionFunctionArgs } from "@remix-run/node";
import * as links from "~/routes/reports.$reportId.links";
import * as investigation from "~/routes/reports.$reportId.investigation";
import * as kinds from "~/routes/reports.$reportId.kinds";
import * as meetings from "~/routes/reports.$reportId.meetings";
import * as notes from "~/routes/reports.$reportId.notes";
import * as questions from "~/routes/reports.$reportId.questions";
import * as review from "~/routes/reports.$reportId.review";
import * as steps from "~/routes/reports.$reportId.steps";
import * as supplements from "~/routes/reports.$reportId.supplements";
import * as threat from "~/routes/reports.$reportId.threat";

/** Which step route of the report page answers each intent (app/routes/reports.$reportId.*.tsx). */
const routes = {
  supplements,
  steps,
  questions,
  notes,
  meetings,
  links,
  kinds,
  review,
  threat,
  investigation,
} as const;
export type CaseStep = keyof typeof routes;

export const STEP_OF: Record<string, CaseStep> = {
  supplement: "supplements",
  assess: "steps",
  assign: "steps",
  childHeard: "steps",
  police: "steps",
  decide: "steps",
  neededSupplement: "steps",
  requestSupplement: "questions",
  note: "notes",
  meeting: "meetings",
  reschedule: "meetings",
  cancelMeeting: "meetings",
  acceptProposal: "meetings",
  held: "meetings",
  noMeeting: "meetings",
  link: "links",
  unlink: "links",
  kinds: "kinds",
  approve: "review",
  return: "review",
  threat: "threat",
  investigationStart: "investigation",
  investigationExtend: "investigation",
  investigationEnd: "investigation",
};

/** The action, address and params a form of the report page with this intent posts to (an unknown one: steps). */
export function caseStep(reportId: string, intent: string | undefined) {
  const step = STEP_OF[intent ?? ""] ?? "steps";
  return {
    handler: routes[step].action as (args: ActionFunctionArgs) => Promise<unknown>,
    path: `/reports/${reportId}/${step}`,
    params: { reportId },
  };
}
