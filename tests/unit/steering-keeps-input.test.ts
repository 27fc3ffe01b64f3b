import { describe, expect, it } from "vitest";
import { type keepDataOnFailure, keepFormOnFailure } from "~/lib/form-failure";
import * as meetingPage from "~/routes/steering.$meetingId";
import * as newMeeting from "~/routes/steering.new";

/** The steering log's forms keep what was typed when a send fails or meets an ended session, as the others do. */
describe("the steering log's forms, on a failed send", () => {
  const routes: [string, Record<string, unknown>][] = [
    ["steering.new", newMeeting],
    ["steering.$meetingId", meetingPage],
  ];
  const args = (actionResult: unknown) =>
    ({ actionResult, defaultShouldRevalidate: true }) as Parameters<typeof keepDataOnFailure>[0];

  it.each(routes)("%s runs its action through keepFormOnFailure and keeps its data after a failure", (_, route) => {
    expect(route.clientAction).toBe(keepFormOnFailure);
    expect(typeof route.shouldRevalidate).toBe("function");
    const shouldRevalidate = route.shouldRevalidate as typeof keepDataOnFailure;
    expect(shouldRevalidate(args({ formFailure: "notSent" }))).toBe(false);
    expect(shouldRevalidate(args({ formFailure: "signedOut" }))).toBe(false);
    expect(shouldRevalidate(args(undefined))).toBe(true);
  });
});
