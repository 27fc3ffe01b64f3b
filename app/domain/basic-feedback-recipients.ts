/**
 * Who gets basic feedback on a report (SoL 14 kap. 1 b §: that it was received, and whether an investigation was
 * opened): the reporter, when they asked for it, a co-signing principal, and the colleague who had the concern when
 * someone reported on their behalf (the Helsingborg audit found such staff never told what came of it; the reporter's
 * choice not to be told is theirs alone). A reporter outside the portal (a phone or paper report) is `null`: reception
 * gives the feedback by phone or letter and ticks it off. Nobody else is told anything about the report without the
 * guardians' consent (app/domain/consent-coverage.ts).
 */
export function basicFeedbackRecipients(report: {
  wantsFeedback: boolean;
  reporterId: string | null;
  observerId: string | null;
  coSignerId: string | null;
}): (string | null)[] {
  const recipients = new Set<string | null>();
  if (report.wantsFeedback) recipients.add(report.reporterId);
  if (report.observerId) recipients.add(report.observerId);
  if (report.coSignerId) recipients.add(report.coSignerId);
  return [...recipients];
}
