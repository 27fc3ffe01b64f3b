import { useFetcher, useFetchers, useNavigation } from "@remix-run/react";
import type { CaseIntent, CaseReply } from "~/domain/report-case-schema";
import { useFetcherAnswer } from "~/lib/use-submission-key";

/** A refused step's answer (app/domain/report-case-schema.ts), not a failed send's note nor nothing. */
const isReply = (answer: unknown): answer is CaseReply =>
  typeof answer === "object" && answer !== null && "intent" in answer && "error" in answer;

/**
 * One form of the case page, sent through a fetcher of its own: with JavaScript the page stays at its address and the
 * answer is the fetcher's. Before it has one, the answer is the route's, as a browser without JavaScript got it (the
 * step route that refused renders the page at its own address). `reply` is that answer, if it is this form's.
 */
export function useStepForm(intent: CaseIntent, routeReply: CaseReply | undefined) {
  const fetcher = useFetcher();
  const own = useFetcherAnswer(fetcher.data);
  const answer = own !== undefined ? own : routeReply;
  return { fetcher, reply: isReply(answer) && answer.intent === intent ? answer : undefined };
}

/** The route's answer, for the forms to tell theirs from. */
export const routeReplyOf = (answer: unknown) => (isReply(answer) ? answer : undefined);

/** Whether any form of the page is being sent: its buttons wait. */
export function useBusy() {
  const navigation = useNavigation();
  const fetchers = useFetchers();
  return navigation.state === "submitting" || fetchers.some((f) => f.state === "submitting");
}

/** The report page's step routes (app/routes/reports.$reportId.<step>.tsx). */
type Step =
  | "supplements"
  | "steps"
  | "questions"
  | "notes"
  | "meetings"
  | "links"
  | "kinds"
  | "review"
  | "threat"
  | "investigation";
/** Where a step's forms post. */
export const stepAction = (reportId: string, step: Step) => `/reports/${reportId}/${step}`;
