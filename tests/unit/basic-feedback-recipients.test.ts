import { describe, expect, it } from "vitest";
import { basicFeedbackRecipients } from "~/domain/basic-feedback-recipients";

describe("who gets basic feedback", () => {
  const reporter = "reporter-id";
  const principal = "principal-id";

  it("the reporter who asked for it, and a co-signer", () => {
    expect(
      basicFeedbackRecipients({ wantsFeedback: true, reporterId: reporter, observerId: null, coSignerId: principal }),
    ).toEqual([reporter, principal]);
  });

  it("a co-signer even when the reporter declined it; the reporter then gets none", () => {
    expect(
      basicFeedbackRecipients({ wantsFeedback: false, reporterId: reporter, observerId: null, coSignerId: principal }),
    ).toEqual([principal]);
  });

  it("a reporter outside the portal is a task for reception (null)", () => {
    expect(
      basicFeedbackRecipients({ wantsFeedback: true, reporterId: null, observerId: null, coSignerId: null }),
    ).toEqual([null]);
  });

  it("nobody when nobody asked and nobody co-signed", () => {
    expect(
      basicFeedbackRecipients({ wantsFeedback: false, reporterId: reporter, observerId: null, coSignerId: null }),
    ).toEqual([]);
  });

  it("the colleague who had the concern, when someone reported on their behalf, whatever the reporter chose", () => {
    const observer = "observer-id";
    expect(
      basicFeedbackRecipients({ wantsFeedback: true, reporterId: reporter, observerId: observer, coSignerId: null }),
    ).toEqual([reporter, observer]);
    expect(
      basicFeedbackRecipients({
        wantsFeedback: false,
        reporterId: reporter,
        observerId: observer,
        coSignerId: observer,
      }),
    ).toEqual([observer]);
  });

  it("one entry when the reporter co-signed their own report", () => {
    expect(
      basicFeedbackRecipients({ wantsFeedback: true, reporterId: reporter, observerId: null, coSignerId: reporter }),
    ).toEqual([reporter]);
  });
});
