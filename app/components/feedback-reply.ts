import { useEffect, useRef, useState } from "react";
import type { FeedbackReply } from "~/domain/feedback-schema";

/** A refused form's answer (app/domain/feedback-schema.ts), not a failed send's note nor nothing. */
export const isReply = (answer: unknown): answer is FeedbackReply =>
  typeof answer === "object" && answer !== null && "intent" in answer && "result" in answer;

/**
 * The answer to one form: its fetcher's, once it has one (a failed send's note, app/lib/form-failure.ts, is none);
 * before that the route's, as a browser without JavaScript got it.
 */
export function replyOf<I extends FeedbackReply["intent"]>(
  fetcher: { data?: unknown },
  intent: I,
  routeReply: FeedbackReply | undefined,
) {
  const answer = fetcher.data !== undefined ? fetcher.data : routeReply;
  return isReply(answer) && answer.intent === intent ? (answer as Extract<FeedbackReply, { intent: I }>) : undefined;
}

/**
 * useSubmissionKey (app/lib/use-submission-key.ts) for a create form sent through a fetcher: the form keeps the key it
 * was first given, and takes the loader's newest only when its send has gone through (the action redirected, so the
 * fetcher ends without data). A refused or failed send keeps the key, so a resend finds the first one's row.
 */
export function useFetcherSubmissionKey(
  fresh: string,
  fetcher: { state: string; formData?: FormData; data?: unknown },
) {
  const [key, setKey] = useState(fresh);
  const sending = fetcher.formData?.get("submissionKey") === key;
  const submitted = useRef(false);
  useEffect(() => {
    if (sending) submitted.current = true;
    else if (submitted.current && fetcher.state === "idle") {
      submitted.current = false;
      if (fetcher.data === undefined) setKey(fresh);
    }
  }, [sending, fetcher.state, fetcher.data, fresh]);
  return key;
}
