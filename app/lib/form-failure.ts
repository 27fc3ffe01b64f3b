import {
  isRouteErrorResponse,
  type ClientActionFunctionArgs,
  type ShouldRevalidateFunctionArgs,
} from "@remix-run/react";
import { useSyncExternalStore } from "react";

/**
 * A form sent with JavaScript whose answer is a failure (no answer, a 5xx) or the login page (the session ended) would
 * put the error page or the login page where the form was, and everything typed would be gone. The routes with forms
 * people spend time on run their action through `keepFormOnFailure` instead: the page stays as it is, and the frame
 * says what happened (app/components/form-failure.tsx). Without JavaScript the browser keeps the form on Back.
 */
export type FormFailureKind = "notSent" | "signedOut";
export interface FormFailure {
  formFailure: FormFailureKind;
}

let current: { kind: FormFailureKind; at: number } | null = null;
const listeners = new Set<() => void>();

function announce(next: typeof current) {
  if (next === current) return;
  current = next;
  for (const listener of listeners) listener();
}

export function clearFormFailure() {
  announce(null);
}

/** The latest failure on this page, until an action succeeds or the page changes. */
export function useFormFailure() {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
    () => null,
  );
}

function isLoginRedirect(response: Response) {
  const location = response.headers.get("Location");
  return (
    response.status >= 300 && response.status < 400 && !!location && new URL(location, "http://x").pathname === "/login"
  );
}

/** A route's `clientAction`: the server's action, with failures kept on the page (see above). */
export async function keepFormOnFailure({ serverAction }: ClientActionFunctionArgs): Promise<unknown> {
  let failure: FormFailureKind;
  try {
    const result = await serverAction();
    clearFormFailure();
    return result;
  } catch (error) {
    if (error instanceof Response) {
      // Any other redirect is where the action sends the user (a receipt, the saved record).
      if (!isLoginRedirect(error)) throw error;
      failure = "signedOut";
    } else if (isRouteErrorResponse(error) && error.status < 500) {
      // Refused on purpose (400, 403, 404): the error page says why.
      throw error;
    } else {
      // No answer, an answer that could not be read, or a server error: it may or may not have been done.
      failure = "notSent";
    }
  }
  announce({ kind: failure, at: Date.now() });
  return { formFailure: failure } satisfies FormFailure;
}

export function isFormFailure(result: unknown): result is FormFailure {
  return typeof result === "object" && result !== null && "formFailure" in result;
}

/**
 * A route's `shouldRevalidate` with `keepFormOnFailure`: after a failure the page's data is not loaded again (with the
 * session gone its loader would send the page to the login page, and a fresh submission key would make the retry a
 * second record).
 */
export function keepDataOnFailure({ actionResult, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  return isFormFailure(actionResult) ? false : defaultShouldRevalidate;
}
