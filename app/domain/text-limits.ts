/**
 * The longest text each field of the plain (non-conform) forms takes, in UTF-16 code units as the browser's `maxLength`
 * counts them. The page gives the field this `maxLength` and the action refuses a longer text with a form error that
 * hands back what was typed: a text is never cut. Conform forms take theirs from their zod schema (getZodConstraint).
 */
export const TEXT_LIMITS = {
  note: 10_000,
  supplement: 10_000,
  supplementQuestion: 2_000,
  childHeardNote: 2_000,
  decisionReasons: 5_000,
  reviewComment: 2_000,
  policeNote: 2_000,
  noMeetingNote: 500,
  meetingPlace: 300,
  meetingParticipants: 500,
  declineReason: 500,
  amendment: 2_000,
  feedbackText: 2_000,
  extendedFeedback: 5_000,
  consentGivenBy: 300,
  consentDocument: 200,
  guardianAnswerNote: 1_000,
  /** A deviation from the agreement: what happened, and a coordinator's note on each step of handling it. */
  deviationDescription: 4_000,
  deviationNote: 4_000,
  /** A check-in with a unit: who came (names or roles as written) and the actions agreed. */
  checkInAttendees: 1_000,
  checkInActions: 4_000,
} as const;

/** The longest search text a search field takes (a longer one is searched by its start: nothing is stored). */
export const SEARCH_MAX = 200;

/** The longest password any form takes (login, a new password, one an administrator sets). */
export const PASSWORD_MAX = 200;

/** A plain form's text field, trimmed, and whether it is longer than `max` (the action then refuses the form). */
export function limitedText(formData: FormData, name: string, max: number) {
  const value = String(formData.get(name) ?? "").trim();
  return { value, tooLong: value.length > max };
}
