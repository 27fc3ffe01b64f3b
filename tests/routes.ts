import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { runInRequest } from "~/lib/request-context.server";
import { testContext } from "./factories";

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;

export interface RouteResult {
  status: number;
  location: string | null;
  data: unknown;
  /** The response's Set-Cookie headers. */
  cookies: string[];
}

/**
 * Calls a route's loader or action the way Remix does and reports what the browser would get:
 * a thrown or returned Response gives its status, plain data gives 200.
 */
export async function callRoute(
  handler: Handler | undefined,
  input: {
    path: string;
    params?: Record<string, string>;
    cookie?: string;
    method?: string;
    form?: Record<string, string>;
    /** A body sent exactly as given, in place of `form` (its Content-Type goes in `headers`). */
    body?: string | Uint8Array;
    headers?: Record<string, string>;
    /** What differs from the usual load context (say, a client address of the test's own). */
    context?: Partial<AppLoadContext>;
  },
): Promise<RouteResult> {
  if (!handler) throw new Error(`No handler for ${input.method ?? "GET"} ${input.path}`);
  const headers = new Headers(input.headers);
  if (input.cookie) headers.set("Cookie", input.cookie);
  const init: RequestInit = { method: input.method ?? "GET", headers };
  if (input.form) init.body = new URLSearchParams(input.form);
  if (input.body !== undefined) init.body = input.body as BodyInit;
  const request = new Request(`http://localhost${input.path}`, init);
  try {
    const context = testContext(input.context);
    // As scripts/server.ts does for every request.
    const result = await runInRequest(context.requestId, () =>
      handler({ request, params: input.params ?? {}, context }),
    );
    if (result instanceof Response) return fromResponse(result, null);
    return { status: 200, location: null, data: result, cookies: [] };
  } catch (thrown) {
    if (thrown instanceof Response) return fromResponse(thrown, null);
    throw thrown;
  }
}

function fromResponse(response: Response, data: unknown): RouteResult {
  return {
    status: response.status,
    location: response.headers.get("Location"),
    data,
    cookies: response.headers.getSetCookie(),
  };
}
