import type { FeedbackReply } from "~/domain/feedback-schema";

/** A refused form's answer (app/domain/feedback-schema.ts), not a failed send's note nor nothing. */
export const isReply = (answer: unknown): answer is FeedbackReply =>
  typeof answer === "object" && answer !== null && "intent" in answer && "result" in answer;

/**
 * The answer to one form: its fetcher's, once it has one (a failed send's note, app/lib/form-failure.ts, is none);
 * before that the route's, as a browser without JavaScript got it.
 */
export function replyOf<I extends FeedbackReply["intent"]>(
  fetcherAnswer: unknown,
  intent: I,
  routeReply: FeedbackReply | undefined,
) {
  const answer = fetcherAnswer !== undefined ? fetcherAnswer : routeReply;
  return isReply(answer) && answer.intent === intent ? (answer as Extract<FeedbackReply, { intent: I }>) : undefined;
}
