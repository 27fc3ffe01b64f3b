import type { SerializeFrom } from "@remix-run/node";
import { useActionData, useFetchers, useNavigation, useOutletContext } from "@remix-run/react";
import type { loader } from "~/routes/reports.$reportId_.feedback";
import { ConsentsSection } from "./feedback-consents";
import { ExtendedSection } from "./feedback-extended";
import { isReply } from "./feedback-reply";

/** What the feedback page's loader gives its steps, through the page's <Outlet context>. */
export type FeedbackPageData = SerializeFrom<typeof loader>;

/**
 * A report's consents and extended feedback, with their forms, in the feedback page's <Outlet/>: the component of the
 * page's index route and of its two action routes (consents, extended). The forms post to those routes. With
 * JavaScript they go through fetchers, so the address stays the page's and its answer is the fetcher's; without, the
 * browser loads the step's address, and a refused form's answer is that route's action data, read here.
 */
export function FeedbackSteps() {
  const data = useOutletContext<FeedbackPageData>();
  const answer = useActionData();
  const routeReply = isReply(answer) ? answer : undefined;
  const fetchers = useFetchers();
  const busy = useNavigation().state === "submitting" || fetchers.some((f) => f.state === "submitting");
  return (
    <>
      <ConsentsSection data={data} routeReply={routeReply} busy={busy} />
      <ExtendedSection data={data} routeReply={routeReply} busy={busy} />
    </>
  );
}
