import type { ClientActionFunctionArgs } from "@remix-run/react";
import { describe, expect, it } from "vitest";
import { isFormFailure, keepDataOnFailure, keepFormOnFailure } from "~/lib/form-failure";

/** What the browser's route action gets when the server's action answers so. */
const sent = (serverAction: () => Promise<unknown>) =>
  keepFormOnFailure({
    serverAction,
    request: new Request("http://localhost/x", { method: "POST" }),
    params: {},
  } as unknown as ClientActionFunctionArgs);

const redirectTo = (location: string) => new Response(null, { status: 302, headers: { Location: location } });
/** As Remix hands a thrown 4xx/5xx response to the browser (isRouteErrorResponse's shape). */
const errorResponse = (status: number) => ({ status, statusText: "", internal: false, data: null });

async function thrown(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("nothing was thrown");
}

describe("keepFormOnFailure, a form's action in the browser", () => {
  it("passes the action's data and its redirects through", async () => {
    expect(await sent(async () => ({ autosaved: "2026-12-06T08:00:00.000Z" }))).toEqual({
      autosaved: "2026-12-06T08:00:00.000Z",
    });
    const receipt = redirectTo("/reports/1/receipt");
    expect(await thrown(sent(() => Promise.reject(receipt)))).toBe(receipt);
  });

  it("keeps the page when the session has ended, instead of going to the login page", async () => {
    const result = await sent(() => Promise.reject(redirectTo("/login?redirectTo=%2Freports%2Fnew")));
    expect(result).toEqual({ formFailure: "signedOut" });
    expect(isFormFailure(result)).toBe(true);
  });

  it("keeps the page when no answer arrives, or a server error does", async () => {
    expect(await sent(() => Promise.reject(new TypeError("Failed to fetch")))).toEqual({ formFailure: "notSent" });
    expect(await sent(() => Promise.reject(new Error("Unable to decode turbo-stream response")))).toEqual({
      formFailure: "notSent",
    });
    expect(await sent(() => Promise.reject(errorResponse(503)))).toEqual({ formFailure: "notSent" });
  });

  it("lets a deliberate refusal (4xx) reach the error page", async () => {
    const notFound = errorResponse(404);
    expect(await thrown(sent(() => Promise.reject(notFound)))).toBe(notFound);
  });

  it("does not load the page's data again after a failure, and does otherwise", () => {
    const args = (actionResult: unknown) =>
      ({ actionResult, defaultShouldRevalidate: true }) as Parameters<typeof keepDataOnFailure>[0];
    expect(keepDataOnFailure(args({ formFailure: "signedOut" }))).toBe(false);
    expect(keepDataOnFailure(args({ formFailure: "notSent" }))).toBe(false);
    expect(keepDataOnFailure(args({ result: {} }))).toBe(true);
    expect(keepDataOnFailure(args(undefined))).toBe(true);
  });
});
