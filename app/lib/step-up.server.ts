import { env } from "./env.server";

/**
 * Step-up (issue 22, item 10; docs/decisions/020-step-up.md): a child's identity on a report received more than 30 days
 * ago is shown only when the session gave its second factor in the last 15 minutes. The one place the rule is; pages
 * ask it, and /login/confirm asks for the code again. No export holds identities today; one that does asks it too.
 */

export const STEP_UP_REPORT_AGE_MS = 30 * 24 * 60 * 60 * 1000;
export const STEP_UP_FRESH_MS = 15 * 60 * 1000;

/** What the rule needs of the request's sign-in: whether the user has a second factor, and when the session gave it. */
export interface SignInStrength {
  totpEnabled: boolean;
  secondFactorAt: Date | null;
  /** Signed in at the municipality's provider with more than one factor: a step-up signs in there again. */
  providerMfa?: boolean;
}

/**
 * What showing the identity needs now: null (show it), "code" (the second factor again, at /login/confirm) or "enrol"
 * (the user has no second factor to give: outside demo mode, turn one on under /settings first; social services and
 * administrators cannot get here without one, school staff can). In demo mode a user without a second factor is not
 * asked: demo mode has no second factor for them at all, as sign-in does not ask for one.
 */
export type StepUp = "code" | "enrol" | null;

export function needsStepUp(signIn: SignInStrength, report: { receivedAt: Date }, now: Date = new Date()): StepUp {
  if (now.getTime() - report.receivedAt.getTime() <= STEP_UP_REPORT_AGE_MS) return null;
  if (!signIn.totpEnabled && !signIn.providerMfa) return env().demoMode ? null : "enrol";
  const at = signIn.secondFactorAt;
  return at && now.getTime() - at.getTime() <= STEP_UP_FRESH_MS ? null : "code";
}

interface Identity {
  childName: string;
  childPersonalNumber: string | null;
  childBirthDate: string | null;
  guardians: { name: string; informed: boolean; notInformedReason: string }[];
}

/**
 * A report's content without what identifies the child: name, personal identity number, birth date and the guardians'
 * names (whether each was told, and why not, stay). Free text (observations, the child's words) is shown as written.
 */
export function withoutIdentity<T extends Identity>(content: T) {
  return {
    ...content,
    childName: null,
    childPersonalNumber: null,
    childBirthDate: null,
    guardians: content.guardians.map((g) => ({ ...g, name: null })),
  };
}

/** A list's rows with the child's name left out of each report the rule does not let show now. */
export function namesShown<T extends { childName: string; receivedAt: Date }>(
  rows: T[],
  signIn: SignInStrength,
  now: Date = new Date(),
) {
  return rows.map((row) => ({ ...row, childName: needsStepUp(signIn, row, now) ? null : row.childName }));
}
